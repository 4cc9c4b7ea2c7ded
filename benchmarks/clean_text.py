"""Benchmark: cleaning scraped page text down to the article body, against peers in the same run.

Corpus: ``aeb-text/dev.jsonl`` from the shared evaluation data (88 pages, each the visible text blocks of
a news or blog page one per line, with the true article body). Every system gets the same pages in the
same process and is scored with the article-extraction-benchmark metric (see ``_common.py``):

* ``keep everything``: the text as scraped; the floor any cleaner must beat (F1 about 0.65);
* ``jusText (lines)``: jusText with its default settings on the lines, each wrapped in ``<p>``;
* ``oracle labels``: keeps exactly the lines labelled ``body``; the ceiling of line-level cleaning with
  these (noisy, automatic) labels, not a competitor;
* ``newsweave``: ``newsweave.clean.clean_text(text).text``, the reference of the ratio columns.

Speed is pages per second over the whole corpus, best of ``--repeat`` runs. Results are also written to
``benchmarks/results/clean_text.json``.

Run ``python benchmarks/clean_text.py`` (``--help`` for options). With ``--min-f1`` it is a quality gate:
exit status 1 when newsweave's F1 is below the floor, 2 when newsweave could not run.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

import justext
from _common import (
    SystemResult,
    check_floor,
    corpus_sha256,
    data_dir,
    environment,
    make_console,
    print_table,
    print_worst,
    run_system,
    summaries,
    unavailable,
    worst_pages,
    write_results,
)

NAME = "clean_text"
CORPUS = "aeb-text/dev.jsonl"
REFERENCE = "newsweave"

Row = dict[str, Any]


def load_rows(limit: int | None) -> list[Row]:
    """Read the corpus in file order, keeping the first ``limit`` pages when given."""
    path = data_dir() / CORPUS
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return rows[:limit] if limit is not None else rows


def keep_everything(row: Row) -> str:
    """Baseline: the scraped text unchanged."""
    return str(row["text"])


def oracle_labels(row: Row) -> str:
    """Ceiling: the lines whose (automatic) label is ``body``."""
    return "\n".join(line["text"] for line in row["lines"] if line["label"] == "body")


def make_justext_lines() -> Callable[[Row], str]:
    """jusText on the lines: each line becomes one ``<p>`` of a minimal UTF-8 HTML document.

    The stop list is loaded once, outside the timed loop, as a real caller would.
    """
    stoplist = justext.get_stoplist("English")

    def run(row: Row) -> str:
        body = "".join(f"<p>{html.escape(line['text'])}</p>" for line in row["lines"])
        document = f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{body}</body></html>'
        paragraphs = justext.justext(document, stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def load_newsweave() -> Callable[[Row], str] | str:
    """Return the newsweave runner, or a note saying why it is not available."""
    try:
        from newsweave.clean import clean_text
    except Exception as exc:  # noqa: BLE001 - any import failure means "not there yet"
        return f"newsweave.clean not available yet ({type(exc).__name__}: {exc})"

    def run(row: Row) -> str:
        return clean_text(row["text"]).text or ""

    return run


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="score only the first N pages")
    parser.add_argument("--repeat", type=int, default=1, metavar="R", help="time the best of R runs (1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument(
        "--min-f1",
        type=float,
        default=None,
        metavar="FLOAT",
        help="quality gate: exit 1 if newsweave's F1 is below FLOAT (2 if newsweave cannot run)",
    )
    parser.add_argument(
        "--show-worst", type=int, default=0, metavar="K", help="list the K pages with newsweave's lowest F1"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every system on the corpus, print the comparison, write the results file.

    Returns:
        The exit status of the quality gate (0 when no ``--min-f1`` is given).
    """
    args = parse_args(argv)
    # In JSON mode stdout carries only the JSON object; human messages go to stderr.
    console = make_console(stderr=args.json)
    rows = load_rows(args.limit)
    ids = [str(row["id"]) for row in rows]
    truths = [str(row["body"]) for row in rows]
    urls = {str(row["id"]): str(row.get("url", "")) for row in rows}

    results: list[SystemResult] = []
    newsweave = load_newsweave()
    if isinstance(newsweave, str):
        if args.json:  # otherwise the note is printed under the table
            console.print(f"[yellow]{newsweave}; scoring the peers only")
        results.append(unavailable(REFERENCE, newsweave))
    else:
        results.append(run_system(REFERENCE, newsweave, rows, truths, repeat=args.repeat))
    peers: list[tuple[str, Callable[[Row], str], str]] = [
        ("keep everything", keep_everything, "the scraped text unchanged"),
        ("jusText (lines)", make_justext_lines(), "jusText defaults, one <p> per line"),
        ("oracle labels", oracle_labels, "ceiling: lines labelled body"),
    ]
    for system, run, note in peers:
        results.append(run_system(system, run, rows, truths, repeat=args.repeat, note=note))

    reference = results[0]
    worst = worst_pages(reference, ids, truths, args.show_worst) if reference.available else []
    payload: dict[str, Any] = {
        "benchmark": NAME,
        "corpus": CORPUS,
        "corpus_sha256": corpus_sha256(data_dir() / CORPUS),
        "pages": len(rows),
        "limit": args.limit,
        "repeat": args.repeat,
        "metric": "article-extraction-benchmark: word 4-gram shingles, per-page normalised, mean P and R",
        "environment": environment(),
        "results": summaries(results),
    }
    if args.show_worst:
        payload["worst"] = worst

    per_page = {r.system: [list(t) for t in r.triples] for r in results if r.available}
    path = write_results(NAME, {**payload, "ids": ids, "per_page_tp_fp_fn": per_page})

    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        title = f"Cleaning scraped text: {len(rows)} pages of {CORPUS}, best of {args.repeat} run(s)"
        print_table(title, results, references=[REFERENCE], console=console)
        if args.show_worst:
            if reference.available:
                print_worst(REFERENCE, worst, urls, console=console)
            else:
                console.print("[yellow]--show-worst: newsweave did not run, nothing to show")
    console.print(f"results written to {path}", style="dim")
    return check_floor(reference, args.min_f1, console=console)


if __name__ == "__main__":
    sys.exit(main())
