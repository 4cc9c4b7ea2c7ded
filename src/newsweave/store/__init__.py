"""The store: articles, stories and briefings kept between runs (an edge of the pipeline).

- :mod:`newsweave.store.schema`: the tables, as numbered migrations.
- :mod:`newsweave.store.base`: the store's operations, in SQL both databases speak.
- :mod:`newsweave.store.sqlite`: the embedded default, one SQLite file (``newsweave.db``).
- :mod:`newsweave.store.postgres`: PostgreSQL, for a shared deployment.
- :mod:`newsweave.store.ingest`: reading sources into a store, with incremental story clustering.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.errors import StoreError
from newsweave.store.base import Store
from newsweave.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "open_store"]


def open_store(location: str | Path) -> Store:
    """Open (creating the schema if needed) the store at ``location``: a file path, ``sqlite:///path``,
    or ``postgresql://user:password@host:port/dbname``.

    Raises:
        StoreError: the location is not a store newsweave can open.
    """
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        from newsweave.store.postgres import PostgresStore

        return PostgresStore(text)
    if text.startswith("sqlite:///"):
        text = text.removeprefix("sqlite:///")
    elif "://" in text:
        raise StoreError(f"unknown store location {text!r}: give a file path such as newsweave.db")
    return SQLiteStore(text)
