"""Load test of ``newsweave serve`` on loopback: requests per second and latency under concurrent clients.

One run builds a store in a temporary directory (the five seed articles, one story; the first 20
articles of the largest ECB+ dev event, ``13_ecb``, another story), starts ``newsweave serve`` on it as a
subprocess on 127.0.0.1 with a free port, and runs these scenarios against that one server, one after
the other:

- ``health``: ``GET /api/v1/health``, the framework's own per-request cost (plus one store open); the
  floor the other rows are divided by. Run first and again last, so drift on a noisy machine shows;
- ``seeds briefing, cached``: ``GET /api/v1/stories/{seeds}/briefing`` (JSON), warmed first;
- ``20-article briefing, cached``: the same for the ECB+ story;
- ``20-article briefing, rebuilt``: ``POST`` to the same path, which builds the briefing again on every
  request (about 0.3-1 s of CPU each), with fewer clients;
- ``20-article story page, cached``: ``GET /stories/{id}``, the HTML page.

Each scenario runs ``--clients`` asyncio clients (httpx, one keep-alive connection each), each sending
requests back to back until ``--duration`` seconds have passed or ``--max-requests`` were sent, after
``--warmup`` seconds of the same load that are not recorded. Every latency is recorded (send to the
last byte of the body); any response other than 200, and any transport error, is an error, counted and
sampled in the results. The client runs in this process on the same machine, so it competes with the
server for the CPU: each row also gives the CPU seconds the server and the client used.

    python benchmarks/web_load.py [--duration 20] [--clients 16] [--rebuild-clients 4] [--json]

Writes benchmarks/results/web_load.json; exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, environment, make_console, write_results  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EVENT_ARTICLES = 20
# Seconds a briefing rebuilt on request may take before the client gives up on it (an error). A
# 20-article briefing takes about 0.4 s alone; under 4 concurrent rebuilds, a few seconds.
REQUEST_TIMEOUT = 60.0
SERVER_START_TIMEOUT = 60.0
ERROR_SAMPLES = 5


# ------------------------------------------------------------------------------------------- setup


def pick_event(rows: list[dict[str, Any]], n: int) -> str:
    """The largest ECB+ event (cluster) with at least ``n`` articles; ties broken by name, so the choice
    is deterministic."""
    sizes = Counter(r["cluster"] for r in rows)
    name, size = min(sizes.items(), key=lambda kv: (-kv[1], kv[0]))
    if size < n:
        raise SystemExit(f"no ECB+ event has {n} articles (largest: {name}, {size})")
    return name


def build_store(tmp: Path) -> dict[str, Any]:
    """Ingest the seeds and one 20-article ECB+ event into ``tmp/bench.db`` with ``newsweave ingest``.

    Returns what was ingested: the store path, the event's name, and the file each set came from, so
    the stories can be matched to them by the articles' ``source`` afterwards.
    """
    seeds = sorted(SEEDS.glob("*.txt"))
    if len(seeds) != 5:
        raise SystemExit(f"expected the five seed articles in {SEEDS}, found {len(seeds)}")
    rows = [json.loads(line) for line in (data_dir() / "ecbplus" / "dev.jsonl").open(encoding="utf-8")]
    event = pick_event(rows, EVENT_ARTICLES)
    chosen = [r for r in rows if r["cluster"] == event][:EVENT_ARTICLES]
    event_file = tmp / f"ecbplus-{event}.jsonl"
    with event_file.open("w", encoding="utf-8") as out:
        for r in chosen:
            out.write(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"], "date": r["date"]}) + "\n")
    db = tmp / "bench.db"
    for inputs in ([str(p) for p in seeds], [str(event_file)]):
        subprocess.run(
            [sys.executable, "-m", "newsweave", "ingest", *inputs, "--db", str(db)],
            check=True,
            capture_output=True,
            text=True,
        )
    return {"db": db, "event": event, "event_file": str(event_file), "seeds_dir": str(SEEDS)}


def free_port() -> int:
    """A TCP port free on loopback right now (the server binds it a moment later)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(db: Path, log: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """Run ``newsweave serve`` on ``db`` at a free loopback port until the block ends (errors included).

    Yields the process and its base URL, once ``/api/v1/health`` answers 200 from *this* process (a
    port taken by another server in between makes the process exit, which is checked).
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsweave", "serve", "--db", str(db), "--port", str(port)],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while True:
                if proc.poll() is not None:
                    raise SystemExit(f"newsweave serve exited with {proc.returncode}:\n{log.read_text()}")
                try:
                    if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit(f"newsweave serve did not answer within {SERVER_START_TIMEOUT:.0f} s")
                time.sleep(0.2)
            time.sleep(0.3)
            if proc.poll() is not None:  # bind failed after all: the answer came from someone else's server
                raise SystemExit(f"newsweave serve exited with {proc.returncode}:\n{log.read_text()}")
            yield proc, base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def find_stories(base: str, built: dict[str, Any]) -> dict[str, Any]:
    """Match the server's stories to the two article sets by the articles' ``source``.

    Returns, for ``seeds`` and ``event``, the story holding most of that set's articles, its article
    count and how many stories the set was split into (1 when the clusterer kept it together).
    """
    listing = httpx.get(f"{base}/api/v1/stories", params={"limit": 200}, timeout=30).raise_for_status().json()
    found: dict[str, Any] = {}
    for key, prefix in (("seeds", built["seeds_dir"]), ("event", built["event_file"])):
        per_story = {}
        for row in listing["stories"]:
            story = httpx.get(f"{base}/api/v1/stories/{row['id']}", timeout=30).raise_for_status().json()
            n = sum(a["source"].startswith(prefix) for a in story["articles"])
            if n:
                per_story[row["id"]] = (n, len(story["articles"]))
        if not per_story:
            raise SystemExit(f"none of the {key} articles is in any story of the store")
        story_id, (n, total) = max(per_story.items(), key=lambda kv: (kv[1][0], kv[0]))
        found[key] = {"id": story_id, "articles": total, "of_this_set": n, "stories_split_into": len(per_story)}
    return found


# ------------------------------------------------------------------------------------------- load


@dataclass
class Scenario:
    """One endpoint under one load."""

    name: str
    path: str
    clients: int
    duration: float
    max_requests: int
    warmup: float
    method: str = "GET"


@dataclass
class Outcome:
    """Every request of one scenario."""

    latencies: list[float] = field(default_factory=list)  # seconds, successful or not
    errors: int = 0
    error_kinds: Counter[str] = field(default_factory=Counter)
    error_samples: list[dict[str, Any]] = field(default_factory=list)
    sizes: Counter[int] = field(default_factory=Counter)  # body bytes of the 200s
    elapsed: float = 0.0


async def _client(
    http: httpx.AsyncClient, path: str, stop_at: float, budget: list[int], outcome: Outcome | None, method: str = "GET"
) -> None:
    while time.perf_counter() < stop_at and budget[0] > 0:
        budget[0] -= 1
        t0 = time.perf_counter()
        try:
            response = await http.request(method, path)
            status, body, kind = response.status_code, response.content, str(response.status_code)
        except httpx.HTTPError as exc:
            status, body, kind = 0, repr(exc).encode(), type(exc).__name__
        latency = time.perf_counter() - t0
        if outcome is None:
            continue
        outcome.latencies.append(latency)
        if status == 200:
            outcome.sizes[len(body)] += 1
        else:
            outcome.errors += 1
            outcome.error_kinds[kind] += 1
            if len(outcome.error_samples) < ERROR_SAMPLES:
                outcome.error_samples.append(
                    {"request": f"{method} {path}", "status": status, "body": body[:500].decode("utf-8", "replace")}
                )


async def _load(base: str, sc: Scenario) -> Outcome:
    limits = httpx.Limits(max_connections=sc.clients, max_keepalive_connections=sc.clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=REQUEST_TIMEOUT) as http:
        if sc.warmup > 0:
            stop = time.perf_counter() + sc.warmup
            await asyncio.gather(
                *(_client(http, sc.path, stop, [sys.maxsize], None, sc.method) for _ in range(sc.clients))
            )
        outcome = Outcome()
        budget = [sc.max_requests]  # shared by the clients: the run ends at the deadline or the budget
        t0 = time.perf_counter()
        await asyncio.gather(
            *(_client(http, sc.path, t0 + sc.duration, budget, outcome, sc.method) for _ in range(sc.clients))
        )
        outcome.elapsed = time.perf_counter() - t0
    return outcome


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux ``/proc``; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0-100) of sorted values: a latency some request really had."""
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(q / 100 * len(sorted_values)) - 1)]


def run_scenario(base: str, sc: Scenario, server_pid: int) -> dict[str, Any]:
    """Run one scenario and summarise it."""
    cpu_server, cpu_client = cpu_seconds(server_pid), time.process_time()
    outcome = asyncio.run(_load(base, sc))
    cpu_server, cpu_client = cpu_seconds(server_pid) - cpu_server, time.process_time() - cpu_client
    lat = sorted(outcome.latencies)
    n = len(lat)
    return {
        "scenario": sc.name,
        "request": f"GET {sc.path}",
        "clients": sc.clients,
        "duration_s": sc.duration,
        "max_requests": sc.max_requests,
        "warmup_s": sc.warmup,
        "requests": n,
        "ok": n - outcome.errors,
        "errors": outcome.errors,
        "error_kinds": dict(outcome.error_kinds),
        "error_samples": outcome.error_samples,
        "elapsed_s": round(outcome.elapsed, 3),
        # Successful responses per second: an error answered fast must not raise the figure.
        "rps": round((n - outcome.errors) / outcome.elapsed, 2) if outcome.elapsed > 0 else 0.0,
        "p50_ms": round(percentile(lat, 50) * 1000, 2),
        "p95_ms": round(percentile(lat, 95) * 1000, 2),
        "p99_ms": round(percentile(lat, 99) * 1000, 2),
        "max_ms": round(lat[-1] * 1000, 2) if lat else float("nan"),
        "mean_ms": round(sum(lat) / n * 1000, 2) if n else float("nan"),
        "body_bytes": sorted(outcome.sizes),
        "server_cpu_s": round(cpu_server, 2),
        "client_cpu_s": round(cpu_client, 2),
        # Kept for a second look (percentiles over other cuts); milliseconds, in completion order.
        "latencies_ms": [round(x * 1000, 3) for x in outcome.latencies],
    }


def first_request(base: str, path: str) -> dict[str, Any]:
    """One request, alone: builds (and caches) a briefing; its status and time are reported."""
    t0 = time.perf_counter()
    response = httpx.get(f"{base}{path}", timeout=REQUEST_TIMEOUT)
    return {
        "request": f"GET {path}",
        "status": response.status_code,
        "ms": round((time.perf_counter() - t0) * 1000, 1),
    }


# ------------------------------------------------------------------------------------------- report


def print_table(rows: list[dict[str, Any]], floor_rps: float, floor_p99: float, *, stderr: bool) -> None:
    console = make_console(stderr=stderr)
    table = Table(title="newsweave serve on loopback (one server, one client process)")
    table.add_column("scenario", style="bold", no_wrap=True)
    for header in (
        "clients",
        "requests",
        "errors",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "req/s\n÷ health",
        "p99\n÷ health",
        "server\nCPU s",
        "client\nCPU s",
    ):
        table.add_column(header, justify="right", no_wrap=True)
    for r in rows:
        table.add_row(
            r["scenario"],
            str(r["clients"]),
            f"{r['requests']:,}",
            str(r["errors"]),
            f"{r['rps']:,.1f}",
            f"{r['p50_ms']:.1f}",
            f"{r['p95_ms']:.1f}",
            f"{r['p99_ms']:.1f}",
            f"{r['max_ms']:.1f}",
            f"{r['rps'] / floor_rps:.3f}" if floor_rps else "–",
            f"{r['p99_ms'] / floor_p99:.1f}" if floor_p99 else "–",
            f"{r['server_cpu_s']:.1f}",
            f"{r['client_cpu_s']:.1f}",
            style="red" if r["errors"] else None,
        )
    console.print(table)
    for r in rows:
        if r["errors"]:
            first = r["error_samples"][0]
            console.print(f"[red]{r['scenario']}: {r['errors']} error(s) {r['error_kinds']}; first: {first}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=16, help="concurrent clients of the cached scenarios (16)")
    ap.add_argument("--duration", type=float, default=20.0, help="seconds each cached scenario runs (20)")
    ap.add_argument("--max-requests", type=int, default=100_000, help="cap on requests per scenario (100000)")
    ap.add_argument("--rebuild-clients", type=int, default=4, help="concurrent clients briefing on request (4)")
    ap.add_argument("--rebuild-duration", type=float, default=30.0, help="seconds of the rebuild scenario (30)")
    ap.add_argument("--rebuild-max-requests", type=int, default=200, help="cap on rebuild requests (200)")
    ap.add_argument("--warmup", type=float, default=2.0, help="unrecorded seconds of load before each scenario (2)")
    ap.add_argument("--json", action="store_true", help="print one JSON object on stdout (the table goes to stderr)")
    args = ap.parse_args()

    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory(prefix="newsweave-web-load-") as tmpdir:
        tmp = Path(tmpdir)
        t0 = time.perf_counter()
        built = build_store(tmp)
        ingest_s = time.perf_counter() - t0
        log = tmp / "serve.log"
        with server(built["db"], log) as (proc, base):
            stories = find_stories(base, built)
            seeds_id, event_id = stories["seeds"]["id"], stories["event"]["id"]
            print(
                f"seeds: story {seeds_id}, {stories['seeds']['articles']} articles; ECB+ {built['event']}: story "
                f"{event_id}, {stories['event']['articles']} articles ({stories['event']['of_this_set']} of the "
                f"{EVENT_ARTICLES} ingested, split into {stories['event']['stories_split_into']} stories)",
                file=sys.stderr,
            )
            cold = [
                first_request(base, f"/api/v1/stories/{seeds_id}/briefing"),
                first_request(base, f"/api/v1/stories/{event_id}/briefing"),
                first_request(base, f"/stories/{event_id}"),
            ]
            cached = dict(
                clients=args.clients, duration=args.duration, max_requests=args.max_requests, warmup=args.warmup
            )
            event_n = stories["event"]["articles"]
            scenarios = [
                Scenario("health (first)", "/api/v1/health", **cached),
                Scenario("seeds briefing, cached", f"/api/v1/stories/{seeds_id}/briefing?format=json", **cached),
                Scenario(
                    f"{event_n}-article briefing, cached", f"/api/v1/stories/{event_id}/briefing?format=json", **cached
                ),
                Scenario(
                    f"{event_n}-article briefing, rebuilt",
                    f"/api/v1/stories/{event_id}/briefing?format=json",
                    method="POST",
                    clients=args.rebuild_clients,
                    duration=args.rebuild_duration,
                    max_requests=args.rebuild_max_requests,
                    warmup=0.0,
                ),
                Scenario(f"{event_n}-article story page, cached", f"/stories/{event_id}", **cached),
                Scenario("health (last)", "/api/v1/health", **cached),
            ]
            rows = []
            for sc in scenarios:
                print(f"running {sc.name} ({sc.clients} clients, {sc.duration:g} s) …", file=sys.stderr)
                rows.append(run_scenario(base, sc, proc.pid))
                if proc.poll() is not None:
                    raise SystemExit(f"the server died during {sc.name!r}:\n{log.read_text()}")
        # Everything the server printed but its start-up line (it logs only warnings and errors).
        server_log = "\n".join(
            line for line in log.read_text(errors="replace").splitlines() if not line.startswith("serving ")
        )

    health = [r for r in rows if r["scenario"].startswith("health")]
    floor_rps = sum(r["rps"] for r in health) / len(health)
    floor_p99 = sum(r["p99_ms"] for r in health) / len(health)
    for r in rows:
        r["rps_over_health"] = round(r["rps"] / floor_rps, 4) if floor_rps else None
        r["p99_over_health"] = round(r["p99_ms"] / floor_p99, 2) if floor_p99 else None
    errors = sum(r["errors"] for r in rows) + sum(c["status"] != 200 for c in cold)
    payload = {
        "benchmark": "web_load",
        "started": started,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            **environment(),
            "httpx": httpx.__version__,
        },
        "options": vars(args),
        "store": {"event": built["event"], "ingest_s": round(ingest_s, 2), "stories": stories},
        "first_requests": cold,
        "health_floor": {"rps": round(floor_rps, 2), "p99_ms": round(floor_p99, 2)},
        "errors": errors,
        # A traceback here is a failure even if no status showed it.
        "server_log": server_log[-5000:],
        "scenarios": rows,
    }
    path = write_results("web_load", payload)
    print_table(rows, floor_rps, floor_p99, stderr=args.json)
    console = make_console(stderr=args.json)
    for c in cold:
        console.print(f"first request, alone: {c['request']} -> {c['status']} in {c['ms']:.0f} ms")
    if server_log.strip():
        console.print(f"[yellow]server log:\n{server_log[-2000:]}")
    console.print(f"wrote {path}")
    if args.json:
        print(
            json.dumps(
                {k: v for k, v in payload.items() if k != "scenarios"}
                | {"scenarios": [{k: v for k, v in r.items() if k != "latencies_ms"} for r in rows]},
                indent=2,
            )
        )
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
