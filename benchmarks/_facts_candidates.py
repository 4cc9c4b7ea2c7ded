"""Candidate facts of ``benchmarks/facts.py``: what the articles of a story carry alike.

What articles carry alike is found with the harness's own regular expressions (``_facts_patterns.py``) on the
cleaned texts (a :class:`TextIndex` per article): numbers written with digits, dates and speakers are
collected as :class:`Occ` mentions, grouped by value (:func:`alike_facts`, :func:`speaker_facts`) into
:class:`Fact` records that three articles carry alike (:func:`candidate_facts`). The change made to one of
them is built in ``_facts_injections.py``.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from _facts_patterns import (
    ADDRESS_AFTER_RE,
    CAP,
    COUNT_AFTER_RE,
    COUNT_BEFORE_RE,
    HEDGE_RE,
    ID_BEFORE_RE,
    LEADING_NOT_NAME,
    MEASURE_AFTER_RE,
    MEASURE_BEFORE_RE,
    MONEY_BEFORE_RE,
    MONEY_WORD_AFTER_RE,
    MONTH_AFTER_RE,
    MONTH_BEFORE_RE,
    MONTH_RE,
    MONTHS,
    NON_PERSON,
    NUMBER_RE,
    PERCENT_AFTER_RE,
    RANGE_AFTER_RE,
    RATIO_RE,
    SCALE_AFTER_RE,
    SCORE_RE,
    SPEAKER_RES,
    SPORT_RE,
    STOP,
    SUFFIX_OK_RE,
    TIME_AFTER_RE,
    TITLE_ABBR,
    TITLES,
    WEEKDAYS,
    content_word,
    stamp_line,
)
from _stories import Story

from newsweave.model import Article

WINDOW = 4  # tokens on either side searched for a shared content word

Region = tuple[int, int]

# -- text helpers -----------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+(?:[.,:]\d+)*|\n")
_ABBREV = frozenset(
    """mr mrs ms dr st jr sr gen sen rep gov lt col sgt capt rev prof no vs inc co corp ltd jan feb mar apr
    jun jul aug sep sept oct nov dec mt ft ave blvd det dept est approx e.g i.e a.m p.m u.s u.k d.c l.a
    u.n""".split()
)
_BOUNDARY_RE = re.compile(r"[.!?]+[\"”’')\]]*(?=\s)|\n")


class TextIndex:
    """Tokens and sentence boundaries of one text, for context windows and sentence look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(text)]
        self.starts = [t[0] for t in self.tokens]
        self.bounds = [0]
        for m in _BOUNDARY_RE.finditer(text):
            if m.group(0) != "\n":
                before = re.search(r"([\w.]+)$", text[max(0, m.start() - 12) : m.start()])
                word = before.group(1).lower() if before else ""
                if m.group(0).startswith(".") and (word in _ABBREV or len(word.strip(".")) == 1):
                    continue
            self.bounds.append(m.end())
        self.bounds.append(len(text))

    def context(self, start: int, end: int, window: int = WINDOW) -> frozenset[str]:
        """Content words among ``window`` tokens on either side of ``[start, end)``, on the same line."""
        import bisect

        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        words: set[str] = set()
        for k in range(i - 1, max(-1, i - 1 - window), -1):
            tok = self.tokens[k][2]
            if tok == "\n":
                break
            if (w := content_word(tok)) is not None:
                words.add(w)
        for k in range(j, min(len(self.tokens), j + window)):
            tok = self.tokens[k][2]
            if tok == "\n":
                break
            if (w := content_word(tok)) is not None:
                words.add(w)
        return frozenset(words)

    def sentence(self, start: int, end: int | None = None) -> Region:
        """The sentence around ``[start, end)``: expanded to '.!?' (not after an abbreviation) and newlines."""
        import bisect

        end = start if end is None else end
        i = bisect.bisect_right(self.bounds, start) - 1
        j = bisect.bisect_left(self.bounds, max(end, start + 1))
        s, e = self.bounds[max(i, 0)], self.bounds[min(j, len(self.bounds) - 1)]
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1] == "\n":
            e -= 1
        return s, e

    def line(self, pos: int) -> str:
        s = self.text.rfind("\n", 0, pos) + 1
        e = self.text.find("\n", pos)
        return self.text[s : e if e >= 0 else len(self.text)]


def sentence_of(text: str, start: int, end: int | None = None) -> str:
    """The full sentence of ``text`` around a span."""
    s, e = TextIndex(text).sentence(start, end)
    return text[s:e]


# -- candidate facts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Occ:
    """One mention of a fact in one article.

    ``start``/``end`` is what a change replaces (digits only, or a name), ``expr`` the whole expression
    (for display), ``new`` the replacement (``None`` when none is sensible), ``ok`` whether this mention
    may be the one changed (``why`` says why not).
    """

    article: str
    kind: str
    subtype: str
    key: tuple[Any, ...]
    start: int
    end: int
    old: str
    new: str | None
    context: frozenset[str]
    hedged: bool = False  # approximate, a bound or part of a range: never the mention changed
    ok: bool = True
    why: str = ""
    form: str = ""
    partner: bool = True  # as written, contradicts a larger value (exact, "about", "up to")


def _format_int(value: int, sep: str) -> str:
    s = str(value)
    if not sep:
        return s
    groups: list[str] = []
    while len(s) > 3:
        groups.insert(0, s[-3:])
        s = s[:-3]
    groups.insert(0, s)
    return sep.join(groups)


def changed_number(raw: str, subtype: str) -> str | None:
    """The value a fact-checker would write instead of ``raw`` (same format); ``None`` if none."""
    sep = next((c for c in (",", " ", "\u00a0", "\u202f") if c in raw), "")
    digits = raw.replace(sep, "") if sep else raw
    if digits.startswith("0") and len(digits.split(".")[0]) > 1:
        return None  # "05": a time or code
    if "." in digits:
        whole, frac = digits.split(".")
        value = float(digits)
        new = value + 0.4 if value < 20 else value * 1.3
        text = f"{new:.{len(frac)}f}"
        w, f = text.split(".")
        return f"{_format_int(int(w), sep)}.{f}"
    value = int(digits)
    if subtype == "age" or value < 100:
        if subtype == "percent" and value >= 90:
            new = value - 10
        else:
            new = value + 10 if value >= 20 else value + 3
    else:
        zeros = len(digits) - len(digits.rstrip("0"))
        unit = 10 ** max(zeros - 1, 0)
        new = int(round(value * 1.3 / unit)) * unit
    if new == value:
        return None
    return _format_int(new, sep)


def _number_subtype(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 40) : start]
    after = text[end : end + 60]
    if re.match(r"^[-\s]years?[-\s]old\b|^[-\s]year[-\s]olds?\b|^\s?yrs?\.?\s?old", after, re.I):
        return "age"
    if re.search(r"\b(?:aged|age|ages|age\s+of)\s+$", before, re.I):
        return "age"
    if re.search(r"\b(?:died|dies|dead|passed\s+away)\s+(?:at|aged)\s+(?:the\s+age\s+of\s+)?$", before, re.I):
        return "age"
    if (
        re.search(r"[A-Za-z’'.],\s$", before)
        and re.match(r"^[,;.](?:\s|$)", after)
        and int(float(text[start:end].replace(",", ""))) <= 110
    ):
        return "age"  # "Comeaux, 49, was", "The actress, 26, checked"
    if re.search(r"[A-Z][a-z’']+\s\($", before) and re.match(r"^\)", after):
        return "age"  # "Reid (33)"
    if re.search(r"\b(?:was|is|turned|turns|be)\s+$", before) and re.match(r"^(?:[.,;]|\s(?:when|at|in|on)\b)", after):
        return "age"
    if COUNT_AFTER_RE.match(after) or COUNT_BEFORE_RE.search(before):
        return "count"
    if MEASURE_AFTER_RE.match(after) or MEASURE_BEFORE_RE.search(before) or re.match(r"^[-\s]magnitude", after):
        return "measure"
    return "other"


# Hedges a larger value does not contradict ("more than 100,000" and 130,000 can both be true).
LOWER_BOUND_RE = re.compile(
    r"\b(?:more\s+than|at\s+least|over|upwards\s+of|well\s+over|just\s+over|in\s+excess\s+of|from|"
    r"between)\s*[$€£¥]?\s*$",
    re.I,
)


def _partner_ok(text: str, start: int, end: int) -> bool:
    """Whether this mention, as written, contradicts a larger value: exact, approximate ("about"), or an
    upper bound ("up to", "nearly"); not a lower bound ("more than", "-plus") or a range."""
    if not _hedged(text, start, end):
        return True
    before = text[max(0, start - 30) : start]
    after = text[end : end + 12]
    return not (
        LOWER_BOUND_RE.search(before)
        or RANGE_AFTER_RE.match(after)
        or re.search(
            r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand))"
            r"\s*(?:to|or|and|-|–)\s*[$€£¥]?$",
            before,
            re.I,
        )
    )


def _hedged(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    return bool(
        HEDGE_RE.search(before)
        or RANGE_AFTER_RE.match(text[end : end + 12])
        or re.search(
            r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand))"
            r"\s*(?:to|or|and|-|–)\s*[$€£¥]?$",
            before,
            re.I,
        )
    )


def _skip_number(text: str, start: int, end: int, raw: str) -> str:
    """Why a bare number is not a fact a checker would change ("" when it is one)."""
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if re.match(r"^(?:[-/:]\d|\.\d)", after):
        return "part of a date, time or code"
    m = re.match(r"^[A-Za-z]+", after)
    if m and not SUFFIX_OK_RE.match(after):
        if re.match(r"^(?:st|nd|rd|th)\b", after):
            return "ordinal"
        return "attached to letters"
    if TIME_AFTER_RE.match(after):
        return "time of day"
    digits = raw.replace(",", "")
    if re.fullmatch(r"\d{4}", digits) and 1900 <= int(digits) <= 2100:
        return "year"
    if MONTH_BEFORE_RE.search(before) or MONTH_AFTER_RE.match(after):
        return "day of month"
    if re.search(r"\d[ \u00a0]$", before) or re.match(r"^[ \u00a0]\d", after):
        return "digit group (phone or code)"
    if ID_BEFORE_RE.search(before):
        return "identifier or rank"
    cap = re.search(r"\b([A-Z][A-Za-z]*)\s$", before)
    if cap and cap.group(1).lower() not in STOP and not COUNT_BEFORE_RE.search(before.lower()):
        return "identifier (after a capitalised word)"
    if ADDRESS_AFTER_RE.match(after) or re.match(r"^\s+block\s+of\b", after):
        return "street address"
    if (
        re.search(r"\b(?:at|by|until|from|before|after)\s+$", before, re.I)
        and re.fullmatch(r"\d{1,2}", digits)
        and (
            re.match(
                r"^\s*(?:[.,;]|\s+(?:on|in|this|that|tonight|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)",
                after,
            )
        )
    ):
        return "time of day"
    if (
        "\n" not in text[start:end]
        and re.fullmatch(r"[\d ,]+", raw)
        and " " in raw
        and not re.fullmatch(r"\d{1,3}(?: \d{3})+", raw)
    ):
        return "spaced digits"
    return ""


def number_occurrences(article: Article, index: TextIndex, skipped: Counter[str]) -> list[Occ]:
    """Every number written with digits in the article, as candidate facts."""
    text = article.text
    out: list[Occ] = []
    taken: list[Region] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or b <= s for a, b in taken)

    for m in RATIO_RE.finditer(text):
        s, e = m.span(1)
        raw = m.group(1)
        taken.append(m.span())
        new = changed_number(raw, "ratio")
        value = int(raw.replace(",", ""))
        out.append(
            Occ(
                article.id,
                "number",
                "ratio",
                ("ratio", value),
                s,
                e,
                raw,
                new,
                index.context(m.start(), m.end()),
                ok=new is not None,
                form=m.group(0),
            )
        )
    for m in SCORE_RE.finditer(text):
        if not free(*m.span()):
            continue
        a, b = int(m.group(1)), int(m.group(2))
        before = text[max(0, m.start() - 50) : m.start()]
        after = text[m.end() : m.end() + 50]
        if MONTH_BEFORE_RE.search(before) or ID_BEFORE_RE.search(before) or TIME_AFTER_RE.match(after):
            continue
        if re.match(r"^\s*(?:years?|months?|weeks?|days?|hours?|minutes?|percent|%|year-old)", after, re.I):
            continue
        sport = bool(SPORT_RE.search(before[-40:]) or SPORT_RE.search(after[:40]))
        if a < b and not sport:
            continue
        taken.append(m.span())
        new = f"{a + 10}{m.group(0)[len(m.group(1))]}{m.group(2)}"
        out.append(
            Occ(
                article.id,
                "number",
                "score",
                ("score", a, b),
                m.start(),
                m.end(),
                m.group(0),
                new,
                index.context(m.start(), m.end()),
                ok=not _hedged(text, m.start(), m.end()),
                why="" if not _hedged(text, m.start(), m.end()) else "hedged or a range",
                form=m.group(0),
            )
        )
    for m in NUMBER_RE.finditer(text):
        s, e = m.span()
        raw = m.group(0)
        if not free(s, e):
            continue
        why = _skip_number(text, s, e, raw)
        if why:
            skipped[f"number: {why}"] += 1
            continue
        before = text[max(0, s - 12) : s]
        after = text[e : e + 40]
        number = float(raw.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))
        scale = 1.0
        sm = SCALE_AFTER_RE.match(after)
        if sm:
            word = sm.group(0).strip(" -").lower()
            scale = {
                "million": 1e6,
                "mln": 1e6,
                "m": 1e6,
                "mm": 1e6,
                "billion": 1e9,
                "bln": 1e9,
                "bn": 1e9,
                "b": 1e9,
                "trillion": 1e12,
                "thousand": 1e3,
                "k": 1e3,
            }.get(word, 1.0)
        money_sym = MONEY_BEFORE_RE.search(before)
        money_word = MONEY_WORD_AFTER_RE.match(after)
        if money_sym or money_word:
            subtype = "money"
            word_match = money_word.group(0).split()[-1].lower()[:3] if money_word else "?"
            cur = money_sym.group(0).strip() if money_sym else word_match
            key: tuple[Any, ...] = ("money", cur, number * scale)
        elif PERCENT_AFTER_RE.match(after):
            subtype = "percent"
            key = ("percent", number)
        else:
            subtype = _number_subtype(text, s, e)
            key = ("number", number * scale)
        hedged = _hedged(text, s, e)
        new = changed_number(raw, subtype)
        ok, why = True, ""
        if hedged:
            ok, why = False, "hedged or a range"
        elif new is None:
            ok, why = False, "no sensible change"
        elif stamp_line(index.line(s)):
            ok, why = False, "in a time stamp line"
        out.append(
            Occ(
                article.id,
                "number",
                subtype,
                key,
                s,
                e,
                raw,
                new,
                index.context(s, e),
                hedged,
                ok,
                why,
                form=raw,
                partner=_partner_ok(text, s, e),
            )
        )
    return out


DATE_RANGE_AFTER_RE = re.compile(r"^(?:,?\s*(?:or|to|-|–|and|through|until|till)\s|[-–]\d)")
DATE_RANGE_BEFORE_RE = re.compile(r"\b(?:between|or|and|to|through|early|late|mid|mid-)\s*$", re.I)


def _date_ok(text: str, start: int, end: int, index: TextIndex) -> str:
    """Why a date mention may not be the one changed ("" when it may)."""
    if stamp_line(index.line(start)):
        return "in a time stamp line"
    if DATE_RANGE_AFTER_RE.match(text[end : end + 12]) or DATE_RANGE_BEFORE_RE.search(text[max(0, start - 12) : start]):
        return "a range, an alternative or vague"
    return ""


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


MD_RE = re.compile(
    rf"\b(?P<mon>{MONTH_RE})\.?\s(?P<day>\d{{1,2}})(?P<suf>st|nd|rd|th)?(?![\d:]|\.\d|,\d)(?:,?\s(?P<year>(?:19|20)\d\d)\b)?"
)
DM_RE = re.compile(
    rf"(?<![\d.,:/-])\b(?P<day>\d{{1,2}})(?P<suf>st|nd|rd|th)?\s(?:of\s)?(?P<mon>{MONTH_RE})\b\.?(?:,?\s(?P<year>(?:19|20)\d\d)\b)?"
)
WEEKDAY_RE = re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
YEAR_RE = re.compile(
    r"\b(?:in|since|of|by|until|from|during|early|late|mid|mid-|before|after)\s(?P<year>(?:19|20)\d\d)\b(?![-/–]\d|,\d|\.\d|s\b|'s)"
)


def date_occurrences(article: Article, index: TextIndex) -> list[Occ]:
    """Days, weekdays and years the article writes, as candidate facts."""
    text = article.text
    out: list[Occ] = []
    taken: list[Region] = []
    for rx in (MD_RE, DM_RE):
        for m in rx.finditer(text):
            if any(not (m.end() <= a or b <= m.start()) for a, b in taken):
                continue
            taken.append(m.span())
            mon = MONTHS[m.group("mon").lower()]
            day = int(m.group("day"))
            year = int(m.group("year")) if m.group("year") else 2001
            dim = calendar.monthrange(year, mon)[1]
            s, e = m.start("day"), m.end("suf") if m.group("suf") else m.end("day")
            raw = text[s:e]
            new = None
            if 1 <= day <= dim:
                nd = (day - 1 + 3) % dim + 1
                new = f"{nd}{_ordinal(nd)}" if m.group("suf") else str(nd)
            why = "" if new is not None else "not a valid day"
            why = why or _date_ok(text, m.start(), m.end(), index)
            ok = not why
            out.append(
                Occ(
                    article.id,
                    "date",
                    "day",
                    ("day", mon, day),
                    s,
                    e,
                    raw,
                    new,
                    index.context(m.start(), m.end()),
                    ok=ok,
                    why=why,
                    form=m.group(0),
                )
            )
    for m in WEEKDAY_RE.finditer(text):
        if any(not (m.end() <= a or b <= m.start()) for a, b in taken):
            continue
        wd = m.group("wd")
        new = WEEKDAYS[(WEEKDAYS.index(wd) + 3) % 7]
        after = text[m.end() : m.end() + 20]
        before = text[max(0, m.start() - 20) : m.start()]
        ok, why = True, ""
        if (
            re.match(rf"^,?\s+(?:the\s+)?(?:\d|{MONTH_RE})", after)
            or MONTH_BEFORE_RE.search(before)
            or re.search(r"\d\s*,?\s*$", before)
        ):
            ok, why = False, "part of a full date"
        elif _date_ok(text, m.start(), m.end(), index):
            ok, why = False, _date_ok(text, m.start(), m.end(), index)
        elif re.match(r"^'?s\b", after):
            ok, why = False, "possessive"
        out.append(
            Occ(
                article.id,
                "date",
                "weekday",
                ("weekday", wd),
                m.start(),
                m.end(),
                wd,
                new,
                index.context(m.start(), m.end()),
                ok=ok,
                why=why,
                form=wd,
            )
        )
    for m in YEAR_RE.finditer(text):
        s, e = m.span("year")
        if any(not (e <= a or b <= s) for a, b in taken):
            continue
        y = int(m.group("year"))
        why = _date_ok(text, m.start(), e, index)
        ok = not why
        out.append(
            Occ(
                article.id,
                "date",
                "year",
                ("year", y),
                s,
                e,
                m.group("year"),
                str(y + 1),
                index.context(m.start(), m.end()),
                ok=ok,
                why=why,
                form=m.group(0),
            )
        )
    return out


def _name_tokens(name: str) -> list[str]:
    return [t for t in name.split() if t]


def _strip_name(text: str, start: int, name: str) -> tuple[int, str] | None:
    """Drop leading function words and titles from a matched name; ``None`` if it is not a person."""
    toks = _name_tokens(name)
    offset = 0
    while toks and (
        toks[0] in LEADING_NOT_NAME or toks[0] in TITLES or toks[0].rstrip(".") + "." in TITLES or toks[0] in NON_PERSON
    ):
        offset += len(toks[0]) + 1
        toks = toks[1:]
    # trailing initials/titles ("Smith Jr.") are kept out of the replaced span
    while toks and toks[-1] in ("Jr.", "Sr."):
        toks = toks[:-1]
    if not toks:
        return None
    if any(t.rstrip(".'’s") in NON_PERSON or t in NON_PERSON for t in toks):
        return None
    if any(t.isupper() and len(t) > 2 for t in toks):
        return None
    if toks[-1].endswith("."):  # ends in an initial
        return None
    return start + offset, " ".join(toks)


def full_names(text: str) -> set[str]:
    """Capitalised sequences of two or more name-like tokens, cleaned of titles and non-person words."""
    out = set()
    for m in re.finditer(rf"(?<![\w.])(?:{CAP})(?: (?:{CAP})){{1,3}}\b", text):
        got = _strip_name(text, m.start(), m.group(0))
        if got and len(got[1].split()) >= 2:
            out.add(got[1])
    return out


def speaker_occurrences(article: Article, index: TextIndex, surnames: dict[str, set[str]]) -> list[Occ]:
    """Persons named as the subject of a speech verb ("X said", "said X", "according to X")."""
    text = article.text
    out: list[Occ] = []
    seen: set[int] = set()
    for rx in SPEAKER_RES:
        for m in rx.finditer(text):
            got = _strip_name(text, m.start("name"), m.group("name"))
            if got is None:
                continue
            s, name = got
            toks = name.split()
            if re.match(r"\.?\s?\d", text[s + len(name) : s + len(name) + 3]):
                continue  # "Juror No. 1", "Route 9"
            if re.search(
                rf"\b(?:for|of|to|with|from|by|at|about|and|or|on|against|than)\s(?:{TITLE_ABBR}\s)?$",
                text[max(0, s - 16) : s],
            ):
                continue  # "a representative for Mr. Jackman said": not the speaker
            title_before = bool(
                re.search(
                    rf"{TITLE_ABBR}\s$|\b(?:President|Mayor|Governor|Senator|Judge|Chief)\s$", text[max(0, s - 12) : s]
                )
            )
            if len(toks) == 1 and name.lower() not in surnames and not title_before:
                continue
            if s in seen:
                continue
            seen.add(s)
            surname = toks[-1].lower()
            out.append(
                Occ(
                    article.id,
                    "speaker",
                    "full name" if len(toks) > 1 else "surname",
                    ("speaker", surname),
                    s,
                    s + len(name),
                    name,
                    None,
                    frozenset(),
                    form=m.group(0),
                )
            )
    return out


@dataclass
class Fact:
    """What at least three articles carry alike, and the mentions of it that may be changed."""

    kind: str
    key: tuple[Any, ...]
    words: frozenset[str]
    members: list[Occ]
    targets: list[Occ]

    @property
    def articles(self) -> set[str]:
        return {o.article for o in self.members}


def alike_facts(occs: Sequence[Occ], kind: str) -> list[Fact]:
    """Group mentions by value; keep values that three articles carry with a shared content word nearby."""
    by_key: dict[tuple[Any, ...], list[Occ]] = defaultdict(list)
    for o in occs:
        by_key[o.key].append(o)
    facts = []
    for key, group in sorted(by_key.items(), key=lambda kv: repr(kv[0])):
        if len({o.article for o in group}) < 3:
            continue
        word_articles: dict[str, set[str]] = defaultdict(set)
        for o in group:
            for w in o.context:
                word_articles[w].add(o.article)
        words = frozenset(w for w, arts in word_articles.items() if len(arts) >= 3)
        if not words:
            continue
        members = [o for o in group if o.context & words]
        targets = []
        for o in members:
            if not o.ok:
                continue
            # a clean contradiction needs a mention with the same shared word in another article that a
            # changed value contradicts: exact, approximate or an upper bound, not "more than" or a range
            shared = o.context & words
            if any(p.article != o.article and p.partner and p.context & shared for p in members):
                targets.append(o)
        facts.append(Fact(kind, key, words, members, targets))
    return facts


# A speaker is carried alike when another article attributes much the same words to that person: the
# attributed sentences share this share of their longer words (Jaccard), speaker names left out.
SAME_ATTRIBUTION = 0.35


def _sentence_words(text: str, pos: int, drop: str) -> frozenset[str]:
    left = max(text.rfind(p, 0, pos) for p in (". ", "! ", "? ", "\n"))
    stops = [i for i in (text.find(p, pos) for p in (". ", "! ", "? ", "\n")) if i >= 0]
    sentence = text[left + 1 : min(stops) if stops else len(text)].lower()
    names = set(drop.lower().split())
    return frozenset(w for w in re.findall(r"[a-z]{4,}", sentence) if w not in names)


def _alike(wa: frozenset[str], wb: frozenset[str]) -> bool:
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= SAME_ATTRIBUTION


def speaker_facts(occs: Sequence[Occ], texts: dict[str, str]) -> list[Fact]:
    """Speakers named in three articles; a mention may be changed when another article attributes much
    the same words to the same person (else no other article could tell the change)."""
    by_key: dict[tuple[Any, ...], list[Occ]] = defaultdict(list)
    for o in occs:
        by_key[o.key].append(o)
    facts = []
    for key, group in sorted(by_key.items()):
        if len({o.article for o in group}) < 3:
            continue
        words = {id(o): _sentence_words(texts[o.article], o.start, o.old) for o in group}
        targets = [
            o
            for o in group
            if o.ok and any(p.article != o.article and _alike(words[id(o)], words[id(p)]) for p in group)
        ]
        facts.append(Fact("speaker", key, frozenset(), group, targets))
    return facts


def candidate_facts(
    story: Story, indexes: dict[str, TextIndex], skipped: Counter[str]
) -> tuple[dict[str, list[Fact]], list[Occ]]:
    """Facts of each kind that three articles of the story carry alike, and every speaker mention."""
    numbers: list[Occ] = []
    dates: list[Occ] = []
    for a in story.articles:
        numbers += number_occurrences(a, indexes[a.id], skipped)
        dates += date_occurrences(a, indexes[a.id])
    names: set[str] = set()
    for a in story.articles:
        names |= full_names(a.text)
    surnames: dict[str, set[str]] = defaultdict(set)
    for n in names:
        surnames[n.split()[-1].lower()].add(n)
    speakers: list[Occ] = []
    for a in story.articles:
        speakers += speaker_occurrences(a, indexes[a.id], surnames)
    facts = {
        "number": alike_facts(numbers, "number"),
        "date": alike_facts(dates, "date"),
        "speaker": speaker_facts(speakers, {a.id: a.text for a in story.articles}),
    }
    return facts, speakers
