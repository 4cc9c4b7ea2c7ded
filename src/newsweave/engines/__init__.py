"""Batch engines: the same stage functions (:mod:`newsweave.engines.stages`) run in one process or on a
Dask cluster, and the results land in the same store (``newsweave batch``).

An engine does two things: map a function over partitions of inputs, and find candidate pairs by
shuffling MinHash sketches by LSH band. :class:`LocalEngine` does both in this process;
:class:`newsweave.engines.dask_engine.DaskEngine` on a Dask cluster (a ``LocalCluster`` when no
scheduler is given). Whatever the engine, the near-duplicate groups and the stories come out the same.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from newsweave.cluster import ClusterOptions
from newsweave.config import SLICE_ITEMS, Options
from newsweave.dedup import Sketch
from newsweave.engines import stages
from newsweave.ingest import discover
from newsweave.model import Article, Document, Rejected
from newsweave.store.base import Store
from newsweave.store.ingest import now, restore_clusterer

# Files per partition: small enough to spread over workers, large enough to amortise scheduling; and
# at most about PARTITION_BYTES of them (a JSONL file of 1,000 articles, 2.7 MB, is a partition of its
# own: 20 such files in partitions of 16 gave one worker four times the other's work).
PARTITION_FILES = 16
PARTITION_BYTES = 1 << 20
# Articles per partition when an engine with workers prepares the clusterer's input.
PREPARE_ITEMS = 500
# Inputs per slice (newsweave.config.SLICE_ITEMS). Near-duplicates are paired by LSH within a slice;
# across slices the store's hashes catch exact copies and the clusterer's own near-copy check (its last
# 20,000 articles, the same rule as a slice's pairs) the rest.


class Engine(Protocol):
    """Where the batch stages run."""

    #: whether work shipped to it runs beside this process (workers): then it also prepares the
    #: clusterer's input, which the local engine leaves to the clusterer
    parallel: bool

    def map_partitions(self, fn: Callable[..., list[Any]], partitions: Sequence[Any], *args: Any) -> list[Any]:
        """``fn(partition, *args)`` for every partition, results in partition order, flattened."""
        ...

    def imap_partitions(
        self,
        fn: Callable[..., list[Any]],
        partitions: Sequence[Any],
        *args: Any,
        ahead: Callable[[], int] | None = None,
    ) -> Iterator[list[Any]]:
        """``fn(partition, *args)`` for every partition, each result as it comes, in partition order.

        An engine with workers computes partitions ahead of the one consumed: at most ``ahead()``
        of them (asked before each submission; the engine's own small default without it), held
        on the workers until consumed, so that they work while the caller does."""
        ...

    def candidate_pairs(
        self, sketches: Sequence[Sketch], bands: int, rows: int, threshold: float
    ) -> dict[tuple[str, str], float]:
        """Pairs of articles that share an LSH band and reach the containment ``threshold``: (id, id)
        in id order -> estimated containment."""
        ...

    def close(self) -> None:
        """Release workers."""
        ...


class LocalEngine:
    """Everything in this process."""

    name = "local"
    parallel = False  # nothing to gain by preparing the clusterer's input ahead: it is prepared as added

    def map_partitions(self, fn: Callable[..., list[Any]], partitions: Sequence[Any], *args: Any) -> list[Any]:
        return [x for part in partitions for x in fn(part, *args)]

    def imap_partitions(
        self,
        fn: Callable[..., list[Any]],
        partitions: Sequence[Any],
        *args: Any,
        ahead: Callable[[], int] | None = None,
    ) -> Iterator[list[Any]]:
        for part in partitions:
            yield fn(part, *args)

    def candidate_pairs(
        self, sketches: Sequence[Sketch], bands: int, rows: int, threshold: float
    ) -> dict[tuple[str, str], float]:
        ordered = stages.ranked(sketches)
        matrix, sizes = stages.signatures(ordered)
        if len(ordered) < 2:
            return {}
        # a pair of copies shares most bands: each pair is weighed once, not once per band it shares
        codes = stages.bucket_codes(stages.band_ids(matrix, bands, rows), sizes > 0)
        return stages.confirm(codes, ordered, threshold, (matrix, sizes))

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
    slice_items: int = SLICE_ITEMS,
) -> BatchReport:
    """Clean, find near-duplicates and cluster a corpus with ``engine``, storing the results.

    The corpus goes through in slices of about ``slice_items`` inputs (whole partitions): each slice
    is cleaned on the engine, paired for near-duplicates, clustered (the clusterer carries on from
    one slice to the next) and committed before the next one is taken, so the memory this process
    needs does not grow with the corpus, and a run that is stopped keeps every slice it finished.

    Args:
        store: where the articles and stories go (what is already there is a ``duplicate``).
        sources: files and folders (read by the workers: on a multi-machine cluster they must be on a
            filesystem every worker sees).
        engine: the engine.
        options: reading, cleaning and near-duplicate options.
        cluster: the clusterer's options for a store without clusterer state (of a store with state,
            only ``max_active``: :func:`newsweave.store.ingest.restore_clusterer`).
        partition_files: files per partition.
        slice_items: inputs per slice (at least one partition).

    Returns:
        The report.

    Raises:
        SourceNotFound: a path does not exist.
    """
    opts = options or Options()
    report = BatchReport(engine=getattr(engine, "name", type(engine).__name__))
    seconds = dict.fromkeys(("read_clean", "near_duplicates", "cluster", "store"), 0.0)
    files, rejected = discover(sources, options=opts.ingest)
    report.rejected.extend(rejected)
    partitions = _partitions(files, partition_files)
    state = _Carry(restore_clusterer(store, cluster))
    waiting: list[stages.Cleaned] = []
    read = [0, 0]  # partitions and inputs consumed

    def ahead() -> int:
        # a slice and a partition's worth in flight: the workers clean the next slice while this
        # process pairs, clusters and stores the current one (the results wait on the workers)
        per_part = read[1] / read[0] if read[0] else slice_items
        return max(2, math.ceil(slice_items / max(per_part, 1.0)) + 1)

    t0 = time.perf_counter()
    # workers read every article's names beside its cleaning; this process, only those it pairs
    language = state.clusterer.options.language if engine.parallel else None
    for part in engine.imap_partitions(stages.clean_partition, partitions, opts, language, ahead=ahead):
        read[0] += 1
        read[1] += len(part)
        waiting.extend(part)
        if len(waiting) >= slice_items:
            seconds["read_clean"] += time.perf_counter() - t0
            _slice(store, waiting, engine, opts, state, report, seconds)
            waiting = []
            t0 = time.perf_counter()
    seconds["read_clean"] += time.perf_counter() - t0
    if waiting or not partitions:
        _slice(store, waiting, engine, opts, state, report, seconds)
    with store.transaction():
        for r in rejected:  # rejections with no document to store beside them
            store.add_rejected(r, at=now())
    report.seconds = {k: round(v, 3) for k, v in seconds.items()}
    return report


def _partitions(files: Sequence[Path], most: int, size: int = PARTITION_BYTES) -> list[list[str]]:
    """Consecutive files in partitions of at most ``most`` files and, past the first file, ``size``
    bytes (a file that cannot be read counts as empty: its worker reports it)."""
    out: list[list[str]] = []
    part: list[str] = []
    held = 0
    for f in files:
        try:
            n = f.stat().st_size
        except OSError:
            n = 0
        if part and (len(part) >= most or held + n > size):
            out.append(part)
            part, held = [], 0
        part.append(str(f))
        held += n
    if part:
        out.append(part)
    return out


@dataclass
class _Carry:
    """What one slice hands the next: the clusterer (which reports the merges and splits it makes), and
    the near-copies of each stored article (they were not clustered: they move with it)."""

    clusterer: Any
    copies: dict[str, list[str]] = field(default_factory=dict)  # origin -> its near-copies

    def moves(self) -> tuple[list[Any], dict[str, str]]:
        """The clusterer's changes since the last call, and the near-copies of the articles they moved."""
        changes = self.clusterer.take_changes()
        follow: dict[str, str] = {}
        for c in changes:
            if c.kind == "close":  # its articles can no longer move: their copies need not be followed
                for a in c.articles:
                    self.copies.pop(a, None)
            else:
                for a in c.articles:
                    follow.update(dict.fromkeys(self.copies.get(a, ()), c.target))
        return changes, follow


def _slice(
    store: Store,
    cleaned: Sequence[stages.Cleaned],
    engine: Engine,
    opts: Options,
    state: _Carry,
    report: BatchReport,
    seconds: dict[str, float],
) -> None:
    t1 = time.perf_counter()
    fresh: list[stages.Cleaned] = []
    # what the store holds already, asked once for the slice (not twice an input)
    seen_raw = store.stored_raw(c.document.sha256 for c in cleaned if c.document is not None)
    seen_text = store.stored_texts(c.text_sha256 for c in cleaned if c.text_sha256 is not None)
    text_hashes: dict[str, str] = {}  # article id -> hash of its cleaned text
    for c in cleaned:
        if c.rejected is not None and c.document is None:
            report.rejected.append(c.rejected)
            fresh.append(c)
            continue
        assert c.document is not None
        if c.document.sha256 in seen_raw:
            report.duplicates += 1
            continue
        seen_raw.add(c.document.sha256)
        if c.article is None:
            report.rejected.append(c.rejected)  # type: ignore[arg-type]
            fresh.append(c)
            continue
        assert c.text_sha256 is not None
        if c.text_sha256 in seen_text:
            report.duplicates += 1
            continue
        seen_text.add(c.text_sha256)
        text_hashes[c.article.id] = c.text_sha256
        fresh.append(c)
    articles = [c.article for c in fresh if c.article is not None]
    sketches = [c.sketch for c in fresh if c.sketch is not None]
    bands, rows = stages.lsh_shape(opts.dedup)
    pairs = engine.candidate_pairs(sketches, bands, rows, opts.dedup.threshold)
    order = {a.id: stages.stream_key(a) for a in articles}
    # a copy joins its origin's story as the clusterer's own near-copy check would: its closest earlier
    # copy at the clusterer's threshold whose names it carries (a reused template reports another event)
    joins = state.clusterer.options.duplicate_threshold
    joined = (p for p, score in pairs.items() if score >= joins)
    names = stages.names_of(fresh, joined, state.clusterer.options.language)
    origin = stages.origins(order, pairs, order, minimum=joins, names=names)
    report.near_duplicates += sum(1 for a, o in origin.items() if a != o)
    t2 = time.perf_counter()
    prepared = None
    if engine.parallel:  # the workers prepare what the clusterer reads of each article
        items = [stages.story_item(a) for a in articles if origin.get(a.id, a.id) == a.id]
        chunks = [items[i : i + PREPARE_ITEMS] for i in range(0, len(items), PREPARE_ITEMS)]
        language = state.clusterer.options.language
        # (ahead of the next slice's cleaning, already queued on the workers: the engine runs what it
        # is asked to map now before what was submitted to be read later)
        prepared = {p.id: p for p in engine.map_partitions(stages.prepare_partition, chunks, language)}
    assignment, state.clusterer = stages.assign_stories(articles, origin, clusterer=state.clusterer, prepared=prepared)
    for a, o in origin.items():
        if a != o:
            state.copies.setdefault(o, []).append(a)
    t3 = time.perf_counter()
    _write(store, fresh, text_hashes, assignment, state, report)
    seconds["near_duplicates"] += t2 - t1
    seconds["cluster"] += t3 - t2
    seconds["store"] += time.perf_counter() - t3


def _write(
    store: Store,
    fresh: Sequence[stages.Cleaned],
    text_hashes: dict[str, str],
    assignment: dict[str, str],
    state: _Carry,
    report: BatchReport,
) -> None:
    stamp = now()
    touched: set[str] = set()
    for start in range(0, max(len(fresh), 1), 500):
        with store.transaction():
            documents: list[Document] = []
            articles: list[tuple[Article, str, str | None]] = []
            for c in fresh[start : start + 500]:
                if c.document is None or c.article is None:  # unreadable input, or no body: why
                    store.add_rejected(c.rejected, at=stamp)  # type: ignore[arg-type]
                if c.document is None:  # (a corrupt JSONL line …: nothing else to keep)
                    continue
                documents.append(c.document)
                if c.article is not None:
                    story = assignment[c.article.id]
                    articles.append((c.article, text_hashes[c.article.id], story))
                    touched.add(story)
            store.add_many(documents, articles, at=stamp)
            report.stored += len(articles)
            if start + 500 >= len(fresh):
                # Articles stored before this slice whose story the clusterer has since merged or split
                # move with it, their near-copies too: what changed costs, not what the store holds.
                changes, copies = state.moves()
                touched |= store.record_changes(changes, now=stamp)
                touched |= store.assign(copies, now=stamp) | set(copies.values())
                store.refresh_stories(touched, now=stamp)
                store.save_clusterer(state.clusterer, now=stamp)
    report.stories |= touched
