"""Batch engines: the same stage functions (:mod:`newsweave.engines.stages`) run in one process or on a
Dask cluster, and the results land in the same store (``newsweave batch``).

An engine does two things: map a function over partitions of inputs, and find candidate pairs by
shuffling MinHash sketches by LSH band. :class:`LocalEngine` does both in this process;
:class:`newsweave.engines.dask_engine.DaskEngine` on a Dask cluster (a ``LocalCluster`` when no
scheduler is given). Whatever the engine, the near-duplicate groups and the stories come out the same.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from newsweave.cluster import ClusterOptions
from newsweave.config import Options
from newsweave.dedup import Sketch
from newsweave.engines import stages
from newsweave.ingest import discover
from newsweave.model import Rejected
from newsweave.store.base import Store, text_sha256
from newsweave.store.ingest import now, restore_clusterer

# Files per partition: small enough to spread over workers, large enough to amortise scheduling.
PARTITION_FILES = 16


class Engine(Protocol):
    """Where the batch stages run."""

    def map_partitions(self, fn: Callable[..., list[Any]], partitions: Sequence[Any], *args: Any) -> list[Any]:
        """``fn(partition, *args)`` for every partition, results in partition order, flattened."""
        ...

    def candidate_pairs(
        self, sketches: Sequence[Sketch], bands: int, rows: int, threshold: float
    ) -> set[tuple[str, str]]:
        """Pairs of articles that share an LSH band and reach the containment ``threshold``."""
        ...

    def close(self) -> None:
        """Release workers."""
        ...


class LocalEngine:
    """Everything in this process."""

    name = "local"

    def map_partitions(self, fn: Callable[..., list[Any]], partitions: Sequence[Any], *args: Any) -> list[Any]:
        return [x for part in partitions for x in fn(part, *args)]

    def candidate_pairs(
        self, sketches: Sequence[Sketch], bands: int, rows: int, threshold: float
    ) -> set[tuple[str, str]]:
        buckets: dict[str, list[Sketch]] = defaultdict(list)
        for s in sketches:
            for key in stages.band_keys(s, bands, rows):
                buckets[key].append(s)
        return {p for members in buckets.values() if len(members) > 1 for p in stages.bucket_pairs(members, threshold)}

    def close(self) -> None:
        pass


@dataclass
class BatchReport:
    """What a batch run did, and how long each stage took."""

    engine: str
    stored: int = 0
    duplicates: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)
    near_duplicates: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def run_batch(
    store: Store,
    sources: Iterable[str | Path],
    *,
    engine: Engine,
    options: Options | None = None,
    cluster: ClusterOptions | None = None,
    partition_files: int = PARTITION_FILES,
) -> BatchReport:
    """Clean, find near-duplicates and cluster a corpus with ``engine``, storing the results.

    Args:
        store: where the articles and stories go (what is already there is a ``duplicate``).
        sources: files and folders (read by the workers: on a multi-machine cluster they must be on a
            filesystem every worker sees).
        engine: the engine.
        options: reading, cleaning and near-duplicate options.
        cluster: the clusterer's options for a store without clusterer state.
        partition_files: files per partition.

    Returns:
        The report.

    Raises:
        SourceNotFound: a path does not exist.
    """
    opts = options or Options()
    report = BatchReport(engine=getattr(engine, "name", type(engine).__name__))
    t0 = time.perf_counter()
    files, rejected = discover(sources, options=opts.ingest)
    report.rejected.extend(rejected)
    unread = list(rejected)  # rejections with no document to store beside them
    partitions = [[str(f) for f in files[i : i + partition_files]] for i in range(0, len(files), partition_files)]
    cleaned: list[stages.Cleaned] = engine.map_partitions(stages.clean_partition, partitions, opts)
    t1 = time.perf_counter()

    fresh: list[stages.Cleaned] = []
    seen_raw: set[str] = set()
    seen_text: set[str] = set()
    text_hashes: dict[str, str] = {}  # article id -> hash of its cleaned text, computed once
    for c in cleaned:
        if c.rejected is not None and c.document is None:
            report.rejected.append(c.rejected)
            unread.append(c.rejected)
            continue
        assert c.document is not None
        if c.document.sha256 in seen_raw or store.has_raw(c.document.sha256):
            report.duplicates += 1
            continue
        seen_raw.add(c.document.sha256)
        if c.article is None:
            report.rejected.append(c.rejected)  # type: ignore[arg-type]
            fresh.append(c)
            continue
        text_sha = text_sha256(c.article)
        if text_sha in seen_text or store.article_with_text(text_sha):
            report.duplicates += 1
            continue
        seen_text.add(text_sha)
        text_hashes[c.article.id] = text_sha
        fresh.append(c)
    articles = [c.article for c in fresh if c.article is not None]
    sketches = [c.sketch for c in fresh if c.sketch is not None]
    bands, rows = stages.lsh_shape(opts.dedup)
    pairs = engine.candidate_pairs(sketches, bands, rows, opts.dedup.threshold)
    order = {a.id: stages.stream_key(a) for a in articles}
    origin = stages.origins(order, sorted(pairs), order)
    report.near_duplicates = sum(1 for a, o in origin.items() if a != o)
    t2 = time.perf_counter()
    clusterer = restore_clusterer(store, cluster)
    assignment, clusterer = stages.assign_stories(articles, origin, clusterer=clusterer)
    t3 = time.perf_counter()
    _write(store, fresh, unread, text_hashes, assignment, clusterer, report)
    report.seconds = {
        "read_clean": round(t1 - t0, 3),
        "near_duplicates": round(t2 - t1, 3),
        "cluster": round(t3 - t2, 3),
        "store": round(time.perf_counter() - t3, 3),
    }
    return report


def _write(
    store: Store,
    fresh: Sequence[stages.Cleaned],
    unread: Sequence[Rejected],
    text_hashes: dict[str, str],
    assignment: dict[str, str],
    clusterer: Any,
    report: BatchReport,
) -> None:
    stamp = now()
    for start in range(0, max(len(fresh), 1), 500):
        with store.transaction():
            for c in fresh[start : start + 500]:
                assert c.document is not None
                store.add_raw(c.document, retrieved_at=stamp)
                if c.article is None:
                    store.add_rejected(c.rejected, at=stamp)  # type: ignore[arg-type]
                    continue
                story = assignment[c.article.id]
                sha = text_hashes[c.article.id]
                store.add_article(c.article, text_sha256=sha, ingested_at=stamp, story_id=story)
                report.stored += 1
                report.stories.add(story)
            if start + 500 >= len(fresh):
                for r in unread:
                    store.add_rejected(r, at=stamp)
                open_ids = getattr(clusterer, "open_stories", None)
                store.refresh_stories(report.stories, now=stamp, open_ids=open_ids() if callable(open_ids) else None)
                store.save_clusterer(clusterer.to_state(), now=stamp)
