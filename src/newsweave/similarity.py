"""Lexical similarity of sentences across outlets: content words, numbers written alike.

Two outlets rarely write a sentence the same way: one says "300,000", another "300 000"; one
"mobilisation", another "mobilization"; a translation reorders the words. Sentences are compared as
sets of *content terms*: lower-cased words without stop words, crude suffix-stripped so that
"soldiers"/"soldier" and "mobilisation"/"mobilization" meet, and numbers with their thousands
separators removed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsweave.clean.lines import stopwords

_NUMBER_GROUPS = re.compile(r"(?<=\d)[ ,.\u00a0\u202f'](?=\d{3}\b)")
_TERM = re.compile(r"\w+", re.U)
_SUFFIXES = ("ations", "ation", "isation", "ization", "ings", "ing", "ies", "ied", "es", "ed", "s", "ly")


def normalize_numbers(text: str) -> str:
    """``"300,000"``, ``"300 000"`` and ``"300.000"`` all become ``"300000"``."""
    return _NUMBER_GROUPS.sub("", text)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem ("received" -> "receiv", "falling" -> "fall"), the one every comparison uses."""
    w = word.replace("isat", "izat").replace("ise", "ize") if len(word) > 6 else word
    for suffix in _SUFFIXES:
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def stemmed_words(text: str) -> list[str]:
    """Every word of ``text``, lower-cased and stemmed, numbers normalised, in order."""
    return [stem(w) for w in _TERM.findall(normalize_numbers(text).lower())]


def content_terms(text: str, language: str = "en") -> frozenset[str]:
    """Stemmed content words and normalised numbers of ``text``."""
    stop = stopwords(language)
    words = _TERM.findall(normalize_numbers(text).lower())
    return frozenset(stem(w) for w in words if (w not in stop and len(w) > 1) or w.isdigit())


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two term sets (0 when both are empty)."""
    if not a or not b:
        return 0.0
    return 2.0 * len(a & b) / (len(a) + len(b))
