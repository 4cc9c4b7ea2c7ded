"""The Dask engine: partitions of files cleaned on the workers, MinHash sketches shuffled by LSH band.

``DaskEngine("tcp://host:8786")`` joins a running cluster; ``DaskEngine(None, workers=N)`` starts a
``LocalCluster`` of N single-threaded worker processes on 127.0.0.1 (the text cleaner is pure
Python: processes, not threads, give the speed-up). Dask (``distributed``) is the ``dask`` extra.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from newsweave.dedup import Sketch
from newsweave.engines import stages
from newsweave.errors import MissingExtra, PipelineError


class DaskEngine:
    """Run the batch stages on a Dask cluster.

    Args:
        scheduler: the scheduler's address (``tcp://host:8786``), or ``None`` for a LocalCluster.
        workers: worker processes of the LocalCluster.

    Raises:
        MissingExtra: dask.distributed is not installed.
        PipelineError: the scheduler cannot be reached.
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, *, workers: int = 2) -> None:
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

    def candidate_pairs(
        self, sketches: Sequence[Sketch], bands: int, rows: int, threshold: float
    ) -> set[tuple[str, str]]:
        """Shuffle the sketches by LSH band key on the cluster; confirm each bucket's pairs there."""
        import dask.bag as db

        if len(sketches) < 2:
            return set()
        bag = db.from_sequence(list(sketches), npartitions=max(1, min(len(sketches) // 200, 64)))
        keyed = bag.map(lambda s: [(k, s) for k in stages.band_keys(s, bands, rows)]).flatten()
        buckets = keyed.groupby(lambda kv: kv[0], shuffle="tasks")
        pairs = buckets.map(lambda kv: stages.bucket_pairs([s for _, s in kv[1]], threshold) if len(kv[1]) > 1 else [])
        return set(pairs.flatten().compute(scheduler=self.client))

    def close(self) -> None:
        """Shut the client (and the LocalCluster this engine started)."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
