"""Dates of a story: date expressions resolved against each article's date, and a dated timeline.

1. :func:`find_expressions` finds date expressions with exact offsets: absolute ("23 November",
   "Nov. 9", "2022-11-25", "le 23 novembre", "am 23. November", "el 23 de noviembre"), relative to the
   article's day ("on Friday", "today", "heute", "hoy", "this weekend", "two weeks ago", "earlier this
   month") and years in context ("in 2010", "the 1991 fall of …"). Vague spans ("in recent months",
   "in the coming days") are found but resolve to nothing: a range is not a date.
2. :func:`resolve` turns one expression into an ISO date at the precision it was written with
   (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), given the article's date and the *tense* of its clause.
3. :func:`infer_article_dates` dates the articles that carry no publication date from the story.
4. :func:`extract_dates` and :func:`build_timeline` make :class:`~newsweave.model.DateMention` and
   :class:`~newsweave.model.TimelineEntry` records, keeping what was *planned* apart from what *happened*.

Resolution rules (each one a choice; ``benchmarks/data/date_expressions.tsv``, 130 real expressions with
hand-filled answers, measures them: 129 right given the clause's tense, 122 with no tense):

- A weekday is the nearest one in the direction of the tense: in a past-tense clause "on Friday" is
  the latest Friday on or before the article's day, in a future one the first on or after it, with no
  tense the nearer of the two. "last Friday" is at least two days back (the day before is "yesterday").
- A day or month written without a year takes the year that puts it on the tense's side of the
  article's date (a week's grace, since an inferred date may be a day or two off); with no tense, the
  article's year unless that is more than six months away, then the nearer year (an article of January
  citing "December 20" means the previous December).
- "this week" / "last week" give the month of that week's Thursday (the ISO rule; there is no week
  precision in a :class:`~newsweave.model.DateMention`); "this weekend" gives the Saturday of the
  article's (Monday-to-Sunday) week. "N weeks ago" is a day, "N months ago" a month, "N years ago" a year.
- "25/11/2022": a part above 12 is the day; when both could be, the reading nearer the article's date,
  else day first (the order of most of the world and of French, German and Spanish; ``dayfirst=False``
  for US sources).
- "World War II", decades ("the 1990s") and vague periods ("in recent months") are not dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from newsweave.analyze.date_words import (
    _CAPITALISED_ONLY,
    _DAY_WORDS,
    _EN_WEEKDAYS,
    _LOWERCASE_ONLY,
    _MONTH_PRECEDERS,
    _NOT_MONTHS,
    _NOT_PAST_ED,
    _NUMBERS,
    _PERIOD_WORDS,
    _SHORT,
    _UNITS,
    _WEEKDAYS,
    _YEAR_PRECEDERS,
)
from newsweave.clean.phrases import MONTHS
from newsweave.model import Article, DateMention, EventKind, Sentence, Span, TimelineEntry
from newsweave.sentences import split_sentences
from newsweave.similarity import content_terms, dice

Tense = Literal["past", "future"]

# A past-tense day up to this far *after* the anchor keeps the anchor's year (and a future one this far
# before): inferred article dates can be a day or two off, a year never is.
GRACE_DAYS = 7
# Two mentions of the same date and kind are one event when their sentences (date words removed) are
# at least this similar; 0.3 joins "estimated on Nov. 9 that …" across three outlets' wordings on the
# seeds and keeps Putin's "two weeks ago" statement apart from the US estimate of the same day.
SAME_EVENT = 0.3
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


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace("'", "['’]") for w in sorted(words, key=len, reverse=True))


_MON = rf"(?P<m>{_alternation([m for m in MONTHS if len(m) >= 3 and m not in _NOT_MONTHS])})(?:\.|(?!\w))"
_WD = rf"(?P<wd>{_alternation(list(_WEEKDAYS))})(?!\w)"
_D = r"(?<![\d.,:])(?P<d>[0-3]?\d)"
_Y = r"(?P<y>(?:1[5-9]|20)\d\d)(?![\d\w'’])"
_PREP = r"(?:(?P<prep>on|in|le|am|el|en|im)\s+)?"
_QUAL = r"(?:(?P<q>late|early|mid|at the end of|the end of|end of|the beginning of|the start of|fin|début|ende|anfang|mitte|a finales de|finales de|a principios de|principios de|mediados de)[\s-]+)?"  # noqa: E501
_N = rf"(?P<n>\d+|{_alternation([*_NUMBERS, 'a few', 'few', 'several'])})"

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)\b")),
    ("numeric", re.compile(r"(?<![\d.,/])(?P<a>\d{1,2})\s?(?P<sep>[./])\s?(?P<b>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4})\b")),
    ("dmy", re.compile(
        rf"(?<!\w){_PREP}(?:{_WD},?\s+)?{_D}(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+|of\s+)?{_MON}(?:,?\s+(?:de\s+)?{_Y})?",
        re.I)),
    ("mdy", re.compile(rf"(?<!\w){_PREP}(?:{_WD},?\s+)?{_MON}\s+{_D}(?:st|nd|rd|th)?(?![\d:])(?:,?\s+{_Y})?", re.I)),
    ("my", re.compile(rf"(?<!\w){_PREP}{_QUAL}{_MON},?\s+(?:de\s+|of\s+)?{_Y}", re.I)),
    ("month", re.compile(
        rf"(?<!\w)(?P<prep>(?:in|en|im|at)\s+)?{_QUAL}(?:(?P<rel>last|next|this)\s+)?{_MON}"
        r"(?:\s+(?:of\s+)?(?P<rely>this|last|next)\s+year)?", re.I)),
    ("year", re.compile(rf"(?<!\w)(?P<prep>(?:in|en|im)\s+)?{_QUAL}\b{_Y}", re.I)),
    ("weekday", re.compile(
        r"(?<!\w)(?:(?P<mod>on|last|next|this|this past|this coming|coming|past|le|am|el|ce|este|el próximo|el pasado|"
        rf"letzten|nächsten|diesen|am vergangenen|vergangenen)\s+)?(?:(?P<q>early|late)\s+)?{_WD}"
        r"(?:\s+(?P<mod2>dernier|prochain|pasado|próximo|que viene))?"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?", re.I)),
    ("day", re.compile(rf"(?<![\w'’-])(?:{_alternation(list(_DAY_WORDS))})(?![\w-])", re.I)),
    ("period", re.compile(
        r"\b(?:(?P<q>earlier|later|early|late|mid|the end of|the start of|the beginning of)\s+)?"
        r"(?P<rel>this past|this coming|this|last|next)\s+(?P<unit>weekend|week|month|year)\b", re.I)),
    ("period", re.compile(rf"(?<!\w)(?P<phrase>{_alternation(list(_PERIOD_WORDS))})(?!\w)", re.I)),
    ("ago", re.compile(rf"\b{_N}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.I)),
    ("ago", re.compile(rf"\bil y a\s+{_N}\s+(?P<unit>jours?|semaines?|mois|ans?|années?)\b", re.I)),
    ("ago", re.compile(rf"\bvor\s+{_N}\s+(?P<unit>Tagen|Wochen|Monaten|Jahren)\b", re.I)),
    ("ago", re.compile(rf"\bhace\s+{_N}\s+(?P<unit>días?|semanas?|mes(?:es)?|años?)\b", re.I)),
    ("vague", re.compile(
        r"\b(?:in recent (?:days|weeks|months|years)|in the (?:coming|next|past|last) (?:few )?(?:days|weeks|months)|"
        r"ces derniers (?:jours|mois)|dans les prochains jours|in den (?:letzten|kommenden) (?:Tagen|Wochen|Monaten)|"
        r"en (?:los|las) (?:últimos|últimas|próximos|próximas) (?:días|semanas|meses))\b", re.I)),
]  # fmt: skip
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|would|going to|plans? to|planning|planned|intends? to|to be held|upcoming|"
    r"(?:is|are|was|were) (?:set|expected|due|scheduled|slated|likely|to)\b|(?:set|scheduled|slated) (?:to|for)|"
    r"in the coming|this coming|va|vont|sera|seront|aura lieu|prévue?s?|prochaine?s?|wird|werden|soll|sollen|"
    r"geplant|va a|van a|será|serán|tendrá lugar|previst[oa]s?|"
    r"to be (?:held|voted|signed|announced|released|published|decided|debated|introduced|sworn|launched))\b|[’']ll\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|has been|have been|ago|previously|earlier|last|yesterday|said|told|met|saw|took|"
    r"sent|began|came|went|made|held|led|gave|left|fought|won|lost|fell|became|found|knew|wrote|spoke|chose|rose|"
    r"ran|got|struck|broke|shot|paid|brought|bought|sold|thought|caught|stood|sat|était|étaient|a été|hier|"
    r"dernière?|wurde|wurden|hatte|letzte[nrs]?|fue|fueron|ayer|pasad[oa])\b",
    re.I,
)
_ED = re.compile(r"\b([a-z]{2,}(?:ed|ied))\b", re.I)
_CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]“”\"«»—–]| - |\b(?:that|which|who|when|where|after|before|because|while|but|and|meaning|although)\b"
)
# What a dateline holds besides its date: "Published: May 2, 2013 | 5:03 PM EDT".
_DATELINE_WORDS = frozenset("published posted updated last first modified on at am pm a p m".split())


@dataclass(frozen=True)
class DateHit:
    """One date expression found in a text, not yet resolved: where, by which rule, and its named parts.
    Found once per article (:func:`find_hits`, kept in the annotated article) and resolved against the
    article's date as many times as the story needs."""

    start: int
    end: int
    rule: str
    parts: dict[str, str]


# -- finding -------------------------------------------------------------------------------------------


def _accept(text: str, hit: DateHit, language: str | None) -> bool:
    """Context rules that keep look-alikes out ("may", "Mars", "2000 soldiers", "Good Friday", "USA Today")."""
    p = hit.parts
    before = text[max(0, hit.start - 30) : hit.start].split()
    prev = before[-1].lower().strip("(\"“'") if before else ""
    month = p.get("m")
    if month:
        key = month.lower().rstrip(".")
        if key in _CAPITALISED_ONLY and not month[0].isupper():
            return False
        if key in _LOWERCASE_ONLY and not month.islower():
            return False
        if hit.rule == "month" and not (p.get("prep") or p.get("q") or p.get("rel") or p.get("rely")):
            if prev not in _MONTH_PRECEDERS:
                return False
        if hit.rule == "month" and len(key) < 4 and not month.endswith(".") and key not in {"may", "mai"}:
            return False  # "in Oct" is too thin; "in Oct." or "in October" is a date
    wd = p.get("wd")
    if wd:
        if wd.lower() in _EN_WEEKDAYS and not wd[0].isupper():
            return False
        if (
            hit.rule == "weekday"
            and not p.get("mod")
            and prev in {"good", "black", "super", "cyber", "ash", "palm", "holy", "bloody", "easter", "oscar"}
        ):
            return False
        if wd == "Domingo" and not p.get("mod"):
            return False  # a surname far more often than a Sunday
    if hit.rule == "day":
        word = text[hit.start : hit.end]
        if word == "Morgen" or (word.lower() == "mañana" and prev in {"la", "esta"}):
            return False  # "heute Morgen", "por la mañana": a morning, not tomorrow
        if word.lower() == "hier" and language == "de":
            return False  # German "here"
        if word.lower() == "today" and prev == "usa":
            return False
    if hit.rule == "year":
        after = text[hit.end : hit.end + 20]
        if re.match(r"\s?[-–/]\s?\d", after):
            return False  # "2002-03 season", "1978 - 89"
        plural = re.match(r"\s+([a-z]+s)\b", after)
        if plural and plural.group(1) not in {"was", "has", "is", "as", "its", "his", "this", "thus", "plus"}:
            return False  # "2000 soldiers"
        if not (p.get("prep") or p.get("q")) and prev not in _YEAR_PRECEDERS:
            return False
    return True


def _scan(text: str, *, strict: bool, language: str | None = None) -> list[DateHit]:
    hits = []
    for rule, pattern in _RULES:
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            parts = {k: v for k, v in m.groupdict().items() if v}
            end = m.end()
            if "m" in parts and m.end("m") == end - 1 and (len(parts["m"]) > 4 or parts["m"].lower() in _SHORT):
                end -= 1  # "on 23 November." ends a sentence; the stop of "Nov." or "Sept." is the month's
            parts["_"] = text[m.start() : end]
            hit = DateHit(m.start(), end, rule, parts)
            if not strict or _accept(text, hit, language):
                hits.append(hit)
    # Longest first, then leftmost: "Thursday, May 2, 2013" beats "Thursday" and "May 2".
    hits.sort(key=lambda h: (h.start - h.end, h.start))
    chosen: list[DateHit] = []
    for h in hits:
        if all(h.end <= c.start or h.start >= c.end for c in chosen):
            chosen.append(h)
    return sorted(chosen, key=lambda h: h.start)


def find_hits(article: Article) -> tuple[DateHit, ...]:
    """Every date expression of an article's text, unresolved (what :func:`extract_dates` resolves)."""
    lang = article.language if article.language != "und" else None
    return tuple(_scan(article.text, strict=True, language=lang))


def find_expressions(text: str, *, language: str | None = None) -> list[tuple[int, int, str]]:
    """Date expressions in ``text``, as ``(start, end, words)`` with ``text[start:end] == words``.

    A locating preposition is part of the expression ("on Friday", "in September", "am 23. November");
    "since", "by" or "until" are not. Vague expressions ("in recent months") are included; they do not
    resolve. "World War II" and decades are not date expressions.

    Args:
        text: any text (an article's cleaned text, a sentence).
        language: the text's language code, if known; only used to skip German "hier" (here).

    Returns:
        Non-overlapping expressions in text order.
    """
    return [(h.start, h.end, text[h.start : h.end]) for h in _scan(text, strict=True, language=language)]


# -- resolving -----------------------------------------------------------------------------------------


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _pick_year(
    month: int, day: int | None, anchor: dt.date | None, story_year: int | None, tense: Tense | None
) -> int | None:
    """The year of a month (and day) written without one: see the module docstring."""
    if anchor is None:
        return story_year
    ref = anchor if day else anchor.replace(day=1)
    grace = dt.timedelta(GRACE_DAYS if day else 0)
    points = {y: d for y in range(anchor.year - 1, anchor.year + 2) if (d := _valid(y, month, day or 1))}
    if not points:
        return None
    if tense == "past":
        return max((y for y, d in points.items() if d <= ref + grace), default=min(points))
    if tense == "future":
        return min((y for y, d in points.items() if d >= ref - grace), default=max(points))
    dist = {y: abs((d - ref).days) for y, d in points.items()}
    if dist.get(anchor.year, 366) <= 183:
        return anchor.year
    return min(dist, key=lambda y: (dist[y], y != anchor.year))


def _weekday(wd: int, anchor: dt.date, tense: Tense | None, mod: str | None) -> dt.date:
    back = (anchor.weekday() - wd) % 7
    ahead = (wd - anchor.weekday()) % 7
    if mod == "last":
        return anchor - dt.timedelta(back if back >= 2 else back + 7)
    if mod == "next":
        return anchor + dt.timedelta(ahead if ahead >= 2 else ahead + 7)
    if tense == "past" or (tense is None and mod != "this" and back <= ahead):
        return anchor - dt.timedelta(back)
    return anchor + dt.timedelta(ahead)


def _month_shift(day: dt.date, months: int) -> str:
    k = day.year * 12 + day.month - 1 + months
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


_MODS = {"last": "last", "past": "last", "this past": "last", "letzten": "last", "vergangenen": "last",
         "am vergangenen": "last", "dernier": "last", "pasado": "last", "el pasado": "last", "next": "next",
         "coming": "next", "this coming": "next", "nächsten": "next", "prochain": "next", "próximo": "next",
         "el próximo": "next", "que viene": "next", "this": "this", "ce": "this", "diesen": "this",
         "este": "this"}  # fmt: skip


def _evaluate(
    hit: DateHit, anchor: dt.date | None, story_year: int | None, tense: Tense | None, dayfirst: bool
) -> str | None:
    """The ISO date of one hit, or ``None`` when it needs an anchor it does not have or is vague."""
    p, rule = hit.parts, hit.rule
    if rule in ("iso", "numeric"):
        if rule == "iso":
            date = _valid(int(p["y"]), int(p["mo"]), int(p["d"]))
            return date.isoformat() if date else None
        a, b = int(p["a"]), int(p["b"])
        readings = [d for x, y in ((a, b), (b, a)) if (d := _valid(int(p["y"]), y, x))]
        if not dayfirst:
            readings.reverse()
        if anchor is not None and len(readings) == 2:  # "01/05/2011" in an article of 5 January 2011
            readings.sort(key=lambda d: abs((d - anchor).days))
        return readings[0].isoformat() if readings else None
    if rule in ("dmy", "mdy"):
        month_no = MONTHS.get(p["m"].lower().rstrip("."))
        if month_no is None:
            return None
        day = int(p["d"])
        year = int(p["y"]) if "y" in p else _pick_year(month_no, day, anchor, story_year, tense)
        date = _valid(year, month_no, day) if year else None
        return date.isoformat() if date else None
    if rule in ("my", "month"):
        month_no = MONTHS.get(p["m"].lower().rstrip("."))
        if month_no is None:
            return None
        if "y" in p:
            return f"{int(p['y']):04d}-{month_no:02d}"
        base = anchor.year if anchor else story_year
        if "rely" in p:
            offset = {"this": 0, "last": -1, "next": 1}[p["rely"].lower()]
            return f"{base + offset:04d}-{month_no:02d}" if base else None
        rel = p.get("rel", "").lower()
        if rel and anchor:
            if rel == "last":
                return f"{anchor.year - (month_no >= anchor.month):04d}-{month_no:02d}"
            if rel == "next":
                return f"{anchor.year + (month_no <= anchor.month):04d}-{month_no:02d}"
            return f"{anchor.year:04d}-{month_no:02d}"
        year = _pick_year(month_no, None, anchor, story_year, tense)
        return f"{year:04d}-{month_no:02d}" if year else None
    if rule == "year":
        return p["y"]
    if rule == "vague":
        return None
    if rule == "period":
        if "phrase" in p:
            unit, offset = _PERIOD_WORDS[p["phrase"].lower().replace("’", "'")]
        else:
            unit = p["unit"].lower()
            offset = {"this": 0, "last": -1, "next": 1, "this past": -1, "this coming": 1}[p["rel"].lower()]
            if unit == "weekend" and p["rel"].lower() == "this coming":
                offset = 0
        if unit == "year":
            base = anchor.year if anchor else story_year
            return f"{base + offset:04d}" if base else None
        if anchor is None:
            return None
        if unit == "month":
            return _month_shift(anchor, offset)
        monday = anchor - dt.timedelta(anchor.weekday()) + dt.timedelta(7 * offset)
        if unit == "weekend":
            if offset == 0 and tense == "past" and anchor.weekday() < 5:
                return (monday - dt.timedelta(2)).isoformat()  # "two deaths this weekend", told on Monday
            return (monday + dt.timedelta(5)).isoformat()
        return _month_shift(monday + dt.timedelta(3), 0)  # the month of the week's Thursday
    if anchor is None:
        return None
    if rule == "day":
        word = re.sub(r"\s+", " ", p["_"]).lower().replace("’", "'")
        return (anchor + dt.timedelta(_DAY_WORDS[word])).isoformat() if word in _DAY_WORDS else None
    if rule == "weekday":
        mod = _MODS.get(p.get("mod", "").lower()) or _MODS.get(p.get("mod2", "").lower())
        return _weekday(_WEEKDAYS[p["wd"].lower()], anchor, tense, mod).isoformat()
    if rule == "ago":
        n = int(p["n"]) if p["n"].isdigit() else _NUMBERS.get(p["n"].lower())
        span_unit = _UNITS.get(p["unit"].lower())
        if n is None or span_unit is None:
            return None  # "a few weeks ago", "several years ago": vague
        if span_unit in ("day", "week"):
            return (anchor - dt.timedelta(n * (7 if span_unit == "week" else 1))).isoformat()
        if span_unit == "month":
            return _month_shift(anchor, -n)
        return f"{anchor.year - n:04d}"
    return None


def _dateparser_fallback(
    expression: str, anchor: dt.date | None, story_year: int | None, tense: Tense | None
) -> str | None:
    """Absolute dates in forms the rules above do not cover ("24-Nov-2022", "2022.11.24"), via dateparser.

    Only expressions with a digit get here: dateparser is generous with words ("Friday" is the previous
    one whatever the tense), and relative words are handled above with the tense.
    """
    if not re.search(r"\d", expression):
        return None
    import dateparser  # lazy: ``import newsweave`` stays light

    # The base only fills parts REQUIRE_PARTS makes sure were written; the year of a bare day and month is
    # chosen by _pick_year, like every other.
    base = dt.datetime.combine(anchor or dt.date(story_year or 2000, 7, 1), dt.time())
    prefer = tense or "current_period"
    for parts, precision in ((["day", "month", "year"], 10), (["month", "year"], 7), (["day", "month"], 10)):
        found = dateparser.parse(
            expression,
            languages=["en", "fr", "de", "es"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "REQUIRE_PARTS": parts},
        )
        if found is not None:
            if parts == ["day", "month"]:
                year = _pick_year(found.month, found.day, anchor, story_year, tense)
                date = _valid(year, found.month, found.day) if year else None
                return date.isoformat() if date else None
            return found.date().isoformat()[:precision]
    return None


def resolve(
    expression: str,
    anchor: dt.date | None,
    *,
    story_year: int | None = None,
    tense: Tense | None = None,
    dayfirst: bool = True,
) -> str | None:
    """The ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) an expression stands for.

    Args:
        expression: the words, as :func:`find_expressions` gives them or in a longer phrase
            ("since the war started on February 24" resolves its "February 24").
        anchor: the date of the article the words are in; relative expressions need it.
        story_year: the year for a day written without one when there is no anchor.
        tense: ``"past"`` when the clause reports ("met on Friday"), ``"future"`` when it announces
            ("will meet on Friday"), ``None`` when unknown; chooses the weekday and the year.
        dayfirst: with no anchor to choose, read "05/11/2022" as 5 November (``False``: May 11).

    Returns:
        The date, or ``None`` when the expression is vague, not a date, or needs an anchor it lacks.
    """
    hits = _scan(expression, strict=False)
    if not hits:
        return _dateparser_fallback(expression, anchor, story_year, tense)
    hit = max(hits, key=lambda h: h.end - h.start)
    if hit.rule == "year" and re.search(r"\d", expression[: hit.start] + expression[hit.end :]):
        # "24-Nov-2022": a year in a form the rules do not read whole
        return _dateparser_fallback(expression, anchor, story_year, tense) or hit.parts["y"]
    return _evaluate(hit, anchor, story_year, tense, dayfirst)


# -- tense and kind ------------------------------------------------------------------------------------


def announces(sentence: str, start: int, end: int) -> bool:
    """Whether the clause around ``sentence[start:end]`` announces ("will meet on Friday", "is expected
    to …"): a date in it is one something is planned for (not "Bacall's will … filed Monday")."""
    return _tense(sentence, start, end) == "future"


def _tense(sentence: str, start: int, end: int) -> Tense | None:
    """The tense of the clause around ``sentence[start:end]`` (else of the whole sentence), from its markers.

    Future markers win over past ones: "said it will meet on Friday" announces.
    """
    cuts = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(sentence)), len(sentence)]
    lo = max(c for c in cuts if c <= start)
    hi = min((c for c in cuts if c >= end), default=len(sentence))
    for text in (sentence[lo:start] + " " + sentence[end:hi], sentence[:start] + " " + sentence[end:]):
        if _FUTURE.search(text):
            return "future"
        if _PAST.search(text) or any(w.lower() not in _NOT_PAST_ED for w in _ED.findall(text)):
            return "past"
    return None


def clause_tense(sentence: str, start: int, end: int) -> Tense | None:
    """The tense (``"past"``, ``"future"`` or ``None``) of the clause around ``sentence[start:end]``."""
    return _tense(sentence, start, end)


def _is_dateline(mention: DateMention) -> bool:
    """A sentence that is only a date and a time ("Posted on May 2, 2013 5:03 PM EDT"): no event."""
    s, e = mention.sentence, mention.span
    rest = s.text[: e.start - s.start] + " " + s.text[e.end - s.start :]
    return all(w.lower() in _DATELINE_WORDS or (w.isupper() and len(w) <= 4) for w in re.findall(r"[^\W\d_]+", rest))


def _kind(date: str, anchor: dt.date | None, tense: Tense | None) -> EventKind:
    """Planned when the date lies after the article's day or the clause announces it; else happened."""
    if anchor is not None:
        here = anchor.isoformat()[: len(date)]
        if date > here:
            return "planned"
        if date < here:
            return "happened"
    return "planned" if tense == "future" else "happened"


# -- articles ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    mention: DateMention
    tense: Tense | None
    rule: str
    news_day: bool  # a relative expression ("today", "on Friday") naming the article's own day
    full: bool  # day, month and year all written


def _mentions(
    article: Article,
    anchor: dt.date | None,
    story_year: int | None,
    sentences: Sequence[Sentence] | None = None,
    hits: Sequence[DateHit] | None = None,
    kind_anchor: dt.date | None = None,
) -> list[_Mention]:
    """Every resolvable date of an article; ``kind_anchor`` (the story's date, for an article whose own
    is not known) tells planned from happened where ``anchor`` is missing."""
    sents = list(sentences) if sentences is not None else split_sentences(article)
    out = []
    for hit in find_hits(article) if hits is None else hits:
        sent = next((s for s in sents if s.start <= hit.start and hit.end <= s.end), None)
        if sent is None:
            continue
        words = article.text[hit.start : hit.end]
        tense = _tense(sent.text, hit.start - sent.start, hit.end - sent.start)
        date = _evaluate(hit, anchor, story_year, tense, True)
        if date is None:
            continue
        span = Span(article.id, hit.start, hit.end, words)
        mention = DateMention(date, words, _kind(date, anchor or kind_anchor, tense), span, sent.span())
        news_day = hit.rule in ("day", "weekday") and anchor is not None and date == anchor.isoformat()
        full = hit.rule in _EXPLICIT and "y" in hit.parts
        out.append(_Mention(mention, tense, hit.rule, news_day, full))
    return out


def extract_dates(
    article: Article,
    anchor: dt.date | None,
    *,
    story_year: int | None = None,
    sentences: Sequence[Sentence] | None = None,
    hits: Sequence[DateHit] | None = None,
    reference: dt.date | None = None,
) -> list[DateMention]:
    """Every resolvable date expression of an article, as :class:`~newsweave.model.DateMention` records.

    Args:
        article: the cleaned article.
        anchor: its date (published or inferred); without it only absolute dates resolve.
        story_year: the year of days written without one when there is no anchor.
        sentences: the article's sentences, if already split.
        hits: its date expressions, if already found (:func:`find_hits`).
        reference: the story's latest known date: without ``anchor``, a day after it is planned.

    Returns:
        Mentions in text order. ``kind`` is ``planned`` when the date lies after the article's day, or
        on it (or with no anchor) when its clause announces ("will", "is expected to", "plans to" …);
        else ``happened``. A clause, not the sentence: in "…asked if Putin would hold a meeting, reported
        by Reuters on 23 November" the date is when it was reported.
    """
    return [m.mention for m in _mentions(article, anchor, story_year, sentences, hits, reference)]


def parse_published(value: str | None) -> dt.date | None:
    """An article's ``published`` metadata as a date: ISO first, other forms via dateparser; else ``None``."""
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    import dateparser  # lazy: ``import newsweave`` stays light

    found = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return found.date() if found else None


_EXPLICIT = frozenset({"iso", "numeric", "dmy", "mdy"})


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
        for m in _mentions(art, None, None, sents, hits.get(art.id) if hits is not None else None):
            if m.full and m.tense == "past" and len(m.mention.date) == 10 and not born(m.mention):
                latest = max(latest or 0, int(m.mention.date[:4]))
    return latest


def reported_after(
    article: Article, day: dt.date, sentences: Sequence[Sentence], hits: Sequence[DateHit]
) -> str | None:
    """The words of a date with its year that the article reports as past and that lies after ``day``
    (a month: a month after it), or ``None``. An article "published 2014-12-10" that tells of "his March
    2015 arrest" was not written then."""
    for m in _mentions(article, None, None, sentences, hits):
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
    for m in _mentions(article, None, None, head, hits):
        if m.full and _is_dateline(m.mention):
            return dt.date.fromisoformat(m.mention.date)
    return None


def _lead_announces(article: Article, sentences: Sequence[Sentence]) -> bool:
    """Whether the article's first full sentence announces (its news is a plan, not an event)."""
    lead = next((s for s in sentences if len(s.text.split()) >= 6), None)
    return lead is not None and _tense(lead.text, 0, 0) == "future"


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
        for m in _mentions(art, reference, year, sents[art.id], found[art.id]):
            if m.rule in _EXPLICIT and len(m.mention.date) == 10 and m.tense is not None and not born(m.mention):
                (past if m.tense == "past" else future).append(dt.date.fromisoformat(m.mention.date))
        bounds[art.id] = (max(past, default=None), min(future, default=None))

    def fits(art_id: str, day: dt.date) -> bool:
        low, high = bounds[art_id]
        return (low is None or low <= day) and (high is None or day <= high)

    def by_neighbour() -> dict[str, tuple[dt.date, str]]:
        out = {}
        for art in articles:
            if dates[art.id] is not None:
                continue
            scored = [
                (dice(terms[art.id], terms[b]), b)
                for b, day in dates.items()
                if day is not None
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
        for m in _mentions(art, None, known_year, sents[art.id], found[art.id]):
            s, e = m.mention.sentence, m.mention.span
            if per_sentence[s.start] != 1 or born(m.mention):
                continue
            words = content_terms(s.text[: e.start - s.start] + " " + s.text[e.end - s.start :], lang)
            if m.rule in _EXPLICIT and len(m.mention.date) == 10 and m.tense == "past":
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


# -- timeline ------------------------------------------------------------------------------------------


def _clusters(members: Sequence[int], linked: Callable[[int, int], bool]) -> list[list[int]]:
    """Single-link clusters of ``members`` under ``linked``, each in input order."""
    parent = {i: i for i in members}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for x, i in enumerate(members):
        for j in members[x + 1 :]:
            if linked(i, j):
                parent[root(j)] = root(i)
    out: dict[int, list[int]] = {}
    for i in members:
        out.setdefault(root(i), []).append(i)
    return list(out.values())


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
        planned, then story order. Background years ("the 1962 Cuban Missile Crisis") are kept: they are
        real dates.
    """
    if dates is None:
        dates = {k: v.date for k, v in date_articles(articles, sentences=sentences, hits=hits).items()}
    year = story_year(articles, dates, hits=hits, sentences=sentences, from_text=False)
    order = {a.id: i for i, a in enumerate(articles)}
    found: list[_Mention] = []
    terms: list[frozenset[str]] = []
    latest = max((d for d in dates.values() if d is not None), default=None)
    for art in articles:
        lang = art.language if art.language != "und" else "en"
        sents = sentences.get(art.id) if sentences else None
        for m in _mentions(art, dates.get(art.id), year, sents, hits.get(art.id) if hits else None, latest):
            if _is_dateline(m.mention):
                continue
            s, e = m.mention.sentence, m.mention.span
            found.append(m)
            terms.append(content_terms(s.text[: e.start - s.start] + " " + s.text[e.end - s.start :], lang))

    def linked(i: int, j: int) -> bool:
        return dice(terms[i], terms[j]) >= SAME_EVENT or (found[i].news_day and found[j].news_day)

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
