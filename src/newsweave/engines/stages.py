"""The batch stages as plain functions over partitions: every engine (local, Dask) runs exactly these.

1. :func:`clean_partition`: read a partition of files, clean each document, sketch it (MinHash).
2. :func:`band_keys`: the LSH band keys of a sketch (the shuffle key: copies share a band).
3. :func:`pair_codes`: the pairs of one band bucket, one int each (only numbers travel in the shuffle),
   each pair once, then :func:`confirm` keeps those whose estimated containment reaches the threshold.
4. :func:`origins`: each article's origin, that of its closest earlier copy among the confirmed pairs.
5. :func:`prepare_partition` (on an engine with workers): what the clusterer reads of each article
   that is not a near-copy (:meth:`newsweave.cluster.StoryClusterer.prepare`: words, names, numbers,
   its own sketch; about 60% of the clustering work, none of which depends on the stream).
6. :func:`assign_stories`: the incremental clusterer over the articles in date order; a near-copy
   joins its origin's story without being clustered again (near-duplicates collapsed first).

Steps 1-3 and 5 are embarrassingly parallel (3 after a shuffle by band key, or in the client for a slice
below :data:`~newsweave.engines.dask_engine.SHUFFLE_FROM`); 4 and 6 run where the results
meet, over small records (ids, dates, and the clusterer's inputs), so their output does not depend on
how the work was partitioned: any engine gives the same stories for the same input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newsweave.clean import clean_documents
from newsweave.cluster import ClusterOptions, Prepared, StoryClusterer, StoryItem, prepare
from newsweave.config import DedupOptions, Options
from newsweave.dedup import Sketch, containment, lsh_threshold, sketch
from newsweave.ingest import read_file
from newsweave.minhash import band_keys as signature_bands
from newsweave.minhash import lsh_params
from newsweave.model import Article, Document, Rejected
from newsweave.store.base import article_id


@dataclass(frozen=True)
class Cleaned:
    """One input after step 1: its document, and its article and sketch or why it was rejected."""

    document: Document | None
    article: Article | None
    sketch: Sketch | None
    rejected: Rejected | None = None


def clean_partition(paths: Sequence[str], options: Options) -> list[Cleaned]:
    """Read and clean every input of the files in ``paths``; sketch each article."""
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
            out.append(Cleaned(replace(doc, content=""), articles[0], sketch(articles[0], options=options.dedup)))
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


def pair_codes(members: Iterable[int], n: int) -> list[int]:
    """Every pair of distinct members of one band bucket (numbers of :func:`ranked` sketches, ``n`` of
    them), each as one int ``i * n + j`` with ``i < j``: a pair costs 28 bytes in a set and in the
    shuffle, not a tuple of two ids (a slice of 20,000 generated articles meets 3.3 million pair-bands,
    655,000 distinct pairs)."""
    unique = sorted(set(members))
    return [i * n + j for x, i in enumerate(unique) for j in unique[x + 1 :]]


def confirm(codes: Iterable[int], ordered: Sequence[Sketch], threshold: float) -> set[tuple[str, str]]:
    """The pairs (:func:`pair_codes`, each once) whose estimated containment reaches ``threshold``, as
    (id, id) in id order."""
    n = len(ordered)
    out: set[tuple[str, str]] = set()
    for code in codes:
        i, j = divmod(code, n)
        if containment(ordered[i], ordered[j]) >= threshold:
            out.add((ordered[i].article, ordered[j].article))
    return out


def origins(
    ids: Iterable[str],
    pairs: Iterable[tuple[str, str]],
    order: Mapping[str, tuple[str, str]],
    sketches: Mapping[str, Sketch] | None = None,
    minimum: float = 0.0,
) -> dict[str, str]:
    """Each article's origin: the origin of the earlier article (by ``order``: date, id) of its pairs
    that holds most of it (estimated containment, from ``sketches``; ties to the earliest), if that
    containment reaches ``minimum``; else itself.

    Not the first member of a transitive group: in a slice of 100,000 articles, pairs chain reports of
    different events written from one template (a renamed wire story, a results table) into groups of
    thousands, and every member joined the first one's story (B-cubed F1 0.59 at 20,000 generated
    articles, 0.21 at 50,000). Each article follows its closest copy, as the clusterer's own near-copy
    check does (with its ``duplicate_threshold`` as ``minimum``).
    """
    best: dict[str, tuple[float, tuple[str, str], str]] = {}
    for a, b in pairs:
        first, later = (a, b) if order[a] <= order[b] else (b, a)
        score = containment(sketches[a], sketches[b]) if sketches is not None else 1.0
        if score < minimum:
            continue
        held = best.get(later)
        if held is None or score > held[0] or (score == held[0] and order[first] < held[1]):
            best[later] = (score, order[first], first)
    out: dict[str, str] = {}
    for i in sorted(set(ids) | set(best), key=order.__getitem__):
        out[i] = out[best[i][2]] if i in best else i
    return out


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
