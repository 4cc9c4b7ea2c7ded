"""Watch mode: files read once they stop changing, duplicates and bad files as in any ingest, a clean stop."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.errors import OptionsError, SourceNotFound
from newsweave.store import open_store
from newsweave.store.ingest import IngestReport
from newsweave.store.watch import Watcher, WatchPass, watch

FLOODS = (
    "The regional council approved a new flood defence plan on Tuesday after months of debate. "
    "The plan adds two kilometres of barriers along the river and a pumping station near the old port.\n\n"
    "Council leader Maria Jensen said the work would start in spring and take three years to finish. "
    "Residents of the lower town, which flooded twice last winter, welcomed the vote but asked for faster work."
)
MUSEUM = (
    "A new museum of maritime history opened its doors in the harbour district on Saturday. "
    "Its collection includes three restored fishing boats and a century of photographs of the port. "
    "The director, Tomas Berg, said ten thousand visitors were expected in the first month. "
    "Entry is free for children under twelve, and the cafe on the roof overlooks the water."
)
TRAINS = (
    "The national rail operator announced that night trains to the north will run again from June. "
    "Sleeper carriages bought second-hand from a neighbouring country are being refitted in the capital. "
    "A spokesperson, Elin Dahl, said tickets would go on sale in April at prices close to a flight. "
    "Environmental groups welcomed the return of the service, which was cut ten years ago."
)
SCHOOL = (
    "The city's oldest school will close at the end of the year after enrolment fell by half in a decade. "
    "Its two hundred pupils will move to a new building across the park, which opens in August. "
    "Head teacher Anna Lund said the move was sad but that the old building could no longer be heated. "
    "Parents asked the council to keep the school's library open for the neighbourhood."
)


def _until(condition: Callable[[], bool], what: str, deadline: float = 60.0) -> None:
    """Wait for ``condition`` (checked every 20 ms); fail with ``what`` if it never holds."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def _place(folder: Path, name: str, text: str | bytes) -> Path:
    """Write a file in one go, as a careful producer does: a dot-file (never read), renamed into place."""
    tmp = folder / f".{name}.part"
    if isinstance(text, bytes):
        tmp.write_bytes(text)
    else:
        tmp.write_text(text, encoding="utf-8")
    return tmp.replace(folder / name)


def test_a_file_is_read_once_it_has_stopped_changing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _place(folder, "floods.txt", FLOODS)
    with open_store(tmp_path / "n.db") as store:
        watcher = Watcher(store, [folder])
        first = watcher.poll()  # the first pass reads everything there, as a plain ingest does
        assert (first.number, first.report.stored, first.read) == (1, 1, (str(folder / "floods.txt"),))
        assert watcher.poll().read == ()  # nothing changed: nothing read

        half, rest = MUSEUM[: len(MUSEUM) // 2], MUSEUM[len(MUSEUM) // 2 :]
        _place(folder, "museum.txt", half)
        seen = watcher.poll()
        assert seen.waiting == (str(folder / "museum.txt"),) and seen.read == ()  # new: wait one pass
        with (folder / "museum.txt").open("a", encoding="utf-8") as fh:  # the writer goes on
            fh.write(rest)
        grew = watcher.poll()
        assert grew.waiting == (str(folder / "museum.txt"),) and grew.read == ()  # changed: wait again
        settled = watcher.poll()
        assert settled.read == (str(folder / "museum.txt"),) and settled.report.stored == 1
        assert watcher.poll().read == ()

        stored = {a.source: a for a in store.articles()}
        assert "cafe on the roof" in stored[str(folder / "museum.txt")].text  # the whole file, not its first half
        assert store.counts()["articles"] == 2


def test_unsupported_files_are_rejected_once_and_deleted_sources_come_back(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _place(folder, "floods.txt", FLOODS)
    with open_store(tmp_path / "n.db") as store:
        watcher = Watcher(store, [folder])
        watcher.poll()
        _place(folder, "notes.md", "# not an article")
        watcher.poll()
        assert watcher.poll().report.reasons() == {"unsupported": 1}
        assert watcher.poll().report.rejected == []  # reported once, not every pass

        shutil.rmtree(folder)
        gone = watcher.poll()
        assert gone.missing == (str(folder),) and gone.read == ()
        assert watcher.poll().missing == ()  # said once
        folder.mkdir()
        _place(folder, "floods.txt", FLOODS)
        watcher.poll()
        back = watcher.poll()
        assert back.read == (str(folder / "floods.txt"),)
        assert (back.report.stored, back.report.duplicates) == (0, 1)  # the same bytes: stored once
        assert store.counts()["articles"] == 1


def test_watch_in_a_thread_stores_new_files_and_stops_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _place(folder, "floods.txt", FLOODS)
    db = tmp_path / "n.db"
    stop = threading.Event()
    passes: list[WatchPass] = []
    results: list[IngestReport] = []
    errors: list[BaseException] = []
    rest = TRAINS[len(TRAINS) // 2 :]

    def on_report(done: WatchPass) -> None:
        # Runs in the watch thread between passes: the second half of trains.txt is written after a
        # pass has seen the first half, so the next pass must find the file changed and wait again.
        partial = str(folder / "trains.txt")
        if partial in done.waiting and not any(partial in p.waiting for p in passes):
            with (folder / "trains.txt").open("a", encoding="utf-8") as fh:
                fh.write(rest)
        passes.append(done)

    def run() -> None:
        try:
            with open_store(db) as store:
                results.append(watch(store, [folder], stop=stop, interval=0.05, on_report=on_report))
        except BaseException as exc:  # surfaced in the test thread below
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:

        def total(field: str) -> int:
            return sum(getattr(p.report, field) for p in list(passes))

        def reasons() -> list[str]:
            return [r.reason for p in list(passes) for r in p.report.rejected]

        _until(lambda: total("stored") == 1, "the first pass")
        _place(folder, "museum.txt", MUSEUM)
        _until(lambda: total("stored") == 2, "a new file")
        shutil.copy(folder / "museum.txt", folder / "museum-copy.txt")
        _until(lambda: total("duplicates") == 1, "a copy")
        _place(folder, "bad.txt", bytes(range(256)) * 20)
        _until(lambda: reasons() == ["binary"], "a bad file")
        _place(folder, "trains.txt", TRAINS[: len(TRAINS) // 2])  # written in two steps (see on_report)
        _place(folder, "school.txt", SCHOOL)
        _until(lambda: total("stored") == 4, "the two last files")
        assert not errors and thread.is_alive()
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive() and not errors
    [report] = results
    assert (report.stored, report.duplicates, report.reasons()) == (4, 1, {"binary": 1})
    reads = [path for p in passes for path in p.read]
    assert reads.count(str(folder / "trains.txt")) == 1  # read once, when whole
    with open_store(db) as store:
        articles = {Path(a.source).name: a for a in store.articles()}
        assert sorted(articles) == ["floods.txt", "museum.txt", "school.txt", "trains.txt"]
        assert "ten years ago" in articles["trains.txt"].text
        assert store.counts()["rejected"] == 1


def test_urls_and_bad_intervals_are_refused(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        with pytest.raises(OptionsError, match="on a schedule"):
            watch(store, [tmp_path, "https://example.com/feed.rss"], stop=lambda: True)
        with pytest.raises(OptionsError, match="--interval"):
            watch(store, [tmp_path], stop=lambda: True, interval=0)
        with pytest.raises(SourceNotFound):
            watch(store, [tmp_path / "nothing-here"], stop=lambda: True)
    runner = CliRunner()
    db = tmp_path / "other.db"
    result = runner.invoke(app, ["ingest", "https://example.com/feed.rss", "--db", str(db), "--watch"])
    assert result.exit_code == 2 and "NW201" in result.output
    assert not db.exists()  # refused before a store was created
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db), "--interval", "1"])
    assert result.exit_code == 2 and "--watch" in result.output


def test_a_stop_callable_ends_the_watch_after_the_first_pass(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _place(folder, "floods.txt", FLOODS)
    passes: list[WatchPass] = []
    with open_store(tmp_path / "n.db") as store:
        report = watch(store, [folder], stop=lambda: True, interval=60, on_report=passes.append)
    assert report.stored == 1 and [p.number for p in passes] == [1]


def _articles(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_cli_watch_ingests_a_new_file_and_ctrl_c_ends_with_the_count_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _place(folder, "floods.txt", FLOODS)
    db = tmp_path / "n.db"
    cmd = [sys.executable, "-m", "newsweave", "ingest", str(folder), "--db", str(db), "--watch", "--interval", "0.2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _until(lambda: _articles(db) == 1 or proc.poll() is not None, "the first pass")
        assert proc.poll() is None, proc.communicate()[1]
        _place(folder, "museum.txt", MUSEUM)
        _until(lambda: _articles(db) == 2 or proc.poll() is not None, "the new file")
        assert proc.poll() is None, proc.communicate()[1]
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, stderr
    assert "stored 2, duplicate 0, rejected 0; the store holds 2 articles in" in stderr
    assert "Traceback" not in stderr
