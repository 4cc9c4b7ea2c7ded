"""What the analysis sections show, worked out once for every output format.

The Markdown, HTML and terminal renderers lay the cross-source analysis out differently, but they
agree on what is shown and in which order: claims grouped by status, the timeline in date order, the
sentence around a conflicting variant, the rows of the coverage matrix, a number written for humans.
Those decisions live here, as plain functions over the model's records, so the formats cannot drift
apart. Nothing here escapes or formats markup: that is each renderer's job.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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
from newsweave.render.jsonout import ANALYSIS_SECTIONS
from newsweave.sentences import split_paragraph

# The analysis sections in reading order: what sources agree and disagree on first, then the details;
# a section added to the JSON later comes last (and is shown by the generic view).
_PREFERRED_ORDER = ("claims", "conflicts", "quotes", "timeline", "numbers", "framing")
SECTION_ORDER = _PREFERRED_ORDER + tuple(n for n in ANALYSIS_SECTIONS if n not in _PREFERRED_ORDER)
# The record type each section is laid out for; any other record falls back to the generic view.
RECORD_TYPES: Mapping[str, type] = {
    "claims": Claim,
    "conflicts": Conflict,
    "quotes": Quote,
    "timeline": TimelineEntry,
    "numbers": NumberFact,
    "framing": Framing,
}
STATUS_LABELS: Mapping[str, str] = {
    "contested": "contested",
    "consensus": "consensus",
    "single_source": "single source",
}
# Characters of context shown each side of a conflicting variant: enough for the clause around it.
CONTEXT_CHARS = 80
# Single-source claims shown in the coverage matrix; the rest are counted. Consensus and contested
# claims are always shown: they are the rows where the sources can be compared.
MATRIX_SINGLE_SOURCE_ROWS = 20


def split_known(section: str, records: Sequence[object]) -> tuple[list[object], list[object]]:
    """Split a section's records into those of the type it is laid out for and the rest.

    Args:
        section: an analysis section name (``"claims"`` …).
        records: the briefing's records for it.

    Returns:
        ``(known, other)``, each in input order. ``other`` is rendered by the generic view.
    """
    wanted = RECORD_TYPES.get(section)
    known = [r for r in records if wanted is not None and isinstance(r, wanted)]
    return known, [r for r in records if wanted is None or not isinstance(r, wanted)]


@dataclass(frozen=True)
class ClaimGroups:
    """Claims grouped for reading: contested, consensus (most independent sources first), single source."""

    contested: tuple[Claim, ...]
    consensus: tuple[Claim, ...]
    single_source: tuple[Claim, ...]

    def counts(self) -> str:
        """``"1 contested · 9 consensus · 56 single source"``."""
        return (
            f"{len(self.contested)} contested · {len(self.consensus)} consensus · "
            f"{len(self.single_source)} single source"
        )


def group_claims(claims: Sequence[Claim]) -> ClaimGroups:
    """Group claims by status. Within a group the input order is kept, except that consensus claims
    are sorted by independent sources, most first. A claim of an unknown status counts as contested,
    so that it is looked at rather than buried."""
    consensus = [c for c in claims if c.status == "consensus"]
    return ClaimGroups(
        contested=tuple(c for c in claims if c.status not in ("consensus", "single_source")),
        consensus=tuple(sorted(consensus, key=lambda c: -c.independent_sources)),
        single_source=tuple(c for c in claims if c.status == "single_source"),
    )


def timeline_order(entries: Sequence[TimelineEntry]) -> list[TimelineEntry]:
    """Entries in date order (ISO dates of any precision sort as text: "2022" < "2022-09" < "2022-09-21")."""
    return sorted(entries, key=lambda e: e.date)


def source_labels(briefing: Briefing, ids: Sequence[str]) -> list[str]:
    """How a reader sees the cited articles (:func:`article_labels`): "BOL News 002", "003"."""
    labels = article_labels(briefing.articles)
    return [labels.get(i, i) for i in ids]


def number_value(fact: NumberFact) -> str:
    """How a number record reads: its pair for a score or record ("31-24"), else its value."""
    return fact.pair or format_value(fact.value)


def format_value(value: float) -> str:
    """A number for humans: ``300000.0`` -> ``"300,000"``, ``2.5`` -> ``"2.5"``, ``inf`` -> ``"inf"``."""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,}"


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary with ``…`` when longer than ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


@dataclass(frozen=True)
class Context:
    """A span in the sentence around it: ``before + words + after`` is a stretch of the article text.

    ``clipped_before``/``clipped_after`` say whether the sentence goes on beyond the context shown.
    """

    before: str
    words: str
    after: str
    clipped_before: bool
    clipped_after: bool


def context(text: str, span: Span, width: int = CONTEXT_CHARS) -> Context | None:
    """The words of ``span`` with up to ``width`` characters of its sentence on each side.

    The context stops at the sentence boundaries (a span across sentences gets all of them) and,
    where it has to cut inside a sentence, at a word boundary.

    Args:
        text: the cleaned text of the span's article.
        span: the span.
        width: characters of context wanted each side.

    Returns:
        The context, or ``None`` when the span's offsets do not fit ``text``.
    """
    start, end = span.start, span.end
    if not 0 <= start <= end <= len(text):
        return None
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    sentence_start, sentence_end = start, end
    for s, e in split_paragraph(text[para_start:para_end], para_start):
        if s <= start < e or s < end <= e:
            sentence_start, sentence_end = min(sentence_start, s), max(sentence_end, e)
    left = max(sentence_start, start - width)
    right = min(sentence_end, end + width)
    if left > sentence_start and " " in text[left:start]:
        left = text.index(" ", left, start) + 1
    if right < sentence_end and " " in text[end:right]:
        right = text.rindex(" ", end, right)
    return Context(
        before=text[left:start],
        words=text[start:end],
        after=text[end:right],
        clipped_before=left > sentence_start,
        clipped_after=right < sentence_end,
    )


def quote_versions(quote: Quote) -> list[tuple[Span, str | None]]:
    """Each mention of a quote with its attribution as written (``None`` where there is none)."""
    return [(m, quote.speakers[i] if i < len(quote.speakers) else None) for i, m in enumerate(quote.mentions)]


def term_mentions(record: Framing, *, evaluative: bool = False) -> list[tuple[str, list[Span]]]:
    """Each loaded term (with ``evaluative``: each evaluative one) with the spans that write it, then any
    other spelling of that kind on its own.

    A term is matched to the spans whose words equal it, ignoring case; a span written differently
    (another inflection of the same lemma) is listed under its own words rather than guessed into a
    term.
    """
    from newsweave.analyze.framing import is_news_term

    listed = {t.casefold(): False for t in record.loaded_terms} | {t.casefold(): True for t in record.evaluative_terms}
    by_words: dict[str, list[Span]] = {}
    for span in record.mentions:
        key = span.text.casefold()
        if listed.get(key, not is_news_term(span.text)) == evaluative:
            by_words.setdefault(key, []).append(span)
    terms = record.evaluative_terms if evaluative else record.loaded_terms
    out = [(term, by_words.pop(term.casefold(), [])) for term in terms]
    out += [(spans[0].text, spans) for spans in by_words.values()]
    return out


@dataclass(frozen=True)
class CoverageRow:
    """One claim's row of the coverage matrix: which articles carry it."""

    claim_id: str
    claim: Claim | None
    cells: tuple[bool, ...]


@dataclass(frozen=True)
class Coverage:
    """The part of the coverage matrix worth showing, and how many single-source rows were left out."""

    articles: tuple[str, ...]
    rows: tuple[CoverageRow, ...]
    hidden: int


def coverage(briefing: Briefing, *, single_source_rows: int = MATRIX_SINGLE_SOURCE_ROWS) -> Coverage | None:
    """The rows of ``briefing.coverage`` to show: every contested and consensus claim, in the order of
    :func:`group_claims`, then the first ``single_source_rows`` single-source ones.

    Returns:
        The rows, or ``None`` when the briefing has no coverage matrix or it is not the shape
        ``{"articles": [ids], "claims": [ids], "matrix": [[0/1 per article] per claim]}``.
    """
    data = briefing.coverage
    articles, claim_ids, matrix = data.get("articles"), data.get("claims"), data.get("matrix")
    if not (isinstance(articles, list) and isinstance(claim_ids, list) and isinstance(matrix, list)):
        return None
    if not articles or not claim_ids or len(claim_ids) != len(matrix):
        return None
    if not all(isinstance(row, list) and len(row) == len(articles) for row in matrix):
        return None
    claims = {c.id: c for c in briefing.claims if isinstance(c, Claim)}
    rows = {
        str(cid): CoverageRow(str(cid), claims.get(str(cid)), tuple(bool(v) for v in row))
        for cid, row in zip(claim_ids, matrix, strict=True)
    }
    groups = group_claims([c for c in claims.values() if c.id in rows])
    ordered = [rows[c.id] for c in (*groups.contested, *groups.consensus)]
    # Rows without a claim record cannot be told apart by status: they go with the single-source ones.
    single = [rows[c.id] for c in groups.single_source] + [r for r in rows.values() if r.claim is None]
    shown = single[: max(single_source_rows, 0)]
    return Coverage(tuple(str(a) for a in articles), tuple(ordered + shown), len(single) - len(shown))


def writer_summary(report: WriterReport) -> str:
    """One line on what the LLM writer did, for every renderer."""
    parts = [f"{report.written} sentences written, {len(report.dropped)} not supported by their sources"]
    if report.withheld:
        parts.append(
            f"claims {', '.join(report.withheld)} withheld from the model (they read as instructions to an AI)"
        )
    if report.fallback:
        parts.append(f"the extractive summary is shown because {report.fallback}")
    return "; ".join(parts)


# Ids up to this long are shown as they are ("000", "reuters-2"); longer ones (a store's "a1f3…", 16
# characters of a hash) are replaced on the page by a label a reader can tell apart.
SHORT_ID = 12


def article_labels(articles: Sequence[Article]) -> dict[str, str]:
    """How a page names each article in citations: a short id with its outlet when known ("BOL News
    002") or alone ("003"); a long id (a store's) by its outlet (or its URL's host, or "article N"),
    numbered when two share one ("Reuters", "Reuters 2")."""
    from urllib.parse import urlsplit

    labels: dict[str, str] = {}
    used: Counter[str] = Counter()
    for n, a in enumerate(articles, start=1):
        if len(a.id) <= SHORT_ID:
            labels[a.id] = f"{a.outlet.strip()[:40]} {a.id}" if a.outlet and a.outlet.strip() else a.id
            continue
        host = urlsplit(a.url).hostname if a.url else None
        base = (a.outlet or (host.removeprefix("www.") if host else "") or f"article {n}").strip()[:40]
        used[base] += 1
        labels[a.id] = base if used[base] == 1 else f"{base} {used[base]}"
    return labels
