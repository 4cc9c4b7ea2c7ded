"""The embedded store: one SQLite file in WAL mode (readers never block the writer), no server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsweave.errors import StoreError
from newsweave.store.base import SavedBriefing, Store, StoryRow, article_id

__all__ = ["SQLiteStore", "SavedBriefing", "StoryRow", "article_id"]


class SQLiteStore(Store):
    """A newsweave store in one SQLite file.

    Args:
        path: the database file (created with its folder if missing).

    Raises:
        StoreError: the file is not a SQLite database, or was written by a newer newsweave.
    """

    _begin = "BEGIN IMMEDIATE"  # take the write lock at once: no deadlock between two writers
    _driver_errors = (sqlite3.Error,)

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            cause = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise StoreError(f"cannot open the store: {cause}", source=str(self.path)) from exc

    def _tables(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
