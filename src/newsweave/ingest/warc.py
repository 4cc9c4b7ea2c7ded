"""WARC files as Common Crawl publishes them (read by warcio): each HTML ``response`` record is a page.

A corrupt record does not end the file: it is reported (``corrupt_record``, with its offset) and
reading resumes at the next record boundary (the next gzip member of a ``.warc.gz``, the next
``WARC/1.`` line of a plain WARC). Records that are not HTML or text pages (robots.txt, images,
requests, metadata) are skipped silently, as Common Crawl's own tools do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from newsweave.config import IngestOptions
from newsweave.ingest import path_text
from newsweave.model import Document, Rejected

_BOUNDARIES = (b"\x1f\x8b\x08", b"WARC/1.")


def read_warc(path: Path, *, options: IngestOptions | None = None) -> Iterator[Document | Rejected]:
    """The pages of a WARC file (plain or gzipped, one gzip member per record)."""
    from warcio.archiveiterator import ArchiveIterator

    opts = options or IngestOptions()
    offset = 0
    with path.open("rb") as fh:
        while True:
            fh.seek(offset)
            iterator = ArchiveIterator(fh)
            last_good: int | None = None  # start of the last record read whole
            try:
                for record in iterator:
                    page = _page(record, path, offset, opts)
                    # (warcio's get_record_offset() consumes the record: ask only once it is read)
                    last_good = offset + iterator.get_record_offset()
                    if page is not None:
                        yield page
                return
            except Exception as exc:  # noqa: BLE001 - warcio raises many kinds (zlib, parse, EOF) on damage
                failing = offset if last_good is None else _next_boundary(fh, last_good + 1)
                if failing is None:
                    return
                yield Rejected(f"{path_text(path)}@{failing}", "corrupt_record", f"unreadable WARC record: {exc}")
                resume = _next_boundary(fh, failing + 1)
                if resume is None:
                    return
                offset = resume


def _page(record: object, path: Path, offset: int, opts: IngestOptions) -> Document | Rejected | None:
    rec_type = getattr(record, "rec_type", "")
    if rec_type != "response":
        return None
    http = getattr(record, "http_headers", None)
    ctype = (http.get_header("Content-Type") or "") if http else ""
    if ctype and not any(t in ctype.lower() for t in ("html", "text/plain")):
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    uri = headers.get_header("WARC-Target-URI")
    source = f"{path_text(path)}#{uri or offset}"
    data = record.content_stream().read(opts.max_bytes + 1)  # type: ignore[attr-defined]
    if len(data) > opts.max_bytes:
        return Rejected(source, "too_large", f"page over the {opts.max_bytes}-byte cap")
    if not data.strip():
        return Rejected(source, "empty", "empty response")
    from newsweave.ingest import decode

    kind = "text" if "text/plain" in ctype.lower() else "html"
    try:
        text, encoding, warnings = decode(data, html=kind == "html")
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
        warnings=tuple(warnings),
        raw=data,
    )


def _next_boundary(fh: object, start: int) -> int | None:
    """Offset of the next record start at or after ``start``, or ``None`` at the end of the file."""
    f = fh  # a binary file object
    f.seek(start)  # type: ignore[attr-defined]
    position = start
    tail = b""
    while True:
        chunk = f.read(1 << 20)  # type: ignore[attr-defined]
        if not chunk:
            return None
        window = tail + chunk
        hits = [i for i in (window.find(b) for b in _BOUNDARIES) if i != -1]
        if hits:
            return position - len(tail) + min(hits)
        tail = window[-8:]
        position += len(chunk)
