"""``newsweave eval``: score newsweave on labelled benchmarks, beside baselines run in the same process."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from newsweave.cli_output import chosen_systems, fail, progress_bar, report_skipped, write_out
from newsweave.errors import NewsweaveError, OptionsError
from newsweave.jsontext import dumps

# The systems of newsweave.evaluate.summaries.SYSTEMS (not imported here: it pulls in the whole pipeline).
SUMMARY_SYSTEMS = ("newsweave", "lead", "lead-first", "lexrank", "textrank")

eval_app = typer.Typer(
    help="Score newsweave on labelled benchmarks, beside baselines run in the same process.",
    no_args_is_help=True,
)


@eval_app.command("summaries")
def eval_summaries(
    dataset: Annotated[Path, typer.Argument(help='JSONL, one story a line: {"id", "documents", "summaries"}.')],
    words: Annotated[int, typer.Option("--words", "-w", help="Word budget every summary is cut to.")] = 250,
    systems: Annotated[
        str, typer.Option("--systems", help="Comma-separated: newsweave, lead, lead-first, lexrank, textrank.")
    ] = ",".join(SUMMARY_SYSTEMS),
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N stories.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object: scores and newsweave's summaries.")
    ] = False,
) -> None:
    """ROUGE-1/2/Lsum of the summariser and the baselines on a multi-document benchmark.

    Every system gets the same sentences and is cut to the same word budget (250 for Multi-News,
    70 for NeuS); speed is stories per second of each summariser alone.
    """
    from newsweave.evaluate import summaries as S

    try:
        if words < 1:
            raise OptionsError(f"--words must be >= 1, got {words}")
        chosen = chosen_systems(systems, S.SYSTEMS)
        stories, skipped = S.read_dataset(dataset, limit=limit)
        report_skipped(dataset, skipped)
        bar = progress_bar(len(stories) * len(chosen)) if not as_json else None
        if bar is None:
            report = S.evaluate(stories, words=words, systems=chosen)
        else:
            with bar:
                task = bar.add_task("summarising", total=len(stories) * len(chosen))
                report = S.evaluate(
                    stories,
                    words=words,
                    systems=chosen,
                    progress=lambda name: bar.update(task, advance=1, description=name),
                )
        if as_json:
            write_out(dumps(report.to_dict()), None)
            return
        table = Table(title=f"{dataset.name}: {report.stories} stories, {words}-word budget (ROUGE F1 x 100)")
        for col in ("system", "R-1", "R-2", "R-Lsum", "stories/s"):
            table.add_column(col, justify="left" if col == "system" else "right")
        for name, sc in report.scores.items():
            table.add_row(
                name,
                f"{sc['rouge1']:.2f}",
                f"{sc['rouge2']:.2f}",
                f"{sc['rougeLsum']:.2f}",
                f"{sc['stories_per_second']:.1f}",
            )
        Console(highlight=False).print(table)
    except NewsweaveError as exc:
        raise fail(exc) from None


@eval_app.command("stories")
def eval_stories(
    dataset: Annotated[
        Path, typer.Argument(help='JSONL, one article a line: {"id", "title", "text", "date", "cluster"}.')
    ],
    limit: Annotated[int | None, typer.Option("--limit", help="Use only the first N rows.")] = None,
    systems: Annotated[str, typer.Option("--systems", help="Comma-separated: newsweave, tfidf.")] = "newsweave,tfidf",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object: scores and newsweave's assignments.")
    ] = False,
) -> None:
    """B-cubed precision, recall and F1 of the incremental story clusterer, beside a TF-IDF baseline.

    Rows are streamed in date order (undated first, ties in file order), as a live stream would arrive.
    """
    from newsweave.evaluate import stories as S

    try:
        chosen = chosen_systems(systems, S.SYSTEMS)
        rows, skipped = S.read_dataset(dataset, limit=limit)
        report_skipped(dataset, skipped)
        bar = progress_bar(len(rows) * len(chosen)) if not as_json else None
        if bar is None:
            report = S.evaluate(rows, systems=chosen)
        else:
            with bar:
                task = bar.add_task("clustering", total=len(rows) * len(chosen))
                report = S.evaluate(
                    rows, systems=chosen, progress=lambda name: bar.update(task, advance=1, description=name)
                )
        report.skipped = skipped
        if as_json:
            write_out(dumps(report.to_dict()), None)
            return
        table = Table(title=f"{dataset.name}: {report.articles} articles, B-cubed")
        for col in ("system", "precision", "recall", "F1", "stories (gold)", "articles/s"):
            table.add_column(col, justify="left" if col == "system" else "right")
        for name, sc in report.scores.items():
            table.add_row(
                name, f"{sc['precision']:.3f}", f"{sc['recall']:.3f}", f"{sc['f1']:.3f}",
                f"{sc['stories']:.0f} ({sc['gold_stories']:.0f})", f"{sc['articles_per_second']:.0f}",
            )  # fmt: skip
        Console(highlight=False).print(table)
    except NewsweaveError as exc:
        raise fail(exc) from None
