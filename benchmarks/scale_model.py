"""How ``newsweave batch`` would behave on 10 million articles and a multi-node Dask cluster: a cost
model fed with the rates measured on this machine by ``benchmarks/stories.py``.

The model, stage by stage (W worker processes in all):

- read + clean + sketch: parallel, ``N / (W x clean_rate)``; clean_rate is the local engine's
  articles per second on one core (it includes reading and MinHash sketching);
- band shuffle: every article sends one (band key, id) record per band (``bands x ~40 bytes``), spread
  over the cluster's network at ``bandwidth`` per node; candidate pairs are confirmed where the
  sketches are (cheap: true copies are few);
- preparing the clusterer's input (words, names, numbers, its sketch): parallel on the workers,
  ``N / (W x prepare_rate)`` (an upper bound: near-copies found by the band shuffle are not prepared);
- clustering: one sequential pass at the rate of what is left of the clusterer's work (it is
  incremental by design: an article's story depends on every earlier one), ``1 / (1 / cluster_rate -
  1 / prepare_rate)``, in memory bounded by the open-story window;
- store writes: one writer, at the measured rate of SQLite/PostgreSQL inserts in the ingest run.

A second projection reads what a whole ``batch`` run on Dask cost (``benchmarks/batch_scale.py
--engine dask``, the largest size in ``benchmarks/results/batch_scale_dask.json``): the client's and
the workers' CPU seconds per article. The client consumes one slice while the workers clean the next,
so a run takes the longer of the two: ``max(N x client, N x workers / W)``. The client's share
(pairing a slice, the clusterer's decisions, the store's writes) is the floor no cluster size lowers.

    python benchmarks/scale_model.py [--articles 10000000]

Reads benchmarks/results/stories.json (run benchmarks/stories.py first) and, if present,
benchmarks/results/batch_scale_dask.json.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHUFFLE_BYTES = 40  # one (band key, article id) record in the shuffle, pickled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000_000)
    parser.add_argument("--bandwidth-mb", type=float, default=500.0, help="network MB/s per node")
    parser.add_argument("--cores-per-node", type=int, default=8)
    args = parser.parse_args()
    path = HERE / "results" / "stories.json"
    results = json.loads(path.read_text()) if path.is_file() else {}
    missing = [k for k in ("dask", "throughput") if k not in results]
    if missing:
        raise SystemExit(f"{path} lacks {', '.join(missing)}: run `python benchmarks/stories.py` (with --dask) first")
    dask = results["dask"]
    throughput = results["throughput"]
    clean_rate = dask["local_stored"] / dask["local_seconds"]  # one core, everything but the clusterer
    cluster_rate = throughput["cluster_articles_per_second"]
    if "prepare_articles_per_second" not in throughput:
        raise SystemExit(f"{path} predates the prepare rate: run `python benchmarks/stories.py` again")
    prepare_rate = throughput["prepare_articles_per_second"]
    decide_rate = 1 / (1 / cluster_rate - 1 / prepare_rate)  # the sequential rest of the clusterer
    store_rate = throughput["store_articles_per_second"]  # one writer, batched transactions
    n = args.articles
    from newsweave.config import DedupOptions
    from newsweave.engines.stages import lsh_shape

    bands, _rows = lsh_shape(DedupOptions())  # (64, 2) for the default containment threshold
    print(
        f"measured here: clean+sketch {clean_rate:.0f} articles/s/core, clusterer {cluster_rate:.0f} articles/s "
        f"(prepare {prepare_rate:.0f}/s/core, then {decide_rate:.0f}/s sequential), store {store_rate:.0f} articles/s"
    )
    print(f"\n{n:,} articles, {args.cores_per_node} cores per node, {args.bandwidth_mb:.0f} MB/s per node\n")
    columns = ("nodes", "read+clean+sketch", "band shuffle", "prepare", "clustering (sequential)", "store", "total",
               "bottleneck")  # fmt: skip
    print("| " + " | ".join(columns) + " |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    for nodes in (1, 4, 16, 64):
        workers = nodes * args.cores_per_node
        clean = n / (workers * clean_rate)
        shuffle = n * bands * SHUFFLE_BYTES / (nodes * args.bandwidth_mb * 1e6)
        ready = n / (workers * prepare_rate)
        cluster = n / decide_rate
        store = n / store_rate
        stages = {"read+clean+sketch": clean, "band shuffle": shuffle, "prepare": ready, "clustering": cluster,
                  "store": store}  # fmt: skip
        total = sum(stages.values())
        worst = max(stages, key=lambda k: stages[k])
        print(
            f"| {nodes} | {_h(clean)} | {_h(shuffle)} | {_h(ready)} | {_h(cluster)} | {_h(store)} | {_h(total)} "
            f"| {worst} |"
        )
    measured_run(n, args.cores_per_node)
    return 0


def measured_run(n: int, cores_per_node: int) -> None:
    """The projection from a measured ``batch`` run on Dask (client and workers' CPU per article)."""
    path = HERE / "results" / "batch_scale_dask.json"
    runs = json.loads(path.read_text()).get("runs", []) if path.is_file() else []
    runs = [r for r in runs if r.get("workers_cpu_s")]
    if not runs:
        print(f"\n(no {path.name} with CPU seconds: run `python benchmarks/batch_scale.py --engine dask` for the")
        print("projection from a whole batch run)")
        return
    run = max(runs, key=lambda r: r["stored"])
    client = run["client_cpu_s"] / run["stored"]
    workers = run["workers_cpu_s"] / run["stored"]
    print(
        f"\nfrom a batch run of {run['stored']:,} articles on Dask: client {client * 1e3:.2f} ms of CPU an article "
        f"(sequential), workers {workers * 1e3:.2f} ms (parallel); a slice is consumed while the next is cleaned\n"
    )
    print("| nodes | workers' part | client's part | total | bottleneck |")
    print("|---:|---:|---:|---:|---|")
    for nodes in (1, 4, 16, 64):
        spread = n * workers / (nodes * cores_per_node)
        own = n * client
        worst = "client" if own >= spread else "workers"
        print(f"| {nodes} | {_h(spread)} | {_h(own)} | {_h(max(spread, own))} | {worst} |")


def _h(seconds: float) -> str:
    if seconds < 60:
        return "< 1 min"
    return f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds / 60:.0f} min"


if __name__ == "__main__":
    raise SystemExit(main())
