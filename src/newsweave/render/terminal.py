"""A :class:`Briefing` in the terminal, with ``rich``.

A header panel, the summary with its citations, a table of sources, the syndication groups, and one
line per article saying how much was removed and why. Input text is always passed to ``rich`` as
:class:`rich.text.Text`, never as a string, so ``[brackets]`` in an article are not read as markup
(and ``Text`` strips terminal control codes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsweave.model import Briefing, Removed
from newsweave.render.jsonout import ANALYSIS_SECTIONS, plural, word_count

_REASON_STYLES = {"boilerplate": "blue", "offtopic": "dark_orange", "duplicate": "magenta"}


def print_terminal(briefing: Briefing, console: Console | None = None) -> None:
    """Print a briefing to the terminal.

    Args:
        briefing: the briefing to show.
        console: where to print; a new :class:`rich.console.Console` on stdout by default.
    """
    console = console or Console()
    console.print(_header(briefing))
    console.print(Text("Summary", style="bold underline"))
    if not briefing.summary:
        console.print(Text("No sentence was supported by the sources.", style="dim"))
    for n, sentence in enumerate(briefing.summary, 1):
        console.print(
            Text.assemble(
                (f"{n}. ", "bold"),
                sentence.text,
                " ",
                ("[" + ", ".join(sentence.sources) + "]", "cyan"),
            )
        )
    console.print()
    console.print(_sources(briefing))
    if briefing.syndication:
        console.print(Text("Syndication (a group counts as one independent source)", style="bold underline"))
        for group in briefing.syndication:
            similarity = (f"  similarity {group.similarity:.2f}", "dim")
            console.print(Text.assemble("  ", ", ".join(group.articles), similarity))
        console.print()
    analysis = [f"{len(getattr(briefing, n))} {n}" for n in ANALYSIS_SECTIONS if getattr(briefing, n)]
    if analysis:
        console.print(Text("Analysis: " + ", ".join(analysis), style="bold"))
        console.print()
    console.print(Text("Removed from each article", style="bold underline"))
    for article in briefing.articles:
        line = Text.assemble((f"  {article.id}", "bold"), "  ")
        if not article.removed:
            line.append("nothing removed", style="dim")
        for i, (reason, n) in enumerate(_reason_counts(article.removed)):
            line.append(", " if i else f"{len(article.removed)} removed: ")
            line.append(f"{n} {reason}", style=_REASON_STYLES.get(reason, ""))
        console.print(line)
    if briefing.rejected:
        console.print()
        console.print(Text(f"Rejected inputs ({len(briefing.rejected)})", style="bold underline red"))
        for r in briefing.rejected:
            console.print(Text.assemble("  ", r.source, " ", (r.reason, "red"), ": ", r.message))


def _header(briefing: Briefing) -> Panel:
    story = briefing.story
    facts = (
        f"{story.date or 'date unknown'} · {plural(len(briefing.articles), 'article')} · "
        f"{plural(briefing.independent_sources(), 'independent source')}"
    )
    if briefing.rejected:
        facts += f" · {plural(len(briefing.rejected), 'rejected input')}"
    return Panel(Group(Text(story.title or "Untitled story", style="bold"), Text(facts, style="dim")))


def _sources(briefing: Briefing) -> Table:
    table = Table(title="Sources", title_justify="left", title_style="bold underline")
    for name in ("id", "outlet", "title", "published", "lang", "MT"):
        table.add_column(name)
    table.add_column("words", justify="right")
    table.add_column("removed", justify="right")
    for a in briefing.articles:
        table.add_row(
            *(Text(v or "—") for v in (a.id, a.outlet, a.title, a.published, a.language)),
            Text("yes" if a.machine_translated else "no"),
            Text(str(word_count(a.text))),
            Text(str(len(a.removed))),
        )
    return table


def _reason_counts(removed: Iterable[Removed]) -> list[tuple[str, int]]:
    return sorted(Counter(piece.reason for piece in removed).items())
