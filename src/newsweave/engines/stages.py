"""The batch stages as plain functions over partitions: every engine (local, Dask) runs exactly these.

1. :func:`clean_partition`: read a partition of files, clean each document, sketch it (MinHash), hash
   its text, and on workers read its names.
2. :func:`band_ids`: the LSH bands of every signature as ints (copies share a band), then
   :func:`bucket_codes` every pair of rows that share one, each pair once as one int, on whole matrices
   (:func:`band_keys` and :func:`pair_codes` bucket by bucket: the shuffle across workers, and the
   reference the vectorised pair is tested against); :func:`confirm` keeps the pairs whose estimated
   containment reaches the threshold, with it.
4. :func:`origins`: each article's origin, that of its closest earlier copy among the confirmed pairs
   whose names it carries (:func:`names_of`; a template reused for another event is not a copy).
5. :func:`prepare_partition` (on an engine with workers): what the clusterer reads of each article
   that is not a near-copy (:meth:`newsweave.cluster.StoryClusterer.prepare`: words, names, numbers,
   its own sketch; about 60% of the clustering work, none of which depends on the stream).
6. :func:`assign_stories`: the incremental clusterer over the articles in date order; a near-copy
   joins its origin's story without being clustered again (near-duplicates collapsed first).

Steps 1, 2 and 5 are embarrassingly parallel (2 after a shuffle by band key, or in the client for a slice
below :data:`~newsweave.engines.dask_engine.SHUFFLE_FROM`); 4 and 6 run where the results
meet, over small records (ids, dates, and the clusterer's inputs), so their output does not depend on
how the work was partitioned: any engine gives the same stories for the same input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from newsweave.clean import clean_documents
from newsweave.cluster import ClusterOptions, Prepared, StoryClusterer, StoryItem, prepare
from newsweave.cluster.reading import copy_names, names_agree
from newsweave.config import DedupOptions, Options
from newsweave.dedup import Sketch, containment, lsh_threshold, sketch
from newsweave.ingest import read_file
from newsweave.minhash import band_keys as signature_bands
from newsweave.minhash import lsh_params
from newsweave.model import Article, Document, Rejected
from newsweave.store.base import article_id, text_sha256


@dataclass(frozen=True)
class Cleaned:
    """One input after step 1: its document, and its article, sketch, text hash
    (:func:`newsweave.store.base.text_sha256`) and names (:func:`newsweave.cluster.reading.copy_names`)
    or why it was rejected."""

    document: Document | None
    article: Article | None
    sketch: Sketch | None
    rejected: Rejected | None = None
    text_sha256: str | None = None
    names: frozenset[str] | None = None  # None: not read here (see clean_partition)


def clean_partition(paths: Sequence[str], options: Options, language: str | None = None) -> list[Cleaned]:
    """Read and clean every input of the files in ``paths``; sketch each article, and with a
    ``language`` (the clusterer's stop words) read its names (on workers; in the client, only those of
    the articles with a near-duplicate are read, :func:`names_of`)."""
    out: list[Cleaned] = []
    for path in paths:
        for item in read_file(Path(path), options=options.ingest):
            if isinstance(item, Rejected):
                out.append(Cleaned(None, None, None, item))
                continue
            doc = replace(item, id=article_id(item.sha256))
            articles, no_body = clean_documents([doc], options=options.clean)
            if no_body:
                out.append(Cleaned(doc, None, None, no_body[0]))
                continue
            # The content is in the article (cleaned) and in ``raw`` (as read): not shipped a third time.
            article = articles[0]
            out.append(
                Cleaned(
                    replace(doc, content=""),
                    article,
                    sketch(article, options=options.dedup),
                    text_sha256=text_sha256(article),
                    names=copy_names(story_item(article), language) if language else None,
                )
            )
    return out


def lsh_shape(options: DedupOptions) -> tuple[int, int]:
    """(bands, rows per band) for the dedup threshold, as datasketch chooses them."""
    return lsh_params(lsh_threshold(options), options.num_perm)


def band_keys(s: Sketch, bands: int, rows: int) -> list[str]:
    """The LSH keys of a sketch, one per band: two sketches sharing a key are candidate copies."""
    return signature_bands(s.hashvalues, bands, rows) if s.size else []


def ranked(sketches: Iterable[Sketch]) -> list[Sketch]:
    """The sketches in id order, once each: the numbering :func:`pair_codes` and :func:`confirm` use."""
    return sorted({s.article: s for s in sketches}.values(), key=lambda s: s.article)


def signatures(ordered: Sequence[Sketch]) -> tuple[np.ndarray, np.ndarray]:
    """The signatures of :func:`ranked` sketches as one matrix (a row each), and their sizes.

    Raises:
        ValueError: the sketches were made with different numbers of permutations or schemes.
    """
    if len({(len(s.hashvalues), s.scheme) for s in ordered}) > 1:
        raise ValueError("sketches made with different num_perm or scheme cannot be compared")
    if not ordered:
        return np.zeros((0, 0), dtype=np.uint64), np.zeros(0, dtype=np.int64)
    return np.stack([np.asarray(s.hashvalues, dtype=np.uint64) for s in ordered]), np.array(
        [s.size for s in ordered], dtype=np.int64
    )


def band_ids(matrix: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One int per band of each signature (a row of :func:`signatures`), ``n x bands``: two signatures
    share band ``k`` when their ids in column ``k`` are equal. Values are 32-bit, so a band of one or
    two rows is packed exactly; a longer band is folded into 64 bits (FNV-1a style: a collision only
    adds a candidate that :func:`confirm` weighs like any other)."""
    n = matrix.shape[0]
    v = matrix[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    if rows <= 2:
        return (v[:, :, 0] << np.uint64(32)) | (v[:, :, 1] if rows == 2 else np.uint64(0))
    out = np.full((n, bands), 0xCBF29CE484222325, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(rows):
            out = (out ^ v[:, :, r]) * np.uint64(0x100000001B3)
    return out


def bucket_codes(ids: np.ndarray, members: np.ndarray | None = None) -> np.ndarray:
    """Every pair of rows that share a band (:func:`band_ids`), each once, as ``i * n + j`` (``i < j``,
    ``n`` rows), sorted. ``members`` (booleans) leaves the other rows out (an empty text has no copies).

    Vectorised per band: the column is sorted, and the pairs at distance 1, 2, ... inside runs of equal
    ids are taken together until no run is that long (the work is the number of pairs, not n squared).
    """
    n = ids.shape[0]
    rows = np.arange(n, dtype=np.int64) if members is None else np.nonzero(members)[0].astype(np.int64)
    found: list[np.ndarray] = []
    for k in range(ids.shape[1]):
        col = ids[rows, k]
        order = np.argsort(col, kind="stable")
        sorted_ids, who = col[order], rows[order]
        same = sorted_ids[1:] == sorted_ids[:-1]  # same[p]: positions p and p + 1 hold one band
        at = np.nonzero(same)[0]
        d = 1
        while at.size:
            i, j = who[at], who[at + d]
            found.append(np.minimum(i, j) * n + np.maximum(i, j))
            d += 1
            at = at[at + d - 1 < same.size]
            at = at[same[at + d - 1]]  # still inside the run at distance d
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def pair_codes(members: Iterable[int], n: int) -> list[int]:
    """Every pair of distinct members of one band bucket (numbers of :func:`ranked` sketches, ``n`` of
    them), each as one int ``i * n + j`` with ``i < j``: a pair costs 28 bytes in a set and in the
    shuffle, not a tuple of two ids."""
    unique = sorted(set(members))
    return [i * n + j for x, i in enumerate(unique) for j in unique[x + 1 :]]


# Pairs weighed at once by :func:`confirm`: two rows of 128 64-bit values each, about 33 MB.
CONFIRM_CHUNK = 1 << 14


def confirm(
    codes: Iterable[int] | np.ndarray,
    ordered: Sequence[Sketch],
    threshold: float,
    signed: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[tuple[str, str], float]:
    """The pairs (codes of :func:`pair_codes` or :func:`bucket_codes`, each once) whose estimated
    containment (:func:`newsweave.dedup.containment`, the same arithmetic, vectorised) reaches
    ``threshold``: (id, id) in id order -> containment. ``signed``: their :func:`signatures`, if made."""
    n = len(ordered)
    codes = np.fromiter(codes, dtype=np.int64) if not isinstance(codes, np.ndarray) else codes.astype(np.int64)
    matrix, sizes = signed if signed is not None else signatures(ordered)
    out: dict[tuple[str, str], float] = {}
    for start in range(0, codes.size, CONFIRM_CHUNK):
        i, j = np.divmod(codes[start : start + CONFIRM_CHUNK], n)
        jac = np.count_nonzero(matrix[i] == matrix[j], axis=1) / matrix.shape[1]
        si, sj = sizes[i], sizes[j]
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.minimum(1.0, jac * (si + sj) / (1.0 + jac) / np.minimum(si, sj))
        score[(si == 0) | (sj == 0)] = 0.0
        for x in np.nonzero(score >= threshold)[0].tolist():
            out[(ordered[i[x]].article, ordered[j[x]].article)] = float(score[x])
    return out


def origins(
    ids: Iterable[str],
    pairs: Iterable[tuple[str, str]] | Mapping[tuple[str, str], float],
    order: Mapping[str, tuple[str, str]],
    sketches: Mapping[str, Sketch] | None = None,
    minimum: float = 0.0,
    names: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, str]:
    """Each article's origin: the origin of the earlier article (by ``order``: date, id) of its pairs
    that holds most of it (estimated containment: the values of ``pairs`` when it maps each pair to
    it, as :func:`confirm` does, else from ``sketches``; ties to the earliest), if that containment
    reaches ``minimum``; else itself.

    Not the first member of a transitive group: in a slice of 100,000 articles, pairs chain reports of
    different events written from one template (a renamed wire story, a results table) into groups of
    thousands, and every member joined the first one's story (B-cubed F1 0.59 at 20,000 generated
    articles, 0.21 at 50,000). Each article follows its closest copy, as the clusterer's own near-copy
    check does (with its ``duplicate_threshold`` as ``minimum``).
    """
    best: dict[str, tuple[float, tuple[str, str], str]] = {}
    scored = pairs if isinstance(pairs, Mapping) else None
    for a, b in pairs:
        first, later = (a, b) if order[a] <= order[b] else (b, a)
        if scored is not None:
            score = scored[(a, b)]
        else:
            score = containment(sketches[a], sketches[b]) if sketches is not None else 1.0
        if score < minimum or (names is not None and not names_agree(names.get(a, _NONE), names.get(b, _NONE))):
            continue
        held = best.get(later)
        if held is None or score > held[0] or (score == held[0] and order[first] < held[1]):
            best[later] = (score, order[first], first)
    out: dict[str, str] = {}
    for i in sorted(set(ids) | set(best), key=order.__getitem__):
        out[i] = out[best[i][2]] if i in best else i
    return out


_NONE: frozenset[str] = frozenset()


def names_of(cleaned: Iterable[Cleaned], pairs: Iterable[tuple[str, str]], language: str) -> dict[str, frozenset[str]]:
    """The names of the articles in ``pairs`` (:func:`~newsweave.cluster.reading.copy_names`), those
    :func:`clean_partition` read, the others read now."""
    wanted = {x for pair in pairs for x in pair}
    return {
        c.article.id: c.names if c.names is not None else copy_names(story_item(c.article), language)
        for c in cleaned
        if c.article is not None and c.article.id in wanted
    }


def story_item(article: Article) -> StoryItem:
    """What the clusterer sees of an article."""
    return StoryItem(article.id, article.title or "", article.text, article.published)


def prepare_partition(items: Sequence[StoryItem], language: str) -> list[Prepared]:
    """The clusterer's input for each item, prepared for a clusterer of ``language``."""
    return [prepare(item, language) for item in items]


def stream_key(article: Article) -> tuple[str, str]:
    """The order articles are clustered in: publication date (undated first), then id."""
    return (article.published or "", article.id)


def assign_stories(
    articles: Sequence[Article],
    origin: Mapping[str, str],
    *,
    options: ClusterOptions | None = None,
    clusterer: StoryClusterer | None = None,
    prepared: Mapping[str, Prepared] | None = None,
) -> tuple[dict[str, str], StoryClusterer]:
    """Stories for ``articles`` (clustered in :func:`stream_key` order); near-copies join their origin's.

    Args:
        articles: the articles.
        origin: article id -> its near-duplicate group's first member.
        options: the clusterer's options when no ``clusterer`` is given.
        clusterer: a clusterer to continue (a store's, restored).
        prepared: article id -> its input from :func:`prepare_partition` (for this clusterer's language);
            an article without one is prepared here.

    Returns:
        Article id -> story id, and the clusterer (to save its state).
    """
    clusterer = clusterer or StoryClusterer(options)
    copies: dict[str, str] = {}
    added: dict[str, str] = {}
    for art in sorted(articles, key=stream_key):
        first = origin.get(art.id, art.id)
        if first != art.id:
            copies[art.id] = first
            continue
        ready = prepared.get(art.id) if prepared else None
        added[art.id] = clusterer.add(ready if ready is not None else story_item(art))

    def story(article_id: str) -> str:
        # the story now; for one that has closed since (a clusterer that forgets closed stories), the
        # story it joined: the merges and splits it reports since then move the article on
        try:
            return clusterer.story_of(article_id)
        except KeyError:
            return added[article_id]

    return {a.id: story(copies.get(a.id, a.id)) for a in articles}, clusterer
