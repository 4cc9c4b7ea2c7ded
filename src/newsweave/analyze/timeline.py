"""The story's timeline: every dated event of every article, one entry per event.

Dates are found and resolved by :mod:`newsweave.analyze.dates`, against each article's date from
:mod:`newsweave.analyze.dating`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from newsweave.analyze.dates import DateHit, EventKind, ResolvedMention, is_dateline, read_mentions
from newsweave.analyze.dating import date_articles, story_year
from newsweave.model import Article, Sentence, Span, TimelineEntry
from newsweave.similarity import content_terms, dice
from newsweave.unionfind import DisjointSets

# Two mentions of the same date and kind are one event when their sentences (date words removed) are
# at least this similar; 0.3 joins "estimated on Nov. 9 that …" across three outlets' wordings on the
# seeds and keeps Putin's "two weeks ago" statement apart from the US estimate of the same day.
SAME_EVENT = 0.3


def _clusters(members: Sequence[int], linked: Callable[[int, int], bool]) -> list[list[int]]:
    """Single-link clusters of ``members`` under ``linked``, each in input order."""
    sets = DisjointSets(members)
    for x, i in enumerate(members):
        for j in members[x + 1 :]:
            if linked(i, j):
                sets.union(i, j)
    return sets.groups(members)


def build_timeline(
    articles: Sequence[Article],
    *,
    dates: dict[str, dt.date | None] | None = None,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    hits: Mapping[str, Sequence[DateHit]] | None = None,
) -> tuple[TimelineEntry, ...]:
    """The story's dated events: every date mention of every article, one entry per event.

    Datelines ("Posted on May 2, 2013 5:03 PM EDT") are left out: they date an article, not an event.
    Mentions are one event when they have the same date and kind and either their sentences (date words
    removed) reach :data:`SAME_EVENT` content-term Dice, or both are the news of their article's own day
    ("today", "on Friday" in articles of that Friday): a story is about one event, and the outlets word
    it differently. An entry's text is its most central sentence (the most similar to the others, the
    earliest on ties); its mentions are the sentences of every article that dates it.

    Args:
        articles: the story's articles.
        dates: each article's date; from :func:`date_articles` when not given (no guesses).
        sentences: each article's sentences, if already split.
        hits: each article's date expressions, if already found (:func:`find_hits`).

    Returns:
        Entries sorted by date (a year before its months, a month before its days), then happened before
        planned, then story order. A year alone ("the 1962 Cuban Missile Crisis", "this year") is context,
        not an entry; a month is an entry only when its own sentence does not give the day.
    """
    if dates is None:
        dates = {k: v.date for k, v in date_articles(articles, sentences=sentences, hits=hits).items()}
    year = story_year(articles, dates, hits=hits, sentences=sentences, from_text=False)
    order = {a.id: i for i, a in enumerate(articles)}
    found: list[ResolvedMention] = []
    terms: list[frozenset[str]] = []
    latest = max((d for d in dates.values() if d is not None), default=None)
    for art in articles:
        lang = art.language if art.language != "und" else "en"
        sents = sentences.get(art.id) if sentences else None
        for m in read_mentions(art, dates.get(art.id), year, sents, hits.get(art.id) if hits else None, latest):
            if is_dateline(m.mention) or len(m.mention.date) < 7:
                continue  # a dateline dates an article; a year alone ("the 1962 crisis", "this year") is context
            s, e = m.mention.sentence, m.mention.span
            found.append(m)
            terms.append(content_terms(s.text[: e.start - s.start] + " " + s.text[e.end - s.start :], lang))

    def linked(i: int, j: int) -> bool:
        return dice(terms[i], terms[j]) >= SAME_EVENT or (found[i].news_day and found[j].news_day)

    # One event at two precisions in one sentence is one entry, at the finer date: "in late October, with
    # … on October 28". (Across outlets a month is left as it is: moving "earlier this month" onto the day
    # another outlet gives would make background the story's most-dated day.)
    for i, m in enumerate(found):
        if len(m.mention.date) != 7:
            continue
        finer = [
            j
            for j, n in enumerate(found)
            if len(n.mention.date) == 10
            and n.mention.date.startswith(m.mention.date)
            and n.mention.kind == m.mention.kind
            and n.mention.sentence == m.mention.sentence
        ]
        if finer:
            best = finer[0]
            found[i] = dataclasses.replace(m, mention=dataclasses.replace(m.mention, date=found[best].mention.date))

    def position(i: int) -> tuple[int, int]:
        return order[found[i].mention.span.article], found[i].mention.span.start

    groups: dict[tuple[str, EventKind], list[int]] = {}
    for i, m in enumerate(found):
        groups.setdefault((m.mention.date, m.mention.kind), []).append(i)
    entries = []
    for (date, kind), members in groups.items():
        for cluster in _clusters(members, linked):
            central = max(cluster, key=lambda i: (sum(dice(terms[i], terms[j]) for j in cluster if j != i), -i))
            cited: dict[tuple[str, int], Span] = {}
            for i in sorted(cluster, key=position):
                s = found[i].mention.sentence
                cited.setdefault((s.article, s.start), s)
            entry = TimelineEntry(date, found[central].mention.sentence.text, kind, tuple(cited.values()))
            entries.append(((date, kind == "planned", min(position(i) for i in cluster)), entry))
    entries.sort(key=lambda e: e[0])
    return tuple(e[1] for e in entries)
