"""Feeds: RSS, Atom and JSON Feed (read by feedparser), and OPML lists of feeds.

A feed entry that carries the article (``content:encoded``, Atom ``content``, JSON Feed
``content_html``/``content_text``: at least :data:`FULL_TEXT_WORDS` words) becomes a document as
is; one that carries only a summary is fetched from its link (when fetching is on), else rejected as
``summary_only``. An invalid feed is one ``invalid_feed`` rejection; the other sources go on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any

from newsweave.config import IngestOptions
from newsweave.ingest.fetch import Fetched, fetch, page_document
from newsweave.model import Document, Rejected

# An entry's content shorter than this is a summary, not the article.
FULL_TEXT_WORDS = 80
_TAG = re.compile(r"<[^>]+>")


def looks_like_feed(data: bytes) -> bool:
    """RSS, Atom or JSON Feed, from the first bytes."""
    head = data[:2048].lstrip().lower()
    return (
        b"<rss" in head
        or b"<feed" in head
        or b"<rdf:rdf" in head
        or (head.startswith(b"{") and b"jsonfeed.org" in data[:4096].lower())
    )


def looks_like_opml(data: bytes) -> bool:
    """An OPML outline (a list of feeds)."""
    return b"<opml" in data[:2048].lower()


def opml_feeds(data: bytes, *, source: str) -> list[str] | Rejected:
    """The feed URLs (``xmlUrl``) an OPML file lists."""
    from lxml import etree

    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        return Rejected(source, "invalid_feed", f"not valid OPML: {exc}")
    urls = [str(o.get("xmlUrl")) for o in root.iter("outline") if o.get("xmlUrl")]
    return urls or Rejected(source, "invalid_feed", "the OPML file lists no feed (no outline with xmlUrl)")


def read_feed(data: bytes, *, source: str, options: IngestOptions | None = None) -> Iterator[Document | Rejected]:
    """The articles of a feed: full-text entries as they are, summary-only entries fetched from their link."""
    import feedparser

    opts = options or IngestOptions()
    if data.lstrip()[:1] == b"{":
        entries: list[Any] | Rejected = _json_feed(data, source=source)
        if isinstance(entries, Rejected):
            yield entries
            return
    else:
        parsed = feedparser.parse(data)
        entries = [e for e in parsed.entries if e.get("link") or e.get("title") or e.get("content")]
        if not entries:
            why = str(parsed.get("bozo_exception") or "no entries")
            yield Rejected(source, "invalid_feed", f"not a feed, or an empty one: {why}")
            return
    for n, entry in enumerate(entries, start=1):
        where = f"{source}#entry{n}"
        link = entry.get("link")
        title = entry.get("title")
        published = _date(entry)
        body = _full_text(entry)
        if body is not None:
            raw = body.encode("utf-8")
            yield Document(
                id=hashlib.sha256((link or where).encode()).hexdigest()[:12],
                source=where,
                content=body,
                kind="html",
                sha256=hashlib.sha256(raw).hexdigest(),
                url=link,
                title=title,
                published=published,
                raw=raw,
            )
        elif link and opts.fetch:
            got = fetch(link, timeout=opts.timeout, max_bytes=opts.max_bytes, allow_private=opts.allow_private)
            if isinstance(got, Fetched):
                yield page_document(got, source=link, title=title, published=published)
            else:
                yield got
        else:
            why = "no link to fetch" if not link else "fetching is off (--no-fetch)"
            yield Rejected(where, "summary_only", f"the feed gives only a summary and {why}")


def _json_feed(data: bytes, *, source: str) -> list[dict[str, Any]] | Rejected:
    """JSON Feed 1.x items in feedparser's entry shape (feedparser 6 reads XML feeds only)."""
    try:
        feed = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Rejected(source, "invalid_feed", f"not valid JSON: {exc}")
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(items, list) or not items:
        return Rejected(source, "invalid_feed", "a JSON Feed needs a non-empty 'items' list")
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        body = item.get("content_html") or item.get("content_text") or ""
        date = str(item.get("date_published") or "")[:10]
        parsed = dt.date.fromisoformat(date).timetuple() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
        out.append(
            {
                "link": item.get("url") or item.get("external_url"),
                "title": item.get("title"),
                "content": [{"value": body}] if body else [],
                "published_parsed": parsed,
            }
        )
    return out


def _full_text(entry: Any) -> str | None:
    for item in entry.get("content") or []:
        value = item.get("value") or ""
        if len(_TAG.sub(" ", value).split()) >= FULL_TEXT_WORDS:
            return str(value)
    return None


def _date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
