"""Sparse vectors of the story clusterer (term -> weight dicts, and the packed form a story keeps of its
recent articles), their products, and the two-group ratio and spectral cut its split and repair decide
with (:mod:`newsweave.cluster.stream`)."""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator, Sequence

import numpy as np

Vector = dict[str, float]


class Packed:
    """A sparse vector as a tuple of terms and an array of their weights: what a story keeps of each of its
    recent articles (under half a dict's memory: at 100,000 generated articles with 5,751 open stories,
    the clusterer grew by 328 MB instead of 420). Read like a dict's ``items()``, ``values()`` and ``len``;
    the weights are the same doubles."""

    __slots__ = ("terms", "weights")

    def __init__(self, vec: Vector) -> None:
        self.terms = tuple(vec)
        self.weights = array("d", vec.values())

    @classmethod
    def of(cls, vec: Vector | Packed) -> Packed:
        return vec if isinstance(vec, Packed) else cls(vec)

    def __len__(self) -> int:
        return len(self.terms)

    def items(self) -> Iterator[tuple[str, float]]:
        return zip(self.terms, self.weights, strict=True)

    def values(self) -> array:
        return self.weights

    def dot(self, other: Vector) -> float:
        """The dot product with a dict vector (exactly :func:`dot`'s: the same products, summed exactly)."""
        return math.fsum(w * other[t] for t, w in zip(self.terms, self.weights, strict=True) if t in other)


def unit(vec: Vector | Packed) -> Vector:
    """The vector over its Euclidean norm, as a dict (empty for a zero vector)."""
    norm = math.sqrt(sum(x * x for x in vec.values()))
    return {t: x / norm for t, x in vec.items()} if norm else {}


def dot(a: Vector, b: Vector) -> float:
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())  # exact: the set order does not matter


def gram(vectors: Sequence[Vector | Packed]) -> np.ndarray:
    """Dot products of sparse vectors, two by two, with a zero diagonal."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, vec in enumerate(vectors):
        for t, w in vec.items():
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
            vals.append(w)
    matrix = np.zeros((len(vectors), max(len(vocab), 1)))
    matrix[rows, cols] = vals
    out = matrix @ matrix.T
    np.fill_diagonal(out, 0.0)
    return out


def by_mean(similarity: np.ndarray) -> np.ndarray:
    """A similarity matrix (zero diagonal) over its mean off the diagonal (unchanged when that is 0)."""
    n = len(similarity)
    mean = float(similarity.sum()) / (n * (n - 1))
    return similarity / mean if mean > 1e-12 else similarity


def ratio(cross: float, n1: int, c1: float | None, n2: int, c2: float | None) -> float | None:
    """Mean cross cosine of two groups (``cross``: the sum over their pairs) over the geometric mean of
    their coherences (one article: the other group's coherence stands in)."""
    a, b = (c1 if c1 is not None else c2), (c2 if c2 is not None else c1)
    if a is None or b is None or a <= 0 or b <= 0:
        return None
    return cross / (n1 * n2) / math.sqrt(a * b)


def spectral_cut(similarity: np.ndarray, limit: float, smallest: int) -> set[int] | None:
    """The rows on one side of the cut of a similarity matrix (zero diagonal) along its Fiedler vector
    (spectral bisection) with the lowest :func:`ratio`, when below ``limit``; each side at least
    ``smallest`` rows."""
    n = len(similarity)
    degree = similarity.sum(axis=1)
    if (degree <= 1e-12).any():
        return None  # a row sharing nothing with the rest: nothing to order it by
    scale = 1 / np.sqrt(degree)
    _, vectors = np.linalg.eigh(np.eye(n) - scale[:, None] * similarity * scale[None, :])
    order = np.argsort(scale * vectors[:, 1], kind="stable")
    ranked = similarity[np.ix_(order, order)]
    inner = ranked.cumsum(axis=0).cumsum(axis=1)  # inner[k-1, k-1]: the first k rows' pair sums
    total = float(inner[-1, -1])
    best: tuple[float, int] | None = None
    for k in range(smallest, n - smallest + 1):
        left = float(inner[k - 1, k - 1])
        cross = float(inner[k - 1, -1]) - left
        right = total - left - 2 * cross
        m = n - k
        r = ratio(cross, k, left / (k * (k - 1)), m, right / (m * (m - 1)))
        if r is not None and r < limit and (best is None or r < best[0]):
            best = (r, k)
    return None if best is None else {int(i) for i in order[: best[1]]}
