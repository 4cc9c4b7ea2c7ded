"""Benchmark: extracting the article body from raw HTML, against peers in the same run.

Corpus: ``aeb-html/`` from the shared evaluation data (88 gzipped news and blog pages with their true
article bodies, from the article-extraction-benchmark). Pages are decompressed and decoded to ``str``
(UTF-8, undecodable bytes replaced) before timing starts, and every system gets the same ``str`` and URL.
Scores use the article-extraction-benchmark metric (see ``_common.py``):

* ``trafilatura``: ``trafilatura.extract`` with its defaults (tables kept, comments dropped,
  ``deduplicate=False`` so results do not depend on what was extracted before);
* ``trafilatura (precision)``: the same with ``favor_precision=True``;
* ``jusText``: jusText on the raw HTML with the settings the original benchmark used for it
  (length 50/200, stop-word density 0.1/0.2, link density 0.2, headings not treated specially);
* ``all visible text``: lxml without script/style/noscript, ``text_content()``; the floor;
* ``newsweave``: ``newsweave.clean.clean_html(html, url=url).text``, the reference of the ratio columns
  together with trafilatura (the peer whose speed matters most).

Speed is pages per second over the whole corpus, best of ``--repeat`` runs. Results are also written to
``benchmarks/results/clean_html.json``.

Run ``python benchmarks/clean_html.py`` (``--help`` for options). With ``--min-f1`` it is a quality gate:
exit status 1 when newsweave's F1 is below the floor, 2 when newsweave could not run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

import justext
import lxml.html
import trafilatura
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

NAME = "clean_html"
CORPUS = "aeb-html"
REFERENCE = "newsweave"
TRAFILATURA = "trafilatura"

# (html, url): what every system receives for one page.
Page = tuple[str, str]


def load_pages(limit: int | None) -> tuple[list[str], list[Page], list[str]]:
    """Read ids (sorted), decoded pages with their URLs, and true bodies; the first ``limit`` if given."""
    root = data_dir() / CORPUS
    truth: dict[str, dict[str, str]] = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit is not None else sorted(truth)
    pages: list[Page] = []
    for page_id in ids:
        raw = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((raw.decode("utf-8", errors="replace"), truth[page_id].get("url", "")))
    bodies = [truth[page_id].get("articleBody", "") for page_id in ids]
    return ids, pages, bodies


def trafilatura_default(page: Page) -> str | None:
    """trafilatura with default settings, as a library user calls it."""
    html, url = page
    return trafilatura.extract(
        html, url=url, deduplicate=False, include_comments=False, include_tables=True, favor_precision=False
    )


def trafilatura_precision(page: Page) -> str | None:
    """trafilatura tuned for precision."""
    html, url = page
    return trafilatura.extract(
        html, url=url, deduplicate=False, include_comments=False, include_tables=True, favor_precision=True
    )


def make_justext() -> Callable[[Page], str]:
    """jusText on the raw HTML with the original benchmark's settings (its published F1 uses them).

    With jusText's own defaults it scores about 0.01 F1 lower on this corpus (more precision, less
    recall). The stop list is loaded once, outside the timed loop.
    """
    stoplist = justext.get_stoplist("English")

    def run(page: Page) -> str:
        paragraphs = justext.justext(
            page[0],
            stoplist,
            length_low=50,
            length_high=200,
            stopwords_low=0.1,
            stopwords_high=0.2,
            max_link_density=0.2,
            max_heading_distance=200,
            no_headings=True,
        )
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def all_visible_text(page: Page) -> str:
    """Baseline: every text node outside script, style and noscript.

    Parsed from UTF-8 bytes because lxml refuses a ``str`` that carries an XML encoding declaration.
    ``text_content()`` puts no space between adjacent blocks, so some words run together; on this
    corpus that scores a little higher than joining text nodes with newlines (0.699 against 0.684).
    """
    parser = lxml.html.HTMLParser(encoding="utf-8")
    root = lxml.html.fromstring(page[0].encode("utf-8"), parser=parser)
    for element in root.xpath("//script | //style | //noscript"):
        element.drop_tree()
    return str(root.text_content())


def load_newsweave() -> Callable[[Page], str] | str:
    """Return the newsweave runner, or a note saying why it is not available."""
    try:
        from newsweave.clean import clean_html
    except Exception as exc:  # noqa: BLE001 - any import failure means "not there yet"
        return f"newsweave.clean not available yet ({type(exc).__name__}: {exc})"

    def run(page: Page) -> str:
        html, url = page
        return clean_html(html, url=url).text or ""

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
    # trafilatura logs a warning per odd page; the table is the report.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    # In JSON mode stdout carries only the JSON object; human messages go to stderr.
    console = make_console(stderr=args.json)
    ids, pages, truths = load_pages(args.limit)
    urls = {page_id: page[1] for page_id, page in zip(ids, pages, strict=True)}

    results: list[SystemResult] = []
    newsweave = load_newsweave()
    if isinstance(newsweave, str):
        if args.json:  # otherwise the note is printed under the table
            console.print(f"[yellow]{newsweave}; scoring the peers only")
        results.append(unavailable(REFERENCE, newsweave))
    else:
        results.append(run_system(REFERENCE, newsweave, pages, truths, repeat=args.repeat))
    peers: list[tuple[str, Callable[[Page], str | None], str]] = [
        (TRAFILATURA, trafilatura_default, "extract() defaults, deduplicate=False"),
        ("trafilatura (precision)", trafilatura_precision, "favor_precision=True"),
        ("jusText", make_justext(), "original benchmark's settings"),
        ("all visible text", all_visible_text, "lxml text_content() without script/style/noscript"),
    ]
    for system, run, note in peers:
        results.append(run_system(system, run, pages, truths, repeat=args.repeat, note=note))

    reference = results[0]
    worst = worst_pages(reference, ids, truths, args.show_worst) if reference.available else []
    payload: dict[str, Any] = {
        "benchmark": NAME,
        "corpus": CORPUS,
        "corpus_sha256": corpus_sha256(data_dir() / CORPUS),
        "pages": len(ids),
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
        title = f"Article body from HTML: {len(ids)} pages of {CORPUS}/, best of {args.repeat} run(s)"
        print_table(title, results, references=[REFERENCE, TRAFILATURA], console=console)
        if args.show_worst:
            if reference.available:
                print_worst(REFERENCE, worst, urls, console=console)
            else:
                console.print("[yellow]--show-worst: newsweave did not run, nothing to show")
    console.print(f"results written to {path}", style="dim")
    return check_floor(reference, args.min_f1, console=console)


if __name__ == "__main__":
    sys.exit(main())
