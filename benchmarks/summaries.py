"""Multi-document summaries: ROUGE of newsweave's extractive summariser beside lead, LexRank and TextRank.

Runs ``newsweave.evaluate.summaries.evaluate`` (the code behind ``newsweave eval summaries``) on:

- Multi-News dev (100 stories, 250-word budget), whole and split: rows 0-49 are the rows the summary's
  weights were calibrated on, rows 50-99 are held out;
- NeuS/AllSides dev (154 stories, 70-word budget), never used to calibrate anything.

Every system is run in the same process on the same sentences and cut to the same budget; speed is
stories per second of each summariser alone (ROUGE scoring excluded), on one core.

    python benchmarks/summaries.py            # about 1 minute
    python benchmarks/summaries.py --json     # one JSON object on stdout

Writes benchmarks/results/summaries.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from newsweave.evaluate.summaries import SYSTEMS, evaluate, read_dataset

HERE = Path(__file__).resolve().parent
DATA = Path(os.environ.get("NEWSWEAVE_DATA", HERE.parents[1] / "shared" / "data"))

RUNS = [
    ("Multi-News dev, all 100", "mds/multinews_dev.jsonl", 250, slice(None)),
    ("Multi-News rows 0-49 (calibration)", "mds/multinews_dev.jsonl", 250, slice(0, 50)),
    ("Multi-News rows 50-99 (held out)", "mds/multinews_dev.jsonl", 250, slice(50, 100)),
    ("NeuS/AllSides dev, 154 (held out)", "mds/neus_allsides_dev.jsonl", 70, slice(None)),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    args = parser.parse_args()
    results = []
    for title, rel, words, rows in RUNS:
        stories, skipped = read_dataset(DATA / rel)
        chosen = stories[rows]
        report = evaluate(chosen, words=words, systems=SYSTEMS)
        results.append({"run": title, "file": rel, "words": words, "stories": len(chosen), "scores": report.scores})
        if not args.json:
            print(f"\n### {title}: {len(chosen)} stories, {words}-word budget (ROUGE F1 x 100)\n")
            print("| system | R-1 | R-2 | R-Lsum | stories/s | R-2 vs newsweave |")
            print("|---|---:|---:|---:|---:|---:|")
            ref = report.scores["newsweave"]["rouge2"]
            for name, sc in report.scores.items():
                print(
                    f"| {name} | {sc['rouge1']:.2f} | {sc['rouge2']:.2f} | {sc['rougeLsum']:.2f} | "
                    f"{sc['stories_per_second']:.1f} | {sc['rouge2'] - ref:+.2f} |"
                )
            sys.stdout.flush()
    out = HERE / "results" / "summaries.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if args.json:
        print(json.dumps(results))
    else:
        print(f"\nwrote {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
