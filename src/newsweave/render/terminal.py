"""A :class:`Briefing` in the terminal, with ``rich``.

A header panel, the summary with its citations, status and notes, a table of sources, the syndication
groups, the analysis in short (claims by status, conflicts with their variants, the timeline, quotes
with their speakers), and one line per article saying how much was removed and why. Input text is
always passed to ``rich`` as :class:`rich.text.Text`, never as a string, so ``[brackets]`` in an
article are not read as markup (and ``Text`` strips terminal control codes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsweave.model import Briefing, Claim, Conflict, Quote, Removed, TimelineEntry
from newsweave.render import views
from newsweave.render.jsonout import ANALYSIS_SECTIONS, plural, word_count
from newsweave.render.views import writer_summary

_REASON_STYLES = {"boilerplate": "blue", "offtopic": "dark_orange", "duplicate": "magenta"}
_STATUS_STYLES = {"consensus": "green", "single_source": "dim", "contested": "bold red"}
_SEVERITY_STYLES = {"contradiction": "bold red", "precision": "yellow"}
_KIND_STYLES = {"happened": "", "planned": "bold blue"}
# Characters of a timeline event or a quote shown on one line; the other formats show them whole.
TEXT_CHARS = 90


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
                ("[" + ", ".join(views.source_labels(briefing, sentence.sources)) + "]", "cyan"),
                " ",
                _status(sentence.status),
            )
        )
        if sentence.verified is False:
            console.print(Text("   NOT SUPPORTED by its sources", style="bold red"))
        if sentence.note:
            console.print(Text.assemble("   ", ("note: ", "bold yellow"), (sentence.note, "yellow")))
    if briefing.writer.url:
        console.print(
            Text(
                f"Writer: {briefing.writer.model} at {briefing.writer.url}; " + writer_summary(briefing.writer),
                style="dim",
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
    _print_claims(briefing, console)
    _print_conflicts(briefing, console)
    _print_timeline(briefing, console)
    _print_quotes(briefing, console)
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


def _print_claims(briefing: Briefing, console: Console) -> None:
    claims, _ = views.split_known("claims", briefing.claims)
    if not claims:
        return
    groups = views.group_claims([c for c in claims if isinstance(c, Claim)])
    line = Text("Claims: ", style="bold")
    line.append(f"{len(groups.contested)} contested", style="bold red" if groups.contested else "")
    line.append(f" · {len(groups.consensus)} consensus", style="green")
    line.append(f" · {len(groups.single_source)} single source", style="dim")
    console.print(line)
    console.print()


def _print_conflicts(briefing: Briefing, console: Console) -> None:
    conflicts = [c for c in views.split_known("conflicts", briefing.conflicts)[0] if isinstance(c, Conflict)]
    if not conflicts:
        return
    console.print(Text(f"Conflicts ({len(conflicts)})", style="bold underline"))
    for conflict in conflicts:
        claim = (f"  claim {conflict.claim}", "dim") if conflict.claim else ""
        console.print(
            Text.assemble(
                "  ",
                (conflict.severity, _SEVERITY_STYLES.get(conflict.severity, "bold red")),
                " ",
                (conflict.kind, "dim"),
                "  ",
                conflict.about,
                claim,
                ("  (copies of one wire story, edited differently)", "yellow") if conflict.within_syndication else "",
            )
        )
        for variant in conflict.variants:
            console.print(
                Text.assemble("    ", (variant.article, "cyan"), "  ", views.shorten(variant.text, TEXT_CHARS))
            )
    console.print()


def _print_timeline(briefing: Briefing, console: Console) -> None:
    known = views.split_known("timeline", briefing.timeline)[0]
    entries = views.timeline_order([e for e in known if isinstance(e, TimelineEntry)])
    if not entries:
        return
    table = Table(title="Timeline", title_justify="left", title_style="bold underline")
    table.add_column("date", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("event", ratio=1)
    table.add_column("sources")
    for e in entries:
        style = _KIND_STYLES.get(e.kind, "")
        table.add_row(
            Text(e.date),
            Text(e.kind, style=style),
            Text(views.shorten(e.text, TEXT_CHARS), style="italic" if e.kind == "planned" else ""),
            Text(", ".join(dict.fromkeys(m.article for m in e.mentions)), style="cyan"),
        )
    console.print(table)
    console.print()


def _print_quotes(briefing: Briefing, console: Console) -> None:
    quotes = [q for q in views.split_known("quotes", briefing.quotes)[0] if isinstance(q, Quote)]
    if not quotes:
        return
    console.print(Text(f"Quotes ({len(quotes)})", style="bold underline"))
    for quote in quotes:
        line = Text.assemble("  “", views.shorten(quote.text, TEXT_CHARS), "” — ")
        line.append(quote.speaker or "speaker unknown", style="bold" if quote.speaker else "dim italic")
        if quote.paraphrase:
            line.append("  paraphrase", style="yellow")
        console.print(line)
        versions = Text("    ")
        for i, (span, said) in enumerate(views.quote_versions(quote)):
            versions.append(", " if i else "")
            versions.append(span.article, style="cyan")
            versions.append(f" ({said})" if said else "", style="dim")
        console.print(versions)
    console.print()


def _status(status: str) -> Text:
    return Text(views.STATUS_LABELS.get(status, status), style=_STATUS_STYLES.get(status, "bold red"))


def _reason_counts(removed: Iterable[Removed]) -> list[tuple[str, int]]:
    return sorted(Counter(piece.reason for piece in removed).items())
