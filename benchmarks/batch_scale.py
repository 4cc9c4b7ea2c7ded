"""``newsweave batch`` over a long generated stream: time, the client's peak memory, stories.

The stream is the generator of ``benchmarks/stories.py`` (stories rebuilt from real ECB+ and Multi-News
sentences, names renamed per story, 10% wire copies, 30 days), written as JSONL files of 1,000 rows.
Each size runs ``newsweave batch --no-clean --engine local`` as a fresh process on a fresh SQLite store;
measured: wall time, articles per second, the process's peak resident memory (its ``VmHWM``, read
from ``/proc`` while it runs: Linux) and the highest of its workers' (Dask), the CPU seconds of the
process and of its workers, the size of the saved clusterer state, and B-cubed F1 of the stored stories
against the generator's. "floor here" is the shortest the run could be on this machine with that CPU
work: the client's alone, or all of it spread over the cores, whichever is longer (with two cores and a
client that does a third of the work, two workers cannot be 1.8 times one).

    python benchmarks/batch_scale.py [--sizes 20000,50000,100000] [--engine local|dask] [--workers N]
        [--src OTHER_CHECKOUT/src] [--real]

``--real`` runs the real dev articles instead (ECB+, Multi-News and NeuS documents, GoogleNews items:
6,566, few near-copies; B-cubed against their events and stories), best of three runs.

Writes benchmarks/results/batch_scale.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, write_results  # noqa: E402
from stories import generate  # noqa: E402

from newsweave.evaluate.stories import bcubed  # noqa: E402

ROWS_PER_FILE = 1_000


def _hwm(pid: int) -> int:
    """A process's peak resident memory in KB so far (``VmHWM``), 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu(pid: int) -> float:
    """A process's CPU seconds so far (user + system, from ``/proc``), 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (a Dask LocalCluster's nannies and workers)."""
    out: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            kids = [int(x) for t in Path(f"/proc/{p}/task").iterdir() for x in (t / "children").read_text().split()]
        except OSError:
            continue
        out += kids
        todo += kids
    return out


@dataclass
class Watched:
    """What :func:`_run_watching_memory` saw of a process and the processes it started."""

    peak_kb: int = 0  # its peak resident memory (VmHWM)
    below_kb: int = 0  # the highest peak of a process it started (a Dask worker)
    cpu: float = 0.0  # its CPU seconds
    below_cpu: float = 0.0  # the CPU seconds of the processes it started (Dask nannies and workers)
    returncode: int = 0
    stderr: str = ""


def _run_watching_memory(cmd: list[str], env: dict[str, str] | None) -> Watched:
    """Run ``cmd``, reading until it exits (every 0.2 s) its peak resident memory (the kernel's
    high-water mark, ``VmHWM``: ``ru_maxrss`` of the children would count this process's own pages,
    which a forked child shares before it execs) and CPU seconds, and those of the processes it starts."""
    out = Watched()
    below: dict[int, int] = {}
    below_cpu: dict[int, float] = {}
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, text=True, env=env)
        while proc.poll() is None:
            out.peak_kb = max(out.peak_kb, _hwm(proc.pid))
            out.cpu = max(out.cpu, _cpu(proc.pid))
            for kid in _descendants(proc.pid):
                below[kid] = max(below.get(kid, 0), _hwm(kid))
                below_cpu[kid] = max(below_cpu.get(kid, 0.0), _cpu(kid))
            time.sleep(0.2)
        err.seek(0)
        out.below_kb, out.below_cpu = max(below.values(), default=0), sum(below_cpu.values())
        out.returncode, out.stderr = proc.returncode, err.read()
        return out


def real_rows() -> list[dict]:
    """The dev sets' articles as one corpus, each with its gold story (dataset-prefixed)."""
    rows: list[dict] = []
    for key in ("ecbplus", "googlenews"):
        for line in (data_dir() / key / "dev.jsonl").open(encoding="utf-8"):
            r = json.loads(line)
            rows.append({"title": r.get("title") or "", "text": r["text"], "published": r.get("date"),
                         "story": f"{key}:{r['cluster']}"})  # fmt: skip
    for name in ("multinews_dev", "neus_allsides_dev"):
        for line in (data_dir() / "mds" / f"{name}.jsonl").open(encoding="utf-8"):
            r = json.loads(line)
            for doc in r["documents"]:
                text = doc.get("text", "") if isinstance(doc, dict) else doc
                rows.append({"title": "", "text": text, "published": None, "story": f"{name}:{r['id']}"})
    return rows


def run(n: int, engine: str, workers: int, src: str | None = None, rows: list[dict] | None = None) -> dict[str, float]:
    rows = rows if rows is not None else generate(n, seed=5)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        label: dict[str, int | str] = {}
        for k in range(0, len(rows), ROWS_PER_FILE):
            name = corpus / f"part{k // ROWS_PER_FILE:05d}.jsonl"
            part = rows[k : k + ROWS_PER_FILE]
            name.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
            label.update({f"{name}#L{i + 1}": r["story"] for i, r in enumerate(part)})
        db = Path(tmp) / "s.db"
        cmd = [
            sys.executable,
            "-c",
            "from newsweave.entry import main; main()",
            "batch",
            str(corpus),
            "--db",
            str(db),
            "--no-clean",
        ]
        cmd += ["--engine", engine] + (["--workers", str(workers)] if engine == "dask" else [])
        env = {**os.environ, "PYTHONPATH": src} if src else None  # another checkout's code (before/after)
        t0 = time.perf_counter()
        seen = _run_watching_memory(cmd, env)
        seconds = time.perf_counter() - t0
        if seen.returncode != 0:
            raise SystemExit(f"batch failed ({seen.returncode}): {seen.stderr[-2000:]}")
        con = sqlite3.connect(db)
        stored = dict(con.execute("SELECT source, story_id FROM articles").fetchall())
        try:  # as stored: compressed since schema 5
            state_bytes = con.execute("SELECT LENGTH(COALESCE(packed, state)) FROM clusterer").fetchone()[0]
        except sqlite3.OperationalError:  # a checkout from before it (--src)
            state_bytes = con.execute("SELECT LENGTH(state) FROM clusterer").fetchone()[0]
        con.close()
    gold = {s: str(label[s]) for s in stored if s in label}
    f1 = bcubed({s: stored[s] for s in gold}, gold)[2]
    return {
        "articles": n,
        "stored": len(stored),
        "seconds": round(seconds, 1),
        "articles_per_second": round(len(stored) / seconds, 1),
        "client_peak_mb": round(seen.peak_kb / 1024, 1),
        "worker_peak_mb": round(seen.below_kb / 1024, 1),
        "client_cpu_s": round(seen.cpu, 1),
        "workers_cpu_s": round(seen.below_cpu, 1),
        # the shortest the run could take with the client's work done in the client and the workers'
        # spread over this machine's cores beside it (all of it on one core for the local engine)
        "floor_here_s": round(max(seen.cpu, (seen.cpu + seen.below_cpu) / (os.cpu_count() or 1)), 1),
        "state_mb": round(state_bytes / 1e6, 2),
        "bcubed_f1": round(f1, 4),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="20000,50000,100000", help="articles per run, increasing")
    ap.add_argument("--engine", default="local", choices=("local", "dask"))
    ap.add_argument("--workers", type=int, default=2, help="Dask workers (with --engine dask)")
    ap.add_argument("--src", help="run the newsweave of another checkout (its src/ folder): a before/after")
    ap.add_argument("--real", action="store_true", help="the real dev articles (best of three runs)")
    args = ap.parse_args()
    results = []
    print(
        "| articles | stored | seconds | articles/s | client peak MB | worker peak MB | client CPU s | "
        "workers CPU s | floor here s | state MB | B-cubed F1 |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    real = real_rows() if args.real else None
    for n in [len(real)] if real is not None else sorted(int(x) for x in args.sizes.split(",")):
        r = run(n, args.engine, args.workers, args.src, real)
        if real is not None:  # small: the best of three
            r = min([r, *(run(n, args.engine, args.workers, args.src, real) for _ in range(2))],
                    key=lambda x: x["seconds"])  # fmt: skip
        results.append(r)
        print(
            f"| {r['articles']:,} | {r['stored']:,} | {r['seconds']} | {r['articles_per_second']} | "
            f"{r['client_peak_mb']} | {r['worker_peak_mb'] or '-'} | {r['client_cpu_s']} | "
            f"{r['workers_cpu_s'] or '-'} | {r['floor_here_s']} | {r['state_mb']} | {r['bcubed_f1']} |",
            flush=True,
        )
    write_results(f"batch_scale_{args.engine}{'_real' if real is not None else ''}", {"runs": results})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
