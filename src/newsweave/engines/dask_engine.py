"""The Dask engine: partitions of files cleaned on the workers, MinHash sketches shuffled by LSH band.

``DaskEngine("tcp://host:8786")`` joins a running cluster; ``DaskEngine(None, workers=N)`` starts a
``LocalCluster`` of N single-threaded worker processes on 127.0.0.1 (the text cleaner is pure
Python: processes, not threads, give the speed-up). Dask (``distributed``) is the ``dask`` extra.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from newsweave.dedup import Sketch
from newsweave.engines import stages
from newsweave.errors import MissingExtra, PipelineError

# Below this many sketches the band buckets are built in this process (the same function, the same
# pairs); from here on the sketches are shuffled by band key across the workers. Above a batch slice
# (25,000 inputs): on 50,000 generated articles, one worker took 213 s with the shuffle at 20,000 and
# 85 s without (the local engine 76 s), two workers 67 s; pairing 20,000 sketches here takes about 4 s.
SHUFFLE_FROM = 100_000
# Partitions submitted ahead per worker thread while results are consumed in order (at least).
AHEAD = 3
# Priority of work the client waits for (map_partitions) over partitions submitted ahead (0).
URGENT = 10


class DaskEngine:
    """Run the batch stages on a Dask cluster.

    Args:
        scheduler: the scheduler's address (``tcp://host:8786``), or ``None`` for a LocalCluster.
        workers: worker processes of the LocalCluster.
        shuffle_from: shuffle sketches across the workers from this many on (fewer: grouped here).

    Raises:
        MissingExtra: dask.distributed is not installed.
        PipelineError: the scheduler cannot be reached.
    """

    name = "dask"
    parallel = True  # worth shipping work to: the client leaves what can run anywhere to the workers

    def __init__(self, scheduler: str | None = None, *, workers: int = 2, shuffle_from: int = SHUFFLE_FROM) -> None:
        self.shuffle_from = shuffle_from
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise MissingExtra('the Dask engine needs dask.distributed: pip install "newsweave[dask]"') from exc
        self._cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="10s")
            else:
                self._cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    # None does not turn the dashboard off (dask/distributed#8136): it took port 8787 and
                    # warned when two runs met; a free loopback port instead
                    dashboard_address="127.0.0.1:0",
                )
                self.client = Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            raise PipelineError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc

    def map_partitions(self, fn: Callable[..., list[Any]], partitions: Sequence[Any], *args: Any) -> list[Any]:
        """``fn(partition, *args)`` on the workers; results gathered in partition order."""
        if not partitions:
            return []
        # the partitions are scattered to the workers, not packed into the task graph (a slice's
        # articles to prepare are about 10 MB: Dask warns of a large graph), and run before anything
        # imap_partitions submitted ahead: the caller is waiting for these
        data = self.client.scatter(list(partitions))
        futures = self.client.map(fn, data, *[[a] * len(partitions) for a in args], pure=False, priority=URGENT)
        return [x for part in self.client.gather(futures) for x in part]

    def imap_partitions(
        self,
        fn: Callable[..., list[Any]],
        partitions: Sequence[Any],
        *args: Any,
        ahead: Callable[[], int] | None = None,
    ) -> Iterator[list[Any]]:
        """``fn(partition, *args)`` on the workers, each result yielded in partition order as it is ready.

        At most ``ahead()`` partitions (``AHEAD`` per worker thread without it, and never fewer) are
        in flight beyond the one being consumed: their results wait on the workers, and this process
        holds one partition's at a time.
        """
        pending: deque[Any] = deque()
        pieces = iter(partitions)
        least = AHEAD * max(1, sum(self.client.nthreads().values()))

        def room() -> bool:
            return len(pending) < max(least, ahead() if ahead is not None else 0)

        def submit() -> bool:
            part = next(pieces, None)
            if part is None:
                return False
            pending.append(self.client.submit(fn, part, *args, pure=False))
            return True

        while room() and submit():
            pass
        while pending:
            future = pending.popleft()
            result = future.result()
            future.release()
            while room() and submit():
                pass
            yield result

    def candidate_pairs(
        self, sketches: Sequence[Sketch], bands: int, rows: int, threshold: float
    ) -> dict[tuple[str, str], float]:
        """Shuffle the sketches' band ids on the cluster; confirm the pairs of each bucket here."""
        import dask.bag as db

        if len(sketches) < max(2, self.shuffle_from):  # a shuffle costs more than it saves on a small corpus
            from newsweave.engines import LocalEngine

            return LocalEngine().candidate_pairs(sketches, bands, rows, threshold)
        ordered = stages.ranked(sketches)
        matrix, sizes = stages.signatures(ordered)
        ids = stages.band_ids(matrix, bands, rows)
        n = len(ordered)
        step = max(2000, -(-n // 256))
        chunks = [(at, ids[at : at + step], sizes[at : at + step] > 0) for at in range(0, n, step)]
        bag = db.from_sequence(chunks, npartitions=len(chunks))
        # Only ((band, id), number) travels, then each pair once, as one int (a pair of copies shares
        # most of its bands), to this process.
        keyed = bag.map(_keyed).flatten()
        buckets = keyed.groupby(lambda kv: kv[0], shuffle="tasks")
        codes = buckets.map(lambda kv: stages.pair_codes([i for _, i in kv[1]], n) if len(kv[1]) > 1 else [])
        found = sorted(codes.flatten().distinct().compute(scheduler=self.client))
        return stages.confirm(found, ordered, threshold, (matrix, sizes))

    def close(self) -> None:
        """Shut the client (and the LocalCluster this engine started)."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def _keyed(chunk: tuple[int, Any, Any]) -> list[tuple[tuple[int, int], int]]:
    """((band, band id), row number) for every band of the non-empty rows of a chunk of band ids."""
    at, ids, kept = chunk
    return [((k, int(ids[x, k])), at + x) for x in kept.nonzero()[0].tolist() for k in range(ids.shape[1])]
