"""A :class:`Briefing` as one self-contained HTML5 page: no scripts, no external assets.

Every citation in the summary (and every mention in the analysis sections) links to the exact words
it rests on: each article's cleaned text is shown with every cited passage wrapped in ``<mark>``, and
``:target`` CSS highlights the passage a link jumps to. Overlapping and nested passages are handled by
cutting the text at every passage boundary and wrapping each piece in one ``<mark>`` per passage that
covers it, so the markup always nests properly; the piece where a passage starts carries its id.

This module lays out the page, the summary (each sentence with its status label and note), sources,
syndication and articles; the analysis sections and the link helpers they share with the summary are
in :mod:`newsweave.render.html_analysis`.

Everything that comes from an input (text, titles, URLs, sources, removed pieces) is untrusted and
escaped with :func:`html.escape`; links to article URLs are only made for ``http(s)`` URLs, and a
Content-Security-Policy forbids scripts and remote loads even if something slipped through.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from importlib import resources
from typing import Any

from newsweave.model import Article, Briefing, Claim, Span, SummarySentence, WriterReport
from newsweave.render import views
from newsweave.render.html_analysis import (
    Links,
    analysis_nav,
    analysis_sections,
    anchor,
    article_anchor,
    safe_id,
    status_badge,
)
from newsweave.render.jsonout import (
    ANALYSIS_SECTIONS,
    SCHEMA_ID,
    describe_record,
    plural,
    removed_counts,
    word_count,
)
from newsweave.render.views import writer_summary

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_WEB_URL = re.compile(r"^https?://", re.I)


def to_html(briefing: Briefing, *, banner: str = "", extra: Sequence[tuple[str, str]] = ()) -> str:
    """Render a briefing as a self-contained HTML5 page.

    Args:
        briefing: the briefing to render.
        banner: trusted HTML put above the briefing (the web app's navigation).
        extra: trusted ``(section id, section HTML)`` pairs put after the analysis sections and
            listed in the page's navigation (the web app's plots).

    Returns:
        The HTML document, ending in a newline. It loads nothing from anywhere and runs no script.

    Raises:
        OutputError: an analysis record holds a value that cannot be shown.
    """
    texts = {a.id: a.text for a in briefing.articles}
    spans = _cited_spans(briefing, texts)
    marked = {anchor(article, s, e) for article, pairs in spans.items() for s, e in pairs}
    claims, _ = views.split_known("claims", briefing.claims)
    labels = views.article_labels(briefing.articles)
    links = Links(
        marked=frozenset(marked),
        articles={a.id: a for a in briefing.articles},
        claims={c.id: c for c in claims if isinstance(c, Claim)},
        labels=labels,
    )
    analysis = analysis_sections(briefing, links)
    sections = [
        "summary",
        "sources",
        "syndication",
        *(name for name, _ in analysis),
        *(n for n, _ in extra),
        "articles",
    ]
    body = [
        banner,
        _header(briefing),
        analysis_nav([*sections, "rejected"] if briefing.rejected else sections),
        _summary(briefing.summary, links, briefing.writer),
        _sources(briefing.articles, labels),
        _syndication(briefing, links),
        *(section for _, section in analysis),
        *(section for _, section in extra),
        _articles(briefing.articles, spans, labels),
    ]
    if briefing.rejected:
        body.append(_rejected(briefing))
    title = escape(briefing.story.title or "Untitled story")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="newsweave ({SCHEMA_ID})">\n'
        f"<title>{title} — newsweave briefing</title>\n"
        f"<style>\n{_stylesheet()}{_target_rules(marked)}</style>\n"
        "</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n<footer>Made by newsweave. Every citation links to the exact words of its source.</footer>\n"
        "</main>\n</body>\n</html>\n"
    )


def anchor_id(span: Span) -> str:
    """The HTML id of the ``<mark>`` where a span starts: ``a-{article}-{start}-{end}``.

    Characters of the article id other than letters, digits, ``_`` and ``-`` become ``_``, so the id
    is safe in a URL fragment and a CSS selector.
    """
    return anchor(span.article, span.start, span.end)


def mark_text(text: str, article: str, spans: Iterable[tuple[int, int]]) -> str:
    """Escape an article's text and wrap every span in ``<mark>`` elements that always nest properly.

    The text is cut at every span boundary; each piece is wrapped in one ``<mark>`` per span covering
    it (outermost: the span that started first and ends last). The ``<mark>`` of the piece where a
    span starts has the span's id; every piece of a span has its id as a class, so the whole span can
    be highlighted. Empty spans become empty ``<mark>`` elements, so links to them still land.

    Args:
        text: the article's cleaned text.
        article: the article id (for the anchors).
        spans: ``(start, end)`` offsets into ``text``, all within ``0 <= start <= end <= len(text)``.

    Returns:
        HTML for the text; stripping the tags and unescaping it gives ``text`` back.
    """
    ordered = sorted(set(spans), key=lambda se: (se[0], -se[1]))
    cuts = sorted({0, len(text), *(s for s, _ in ordered), *(e for _, e in ordered)})
    out: list[str] = []

    def empty_marks_at(pos: int) -> None:
        for s, e in ordered:
            if s == e == pos:
                target = anchor(article, s, e)
                out.append(f'<mark class="ev {target}" id="{target}"></mark>')

    for a, b in zip(cuts, cuts[1:], strict=False):
        empty_marks_at(a)
        piece = escape(text[a:b], quote=False)
        for s, e in reversed([(s, e) for s, e in ordered if s <= a and b <= e and s < e]):
            target = anchor(article, s, e)
            id_attr = f' id="{target}"' if s == a else ""
            piece = f'<mark class="ev {target}"{id_attr}>{piece}</mark>'
        out.append(piece)
    empty_marks_at(len(text))
    return "".join(out)


# -- sections ----------------------------------------------------------------------------------------


def _header(briefing: Briefing) -> str:
    story = briefing.story
    facts = [
        f"<span>{escape(story.date)}</span>" if story.date else "<span>date unknown</span>",
        f"<span>{plural(len(briefing.articles), 'article')}</span>",
        f"<span>{plural(briefing.independent_sources(), 'independent source')}</span>",
    ]
    if briefing.rejected:
        rejected = plural(len(briefing.rejected), "rejected input")
        facts.append(f'<span><a href="#rejected">{rejected}</a></span>')
    return (
        f"<header>\n<h1>{escape(story.title or 'Untitled story')}</h1>\n"
        f'<p class="facts">{" · ".join(facts)}</p>\n</header>'
    )


def _summary(summary: tuple[SummarySentence, ...], links: Links, writer: WriterReport) -> str:
    if not summary:
        return _section("summary", "Summary", "<p>No sentence was supported by the sources.</p>")
    items = []
    for sentence in summary:
        status = [status_badge(sentence.status)]
        if sentence.claim:
            status.append(f"claim {links.claim(sentence.claim)}")
        note = f'<p class="note">{escape(links.relabel(sentence.note))}</p>' if sentence.note else ""
        if sentence.verified:
            status.append('<span class="badge">written by the model, checked</span>')
        flag = (
            '<strong class="unsupported">NOT SUPPORTED by its sources:</strong> ' if sentence.verified is False else ""
        )
        items.append(
            f'<li class="st-{safe_id(sentence.status)}">{flag}<span class="sentence">{escape(sentence.text)}</span> '
            f"{links.cites(sentence.evidence, sentence.sources)} "
            f'<span class="count">{plural(sentence.independent_sources, "independent source")}</span> '
            f'<span class="status">{" ".join(status)}</span>{note}</li>'
        )
    return _section("summary", "Summary", "<ol>\n" + "\n".join(items) + "\n</ol>" + _writer(writer))


def _writer(report: WriterReport) -> str:
    if not report.url:
        return ""
    dropped = "".join(
        f'<li>{escape(d.text)} <span class="note">({escape("; ".join(d.problems))})</span></li>' for d in report.dropped
    )
    head = f"Writer: {escape(report.model or '?')} at {escape(report.url)}; {escape(writer_summary(report))}"
    return f'\n<p class="writer">{head}</p>' + (
        f"\n<p>Dropped by the verifier:</p>\n<ul>{dropped}</ul>" if dropped else ""
    )


def _sources(articles: tuple[Article, ...], labels: Mapping[str, str]) -> str:
    rows = []
    for a in articles:
        title = escape(a.title) if a.title else "—"
        if a.url and _is_web(a.url):
            title = f'<a href="{escape(a.url)}" rel="noreferrer noopener">{title}</a>'
        mt = '<span class="mt">yes</span>' if a.machine_translated else "no"
        rows.append(
            f'<tr><td><a href="#{article_anchor(a.id)}">{escape(labels.get(a.id, a.id))}</a>'
            f"{'' if labels.get(a.id, a.id) == a.id else f' <code>{escape(a.id)}</code>'}</td>"
            f"<td>{_or_dash(a.outlet)}</td><td>{title}</td><td>{_or_dash(a.published)}</td>"
            f"<td>{escape(a.language)}</td><td>{mt}</td>"
            f'<td class="num">{word_count(a.text)}</td><td class="num">{len(a.removed)}</td></tr>'
        )
    return (
        '<section id="sources">\n<h2>Sources</h2>\n<table>\n<thead><tr><th>id</th><th>outlet</th>'
        "<th>title</th><th>published</th><th>language</th><th>machine-translated</th>"
        '<th class="num">words kept</th><th class="num">pieces removed</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</section>"
    )


def _syndication(briefing: Briefing, page: Links) -> str:
    head = '<section id="syndication">\n<h2>Syndication</h2>\n'
    if not briefing.syndication:
        return head + "<p>No syndicated copies: every article is an independent source.</p>\n</section>"
    items = []
    for group in briefing.syndication:
        links = ", ".join(page.article(a) for a in group.articles)
        items.append(f'<li>{links} <span class="count">similarity {group.similarity:.2f}</span></li>')
    return (
        head
        + "<p>Articles that carry the same text count as one independent source.</p>\n<ul>\n"
        + "\n".join(items)
        + "\n</ul>\n</section>"
    )


def _articles(
    articles: tuple[Article, ...], spans: Mapping[str, list[tuple[int, int]]], labels: Mapping[str, str]
) -> str:
    blocks = []
    for a in articles:
        meta = [escape(x) for x in (a.outlet, a.published) if x]
        meta.append(f"language {escape(a.language)}")
        if a.machine_translated:
            meta.append('<span class="mt">machine-translated</span>')
        if a.url:
            url = escape(a.url)
            meta.append(f'<a href="{url}" rel="noreferrer noopener">{url}</a>' if _is_web(a.url) else url)
        meta.append(f"<code>{escape(a.source)}</code>")
        if a.sha256:
            meta.append(f'<code title="sha256 of the input">{escape(a.sha256[:12])}</code>')
        cited = len(set(spans.get(a.id, ())))
        summary = f"Cleaned text: {plural(word_count(a.text), 'word')}, {plural(cited, 'cited passage')}"
        if a.removed:
            summary += f"; {plural(len(a.removed), 'piece')} removed ({removed_counts(a.removed)})"
        blocks.append(
            f'<article id="{article_anchor(a.id)}">\n'
            f'<h3><span class="id" title="{escape(a.id)}">{escape(labels.get(a.id, a.id))}</span> '
            f"{escape(a.title or 'Untitled')}</h3>\n"
            f'<p class="meta">{" · ".join(meta)}</p>\n'
            f"<details>\n<summary>{summary}</summary>\n"
            f'<div class="text">{mark_text(a.text, a.id, spans.get(a.id, ()))}</div>\n'
            f"{_removed(a)}</details>\n</article>"
        )
    return '<section id="articles">\n<h2>Articles</h2>\n' + "\n".join(blocks) + "\n</section>"


def _removed(article: Article) -> str:
    if not article.removed:
        return '<p class="removed-none">Nothing was removed from this article.</p>\n'
    items = []
    for piece in article.removed:
        reason = escape(piece.reason)
        detail = f' <span class="detail">{escape(piece.detail)}</span>' if piece.detail else ""
        items.append(
            f'<li class="r-{reason}"><span class="reason">{reason}</span>{detail} '
            f'<span class="count">{len(piece.text)} chars</span>'
            f'<div class="piece">{escape(piece.text, quote=False)}</div></li>'
        )
    return (
        f'<div class="removed">\n<h4>Removed ({len(article.removed)})</h4>\n<ul>\n'
        + "\n".join(items)
        + "\n</ul>\n</div>\n"
    )


def _rejected(briefing: Briefing) -> str:
    rows = "\n".join(
        f"<tr><td><code>{escape(r.source)}</code></td><td>{escape(r.reason)}</td><td>{escape(r.message)}</td></tr>"
        for r in briefing.rejected
    )
    return (
        '<section id="rejected">\n<h2>Rejected inputs</h2>\n<table>\n'
        "<thead><tr><th>source</th><th>reason</th><th>message</th></tr></thead>\n<tbody>\n"
        + rows
        + "\n</tbody>\n</table>\n</section>"
    )


# -- helpers -----------------------------------------------------------------------------------------


def _cited_spans(briefing: Briefing, texts: Mapping[str, str]) -> dict[str, list[tuple[int, int]]]:
    """Every span to mark, by article: summary evidence and analysis mentions that fit their text."""
    found: list[tuple[str, Any, Any]] = [
        (span.article, span.start, span.end) for sentence in briefing.summary for span in sentence.evidence
    ]
    for name in ANALYSIS_SECTIONS:
        for record in getattr(briefing, name):
            found += [(m["article"], m["start"], m["end"]) for m in describe_record(record).mentions]
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for article, start, end in found:
        if _fits(article, start, end, texts):
            spans[article].add((start, end))
    return {article: sorted(pairs) for article, pairs in spans.items()}


def _fits(article: object, start: object, end: object, texts: Mapping[str, str]) -> bool:
    # A broken span (caught by validate() for JSON) must not break the page: it is shown unlinked.
    if not isinstance(article, str) or article not in texts:
        return False
    if not (isinstance(start, int) and isinstance(end, int)):
        return False
    return 0 <= start <= end <= len(texts[article])


def _is_web(url: str) -> bool:
    # Only http(s) URLs become links: a "javascript:" or "data:" URL from an input must stay text.
    return bool(_WEB_URL.match(url))


def _section(section_id: str, heading: str, content: str) -> str:
    return f'<section id="{section_id}">\n<h2>{heading}</h2>\n{content}\n</section>'


def _or_dash(value: str | None) -> str:
    return escape(value) if value else "—"


def _stylesheet() -> str:
    return (resources.files("newsweave.render") / "templates" / "style.css").read_text(encoding="utf-8")


def _target_rules(anchors: Iterable[str]) -> str:
    # A passage cut into pieces (because another passage overlaps it) has its id on the first piece
    # only; these rules light up every piece of the passage a link jumps to. Anchors are [A-Za-z0-9_-].
    return "".join(f".text:has(#{a}:target) .{a}{{background:var(--target)}}\n" for a in sorted(anchors))
