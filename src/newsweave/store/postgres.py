"""The shared store: PostgreSQL (``--db postgresql://user@host/dbname``), same schema and behaviour."""

from __future__ import annotations

from newsweave.errors import MissingExtra, StoreError
from newsweave.store.base import Store, redact

# The advisory lock key newsweave's write transactions take (any constant; "nwv" in ASCII).
WRITER_LOCK = 0x6E7776


class PostgresStore(Store):
    """A newsweave store in a PostgreSQL database (psycopg 3, autocommit with explicit transactions).

    Args:
        dsn: a libpq connection string or URL.

    Raises:
        MissingExtra: psycopg is not installed.
        StoreError: the server cannot be reached, or holds a store newer than this newsweave.
    """

    _placeholder = "%s"
    _no_limit = None  # LIMIT NULL: no limit

    def __init__(self, dsn: str) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise MissingExtra('PostgreSQL stores need psycopg: pip install "newsweave[postgres]"') from exc
        self.path = redact(dsn)
        self._driver_errors = (psycopg.Error,)
        try:
            self._db = psycopg.connect(dsn, autocommit=True, connect_timeout=10)
            self._migrate()
        except psycopg.Error as exc:
            cause = redact(" ".join(str(exc).split()))
            raise StoreError(f"cannot use the PostgreSQL store: {cause}".strip(), source=self.path) from exc

    def _lock_writers(self) -> None:
        # One newsweave writer per database at a time, as SQLite's BEGIN IMMEDIATE gives: an ingest
        # batch reads the clusterer's state and writes it back in the same transaction.
        self._x("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))

    def _tables(self) -> set[str]:
        rows = self._x("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        return {r[0] for r in rows.fetchall()}

    def _schema_sql(self, script: str) -> str:
        return script.format(blob="BYTEA", serial="BIGSERIAL PRIMARY KEY")
