"""Cross-document evidence: a story glued onto the end of an article is ``offtopic``.

Scraped pages often carry a second, unrelated story after the body (a "read next" article pulled in
whole). Alone, an article cannot tell; with the other articles of the story it can: the body is
about what they are about, the glued story is not. For each article, every paragraph gets a
*support*: the TF-IDF cosine between the paragraph and each other article, at best. A trailing
block that starts at a heading-like paragraph (no final punctuation, short), after at least
``MIN_BODY_SHARE`` of the body, and whose mean support is below ``MAX_SUPPORT_RATIO`` times that of
the paragraphs before it, is removed as ``offtopic``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from newsweave.clean.lines import END_PUNCT, stopwords
from newsweave.clean.text import Cleaned
from newsweave.model import Removed

_WORD = re.compile(r"\w+")
# Calibrated on the seeds: seed 003's appended story scores 0.08 mean support against a body of 0.31
# (ratio 0.26); the genuine last paragraphs of seed 002 score 0.06–0.18 but have no heading, and
# no body tail in the five seeds falls below 0.5 of its body's support at a heading.
MAX_SUPPORT_RATIO = 0.5
MIN_BODY_SHARE = 0.4
MIN_BLOCK_PARAGRAPHS = 3
MAX_HEADING_WORDS = 20


def _tokens(text: str, stop: frozenset[str]) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in stop]


def _vector(tokens: list[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(tokens)
    vec = {w: n * idf.get(w, 1.0) for w, n in counts.items()}
    norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
    return {w: x / norm for w, x in vec.items()}


def mark_offtopic(cleaned: dict[str, Cleaned]) -> dict[str, Cleaned]:
    """Move trailing blocks that the other articles do not support to ``removed`` as ``offtopic``.

    Args:
        cleaned: cleaned articles of one story, by id (at least two are needed for evidence).

    Returns:
        The same mapping, with changed entries replaced.
    """
    if len(cleaned) < 2:
        return cleaned
    ids = list(cleaned)
    paragraphs = {i: [_tokens(p, stopwords(cleaned[i].language)) for p in cleaned[i].paragraphs] for i in ids}
    df: Counter[str] = Counter()
    n_par = 0
    for toks in paragraphs.values():
        for t in toks:
            df.update(set(t))
            n_par += 1
    idf = {w: math.log((n_par + 1) / (c + 1)) + 1.0 for w, c in df.items()}
    whole = {i: _vector([w for t in paragraphs[i] for w in t], idf) for i in ids}

    # Only an article with a heading where a glued story could start needs its paragraphs' support;
    # each of those is compared with every other article in one sparse product (vectors built once).
    candidates = [i for i in ids if _may_cut(cleaned[i].paragraphs)]
    supports = _supports(candidates, ids, paragraphs, whole, idf)
    out = dict(cleaned)
    for i in candidates:
        doc = cleaned[i]
        cut = _find_cut(doc.paragraphs, supports[i])
        if cut is None:
            continue
        moved = tuple(Removed(p, "offtopic", "another story appended after the body") for p in doc.paragraphs[cut:])
        out[i] = Cleaned(
            paragraphs=doc.paragraphs[:cut],
            removed=doc.removed + moved,
            title=doc.title,
            published=doc.published,
            language=doc.language,
            machine_translated=doc.machine_translated,
            outlet=doc.outlet,
        )
    return out


# Up to this many cells (articles x words of the story), the paragraph/article cosines are computed
# with dense numpy arrays; above, with scipy's sparse matrices.
DENSE_CELLS = 2_000_000


def _supports(
    candidates: list[str],
    ids: list[str],
    paragraphs: dict[str, list[list[str]]],
    whole: dict[str, dict[str, float]],
    idf: dict[str, float],
) -> dict[str, list[float]]:
    """For each candidate article, each paragraph's support: its best cosine with another article."""
    if not candidates:
        return {}
    import numpy as np

    vocab: dict[str, int] = {}

    def matrix(vectors: list[dict[str, float]]) -> tuple[list[int], list[int], list[float]]:
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for r, vec in enumerate(vectors):
            for w, x in vec.items():
                rows.append(r)
                cols.append(vocab.setdefault(w, len(vocab)))
                vals.append(x)
        return rows, cols, vals

    whole_parts = matrix([whole[j] for j in ids])
    para_vectors = {i: [_vector(t, idf) for t in paragraphs[i]] for i in candidates}
    para_parts = {i: matrix(para_vectors[i]) for i in candidates}
    n = len(vocab)
    if len(ids) * n <= DENSE_CELLS:
        # a small story: dense numpy, which spares the process scipy.sparse's import (about 0.1 s)
        def build(parts: tuple[list[int], list[int], list[float]], shape: tuple[int, int]) -> Any:
            m = np.zeros(shape)
            np.add.at(m, (np.asarray(parts[0], dtype=int), np.asarray(parts[1], dtype=int)), parts[2])
            return m
    else:
        from scipy.sparse import csr_matrix

        def build(parts: tuple[list[int], list[int], list[float]], shape: tuple[int, int]) -> Any:
            return csr_matrix((parts[2], (parts[0], parts[1])), shape=shape)

    articles = build(whole_parts, (len(ids), n))
    column = {j: k for k, j in enumerate(ids)}
    out: dict[str, list[float]] = {}
    for i in candidates:
        paras = build(para_parts[i], (len(paragraphs[i]), n))
        product = paras @ articles.T
        sims = np.asarray(product.toarray() if hasattr(product, "toarray") else product, dtype=float)
        sims[:, column[i]] = -np.inf  # not the article itself
        out[i] = [float(x) for x in sims.max(axis=1)] if sims.shape[0] else []
    return out


def _may_cut(paragraphs: tuple[str, ...]) -> bool:
    """Whether :func:`_find_cut` could cut anywhere, whatever the support: a heading-like paragraph
    after ``MIN_BODY_SHARE`` of the words, with ``MIN_BLOCK_PARAGRAPHS`` from it to the end."""
    words = [len(_WORD.findall(p)) for p in paragraphs]
    total = sum(words) or 1
    before = 0
    for k, para in enumerate(paragraphs):
        share = before / total
        before += words[k]
        if k == 0 or share < MIN_BODY_SHARE or len(paragraphs) - k < MIN_BLOCK_PARAGRAPHS:
            continue
        if not END_PUNCT.search(para) and words[k] <= MAX_HEADING_WORDS:
            return True
    return False


def _find_cut(paragraphs: tuple[str, ...], support: list[float]) -> int | None:
    """Index of the heading that starts an unsupported trailing block, or ``None``."""
    words = [len(_WORD.findall(p)) for p in paragraphs]
    total = sum(words) or 1
    before = 0
    best: tuple[float, int] | None = None
    for k, para in enumerate(paragraphs):
        share = before / total
        before += words[k]
        if k == 0 or share < MIN_BODY_SHARE or len(paragraphs) - k < MIN_BLOCK_PARAGRAPHS:
            continue
        if END_PUNCT.search(para) or words[k] > MAX_HEADING_WORDS:
            continue
        head = sum(support[:k]) / k
        tail = sum(support[k:]) / (len(support) - k)
        if head > 0 and tail < MAX_SUPPORT_RATIO * head:
            ratio = tail / head
            if best is None or ratio < best[0]:
                best = (ratio, k)
    return best[1] if best else None
