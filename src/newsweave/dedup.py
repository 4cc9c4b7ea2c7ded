"""Syndication: find articles that carry the same text, and count independent sources.

Each article's cleaned text becomes a set of word 5-gram shingles and a MinHash sketch
(datasketch). An LSH index over the sketches proposes candidate pairs without comparing all pairs;
a candidate pair is a copy when the estimated *containment* (the share of the shorter article's
shingles found in the other) reaches :attr:`DedupOptions.threshold`. Containment rather than
Jaccard, because an outlet that runs a wire story often adds paragraphs of its own (seeds 003 and
004: Jaccard 0.41, containment 0.63; independent seed pairs stay below 0.14). Copies are grouped
transitively (union-find).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.config import DedupOptions
from newsweave.minhash import band_keys, lsh_params, signature
from newsweave.model import Article, SyndicationGroup
from newsweave.unionfind import DisjointSets

_TOKEN = re.compile(r"\w+", re.U)


def shingles(text: str, size: int = 5) -> set[bytes]:
    """Word ``size``-gram shingles of ``text`` (lower-cased ``\\w+`` tokens, so "300,000" and
    "300 000" shingle alike), as UTF-8 bytes ready for hashing."""
    words = _TOKEN.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class Sketch:
    """A compact, serialisable summary of one article for near-duplicate search.

    Attributes:
        article: the article id.
        size: number of distinct shingles.
        hashvalues: the MinHash signature (``num_perm`` unsigned 32-bit values, :mod:`newsweave.minhash`).
    """

    article: str
    size: int
    hashvalues: np.ndarray
    scheme: str = "affine32"

    def jaccard(self, other: Sketch) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        if len(self.hashvalues) != len(other.hashvalues) or self.scheme != other.scheme:
            raise ValueError("sketches made with different num_perm or scheme cannot be compared")
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / len(self.hashvalues)


def sketch(article: Article, *, options: DedupOptions | None = None) -> Sketch:
    """MinHash sketch of an article's cleaned text."""
    opts = options or DedupOptions()
    sh = shingles(article.text, opts.shingle_words)
    return Sketch(article.id, len(sh), signature(sh, opts.num_perm), "affine32")


def containment(a: Sketch, b: Sketch) -> float:
    """Estimated share of the smaller shingle set contained in the other, from the MinHash Jaccard."""
    if a.size == 0 or b.size == 0:
        return 0.0
    j = a.jaccard(b)
    inter = j * (a.size + b.size) / (1.0 + j)
    return min(1.0, inter / min(a.size, b.size))


def lsh_threshold(opts: DedupOptions) -> float:
    """The Jaccard threshold for LSH candidates, derived from the containment threshold.

    Two sets of equal size with containment ``c`` have Jaccard ``c / (2 - c)``; unequal sizes give
    less, so half of that keeps pairs up to about a 3:1 size ratio (an escape hatch:
    ``DedupOptions.lsh_threshold``).
    """
    if opts.lsh_threshold is not None:
        return opts.lsh_threshold
    c = opts.threshold
    return max(0.05, 0.5 * c / (2.0 - c))


def find_syndication(
    articles: Sequence[Article], *, options: DedupOptions | None = None
) -> tuple[SyndicationGroup, ...]:
    """Group articles that copy the same text.

    Args:
        articles: cleaned articles (unique ids).
        options: thresholds and sketch size.

    Returns:
        Groups of two or more articles, each sorted by id, ordered by their first member.
    """
    opts = options or DedupOptions()
    sketches = [sketch(a, options=opts) for a in articles]
    bands, rows = lsh_params(lsh_threshold(opts), opts.num_perm)
    buckets: dict[str, list[str]] = {}  # LSH: articles whose signatures share a band are candidates
    for s in sketches:
        if s.size:
            for key in band_keys(s.hashvalues, bands, rows):
                buckets.setdefault(key, []).append(s.article)
    candidates: dict[str, set[str]] = {}
    for members in buckets.values():
        for a in members:
            candidates.setdefault(a, set()).update(members)
    by_id = {s.article: s for s in sketches}
    sets = DisjointSets(s.article for s in sketches)

    weakest: dict[tuple[str, str], float] = {}
    for s in sketches:
        if not s.size:
            continue
        for other in sorted(candidates.get(s.article, ())):
            if other <= s.article:
                continue
            c = containment(s, by_id[other])
            if c >= opts.threshold:
                weakest[(s.article, other)] = c
                sets.union(s.article, other)
    out = []
    for members in sets.groups(s.article for s in sketches):
        if len(members) < 2:
            continue
        links = [c for (a, b), c in weakest.items() if a in members and b in members]
        out.append(SyndicationGroup(tuple(sorted(members)), round(min(links), 3) if links else 1.0))
    order = {a.id: i for i, a in enumerate(articles)}
    return tuple(sorted(out, key=lambda g: min(order[x] for x in g.articles)))


def origin_map(articles: Sequence[Article], groups: Sequence[SyndicationGroup]) -> dict[str, str]:
    """Map each article id to its independent origin: the group's first member, or itself."""
    origin = {a.id: a.id for a in articles}
    for g in groups:
        for member in g.articles:
            origin[member] = g.articles[0]
    return origin


def count_independent(article_ids: Sequence[str], origin: dict[str, str]) -> int:
    """Independent sources among ``article_ids``: copies of one text count once."""
    return len({origin.get(a, a) for a in article_ids})
