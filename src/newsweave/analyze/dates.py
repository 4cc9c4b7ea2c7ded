"""Date expressions, found and resolved against each article's date.

1. :func:`find_expressions` finds date expressions with exact offsets: absolute ("23 November",
   "Nov. 9", "2022-11-25", "le 23 novembre", "am 23. November", "el 23 de noviembre"), relative to the
   article's day ("on Friday", "today", "heute", "hoy", "this weekend", "two weeks ago", "earlier this
   month") and years in context ("in 2010", "the 1991 fall of …"). Vague spans ("in recent months",
   "in the coming days") are found but resolve to nothing: a range is not a date.
2. :func:`resolve` turns one expression into an ISO date at the precision it was written with
   (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), given the article's date and the *tense* of its clause.
3. :func:`extract_dates` makes :class:`~newsweave.model.DateMention` records, keeping what was
   *planned* apart from what *happened*.

Each article's own date comes from :mod:`newsweave.analyze.dating`; the story's timeline is
:mod:`newsweave.analyze.timeline`.

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
  article's (Monday-to-Sunday) week, or the weekend just gone when it is told in the past on a
  weekday. "N weeks ago" is a day, "N months ago" a month, "N years ago" a year.
- "25/11/2022": a part above 12 is the day; when both could be, the reading nearer the article's date,
  else day first (the order of most of the world and of French, German and Spanish; ``dayfirst=False``
  for US sources).
- "World War II", decades ("the 1990s") and vague periods ("in recent months") are not dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
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
from newsweave.matching import matches_at
from newsweave.model import Article, DateMention, EventKind, Sentence, Span
from newsweave.sentences import split_sentences

Tense = Literal["past", "future"]

# A past-tense day up to this far *after* the anchor keeps the anchor's year (and a future one this far
# before): inferred article dates can be a day or two off, a year never is.
GRACE_DAYS = 7


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


# The rules that need a month's name ("23 November", "in late May", "November 2013"): a match holds one,
# preceded by at most this many words ("at the end of last November": six), so only the words before a
# month are tried, not every position of the text (four case-blind alternations of 120 names were a third
# of an article's annotation).
_MONTH_RULES = frozenset({"dmy", "mdy", "my", "month"})
_WORDS_BEFORE_MONTH = 10
_MONTH_AT = re.compile(_MON, re.I)
_MONTH_START = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted({re.escape(m[:3]) for m in MONTHS if len(m) >= 3 and m not in _NOT_MONTHS})) + ")",
    re.I,
)
_WORD_BACK = re.compile(r"\s*\S+\s*$")


def _month_positions(text: str) -> list[int]:
    """Where a month's name starts (after no word character): every place a month rule's month can be."""
    return [m.start() for m in _MONTH_START.finditer(text) if _MONTH_AT.match(text, m.start())]


def _words_back(text: str, pos: int, words: int) -> int:
    """The start of the ``words``-th whitespace-separated word before ``pos`` (0 if fewer)."""
    for _ in range(words):
        if pos <= 0:
            return 0
        i = pos - 1
        while i >= 0 and text[i].isspace():
            i -= 1
        while i >= 0 and not text[i].isspace():
            i -= 1
        pos = i + 1
    return pos


def _before_months(text: str, months: Sequence[int]) -> Iterator[int]:
    """Every position a month rule's match can start at: the words before each month's name (ranges
    that only move forward: each ends at its month, and the next starts no earlier)."""
    for q in months:
        yield from range(_words_back(text, q, _WORDS_BEFORE_MONTH), q + 1)


def _scan(text: str, *, strict: bool, language: str | None = None) -> list[DateHit]:
    hits = []
    months = _month_positions(text)
    for rule, pattern in _RULES:
        found = (
            matches_at(pattern, text, _before_months(text, months)) if rule in _MONTH_RULES else pattern.finditer(text)
        )
        for m in found:
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
    return tense_of(sentence, start, end) == "future"


def tense_of(sentence: str, start: int, end: int) -> Tense | None:
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
    return tense_of(sentence, start, end)


def is_dateline(mention: DateMention) -> bool:
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
class ResolvedMention:
    mention: DateMention
    tense: Tense | None
    rule: str
    news_day: bool  # a relative expression ("today", "on Friday") naming the article's own day
    full: bool  # day, month and year all written


def read_mentions(
    article: Article,
    anchor: dt.date | None,
    story_year: int | None,
    sentences: Sequence[Sentence] | None = None,
    hits: Sequence[DateHit] | None = None,
    kind_anchor: dt.date | None = None,
) -> list[ResolvedMention]:
    """Every resolvable date of an article; ``kind_anchor`` (the story's date, for an article whose own
    is not known) tells planned from happened where ``anchor`` is missing."""
    sents = list(sentences) if sentences is not None else split_sentences(article)
    out = []
    for hit in find_hits(article) if hits is None else hits:
        sent = next((s for s in sents if s.start <= hit.start and hit.end <= s.end), None)
        if sent is None:
            continue
        words = article.text[hit.start : hit.end]
        tense = tense_of(sent.text, hit.start - sent.start, hit.end - sent.start)
        date = _evaluate(hit, anchor, story_year, tense, True)
        if date is None:
            continue
        span = Span(article.id, hit.start, hit.end, words)
        mention = DateMention(date, words, _kind(date, anchor or kind_anchor, tense), span, sent.span())
        news_day = hit.rule in ("day", "weekday") and anchor is not None and date == anchor.isoformat()
        full = hit.rule in EXPLICIT_RULES and "y" in hit.parts
        out.append(ResolvedMention(mention, tense, hit.rule, news_day, full))
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
    return [m.mention for m in read_mentions(article, anchor, story_year, sentences, hits, reference)]


def parse_published(value: str | None) -> dt.date | None:
    """An article's ``published`` metadata as a date: ISO first, other forms via dateparser; else ``None``.

    Only a date written in full is one: "yesterday" or "3 hours ago" in a feed's field would be read
    against the clock of the machine running newsweave (a timeline years off), so relative forms, and
    anything without a day, a month and a year, give ``None``."""
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    if not re.search(r"\d", value):
        return None  # "yesterday", "today", "not a date at all"
    import dateparser  # lazy: ``import newsweave`` stays light

    found = dateparser.parse(
        value,
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        },
    )
    return found.date() if found else None


EXPLICIT_RULES = frozenset({"iso", "numeric", "dmy", "mdy"})
