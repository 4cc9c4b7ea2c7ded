"""Speed of the whole ``brief`` pipeline and of the text cleaner, beside trafilatura in the same run.

Measures, on this machine and in one process:

- ``brief`` on the five seeds (examples/putin-mothers): wall time of the pipeline (best of
  ``--repeat``), and of the CLI as a user runs it (a fresh process, imports included);
- ``clean`` on scraped text: articles per second of ``newsweave.clean.clean_text`` on the
  aeb-text pages, beside jusText on the same lines;
- the time trafilatura takes to extract the same 88 pages from HTML (``aeb-html``), as the yardstick
  the ratios are computed against (machines are noisy: compare ratios, not seconds).

    python benchmarks/speed.py [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir  # noqa: E402


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """Best wall time of ``repeat`` calls (after one untimed warm-up)."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
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
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:45s} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
