"""WARC files as Common Crawl publishes them (read by warcio): each HTML ``response`` record is a page.

The file is first cut into records, so that one damaged record never costs another: a ``.warc.gz``
into its gzip members (one per record), a plain ``.warc`` at each ``WARC/1.x`` line that follows a
record's end. Each record is then read on its own:

* a record warcio cannot read (a garbled header) is reported as ``corrupt_record`` with its offset,
  and the next record is read as usual;
* a record whose ``Content-Length`` disagrees with the bytes it holds is read with the bytes it
  holds, and the page says so in its warnings (a length too long used to swallow the records after
  it, unreported);
* an archive that ends inside a record (a truncated download) reports that record as
  ``truncated_record``, and keeps no partial page.

Records that are not HTML or text pages (robots.txt, images, requests, metadata) are skipped
silently, as Common Crawl's own tools do.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsweave.config import IngestOptions
from newsweave.ingest import path_text
from newsweave.model import Document, Rejected

_GZIP_MAGIC = b"\x1f\x8b\x08"
# A record starts at the file's start or after the blank line that ends the record before it.
_RECORD_START = re.compile(rb"\r\n\r\n(WARC/1\.[01]\r\n)")
_CHUNK = 1 << 20


def read_warc(path: Path, *, options: IngestOptions | None = None) -> Iterator[Document | Rejected]:
    """The pages of a WARC file (plain or gzipped, one gzip member per record)."""
    opts = options or IngestOptions()
    name = path_text(path)
    with path.open("rb") as fh:
        gzipped = fh.read(3) == _GZIP_MAGIC
        fh.seek(0)
        records = _gzip_members(fh) if gzipped else _plain_records(fh)
        for offset, data, problem in records:
            if problem is not None:
                reason = "truncated_record" if problem.startswith("the archive ends") else "corrupt_record"
                yield Rejected(f"{name}@{offset}", reason, problem)
                continue
            yield from _record(data, name, offset, opts)


def _gzip_members(fh: BinaryIO) -> Iterator[tuple[int, bytes, str | None]]:
    """``(offset, decompressed bytes, problem)`` for each gzip member of the file."""
    position, buffer = 0, b""
    while True:
        start = position
        inflate = zlib.decompressobj(wbits=31)
        out: list[bytes] = []
        fed = False
        try:
            while not inflate.eof:
                if not buffer:
                    buffer = fh.read(_CHUNK)
                    if not buffer:
                        break
                fed = True
                out.append(inflate.decompress(buffer))
                used = len(buffer) - len(inflate.unused_data) if inflate.eof else len(buffer)
                position += used
                buffer = buffer[used:]
        except zlib.error as exc:
            yield start, b"", f"corrupt compressed record: {exc}"
            resume = _find(fh, _GZIP_MAGIC, start + 1)
            if resume is None:
                return
            position, buffer = resume, b""
            fh.seek(resume)
            continue
        if not fed:
            return  # the end of the file, between members
        if not inflate.eof:
            yield start, b"", "the archive ends inside this record (a truncated file): its page is not kept"
            return
        yield start, b"".join(out), None


def _plain_records(fh: BinaryIO) -> Iterator[tuple[int, bytes, str | None]]:
    """``(offset, bytes, None)`` for each record of a plain WARC, cut at each ``WARC/1.x`` line that
    follows a blank line."""
    data = fh.read(_CHUNK)
    base, start = 0, 0
    while data:
        m = _RECORD_START.search(data, start + 1)
        while m is None:
            more = fh.read(_CHUNK)
            if not more:
                break
            data += more
            m = _RECORD_START.search(data, start + 1)
        end = m.start(1) if m else len(data)
        if data[start:end].strip():
            yield base + start, data[start:end], None
        if m is None:
            return
        data, base, start = data[end:], base + end, 0


def _find(fh: BinaryIO, needle: bytes, start: int) -> int | None:
    fh.seek(start)
    position, tail = start, b""
    while chunk := fh.read(_CHUNK):
        window = tail + chunk
        at = window.find(needle)
        if at != -1:
            return position - len(tail) + at
        tail = window[-len(needle) :]
        position += len(chunk)
    return None


# What opens a record's header, however damaged its first line: a version-like token or a WARC field.
_HEADER_LIKE = re.compile(rb"(?s)[A-Za-z]{3,6}/\d|.{0,300}?\r\nWARC-(?:Type|Record-ID|Date):")
_LENGTH = re.compile(rb"(?im)^Content-Length:[ \t]*(\d+)[ \t]*\r?$")


def _record(data: bytes, name: str, offset: int, opts: IngestOptions) -> Iterator[Document | Rejected]:
    """The page of one record's bytes (none for a record that is not a page)."""
    from warcio.archiveiterator import ArchiveIterator

    warnings: list[str] = []
    head_end = data.find(b"\r\n\r\n")
    declared = _LENGTH.search(data, 0, head_end) if head_end != -1 else None
    if declared is not None:
        said = int(declared.group(1))
        holds = len(data) - head_end - 4
        while holds > 0 and data[head_end + 4 + holds - 1 : head_end + 4 + holds] in (b"\r", b"\n"):
            holds -= 1  # the blank line that ends a record is no part of it
        rest_at = head_end + 4 + said
        rest = data[rest_at:].lstrip(b"\r\n")
        if said < holds and _HEADER_LIKE.match(rest[:300]):
            # the bytes after this record are another record whose first line is damaged ("WARZ/9.9"):
            # reported, and this record read as its length says
            first_line = rest.split(b"\r\n", 1)[0][:60]
            yield Rejected(
                f"{name}@{offset + len(data) - len(rest)}",
                "corrupt_record",
                f"unreadable WARC record: first line {first_line!r}",
            )
            data = data[:rest_at] + b"\r\n\r\n"
        elif said != holds:
            warnings.append(f"WARC Content-Length said {said} bytes; the record holds {holds}: read as {holds}")
            data = data[: declared.start(1)] + str(holds).encode() + data[declared.end(1) : head_end + 4 + holds]
            data += b"\r\n\r\n"
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            for record in ArchiveIterator(io.BytesIO(data)):
                page = _page(record, name, offset, opts, warnings)
                if page is not None:
                    yield page
                return
    except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on a damaged record
        yield Rejected(f"{name}@{offset}", "corrupt_record", f"unreadable WARC record: {exc}")


def _page(
    record: object, name: str, offset: int, opts: IngestOptions, warnings: list[str]
) -> Document | Rejected | None:
    rec_type = getattr(record, "rec_type", "")
    if rec_type != "response":
        return None
    http = getattr(record, "http_headers", None)
    ctype = (http.get_header("Content-Type") or "") if http else ""
    if ctype and not any(t in ctype.lower() for t in ("html", "text/plain")):
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    uri = headers.get_header("WARC-Target-URI")
    source = f"{name}#{uri or offset}"
    data = record.content_stream().read(opts.max_bytes + 1)  # type: ignore[attr-defined]
    if len(data) > opts.max_bytes:
        return Rejected(source, "too_large", f"page over the {opts.max_bytes}-byte cap")
    if not data.strip():
        return Rejected(source, "empty", "empty response")
    from newsweave.ingest import decode

    kind = "text" if "text/plain" in ctype.lower() else "html"
    try:
        text, encoding, decoded = decode(data, html=kind == "html")
    except ValueError as exc:
        return Rejected(source, "undecodable", str(exc))
    return Document(
        id=hashlib.sha256((uri or source).encode()).hexdigest()[:12],
        source=source,
        content=text,
        kind=kind,  # type: ignore[arg-type]
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        url=uri,
        published=None,  # WARC-Date is when it was crawled, not when it was published
        warnings=tuple(warnings + decoded),
        raw=data,
    )
