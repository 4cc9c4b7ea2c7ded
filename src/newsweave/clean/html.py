"""The HTML cleaner: trafilatura for the body and metadata, plus an account of what it left out.

trafilatura is called with ``favor_precision=True`` and ``deduplicate=False`` (dedup is newsweave's
job, across articles, and trafilatura's LRU cache would make output depend on call history).
Everything visible on the page that is not in the body is returned as ``removed`` (``boilerplate``),
so nothing is silently lost.
When trafilatura finds no body, the page's visible text goes through the text cleaner instead.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from lxml import etree
from lxml import html as lxml_html

from newsweave.clean.text import Cleaned, clean_text, detect_language, normalize_line
from newsweave.model import Removed

_BLOCK_TAGS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "title",
    "option",
    "button",
    "label",
}
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head")
_WORDS = re.compile(r"\w+")
_HIDDEN = re.compile(r"(?is)<(script|style|noscript|template|svg|head)\b.*?</\1\s*>|<!--.*?-->")
_TAG = re.compile(r"<[^>]*>")
_MT_META = re.compile(r"machine[- ]translat|automatically translated|auto-translated", re.I)


# libxml2 stops at 256 nested elements unless told the tree may be huge (then its limit is far deeper):
# a page nested deeper lost all its text, silently.
_PARSER = lxml_html.HTMLParser(huge_tree=True)


class _Text(HTMLParser):
    """The visible text of a page with Python's own parser (no depth limit), a block per line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _INVISIBLE and tag != "head":
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE and tag != "head":
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _plain_lines(page: str) -> list[str]:
    parser = _Text()
    parser.feed(page)
    parser.close()
    return [ln for ln in (normalize_line(x) for x in "".join(parser.parts).split("\n")) if ln]


def visible_lines(page: str) -> list[str]:
    """The page's visible text, one block per line, as a naive scraper would write it. When lxml keeps
    less than half the words Python's own parser finds (a page nested beyond any parser's limit), the
    latter's lines are used: text is never lost to a parser's limit."""
    lines = _lxml_lines(page)
    words = sum(len(_WORDS.findall(ln)) for ln in lines)
    rough = len(_WORDS.findall(_TAG.sub(" ", _HIDDEN.sub(" ", page))))  # cheap: one regex pass each
    if words < 0.5 * rough:  # lxml may have lost text: read the page again with Python's parser
        plain = _plain_lines(page)
        if words < 0.5 * sum(len(_WORDS.findall(ln)) for ln in plain):
            return plain
    return lines


def _lxml_lines(page: str) -> list[str]:
    try:
        root = lxml_html.fromstring(page.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return [ln for ln in (normalize_line(x) for x in page.splitlines()) if ln]
    title = root.findtext(".//title")
    etree.strip_elements(root, *_INVISIBLE, with_tail=False)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() == "br":
                continue
            el.text = "\n" + (el.text or "")
    text = root.text_content() if hasattr(root, "text_content") else ""
    lines = [ln for ln in (normalize_line(x) for x in text.split("\n")) if ln]
    if title and normalize_line(title) and normalize_line(title) not in lines[:1]:
        lines.insert(0, normalize_line(title))
    return lines


def clean_html(page: str, *, url: str | None = None) -> Cleaned:
    """Extract the article body and metadata from an HTML page.

    Args:
        page: the decoded HTML.
        url: where it came from, if known (helps trafilatura with relative links and site names).

    Returns:
        The body paragraphs, the visible text that was left out (``boilerplate``), title, date,
        language and whether the page says it was machine-translated.
    """
    import trafilatura  # import cost only paid when HTML is cleaned

    doc = trafilatura.bare_extraction(
        page,
        url=url,
        deduplicate=False,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # Precision mode scored higher on aeb-html (F1 0.969 vs 0.961, same recall): a briefing
        # would rather miss a marginal line than quote a "related stories" teaser as a source.
        favor_precision=True,
    )
    lines = visible_lines(page)
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip():
        fallback = clean_text("\n".join(lines))
        return Cleaned(
            fallback.paragraphs,
            fallback.removed,
            title=fallback.title or _meta(doc, "title"),
            published=_meta(doc, "date") or fallback.published,
            language=fallback.language,
            machine_translated=fallback.machine_translated,
        )
    paragraphs = tuple(p for p in (normalize_line(x) for x in body.split("\n")) if p)
    title = _meta(doc, "title")
    if paragraphs and title and normalize_line(title) == paragraphs[0]:
        paragraphs = paragraphs[1:]  # the headline is metadata, not body
    removed = tuple(_left_out(lines, paragraphs))
    lang = _meta(doc, "language") or detect_language("\n".join(paragraphs))
    mt = bool(_MT_META.search(page[:20000])) or any(r.detail == "machine-translation notice" for r in removed)
    return Cleaned(
        paragraphs=paragraphs,
        removed=removed,
        title=title,
        published=_meta(doc, "date"),
        language=lang,
        machine_translated=mt,
        outlet=_meta(doc, "sitename"),
    )


def _meta(doc: object, name: str) -> str | None:
    value = getattr(doc, name, None) if doc is not None else None
    return str(value).strip() or None if value else None


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def _left_out(lines: list[str], paragraphs: tuple[str, ...]) -> list[Removed]:
    """Visible lines whose words do not appear in the body, as ``boilerplate`` pieces."""
    from newsweave.clean import phrases

    # Whole words only: the nav link "Home" is not in a body that says "homes".
    body_key = " " + " ".join(_key(p) for p in paragraphs) + " "
    out: list[Removed] = []
    for line in lines:
        k = _key(line)
        if not k or f" {k} " in body_key:
            continue
        detail = phrases.standalone_detail(line) or phrases.prefix_detail(line) or "page furniture"
        out.append(Removed(line, "boilerplate", detail))
    return out
