"""Speed of the whole ``brief`` pipeline and of the text cleaner, beside trafilatura in the same run.

Measures, on this machine and in one process:

- ``brief`` on the five seeds (examples/putin-mothers): wall time of the pipeline (best of
  ``--repeat``), and of the CLI as a user runs it (a fresh process, imports included);
- ``clean`` on scraped text: articles per second of ``newsweave.clean.clean_text`` on the
  aeb-text pages, beside jusText on the same lines;
- the time trafilatura takes to extract the same 88 pages from HTML (``aeb-html``), as the yardstick
  the ratios are computed against (machines are noisy: compare ratios, not seconds);
- start-up, as whole processes run in turn (``--runs`` of each, median and min–max): ``newsweave
  version`` and ``newsweave brief`` on the seeds beside a bare ``python -c pass``;
- scaling: ``brief_articles`` on the first N articles of ECB+ dev, then of NeuS and Multi-News dev
  (file order: many events, as one big mixed story), N = 25 … 1,000, each stage's seconds; the
  exponent of the growth between sizes (1 is linear). With ``--plot`` the table is also drawn to
  ``benchmarks/results/speed_scaling.png``.

    python benchmarks/speed.py [--repeat 3] [--runs 5] [--sizes 25,50,100,200,400,1000] [--plot] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import math
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, write_results  # noqa: E402


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """Best wall time of ``repeat`` calls (after one untimed warm-up)."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def processes(commands: dict[str, list[str]], runs: int) -> dict[str, dict[str, float]]:
    """Each command run ``runs`` times as a fresh process, the commands in turn (paired under the same
    load): median, min and max wall seconds."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times[name].append(time.perf_counter() - t0)
    return {
        n: {"median": round(statistics.median(t), 3), "min": round(min(t), 3), "max": round(max(t), 3)}
        for n, t in times.items()
    }


def paired_runs(
    systems: dict[str, tuple[Callable[[], object], int]],
    runs: int,
    *,
    ratios: dict[str, tuple[str, str]],
) -> dict[str, dict[str, dict[str, float]]]:
    """Each system run once per round, the systems in turn (so each pair shares the machine's load),
    after one untimed round: pages per second (median, min, max) and, per named pair, the median and
    range of the per-round speed ratios (above 1: newsweave is faster). ``systems``: name -> (the
    run, the pages it cleans)."""
    for fn, _ in systems.values():
        fn()
    seconds: dict[str, list[float]] = {name: [] for name in systems}
    for _ in range(runs):
        for name, (fn, _) in systems.items():
            t0 = time.perf_counter()
            fn()
            seconds[name].append(time.perf_counter() - t0)
    rates = {name: [systems[name][1] / s for s in ts] for name, ts in seconds.items()}
    out_systems = {
        n: {"median": round(statistics.median(r), 1), "min": round(min(r), 1), "max": round(max(r), 1)}
        for n, r in rates.items()
    }
    out_ratios = {}
    for label, (ours, peer) in ratios.items():
        per_round = [a / b for a, b in zip(rates[ours], rates[peer], strict=True)]
        out_ratios[label] = {
            "median": round(statistics.median(per_round), 2),
            "min": round(min(per_round), 2),
            "max": round(max(per_round), 2),
        }
    return {"systems": out_systems, "ratios": out_ratios}


def scaling(sizes: Sequence[int]) -> list[dict[str, float]]:
    """``brief_articles`` on the first N articles, for each N of ``sizes``: the 535 ECB+ dev articles,
    then the documents of NeuS/AllSides and Multi-News dev (1,260 in all; one mixed story, the worst
    case for grouping: many events, little shared)."""
    from newsweave.model import Article
    from newsweave.pipeline import brief_articles

    rows = [json.loads(line) for line in (data_dir() / "ecbplus" / "dev.jsonl").open(encoding="utf-8")]
    texts = [(r["id"], f"{r.get('title') or ''}\n\n{r['text']}") for r in rows]
    for name in ("neus_allsides_dev", "multinews_dev"):
        for line in (data_dir() / "mds" / f"{name}.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            texts += [(f"{row['id']}/{k}", d) for k, d in enumerate(row["documents"]) if len(d) > 200]
    articles = [Article(id=f"a{i:04d}", source=source, text=text) for i, (source, text) in enumerate(texts)]
    if max(sizes, default=0) > len(articles):
        raise SystemExit(f"--sizes: at most {len(articles)} articles")
    brief_articles(articles[:10])  # lexicons and models loaded once, outside the timings
    out = []
    for n in sizes:
        t0 = time.perf_counter()
        briefing = brief_articles(articles[:n])
        total = time.perf_counter() - t0
        out.append({"articles": n, "seconds": round(total, 2), **{k: round(v, 2) for k, v in briefing.stats.items()}})
    for prev, row in zip(out, out[1:], strict=False):
        row["growth_exponent"] = round(
            math.log(row["seconds"] / prev["seconds"]) / math.log(row["articles"] / prev["articles"]), 2
        )
    return out


def plot(rows: Sequence[dict[str, float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3.5))
    xs = [r["articles"] for r in rows]
    ax.loglog(xs, [r["seconds"] for r in rows], "o-", label="brief")
    ax.loglog(xs, [rows[0]["seconds"] * x / xs[0] for x in xs], "--", label="linear from the first size")
    ax.set_xlabel("articles")
    ax.set_ylabel("seconds (one core)")
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--runs", type=int, default=5, help="fresh processes of each start-up command")
    ap.add_argument("--sizes", default="25,50,100,200,400,1000", help="article counts of the scaling table")
    ap.add_argument("--plot", action="store_true", help="draw the scaling table (needs matplotlib)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()

    import justext
    import trafilatura

    from newsweave.clean import clean_text
    from newsweave.pipeline import brief_paths

    seeds = ROOT / "examples" / "putin-mothers"
    data = data_dir()
    text_rows = [json.loads(line) for line in (data / "aeb-text" / "dev.jsonl").open(encoding="utf-8")]
    truth = json.loads((data / "aeb-html" / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [
        (gzip.open(data / "aeb-html" / "html" / f"{k}.html.gz").read().decode("utf-8", "replace"), v["url"])
        for k, v in sorted(truth.items())
    ]

    results: dict[str, float] = {}
    results["brief_seeds_s"] = best_of(args.repeat, lambda: brief_paths([seeds]))
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "newsweave", "brief", str(seeds), "--format", "json", "--out", "/dev/null"],
        check=True,
        capture_output=True,
    )
    results["brief_cli_s"] = time.perf_counter() - t0

    texts = [r["text"] for r in text_rows]
    results["clean_text_s"] = best_of(args.repeat, lambda: [clean_text(t) for t in texts])
    stop = justext.get_stoplist("English")

    def run_justext() -> None:
        for t in texts:
            doc = "<html><body>" + "".join(f"<p>{html.escape(x)}</p>" for x in t.split("\n")) + "</body></html>"
            justext.justext(doc.encode("utf-8"), stop, encoding="utf-8")

    results["justext_lines_s"] = best_of(args.repeat, run_justext)
    results["trafilatura_html_s"] = best_of(
        args.repeat,
        lambda: [trafilatura.extract(p, url=u, deduplicate=False, favor_precision=True) for p, u in pages],
    )
    n_text, n_html = len(texts), len(pages)
    report = {
        "brief_seeds_seconds": round(results["brief_seeds_s"], 3),
        "brief_cli_seconds_fresh_process": round(results["brief_cli_s"], 3),
        "clean_text_articles_per_s": round(n_text / results["clean_text_s"], 1),
        "justext_lines_articles_per_s": round(n_text / results["justext_lines_s"], 1),
        "trafilatura_html_pages_per_s": round(n_html / results["trafilatura_html_s"], 1),
        "clean_text_speed_vs_trafilatura_html": round(
            (n_text / results["clean_text_s"]) / (n_html / results["trafilatura_html_s"]), 2
        ),
        "clean_text_speed_vs_justext_lines": round(results["justext_lines_s"] / results["clean_text_s"], 2),
        "brief_seeds_vs_trafilatura_5_pages": round(
            results["brief_seeds_s"] / (5 * results["trafilatura_html_s"] / n_html), 2
        ),
    }
    from newsweave.clean import clean_html

    paired = paired_runs(
        {
            "newsweave clean_text (aeb-text)": (lambda: [clean_text(t) for t in texts], n_text),
            "jusText (the same lines)": (run_justext, n_text),
            "newsweave clean_html (aeb-html)": (lambda: [clean_html(p, url=u) for p, u in pages], n_html),
            "trafilatura extract, precision (aeb-html)": (
                lambda: [trafilatura.extract(p, url=u, deduplicate=False, favor_precision=True) for p, u in pages],
                n_html,
            ),
        },
        args.runs,
        ratios={
            "clean_text / jusText": ("newsweave clean_text (aeb-text)", "jusText (the same lines)"),
            "clean_html / trafilatura": (
                "newsweave clean_html (aeb-html)",
                "trafilatura extract, precision (aeb-html)",
            ),
        },
    )
    seeds_cmd = [sys.executable, "-m", "newsweave", "brief", str(seeds), "--format", "json", "--out", "/dev/null"]
    startup = processes(
        {
            "python -c pass": [sys.executable, "-c", "pass"],
            "newsweave version": [sys.executable, "-m", "newsweave", "version"],
            "newsweave brief (seeds)": seeds_cmd,
        },
        args.runs,
    )
    growth = scaling([int(x) for x in args.sizes.split(",")])
    out = {"in_process": report, "cleaning_paired": paired, "startup_processes": startup, "scaling": growth}
    if args.plot:
        plot(growth, ROOT / "benchmarks" / "results" / "speed_scaling.png")
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:45s} {value}")
        print(f"\ncleaning, {args.runs} paired runs (pages/s median, min-max; speed ratios newsweave/peer):")
        for name, t in paired["systems"].items():
            print(f"  {name:44s} {t['median']:7.1f}  ({t['min']:.1f}-{t['max']:.1f})")
        for name, r in paired["ratios"].items():
            print(f"  {name:44s} {r['median']:7.2f}x ({r['min']:.2f}-{r['max']:.2f})")
        print(f"\nstart-up, {args.runs} fresh processes each, in turn (median, min-max seconds):")
        for name, t in startup.items():
            print(f"  {name:28s} {t['median']:.3f}  ({t['min']:.3f}-{t['max']:.3f})")
        print(
            "\nbrief_articles on the first N articles: ECB+ dev, then NeuS and Multi-News dev"
            " (seconds; exponent of growth from the row above):"
        )
        print("  articles  total  dedup  analysis  summary  exponent")
        for r in growth:
            print(
                f"  {r['articles']:8d}  {r['seconds']:5.2f}  {r['dedup_seconds']:5.2f}  {r['analysis_seconds']:8.2f}"
                f"  {r['summary_seconds']:7.2f}  {r.get('growth_exponent', '')}"
            )
    write_results("speed", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
