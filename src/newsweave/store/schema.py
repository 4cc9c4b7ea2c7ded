"""The store's schema, as numbered migrations (the only place it is written down).

Written once for both SQLite and PostgreSQL: ``{blob}`` and ``{serial}`` stand for each one's binary
column type and auto-numbered key. ``meta.schema_version`` holds the number of migrations applied;
opening a store applies the missing ones in order, each in its own transaction. A store newer than
this code is refused, not touched.

Tables:

``raw``
    every input as read: ``sha256`` of the bytes (primary key: the same bytes twice are stored
    once), ``source`` (path, ``path#L12`` for a JSONL line, URL), ``retrieved_at`` (UTC, ISO 8601),
    ``kind`` (``text``/``html``), ``encoding``, ``content`` (the bytes).
``articles``
    one per stored article: ``id`` (``a`` + the first 15 hex digits of the raw sha256),
    ``raw_sha256``, metadata (``source url title outlet published language machine_translated``),
    the cleaned ``text`` and its ``text_sha256``, ``removed`` (JSON: what cleaning took out and why),
    ``ingested_at``, ``story_id`` and ``seq`` (ingest order), ``short`` (1 for a short item kept whole).
``stories``
    ``id``, ``title``, ``first_date``/``last_date`` (the articles' publication dates), ``articles``
    and ``sources`` (independent: syndicated copies count once; recounted when read if
    ``sources_stale``), ``open`` (1 while the clusterer can still add to it), ``updated_at``.
``rejected``
    inputs that could not be used: ``source``, ``reason``, ``message``, ``at``.
``briefings``
    every briefing written from the store: ``story_id``, ``created_at``, ``articles`` (JSON list of the
    article ids it was built from) and ``briefing`` (its JSON), so ``--since`` can say what changed.
``clusterer``
    one row: the incremental clusterer's state, so the next ingest continues where this one stopped:
    JSON in ``state``, or (since version 5) JSON compressed with zlib in ``packed`` (``state`` then
    empty).
``story_changes``
    what happened to stories besides growing: ``kind`` ``merge`` (story ``other_id`` became part of
    ``story_id``, whose id stays) or ``split`` (``articles`` articles left ``story_id`` to form the new
    story ``other_id``), ``at`` (UTC, when recorded) and ``day`` (the stream's latest publication date
    then). A story that closes (can no longer grow) is marked in ``stories.open``.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE raw (
        sha256 TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        retrieved_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        encoding TEXT,
        content {blob} NOT NULL
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        first_date TEXT,
        last_date TEXT,
        articles INTEGER NOT NULL DEFAULT 0,
        sources INTEGER NOT NULL DEFAULT 0,
        sources_stale INTEGER NOT NULL DEFAULT 1,
        open INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        raw_sha256 TEXT NOT NULL UNIQUE REFERENCES raw (sha256),
        source TEXT NOT NULL,
        url TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        language TEXT,
        machine_translated INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        removed TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        story_id TEXT REFERENCES stories (id)
    );
    CREATE INDEX articles_story ON articles (story_id);
    CREATE INDEX articles_text ON articles (text_sha256);
    CREATE TABLE rejected (
        id {serial},
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE TABLE briefings (
        id {serial},
        story_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        articles TEXT NOT NULL,
        briefing TEXT NOT NULL
    );
    CREATE INDEX briefings_story ON briefings (story_id, id);
    CREATE TABLE clusterer (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        state TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    """,
    # 2: an index on the ingest order (each insert asks for the next number; without it that is a scan)
    """
    CREATE UNIQUE INDEX articles_seq ON articles (seq);
    """,
    # 3: short items (a headline and a sentence or two, kept whole) are marked as such
    """
    ALTER TABLE articles ADD COLUMN short INTEGER NOT NULL DEFAULT 0;
    """,
    # 4: what happened to stories besides growing (merges and splits), so a reader can follow one
    """
    CREATE TABLE story_changes (
        id {serial},
        at TEXT NOT NULL,
        day TEXT,
        kind TEXT NOT NULL,
        story_id TEXT NOT NULL,
        other_id TEXT,
        articles INTEGER NOT NULL
    );
    CREATE INDEX story_changes_story ON story_changes (story_id, id);
    CREATE INDEX story_changes_other ON story_changes (other_id, id);
    """,
    # 5: the clusterer's state compressed (written piece by piece: 150 MB of JSON at a million articles)
    """
    ALTER TABLE clusterer ADD COLUMN packed {blob};
    """,
)
