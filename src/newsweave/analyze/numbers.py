"""Numbers across sources: parse, normalise and compare the quantities articles mention.

Outlets write one count many ways ("300,000", "300 000", "more than 300,000", "300,000-plus") and round
it differently ("thousands", "tens of thousands", "more than 100,000"). This module reads each number
with its *hedge* (the qualifier that bounds it) and its *unit* (what is counted), turns the pair into
an interval, and compares intervals of compatible units.

Conventions (the gold table ``benchmarks/data/number_expressions.tsv`` follows them):

* **unit**: the noun phrase after the number, lower-cased and kept as written ("russian troops",
  "new fighters"), through "of (the|their …)" ("100,000 of their soldiers" -> "soldiers") and ending
  at the first plural-looking noun, a function word or punctuation. A casualty participle that follows
  (optionally after "had been", "were" …) is appended: "5,937 Russian soldiers had been killed" ->
  "russian soldiers killed"; "killed or wounded" is kept whole. "%" for percent in any language; a
  currency sign or code before the number is the unit as written, lower-cased ("£", "$", "r", "usd").
  "Russian and 100,000 Ukrainian soldiers …": the first count borrows the head of the second.
* **hedge**: the qualifier as written, lower-cased ("more than", "plus de", "-plus", "or so"); its kind
  sets ``low``/``high`` (see :data:`HEDGES`). Ranges ("700 to 800", "35-40") keep the first number as
  ``value`` and the range as ``low``/``high``.
* **vague** magnitudes ("thousands", "tens of thousands", "dozens"): ``value`` = ``low`` = the magnitude,
  ``high`` = the next magnitude minus one.
* Not quantities: years (a bare 1800–2100 not followed by a plural count noun), times, dates ("November
  27", "27 November", "Nov. 9"), ordinals, numbers glued to letters or ids ("COVID-19", "MH17"), and a
  bare "one" (too often a pronoun). An attached "m" is metres unless money or a counted noun follows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from newsweave.analyze.number_words import (
    _AFTER_VERB,
    _COMMA_DECIMAL,
    _ED_NOUNS,
    _ID_CONTEXT,
    _LY_NOUNS,
    _MAGNITUDE_AFTER,
    _MAGNITUDE_BEFORE,
    _MULT,
    _NEUTRAL,
    _PAST_VERBS,
    _PLURALS,
    _QUAKE_AFTER,
    _SCALES,
    _STOP,
    _WORD_VALUES,
    _YEAR_CONTEXT,
    HEDGES,
    POST_HEDGES,
    STATES,
    UNIT_CLASSES,
    VAGUE,
)
from newsweave.matching import matches_at
from newsweave.model import Article, NumberFact, Quantity, Sentence, Span
from newsweave.sentences import split_sentences

INF = math.inf

# -- data tables ------------------------------------------------------------------------------------


# -- patterns ---------------------------------------------------------------------------------------

_SP = r"[ \u00a0\u202f\u2009]"
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"  # 1,234,567.8
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)"  # 1.234.567,8
    rf"|\d{{1,3}}(?:{_SP}\d{{3}})+(?:[.,]\d+)?(?!\d|[.,]\d)"  # 1 234 567,8 (also no-break spaces)
    r"|\d+(?:[.,]\d+)?"
)
_MULT_WORDS = (
    "mil millones|millions|millionen|million|millones|millón|milliards|milliarden|milliarde|milliard|"
    "billions|billion|trillion|thousand|mio\\.?|mrd\\.?|mln|mn|bn|lakh|crore"
)
_WORDNUM = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
_SCALE_RE = "|".join(_SCALES)
_WORDS = (
    rf"\b(?:half\s+an?\s+(?:dozen|{_SCALE_RE})|an?\s+(?:dozen|{_SCALE_RE})|(?:{_WORDNUM})(?:-(?:{_WORDNUM}))?)"
    rf"(?:(?:\s+|-)(?:{_WORDNUM}|dozen|{_SCALE_RE})\b|(?:(?<=hundred)|(?<=thousand))\s+and\s+(?:{_WORDNUM})\b)*\b"
)
_VAGUE_RE = "|".join(k.replace(" ", r"\s+") for k in sorted(VAGUE, key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?P<vague>(?i:\b(?:{_VAGUE_RE})\b))"
    rf"|(?P<words>(?i:{_WORDS}))"
    rf"|(?:(?P<cur>US\$|A\$|C\$|HK\$|R\$|[£$€¥₹₽]){_SP}?|(?P<code>\b(?:USD|EUR|GBP|RUB|CHF|JPY){_SP}|\bR(?=\d)))?"
    rf"(?<![\d.,])(?P<num>{_DIGITS})"
    rf"(?:(?P<suffix>km|kg|MM|mm|cm|ml|mph|ft|lbs?|bn|mn|m|k|g)(?!\w)|(?:{_SP}|-)?(?P<mult>(?i:{_MULT_WORDS}))(?!\w))?"
)
_TAIL = re.compile(
    rf"(?P<post>-plus(?!\w)|\+|-odd(?!\w))?(?:{_SP}?(?P<pct>%|(?i:per{_SP}?cent|percent|pct|prozent|"
    rf"pour{_SP}cent|por{_SP}ciento|процент\w*))(?!\w))?(?:{_SP}?(?P<curpost>[€£₽]))?"
)
_POST_WORDS = re.compile(r"\s+(?P<h>or more|and more|or so|or fewer|or less)(?!\w)", re.I)
_RANGE = re.compile(r"[-–](?=\d)|\s+to\s+")
_COMPOUND = re.compile(r"-([^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)")
_HEDGE = re.compile(
    r"(?<![\w.])(?P<h>"
    + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(HEDGES, key=len, reverse=True))
    + r")\s*$",
    re.I,
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Januar|Februar|März|Juni|Juli|Oktober|Dezember|(?i:janvier|février|mars|"
    r"avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|"
    r"agosto|septiembre|setiembre|octubre|noviembre|diciembre))"
)
_DATE_BEFORE = re.compile(rf"\b{_MONTHS}\.?\s+$")
_DATE_AFTER = re.compile(rf"(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?{_MONTHS}\b")
_TIME_AFTER = re.compile(
    r"\s?(?:(?i:[ap]\.?\s?m\b\.?)|GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|IST|hrs\b|h\d\d|o['’]clock)"
)
_WORD = re.compile(r"[ \u00a0]+([^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)")
_OF = re.compile(
    r"\s+(?:of|de|del|des|du|von)(?:\s+(?:the|their|its|his|her|our|these|those|les|los|las|der))?(?=\s)", re.I
)
_OF_NUMBER = re.compile(
    rf"\s+(?:of|out\s+of)\s+(?:(?:his|her|their|its|the|our|my|every)\s+)?(?:[\d][\d,.]*|(?i:{_WORDNUM}))(?=\s)", re.I
)
_STATE_ALT = "|".join(STATES)
_STATE_RE = re.compile(
    rf"(?:\s+(?:who|that))?(?:\s+(?:had|have|has|were|was|are|is|being))?(?:\s+been)?\s+(?P<s>{_STATE_ALT})"
    rf"(?:\s+(?P<c>or|and)\s+(?P<t>{_STATE_ALT}))?(?!\w)",
    re.I,
)
_LABEL = re.compile(r"(?<=[\w,;:)])\s+(?!(?:and|or)\b)[A-Z][\w-]*(?<![’']s)\s+$")  # not sentence-initial
# Telephone numbers: "(818) 374-1925", "818-374-1925", "0845 125 2222", "+44 20 7946 0958".
_PHONE = re.compile(
    r"(?:\(\d{3}\)\s?|\b\d{3}[-.])\d{3}[-.]\d{4}\b"
    r"|(?<![\d,.])0\d{2,4}[ \u00a0-]\d{3,4}(?:[ \u00a0-]?\d{3,4})\b"
    r"|\+\d{1,3}(?:[ \u00a0-]\d{1,4}){2,4}\b"
)
_PER = re.compile(r"\s+per\s+([^\W\d_]+)", re.I)
_AND_NUMBER = re.compile(rf"\s+(?:and|or)\s+(?:\d|(?i:{_WORDNUM}|an?\s+(?:dozen|{_SCALE_RE}))\b)")


@dataclass
class _Hit:
    """A quantity being read: mutable while its unit is resolved, then frozen into a :class:`Quantity`."""

    start: int
    end: int
    value: float
    hedge: str | None = None
    low: float = 0.0
    high: float = 0.0
    vague: bool = False
    words: list[str] = field(default_factory=list)  # the noun phrase, lower-cased
    state: str = ""  # "killed or wounded"
    unit: str | None = None  # set directly for %, currency and measures
    elided: bool = False  # "100,000 Russian and 100,000 Ukrainian soldiers": head comes from the next


# -- parsing ----------------------------------------------------------------------------------------


def _to_float(digits: str, language: str) -> float:
    """Digits with thousands separators and a decimal mark, read by the conventions of ``language``."""
    s = re.sub(_SP, "", digits)
    if "," in s and "." in s:  # the later mark is the decimal one: 1,234.5 / 1.234,5
        dec = max(s.rfind(","), s.rfind("."))
        return float(re.sub(r"[.,]", "", s[:dec]) + "." + s[dec + 1 :])
    sep = "," if "," in s else "." if "." in s else ""
    if not sep:
        return float(s)
    parts = s.split(sep)
    if len(parts) > 2:
        return float("".join(parts))
    head, tail = parts
    europe = language in _COMMA_DECIMAL
    if len(tail) == 3 and head != "0":
        # "5,937" groups in English and decimals in German; "5.000" groups except in English, where
        # only ".000" is taken as a group (nobody writes 5.000 for five).
        grouping = (not europe) if sep == "," else (europe or tail == "000")
        if grouping:
            return float(head + tail)
    return float(head + "." + tail)


def _words_value(phrase: str) -> float:
    total, current, half = 0.0, 0.0, False
    for tok in re.split(r"[\s-]+", phrase.lower()):
        if tok == "half":
            half = True
        elif tok in ("a", "an"):
            current = 1.0
        elif tok in _WORD_VALUES:
            current += _WORD_VALUES[tok]
        elif tok == "dozen":
            current = (current or 1) * 12
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in _SCALES:
            total += (current or 1) * _SCALES[tok]
            current = 0.0
    value = total + current
    return value / 2 if half else value


def _suffix(m: re.Match[str]) -> str:
    """The letters glued to a number; "MM", the financial press's million ("$160MM"), as "mn"."""
    suffix = m.group("suffix") or ""
    return "mn" if suffix == "MM" else suffix


def _core_value(m: re.Match[str], language: str) -> tuple[float, bool, float, float]:
    """``(value, vague, low, high)`` of a :data:`_NUMBER` match, ignoring hedges and context."""
    if m.group("vague"):
        low, high = VAGUE[re.sub(r"\s+", " ", m.group("vague").lower())]
        return low, True, low, high
    if m.group("words"):
        v = _words_value(m.group("words"))
        return v, False, v, v
    v = _to_float(m.group("num"), language)
    mult = (m.group("mult") or _suffix(m)).lower().rstrip(".")
    v *= _MULT.get(re.sub(r"\s+", " ", mult), 1.0)
    return v, False, v, v


def parse_number(text: str) -> float | None:
    """The value of the number ``text`` starts with, hedge and unit ignored.

    Reads digits with any thousands separator ("300,000", "300 000" with plain, no-break or narrow
    no-break spaces, "1.234.567"), decimals ("1.5", European "1.234,5" and "3,5 %"), multipliers
    ("1.5 million", "2m", "£5bn"), words ("two million", "a dozen", "half a million"), currency ("£13,906"),
    percent ("33%"), "100,000-plus" and vague magnitudes ("hundreds" -> 100, "tens of thousands" -> 10000).
    A leading hedge ("more than 300") is skipped. No context rules apply: "1962" is 1962.0.

    Args:
        text: the number as written.

    Returns:
        The value, or ``None`` when ``text`` does not start with a number (or it is an ordinal, "21st").
    """
    s = text.strip()
    hedge = re.match(_HEDGE.pattern.replace(r"\s*$", r"\s*"), s, re.I)
    m = _NUMBER.match(s, hedge.end() if hedge else 0)
    if not m:
        return None
    if m.end() < len(s) and s[m.end()].isalpha() and not m.group("vague") and not m.group("words"):
        return None  # "21st", "1990s", "5G"
    return _core_value(m, "und")[0]


# -- extraction -------------------------------------------------------------------------------------


def _is_plural(word: str) -> bool:
    return (
        word in _PLURALS
        or word.endswith("men")
        or (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")))
    )


def _noun_phrase(text: str, pos: int, language: str) -> tuple[list[str], int, bool]:
    """Words of the noun phrase at ``pos``, where it ends, and whether a number follows "and" (elision)."""
    words: list[str] = []
    ends: list[int] = []
    end = pos
    while len(words) < 4:
        m = _WORD.match(text, end)
        if not m:
            break
        word = m.group(1)
        low = word.lower()
        capitals = bool(words) and all(w[:1].isupper() for w in words if w not in ("and", "or"))
        if low in ("and", "or") and capitals:
            if _AND_NUMBER.match(text, end):
                return [w.lower() for w in words], end, True
            nxt = _WORD.match(text, m.end())
            if nxt and nxt.group(1).lower() not in _STOP:  # "Russian and Ukrainian soldiers"
                words.append(low)
                end = m.end()
                ends.append(end)
                continue
        if low in _STOP or low in STATES or low in _WORD_VALUES or low in _SCALES:
            break
        after = _WORD.match(text, m.end())
        if words and word[:1].isupper() and words[-1][:1].islower() and words[-1] not in ("and", "or"):
            if language != "de" and after and after.group(1)[:1].isupper():
                break  # a name starts: "911 supervisor Tim Medlin"
        if word.islower() and len(low) > 4 and low.endswith("ly") and low not in _LY_NOUNS:  # adverbs
            break
        past = word.islower() and (low in _PAST_VERBS or (low.endswith("ed") and len(low) > 4)) and low not in _ED_NOUNS
        if past and not words and after and after.group(1).islower() and after.group(1).lower() not in _AFTER_VERB:
            past = False  # "355 damaged shops", "hundreds of suspected rocket sites": an adjective
        if past:
            # "a 5.6 quake jolted …": the verb ends the noun; "10,000 gathered", "Two struck": the number is
            # the verb's subject and has no noun of its own
            break
        words.append(word)
        end = m.end()
        ends.append(end)
        if _is_plural(low) or (language == "de" and word[:1].isupper()):
            break
    while words and words[-1].lower() in _NEUTRAL:  # "20 more" but "20 more people"
        words.pop()
        ends.pop()
    end = ends[-1] if ends else pos
    return [w.lower() for w in words], end, False


def _is_year(text: str, m: re.Match[str], hit: _Hit) -> bool:
    num = m.group("num") or ""
    if not re.fullmatch(r"1[89]\d\d|20\d\d|2100", num) or m.group("cur") or m.group("code") or m.group("mult"):
        return False
    if (hit.hedge and hit.hedge != "between") or hit.unit or (hit.high != hit.value and hit.high > 2100):
        return False
    before = re.search(r"([\w']+)\W*$", text[max(0, m.start() - 20) : m.start()])
    if before and before.group(1).lower() in _YEAR_CONTEXT:
        return True
    nxt = _WORD.match(text, m.end())
    return not (nxt and nxt.group(1)[:1].islower() and _is_plural(nxt.group(1).lower()))


# "one" counts only before the singular noun it counts ("one punch", "one young man", "a one-seat
# majority"), never as a pronoun ("one of them", "no one", "one said") or in set phrases ("the one",
# "at one point", "for one thing", "one another").
_ONE_NOT_AFTER = frozenset("the no any every each which this that at for some such".split())
_ONE_NOT_BEFORE = frozenset("another way thing point side hand time more other last".split())
_CAP_ADJECTIVE = re.compile(r"[ \u00a0]+[A-Z][a-z]+(?=[ \u00a0]+[a-z])")


def _one_counts(text: str, end: int) -> bool:
    """Whether the bare "one" ending at ``end`` counts the noun after it."""
    start = end - 3
    before = re.search(r"([\w'’]+)\W*$", text[max(0, start - 20) : start])
    if before and before.group(1).lower() in _ONE_NOT_AFTER:
        return False
    if (c := _COMPOUND.match(text, end)) and c.group(1).lower() not in _ONE_NOT_BEFORE:
        return True  # "a one-seat majority", "a one-punch knockout"
    pos = a.end() if (a := _CAP_ADJECTIVE.match(text, end)) else end  # "one Asian man"
    words: list[str] = []
    while len(words) < 3 and (w := _WORD.match(text, pos)):
        words.append(w.group(1))
        pos = w.end()
    for i, word in enumerate(words):
        low = word.lower()
        if not word.islower() or low in _STOP or low in _ONE_NOT_BEFORE or low in _NEUTRAL or low in _WORD_VALUES:
            return False
        if low in _PAST_VERBS or low.endswith(("ed", "ly")) or _is_plural(low):
            return False  # "one said", "one notably", "one punches" (a verb)
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if not nxt or nxt in _STOP or not words[i + 1].islower() or nxt.endswith(("ed", "s")) or nxt in _PAST_VERBS:
            return True  # the noun ends the phrase: "one punch landed", "one juror"
    return False


_FRACTION = re.compile(r"(?:\s(?P<a>[1-9])/(?P<b>[2-8])|(?P<g>[½¼¾]))(?![\d/])")
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_MAGNITUDE_DASH = re.compile(r"(?i)\bmagnitude-$")


def _skip_context(text: str, m: re.Match[str], *, second: bool = False) -> bool:
    """Numbers that are not quantities: glued to words or ids, names ("Porsche 911"), phone numbers,
    times, dates, ordinals, a bare "one". ``second``: the second figure of a range ("35-40")."""
    if m.group("vague"):
        return False
    plain = m.group("words") or (m.group("num") if re.fullmatch(r"\d{1,4}", m.group("num") or "") else "")
    if plain and not (m.group("cur") or m.group("code") or m.group("mult")) and _LABEL.search(text, 0, m.start()):
        return True  # "Porsche 911 Carrera", "Planet Nine", "Season 4"
    if m.group("words"):
        return m.group("words").lower() == "one" and not _one_counts(text, m.end())
    start, end = m.start("num"), m.end()
    if any(p.start() <= start < p.end() for p in _PHONE.finditer(text, max(0, start - 24), end + 24)):
        return True
    prev = text[start - 1] if start else " "
    if not (m.group("cur") or m.group("code")) and (prev.isalpha() or prev in "_#@/:'’"):
        return True
    if (
        prev in "-–"
        and start >= 2
        and text[start - 2].isalnum()
        and not second
        and not _MAGNITUDE_DASH.search(text, 0, start)
    ):
        return True  # "COVID-19", "A-380", the "23" of "2022-23"
    if text[end : end + 1].isalpha() or re.match(r"[:/.,]\d", text[end : end + 2]):
        return True  # "21st", "1990s", "10:15", "27/11"
    if _TIME_AFTER.match(text, end) or _ID_CONTEXT.search(text, max(0, start - 12), start):
        return True
    if re.fullmatch(r"\d{1,2}", m.group("num")) and not m.group("mult") and not m.group("suffix"):
        return bool(_DATE_BEFORE.search(text, max(0, start - 12), start) or _DATE_AFTER.match(text, end))
    return False


def _interval(kind: str, v: float) -> tuple[float, float]:
    return {"min": (v, INF), "approx": (0.9 * v, 1.1 * v), "nearly": (0.85 * v, v), "max": (0.0, v)}.get(kind, (v, v))


def _hyphen_range(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether "35-40" is a range and not a record or a score written low figure first: money, a
    multiplier or a percentage goes with it ("$140-150MM", "20-30%"), or a plural noun follows that is not
    a team's name ("35-40 people"; not "a 9-14 start" nor "the 0-14 Lions")."""
    if first.group("cur") or first.group("code") or second.group("mult") or _suffix(second):
        return True
    tail = _TAIL.match(text, second.end())
    if tail and (tail.group("pct") or tail.group("curpost")):
        return True
    noun = _WORD.match(text, second.end())
    plural = noun is not None and noun.group(1).islower() and _is_plural(noun.group(1))
    return plural and _to_float(first.group("num") or "1", "en") > 0


def _range(text: str, m: re.Match[str], hit: _Hit, language: str) -> bool:
    """Extend ``hit`` over "35 to 40", "35-40", "between 10 and 20", "2 to 3 million"; False for "2-1"."""
    rng = (re.compile(r"\s+and\s+") if hit.hedge == "between" else _RANGE).match(text, hit.end)
    if not rng:
        return True
    second = _NUMBER.match(text, rng.end())
    if not second or second.group("vague") or _skip_context(text, second, second=True):
        return text[rng.start()] not in "-–"
    v2, first = _core_value(second, language)[0], hit.value
    if second.group("num") and v2 and not (m.group("mult") or m.group("suffix")):
        first *= v2 / _to_float(second.group("num"), language)  # "2 to 3 million"
    if v2 <= first:
        return text[rng.start()] not in "-–"  # a score or an id: "2-1"
    if text[rng.start()] in "-–" and not _hyphen_range(text, m, second):
        return False  # a record or a score: "a 9-14 start", "the 0-14 Lions", "lost 3-10"
    hit.value, hit.low, hit.high, hit.end = first, first, v2, second.end()
    tail = _TAIL.match(text, hit.end)
    if tail and tail.group("pct"):
        hit.unit, hit.end = "%", tail.end()
    return True


def _read(text: str, m: re.Match[str], language: str) -> _Hit | None:
    """The quantity of one :data:`_NUMBER` match in ``text`` (a sentence), or ``None`` if it is not one."""
    if _skip_context(text, m):
        return None
    value, vague, low, high = _core_value(m, language)
    hit = _Hit(m.start(), m.end(), value, low=low, high=high, vague=vague)
    if (frac := _FRACTION.match(text, m.end())) and re.fullmatch(r"\d+", m.group("num") or "") and not m.group("cur"):
        # "3 1/2-inch", "2½ years": the whole and its fraction are one number
        part = _FRACTIONS[frac.group("g")] if frac.group("g") else int(frac.group("a")) / int(frac.group("b"))
        hit.value = hit.low = hit.high = value + part
        hit.end = frac.end()
    h = _HEDGE.search(text, max(0, m.start() - 30), m.start())
    kind = "exact"
    if h:
        hit.hedge, hit.start = re.sub(r"\s+", " ", h.group("h").lower()), h.start("h")
        kind = HEDGES[hit.hedge]
    currency = m.group("cur") or m.group("code") or ""
    suffix = _suffix(m).lower()
    if suffix == "m" and not currency:  # million, or metres unless a counted noun follows
        words = _noun_phrase(text, _skip_of(text, m.end()), language)[0]
        if not (words and (_is_plural(words[-1]) or _unit_class(words[-1]) in UNIT_CLASSES)):
            hit.value = hit.low = hit.high = value / 1e6
            hit.unit = "m"
    elif suffix and suffix not in _MULT:
        hit.unit = suffix
    tail = _TAIL.match(text, m.end())
    if tail and tail.end() > m.end():
        hit.end = tail.end()
        if tail.group("post"):
            hit.hedge, kind = hit.hedge or tail.group("post"), POST_HEDGES[tail.group("post")]
        hit.unit = "%" if tail.group("pct") else hit.unit
        currency = tail.group("curpost") or currency
    post = _POST_WORDS.match(text, hit.end)
    if post and not vague:
        hit.hedge, hit.end = hit.hedge or post.group("h").lower(), post.end()
        kind = POST_HEDGES[post.group("h").lower()]
    if not vague:
        hit.low, hit.high = _interval(kind, hit.value)
        if kind in ("exact", "max", "range") and hit.unit != "%" and not _range(text, m, hit, language):
            return None
    compound = _COMPOUND.match(text, hit.end) if hit.unit is None and not currency else None
    after = _MAGNITUDE_AFTER.match(text, hit.end) if hit.unit is None and not currency else None
    if after:
        hit.unit, hit.end = "magnitude", after.end()
    elif hit.unit is None and not currency and _MAGNITUDE_BEFORE.search(text, max(0, m.start() - 20), m.start()):
        hit.unit = "magnitude"
    elif (
        hit.unit is None
        and not currency
        and re.fullmatch(r"\d\.\d", m.group("num") or "")
        and _QUAKE_AFTER.match(text, hit.end)
    ):
        hit.unit = "magnitude"  # "a 6.1 quake": the size of the quake, not a count of quakes
    if currency:
        hit.unit = currency.strip().lower()
    elif hit.unit is None and _apposed_age(text, m, hit.value):
        hit.unit = "year-old"  # "Rahman, 36, soon grew more intent on survival"
    elif compound and hit.unit is None:  # "a 61-year-old man", "a 17-member panel"
        hit.unit, hit.end = compound.group(1).lower(), compound.end()
    if hit.unit is None:
        hit.words, end, hit.elided = _noun_phrase(text, _skip_of(text, hit.end), language)
        if hit.words and not _is_plural(hit.words[-1]) and _PLACE_OF.search(text, max(0, hit.start - 60), hit.start):
            hit.words = []  # "a town of 20,000 north of Gaza": its people, not a "north"
        share = None if hit.words else _OF_NUMBER.match(text, hit.end)
        if share:  # "178 of 369 punches": the part counts what the whole counts
            hit.words = _noun_phrase(text, share.end(), language)[0]
        if hit.words:
            per = _PER.match(text, end)
            hit.words += ["per", per.group(1).lower()] if per else []
            hit.end = per.end() if per else end
        state = _STATE_RE.match(text, hit.end)
        if state:
            hit.state = " ".join(g.lower() for g in state.group("s", "c", "t") if g)
            hit.end = state.end()
        if not hit.words and not hit.state and not currency:
            hit.unit = _implied_unit(text, m, hit)
    if _is_year(text, m, hit) and not hit.state:
        return None
    return hit


# What a number without a noun counts, from the words around it: an age after a verb of age ("will be 29 in
# April", "who turned 70 on July 9", "now 70,"), a place's population ("a town of 20,000", "the city of
# 400,000"), people as the subject of what only people do ("where 10,000 gathered", "another 1,000
# demonstrated"; not "Two struck an open area", which were rockets).
_AGE_VERB = re.compile(r"\b(?:turns|turned|turning|turn|will\s+be|is\s+now|was\s+then|now)\s+$", re.I)
_PLACE_OF = re.compile(
    r"\b(?:city|town|village|country|nation|state|province|region|island|community|suburb|district)\s+of\s+"
    r"(?:(?:about|around|some|nearly|almost|roughly|more\s+than|over|just\s+over|under)\s+)?$",
    re.I,
)
_PEOPLE_VERBS = re.compile(
    r"\s+(?:\w+ly\s+)?(?:gathered|demonstrated|marched|protested|rallied|attended|assembled|congregated|"
    r"fled|voted|died|perished|signed|turned\s+out|took\s+to\s+the\s+streets|were\s+(?:killed|arrested|"
    r"evacuated|injured|wounded|hurt|detained|displaced|rescued))\b",
    re.I,
)


def _implied_unit(text: str, m: re.Match[str], hit: _Hit) -> str | None:
    """The unit of a number written without a noun, when the words around it say it (see above)."""
    whole = m.group("num") and hit.value.is_integer() and hit.high == hit.value
    if whole and 1 <= hit.value <= 120 and _AGE_VERB.search(text, max(0, m.start() - 12), m.start()):
        return "year-old"
    if _PLACE_OF.search(text, max(0, hit.start - 60), hit.start):
        return "inhabitants"
    if hit.value >= 2 and _PEOPLE_VERBS.match(text, hit.end):
        return "people"
    return None


_NAME_COMMA = re.compile(r"(?:^|[\s(])[A-Z][\w’'.-]*(?<![’']s),\s*$")
_COMMA_AFTER = re.compile(r"\s*,")


def _apposed_age(text: str, m: re.Match[str], value: float) -> bool:
    """A number set off by commas right after a name is the person's age ("Maral, 45, an Ashgabat
    resident"; not "In 2008, 45 …" nor "Smith, 45 people …")."""
    if not (m.group("num") and value.is_integer() and 1 <= value <= 120) or m.group("num") != str(int(value)):
        return False
    before = text[max(0, m.start() - 40) : m.start()]
    return bool(_NAME_COMMA.search(before)) and bool(_COMMA_AFTER.match(text, m.end()))


def _skip_of(text: str, pos: int) -> int:
    """After "100,000" or "thousands", skip "of (their)" when a word (not a number or pronoun) follows."""
    m = _OF.match(text, pos)
    if not m:
        return pos
    nxt = _WORD.match(text, m.end())
    return m.end() if nxt and nxt.group(1).lower() not in _STOP else pos


# What may follow a number whose noun is left out: a comma, the sentence's end, "of them", a preposition
# or a verb of being or having ("286 have higher education", "46 in Akhal region", "only 54 since").
_ELLIPSIS = re.compile(
    r"\s*(?:[,;.]|$)|\s+(?:more\s+|others?\s+)?(?:of\s+(?:them|those|whom)|in|on|at|from|since|for|were|are|"
    r"was|is|have|had|has|remain|remained|and(?!\s+\d))\b"
)
_TIME_WORDS = frozenset(
    "year years month months week weeks day days hour hours minute minutes second seconds decade decades".split()
)


# Where a _NUMBER match can start: a word that opens a vague amount, a number word, "half", "a"/"an", a
# currency code or "R" before digits; a digit not preceded by a digit or separator; a currency sign
# (and the letters of "US$", "HK$" before it). Trying the pattern only there finds what finditer
# finds (tested on the dev texts), without trying its long case-blind alternations at every position.
_FIRST_WORDS = frozenset(
    [re.match(r"\w+", k).group().lower() for k in VAGUE if re.match(r"\w+", k)]  # type: ignore[union-attr]
    + [w.lower() for w in _WORD_VALUES]
    + ["half", "a", "an", "usd", "eur", "gbp", "rub", "chf", "jpy"]
)
_WORD_START = re.compile(r"\w+")
_DIGIT_START = re.compile(r"(?<![\d.,])\d|[£$€¥₹₽]")


def _number_matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_NUMBER.finditer(text)`` gives, trying the pattern only where a match can start."""
    starts = []
    for m in _WORD_START.finditer(text):
        word = m.group().lower()
        if word in _FIRST_WORDS or (word[0] == "r" and word[1:2].isdigit()):
            starts.append(m.start())
    for m in _DIGIT_START.finditer(text):
        p = m.start()
        starts.extend((p - 2, p - 1, p) if not text[p].isdigit() else (p,))
    yield from matches_at(_NUMBER, text, sorted(p for p in starts if p >= 0))


def _scan(text: str, offset: int, article: str, language: str) -> list[Quantity]:
    hits: list[_Hit] = []
    last = 0
    for m in _number_matches(text):
        if m.start() < last:
            continue
        hit = _read(text, m, language)
        if hit is not None:
            hits.append(hit)
            last = hit.end
    for this, nxt in zip(hits, hits[1:], strict=False):
        if this.elided and nxt.words:  # "100,000 Russian and 100,000 Ukrainian soldiers …"
            this.words = this.words + nxt.words[len(this.words) :]
            this.state = this.state or nxt.state
    # a bare number after a count in the same sentence counts what the nearest count before it counts:
    # "killing 10 people and injuring 80" (not the "seven villages" before them); "Of the 288 candidates,
    # 286 have higher education, 202 are under 45 years old, and 56 are women" (not the years of an age)
    counted: _Hit | None = None
    for h in hits:
        if counted is not None and h.unit is None and not h.words and not h.vague and _ELLIPSIS.match(text, h.end):
            # the noun is carried, not what happened to it: "Ten people are killed and about 50 hurt"
            h.words = list(counted.words)
            if state := _STATE_RE.match(text, h.end):
                h.state = " ".join(g.lower() for g in state.group("s", "c", "t") if g)
                h.end = state.end()
        if h.unit is None and h.words and h.words[-1] not in _TIME_WORDS:
            counted = h
    out = []
    for h in hits:
        unit = h.unit if h.unit is not None else (" ".join(h.words + [h.state] if h.state else h.words) or None)
        span = Span(article, offset + h.start, offset + h.end, text[h.start : h.end])
        out.append(Quantity(h.value, unit, h.hedge, h.low, h.high, h.vague, span))
    return out


def extract_quantities(article: Article, sentences: Sequence[Sentence] | None = None) -> list[Quantity]:
    """Every quantity in an article's cleaned text, in text order.

    Args:
        article: the article; its ``language`` picks the decimal convention ("1.234" is 1234 in German).
        sentences: its sentences (as from :func:`newsweave.sentences.split_sentences`, which is used when
            ``None``); a noun phrase never runs past the end of its sentence.

    Returns:
        One :class:`Quantity` per number, with ``span`` covering hedge, number and unit as written
        (``article.text[span.start:span.end] == span.text``). Years, dates, times, ordinals and numbers
        inside ids are left out.
    """
    sents = split_sentences(article) if sentences is None else sentences
    out: list[Quantity] = []
    for s in sents:
        out.extend(_scan(s.text, s.start, article.id, article.language))
    return out


# -- comparison -------------------------------------------------------------------------------------

_CLASS_OF = {member: name for name, members in UNIT_CLASSES.items() for member in members}


@lru_cache(maxsize=1 << 14)
def _unit_class(head: str) -> str:
    """The class of a head noun (:data:`UNIT_CLASSES`), else its singular: "troops" -> "personnel"."""
    forms = [head, re.sub(r"ies$", "y", head), re.sub(r"(?:(?<=[sxz])|(?<=[cs]h))es$", "", head)]
    forms.append(re.sub(r"(?<!s)s$", "", head))
    return next((_CLASS_OF[f] for f in forms if f in _CLASS_OF), forms[-1])


@lru_cache(maxsize=1 << 14)
def _unit_key(unit: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """``(head class, qualifiers, casualty states)`` of a unit: "russian soldiers killed or injured" ->
    ``("personnel", {"russian"}, {"killed", "wounded"})``."""
    words = unit.split()
    states: set[str] = set()
    while words and (words[-1] in STATES or (words[-1] in ("or", "and") and states)):
        w = words.pop()
        if w in STATES:
            states.add(STATES[w])
    rate: list[str] = []
    if "per" in words:
        i = words.index("per")
        words, rate = words[:i], words[i:]
    quals = {w for w in words[:-1] if w not in _NEUTRAL} | ({" ".join(rate)} if rate else set())
    return (_unit_class(words[-1]) if words else "", frozenset(quals), frozenset(states))


def _compatible(a: str | None, b: str | None) -> bool:
    """Same head class, no conflicting casualty states, and one set of qualifiers within the other."""
    if a is None or b is None:
        return a is None and b is None
    (head_a, quals_a, states_a), (head_b, quals_b, states_b) = _unit_key(a), _unit_key(b)
    states_ok = not states_a or not states_b or states_a == states_b
    return head_a == head_b and states_ok and (quals_a <= quals_b or quals_b <= quals_a)


def compare(a: Quantity, b: Quantity) -> str:
    """How two mentions of numbers relate.

    Args:
        a, b: two quantities (usually from different articles).

    Returns:
        ``"unrelated"`` when they count different things (heads in different classes of
        :data:`UNIT_CLASSES`, different casualty states, or disjoint qualifiers such as "russian" vs
        "ukrainian"; a number without unit relates only to another without unit and the same value);
        ``"precision"`` when either is a vague magnitude that is not the same one ("thousands" vs
        "tens of thousands" vs "more than 100,000"), or when the intervals meet only inside an open-ended
        one ("more than 100,000" vs "150,000", "up to 1,000" vs "500");
        ``"same"`` for equal values ("300,000" vs "more than 300 000"), values inside each other's interval
        ("nearly 320,000" vs "more than 300,000"), or a value inside the other's bounded estimate ("about
        41,000" vs "40,000"); ``"different"`` when the intervals do not overlap ("5,937" vs "6,200").
    """
    if not _compatible(a.unit, b.unit):
        return "unrelated"
    if a.unit is None and not math.isclose(a.value, b.value):
        return "unrelated"
    if a.vague or b.vague:
        same = a.vague and b.vague and (a.low, a.high) == (b.low, b.high)
        return "same" if same else "precision"
    if math.isclose(a.value, b.value, rel_tol=1e-9):
        return "same"
    if a.low <= b.high and b.low <= a.high:
        mutual = a.low <= b.value <= a.high and b.low <= a.value <= b.high
        return "same" if mutual or _admits(a, b) or _admits(b, a) else "precision"
    return "different"


def _admits(a: Quantity, b: Quantity) -> bool:
    """``a`` is a bounded estimate ("about", "nearly", a range) that ``b``'s value falls in."""
    return 0 < a.low <= b.value <= a.high < INF


def group_numbers(quantities: Iterable[Quantity]) -> tuple[NumberFact, ...]:
    """Merge mentions of the same quantity across articles into one :class:`NumberFact` each.

    A mention joins the first fact whose first mention it compares ``"same"`` with (:func:`compare`),
    so a fact never drifts by chaining; "precision" and "different" variants stay separate facts for the
    conflicts stage to pair up.

    Args:
        quantities: quantities of all articles, in reading order (article by article).

    Returns:
        Facts ordered by first appearance; each carries the first mention's value and unit, every
        mention's span, and the distinct hedges used, in order.
    """
    firsts: list[Quantity] = []
    members: list[list[Quantity]] = []
    for q in quantities:
        for first, group in zip(firsts, members, strict=True):
            if compare(first, q) == "same":
                group.append(q)
                break
        else:
            firsts.append(q)
            members.append([q])
    return tuple(
        NumberFact(
            value=first.value,
            unit=first.unit,
            mentions=tuple(q.span for q in group),
            hedges=tuple(dict.fromkeys(q.hedge for q in group if q.hedge)),
        )
        for first, group in zip(firsts, members, strict=True)
    )
