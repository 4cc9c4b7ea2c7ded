"""The ``newsweave`` command: thin wrappers over :mod:`newsweave.pipeline` and the stages.

Exit codes: 0 success (some inputs may have been rejected: they are reported on stderr), 2 bad
input or options (nothing usable was read, a path does not exist), 1 any other newsweave error.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsweave import __version__, config
from newsweave.cli_eval import eval_app
from newsweave.cli_output import err, fail, progress_bar, report_rejected, say, write_out
from newsweave.config import CleanOptions, IngestOptions, Options, ServeOptions, SummaryOptions, WriterOptions
from newsweave.errors import NewsweaveError, NoArticles, OptionsError, OutputError, StoreNotFound
from newsweave.jsontext import dumps
from newsweave.model import Article, Document, WriterReport
from newsweave.store.base import redact

if TYPE_CHECKING:
    from newsweave.cluster import ClusterOptions

app = typer.Typer(
    name="newsweave",
    help="Turn many news articles about the same events into briefings a reader can check.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(eval_app, name="eval")


class BriefFormat(StrEnum):
    """Output formats of ``newsweave brief``."""

    json = "json"
    markdown = "markdown"
    html = "html"
    terminal = "terminal"


class Writer(StrEnum):
    """Who writes the summary."""

    extractive = "extractive"
    llm = "llm"


class Unsupported(StrEnum):
    """What happens to an LLM sentence the verifier cannot back."""

    drop = "drop"
    mark = "mark"


class CleanFormat(StrEnum):
    """Output formats of ``newsweave clean``."""

    text = "text"
    json = "json"
    jsonl = "jsonl"


Paths = Annotated[list[Path], typer.Argument(help="Files (.txt, .html, .htm, .html.gz, .jsonl) or folders.")]
MaxBytes = Annotated[
    int, typer.Option("--max-bytes", help="Reject files (or JSONL lines) larger than this many bytes.")
]


def _require_store(db: str) -> None:
    """A command that reads a store must not create an empty one by mistake (a typo in the path)."""

    if "://" not in db.removeprefix("sqlite:///") and not Path(db.removeprefix("sqlite:///")).is_file():
        raise StoreNotFound("no store here: run `newsweave ingest SOURCE… --db FILE` first", source=db)


def _brief_stored(db: str, story: str, options: Options, *, since: bool) -> tuple[Any, dict[str, Any], Any]:
    """Brief a stored story and record the briefing; with ``since``, what changed since the last one."""
    from newsweave import render
    from newsweave.pipeline import brief_stored
    from newsweave.store import open_store
    from newsweave.store.changes import changes
    from newsweave.store.ingest import now

    _require_store(db)
    with open_store(db) as store:
        store.story(story)  # raises StoryNotFound with a hint
        articles = store.articles(story)
        previous = store.last_briefing(story) if since else None
        history = store.story_changes(story) if since else []
        briefing = brief_stored(articles, options=options, told=previous.articles if previous else ())
        data = render.to_dict(briefing)
        with store.transaction():
            store.add_briefing(story, [a.id for a in articles], data, now=now())
    return briefing, data, changes(previous, data, story=story, history=history) if since else None


def _secret(option: str, variable: str | None) -> str | None:
    """The secret held by the environment variable an option names (secrets never go on the command line).

    Raises:
        OptionsError: the option names a variable that is unset or empty.
    """
    if not variable:
        return None
    value = os.environ.get(variable)
    if not value:
        raise OptionsError(f"{option} {variable}: that environment variable is not set or empty")
    return value


def _report_writer(report: WriterReport) -> None:
    if report.fallback and report.url:
        err.print(
            f"[yellow]LLM writer[/] {escape(report.fallback)}; the extractive summary is shown instead",
            markup=True,
            highlight=False,
        )
    if report.dropped:
        err.print(
            f"[yellow]verifier[/] {len(report.dropped)} of {report.written} sentences the model wrote are not "
            "supported by the passages they cite (see the briefing's writer section)",
            markup=True,
            highlight=False,
        )


OptionalPaths = Annotated[
    list[Path] | None,
    typer.Argument(help="Files (.txt, .html, .htm, .html.gz, .jsonl) or folders (not with --db)."),
]
OpenStories = Annotated[
    int | None,
    typer.Option(
        "--open-stories",
        help="At most this many stories stay open to new articles (default 10,000; about 25 KB each): about "
        "five days of new stories. Applies to a store that already has stories too.",
    ),
]
Db = Annotated[
    str, typer.Option("--db", help="The store: a SQLite file (created if missing) or postgresql://user@host/db.")
]


@app.command()
def brief(
    paths: OptionalPaths = None,
    format: Annotated[BriefFormat, typer.Option("--format", "-f", help="Output format.")] = BriefFormat.terminal,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    sentences: Annotated[
        int | None, typer.Option("--sentences", "-n", help="At most this many summary sentences [default: 6].")
    ] = None,
    words: Annotated[
        int | None, typer.Option("--words", "-w", help="At most this many summary words (whole sentences).")
    ] = None,
    max_bytes: MaxBytes = IngestOptions.max_bytes,
    writer: Annotated[
        Writer, typer.Option("--writer", help="Who writes the summary: extractive, or an LLM (verified).")
    ] = Writer.extractive,
    llm_url: Annotated[
        str | None, typer.Option("--llm-url", help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1.")
    ] = None,
    llm_model: Annotated[str | None, typer.Option("--llm-model", help="Model name the endpoint serves.")] = None,
    llm_key_env: Annotated[
        str | None, typer.Option("--llm-key-env", help="Environment variable holding the API key (hosted APIs).")
    ] = None,
    llm_timeout: Annotated[float, typer.Option("--llm-timeout", help="Seconds to wait for the model.")] = 60.0,
    llm_retries: Annotated[int, typer.Option("--llm-retries", help="Retries on timeouts, 429 and 5xx.")] = 2,
    llm_unsupported: Annotated[
        Unsupported,
        typer.Option("--llm-unsupported", help="What to do with a sentence the verifier cannot back."),
    ] = Unsupported.drop,
    db: Annotated[str | None, typer.Option("--db", help="Brief a story from this store instead of files.")] = None,
    story: Annotated[str | None, typer.Option("--story", help="The story to brief (with --db).")] = None,
    since: Annotated[
        bool, typer.Option("--since", help="With --db: also show what changed since the story's last briefing.")
    ] = False,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Also list differing values that are not reported as conflicts, and why."),
    ] = False,
) -> None:
    """Build the briefing of one story from its articles.

    Reads every article, cleans it (keeping what was removed and why), finds syndicated copies,
    and writes a summary in which every sentence cites the exact passages of its sources.
    """
    from newsweave import render
    from newsweave.ingest import read_inputs
    from newsweave.pipeline import brief_documents

    try:
        summary = SummaryOptions(sentences=sentences if sentences is not None or words else 6, words=words)
        key = _secret("--llm-key-env", llm_key_env)
        writer_options = WriterOptions(
            writer=writer.value,
            url=llm_url,
            model=llm_model,
            api_key=key,
            timeout=llm_timeout,
            retries=llm_retries,
            unsupported=llm_unsupported.value,
        )
        options = Options(
            ingest=IngestOptions(max_bytes=max_bytes), summary=summary, writer=writer_options, explain=explain
        )
        change: dict[str, object] | None = None
        if db is not None or story is not None:
            if not (db and story):
                raise OptionsError("--db and --story go together: brief --db newsweave.db --story ID")
            if paths:
                raise OptionsError("give either files or --db/--story, not both")
            briefing, data, change = _brief_stored(db, story, options, since=since)
        else:
            if since:
                raise OptionsError("--since needs --db and --story: changes are known only for stored stories")
            if not paths:
                raise OptionsError("give the articles' files or folders, or --db and --story")
            documents, rejected = read_inputs(paths, options=options.ingest)
            bar = progress_bar(len(documents))
            if bar is None:
                briefing = brief_documents(documents, rejected=rejected, options=options)
            else:
                with bar:
                    task = bar.add_task("cleaning", total=len(documents))
                    briefing = brief_documents(
                        documents, rejected=rejected, options=options, progress=lambda _d: bar.advance(task)
                    )
            data = render.to_dict(briefing)
        report_rejected(briefing.rejected)
        _report_writer(briefing.writer)
        render.validate(data)
        if change is not None:
            from newsweave.store.changes import render_changes

            if format is BriefFormat.json:
                data = {**data, "since": change}
            elif format is BriefFormat.html:
                err.print(escape(render_changes(change)), markup=True, highlight=False)
            else:
                sys.stdout.write(render_changes(change) + "\n")
        if format is BriefFormat.terminal:
            if out is not None:
                raise OutputError("--format terminal prints to the terminal; use json, markdown or html with --out")
            render.print_terminal(briefing)
        elif format is BriefFormat.json:
            write_out(dumps(data, indent=2), out)
        elif format is BriefFormat.markdown:
            write_out(render.to_markdown(briefing), out)
        else:
            write_out(render.to_html(briefing), out)
    except NewsweaveError as exc:
        raise fail(exc) from None


@app.command()
def clean(
    paths: Paths,
    format: Annotated[CleanFormat, typer.Option("--format", "-f", help="Output format.")] = CleanFormat.text,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    cross_document: Annotated[
        bool,
        typer.Option(help="Use the other inputs as evidence of what is on-topic (inputs are one story)."),
    ] = False,
    max_bytes: MaxBytes = IngestOptions.max_bytes,
) -> None:
    """Show each input's cleaned body, and what was removed and why.

    With ``--format jsonl``: one JSON object per input (id, source, title, published, language,
    machine_translated, text, removed), for scripts and benchmarks. Inputs are cleaned one by one
    unless ``--cross-document`` says they are articles of one story.
    """
    from newsweave.clean import clean_documents
    from newsweave.ingest import read_inputs
    from newsweave.render.jsonout import plain

    try:
        documents, rejected = read_inputs(paths, options=IngestOptions(max_bytes=max_bytes))
        opts = CleanOptions(cross_document=cross_document, min_body_words=0)
        bar = progress_bar(len(documents))
        articles: list[Article] = []
        if bar is None:
            articles, _none = clean_documents(documents, options=opts)
        else:
            with bar:
                task = bar.add_task("cleaning", total=len(documents))

                def tick(_d: Document) -> None:
                    bar.advance(task)

                articles, _none = clean_documents(documents, options=opts, progress=tick)
        report_rejected(rejected)
        chunks: list[str] = []
        for art in articles:
            record = plain(art)
            if format is CleanFormat.jsonl:
                chunks.append(dumps(record))
            elif format is CleanFormat.json:
                chunks.append(dumps(record, indent=2))
            else:
                chunks.append(_clean_as_text(art))
        if format is CleanFormat.json and len(chunks) != 1:
            chunks = ["[" + ",\n".join(chunks) + "]"]
        write_out("\n".join(chunks), out)
    except NewsweaveError as exc:
        raise fail(exc) from None


def _clean_as_text(art: object) -> str:
    from newsweave.model import Article

    assert isinstance(art, Article)
    head = f"# {art.id}  {art.title or '(no title)'}\n"
    meta = (
        f"source: {art.source}\npublished: {art.published or '?'}  language: {art.language}  "
        f"machine-translated: {'yes' if art.machine_translated else 'no'}\n"
    )
    removed = "\n".join(f"  - [{r.reason}: {r.detail}] {r.text}" for r in art.removed)
    return f"{head}{meta}\n{art.text}\n\nremoved ({len(art.removed)}):\n{removed}\n"


@app.command()
def ingest(
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders, WARC files, feeds (RSS, Atom, JSON Feed, OPML), URLs.")
    ],
    db: Db = "newsweave.db",
    max_bytes: MaxBytes = IngestOptions.max_bytes,
    fetch: Annotated[
        bool, typer.Option("--fetch/--no-fetch", help="Fetch the page of a feed entry that has only a summary.")
    ] = True,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let URLs reach private, loopback and link-local addresses.")
    ] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for each URL.")] = 20.0,
    clean: Annotated[
        bool, typer.Option("--clean/--no-clean", help="Remove boilerplate from text (off: text is extracted already).")
    ] = True,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch", help="Then keep polling the files and folders, ingesting what is new or changed, until Ctrl-C."
        ),
    ] = False,
    interval: Annotated[
        float | None, typer.Option("--interval", help="Seconds between passes of --watch (default 5).")
    ] = None,
    open_stories: OpenStories = None,
) -> None:
    """Read articles into a store and group them into stories, incrementally.

    The same input twice is stored once (its bytes' SHA-256), so re-running a folder that grows adds only
    what is new, and a run that was killed completes without duplicates. Ends with one line of counts.
    With --watch it goes on polling files and folders (not URLs) and reads each new or changed file once
    it has stopped changing; Ctrl-C ends the watch after the pass in progress (twice: at once).
    """
    from newsweave.store import open_store
    from newsweave.store.ingest import ingest_paths

    try:
        options = Options(
            ingest=IngestOptions(max_bytes=max_bytes, fetch=fetch, allow_private=allow_private, timeout=timeout),
            clean=CleanOptions(boilerplate=clean),
        )
        cluster = _cluster_options(open_stories)
        if watch:
            import signal

            from newsweave.store.watch import WATCH_INTERVAL, WatchPass, check_watchable
            from newsweave.store.watch import watch as watch_sources

            check_watchable(sources)  # before the store is opened: a refused run must not create one
        elif interval is not None:
            raise OptionsError("--interval goes with --watch")
        with open_store(db) as store:
            bar = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err)
            if watch:
                stopping: list[bool] = []

                def on_sigint(_signum: int, _frame: object) -> None:
                    if stopping:
                        raise KeyboardInterrupt  # the second Ctrl-C: at once (the open batch is redone next run)
                    stopping.append(True)

                def on_pass(done: WatchPass) -> None:
                    report_rejected(done.report.rejected)
                    for source in done.missing:
                        err.print(f"missing {source}: no such file or folder (still watching it)", markup=False)
                    if done.read or done.report.rejected:
                        got = done.report
                        say(
                            f"pass {done.number}, {len(done.read)} file(s) read: stored {got.stored}, duplicate "
                            f"{got.duplicates}, rejected {len(got.rejected)}"
                        )
                    if done.number == 1:
                        err.print(f"watching every {interval or WATCH_INTERVAL:g} s; Ctrl-C stops", markup=False)

                previous = signal.signal(signal.SIGINT, on_sigint)
                try:
                    report = watch_sources(
                        store,
                        sources,
                        options=options,
                        cluster=cluster,
                        interval=WATCH_INTERVAL if interval is None else interval,
                        stop=lambda: bool(stopping),
                        on_report=on_pass,
                    )
                finally:
                    signal.signal(signal.SIGINT, previous)
            elif err.is_terminal:
                with bar:
                    task = bar.add_task("ingesting", total=None)
                    report = ingest_paths(
                        store, sources, options=options, cluster=cluster, progress=lambda _s: bar.advance(task)
                    )
            else:
                report = ingest_paths(store, sources, options=options, cluster=cluster)
            totals = store.counts()
        if not watch:  # a watch reported them pass by pass
            report_rejected(report.rejected)
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(report.reasons().items()))
        say(
            f"stored {report.stored}, duplicate {report.duplicates}, rejected {len(report.rejected)}"
            f"{f' ({reasons})' if reasons else ''}; {_holds(totals, db)}"
        )
        if not watch and report.rejected and not (report.stored or report.duplicates):
            raise NoArticles(f"nothing was stored: all {len(report.rejected)} inputs were rejected (listed above)")
    except NewsweaveError as exc:
        raise fail(exc) from None


def _holds(totals: dict[str, int], db: str) -> str:
    """The end of `ingest`'s and `batch`'s count line: what the store now holds."""
    return f"the store holds {totals['articles']} articles in {totals['stories']} stories ({redact(db)})"


@app.command()
def reclean(
    db: Db = "newsweave.db",
    clean: Annotated[
        bool, typer.Option("--clean/--no-clean", help="Remove boilerplate from text (off: text is extracted already).")
    ] = True,
) -> None:
    """Clean every input the store holds again, with this newsweave's cleaner (after an upgrade).

    A body that changed replaces the stored one (its story stays); an input rejected before that now
    has a body becomes an article and joins a story; nothing is deleted. Ends with one line of counts.
    """
    from newsweave.store import open_store
    from newsweave.store.ingest import reclean as reclean_store

    try:
        _require_store(db)
        options = Options(clean=CleanOptions(boilerplate=clean))
        with open_store(db) as store:
            if err.is_terminal:
                bar = Progress(
                    TextColumn("re-cleaning"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
                )
                with bar:
                    task = bar.add_task("re-cleaning", total=store.counts().get("raw"))
                    report = reclean_store(store, options=options, progress=lambda _s: bar.advance(task))
            else:
                report = reclean_store(store, options=options)
            totals = store.counts()
        say(
            f"updated {len(report.updated)}, added {len(report.added)}, unchanged {report.unchanged}, "
            f"still rejected {len(report.still_rejected)}, no body now (kept as they were) {len(report.dropped)}; "
            f"{_holds(totals, db)}"
        )
    except NewsweaveError as exc:
        raise fail(exc) from None


class EngineName(StrEnum):
    """Where ``newsweave batch`` runs."""

    local = "local"
    dask = "dask"


def _cluster_options(open_stories: int | None) -> ClusterOptions | None:
    """The clusterer's options a command sets (None: the store's own, or the defaults for a new store)."""
    if open_stories is None:
        return None
    if open_stories < 1:
        raise OptionsError(f"--open-stories must be >= 1, got {open_stories}")
    from newsweave.cluster import ClusterOptions

    return ClusterOptions(max_active=open_stories)


@app.command()
def batch(
    sources: Paths,
    db: Db = "newsweave.db",
    engine: Annotated[EngineName, typer.Option("--engine", help="local (this process) or dask.")] = EngineName.local,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); none: a LocalCluster.")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="Worker processes of the LocalCluster.")] = 2,
    slice_items: Annotated[
        int, typer.Option("--slice", help="Inputs per slice: cleaned, paired, clustered and committed together.")
    ] = config.SLICE_ITEMS,
    max_bytes: MaxBytes = IngestOptions.max_bytes,
    clean: Annotated[
        bool, typer.Option("--clean/--no-clean", help="Remove boilerplate from text (off: text is extracted already).")
    ] = True,
    open_stories: OpenStories = None,
) -> None:
    """Clean, find near-duplicates and cluster a large corpus in one go, on this machine or a Dask cluster.

    The same stage functions as `ingest`, over partitions of files; results land in the same store.
    """
    from newsweave.engines import LocalEngine, run_batch
    from newsweave.store import open_store

    try:
        if workers < 1 or slice_items < 1:
            raise OptionsError(f"--workers and --slice must be >= 1, got {workers} and {slice_items}")
        if scheduler and engine is not EngineName.dask:
            raise OptionsError("--scheduler goes with --engine dask")
        options = Options(ingest=IngestOptions(max_bytes=max_bytes), clean=CleanOptions(boilerplate=clean))
        cluster = _cluster_options(open_stories)
        if engine is EngineName.dask:
            from newsweave.engines.dask_engine import DaskEngine

            runner: Any = DaskEngine(scheduler, workers=workers)
        else:
            runner = LocalEngine()
        try:
            with open_store(db) as store:
                report = run_batch(
                    store, sources, engine=runner, options=options, cluster=cluster, slice_items=slice_items
                )
                totals = store.counts()
        finally:
            runner.close()
        report_rejected(report.rejected)
        timing = ", ".join(f"{k} {v:.1f} s" for k, v in report.seconds.items())
        say(
            f"stored {report.stored}, duplicate {report.duplicates}, rejected {len(report.rejected)}, "
            f"near-duplicates {report.near_duplicates}, stories touched {len(report.stories)} ({report.engine}: "
            f"{timing}); {_holds(totals, db)}"
        )
    except NewsweaveError as exc:
        raise fail(exc) from None


class StoriesFormat(StrEnum):
    """Output formats of ``newsweave stories``."""

    table = "table"
    json = "json"


@app.command()
def stories(
    db: Db = "newsweave.db",
    limit: Annotated[int, typer.Option("--limit", help="List at most this many stories.")] = 50,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many stories first (paging).")] = 0,
    open_only: Annotated[bool, typer.Option("--open", help="Only stories that can still grow.")] = False,
    format: Annotated[StoriesFormat, typer.Option("--format", "-f", help="Output format.")] = StoriesFormat.table,
) -> None:
    """List the stories in a store: title, dates, articles and independent sources, newest first."""
    from newsweave.store import open_store
    from newsweave.store.ingest import count_sources

    try:
        if limit < 1 or offset < 0:
            raise OptionsError("--limit must be >= 1 and --offset >= 0")
        _require_store(db)
        with open_store(db) as store:
            count_sources(store)
            rows = store.stories(limit=limit, offset=offset, open_only=open_only)
        if format is StoriesFormat.json:
            write_out(dumps([dataclasses.asdict(r) for r in rows], indent=2), None)
            return
        table = Table(title=f"{len(rows)} stories in {redact(db)}")
        for col in ("id", "title", "from", "to", "articles", "sources", "open"):
            table.add_column(col, justify="right" if col in ("articles", "sources") else "left")
        for r in rows:
            table.add_row(
                r.id, escape(r.title or "(no title)"), r.first_date or "?", r.last_date or "?",
                str(r.articles), str(r.sources), "yes" if r.open else "no",
            )  # fmt: skip
        Console(highlight=False).print(table)
    except NewsweaveError as exc:
        raise fail(exc) from None


@app.command()
def serve(
    db: Db = "newsweave.db",
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (beyond loopback needs a token).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    token_env: Annotated[
        str | None,
        typer.Option("--token-env", help="Environment variable holding the token write requests must send."),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option("--allowed-host", help="Another Host name the server answers to (repeatable)."),
    ] = None,
    max_request_bytes: Annotated[
        int, typer.Option("--max-request-bytes", help="Largest request body (uploads included).")
    ] = ServeOptions.max_request_bytes,
    max_articles: Annotated[
        int, typer.Option("--max-articles", help="Most articles one request may post or brief.")
    ] = ServeOptions.max_articles,
) -> None:
    """Serve the web app and HTTP API over a store: stories, briefings to check, articles, upload.

    Opens http://127.0.0.1:8000 by default. The API is under /api/v1 (OpenAPI at /api/openapi.json,
    listed at /api). A server listening beyond loopback requires a token for every POST.
    """
    try:
        token = _secret("--token-env", token_env)
        options = ServeOptions(
            host=host,
            port=port,
            token=token,
            max_request_bytes=max_request_bytes,
            max_articles=max_articles,
            allowed_hosts=tuple(allowed_host or ()),
        )
        import uvicorn

        from newsweave.web import create_app

        app_ = create_app(db, options=options)
        err.print(f"serving {redact(db)} on http://{host}:{port} (Ctrl-C stops)", markup=False, highlight=False)
        uvicorn.run(app_, host=host, port=port, log_level="warning", access_log=False)
    except NewsweaveError as exc:
        raise fail(exc) from None


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:  # pragma: no cover - console entry point
    """Entry point for ``python -m newsweave``."""
    app()
