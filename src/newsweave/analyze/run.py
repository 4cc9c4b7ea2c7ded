"""Run the whole cross-source analysis over the cleaned articles of one story."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsweave.analyze import conflicts as C
from newsweave.analyze import dates as D
from newsweave.analyze import framing as F
from newsweave.analyze import numbers as N
from newsweave.analyze import quotes as Q
from newsweave.analyze.claims import Statement, build_statements, to_claims
from newsweave.config import SummaryOptions
from newsweave.dedup import origin_map
from newsweave.model import (
    Article,
    Claim,
    Conflict,
    DateMention,
    Framing,
    NumberFact,
    Quote,
    SyndicationGroup,
    TimelineEntry,
)
from newsweave.sentences import split_sentences
from newsweave.similarity import content_terms


@dataclass(frozen=True)
class Analysis:
    """Everything the cross-source analysis found, plus what the summary needs to build on it."""

    statements: tuple[Statement, ...]
    claim_ids: Mapping[int, str]
    claims: tuple[Claim, ...]
    quotes: tuple[Quote, ...]
    numbers: tuple[NumberFact, ...]
    conflicts: tuple[Conflict, ...]
    timeline: tuple[TimelineEntry, ...]
    framing: tuple[Framing, ...]
    coverage: Mapping[str, object] = field(default_factory=dict)
    article_dates: Mapping[str, str | None] = field(default_factory=dict)
    story_date: str | None = None


def analyze(
    articles: Sequence[Article],
    syndication: Sequence[SyndicationGroup],
    *,
    options: SummaryOptions | None = None,
) -> Analysis:
    """Align claims, parse numbers, dates and quotes, find conflicts and framing.

    Args:
        articles: the story's cleaned articles.
        syndication: groups of copies (one independent source each).
        options: thresholds shared with the summary (what counts as the same statement).

    Returns:
        The analysis; every mention in it is an exact span of an article's cleaned text.
    """
    origin = origin_map(articles, syndication)
    sentences = {a.id: split_sentences(a) for a in articles}
    statements = build_statements(articles, syndication, options=options)

    quantities = {a.id: N.extract_quantities(a, sentences[a.id]) for a in articles}
    anchors = D.infer_article_dates(articles)
    story_year = D.story_year(articles, anchors)
    date_mentions: dict[str, list[DateMention]] = {
        a.id: D.extract_dates(a, anchors.get(a.id), story_year=story_year, sentences=sentences[a.id]) for a in articles
    }
    quote_mentions = [m for a in articles for m in Q.extract_quotes(a)]
    speakers = Q.story_context(articles)
    quotes = Q.merge_quotes(quote_mentions, origin, context=speakers)

    lang = {a.id: a.language if a.language != "und" else "en" for a in articles}
    terms = {(m.article, m.start): content_terms(m.text, lang[m.article]) for st in statements for m in st.mentions}
    found: list[tuple[int | None, Conflict]] = []
    for i, st in enumerate(statements):
        if len({origin.get(m.article, m.article) for m in st.mentions}) < 2:
            continue
        for c in (
            C.number_conflicts(st, quantities, origin)
            + C.date_conflicts(st, date_mentions, origin)
            + C.statement_conflicts(st, terms, origin)
        ):
            found.append((i, c))
    for c in Q.attribution_conflicts(quotes, context=speakers):
        found.append((_statement_of(c, statements), c))

    claims, ids = to_claims(statements, [c for _, c in found])
    conflicts = tuple(dataclasses.replace(c, claim=ids.get(i) if i is not None else None) for i, c in found)
    timeline = D.build_timeline(articles, dates=anchors, sentences=sentences)
    return Analysis(
        statements=tuple(statements),
        claim_ids=ids,
        claims=claims,
        quotes=tuple(quotes),
        numbers=N.group_numbers(q for qs in quantities.values() for q in qs),
        conflicts=conflicts,
        timeline=timeline,
        framing=F.framing(articles, origin=origin),
        coverage=F.coverage_matrix(claims, articles),
        article_dates={k: v.isoformat() if v else None for k, v in anchors.items()},
        story_date=main_event_date(timeline, anchors, origin),
    )


def _statement_of(conflict: Conflict, statements: Sequence[Statement]) -> int | None:
    for i, st in enumerate(statements):
        for v in conflict.variants:
            if any(m.article == v.article and m.start <= v.start < m.end for m in st.mentions):
                return i
    return None


def main_event_date(
    timeline: Sequence[TimelineEntry], anchors: Mapping[str, dt.date | None], origin: Mapping[str, str]
) -> str | None:
    """The day of the story's main event: the ``happened`` day that most independent sources date,
    ties going to the day nearest the articles' own dates."""
    known = sorted(d for d in anchors.values() if d is not None)
    middle = known[len(known) // 2] if known else None
    sources: dict[str, set[str]] = {}
    for entry in timeline:
        if entry.kind == "happened" and len(entry.date) == 10:
            sources.setdefault(entry.date, set()).update(origin.get(m.article, m.article) for m in entry.mentions)
    support = Counter({day: len(s) for day, s in sources.items()})
    if not support:
        return middle.isoformat() if middle else None

    def distance(day: str) -> int:
        return abs((dt.date.fromisoformat(day) - middle).days) if middle else 0

    return max(support, key=lambda day: (support[day], -distance(day)))
