"""Article dates: when each article was written, from evidence a reader can check.

What dates an article, in order: its metadata (set aside when its own text reports a later day as
past), a dateline, the most similar dated article (the same news), another outlet that writes in full
the day it calls "yesterday", a reported day and an announced one at most a week apart. The latest day
an article reports as past is only a lower bound (``not_before``); it dates the article only in the
guesses that keep conflicts back (:func:`dating_and_guesses`). Dates are found and resolved by
:mod:`newsweave.analyze.dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from newsweave.analyze.date_words import _DAY_WORDS
from newsweave.analyze.dates import (
    EXPLICIT_RULES,
    DateHit,
    find_hits,
    is_dateline,
    parse_published,
    read_mentions,
    tense_of,
)
from newsweave.model import Article, DateMention, Sentence
from newsweave.sentences import split_sentences
from newsweave.similarity import content_terms, dice, dice_neighbours

# A day another outlet writes in full dates an article's "yesterday" when their sentences are this alike
# (content-term Dice, date words left out): the same happening told twice, not two happenings of one story.
SAME_DAY_SENTENCE = 0.5
# An article that reports one day as past and announces another at most this many days later was written
# between them: its date is the first ("reported by Reuters on 23 November" / "will meet on November 27").
TIGHT_DAYS = 7
BORN = re.compile(r"(?i)\b(?:born|birth|birthday)\b")
# An undated article takes the date of the most similar dated article whose lead has the same
# modality (both announce, or both report) when whole-text content-term Dice reaches this. On ECB+ dev,
# articles on the same event score 0.20 or more in 75% of pairs, articles on another event of the same
# kind 0.25 or less in 95%, of another topic 0.08 or less; the seeds' pairs lie between 0.20 and 0.84.
NEIGHBOUR_MIN = 0.2
# The latest day an article reports as past dates it only when it lies this close to the story's known
# dates: background dates ("since February 24") are weeks or months off.
WINDOW_DAYS = 14
# A dateline dates its article only among the article's first sentences (later ones date other stories).
DATELINE_SENTENCES = 5


def story_year(
    articles: Sequence[Article],
    known: Mapping[str, dt.date | None],
    *,
    hits: Mapping[str, Sequence[DateHit]] | None = None,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    from_text: bool = True,
) -> int | None:
    """The most common year of the known article dates, else the latest year of a full day the texts
    report as past, birth dates left out (``hits``: each article's date expressions, if already
    found); else ``None``. ``from_text=False`` gives only the year of known dates: the latest year a
    story reports is a lower bound, and a "February" resolved with it may be a year early."""
    years = Counter(d.year for d in known.values() if d is not None)
    if years:
        return max(years, key=lambda y: (years[y], y))
    if not from_text:
        return None
    # Nothing dates an article: the latest year of a day the texts report as past. The most common year
    # would be a birth year an obituary repeats in every outlet ("born April 22, 1923").
    # A year written alone ("in 1947") is history more often than news: without a full day, no year.
    latest = None
    for art in articles:
        sents = sentences.get(art.id) if sentences is not None else None
        for m in read_mentions(art, None, None, sents, hits.get(art.id) if hits is not None else None):
            if m.full and m.tense == "past" and len(m.mention.date) == 10 and not born(m.mention):
                latest = max(latest or 0, int(m.mention.date[:4]))
    return latest


def reported_after(
    article: Article, day: dt.date, sentences: Sequence[Sentence], hits: Sequence[DateHit]
) -> str | None:
    """The words of a date with its year that the article reports as past and that lies after ``day``
    (a month: a month after it), or ``None``. An article "published 2014-12-10" that tells of "his March
    2015 arrest" was not written then."""
    for m in read_mentions(article, None, None, sentences, hits):
        if m.tense != "past" or not (m.full or m.rule == "my"):
            continue
        date = m.mention.date
        if len(date) == 10 and dt.date.fromisoformat(date) > day + dt.timedelta(1):
            return m.mention.span.text
        if len(date) == 7 and date > (day + dt.timedelta(31)).isoformat()[:7]:
            return m.mention.span.text
    return None


def born(mention: DateMention) -> bool:
    """Whether a date is someone's birth ("born in Nashville on April 22, 1923", "her birthday, May 3"):
    the word comes earlier in its sentence, at most 80 characters before."""
    s, e = mention.sentence, mention.span
    return bool(BORN.search(s.text[max(0, e.start - s.start - 80) : e.start - s.start]))


def _dateline(article: Article, sentences: Sequence[Sentence], hits: Sequence[DateHit] | None = None) -> dt.date | None:
    """The full date of a dateline ("Published: May 2, 2013 5:03 PM") among the first sentences, if any."""
    head = sentences[:DATELINE_SENTENCES]
    for m in read_mentions(article, None, None, head, hits):
        if m.full and is_dateline(m.mention):
            return dt.date.fromisoformat(m.mention.date)
    return None


def _lead_announces(article: Article, sentences: Sequence[Sentence]) -> bool:
    """Whether the article's first full sentence announces (its news is a plan, not an event)."""
    lead = next((s for s in sentences if len(s.text.split()) >= 6), None)
    return lead is not None and tense_of(lead.text, 0, 0) == "future"


@dataclass(frozen=True)
class ArticleDating:
    """When one article was written, and what says so.

    Attributes:
        date: the article's date, or ``None`` when nothing dates it.
        evidence: ``published`` (its metadata), ``dateline`` ("Posted on May 2, 2013"), ``between`` (the
            latest day it reports as past, with a day it announces close after), ``dated by`` (another
            outlet writes in full the day it calls "yesterday"), ``same news``
            (the most similar dated article: ``source`` names it), ``reported`` (the latest day it
            reports as past: a lower bound, used as a date only where asked), or ``None``.
        source: the article whose date it took (``same news``).
        not_before: the latest day the article reports as past: it was written that day or later.
    """

    date: dt.date | None
    evidence: str | None = None
    source: str | None = None
    not_before: dt.date | None = None


def date_articles(
    articles: Sequence[Article],
    *,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    hits: Mapping[str, Sequence[DateHit]] | None = None,
    reported: bool = False,
) -> dict[str, ArticleDating]:
    """The date of every article, with its evidence (see :func:`dating_and_guesses`); with
    ``reported``, the guesses instead."""
    shown, guessed = dating_and_guesses(articles, sentences=sentences, hits=hits)
    return guessed if reported else shown


def dating_and_guesses(
    articles: Sequence[Article],
    *,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    hits: Mapping[str, Sequence[DateHit]] | None = None,
) -> tuple[dict[str, ArticleDating], dict[str, ArticleDating]]:
    """The date of every article, with its evidence: its ``published`` date, else one inferred.

    Rules, applied until nothing changes:

    1. *Published*: an article's ``published`` (ISO, or any form dateparser reads), else the full date
       of a dateline among its first :data:`DATELINE_SENTENCES` sentences ("Posted on May 2, 2013 5:03 PM").
    2. *Same news, same day*: an undated article takes the date of the most similar dated article
       (whole-text content-term Dice at least :data:`NEIGHBOUR_MIN`) whose lead has the same modality
       (both announce, or both report), if that date does not contradict the article's own dates.
    2b. *Dated by another outlet*: an undated article that tells of a happening "yesterday" or "today"
       in a sentence that another article writes with the full day ("died Thursday, December 11" /
       "died yesterday": the 12th), in sentences that date nothing else and are alike
       (:data:`SAME_DAY_SENTENCE`); the full day needs its year written, or a published date's.
    2c. *Between*: an article that reports a day as past and announces one at most :data:`TIGHT_DAYS`
       later is dated the first (a lower bound, but a close one).
    3. *Reported* (the guesses only), when rule 2 dates nothing more: the latest day the
       article reports in the past tense ("reported by Reuters on 23 November"), with the story's year,
       if it lies within :data:`WINDOW_DAYS` of the story's known dates (any, when none is known) and
       before every day the article announces. It is a lower bound: news is written on or after the
       latest event it reports, often days after ("checked into Promises on Tuesday, December 9" in a
       report of Friday the 12th), so it is kept as ``not_before`` and is the date only where a guess
       is wanted (a toll that may have grown between two reports).

    The story's year is the most common year of the published dates, else the latest year of a day
    the texts report as past. An article nothing supports has no date.

    Args:
        articles: the story's articles.
        sentences: each article's sentences, if already split.
        hits: each article's date expressions, if already found (:func:`find_hits`).

    Returns:
        ``{article id: ArticleDating}`` for every article twice: the dates a reader is shown (rules 1
        and 2), then the guesses, which go on from them with rule 3 (and rule 2 passing any date on).
    """
    sents = dict(sentences) if sentences is not None else {a.id: split_sentences(a) for a in articles}
    found = dict(hits) if hits is not None else {a.id: find_hits(a) for a in articles}
    dates: dict[str, dt.date | None] = {}
    how: dict[str, tuple[str | None, str | None]] = {}
    for a in articles:
        given = parse_published(a.published)
        if given is not None and reported_after(a, given, sents[a.id], found[a.id]):
            given = None  # the text reports as past what came after that date: the metadata is wrong
        line = None if given else _dateline(a, sents[a.id], found[a.id])
        dates[a.id] = given or line
        how[a.id] = ("published" if given else "dateline" if line else None, None)
    known = {k: v for k, v in dates.items() if v is not None}
    year = story_year(articles, known, hits=found, sentences=sents)
    # the middle of the known dates, not the latest: one article published a year on (a verdict after a
    # shooting) must not move every "April 19" of the story to its year
    reference = sorted(known.values())[len(known) // 2] if known else None
    announces = {a.id: _lead_announces(a, sents[a.id]) for a in articles}
    terms = {a.id: content_terms(a.text, a.language if a.language != "und" else "en") for a in articles}
    bounds: dict[str, tuple[dt.date | None, dt.date | None]] = {}
    for art in articles:
        past: list[dt.date] = []
        future: list[dt.date] = []
        for m in read_mentions(art, reference, year, sents[art.id], found[art.id]):
            if m.rule in EXPLICIT_RULES and len(m.mention.date) == 10 and m.tense is not None and not born(m.mention):
                (past if m.tense == "past" else future).append(dt.date.fromisoformat(m.mention.date))
        bounds[art.id] = (max(past, default=None), min(future, default=None))

    def fits(art_id: str, day: dt.date) -> bool:
        low, high = bounds[art_id]
        return (low is None or low <= day) and (high is None or day <= high)

    # each article's neighbours close enough to pass a date on, found once (the rules run until nothing
    # changes, and each round would compare every undated article with every dated one again)
    ids = [a.id for a in articles]
    close = {
        ids[i]: [(sim, ids[j]) for sim, j in row]
        for i, row in enumerate(dice_neighbours([terms[k] for k in ids], NEIGHBOUR_MIN))
    }

    def by_neighbour() -> dict[str, tuple[dt.date, str]]:
        out = {}
        for art in articles:
            if dates[art.id] is not None:
                continue
            scored = [
                (sim, b)
                for sim, b in close[art.id]
                if (day := dates[b]) is not None
                and (guessing or how[b][0] in ("published", "dateline", "between"))  # a guess is not passed on
                and announces[b] == announces[art.id]
                and fits(art.id, day)
            ]
            sim, best = max(scored, default=(0.0, ""))
            day = dates.get(best)
            if best and sim >= NEIGHBOUR_MIN and day is not None:
                out[art.id] = (day, best)
        return out

    def by_own_evidence(tight: bool = False) -> dict[str, tuple[dt.date, str]]:
        out = {}
        seen = [d for d in dates.values() if d is not None]
        for art in articles:
            low, high = bounds.get(art.id, (None, None))
            if dates[art.id] is not None or low is None or (high is not None and low > high):
                continue
            if tight and (high is None or (high - low).days > TIGHT_DAYS):
                continue
            window = dt.timedelta(WINDOW_DAYS)
            if not seen or min(seen) - window <= low <= max(seen) + window:
                out[art.id] = (low, "")
        return out

    # every day written in full, with the words of its sentence: what other outlets date
    # Every day written in full with its year (or the year of a published date), in a sentence that
    # dates nothing else, with that sentence's words: what other outlets date. A sentence with two dates
    # ("died yesterday … after a heart attack on December 2") does not say which one is which happening.
    written: list[tuple[str, dt.date, frozenset[str]]] = []
    relative: dict[str, list[tuple[int, frozenset[str]]]] = {}
    known_year = Counter(d.year for d in known.values()).most_common(1)[0][0] if known else None
    for art in articles:
        lang = art.language if art.language != "und" else "en"
        per_sentence = Counter(
            next((x.start for x in sents[art.id] if x.start <= h.start < x.end), -1) for h in found[art.id]
        )
        for m in read_mentions(art, None, known_year, sents[art.id], found[art.id]):
            s, e = m.mention.sentence, m.mention.span
            if per_sentence[s.start] != 1 or born(m.mention):
                continue
            words = content_terms(s.text[: e.start - s.start] + " " + s.text[e.end - s.start :], lang)
            if m.rule in EXPLICIT_RULES and len(m.mention.date) == 10 and m.tense == "past":
                written.append((art.id, dt.date.fromisoformat(m.mention.date), words))
        for h in found[art.id]:
            word = re.sub(r"\s+", " ", h.parts.get("_", "")).lower().replace("’", "'")
            if h.rule == "day" and _DAY_WORDS.get(word, 1) <= 0:
                sent = next((x for x in sents[art.id] if x.start <= h.start and h.end <= x.end), None)
                if sent is not None and per_sentence[sent.start] == 1:
                    text = sent.text[: h.start - sent.start] + " " + sent.text[h.end - sent.start :]
                    relative.setdefault(art.id, []).append((_DAY_WORDS[word], content_terms(text, lang)))

    def by_other_outlet() -> dict[str, tuple[dt.date, str]]:
        """An undated article that tells of a happening "yesterday" or "today" that another outlet dates
        in full ("died Thursday, December 11"; "died yesterday" -> the 12th)."""
        out = {}
        for art in articles:
            if dates[art.id] is not None:
                continue
            days = {
                (day - dt.timedelta(offset), other)
                for offset, words in relative.get(art.id, ())
                for other, day, theirs in written
                if other != art.id
                and dice(words, theirs) >= SAME_DAY_SENTENCE
                and fits(art.id, day - dt.timedelta(offset))
            }
            if len({d for d, _ in days}) == 1:
                day, other = min(days, key=lambda x: x[1])
                out[art.id] = (day, other)
        return out

    steps: list[tuple[str, Callable[[], dict[str, tuple[dt.date, str]]]]] = [
        ("same news", by_neighbour),
        ("dated by", by_other_outlet),
        ("between", lambda: by_own_evidence(tight=True)),
    ]

    def settle() -> dict[str, ArticleDating]:
        while True:
            for evidence, step in steps:
                new = step()
                if new:
                    for k, (day, source) in new.items():
                        dates[k] = day
                        how[k] = (evidence, source or None)
                    break
            else:
                break
        return {a.id: ArticleDating(dates[a.id], how[a.id][0], how[a.id][1], bounds[a.id][0]) for a in articles}

    guessing = False
    shown = settle()
    guessing = True
    steps.append(("reported", by_own_evidence))
    return shown, settle()


def infer_article_dates(
    articles: Sequence[Article],
    *,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    hits: Mapping[str, Sequence[DateHit]] | None = None,
    reported: bool = True,
) -> dict[str, dt.date | None]:
    """``{article id: date or None}``: :func:`date_articles` without the evidence. With ``reported`` (the
    default) an article nothing else dates takes the latest day it reports as past: a best guess, for
    what needs one (which of two reports is later); the dates shown to a reader come from
    :func:`date_articles` without it."""
    dated = date_articles(articles, sentences=sentences, hits=hits, reported=reported)
    return {k: v.date for k, v in dated.items()}
