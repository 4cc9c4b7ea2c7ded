"""Linear and bounded on inputs a user may throw at newsweave: many tiny files, one huge file.

Writes, in a temporary folder, folders of N one-line files (N = 250, 1,000, 4,000; each line too short
to be an article, as a scraper's failed pages are) and scraped-text files of 10 and 50 MB (prose lines
with furniture every seventh line), then times ``newsweave brief FOLDER`` and
``newsweave clean FILE --max-bytes …`` as whole processes, with their peak memory (the children's
maximum resident set). Growth is linear when time per input stays flat as N grows.

    python benchmarks/robustness.py [--sizes 250,1000,4000] [--mb 10,50] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

WORDS = (
    "the council approved new flood barrier on friday after long debate officials said cost million euros took "
    "four years build mayor office residents district asked since floods damaged homes"
).split()


_MEASURE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def _run(cmd: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MB of one command, measured by a fresh process that only runs it."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True)
    seconds, kb = out.stdout.split()
    return float(seconds), int(kb) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="250,1000,4000")
    parser.add_argument("--mb", default="10,50")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rng = random.Random(1)
    exe = [sys.executable, "-m", "newsweave"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for n in (int(x) for x in args.sizes.split(",") if x):
            folder = root / f"files{n}"
            folder.mkdir()
            for i in range(n):
                (folder / f"f{i:06d}.txt").write_text(" ".join(rng.choice(WORDS) for _ in range(6)) + f" {i}.")
            seconds, mb = _run([*exe, "brief", str(folder), "--format", "json"])
            rows.append(
                {
                    "work": f"brief, {n} one-line files",
                    "seconds": round(seconds, 2),
                    "per_input_ms": round(1000 * seconds / n, 2),
                    "peak_mb": round(mb),
                }
            )
            shutil.rmtree(folder)
        for size in (int(x) for x in args.mb.split(",") if x):
            path = root / f"big{size}.txt"
            with path.open("w") as fh:
                written, i = 0, 0
                while written < size * 1_000_000:
                    line = (
                        "Share this article | Subscribe | Advertisement"
                        if i % 7 == 0
                        else " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40))).capitalize() + "."
                    )
                    fh.write(line + "\n")
                    written += len(line) + 1
                    i += 1
            seconds, mb = _run([*exe, "clean", str(path), "--max-bytes", str(size * 2_000_000), "--format", "jsonl"])
            rows.append(
                {
                    "work": f"clean, one {size} MB file",
                    "seconds": round(seconds, 2),
                    "per_input_ms": round(1000 * seconds / size, 1),
                    "peak_mb": round(mb),
                }
            )
            path.unlink()
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'work':32s} {'seconds':>9s} {'ms per file / MB':>17s} {'peak MB':>8s}")
        for r in rows:
            print(f"{r['work']:32s} {r['seconds']:9.2f} {r['per_input_ms']:17.1f} {r['peak_mb']:8d}")
    out = Path(__file__).resolve().parent / "results" / "robustness.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
