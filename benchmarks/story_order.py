"""Story clustering in any arrival order: B-cubed F1 in file order and over shuffled orders.

A stream does not arrive sorted by event. File order flatters a single-pass clusterer: in ECB+ dev, 407
of the 535 articles have no date and come grouped by topic and event. Here each data set is streamed in
file order and in ``--orders`` random orders (rows shuffled within each day, and among the undated
rows; seeds 1..N), through newsweave's clusterer and the TF-IDF single-pass baseline in the same run.
Printed: file order, the mean, min and max over the shuffled orders, and each order's F1.

    python benchmarks/story_order.py [--orders 5] [--data ecbplus,googlenews] [--json]
    python benchmarks/story_order.py --sensitivity   # each threshold at 75% and 125%, three orders

Writes benchmarks/results/story_order.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, write_results  # noqa: E402

from newsweave.evaluate.stories import SYSTEMS, evaluate, read_dataset  # noqa: E402

NAMES = {"ecbplus": "ECB+ dev", "googlenews": "GoogleNews dev"}


def run(data: list[str], orders: int) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for key in data:
        rows, _ = read_dataset(data_dir() / key / "dev.jsonl")
        per_system: dict[str, dict[str, object]] = {s: {"shuffled": []} for s in SYSTEMS}
        t0 = time.perf_counter()
        for seed in [None, *range(1, orders + 1)]:
            report = evaluate(rows, shuffle=seed)
            for system, scores in report.scores.items():
                if seed is None:
                    per_system[system]["file_order"] = scores["f1"]
                else:
                    per_system[system]["shuffled"].append(scores["f1"])  # type: ignore[union-attr]
        for scores in per_system.values():
            shuffled: list[float] = scores["shuffled"]  # type: ignore[assignment]
            scores.update(
                mean=round(statistics.fmean(shuffled), 4) if shuffled else None,
                min=min(shuffled, default=None),
                max=max(shuffled, default=None),
            )
        out[NAMES.get(key, key)] = {"articles": len(rows), "seconds": round(time.perf_counter() - t0, 1), **per_system}
    return out


SENSITIVE = ("threshold", "event_threshold", "join_ratio", "split_ratio", "merge_ratio", "merge_threshold",
             "repair_ratio", "event_repair_ratio", "length_scale", "number_weight", "duplicate_threshold")  # fmt: skip


def sensitivity(data: list[str], orders: int) -> list[dict[str, object]]:
    """F1 with each threshold at 75% and 125% of its default (file order, and the mean of shuffled
    orders), newsweave only."""
    import dataclasses

    from newsweave.cluster import ClusterOptions
    from newsweave.errors import OptionsError

    sets = {key: read_dataset(data_dir() / key / "dev.jsonl")[0] for key in data}
    base = ClusterOptions()
    rows: list[dict[str, object]] = []
    for name in ("(defaults)", *SENSITIVE):
        for factor in (1.0,) if name == "(defaults)" else (0.75, 1.25):
            row: dict[str, object] = {"parameter": name, "factor": factor}
            try:
                opts = (
                    base if name == "(defaults)" else dataclasses.replace(base, **{name: getattr(base, name) * factor})
                )
            except OptionsError as exc:
                row["error"] = str(exc)
                rows.append(row)
                continue
            for key, dataset in sets.items():
                scores = [
                    evaluate(dataset, systems=["newsweave"], options=opts, shuffle=seed).scores["newsweave"]["f1"]
                    for seed in [None, *range(1, orders + 1)]
                ]
                row[key] = {"file_order": scores[0], "shuffled_mean": round(statistics.fmean(scores[1:]), 4)}
            rows.append(row)
            print(row, flush=True)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--orders", type=int, default=5, help="random arrival orders (seeds 1..N)")
    ap.add_argument("--data", default="ecbplus,googlenews", help="data sets under ../shared/data")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--sensitivity", action="store_true", help="each threshold at 75%% and 125%% (about 10 minutes)")
    args = ap.parse_args()
    if args.sensitivity:
        rows = sensitivity([d.strip() for d in args.data.split(",") if d.strip()], min(args.orders, 3))
        write_results("story_sensitivity", {"rows": rows})
        return 0
    results = run([d.strip() for d in args.data.split(",") if d.strip()], args.orders)
    write_results("story_order", results)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print("| data | system | file order | shuffled mean | min – max | each order |")
    print("|---|---|---:|---:|---|---|")
    for name, res in results.items():
        for system in SYSTEMS:
            sc: dict = res[system]  # type: ignore[assignment]
            each = " ".join(f"{x:.3f}" for x in sc["shuffled"])
            print(
                f"| {name} ({res['articles']}) | {system} | {sc['file_order']:.4f} | {sc['mean']:.4f} | "
                f"{sc['min']:.4f} – {sc['max']:.4f} | {each} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
