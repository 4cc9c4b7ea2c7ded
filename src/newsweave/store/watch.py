"""Watch files and folders and ingest what arrives, until stopped (``newsweave ingest --watch``).

The first pass is a plain ingest of everything in the sources. Each later pass lists the sources
again (the same discovery as ingest: folders recursively, dot-files skipped) and reads only the files
whose size or modification time changed since they were last read, through the same path as
:func:`newsweave.store.ingest.ingest_documents`; so a file read twice, or a copy of one already
stored, is a ``duplicate`` as in any other run.

Plain polling, no file-system events: a pass lists the folders, stats each file and reads nothing
that has not changed; it behaves the same on network file systems and on folders shared into a
container or VM, where inotify and its kin miss changes, and it needs no dependency. URLs are not
watched (see :func:`check_watchable`).
"""

from __future__ import annotations

import dataclasses
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.cluster import ClusterOptions
from newsweave.config import Options
from newsweave.errors import OptionsError, SourceNotFound
from newsweave.ingest import discover, is_url, read_file
from newsweave.model import Document, Rejected
from newsweave.store.base import Store
from newsweave.store.ingest import IngestReport, ingest_documents

# Seconds between passes: a new file is stored between one and two intervals after it was last
# written (it is read on the second pass that sees it unchanged). A pass that reads nothing costs the
# listing and stats: about 0.3 s for a folder of 10,000 files (measured with Watcher.poll on
# the development machine), so 5 s keeps an idle watch of such a folder to a few percent of one core.
WATCH_INTERVAL = 5.0
# How often a ``stop`` callable is asked while waiting between passes (an Event wakes at once).
STOP_CHECK = 0.1

# A file's (size, modification time in ns): what a pass compares, without opening the file.
Signature = tuple[int, int]


@dataclass(frozen=True)
class WatchPass:
    """What one pass of :func:`watch` did.

    Attributes:
        number: 1 for the first pass (everything in the sources), then 2, 3 …
        read: files read in this pass: new or changed, and unchanged since the previous pass.
        waiting: files new or changed since the previous pass, left for a later pass until they
            stop changing (see :class:`Watcher`).
        missing: sources that disappeared since the previous pass (watched again if they return).
        report: what ingesting the files read did.
    """

    number: int
    read: tuple[str, ...] = ()
    waiting: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    report: IngestReport = field(default_factory=IngestReport)


def check_watchable(sources: Iterable[str | Path]) -> None:
    """Refuse URLs among the sources of a watch.

    A URL is not re-polled: a pass every few seconds is far too often for someone else's server,
    and a page or feed fetched again tells nothing about whether it changed without downloading it.
    Following a feed is a scheduled ``newsweave ingest URL…`` (cron, a systemd timer): ingest is
    idempotent, so each run stores only the new entries.

    Raises:
        OptionsError: a source is a URL.
    """
    urls = [str(s) for s in sources if is_url(s)]
    if urls:
        raise OptionsError(
            f"--watch polls files and folders, not URLs ({urls[0]}): to follow a feed, run "
            "`newsweave ingest URL… --db …` on a schedule (cron, a systemd timer); ingest is idempotent, "
            "so each run stores only what is new"
        )


class Watcher:
    """Passes over a fixed list of files and folders, each reading what is new or changed.

    The rule for files still being written: a file is read only once two passes in a row have seen
    the same size and modification time. A file that is new, or changed since the previous pass, is
    *waiting*; it is read on the next pass that finds it unchanged. So a file being written is not
    read half-written unless its writer pauses for longer than the interval between passes; to rule
    that out, write to a dot-file (never read from a watched folder) or another folder and rename it
    into place. The first pass reads everything, as a plain ingest does.

    A changed file is read whole again: the lines of a JSONL file that grows are ``duplicate`` but
    the new ones, and a text file rewritten with other words becomes another article (the first one
    stays stored). Files deleted are forgotten; nothing is removed from the store.

    Args:
        store: the store (used from the thread that calls :meth:`poll`).
        sources: files and folders.
        options: reading and cleaning options.
        cluster: the clusterer's options, for a store that has no clusterer state yet.

    Raises:
        OptionsError: a source is a URL (see :func:`check_watchable`).
    """

    def __init__(
        self,
        store: Store,
        sources: Sequence[str | Path],
        *,
        options: Options | None = None,
        cluster: ClusterOptions | None = None,
    ) -> None:
        check_watchable(sources)
        self._store = store
        self._sources = [Path(s) for s in sources]
        self._options = options or Options()
        self._cluster = cluster
        self._passes = 0
        self._seen: dict[Path, Signature] = {}  # as the previous pass saw each file
        self._read: dict[Path, Signature] = {}  # as each file was when it was last read
        self._missing: set[Path] = set()

    def poll(self) -> WatchPass:
        """Make one pass: list the sources, read the files that are due, store them.

        Returns:
            What the pass read, what it left waiting, and the ingest report.

        Raises:
            SourceNotFound: on the first pass, a source does not exist (later passes report it as
                missing and go on).
            StoreError: the store failed.
        """
        first = self._passes == 0
        self._passes += 1
        found, folder_rejections, missing, unscanned = self._scan(first)
        due: list[tuple[Path, Rejected | None]] = []
        waiting: list[str] = []
        # A source that could not be listed this time keeps its files as they were (not forgotten).
        current = {p: s for p, s in self._seen.items() if any(_within(p, u) for u in unscanned)}
        for path, rejection in found.items():
            sig = _signature(path)
            if sig is None:
                continue  # gone (or unreadable) since it was listed: the next pass sees what is there
            current[path] = sig
            if self._read.get(path) == sig:
                continue
            if first or self._seen.get(path) == sig:
                due.append((path, rejection))
            else:
                waiting.append(str(path))
        report = IngestReport()
        if due or folder_rejections:
            report = ingest_documents(
                self._store, self._items(due, folder_rejections), options=self._options, cluster=self._cluster
            )
        # Forget deleted files, so that one put back is read again (its bytes may be new).
        self._read = {p: s for p, s in self._read.items() if p in current}
        self._read.update((path, current[path]) for path, _ in due)
        self._seen = current
        gone = sorted(missing - self._missing)
        self._missing = missing
        return WatchPass(
            number=self._passes,
            read=tuple(str(p) for p, _ in due),
            waiting=tuple(waiting),
            missing=tuple(str(p) for p in gone),
            report=report,
        )

    def _scan(self, first: bool) -> tuple[dict[Path, Rejected | None], list[Rejected], set[Path], list[Path]]:
        """List the sources.

        Returns:
            The files, each with the rejection discovery gave it (a file of another type inside a
            folder) or ``None`` (to be read); the rejections of whole folders (first pass only: an
            empty folder is how a watch often starts); the sources that no longer exist; the sources
            that could not be listed this time (a subfolder deleted while it was being walked).
        """
        found: dict[Path, Rejected | None] = {}
        folder_rejections: list[Rejected] = []
        missing: set[Path] = set()
        unscanned: list[Path] = []
        for source in self._sources:
            try:
                files, rejected = discover([source], options=self._options.ingest)
            except SourceNotFound:
                if first:
                    raise
                missing.add(source)
                continue
            except OSError:
                if first:
                    raise
                unscanned.append(source)
                continue
            found.update((path, None) for path in files)  # a file named as a source is read, whatever its type
            for r in rejected:
                path = Path(r.source)
                if path.is_file():
                    found.setdefault(path, r)
                elif first:
                    folder_rejections.append(r)
        return found, folder_rejections, missing, unscanned

    def _items(
        self, due: list[tuple[Path, Rejected | None]], folder_rejections: list[Rejected]
    ) -> Iterator[Document | Rejected]:
        yield from folder_rejections
        for path, rejection in due:
            if rejection is not None:
                yield rejection
            else:
                yield from read_file(path, options=self._options.ingest)


def watch(
    store: Store,
    sources: Sequence[str | Path],
    *,
    stop: Callable[[], bool] | threading.Event,
    interval: float = WATCH_INTERVAL,
    options: Options | None = None,
    cluster: ClusterOptions | None = None,
    on_report: Callable[[WatchPass], None] | None = None,
) -> IngestReport:
    """Ingest files and folders, then keep polling them and ingest what is new or changed, until stopped.

    Each pass is one :meth:`Watcher.poll` (which says when a file is read: once it has stopped
    changing); the first pass always runs, and ``stop`` is checked after every pass and while waiting
    between passes. A pass in progress is finished, never cut short.

    Args:
        store: the store (used from the calling thread only).
        sources: files and folders; not URLs.
        stop: a :class:`threading.Event`, or a callable that returns True once the watch should end
            (asked every :data:`STOP_CHECK` seconds while waiting).
        interval: seconds between the start of one wait and the next pass.
        options: reading and cleaning options.
        cluster: the clusterer's options, for a store that has no clusterer state yet.
        on_report: called after every pass (including passes that read nothing) with what it did.

    Returns:
        The counts of all passes together.

    Raises:
        OptionsError: ``interval`` is not positive, or a source is a URL.
        SourceNotFound: a source does not exist at the start.
        StoreError: the store failed.
    """
    if not interval > 0:
        raise OptionsError(f"--interval must be > 0 seconds, got {interval}")
    watcher = Watcher(store, sources, options=options, cluster=cluster)
    stopped = stop.is_set if isinstance(stop, threading.Event) else stop
    total = IngestReport()
    while True:
        done = watcher.poll()
        _add(total, done.report)
        if on_report:
            on_report(done)
        if stopped() or _wait(stop, interval):
            return total


def _wait(stop: Callable[[], bool] | threading.Event, seconds: float) -> bool:
    """Wait ``seconds``; True as soon as a stop is asked for."""
    if isinstance(stop, threading.Event):
        return stop.wait(seconds)
    deadline = time.monotonic() + seconds
    while not stop():
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(left, STOP_CHECK))
    return True


def _signature(path: Path) -> Signature | None:
    try:
        st = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return st.st_size, st.st_mtime_ns


def _within(path: Path, source: Path) -> bool:
    return path == source or source in path.parents


def _add(total: IngestReport, part: IngestReport) -> None:
    """Add one pass's counts to the total (field by field: counts add, lists extend, sets join)."""
    for f in dataclasses.fields(IngestReport):
        mine, theirs = getattr(total, f.name), getattr(part, f.name)
        if isinstance(mine, set):
            mine |= theirs
        elif isinstance(mine, list):
            mine.extend(theirs)
        else:
            setattr(total, f.name, mine + theirs)
