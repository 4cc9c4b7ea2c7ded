"""Read articles from files and folders: plain text as scraped, HTML (also gzipped), JSONL.

This is the only stage that touches the file system. Bytes of unknown encoding are decoded by
detection (byte-order marks, the page's own ``<meta charset>``, strict UTF-8, then charset-normalizer),
never by hoping for UTF-8. Inputs that cannot be used become :class:`Rejected` records with a reason
and a one-line message; the rest of the run goes on.
"""

from __future__ import annotations

import codecs
import dataclasses
import gzip
import hashlib
import io
import json
import os
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from charset_normalizer import from_bytes

from newsweave.config import IngestOptions
from newsweave.errors import NoArticles, SourceNotFound
from newsweave.model import Document, DocumentKind, Rejected

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".opml", ".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
# Magic numbers of formats that are certainly not articles.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"MZ")


def read_inputs(
    paths: Iterable[str | Path], *, options: IngestOptions | None = None
) -> tuple[list[Document], list[Rejected]]:
    """Read every article from files and folders.

    Args:
        paths: files or folders (read recursively, in name order).
        options: ingest options.

    Returns:
        The documents read (with unique ids) and the inputs rejected, in input order.

    Raises:
        SourceNotFound: a path does not exist.
        NoArticles: nothing usable was read at all.
    """
    opts = options or IngestOptions()
    files, rejected = discover(paths, options=opts)
    documents: list[Document] = []
    for path in files:
        for item in read_file(path, options=opts):
            if isinstance(item, Document):
                documents.append(item)
            else:
                rejected.append(item)
    documents = assign_unique_ids(documents)
    if not documents:
        what = ", ".join(f"{r.source} ({r.reason})" for r in rejected[:5]) or "no input files found"
        raise NoArticles(f"no usable article in the input: {what}")
    return documents, rejected


def discover(paths: Iterable[str | Path], *, options: IngestOptions | None = None) -> tuple[list[Path], list[Rejected]]:
    """List the files to read: files as given, folders expanded recursively to known article types.

    Files inside folders with other suffixes (a README.md, images) are reported as rejected
    ``unsupported`` rather than guessed at; a file named explicitly is always read (its type sniffed).

    Raises:
        SourceNotFound: a path does not exist.
    """
    opts = options or IngestOptions()
    files: list[Path] = []
    rejected: list[Rejected] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise SourceNotFound("no such file or folder", source=path_text(path))
        if path.is_file():
            files.append(path)
            continue
        found = False
        unreadable: list[OSError] = []
        # os.walk, not Path.rglob: rglob skips a folder it cannot read without a word
        walked = [Path(top) / name for top, _dirs, names in os.walk(path, onerror=unreadable.append) for name in names]
        for error in unreadable:
            where = path_text(error.filename) if error.filename else path_text(path)
            rejected.append(Rejected(where, "unreadable", f"cannot read folder: {error.strerror or error}"))
        for child in sorted(walked):
            if not child.is_file():
                continue
            rel = child.relative_to(path)
            if not opts.follow_hidden and any(part.startswith(".") for part in rel.parts):
                continue
            if _base_suffix(child) in KNOWN_SUFFIXES:
                files.append(child)
                found = True
            else:
                rejected.append(
                    Rejected(path_text(child), "unsupported", f"not an article type ({child.suffix or 'no suffix'})")
                )
        if not found:
            rejected.append(Rejected(path_text(path), "empty_folder", "folder holds no .txt, .html or .jsonl file"))
    return files, rejected


def read_file(path: Path, *, options: IngestOptions | None = None) -> Iterator[Document | Rejected]:
    """Read one file into documents (one, or one per JSONL line) or rejections. Never raises on content."""
    opts = options or IngestOptions()
    source = path_text(path)
    try:
        size = path.stat().st_size
        if _base_suffix(path) in JSONL_SUFFIXES:
            yield from _read_jsonl(path, opts)
            return
        if _base_suffix(path) in WARC_SUFFIXES:
            from newsweave.ingest.warc import read_warc

            yield from read_warc(path, options=opts)
            return
        if size > opts.max_bytes:  # compressed too: text never compresses to more than it was
            yield _too_large(source, size, opts)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejected(source, "unreadable", f"cannot read file: {exc.strerror or exc}")
        return
    yield from _read_bytes(data, source=source, path=path, options=opts)


def _read_bytes(
    data: bytes, *, source: str, path: Path, options: IngestOptions, jsonl: bool = False
) -> Iterator[Document | Rejected]:
    """Bytes of one input (gzipped or not): JSONL rows (with ``jsonl``), a feed's entries, or a document."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = _gunzip(data, options.max_bytes)
        except _TooLarge as exc:
            yield Rejected(source, "too_large", str(exc))
            return
        except ValueError as exc:
            yield Rejected(source, "corrupt", str(exc))
            return
    if jsonl:
        yield from _jsonl_rows(io.BytesIO(data), path, options)
    elif _base_suffix(path) in FEED_SUFFIXES or _sniff_feed(data):
        yield from _read_feed_bytes(data, source=source, options=options)
    else:
        yield from _document_from_bytes(data, source=source, path=path, options=options)


def _sniff_feed(data: bytes) -> bool:
    from newsweave.ingest.feeds import looks_like_feed, looks_like_opml

    return looks_like_feed(data) or looks_like_opml(data)


def _read_feed_bytes(data: bytes, *, source: str, options: IngestOptions) -> Iterator[Document | Rejected]:
    from newsweave.ingest.feeds import looks_like_opml, opml_feeds, read_feed

    if looks_like_opml(data):
        urls = opml_feeds(data, source=source)
        if isinstance(urls, Rejected):
            yield urls
            return
        for url in urls:
            yield from read_url(url, options=options)
        return
    yield from read_feed(data, source=source, options=options)


def is_url(source: str | Path) -> bool:
    """``source`` is an http(s) URL rather than a path."""
    return str(source).startswith(("http://", "https://"))


def read_url(url: str, *, options: IngestOptions | None = None) -> Iterator[Document | Rejected]:
    """Fetch a URL: a feed or OPML list gives its entries, a page gives itself."""
    from newsweave.ingest.fetch import Fetched, fetch, page_document

    opts = options or IngestOptions()
    got = fetch(url, timeout=opts.timeout, max_bytes=opts.max_bytes, allow_private=opts.allow_private)
    if not isinstance(got, Fetched):
        yield got
        return
    ctype = got.content_type.lower()
    if any(t in ctype for t in ("rss", "atom", "feed+json", "opml")) or _sniff_feed(got.data):
        yield from _read_feed_bytes(got.data, source=url, options=opts)
        return
    yield page_document(got, source=url)


def read_sources(
    sources: Iterable[str | Path], *, options: IngestOptions | None = None
) -> Iterator[Document | Rejected]:
    """Read files, folders and URLs in turn, one input at a time (bounded memory), for streaming ingest.

    Raises:
        SourceNotFound: a path does not exist (checked for all paths before anything is read).
    """
    opts = options or IngestOptions()
    items = list(sources)
    files, rejected = discover([s for s in items if not is_url(s)], options=opts)
    yield from rejected
    for source in items:
        if is_url(source):
            yield from read_url(str(source), options=opts)
    for path in files:
        yield from read_file(path, options=opts)


def decode(data: bytes, *, html: bool = False) -> tuple[str, str, list[str]]:
    """Decode bytes of unknown encoding.

    Args:
        data: the raw bytes.
        html: look for a ``<meta charset>`` declaration first.

    Returns:
        ``(text, encoding, warnings)``; warnings say when bytes had to be replaced.

    Raises:
        ValueError: the bytes are not text in any encoding charset-normalizer knows.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc.replace("-sig", ""), []
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            declared = match.group(1).decode("ascii", "ignore").lower()
            try:
                return data.decode(declared), declared, []
            except (LookupError, UnicodeDecodeError):
                pass  # the declaration lies more often than you would think: detect instead
    if utf16 := _utf16_without_bom(data):
        return data.decode(utf16, errors="replace"), utf16, []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if mixed := _utf8_with_cp1252(data):
        return mixed
    encoding = _detect_encoding(data[:200_000])
    if encoding:
        return data.decode(encoding, errors="replace"), encoding, []
    # Mostly UTF-8 with a few broken bytes: keep the text, say what happened.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad and bad / max(len(text), 1) < 0.01:
        return text, "utf-8", [f"{bad} undecodable byte(s) replaced (first at byte {utf8_error.start})"]
    raise ValueError("undecodable bytes: not text in any known encoding")


# -- internals -----------------------------------------------------------------------------------

# Languages written in windows-1250 (Central European) rather than windows-1252 (Western).
_CP1250_LANGUAGES = {"pl", "cs", "sk", "hu", "sl", "hr", "bs", "sr", "ro", "sq"}


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _utf8_with_cp1252(data: bytes) -> tuple[str, str, list[str]] | None:
    """A UTF-8 text with some lines in windows-1252 (a paragraph pasted from another source): read as
    UTF-8, each byte that is not UTF-8 read as windows-1252, with a warning. Only when the text holds
    UTF-8 sequences of several bytes (two, or one of three or four bytes: "é", "’"), which a text in
    windows-1252 almost never holds by chance ("Ã©", "â€™"); a text wholly in another encoding is
    detected instead."""
    sequences = _UTF8_MULTIBYTE.findall(data)
    if len(sequences) < 2 and not any(len(seq) > 2 for seq in sequences):
        return None
    foreign = data.decode("utf-8", errors="replace").count("\ufffd") - data.count("\ufffd".encode())
    text = data.decode("utf-8", errors="newsweave-cp1252")
    return (
        text,
        "utf-8",
        [f"{foreign} byte(s) that are not UTF-8 replaced (read as windows-1252, or U+FFFD where cut off)"],
    )


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    if exc.reason == "unexpected end of data":
        return "\ufffd", exc.end  # a sequence cut off at the end, as scrapers leave them
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("newsweave-cp1252", _cp1252_fallback)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for text saved in UTF-16 without a byte-order mark: every other
    byte is zero in a Latin-script text (at least 40% of the odd or even bytes, almost none of the
    others), and the decoded text is printable."""
    head = data[:4096]
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd >= 0.4 and zeros_even < 0.05:
        guess = "utf-16-le"
    elif zeros_even >= 0.4 and zeros_odd < 0.05:
        guess = "utf-16-be"
    else:
        return None
    sample = head[: len(head) // 2 * 2].decode(guess, errors="replace")
    printable = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
    return guess if printable / max(len(sample), 1) > 0.95 else None


_DOS_OR_MAC = ("cp437", "cp85", "cp86", "mac")
# windows-1252's (and windows-1250's) typographic marks: ‘ ’ “ ” • – — … ‚ „
_WINDOWS_MARKS = frozenset(b"\x91\x92\x93\x94\x95\x96\x97\x85\x82\x84")


def _windows_punctuation(sample: bytes) -> bool:
    """Whether every byte from 0x80 to 0x9F is a Windows typographic mark (and there is one): a
    windows-125x text, where a DOS code page would put letters there."""
    c1 = [b for b in sample if 0x80 <= b <= 0x9F]
    return bool(c1) and all(b in _WINDOWS_MARKS for b in c1)


def _detect_encoding(sample: bytes) -> str | None:
    """charset-normalizer's pick, with its cp1250/cp1252 coin toss settled by the text's language.

    On a short article the two often tie (same chaos, same coherence) and charset-normalizer then
    picks cp1250, turning a Spanish "año" into "ańo" and a French "très" into "trčs". When both are
    (nearly) as good, the language decides: Central European languages get cp1250, others cp1252.
    """
    results = from_bytes(sample)
    best = results.best()
    if best is None or not best.encoding:
        return None
    tied = {
        enc
        for m in results
        if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.05
        for enc in m.could_be_from_charset
    }
    if str(best.encoding).startswith(_DOS_OR_MAC) and _windows_punctuation(sample):
        tied |= {"cp1250", "cp1252"}  # curly quotes and dashes of Windows, read as DOS letters ("countryĺs")
    if {"cp1250", "cp1252"} <= tied:
        import py3langid  # already a dependency (language identification); loaded only on a tie

        language = str(py3langid.classify(str(best))[0])
        return "cp1250" if language in _CP1250_LANGUAGES else "cp1252"
    return str(best.encoding)


def _base_suffix(path: Path) -> str:
    """``a.html.gz`` -> ``.html``; ``a.txt`` -> ``.txt``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _too_large(source: str, size: int, opts: IngestOptions) -> Rejected:
    return Rejected(
        source,
        "too_large",
        f"{size / 1e6:.1f} MB is over the {opts.max_bytes / 1e6:.0f} MB limit for one article "
        "(raise it with --max-bytes if this really is one article)",
    )


class _TooLarge(ValueError):
    """Decompressed data over the size limit."""


def _gunzip(data: bytes, limit: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=_BytesReader(data)) as fh:  # type: ignore[call-overload]
            out = fh.read(limit + 1)
    except (OSError, EOFError) as exc:
        raise ValueError(f"corrupt gzip data: {exc}") from exc
    if len(out) > limit:
        raise _TooLarge(f"decompresses to more than the {limit / 1e6:.0f} MB limit for one article")
    return out


class _BytesReader:
    """Minimal file object over bytes (io.BytesIO copies; pages can be large)."""

    def __init__(self, data: bytes) -> None:
        self._view = memoryview(data)
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._view) if size < 0 else min(len(self._view), self._pos + size)
        chunk = bytes(self._view[self._pos : end])
        self._pos = end
        return chunk


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" in head:
        return True  # UTF-16/32 without a BOM is vanishingly rare in scraped news; BOMs are handled
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / max(len(head), 1) > 0.05


def _document_from_bytes(
    data: bytes,
    *,
    source: str,
    path: Path,
    options: IngestOptions,
    fields: dict[str, str] | None = None,
    sha: str | None = None,
) -> Iterator[Document | Rejected]:
    if not data.strip():
        yield Rejected(source, "empty", "empty file")
        return
    has_bom = any(data.startswith(bom) for bom, _ in _BOMS)
    if not has_bom and _looks_binary(data) and not _utf16_without_bom(data):
        yield Rejected(source, "binary", "binary data, not an article (text, HTML or JSONL expected)")
        return
    suffix = _base_suffix(path)
    sniff_html = suffix in HTML_SUFFIXES or (
        suffix not in TEXT_SUFFIXES and bool(_HTML_SNIFF.match(data[:512].decode("latin-1")))
    )
    try:
        text, encoding, warnings = decode(data, html=sniff_html)
    except ValueError as exc:
        yield Rejected(source, "undecodable", str(exc))
        return
    kind: DocumentKind = "html" if sniff_html else "text"
    if not text.strip():
        yield Rejected(source, "empty", "no text after decoding")
        return
    meta = fields or {}
    yield Document(
        id=_proposed_id(path),
        source=source,
        content=text,
        kind=kind,
        encoding=encoding,
        sha256=sha or hashlib.sha256(data).hexdigest(),
        raw=data,
        url=meta.get("url"),
        title=meta.get("title"),
        published=meta.get("published"),
        outlet=meta.get("outlet"),
        warnings=tuple(warnings),
    )


def _read_jsonl(path: Path, opts: IngestOptions) -> Iterator[Document | Rejected]:
    opener = gzip.open if path.name.endswith(".gz") else open
    rows = 0
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            for item in _jsonl_rows(fh, path, opts):
                rows += 1
                yield item
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        # a truncated or damaged .jsonl.gz: the rows before the damage are kept, the rest reported
        why = "truncated" if isinstance(exc, EOFError) else f"corrupt ({exc})"
        yield Rejected(path_text(path), "corrupt", f"compressed data {why} after {rows} rows: the rest is lost")


def _jsonl_rows(fh: _LineReader, path: Path, opts: IngestOptions) -> Iterator[Document | Rejected]:
    rows = 0
    for lineno, raw in enumerate(_lines(fh, opts.max_bytes), start=1):
        source = f"{path_text(path)}#L{lineno}"
        if isinstance(raw, int):
            rows += 1
            yield _too_large(source, raw, opts)
            continue
        if not raw.strip():
            continue
        rows += 1
        try:
            row = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
            yield Rejected(source, "invalid_jsonl", f"line {lineno}: invalid JSON ({msg})")
            continue
        yield document_from_record(
            row,
            source=source,
            raw=raw.rstrip(b"\r\n"),
            # a row without an id is named by its content, not its line: the same rows in another
            # order are the same articles (the line stays in ``source``)
            fallback_id=f"{_proposed_id(path)}-{hashlib.sha256(raw.rstrip(_EOL)).hexdigest()[:10]}",
            where=f"line {lineno}: ",
        )
    if rows == 0:
        yield Rejected(path_text(path), "empty", "JSONL file has no rows")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


_JSONL_LINE = re.compile(r"#L\d+$")


def document_from_raw(
    source: str, kind: str, encoding: str | None, content: bytes, *, sha256: str
) -> Document | Rejected:
    """A stored input read again from its bytes, as it was read the first time: a JSONL row (its
    ``source`` ends in ``#L<n>``) from its JSON object, a page or a text from its bytes (``kind`` says
    which). Used to clean what a store holds again (``newsweave reclean``)."""
    if _JSONL_LINE.search(source):
        try:
            row = json.loads(content)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return Rejected(source, "invalid_jsonl", "stored row is not valid JSON")
        doc = document_from_record(row, source=source, raw=content, fallback_id=sha256[:16])
        return doc if isinstance(doc, Rejected) else dataclasses.replace(doc, sha256=sha256)
    try:
        text, used, warnings = decode(content, html=kind == "html")
    except ValueError as exc:
        return Rejected(source, "undecodable", str(exc))
    return Document(
        id=sha256[:16],
        source=source,
        content=text,
        kind="html" if kind == "html" else "text",
        encoding=encoding or used,
        sha256=sha256,
        raw=content,
        warnings=tuple(warnings),
    )


def document_from_record(
    row: object, *, source: str, raw: bytes | None = None, fallback_id: str, where: str = ""
) -> Document | Rejected:
    """One article given as a JSON object (a JSONL line, or a record posted to the HTTP API).

    Args:
        row: the decoded object: ``text`` or ``html`` (required), ``id``, ``url``, ``title``,
            ``published`` (or ``date``), ``outlet``.
        source: where it came from, for messages and tracing.
        raw: the bytes it was decoded from (hashed and kept); default: its canonical JSON.
        fallback_id: the id to use when the record has none.
        where: prefix of rejection messages (``"line 3: "``).

    Returns:
        The document, or a :class:`Rejected` record saying what is wrong with the object.
    """
    if not isinstance(row, dict):
        return Rejected(source, "invalid_jsonl", f"{where}a JSON object is expected")
    # JSON may escape a lone surrogate ("\ud800"), which no UTF-8 text can hold: U+FFFD stands for it,
    # as a decoder does for a bad byte (the row's raw bytes keep the escape)
    row = {k: _LONE_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in row.items()}
    body = row.get("html") if isinstance(row.get("html"), str) else row.get("text")
    if not isinstance(body, str):
        return Rejected(source, "invalid_jsonl", f"{where}needs a 'text' or 'html' string field")
    kind: DocumentKind = "html" if isinstance(row.get("html"), str) else "text"
    fields = {k: str(row[k]) for k in ("url", "title", "published", "outlet") if row.get(k) not in (None, "")}
    if "published" not in fields and row.get("date"):
        fields["published"] = str(row["date"])
    if not body.strip():
        return Rejected(source, "empty", f"{where}empty '{'html' if kind == 'html' else 'text'}'")
    if raw is None:
        raw = json.dumps(row, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return Document(
        id=str(row["id"]) if row.get("id") not in (None, "") else fallback_id,
        source=source,
        content=body,
        kind=kind,
        encoding="utf-8",
        sha256=hashlib.sha256(raw).hexdigest(),
        raw=raw,
        url=fields.get("url"),
        title=fields.get("title"),
        published=fields.get("published"),
        outlet=fields.get("outlet"),
    )


def read_bytes(data: bytes, *, name: str, options: IngestOptions | None = None) -> Iterator[Document | Rejected]:
    """Read an upload: bytes with a file name (text, HTML, JSONL or a feed), as :func:`read_file` reads a file.

    The name's suffix says how to read the bytes, as for files; WARC archives are read from files only.
    Never raises on content: what cannot be used is a :class:`Rejected` record.
    """
    opts = options or IngestOptions()
    path = Path(Path(name).name or "upload")
    suffix = _base_suffix(path)
    if len(data) > opts.max_bytes:
        yield _too_large(name, len(data), opts)
        return
    if suffix in WARC_SUFFIXES:
        yield Rejected(name, "unsupported", "WARC archives are read from files: newsweave ingest FILE.warc.gz")
        return
    yield from _read_bytes(data, source=name, path=path, options=opts, jsonl=suffix in JSONL_SUFFIXES)


class _LineReader(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def _lines(fh: _LineReader, limit: int) -> Iterator[bytes | int]:
    """The lines of a binary file; for a line longer than ``limit`` bytes, its length instead.

    A line is never held in memory beyond ``limit`` bytes (a 50 MB line is skipped, not read whole).
    """
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        if len(raw) <= limit:
            yield raw
            continue
        size = len(raw)
        while raw and not raw.endswith(b"\n"):
            raw = fh.readline(1 << 20)
            size += len(raw)
        yield size


_EOL = b"\r\n"


def path_text(path: str | Path) -> str:
    """A path as text that can be stored and printed: bytes of a file name that are not UTF-8 (read by
    Python as lone surrogates) written as ``\\xfe`` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _proposed_id(path: Path) -> str:
    """``000_b749a60d.txt`` -> ``000``; ``page.html.gz`` -> ``page``."""
    name = path_text(path.name)
    for suffix in reversed(path.suffixes):
        if name.lower().endswith(suffix.lower()) and len(name) > len(suffix):
            name = name[: -len(suffix)]
        if suffix.lower() not in KNOWN_SUFFIXES | {".gz"}:
            break
    head = name.split("_", 1)[0]
    return head or name


def assign_unique_ids(documents: list[Document]) -> list[Document]:
    """Make ids unique: first ``000``; on a clash, the whole file stem; then a ``-2``, ``-3`` suffix."""
    counts = Counter(d.id for d in documents)
    seen: set[str] = set()
    out: list[Document] = []
    for doc in documents:
        new_id = doc.id
        if counts[doc.id] > 1 and "#L" not in doc.source:
            stem = Path(doc.source).name.split(".", 1)[0]
            new_id = stem or doc.id
        base, n = new_id, 2
        while new_id in seen:
            new_id, n = f"{base}-{n}", n + 1
        seen.add(new_id)
        out.append(doc if new_id == doc.id else dataclasses.replace(doc, id=new_id))
    return out
