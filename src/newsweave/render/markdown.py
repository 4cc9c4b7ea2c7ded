"""A :class:`Briefing` as readable Markdown.

Layout: title and counts; the summary as a numbered list, each sentence followed by its sources
(``[002, 003]``), its status (consensus, single source, contested) and note, and the evidence quoted
with article id and offsets; a table of sources; syndication groups; the analysis sections that are not
empty (claims by status, conflicts side by side, quotes with every version, the timeline with planned
events apart, numbers, framing with the coverage matrix); what was removed from each article and why;
the rejected inputs. Passages in the analysis are cited as ``article:start–end``, character offsets into
the article's cleaned text (the JSON output has the text).

Article text is untrusted: it is put on one line and every character that Markdown (or the HTML a
Markdown renderer passes through) would interpret is backslash-escaped, so a source cannot inject
links, tags or table cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
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
    WriterReport,
)
from newsweave.render import views
from newsweave.render.jsonout import (
    describe_record,
    plain,
    plural,
    removed_counts,
    word_count,
)
from newsweave.render.views import writer_summary

# Removed pieces are shown up to this many characters: enough to recognise a newsletter appeal or a
# ticker, short enough that a page of site furniture does not drown the briefing. JSON keeps all.
REMOVED_PREVIEW_CHARS = 200
# Single-source claims listed before the rest are only counted: a story of many articles has dozens,
# and they matter less than the claims sources share or dispute. JSON keeps all.
SINGLE_SOURCE_CLAIMS_SHOWN = 15
_SEVERITY_MARKS = {"contradiction": "🔴", "precision": "🟠"}
_SEVERITY_HELP = {
    "contradiction": "the variants cannot all be true",
    "precision": "the variants differ only in how precise they are",
}

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_WHITESPACE = re.compile(r"\s+")


def to_markdown(briefing: Briefing) -> str:
    """Render a briefing as a Markdown document.

    Args:
        briefing: the briefing to render.

    Returns:
        The Markdown text, ending in a newline.

    Raises:
        OutputError: an analysis record holds a value that cannot be shown.
    """
    blocks: list[list[str]] = [
        _header(briefing),
        _summary(briefing),
        _sources(briefing.articles),
        _syndication(briefing),
    ]
    for name in views.SECTION_ORDER:
        blocks += _analysis_section(name, briefing)
    if briefing.not_reported:
        blocks.append(_not_reported(briefing))
    blocks.append(_removed(briefing.articles))
    if briefing.rejected:
        blocks.append(_rejected(briefing))
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _not_reported(briefing: Briefing) -> list[str]:
    """Differing values that are not reported as conflicts, and why (``brief --explain``)."""
    lines = ["## Differences not reported as conflicts", ""]
    lines += ["| about | why not | the words in their sentence |", "|---|---|---|"]
    for record in briefing.not_reported:
        words = "<br>".join(f"{_at(v)}: {_in_context(v, _find(briefing, v.article))}" for v in record.variants)
        lines.append(f"| {cell(record.about)} | {cell(record.reason)} | {words} |")
    return lines


def inline(text: str) -> str:
    """Make untrusted text safe for one line of Markdown (a list item, a table cell).

    Runs of whitespace, newlines included, become one space; Markdown and HTML specials are
    backslash-escaped.

    Args:
        text: any text.

    Returns:
        The escaped text.
    """
    return _SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", text).strip())


def cell(value: str | None) -> str:
    """A table cell: :func:`inline` text, or a dash when there is nothing to show."""
    return inline(value) if value else "—"


# -- sections ----------------------------------------------------------------------------------------


def _header(briefing: Briefing) -> list[str]:
    story = briefing.story
    counts = (
        f"**Date:** {cell(story.date)} · **Articles:** {len(briefing.articles)} · "
        f"**Independent sources:** {briefing.independent_sources()}"
    )
    if briefing.rejected:
        counts += f" · **Rejected inputs:** {len(briefing.rejected)}"
    return [f"# {inline(story.title) or 'Untitled story'}", "", counts]


def _summary(briefing: Briefing) -> list[str]:
    lines = ["## Summary", ""]
    if not briefing.summary:
        return [*lines, "_No summary: no sentence was supported by the sources._"]
    for n, sentence in enumerate(briefing.summary, 1):
        cites = ", ".join(inline(s) for s in views.source_labels(briefing, sentence.sources))
        mark = "**⚠ Contested:** " if sentence.status == "contested" else ""
        if sentence.verified is False:
            mark = "**⚠ NOT SUPPORTED by its sources:** "
        status = f"{_status(sentence.status)}, {plural(sentence.independent_sources, 'independent source')}"
        claims = sentence.claims or ((sentence.claim,) if sentence.claim else ())
        claim = (
            f" · {'claims' if len(claims) > 1 else 'claim'} {', '.join(inline(c) for c in claims)}" if claims else ""
        )
        by = " · written by the model, checked against the evidence" if sentence.verified else ""
        lines.append(f"{n}. {mark}{inline(sentence.text)} [{cites}] — _{status}_{claim}{by}")
        if sentence.note:
            lines.append(f"   - **Note:** {inline(sentence.note)}")
        for span in sentence.evidence:
            lines.append(f"   - {_quote(plain(span))}")
    return [*lines, *_writer(briefing.writer)]


def _writer(report: WriterReport) -> list[str]:
    """What the LLM writer did: model, fallback, withheld claims, and each sentence the verifier dropped."""
    if not report.url:
        return []
    lines = ["", f"_Writer: {inline(report.model or '?')} at {inline(report.url)}; {writer_summary(report)}_"]
    for d in report.dropped:
        lines.append(f"- Dropped: {inline(d.text)} ({'; '.join(inline(p) for p in d.problems)})")
    return lines


def _sources(articles: tuple[Article, ...]) -> list[str]:
    lines = [
        "## Sources",
        "",
        "| id | outlet | title | published | language | machine-translated | words kept | pieces removed |",
        "|---|---|---|---|---|---|---:|---:|",
    ]
    for a in articles:
        row = (
            cell(a.id),
            cell(a.outlet),
            cell(a.title),
            cell(a.published),
            cell(a.language),
            "yes" if a.machine_translated else "no",
            str(word_count(a.text)),
            str(len(a.removed)),
        )
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _syndication(briefing: Briefing) -> list[str]:
    lines = ["## Syndication", ""]
    if not briefing.syndication:
        return [*lines, "No syndicated copies: every article is an independent source."]
    lines.append("Articles that carry the same text count as one independent source.")
    lines.append("")
    for group in briefing.syndication:
        ids = ", ".join(inline(a) for a in group.articles)
        lines.append(f"- {ids} (similarity {group.similarity:.2f})")
    return lines


# -- analysis ----------------------------------------------------------------------------------------


def _analysis_section(name: str, briefing: Briefing) -> list[list[str]]:
    """The block of one analysis section, or no block when it has nothing to show."""
    known, other = views.split_known(name, getattr(briefing, name))
    parts: list[list[str]] = []
    if name == "framing":
        if known:
            parts.append(_framing([r for r in known if isinstance(r, Framing)], briefing))
        if (coverage := views.coverage(briefing)) is not None:
            parts.append(_coverage(coverage))
    elif known:
        parts.append(_LAYOUTS[name](known, briefing))
    if other:
        parts.append(_generic(other))
    if not parts:
        return []
    title = "Framing and coverage" if name == "framing" else name.capitalize()
    lines = [f"## {title}"]
    for part in parts:
        lines += ["", *part]
    return [lines]


def _claims(records: list[object], briefing: Briefing) -> list[str]:
    claims = [r for r in records if isinstance(r, Claim)]
    groups = views.group_claims(claims)
    lines = [
        f"{plural(len(claims), 'claim')}: {groups.counts()}. Passages are cited as article:start–end, "
        "character offsets into the article's cleaned text."
    ]
    for title, group in (("Contested", groups.contested), ("Consensus", groups.consensus)):
        if group:
            lines += ["", f"### {title} ({len(group)})", ""]
            lines += [line for claim in group for line in _claim(claim)]
    if groups.single_source:
        shown = groups.single_source[:SINGLE_SOURCE_CLAIMS_SHOWN]
        lines += ["", f"### Single source ({len(groups.single_source)})", ""]
        lines += [line for claim in shown for line in _claim(claim)]
        if rest := len(groups.single_source) - len(shown):
            lines += ["", f"_… and {plural(rest, 'more single-source claim')}, listed in the JSON output._"]
    return lines


def _claim(claim: Claim) -> list[str]:
    sources = f"{'source' if len(claim.sources) == 1 else 'sources'} {', '.join(inline(s) for s in claim.sources)}"
    if len(claim.sources) > 1:
        sources += f" ({claim.independent_sources} independent)"
    status = f" · {_status(claim.status)}" if claim.status not in views.STATUS_LABELS else ""
    cited = ", ".join(_at(m) for m in claim.mentions)
    lines = [f"- **{inline(claim.id)}** {inline(claim.text)} — {sources}{status} · cited at {cited}"]
    same = _words(claim.text)
    return lines + [f"  - {_at(m)}: “{inline(m.text)}”" for m in claim.mentions if _words(m.text) != same]


def _conflicts(records: list[object], briefing: Briefing) -> list[str]:
    lines: list[str] = []
    for n, conflict in enumerate((r for r in records if isinstance(r, Conflict)), 1):
        meta = f"{_SEVERITY_MARKS.get(conflict.severity, '⚠')} **{inline(conflict.severity)}**"
        if conflict.severity in _SEVERITY_HELP:
            meta += f" ({_SEVERITY_HELP[conflict.severity]})"
        meta += f" · kind: {inline(conflict.kind)}"
        if conflict.within_syndication:
            meta += " · copies of one wire story, edited differently (one independent source)"
        if conflict.claim:
            meta += f" · claim {inline(conflict.claim)}"
        if lines:
            lines.append("")
        lines += [f"### {n}. {inline(conflict.about) or 'Conflict'}", "", meta, ""]
        lines += ["| article | outlet / title | the words in their sentence |", "|---|---|---|"]
        for variant in conflict.variants:
            article = _find(briefing, variant.article)
            where = " / ".join(inline(x) for x in (article.outlet, article.title) if x) if article else ""
            lines.append(f"| {_at(variant)} | {where or '—'} | {_in_context(variant, article)} |")
    return lines


def _quotes(records: list[object], briefing: Briefing) -> list[str]:
    lines = []
    for quote in (r for r in records if isinstance(r, Quote)):
        speaker = f"**{inline(quote.speaker)}**" if quote.speaker else "_speaker unknown_"
        articles = len({m.article for m in quote.mentions})
        versions = f"{plural(len(quote.mentions), 'version')} in {plural(articles, 'article')}"
        flag = " · _paraphrase_" if quote.paraphrase else ""
        lines.append(f"- “{inline(quote.text)}” — {speaker} · {versions}{flag}")
        for span, said in views.quote_versions(quote):
            lines.append(f"  - {_at(span)}: “{inline(span.text)}” — attributed to: {cell(said)}")
    return lines


def _timeline(records: list[object], briefing: Briefing) -> list[str]:
    entries = views.timeline_order([r for r in records if isinstance(r, TimelineEntry)])
    lines = [
        "By date. _Planned_ is what a source announces or expects; dates are as precise as the sources.",
        "",
        "| date | happened | planned | cited at |",
        "|---|---|---|---|",
    ]
    for e in entries:
        text = inline(e.text)
        happened, planned = (text, "") if e.kind == "happened" else ("", f"_{text}_" if text else "")
        cited = ", ".join(_at(m) for m in e.mentions)
        lines.append(f"| {cell(e.date)} | {happened} | {planned} | {cited or '—'} |")
    return lines


def _numbers(records: list[object], briefing: Briefing) -> list[str]:
    lines = ["| value | unit | hedges | as written |", "|---:|---|---|---|"]
    for fact in (r for r in records if isinstance(r, NumberFact)):
        written = "; ".join(f"{inline(m.article)} “{inline(m.text)}”" for m in fact.mentions)
        hedges = ", ".join(inline(h) for h in fact.hedges)
        lines.append(f"| {views.number_value(fact)} | {cell(fact.unit)} | {hedges or '—'} | {written or '—'} |")
    return lines


def _framing(records: list[Framing], briefing: Briefing) -> list[str]:
    lines = [
        "Loaded or evaluative words each article uses that no other independent source uses.",
        "",
        "Loaded terms are the news lexicon's (despot, regime, propaganda…); evaluative words are those the",
        "sentiment lexicons rate strongly, which colour a text only in some uses.",
        "",
        "| article | outlet / title | loaded terms | evaluative words |",
        "|---|---|---|---|",
    ]
    for record in records:
        article = _find(briefing, record.article)
        where = " / ".join(inline(x) for x in (article.outlet, article.title) if x) if article else ""
        columns = [
            "; ".join(
                f"**{inline(term)}**" + (f" ({', '.join(_at(s) for s in spans)})" if spans else "")
                for term, spans in views.term_mentions(record, evaluative=evaluative)
            )
            or "none"
            for evaluative in (False, True)
        ]
        lines.append(f"| {cell(record.article)} | {where or '—'} | {columns[0]} | {columns[1]} |")
    return lines


def _coverage(coverage: views.Coverage) -> list[str]:
    hidden = (
        f" {plural(coverage.hidden, 'more single-source claim')} not shown (all are in the JSON output)."
        if coverage.hidden
        else ""
    )
    lines = [
        "### Coverage",
        "",
        f"Which article carries which claim: contested and consensus claims first.{hidden}",
        "",
        "| claim | " + " | ".join(inline(a) for a in coverage.articles) + " |",
        "|---|" + ":-:|" * len(coverage.articles),
    ]
    group = None
    for row in coverage.rows:
        status = row.claim.status if row.claim else "single_source"
        if status != group:
            group = status
            lines.append(f"| _{_status(status)}_ |" + " |" * len(coverage.articles))
        text = f" {inline(views.shorten(row.claim.text, 70))}" if row.claim else ""
        cells = " | ".join("✓" if on else " " for on in row.cells)
        lines.append(f"| **{inline(row.claim_id)}**{text} | {cells} |")
    return lines


def _generic(records: list[object]) -> list[str]:
    lines = []
    for record in records:
        view = describe_record(record)
        fields = "; ".join(f"{inline(k)}: {inline(v)}" for k, v in view.fields)
        lines.append(f"- **{inline(view.heading) or '(no text)'}**" + (f" ({fields})" if fields else ""))
        for mention in view.mentions:
            lines.append(f"  - {_quote(mention)}")
    return lines


_LAYOUTS: Mapping[str, Callable[[list[object], Briefing], list[str]]] = {
    "claims": _claims,
    "conflicts": _conflicts,
    "quotes": _quotes,
    "timeline": _timeline,
    "numbers": _numbers,
}


def _removed(articles: tuple[Article, ...]) -> list[str]:
    lines = ["## Removed from each article", ""]
    lines.append("Everything taken out of each input, with the reason. The JSON output keeps it in full.")
    for a in articles:
        lines += ["", f"### {inline(a.id)}" + (f" — {inline(a.title)}" if a.title else "")]
        if not a.removed:
            lines += ["", "Nothing removed."]
            continue
        lines += ["", f"{plural(len(a.removed), 'piece')} removed: {removed_counts(a.removed)}.", ""]
        for piece in a.removed:
            label = f"**{inline(piece.reason)}**"
            about = f"{inline(piece.detail)}, " if piece.detail else ""
            lines.append(f"- {label} ({about}{len(piece.text)} chars): “{_preview(piece.text)}”")
    return lines


def _rejected(briefing: Briefing) -> list[str]:
    lines = ["## Rejected inputs", ""]
    for r in briefing.rejected:
        lines.append(f"- {inline(r.source)} — **{inline(r.reason)}**: {inline(r.message)}")
    return lines


# -- helpers -----------------------------------------------------------------------------------------


def _quote(mention: Mapping[str, Any]) -> str:
    where = f"{inline(mention['article'])}, chars {mention['start']}–{mention['end']}"
    return f"{where}: “{inline(mention['text'])}”"


def _at(span: Span) -> str:
    """``001:0–144``: where a passage is."""
    return f"{inline(span.article)}:{span.start}–{span.end}"


def _status(status: str) -> str:
    return views.STATUS_LABELS.get(status, status.replace("_", " "))


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _find(briefing: Briefing, article_id: str) -> Article | None:
    return next((a for a in briefing.articles if a.id == article_id), None)


def _in_context(span: Span, article: Article | None) -> str:
    """The span's words in bold inside its sentence (up to :data:`views.CONTEXT_CHARS` each side)."""
    found = views.context(article.text, span) if article is not None else None
    if not span.text.strip():
        return "(no words)"
    if found is None or found.words != span.text:
        return f"**{inline(span.text)}**"
    before = ("…" if found.clipped_before else "") + found.before
    after = found.after + ("…" if found.clipped_after else "")
    # Emphasis only works with no space just inside the asterisks: keep the span's own edge spaces out.
    words = found.words.strip()
    lead = found.words[: len(found.words) - len(found.words.lstrip())]
    trail = found.words[len(found.words.rstrip()) :]
    return f"{_escape_run(before + lead)}**{inline(words)}**{_escape_run(trail + after)}".strip()


def _escape_run(text: str) -> str:
    # Like inline(), but keeps a leading or trailing space: the run sits next to other text.
    return _SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", text))


def _preview(text: str) -> str:
    flat = _WHITESPACE.sub(" ", text).strip()
    if len(flat) > REMOVED_PREVIEW_CHARS:
        flat = flat[:REMOVED_PREVIEW_CHARS].rstrip() + "…"
    return inline(flat)
