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
# Partitions submitted ahead per worker thread while results are consumed in order.
AHEAD = 3


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
                    dashboard_address=None,
                )
                self.client = Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            raise PipelineError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc

    def map_partitions(self, fn: Callable[..., list[Any]], partitions: Sequence[Any], *args: Any) -> list[Any]:
        """``fn(partition, *args)`` on the workers; results gathered in partition order."""
        if not partitions:
            return []
        futures = self.client.map(fn, list(partitions), *[[a] * len(partitions) for a in args], pure=False)
        return [x for part in self.client.gather(futures) for x in part]

    def imap_partitions(
        self, fn: Callable[..., list[Any]], partitions: Sequence[Any], *args: Any
    ) -> Iterator[list[Any]]:
        """``fn(partition, *args)`` on the workers, each result yielded in partition order as it is ready.

        At most ``AHEAD`` partitions per worker are submitted beyond the one being consumed, so neither
        the workers nor this process hold more than a few partitions' results at a time.
        """
        pending: deque[Any] = deque()
        pieces = iter(partitions)
        ahead = AHEAD * max(1, len(self.client.nthreads()))

        def submit() -> bool:
            part = next(pieces, None)
            if part is None:
                return False
            pending.append(self.client.submit(fn, part, *args, pure=False))
            return True

        while len(pending) < ahead and submit():
            pass
        while pending:
            future = pending.popleft()
            result = future.result()
            future.release()
            submit()
            yield result

    def candidate_pairs(
        self, sketches: Sequence[Sketch], bands: int, rows: int, threshold: float
    ) -> set[tuple[str, str]]:
        """Shuffle the sketches by LSH band key on the cluster; confirm each bucket's pairs there."""
        import dask.bag as db

        if len(sketches) < 2:
            return set()
        if len(sketches) < self.shuffle_from:  # a shuffle costs more than it saves on a small corpus
            from newsweave.engines import LocalEngine

            return LocalEngine().candidate_pairs(sketches, bands, rows, threshold)
        ordered = stages.ranked(sketches)
        n = len(ordered)
        bag = db.from_sequence(list(enumerate(ordered)), npartitions=max(1, min(n // 2000, 256)))
        # Only (band key, number) travels: about 64 x 30 bytes per article, not 64 copies of its sketch;
        # then each pair once, as one int (a pair of copies shares most of its bands), to this process.
        keyed = bag.map(lambda e: [(k, e[0]) for k in stages.band_keys(e[1], bands, rows)]).flatten()
        buckets = keyed.groupby(lambda kv: kv[0], shuffle="tasks")
        codes = buckets.map(lambda kv: stages.pair_codes([i for _, i in kv[1]], n) if len(kv[1]) > 1 else [])
        return stages.confirm(codes.flatten().distinct().compute(scheduler=self.client), ordered, threshold)

    def close(self) -> None:
        """Shut the client (and the LocalCluster this engine started)."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
