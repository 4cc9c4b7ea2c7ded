"""What a store does when the disk, the file system or the database fails: one line naming the store
and the cause, a non-zero exit, what was committed kept; and no password shown, anywhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.errors import StoreError
from newsweave.store import open_store
from newsweave.store.base import redact
from newsweave.store.ingest import ingest_paths


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("postgresql://me:s3cret@localhost/db", "postgresql://me:***@localhost/db"),
        ("postgresql://me:p%40ss@h:5432/db", "postgresql://me:***@h:5432/db"),
        ("postgresql://me:p@ss@host/db", "postgresql://me:***@host/db"),  # a raw "@": masked whole
        ("postgresql://me:p@ss/w@rd@host/db?sslmode=disable", "postgresql://me:***@host/db?sslmode=disable"),
        ("host=x user=me password=abc dbname=d", "host=x user=me password=*** dbname=d"),
        ("postgresql://me@host/db?password=xyz", "postgresql://me@host/db?password=***"),
        ("postgresql://me@host/db", "postgresql://me@host/db"),
        ("news/newsweave.db", "news/newsweave.db"),
    ],
)
def test_redact_masks_every_password(location: str, shown: str) -> None:
    assert redact(location) == shown


class _FullDisk:
    """A connection that fails its next COMMIT the way SQLite does when the disk is full."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def execute(self, sql: str, params: Any = ()) -> Any:
        if sql == "COMMIT":
            raise sqlite3.OperationalError("database or disk is full")
        return self._db.execute(sql, params)

    def close(self) -> None:
        self._db.close()


def test_a_full_disk_is_one_line_and_the_committed_articles_stay(example_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as store:
        ingest_paths(store, [sorted(example_dir.glob("*.txt"))[0]])
    with open_store(db) as store:
        store._db = _FullDisk(store._db)  # type: ignore[assignment]
        with pytest.raises(StoreError) as caught:
            ingest_paths(store, [example_dir])
    assert str(caught.value) == f"[NW400] {db}: the store failed: database or disk is full"
    with open_store(db) as store:
        assert store.counts()["articles"] == 1


def test_a_store_path_under_a_file_is_one_clear_line(example_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "dir.db").write_text("not a folder")
    target = tmp_path / "dir.db" / "sub" / "x.db"
    result = CliRunner().invoke(app, ["ingest", str(example_dir), "--db", str(target)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"error [NW400] {target}: cannot open the store: Not a directory"]
    assert (tmp_path / "dir.db").read_text() == "not a folder"


def test_ingest_with_nothing_usable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "tiny.txt").write_text("Subscribe now.")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2, result.output
    assert "stored 0, duplicate 0, rejected 2" in result.output
    assert "nothing was stored: all 2 inputs were rejected" in result.output
