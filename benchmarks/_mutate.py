"""Text rewrites for the injection benchmark (``analysis.py``): a number changed to a clearly
different value written the same way, a day moved, in the words of the original."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection

# The changed value of a number: far outside any hedge's interval ("about" is +-10%, "nearly" -15%).
NUMBER_FACTOR = 1.4

# -- rewriting numbers ------------------------------------------------------------------------------

_DIGIT_RUN = re.compile(r"(?<![\w.,])\d(?:[\d,.\u00a0\u202f\u2009 ]*\d)?")
_UNITS_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split()
)
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_NUMBER = re.compile(
    r"(?i)\b(?:(?P<tens>" + "|".join(_TENS_WORDS) + r")(?:-(?P<ones>" + "|".join(_UNITS_WORDS[1:10]) + r"))?"
    r"|(?P<unit>" + "|".join(sorted(_UNITS_WORDS[2:], key=len, reverse=True)) + r"))\b"
)


def _words(n: int) -> str:
    if n < 20:
        return _UNITS_WORDS[n]
    tens, ones = divmod(n, 10)
    return _TENS_WORDS[tens - 2] + (f"-{_UNITS_WORDS[ones]}" if ones else "")


def _written(token: str) -> tuple[float, str, str, int] | None:
    """``(value, thousands separator, decimal mark, decimals)`` of digits as written, or ``None``."""
    marks = [c for c in token if not c.isdigit()]
    if not marks:
        return float(token), "", ".", 0
    kinds = list(dict.fromkeys(marks))
    if len(kinds) == 1:
        sep = kinds[0]
        parts = token.split(sep)
        grouped = len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])
        if grouped and (sep != "." or len(parts) > 2 or parts[1] == "000"):
            return float("".join(parts)), sep, "." if sep != "." else ",", 0
        if len(parts) == 2 and sep in ".,":
            return float(parts[0] + "." + parts[1]), "", sep, len(parts[1])
        return None
    if len(kinds) == 2 and kinds[1] in ".," and marks.count(kinds[1]) == 1:
        head, tail = token.rsplit(kinds[1], 1)
        groups = head.split(kinds[0])
        if len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            return float("".join(groups) + "." + tail), kinds[0], kinds[1], len(tail)
    return None


def _format(value: float, sep: str, mark: str, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"  # "1,234.5"
    return text.replace(",", "\0").replace(".", mark).replace("\0", sep)


def changed_number(text: str, quantity_value: float, avoid: Collection[float] = ()) -> tuple[int, int, str] | None:
    """Where to change the number written in ``text`` (a quantity's words) and the new digits or words.

    The value becomes :data:`NUMBER_FACTOR` times the old, rounded to the precision the original was
    written with (trailing zeros or decimals), in the same form (separators, decimal mark, words). It is
    moved on by one step while it equals a value in ``avoid`` (the other numbers of both sentences: a
    changed "two" must not become the "three" written next to it) or would read as a year.
    ``None`` for vague magnitudes ("thousands"), ranges and forms this does not rewrite.
    """

    def taken(v: float) -> bool:
        return any(math.isclose(v, a, rel_tol=1e-9) for a in avoid)

    runs = list(_DIGIT_RUN.finditer(text))
    if len(runs) == 1:
        m = runs[0]
        token = m.group().rstrip(" \u00a0\u202f\u2009,.")
        read = _written(token)
        if read is None or read[0] == 0:
            return None
        value, sep, mark, decimals = read
        ratio = quantity_value / value
        if not any(math.isclose(ratio, k, rel_tol=1e-6) for k in (1, 1e3, 1e5, 1e6, 1e7, 1e9, 1e12, 1e-6)):
            return None  # not the number the analysis read
        if decimals:
            step = 10.0**-decimals
        else:
            digits = token.translate({ord(c): None for c in ",. \u00a0\u202f\u2009"})
            zeros = len(digits) - len(digits.rstrip("0"))
            step = 10.0 ** min(zeros, len(digits) - 1)
        new = round(value * NUMBER_FACTOR / step) * step
        if math.isclose(new, value):
            new = value + step
        while taken(new * ratio) or (not sep and not decimals and 1800 <= new <= 2100 and not 1800 <= value <= 2100):
            new += step
        if not sep and not decimals:
            new_text = str(int(round(new)))
        else:
            new_text = _format(new, sep, mark, decimals)
        return m.start(), m.start() + len(token), new_text
    if runs:
        return None  # a range or two numbers: ambiguous
    w = _WORD_NUMBER.search(text)
    if w is None:
        return None
    word = w.group().lower()
    if w.group("tens"):
        value = 10 * (_TENS_WORDS.index(w.group("tens").lower()) + 2)
        value += _UNITS_WORDS.index(w.group("ones").lower()) if w.group("ones") else 0
    else:
        value = _UNITS_WORDS.index(word)
    new = max(value + 1, round(value * NUMBER_FACTOR))
    while taken(new * quantity_value / value):
        new += 1
    if new > 99:
        return None
    new_text = _words(new)
    if w.group()[:1].isupper():
        new_text = new_text[:1].upper() + new_text[1:]
    return w.start(), w.end(), new_text


# -- rewriting dates --------------------------------------------------------------------------------

_WEEKDAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAY_NAMES) + r")\b", re.I)
_DAY_SWAPS = {"today": "yesterday", "yesterday": "today", "tonight": "last night", "last night": "tonight"}
_DAY_WORD = re.compile(r"(?i)\b(?:" + "|".join(_DAY_SWAPS) + r")\b")
_DAY_NUMBER = re.compile(r"(?<![\d.,:/-])(\d{1,2})(st|nd|rd|th)?(?![\d:/])")
_ISO = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")


def _same_case(word: str, like: str) -> str:
    """``word`` written in the case of ``like`` ("THURSDAY", "Thursday", "thursday")."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:].lower() if like[:1].isupper() else word.lower()


def _ordinal(n: int) -> str:
    return "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _other_day(day: int, year: int, month: int) -> int:
    """A clearly different day of the same month: +10 up to the 18th, else -9 (21 -> 12, 9 -> 19)."""
    for new in (day + 10 if day <= 18 else day - 9, day - 9, day + 5):
        try:
            dt.date(year, month, new)
            return new
        except ValueError:
            continue
    return 1 if day != 1 else 2


def changed_date(expression: str, date: str) -> tuple[int, int, str, str] | None:
    """Where to change a day-precise date expression, the new words, and the kind of change.

    Returns ``(start, end, new words, subtype)`` relative to the expression, or ``None`` when the
    expression is not one of the forms rewritten (day of month, ISO date, English weekday, today /
    yesterday / tonight / last night).
    """
    if len(date) != 10:
        return None
    year, month, day = (int(x) for x in date.split("-"))
    if m := _ISO.search(expression):
        new = _other_day(day, year, month)
        return m.start(3), m.end(3), f"{new:02d}", "day of month"
    days = [m for m in _DAY_NUMBER.finditer(expression) if int(m.group(1)) == day]
    if days:  # "Thursday, May 2, 2013": the day of month is what dates it
        m = days[0]
        new = _other_day(day, year, month)
        suffix = _ordinal(new) if m.group(2) else ""
        return m.start(), m.end(), f"{new}{suffix}", "day of month"
    if m := _WEEKDAY.search(expression):
        old = m.group(1)
        i = [w.lower() for w in _WEEKDAY_NAMES].index(old.lower())
        return m.start(1), m.end(1), _same_case(_WEEKDAY_NAMES[(i + 4) % 7], old), "weekday"
    if m := _DAY_WORD.search(expression):
        word = m.group()
        new_word = _DAY_SWAPS[word.lower()]
        return m.start(), m.end(), _same_case(new_word, word), "relative day"
    return None
