"""Run the whole cross-source analysis over the cleaned articles of one story."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsweave.analyze import conflicts as C
from newsweave.analyze import dates as D
from newsweave.analyze import dating as DT
from newsweave.analyze import framing as F
from newsweave.analyze import numbers as N
from newsweave.analyze import timeline as TL
from newsweave.analyze.attributions import attribution_conflicts
from newsweave.analyze.claims import Statement, build_statements, to_claims
from newsweave.analyze.copies import copy_conflicts
from newsweave.analyze.doc import AnnotatedArticle, annotate, folded_words, story_people
from newsweave.analyze.facts import Fact, extract_facts
from newsweave.analyze.quote_merge import merge_quotes
from newsweave.config import SummaryOptions
from newsweave.dedup import origin_map
from newsweave.model import (
    Article,
    Claim,
    Conflict,
    DateMention,
    Framing,
    NotReported,
    NumberFact,
    Quote,
    Span,
    SyndicationGroup,
    TimelineEntry,
)


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
    article_dating: Mapping[str, DT.ArticleDating] = field(default_factory=dict)
    story_date: str | None = None
    facts: tuple[Fact, ...] = ()
    unreported: tuple[NotReported, ...] = ()
    docs: Mapping[str, AnnotatedArticle] = field(default_factory=dict)


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
    docs = {a.id: annotate(a) for a in articles}
    sentences = {k: d.sentences for k, d in docs.items()}
    statements = build_statements(articles, syndication, options=options, sentences=sentences)

    hits = {k: d.date_hits for k, d in docs.items()}
    # the articles' dates as evidence gives them (a reader sees these; relative dates resolve on them),
    # and a best guess for the undated ones that only keeps conflicts back (a toll that may have grown)
    dating, best_guesses = DT.dating_and_guesses(articles, sentences=sentences, hits=hits)
    anchors = {k: v.date for k, v in dating.items()}
    guesses = {k: v.date for k, v in best_guesses.items()}
    # the year of days written without one: for the facts compared across articles, the latest year the
    # texts report will do (two outlets' "November 18" and "November 19" differ whatever the year); the
    # timeline a reader sees resolves them only with the year of a known date (build_timeline)
    story_year = DT.story_year(articles, anchors, hits=hits, sentences=sentences)
    latest = max((d for d in anchors.values() if d is not None), default=None)
    date_mentions: dict[str, list[DateMention]] = {
        a.id: D.extract_dates(
            a, anchors.get(a.id), story_year=story_year, sentences=sentences[a.id], hits=hits[a.id], reference=latest
        )
        for a in articles
    }
    timeline = TL.build_timeline(articles, dates=anchors, sentences=sentences, hits=hits)
    story_date = main_event_date(timeline, anchors, origin)
    quote_mentions = [m for d in docs.values() for m in d.quotes]
    # every titled name of the story, once (what people.story_context gives, from the annotated records)
    speakers = tuple(dict.fromkeys(name for d in docs.values() for name in d.titled_names))
    quotes = merge_quotes(quote_mentions, origin, context=speakers)

    people = story_people(list(docs.values()))
    # the story's own time, against which a figure next to another year or month is background
    # (in a story nothing dates, the middle of the best guesses: enough to tell "in 1950" from the story)
    guessed = story_date or main_event_date((), guesses, origin)
    reference = dt.date.fromisoformat(guessed) if guessed else None
    facts = [
        f
        for a in articles
        for f in extract_facts(docs[a.id], people=people, dates=date_mentions[a.id], story_date=reference)
    ]
    in_statement = {(m.article, m.start): i for i, st in enumerate(statements) for m in st.mentions}
    facts = [
        dataclasses.replace(f, statement=in_statement.get((f.article, f.sentence.start)))
        if (f.article, f.sentence.start) in in_statement
        else f
        for f in facts
    ]
    given = {a.id: D.parse_published(a.published) for a in articles}
    words = {k: folded_words(d.text) for k, d in docs.items()}
    fact_found, unreported = C.fact_conflicts(
        facts, origin, dates=given, order=[a.id for a in articles], vocabulary=words, anchors=guesses
    )
    copies = copy_conflicts(docs, syndication)
    found_list = fact_found + [c for c in copies if not _covered(c, fact_found)]
    found_list += attribution_conflicts(quote_mentions, origin, context=speakers)
    found = [(_statement_of(c, statements), c) for c in found_list]

    claims, ids = to_claims(statements, [c for _, c in found])
    conflicts = tuple(dataclasses.replace(c, claim=ids.get(i) if i is not None else None) for i, c in found)
    quantities = [q for d in docs.values() for q in d.quantities]
    numbers = N.group_numbers(quantities) + _scores(facts)
    return Analysis(
        statements=tuple(statements),
        claim_ids=ids,
        claims=claims,
        quotes=tuple(quotes),
        numbers=numbers,
        conflicts=conflicts,
        timeline=timeline,
        framing=F.framing(articles, origin=origin, sentences=sentences),
        coverage=F.coverage_matrix(claims, articles),
        article_dates={k: v.isoformat() if v else None for k, v in anchors.items()},
        article_dating=dating,
        story_date=story_date,
        facts=tuple(facts),
        unreported=tuple(unreported),
        docs=docs,
    )


def _covered(conflict: Conflict, others: Sequence[Conflict]) -> bool:
    """Whether a conflict's variants are already variants of one of ``others``."""

    def overlaps(v: Span, o: Conflict) -> bool:
        return any(v.article == w.article and v.start < w.end and w.start < v.end for w in o.variants)

    return any(all(overlaps(v, o) for v in conflict.variants) for o in others)


def _statement_of(conflict: Conflict, statements: Sequence[Statement]) -> int | None:
    for i, st in enumerate(statements):
        for v in conflict.variants:
            if any(m.article == v.article and m.start <= v.start < m.end for m in st.mentions):
                return i
    return None


def _scores(facts: Sequence[Fact]) -> tuple[NumberFact, ...]:
    """The scores and records of the story ("31-24", "52-3"), one record per pair of figures and kind."""
    groups: dict[tuple[str, tuple[int, int]], list[Fact]] = {}
    for f in facts:
        if f.kind in ("score", "record") and f.pair is not None:
            groups.setdefault((f.kind, f.pair), []).append(f)
    out = []
    for (kind, pair), group in groups.items():
        figures = re.findall(r"\d+", group[0].span.text)  # a record's draws too: "45-7-2"
        written = "-".join(figures) if kind == "record" and len(figures) == 3 else f"{pair[0]}-{pair[1]}"
        out.append(NumberFact(value=float(pair[0]), unit=kind, mentions=tuple(f.span for f in group), pair=written))
    return tuple(out)


def main_event_date(
    timeline: Sequence[TimelineEntry], anchors: Mapping[str, dt.date | None], origin: Mapping[str, str]
) -> str | None:
    """The day of the story's main event: the ``happened`` day that most independent sources date,
    ties going to the day nearest the articles' own dates."""
    known = sorted(d for d in anchors.values() if d is not None)
    middle = known[len(known) // 2] if known else None
    sources: dict[str, set[str]] = {}
    for entry in timeline:
        if entry.kind == "happened" and len(entry.date) == 10 and not DT.BORN.search(entry.text):
            sources.setdefault(entry.date, set()).update(origin.get(m.article, m.article) for m in entry.mentions)
    support = Counter({day: len(s) for day, s in sources.items()})
    if not support:
        return middle.isoformat() if middle else None

    def distance(day: str) -> int:
        return abs((dt.date.fromisoformat(day) - middle).days) if middle else 0

    return max(support, key=lambda day: (support[day], -distance(day)))
