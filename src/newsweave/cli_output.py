"""What every ``newsweave`` command writes to its user: one-line messages and errors on stderr, progress
bars, rejected inputs, and results to stdout or a file (used by :mod:`newsweave.cli` and
:mod:`newsweave.cli_eval`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsweave.errors import NewsweaveError, OptionsError, OutputError
from newsweave.model import Rejected

err = Console(stderr=True, highlight=False, soft_wrap=True)  # one line per message, for grep

# Show a progress bar from this many inputs on (and only on a terminal).
PROGRESS_FROM = 10


def say(text: str) -> None:
    """One plain line on stderr (counts, progress): user text in it is never read as markup."""
    err.print(text, markup=False, highlight=False)


def fail(exc: NewsweaveError) -> typer.Exit:
    # User text (paths, messages) is escaped: "[draft]/a.txt" must not be read as markup.
    err.print(f"[bold red]error[/] {escape(str(exc))}", markup=True, highlight=False)
    return typer.Exit(exc.exit_code)


def report_rejected(rejected: list[Rejected] | tuple[Rejected, ...]) -> None:
    for r in rejected:
        err.print(f"[yellow]skipped[/] {escape(r.source)}: {escape(r.message)}", markup=True, highlight=False)


def progress_bar(total: int) -> Progress | None:
    if total < PROGRESS_FROM or not err.is_terminal:
        return None
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    )


def chosen_systems(text: str, known: Sequence[str]) -> list[str]:
    """The comma-separated systems of ``--systems``.

    Raises:
        OptionsError: none given, or one that is not in ``known``.
    """
    chosen = [x.strip() for x in text.split(",") if x.strip()]
    unknown = [x for x in chosen if x not in known]
    if unknown or not chosen:
        raise OptionsError(f"unknown system {', '.join(unknown) or '(none)'}; choose from {', '.join(known)}")
    return chosen


def report_skipped(dataset: Path, skipped: Sequence[str]) -> None:
    for problem in skipped:
        err.print(f"[yellow]skipped[/] {escape(str(dataset))} {escape(problem)}", markup=True, highlight=False)


def write_out(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write output: {exc.strerror or exc}", source=str(out)) from exc
    err.print(f"wrote {out}", markup=False, highlight=False)
