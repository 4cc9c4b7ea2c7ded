"""The store, in SQL that SQLite and PostgreSQL both speak; the subclasses connect and migrate.

Everything is written in transactions: a run killed mid-way (even ``kill -9``) leaves the file as it
was at the last commit, and re-running the same input stores only what is missing (raw inputs are
keyed by the SHA-256 of their bytes).
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.errors import ArticleNotFound, StoreError, StoryNotFound
from newsweave.model import Article, Document, Rejected, Removed
from newsweave.store.schema import MIGRATIONS


@dataclass(frozen=True)
class RawInput:
    """One stored input as read: its bytes and how they were read, and the article made from it."""

    sha256: str
    source: str
    kind: str
    encoding: str | None
    content: bytes
    article: str | None


_PASSWORD_PARAM = re.compile(r"(?i)((?:^|[?&\s])password=)[^&\s]*")


def redact(location: str) -> str:
    """A store's location as it may be shown: the password of a URL or connection string replaced by
    ``***`` ("postgresql://me:***@host/db"), whatever it holds ("p@ss:w/rd", percent-encoded or not).
    The user info runs to the *last* "@" before the host, so a raw "@" in a password is masked too."""
    text = _PASSWORD_PARAM.sub(r"\1***", str(location))
    if "://" not in text:
        return text
    scheme, rest = text.split("://", 1)
    at = rest.rfind("@")
    if at < 0:
        return text
    userinfo = rest[:at]
    if ":" not in userinfo:
        return text
    return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{rest[at + 1 :]}"


@dataclass(frozen=True)
class StoryRow:
    """A story as listed: what ``newsweave stories`` prints."""

    id: str
    title: str | None
    first_date: str | None
    last_date: str | None
    articles: int
    sources: int
    open: bool
    updated_at: str


@dataclass(frozen=True)
class StoryChangeRow:
    """A merge or split as recorded: ``kind`` ``merge`` (``other_id`` became part of ``story_id``) or
    ``split`` (``articles`` articles left ``story_id`` to form ``other_id``), recorded ``at`` (UTC) when
    the stream's latest publication date was ``day``."""

    at: str
    day: str | None
    kind: str
    story_id: str
    other_id: str | None
    articles: int


@dataclass(frozen=True)
class SavedBriefing:
    """A briefing written earlier from the store."""

    id: int
    story_id: str
    created_at: str
    articles: tuple[str, ...]
    briefing: dict[str, Any]


def text_sha256(article: Article) -> str:
    """The hash of an article's cleaned text: the same article read from other bytes is a duplicate."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def article_id(raw_sha256: str) -> str:
    """The store's id of the article read from bytes with this hash."""
    return "a" + raw_sha256[:15]


class Store:
    """A newsweave store; :class:`newsweave.store.sqlite.SQLiteStore` and
    :class:`newsweave.store.postgres.PostgresStore` say how to connect."""

    path: Path | str
    # Placeholders are written "?" (SQLite's); a dialect that wants "%s" sets this.
    _placeholder = "?"
    _no_limit: int | None = -1
    _db: Any

    # The driver's base error class (sqlite3.Error, psycopg.Error): what it raises becomes a StoreError.
    _driver_errors: tuple[type[BaseException], ...] = ()

    def _x(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (placeholders translated for the dialect).

        Raises:
            StoreError: the database failed (disk full, server gone, file locked): one line naming the
                store and the cause, instead of the driver's traceback.
        """
        if self._placeholder != "?":
            sql = sql.replace("?", self._placeholder)
        try:
            return self._db.execute(sql, tuple(params))
        except self._driver_errors as exc:
            cause = " ".join(str(exc).split()) or type(exc).__name__
            raise StoreError(f"the store failed: {redact(cause)}", source=redact(str(self.path))) from exc

    def _xmany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for many rows (placeholders translated; errors as :meth:`_x` reports them)."""
        if not rows:
            return
        if self._placeholder != "?":
            sql = sql.replace("?", self._placeholder)
        try:
            self._db.cursor().executemany(sql, [tuple(r) for r in rows])
        except self._driver_errors as exc:
            cause = " ".join(str(exc).split()) or type(exc).__name__
            raise StoreError(f"the store failed: {redact(cause)}", source=redact(str(self.path))) from exc

    def _tables(self) -> set[str]:
        raise NotImplementedError

    def _schema_sql(self, script: str) -> str:
        return script.format(blob="BLOB", serial="INTEGER PRIMARY KEY")

    def _version(self) -> int:
        """The schema version the database holds (0: empty), checking it is a newsweave store."""
        tables = self._tables()
        version = 0
        if "meta" in tables:
            row = self._x("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
        elif tables:
            raise StoreError("this database is not a newsweave store (it has other tables)", source=str(self.path))
        if version > len(MIGRATIONS):
            raise StoreError(
                f"the store has schema version {version}, this newsweave knows {len(MIGRATIONS)}: upgrade newsweave",
                source=str(self.path),
            )
        return version

    def _migrate(self) -> None:
        if self._version() == len(MIGRATIONS):
            return
        # Each step reads the version again inside the writers' lock: two processes opening one fresh
        # database at once would otherwise both create its tables ("relation meta already exists").
        while True:
            with self.transaction():
                version = self._version()
                if version == len(MIGRATIONS):
                    break
                for statement in self._schema_sql(MIGRATIONS[version]).split(";"):
                    if statement.strip():
                        self._x(statement)
                self._x(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(version + 1),),
                )

    @property
    def schema_version(self) -> int:
        """Number of migrations applied."""
        return int(self._x("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])

    _begin = "BEGIN"

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it is committed, or none."""
        self._x(self._begin)
        try:
            self._lock_writers()
            yield
        except BaseException:
            try:
                self._x("ROLLBACK")
            except StoreError:
                pass  # the connection is gone: nothing was committed, and the first error says why
            raise
        self._x("COMMIT")

    def _lock_writers(self) -> None:
        """Make this transaction the only writer (SQLite's ``BEGIN IMMEDIATE`` already has)."""

    def close(self) -> None:
        """Close the connection."""
        try:
            self._db.close()
        except self._driver_errors:
            pass  # a connection the server already dropped

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------------

    def has_raw(self, sha256: str) -> bool:
        """An input with these bytes was stored before."""
        return self._x("SELECT 1 FROM raw WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def article_with_text(self, text_sha256: str) -> str | None:
        """The id of a stored article with exactly this cleaned text, if any."""
        row = self._x("SELECT id FROM articles WHERE text_sha256 = ? LIMIT 1", (text_sha256,)).fetchone()
        return row[0] if row else None

    def stored_raw(self, hashes: Iterable[str]) -> set[str]:
        """Those of ``hashes`` whose input bytes are stored (:meth:`has_raw` for many, in few queries)."""
        return self._among("SELECT sha256 FROM raw WHERE sha256 IN ({})", hashes)

    def stored_texts(self, hashes: Iterable[str]) -> set[str]:
        """Those of ``hashes`` (of cleaned texts) that a stored article has (:meth:`article_with_text`
        for many, in few queries)."""
        return self._among("SELECT DISTINCT text_sha256 FROM articles WHERE text_sha256 IN ({})", hashes)

    def _among(self, sql: str, values: Iterable[str], chunk: int = 500) -> set[str]:
        wanted = list(dict.fromkeys(values))
        found: set[str] = set()
        for at in range(0, len(wanted), chunk):
            part = wanted[at : at + chunk]
            found.update(r[0] for r in self._x(sql.format(",".join("?" * len(part))), part).fetchall())
        return found

    _RAW_INSERT = (
        "INSERT INTO raw (sha256, source, retrieved_at, kind, encoding, content) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (sha256) DO NOTHING"
    )
    _ARTICLE_INSERT = (
        "INSERT INTO articles (id, seq, raw_sha256, source, url, title, outlet, published, language, "
        "machine_translated, text, text_sha256, removed, ingested_at, story_id, short) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )

    def add_raw(self, document: Document, *, retrieved_at: str) -> None:
        """Keep the bytes a document was read from (once per hash)."""
        self._x(self._RAW_INSERT, _raw_row(document, retrieved_at))

    def add_article(self, article: Article, *, text_sha256: str, ingested_at: str, story_id: str | None) -> None:
        """Store a cleaned article (its raw input must be stored first, in the same transaction)."""
        seq = self._x("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
        if story_id is not None:
            self._ensure_story(story_id, ingested_at)
        self._x(self._ARTICLE_INSERT, _article_row(article, seq, text_sha256, ingested_at, story_id))

    def add_many(
        self,
        documents: Sequence[Document],
        articles: Sequence[tuple[Article, str, str | None]],
        *,
        at: str,
    ) -> None:
        """:meth:`add_raw` for each document, then :meth:`add_article` for each (article, text hash,
        story id), in a few statements (inside a transaction: the articles are numbered from the
        newest stored one, and the transaction is the only writer)."""
        self._xmany(self._RAW_INSERT, [_raw_row(d, at) for d in documents])
        stories = sorted({story for _, _, story in articles if story is not None})
        self._xmany(
            "INSERT INTO stories (id, updated_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", [(s, at) for s in stories]
        )
        first = self._x("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
        self._xmany(
            self._ARTICLE_INSERT,
            [_article_row(a, first + k, sha, at, story) for k, (a, sha, story) in enumerate(articles)],
        )

    def _ensure_story(self, story_id: str, now: str) -> None:
        self._x("INSERT INTO stories (id, updated_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", (story_id, now))

    def add_rejected(self, rejected: Rejected, *, at: str) -> None:
        """Record an input that could not be used."""
        self._x(
            "INSERT INTO rejected (source, reason, message, at) VALUES (?, ?, ?, ?)",
            (rejected.source, rejected.reason, rejected.message, at),
        )

    def assign(self, assignments: Mapping[str, str], *, now: str) -> set[str]:
        """Move articles to stories (the clusterer may merge stories); returns the stories touched."""
        touched: set[str] = set()
        for art, story in assignments.items():
            row = self._x("SELECT story_id FROM articles WHERE id = ?", (art,)).fetchone()
            if row is None or row[0] == story:
                continue
            self._ensure_story(story, now)
            self._x("UPDATE articles SET story_id = ? WHERE id = ?", (story, art))
            touched.update(x for x in (row[0], story) if x)
        return touched

    def refresh_stories(self, story_ids: Iterable[str], *, now: str) -> None:
        """Recompute the listed stories' counts, dates and titles."""
        for sid in set(story_ids):
            n, first, last = self._x(
                "SELECT COUNT(*), MIN(published), MAX(published) FROM articles WHERE story_id = ?", (sid,)
            ).fetchone()
            if n == 0:
                self._x("DELETE FROM stories WHERE id = ?", (sid,))
                continue
            title = self._x(
                # the canonical first article's title (newsweave.order: date given, text hash, id), not
                # the first to arrive: the same articles give the same listing in any arrival order
                "SELECT title FROM articles WHERE story_id = ? AND title IS NOT NULL "
                "ORDER BY COALESCE(published, ''), text_sha256, id LIMIT 1",
                (sid,),
            ).fetchone()
            self._x(
                "UPDATE stories SET articles = ?, first_date = ?, last_date = ?, title = ?, sources_stale = 1, "
                "updated_at = ? WHERE id = ?",
                (n, _day(first), _day(last), title[0] if title else None, now, sid),
            )

    def record_changes(self, changes: Iterable[Any], *, now: str) -> set[str]:
        """Apply what the clusterer reports (:class:`~newsweave.cluster.StoryChange`, in order): the
        articles a merge or split moved change story, merges and splits are recorded, closed stories are
        marked so. Costs what changed, not what the store holds. Returns the stories touched."""
        moved: dict[str, str] = {}
        closed: list[str] = []
        for c in changes:
            if c.kind == "close":
                closed.append(c.story)
                continue
            moved.update(dict.fromkeys(c.articles, c.target))
            self._x(
                "INSERT INTO story_changes (at, day, kind, story_id, other_id, articles) VALUES (?, ?, ?, ?, ?, ?)",
                (now, c.day, c.kind, c.story, c.other, len(c.articles)),
            )
        touched = self.assign(moved, now=now) | set(moved.values())
        for chunk in range(0, len(closed), 500):
            part = closed[chunk : chunk + 500]
            self._x(f"UPDATE stories SET open = 0 WHERE id IN ({','.join('?' * len(part))})", part)
        return touched

    def story_changes(self, story_id: str) -> list[StoryChangeRow]:
        """The merges and splits a story took part in, oldest first."""
        rows = self._x(
            "SELECT at, day, kind, story_id, other_id, articles FROM story_changes "
            "WHERE story_id = ? OR other_id = ? ORDER BY id",
            (story_id, story_id),
        ).fetchall()
        return [StoryChangeRow(*r) for r in rows]

    def merged_into(self, story_id: str) -> tuple[str, str] | None:
        """The story a story was merged into (following later merges) and when, if it was."""
        seen = {story_id}
        found = None
        while True:
            row = self._x(
                "SELECT story_id, at FROM story_changes WHERE kind = 'merge' AND other_id = ? ORDER BY id DESC",
                (story_id,),
            ).fetchone()
            if row is None or row[0] in seen:
                return found
            story_id, found = row[0], (row[0], row[1])
            seen.add(story_id)

    def set_sources(self, story_id: str, sources: int) -> None:
        """Cache a story's independent-source count."""
        self._x("UPDATE stories SET sources = ?, sources_stale = 0 WHERE id = ?", (sources, story_id))

    def save_clusterer(self, state: Mapping[str, Any] | Any, *, now: str) -> None:
        """Keep the clusterer's state for the next run, with the ingest number of the last article it saw
        (articles stored after it are replayed into it on the next run).

        ``state`` is a :meth:`~newsweave.cluster.StoryClusterer.to_state` snapshot, or the clusterer
        itself: then its JSON is compressed as its :meth:`~newsweave.cluster.StoryClusterer.state_json`
        writes it, piece by piece, never held whole."""
        pieces = state.state_json() if hasattr(state, "state_json") else [json.dumps(state, separators=(",", ":"))]
        packer = zlib.compressobj(level=1)
        out = [packer.compress(f'{{"seq":{self.last_seq()},"state":'.encode())]
        out += [packer.compress(piece.encode()) for piece in pieces]
        out.append(packer.compress(b"}") + packer.flush())
        self._x(
            "INSERT INTO clusterer (id, state, packed, updated_at) VALUES (1, '', ?, ?) ON CONFLICT (id) DO UPDATE "
            "SET state = excluded.state, packed = excluded.packed, updated_at = excluded.updated_at",
            (b"".join(out), now),
        )

    def last_seq(self) -> int:
        """The ingest number of the newest stored article (0 for none)."""
        return int(self._x("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0])

    def articles_after(self, seq: int) -> list[Article]:
        """Articles stored after ingest number ``seq``, in ingest order (text and metadata only)."""
        rows = self._x(
            "SELECT id, source, text, title, published FROM articles WHERE seq > ? ORDER BY seq", (seq,)
        ).fetchall()
        return [Article(id=r[0], source=r[1], text=r[2], title=r[3], published=r[4]) for r in rows]

    def add_briefing(self, story_id: str, articles: Sequence[str], briefing: Mapping[str, Any], *, now: str) -> int:
        """Record a briefing and the articles it was built from; returns its number."""
        cur = self._x(
            "INSERT INTO briefings (story_id, created_at, articles, briefing) VALUES (?, ?, ?, ?) RETURNING id",
            (story_id, now, json.dumps(list(articles)), json.dumps(briefing, ensure_ascii=False)),
        )
        return int(cur.fetchone()[0])

    # -- reading -------------------------------------------------------------------------------------

    def load_clusterer(self) -> tuple[dict[str, Any], int] | None:
        """The clusterer's saved state and the ingest number of the last article it saw, if any."""
        row = self._x("SELECT state, packed FROM clusterer WHERE id = 1").fetchone()
        if row is None:
            return None
        wrapped = json.loads(zlib.decompress(row[1]) if row[1] is not None else row[0])
        return wrapped["state"], int(wrapped["seq"])

    def stale_stories(self) -> list[str]:
        """Stories whose independent-source count must be recounted."""
        return [r[0] for r in self._x("SELECT id FROM stories WHERE sources_stale = 1")]

    def stories(self, *, limit: int | None = None, offset: int = 0, open_only: bool = False) -> list[StoryRow]:
        """Stories, the most recently updated (then the largest) first."""
        where = "WHERE open = 1" if open_only else ""
        rows = self._x(
            "SELECT id, title, first_date, last_date, articles, sources, open, updated_at FROM stories "
            f"{where} ORDER BY last_date IS NULL, last_date DESC, articles DESC, id LIMIT ? OFFSET ?",
            (self._no_limit if limit is None else limit, offset),
        ).fetchall()
        return [StoryRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7]) for r in rows]

    def story(self, story_id: str) -> StoryRow:
        """One story.

        Raises:
            StoryNotFound: no story has this id.
        """
        row = self._x(
            "SELECT id, title, first_date, last_date, articles, sources, open, updated_at FROM stories WHERE id = ?",
            (story_id,),
        ).fetchone()
        if row is None:
            if (merged := self.merged_into(story_id)) is not None:
                raise StoryNotFound(
                    f"story {story_id!r} was merged into story {merged[0]!r} (recorded {merged[1]}): "
                    f"its articles are there"
                )
            raise StoryNotFound(f"no story {story_id!r} in the store; `newsweave stories --db …` lists them")
        return StoryRow(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7])

    def search_stories(
        self, query: str = "", *, limit: int | None = None, offset: int = 0, open_only: bool = False
    ) -> tuple[list[StoryRow], int]:
        """Stories whose title, or one of whose articles' title or text, contains every word of ``query``.

        Matching is case-insensitive substring matching (no index: it reads every article, which is
        fine for the stores one newsroom keeps; an empty query lists every story).

        Returns:
            One page of stories (in :meth:`stories` order) and how many stories match in all.
        """
        where, args = ["1 = 1"], []
        if open_only:
            where.append("s.open = 1")
        for word in query.lower().split()[:10]:
            pattern = "%" + word.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
            where.append(
                "(LOWER(COALESCE(s.title, '')) LIKE ? ESCAPE '!' OR EXISTS (SELECT 1 FROM articles a "
                "WHERE a.story_id = s.id AND (LOWER(COALESCE(a.title, '')) LIKE ? ESCAPE '!' "
                "OR LOWER(a.text) LIKE ? ESCAPE '!')))"
            )
            args += [pattern, pattern, pattern]
        condition = " AND ".join(where)
        total = int(self._x(f"SELECT COUNT(*) FROM stories s WHERE {condition}", args).fetchone()[0])
        rows = self._x(
            "SELECT s.id, s.title, s.first_date, s.last_date, s.articles, s.sources, s.open, s.updated_at "
            f"FROM stories s WHERE {condition} "
            "ORDER BY s.last_date IS NULL, s.last_date DESC, s.articles DESC, s.id LIMIT ? OFFSET ?",
            [*args, self._no_limit if limit is None else limit, offset],
        ).fetchall()
        return [StoryRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7]) for r in rows], total

    def articles(self, story_id: str | None = None) -> list[Article]:
        """The stored articles (of one story), in ingest order."""
        where, args = ("WHERE story_id = ?", (story_id,)) if story_id else ("", ())
        return [
            _article(r)
            for r in self._x(f"SELECT {_ARTICLE_COLUMNS} FROM articles {where} ORDER BY seq", args).fetchall()
        ]

    def article_ids(self, story_id: str) -> list[str]:
        """The ids of a story's articles, in ingest order (no text read: cheap)."""
        return [r[0] for r in self._x("SELECT id FROM articles WHERE story_id = ? ORDER BY seq", (story_id,))]

    def article(self, article_id: str) -> tuple[Article, str | None]:
        """One stored article and the story it belongs to.

        Raises:
            ArticleNotFound: no article has this id.
        """
        row = self._x(f"SELECT {_ARTICLE_COLUMNS}, story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise ArticleNotFound(f"no article {article_id!r} in the store; a story's page lists its articles")
        return _article(row), row[-1]

    def raw_used(self, sha256: str) -> bool:
        """An article was made from the input with these bytes (a stored raw input without one was
        rejected, and may be tried again)."""
        return self._x("SELECT 1 FROM articles WHERE raw_sha256 = ? LIMIT 1", (sha256,)).fetchone() is not None

    def raw_inputs(self) -> Iterator[RawInput]:
        """Every stored raw input, oldest first, with the article made from it (``None``: rejected)."""
        rows = self._x(
            "SELECT r.sha256, r.source, r.kind, r.encoding, r.content, a.id FROM raw r "
            "LEFT JOIN articles a ON a.raw_sha256 = r.sha256 ORDER BY r.retrieved_at, r.sha256"
        ).fetchall()
        for sha, source, kind, encoding, content, aid in rows:
            yield RawInput(sha, source, kind, encoding, bytes(content), aid)

    def update_article(self, article: Article, *, text_sha256: str) -> None:
        """Replace a stored article's cleaned body (text, what was removed, language) after a re-clean;
        its story, metadata and place in the ingest order stay."""
        removed = json.dumps([[r.text, r.reason, r.detail] for r in article.removed], ensure_ascii=False)
        self._x(
            "UPDATE articles SET text = ?, text_sha256 = ?, removed = ?, language = ?, machine_translated = ?, "
            "short = ? WHERE id = ?",
            (
                article.text,
                text_sha256,
                removed,
                article.language,
                int(article.machine_translated),
                int(article.short),
                article.id,
            ),  # fmt: skip
        )

    def raw(self, sha256: str) -> bytes | None:
        """The bytes an article was read from."""
        row = self._x("SELECT content FROM raw WHERE sha256 = ?", (sha256,)).fetchone()
        return bytes(row[0]) if row else None

    def last_briefing(self, story_id: str) -> SavedBriefing | None:
        """The most recent briefing written for a story, if any."""
        row = self._x(
            "SELECT id, story_id, created_at, articles, briefing FROM briefings WHERE story_id = ? "
            "ORDER BY id DESC LIMIT 1",
            (story_id,),
        ).fetchone()
        if row is None:
            return None
        return SavedBriefing(row[0], row[1], row[2], tuple(json.loads(row[3])), json.loads(row[4]))

    def briefing_before(self, story_id: str, articles: Sequence[str]) -> SavedBriefing | None:
        """The most recent briefing of a story built from other articles than ``articles`` (the one a
        reader last saw before the story changed), if any."""
        rows = self._x(
            "SELECT id, story_id, created_at, articles, briefing FROM briefings WHERE story_id = ? "
            "ORDER BY id DESC LIMIT 2",
            (story_id,),
        ).fetchall()
        for row in rows:  # one article set is recorded once, so the second row differs if the first does not
            if json.loads(row[3]) != list(articles):
                return SavedBriefing(row[0], row[1], row[2], tuple(json.loads(row[3])), json.loads(row[4]))
        return None

    def counts(self) -> dict[str, int]:
        """Rows per table: raw inputs, articles, stories, rejected inputs, briefings."""
        out = {}
        for table in ("raw", "articles", "stories", "rejected", "briefings"):
            out[table] = int(self._x(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        return out


_ARTICLE_COLUMNS = (
    "id, source, text, title, published, outlet, url, language, machine_translated, removed, raw_sha256, short"
)


def _raw_row(document: Document, retrieved_at: str) -> tuple[Any, ...]:
    content = document.raw if document.raw is not None else document.content.encode("utf-8")
    return (document.sha256, document.source, retrieved_at, document.kind, document.encoding, content)


def _article_row(
    article: Article, seq: int, text_sha256: str, ingested_at: str, story_id: str | None
) -> tuple[Any, ...]:
    removed = json.dumps([[r.text, r.reason, r.detail] for r in article.removed], ensure_ascii=False)
    return (
        article.id,
        seq,
        article.sha256,
        article.source,
        article.url,
        article.title,
        article.outlet,
        article.published,
        article.language,
        int(article.machine_translated),
        article.text,
        text_sha256,
        removed,
        ingested_at,
        story_id,
        int(article.short),
    )


def _article(r: Sequence[Any]) -> Article:
    return Article(
        id=r[0],
        source=r[1],
        text=r[2],
        title=r[3],
        published=r[4],
        outlet=r[5],
        url=r[6],
        language=r[7] or "und",
        machine_translated=bool(r[8]),
        removed=tuple(Removed(t, reason, detail) for t, reason, detail in json.loads(r[9])),
        sha256=r[10],
        short=bool(r[11]),
    )


def _day(value: str | None) -> str | None:
    return value[:10] if value else None
