"""A :class:`Briefing` as readable Markdown.

Layout: title and counts; the summary as a numbered list, each sentence followed by its sources
(``[002, 003]``) and the evidence quoted with article id and offsets; a table of sources; syndication
groups; the analysis sections that are not empty; what was removed from each article and why; the
rejected inputs.

Article text is untrusted: it is put on one line and every character that Markdown (or the HTML a
Markdown renderer passes through) would interpret is backslash-escaped, so a source cannot inject
links, tags or table cells.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newsweave.model import Article, Briefing
from newsweave.render.jsonout import (
    ANALYSIS_SECTIONS,
    describe_record,
    plain,
    plural,
    removed_counts,
    word_count,
)

# Removed pieces are shown up to this many characters: enough to recognise a newsletter appeal or a
# ticker, short enough that a page of site furniture does not drown the briefing. JSON keeps all.
REMOVED_PREVIEW_CHARS = 200

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
    for name in ANALYSIS_SECTIONS:
        records = getattr(briefing, name)
        if records:
            blocks.append(_analysis(name, records))
    blocks.append(_removed(briefing.articles))
    if briefing.rejected:
        blocks.append(_rejected(briefing))
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


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
        cites = ", ".join(inline(s) for s in sentence.sources)
        lines.append(f"{n}. {inline(sentence.text)} [{cites}]")
        for span in sentence.evidence:
            lines.append(f"   - {_quote(plain(span))}")
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


def _analysis(name: str, records: tuple[object, ...]) -> list[str]:
    lines = [f"## {name.capitalize()}", ""]
    for record in records:
        view = describe_record(record)
        fields = "; ".join(f"{inline(k)}: {inline(v)}" for k, v in view.fields)
        lines.append(f"- **{inline(view.heading) or '(no text)'}**" + (f" ({fields})" if fields else ""))
        for mention in view.mentions:
            lines.append(f"  - {_quote(mention)}")
    return lines


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


def _preview(text: str) -> str:
    flat = _WHITESPACE.sub(" ", text).strip()
    if len(flat) > REMOVED_PREVIEW_CHARS:
        flat = flat[:REMOVED_PREVIEW_CHARS].rstrip() + "…"
    return inline(flat)
