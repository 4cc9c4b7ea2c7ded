"""The cross-source analysis sections of the HTML page, and the links every section of it shares.

Claims grouped by status (single-source ones folded away), conflicts side by side with each variant
highlighted in its sentence, quotes with every version and its attribution as written, the timeline
with planned events set apart from what happened, numbers as a table, and framing with the coverage
matrix. Every mention is a citation linking to its ``<mark>`` in the article text (see
:class:`Links`); the page builder in :mod:`newsweave.render.html` marks all of them.

A record of a type a section is not laid out for is shown by the generic field view, so records added
to the analysis stage later still render. All input text is escaped here, as in the rest of the page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from newsweave.model import (
    Article,
    Briefing,
    Claim,
    Conflict,
    Framing,
    NumberFact,
    Quote,
    Span,
    TimelineEntry,
)
from newsweave.render import views
from newsweave.render.jsonout import describe_record, plural

_UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]")
_SEVERITY_HELP = {
    "contradiction": "the variants cannot all be true",
    "precision": "the variants differ only in how precise they are",
}
_WITHIN_SYNDICATION = "copies of one wire story, edited differently (one independent source)"
_SECTION_TITLES = {"framing": "Framing and coverage", "pages": "Article pages"}


def anchor(article: str, start: object, end: object) -> str:
    """The id of the ``<mark>`` where the passage ``article[start:end]`` starts (``a-{article}-{start}-{end}``)."""
    return f"a-{safe_id(article)}-{start}-{end}"


def article_anchor(article: str) -> str:
    """The id of an article's block in the Articles section."""
    return f"article-{safe_id(article)}"


def claim_anchor(claim: str) -> str:
    """The id of a claim's entry in the Claims section."""
    return f"claim-{safe_id(claim)}"


@dataclass(frozen=True)
class Links:
    """What a link may point at on this page: the marked passages, the articles, the listed claims.

    A link is only made to an element that exists, so no citation on the page dangles: a passage that
    is not marked falls back to its article, an unknown article or claim to plain text.

    Attributes:
        marked: ids of every ``<mark>`` passage in the article texts.
        articles: the briefing's articles, by id.
        claims: the claims listed in the Claims section, by id.
        labels: how the page names each article (:func:`newsweave.render.views.article_labels`);
            an article without one is named by its id.
    """

    marked: frozenset[str]
    articles: Mapping[str, Article]
    claims: Mapping[str, Claim]
    labels: Mapping[str, str] = field(default_factory=dict)

    def label(self, article_id: str) -> str:
        """The name the page gives an article."""
        return self.labels.get(article_id, article_id)

    def relabel(self, text: str) -> str:
        """``text`` (a note written with article ids) with each relabelled article's id replaced by its label."""
        for article_id, label in self.labels.items():
            if label != article_id and article_id in text:
                # a whole id only: "001" in "1001 people" is no article
                text = re.sub(rf"(?<![\w.]){re.escape(article_id)}(?![\w])", label.replace("\\", "\\\\"), text)
        return text

    def cite(self, label: str, span: Span | None, source: str | None = None) -> str:
        """A citation labelled ``label``: to the passage ``span`` marks, else to the article, else text."""
        if span is not None and (target := anchor(span.article, span.start, span.end)) in self.marked:
            title = escape(f"{self.label(span.article)}, chars {span.start}–{span.end}: {span.text}")
            return f'<a class="cite" href="#{target}" title="{title}">{escape(label)}</a>'
        article = source if source is not None else span.article if span is not None else None
        if article is not None and article in self.articles:
            return f'<a class="cite" href="#{article_anchor(article)}">{escape(label)}</a>'
        return escape(label)

    def cites(self, spans: Iterable[Span], sources: Sequence[str] = ()) -> str:
        """``[000, 001, 001·2]``: one citation per passage, grouped by article, ``sources`` first.

        A source without a passage of its own links to its article; a second passage of the same
        article is labelled ``001·2`` so the links can be told apart.
        """
        by_article: dict[str, list[Span]] = defaultdict(list)
        for span in spans:
            by_article[span.article].append(span)
        out = []
        for source in dict.fromkeys([*sources, *by_article]):
            passages: list[Span | None] = [*by_article.get(source, [])] or [None]
            out += [
                self.cite(self.label(source) if i == 1 else f"{self.label(source)}·{i}", span, source)
                for i, span in enumerate(passages, 1)
            ]
        return f'<span class="cites">[{", ".join(out)}]</span>'

    def article(self, article_id: str) -> str:
        """The article id, linked to its text when the article is on the page."""
        if article_id in self.articles:
            return f'<a href="#{article_anchor(article_id)}">{escape(self.label(article_id))}</a>'
        return escape(article_id)

    def claim(self, claim_id: str) -> str:
        """The claim id, linked to its entry when the claim is listed."""
        if claim_id in self.claims:
            return f'<a class="cid" href="#{claim_anchor(claim_id)}">{escape(claim_id)}</a>'
        return f'<span class="cid">{escape(claim_id)}</span>'

    def mention(self, mention: Mapping[str, Any]) -> str:
        """A mention as plain data (from :func:`describe_record`): where it is, linked, and its words."""
        article, start, end = mention["article"], mention["start"], mention["end"]
        where = escape(f"{self.label(str(article))} · {start}–{end}")
        target = anchor(str(article), start, end)
        if target in self.marked:
            where = f'<a href="#{target}">{where}</a>'
        elif article in self.articles:
            where = f'<a href="#{article_anchor(str(article))}">{where}</a>'
        return f"{where} <q>{escape(str(mention['text']))}</q>"


def status_badge(status: str) -> str:
    """A small label for a claim or summary sentence status (``consensus``, ``single source``, ``contested``)."""
    label = views.STATUS_LABELS.get(status, status.replace("_", " "))
    return f'<span class="badge st-{safe_id(status)}">{escape(label)}</span>'


def analysis_sections(briefing: Briefing, links: Links) -> list[tuple[str, str]]:
    """The analysis sections that have something to show, in :data:`views.SECTION_ORDER`.

    Args:
        briefing: the briefing.
        links: the link targets of the page.

    Returns:
        ``(section id, <section> HTML)`` for each analysis section with something to show (framing
        also when only the coverage matrix is known).
    """
    out = []
    for name in views.SECTION_ORDER:
        known, other = views.split_known(name, getattr(briefing, name))
        parts = []
        if name == "framing":
            coverage = views.coverage(briefing)
            if known:
                parts.append(_framing([r for r in known if isinstance(r, Framing)], links))
            if coverage is not None:
                parts.append(_coverage(coverage, links))
        elif known:
            parts.append(_LAYOUTS[name](known, briefing, links))
        if other:
            parts.append(_generic(other, links))
        if parts:
            title = _SECTION_TITLES.get(name, name.capitalize())
            out.append((name, f'<section id="{name}">\n<h2>{title}</h2>\n' + "\n".join(parts) + "\n</section>"))
    return out


def analysis_nav(sections: Iterable[str]) -> str:
    """A line of links to the page's sections, given their ids in page order."""
    links = " · ".join(f'<a href="#{s}">{escape(_SECTION_TITLES.get(s, s.capitalize()))}</a>' for s in sections)
    return f'<nav class="toc">{links}</nav>'


# -- claims ------------------------------------------------------------------------------------------


def _claims(records: Sequence[object], briefing: Briefing, links: Links) -> str:
    claims = [r for r in records if isinstance(r, Claim)]
    groups = views.group_claims(claims)
    parts = [
        f'<p class="lead">{plural(len(claims), "claim")}: {groups.counts()}. A claim is a statement of fact '
        "aligned across the sources; syndicated copies count as one independent source.</p>"
    ]
    if groups.contested:
        parts.append(f"<h3>Contested ({len(groups.contested)})</h3>\n{_claim_list(groups.contested, links)}")
    if groups.consensus:
        parts.append(f"<h3>Consensus ({len(groups.consensus)})</h3>\n{_claim_list(groups.consensus, links)}")
    if groups.single_source:
        parts.append(
            f'<details class="single">\n<summary>{plural(len(groups.single_source), "single-source claim")}'
            f"</summary>\n{_claim_list(groups.single_source, links)}\n</details>"
        )
    return "\n".join(parts)


def _claim_list(claims: Sequence[Claim], links: Links) -> str:
    items = []
    for claim in claims:
        same = _words(claim.text)
        other_wordings = [m for m in claim.mentions if _words(m.text) != same]
        wording = ""
        if other_wordings:
            rows = "".join(f"<li>{links.cite(m.article, m)} <q>{escape(m.text)}</q></li>" for m in other_wordings)
            wording = f'<ul class="wording">{rows}</ul>'
        status = f" {status_badge(claim.status)}" if claim.status not in views.STATUS_LABELS else ""
        items.append(
            f'<li class="claim st-{safe_id(claim.status)}" id="{claim_anchor(claim.id)}">'
            f'<span class="claim-text">{escape(claim.text)}</span>'
            f'<span class="claim-meta"><span class="cid">{escape(claim.id)}</span>{status} · '
            f"{plural(claim.independent_sources, 'independent source')} · "
            f"{links.cites(claim.mentions, claim.sources)}</span>{wording}</li>"
        )
    return '<ol class="claims">\n' + "\n".join(items) + "\n</ol>"


# -- conflicts ---------------------------------------------------------------------------------------


def _conflicts(records: Sequence[object], briefing: Briefing, links: Links) -> str:
    blocks = []
    for n, conflict in enumerate((r for r in records if isinstance(r, Conflict)), 1):
        severity = safe_id(conflict.severity)
        meta = [
            f'<span class="badge sev-{severity}">{escape(conflict.severity)}</span> '
            f'<span class="badge kind">{escape(conflict.kind)}</span>',
            escape(_SEVERITY_HELP.get(conflict.severity, "")),
        ]
        if conflict.within_syndication:
            meta.append('<span class="badge kind">wire copies</span> ' + escape(_WITHIN_SYNDICATION))
        if conflict.claim:
            claim = links.claims.get(conflict.claim)
            short = f' <span class="claim-short">“{escape(views.shorten(claim.text, 90))}”</span>' if claim else ""
            meta.append(f"claim {links.claim(conflict.claim)}{short}")
        rows = []
        for variant in conflict.variants:
            article = links.articles.get(variant.article)
            where = " — ".join(escape(x) for x in (article.outlet, article.title) if x) if article else ""
            rows.append(
                f"<tr><td>{links.cite(variant.article, variant)}</td><td>{where or '—'}</td>"
                f'<td class="ctx">{_in_context(variant, article)}</td></tr>'
            )
        blocks.append(
            f'<div class="conflict sev-{severity}" id="conflict-{n}">\n'
            f"<h3>{escape(conflict.about) or 'Conflict'}</h3>\n"
            f'<p class="conflict-meta">{" · ".join(m for m in meta if m)}</p>\n'
            '<table class="variants">\n<thead><tr><th>article</th><th>outlet / title</th>'
            "<th>the words in their sentence</th></tr></thead>\n<tbody>\n"
            + "\n".join(rows)
            + "\n</tbody>\n</table>\n</div>"
        )
    return "\n".join(blocks)


def _in_context(span: Span, article: Article | None) -> str:
    found = views.context(article.text, span) if article is not None else None
    if found is None or found.words != span.text:
        return f'<mark class="hit">{escape(span.text)}</mark>'
    before = ("…" if found.clipped_before else "") + found.before
    after = found.after + ("…" if found.clipped_after else "")
    return f'{escape(before)}<mark class="hit">{escape(found.words)}</mark>{escape(after)}'


# -- quotes ------------------------------------------------------------------------------------------


def _quotes(records: Sequence[object], briefing: Briefing, links: Links) -> str:
    items = []
    for n, quote in enumerate((r for r in records if isinstance(r, Quote)), 1):
        articles = len({m.article for m in quote.mentions})
        facts = [
            f'<span class="speaker">{escape(quote.speaker)}</span>'
            if quote.speaker
            else '<span class="speaker unknown">speaker unknown</span>',
            f"{plural(len(quote.mentions), 'version')} in {plural(articles, 'article')}",
        ]
        if quote.paraphrase:
            facts.append('<span class="badge paraphrase" title="not what the other outlets quote">paraphrase</span>')
        rows = "\n".join(
            f"<tr><td>{links.cite(span.article, span)}</td><td><q>{escape(span.text)}</q></td>"
            f"<td>{escape(said) if said else '—'}</td></tr>"
            for span, said in views.quote_versions(quote)
        )
        items.append(
            f'<li class="quote" id="quote-{n}">\n<blockquote>{escape(quote.text)}</blockquote>\n'
            f'<p class="quote-meta">— {" · ".join(facts)}</p>\n'
            '<table class="versions">\n<thead><tr><th>article</th><th>as quoted</th>'
            "<th>attributed to, as written</th></tr></thead>\n<tbody>\n" + rows + "\n</tbody>\n</table>\n</li>"
        )
    return '<ol class="quotes">\n' + "\n".join(items) + "\n</ol>"


# -- timeline ----------------------------------------------------------------------------------------


def _timeline(records: Sequence[object], briefing: Briefing, links: Links) -> str:
    entries = views.timeline_order([r for r in records if isinstance(r, TimelineEntry)])
    rows = "\n".join(
        f'<tr class="k-{safe_id(e.kind)}"><td class="date">{escape(e.date)}</td>'
        f'<td><span class="badge k-{safe_id(e.kind)}">{escape(e.kind)}</span></td>'
        f'<td class="event">{escape(e.text)}</td><td>{links.cites(e.mentions)}</td></tr>'
        for e in entries
    )
    planned = sum(e.kind == "planned" for e in entries)
    return (
        f'<p class="lead">{plural(len(entries) - planned, "event")} that happened and {planned} planned, by date. '
        "<em>Planned</em> is what a source announces or expects; dates are as precise as the sources.</p>\n"
        '<table class="timeline">\n<thead><tr><th>date</th><th></th><th>event</th><th>sources</th></tr></thead>\n'
        "<tbody>\n" + rows + "\n</tbody>\n</table>"
    )


# -- numbers -----------------------------------------------------------------------------------------


def _numbers(records: Sequence[object], briefing: Briefing, links: Links) -> str:
    rows = []
    for fact in (r for r in records if isinstance(r, NumberFact)):
        mentions = "".join(f"<li>{links.cite(m.article, m)} <q>{escape(m.text)}</q></li>" for m in fact.mentions)
        hedges = ", ".join(escape(h) for h in fact.hedges) or "—"
        rows.append(
            f'<tr><td class="num">{escape(views.number_value(fact))}</td><td>{_or_dash(fact.unit)}</td>'
            f'<td>{hedges}</td><td><ul class="inline">{mentions}</ul></td></tr>'
        )
    return (
        '<table class="numbers">\n<thead><tr><th class="num">value</th><th>unit</th><th>hedges</th>'
        "<th>as written</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


# -- framing and coverage ----------------------------------------------------------------------------


def _framing(records: Sequence[Framing], links: Links) -> str:
    rows = []
    for record in records:
        article = links.articles.get(record.article)
        where = " — ".join(escape(x) for x in (article.outlet, article.title) if x) if article else ""
        cells = []
        for evaluative in (False, True):
            terms = [
                f'<li><span class="term">{escape(term)}</span> {links.cites(spans) if spans else ""}</li>'
                for term, spans in views.term_mentions(record, evaluative=evaluative)
            ]
            cells.append(
                f'<td><ul class="inline terms">{"".join(terms)}</ul></td>' if terms else '<td class="none">none</td>'
            )
        rows.append(f"<tr><td>{links.article(record.article)}</td><td>{where or '—'}</td>{''.join(cells)}</tr>")
    return (
        '<p class="lead">Loaded or evaluative words each article uses that no other independent source uses: '
        "loaded terms are the news lexicon's (despot, regime, propaganda…), evaluative words those the sentiment "
        "lexicons rate strongly, which colour a text only in some uses.</p>\n"
        '<table class="framing">\n<thead><tr><th>article</th><th>outlet / title</th><th>loaded terms</th>'
        "<th>evaluative words</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


def _coverage(coverage: views.Coverage, links: Links) -> str:
    head = "".join(f'<th class="c" scope="col">{links.article(a)}</th>' for a in coverage.articles)
    width = len(coverage.articles) + 1
    rows = []
    group = None
    for row in coverage.rows:
        status = row.claim.status if row.claim else "single_source"
        if status != group:
            group = status
            label = views.STATUS_LABELS.get(status, status.replace("_", " "))
            rows.append(f'<tr class="group"><th colspan="{width}">{escape(label)}</th></tr>')
        text = f' <span class="claim-short">{escape(views.shorten(row.claim.text, 70))}</span>' if row.claim else ""
        cells = "".join(
            f'<td class="c" title="{escape(links.label(a))} carries {escape(row.claim_id)}">✓</td>'
            if on
            else '<td class="c"></td>'
            for a, on in zip(coverage.articles, row.cells, strict=True)
        )
        rows.append(
            f'<tr class="st-{safe_id(status)}"><th scope="row">{links.claim(row.claim_id)}{text}</th>{cells}</tr>'
        )
    hidden = (
        f" {plural(coverage.hidden, 'more single-source claim')} not shown (all are in the JSON output)."
        if coverage.hidden
        else ""
    )
    return (
        '<h3 id="coverage">Coverage</h3>\n'
        f'<p class="lead">Which article carries which claim: contested and consensus claims first.{hidden}</p>\n'
        f'<div class="scroll"><table class="matrix">\n<thead><tr><th>claim</th>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table></div>"
    )


# -- generic -----------------------------------------------------------------------------------------


def _generic(records: Sequence[object], links: Links) -> str:
    items = []
    for record in records:
        view = describe_record(record)
        parts = [f'<p class="heading">{escape(view.heading) or "(no text)"}</p>']
        if view.fields:
            fields = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in view.fields)
            parts.append(f'<dl class="fields">{fields}</dl>')
        if view.mentions:
            mentions = "".join(f"<li>{links.mention(m)}</li>" for m in view.mentions)
            parts.append(f'<ul class="mentions">{mentions}</ul>')
        items.append("<li>" + "".join(parts) + "</li>")
    return '<ol class="records">\n' + "\n".join(items) + "\n</ol>"


_LAYOUTS: Mapping[str, Callable[[Sequence[object], Briefing, Links], str]] = {
    "claims": _claims,
    "conflicts": _conflicts,
    "quotes": _quotes,
    "timeline": _timeline,
    "numbers": _numbers,
}


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def safe_id(value: str) -> str:
    """``value`` with every character but ``[A-Za-z0-9_-]`` replaced by ``_``: safe in a URL fragment,
    a CSS selector, an id or class attribute."""
    return _UNSAFE_ID_CHARS.sub("_", value)


def _or_dash(value: str | None) -> str:
    return escape(value) if value else "—"
