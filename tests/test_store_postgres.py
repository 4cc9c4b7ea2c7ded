"""The PostgreSQL store against a real server, started by the tests on 127.0.0.1 from the machine's
PostgreSQL binaries (``initdb``, ``pg_ctl``); skipped, saying why, where there are none."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.errors import StoreError
from newsweave.model import Document, Rejected
from newsweave.store import open_store
from newsweave.store.ingest import count_sources, ingest_documents, ingest_paths
from newsweave.store.schema import MIGRATIONS

pytest.importorskip("psycopg")


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _as_postgres(cmd: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server as the ``postgres`` user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    base = Path(tempfile.mkdtemp(prefix="newsweave-pg-"))  # not under pytest's root-only folders
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    data = base / "data"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run(
        _as_postgres([initdb, "-D", str(data), "-A", "trust", "-U", "newsweave", "--no-sync", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_postgres([pg_ctl, "-D", str(data), "-o", options, "-l", str(base / "log"), "-w", "start"]),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://newsweave@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def dsn(postgres: str) -> Iterator[str]:
    """A fresh database per test."""
    import psycopg

    name = f"t{os.urandom(4).hex()}"
    with psycopg.connect(postgres, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    yield postgres.rsplit("/", 1)[0] + f"/{name}"


def test_ingest_is_idempotent_and_keeps_the_raw_bytes(dsn: str, example_dir: Path, bulk_lookups) -> None:
    with open_store(dsn) as store:
        first = ingest_paths(store, [example_dir])
        again = ingest_paths(store, [example_dir])
        assert (first.stored, again.stored, again.duplicates) == (5, 0, 5)
        for article in store.articles():
            raw = store.raw(article.sha256)
            assert raw is not None and hashlib.sha256(raw).hexdigest() == article.sha256
        bulk_lookups(store)
        count_sources(store)
        biggest = max(store.stories(), key=lambda s: s.articles)
        assert biggest.articles >= 4 and 1 <= biggest.sources <= biggest.articles
    with open_store(dsn) as store:  # reopening migrates nothing and finds everything
        assert store.counts()["articles"] == 5 and store.schema_version == len(MIGRATIONS)


def test_a_bulk_write_reads_back_as_one_by_one(dsn: str, bulk_write) -> None:
    with open_store(dsn) as store:
        bulk_write(store)


def test_a_crash_mid_ingest_then_a_rerun(dsn: str) -> None:
    docs = []
    for i in range(7):
        text = f"Council report number {i}: the flood barrier project moved forward with {i * 11} new workers."
        text = " ".join([text] * 4)
        docs.append(Document(f"d{i}", f"g/{i}.txt", text, "text", sha256=hashlib.sha256(text.encode()).hexdigest(),
                             raw=text.encode()))  # fmt: skip

    def crashing() -> Iterator[Document | Rejected]:
        yield from docs[:3]
        raise RuntimeError("killed")

    with open_store(dsn) as store:
        with pytest.raises(RuntimeError):
            ingest_documents(store, crashing(), batch=2)
        assert store.counts()["articles"] == 2
        report = ingest_documents(store, iter(docs), batch=2)
        assert (report.stored, report.duplicates) == (5, 2)
        assert len({a.sha256 for a in store.articles()}) == 7


def test_cli_with_a_postgres_store(dsn: str, example_dir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(example_dir), "--db", dsn])
    assert result.exit_code == 0, result.output
    listed = json.loads(runner.invoke(app, ["stories", "--db", dsn, "--format", "json"]).stdout)
    story = max(listed, key=lambda s: s["articles"])["id"]
    result = runner.invoke(app, ["brief", "--db", dsn, "--story", story, "--since", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["since"]["previous"] is None


def test_the_web_app_over_a_postgres_store(dsn: str, example_dir: Path) -> None:
    """Search (LIKE with an escape character), article reads and cached briefings in PostgreSQL's SQL."""
    from fastapi.testclient import TestClient

    from newsweave.config import ServeOptions
    from newsweave.web import create_app

    with open_store(dsn) as store:
        ingest_paths(store, [example_dir])
    with TestClient(create_app(dsn, options=ServeOptions(allowed_hosts=("testserver",)))) as client:
        found = client.get("/api/v1/stories", params={"q": "VEDOMOSTI putin", "open": "true"}).json()
        assert found["total"] == 1
        assert client.get("/api/v1/stories", params={"q": "100%_"}).json()["total"] == 0
        sid = found["stories"][0]["id"]
        story = client.get(f"/api/v1/stories/{sid}").json()
        art = client.get(f"/api/v1/articles/{story['articles'][0]['id']}").json()
        assert art["story"] == sid and art["removed"] is not None
        briefing = client.get(f"/api/v1/stories/{sid}/briefing")
        assert briefing.status_code == 200 and len(briefing.json()["articles"]) == story["story"]["articles"]
        posted = client.post("/api/v1/articles", json={"articles": [{"text": "A bridge collapsed. " * 40}]})
        assert posted.json()["stored"] == 1


def test_an_unreachable_server_is_a_clear_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError, match="cannot use the PostgreSQL store"):
        open_store(f"postgresql://newsweave:secret@127.0.0.1:{port}/x")
    try:
        open_store(f"postgresql://newsweave:secret@127.0.0.1:{port}/x")
    except StoreError as exc:
        assert "secret" not in str(exc)  # the password never reaches a message


def test_no_password_is_ever_printed(dsn: str, example_dir: Path) -> None:
    # the server trusts every password: whatever is given, the run succeeds, and none of it is shown
    for secret, written in (("s3cr@t:w/rd", "s3cr%40t%3Aw%2Frd"), ("Plain-Pass-42", "Plain-Pass-42")):
        url = dsn.replace("newsweave@", f"newsweave:{written}@")
        runner = CliRunner()
        result = runner.invoke(app, ["ingest", str(example_dir), "--db", url])
        assert result.exit_code == 0, result.output
        listed = runner.invoke(app, ["stories", "--db", url])
        for out in (result.output, listed.output):
            assert secret not in out and written not in out and "s3cr" not in out
            assert "newsweave:***@" in out


def test_two_ingests_on_a_fresh_database_do_not_race_on_the_schema(dsn: str, example_dir: Path) -> None:
    import sys

    code = (
        "import sys; from newsweave.store import open_store\nwith open_store(sys.argv[1]) as s: print(s.schema_version)"
    )
    runs = [subprocess.Popen([sys.executable, "-c", code, dsn], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(3)]  # fmt: skip
    outs = [p.communicate(timeout=60) for p in runs]
    assert [p.returncode for p in runs] == [0, 0, 0], [o[1].decode()[-300:] for o in outs]
    assert {o[0].decode().strip() for o in outs} == {str(len(MIGRATIONS))}


def test_a_server_that_goes_away_is_one_line_and_keeps_what_was_committed(dsn: str, example_dir: Path) -> None:
    import psycopg

    with open_store(dsn) as store:
        ingest_paths(store, [example_dir])
        with psycopg.connect(dsn, autocommit=True) as other:
            other.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        with pytest.raises(StoreError) as caught:
            store.counts()
    message = str(caught.value)
    assert "\n" not in message and "the store failed" in message and "newsweave@" in message
    with open_store(dsn) as store:
        assert store.counts()["articles"] == 5
