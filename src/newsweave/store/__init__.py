"""The store: articles, stories and briefings kept between runs (an edge of the pipeline).

- :mod:`newsweave.store.schema`: the tables, as numbered migrations.
- :mod:`newsweave.store.sqlite`: the embedded default, one SQLite file (``newsweave.db``).
- :mod:`newsweave.store.ingest`: reading sources into a store, with incremental story clustering.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.errors import StoreError
from newsweave.store.sqlite import SQLiteStore


def open_store(location: str | Path) -> SQLiteStore:
    """Open (creating if needed) the store at ``location``: a file path or ``sqlite:///path``.

    Raises:
        StoreError: the location is not a store newsweave can open.
    """
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        raise StoreError("PostgreSQL stores are not supported yet: use a SQLite file such as newsweave.db")
    if text.startswith("sqlite:///"):
        text = text.removeprefix("sqlite:///")
    elif "://" in text:
        raise StoreError(f"unknown store location {text!r}: give a file path such as newsweave.db")
    return SQLiteStore(text)
