"""Lexical similarity of sentences across outlets: content words, numbers written alike.

Two outlets rarely write a sentence the same way: one says "300,000", another "300 000"; one
"mobilisation", another "mobilization"; a translation reorders the words. Sentences are compared as
sets of *content terms*: lower-cased words without stop words, crude suffix-stripped so that
"soldiers"/"soldier" and "mobilisation"/"mobilization" meet, and numbers with their thousands
separators removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

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


# Up to this many cells (sets x distinct terms), :func:`dice_neighbours` multiplies dense numpy
# arrays; above, scipy's sparse matrices (whose import a small story is spared).
DENSE_CELLS = 2_000_000


def dice_neighbours(
    sets: Sequence[frozenset[str]], minimum: float, *, block: int = 512
) -> list[list[tuple[float, int]]]:
    """For each set, every other set whose :func:`dice` with it is at least ``minimum``.

    The intersections of all pairs come from one matrix product (by blocks of ``block`` rows, so that
    memory stays ``block`` x ``len(sets)``), not from a set operation per pair; each value returned is
    the one :func:`dice` gives.

    Args:
        sets: term sets (as :func:`content_terms` gives).
        minimum: the least Dice coefficient kept (above 0).
        block: rows multiplied at a time.

    Returns:
        For each set, in order, ``[(dice, index of the other set), …]`` in index order.
    """
    import numpy as np

    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, terms in enumerate(sets):
        for t in terms:
            rows.append(r)
            cols.append(vocab.setdefault(t, len(vocab)))
    n = len(sets)
    out: list[list[tuple[float, int]]] = [[] for _ in range(n)]
    if n < 2 or not vocab:
        return out
    sizes = np.fromiter((len(s) for s in sets), dtype=float, count=n)
    shape = (n, len(vocab))
    if n * len(vocab) <= DENSE_CELLS:
        matrix: Any = np.zeros(shape)
        matrix[np.asarray(rows, dtype=int), np.asarray(cols, dtype=int)] = 1.0
        transposed: Any = matrix.T
    else:
        from scipy.sparse import csr_matrix

        matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
        transposed = matrix.T.tocsc()
    for lo in range(0, n, block):
        product = matrix[lo : lo + block] @ transposed
        shared = np.asarray(product.toarray() if hasattr(product, "toarray") else product)
        with np.errstate(divide="ignore", invalid="ignore"):
            approx = 2.0 * shared / (sizes[lo : lo + block, None] + sizes[None, :])
        # a hair below the minimum, then the exact value: the float of a product and of a set operation
        # may differ in the last bit
        for r, c in zip(*np.nonzero(approx >= minimum - 1e-9), strict=True):
            i, j = lo + int(r), int(c)
            if i != j:
                value = dice(sets[i], sets[j])
                if value >= minimum:
                    out[i].append((value, j))
    return out
