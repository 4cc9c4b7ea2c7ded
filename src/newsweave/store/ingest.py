"""Ingest into a store: read -> clean -> near-duplicates and stories (incremental) -> stored.

Idempotent: an input whose bytes are already stored is a ``duplicate`` and is skipped, so re-running
the same sources stores only what is new, and a run killed mid-way completes on the next run. Work is
committed in batches; the clusterer's state is saved in the same transaction as the articles it has
seen, so a killed run never leaves articles without their story (or the reverse).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from newsweave.clean import clean_documents
from newsweave.cluster import ClusterOptions, StoryClusterer, StoryItem
from newsweave.config import Options
from newsweave.dedup import count_independent, find_syndication, origin_map
from newsweave.ingest import read_sources
from newsweave.model import Article, Document, Rejected
from newsweave.store.base import Store, article_id, text_sha256

# Commit every this many inputs: a killed run loses at most this much work (it is redone on re-run).
BATCH = 200
# Save the clusterer's state every this many batches (and at the end): its JSON grows with the open
# stories, and saving it every batch cost more than the clustering. Articles stored after the last
# save are replayed into it on the next run, which gives the state of never having stopped.
STATE_EVERY = 10

T = TypeVar("T")


@dataclass
class IngestReport:
    """What one ingest run did."""

    stored: int = 0
    duplicates: int = 0
    articles: list[str] = field(default_factory=list)  # ids of the articles stored, in order
    rejected: list[Rejected] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)

    def reasons(self) -> Counter[str]:
        """Rejected inputs by reason."""
        return Counter(r.reason for r in self.rejected)


def now() -> str:
    """The current time, UTC, ISO 8601 (the store's clock: the only one in the pipeline)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def ingest_documents(
    store: Store,
    items: Iterable[Document | Rejected],
    *,
    options: Options | None = None,
    cluster: ClusterOptions | None = None,
    progress: Callable[[str], None] | None = None,
    batch: int = BATCH,
) -> IngestReport:
    """Store documents (and record rejections), assigning each new article to a story.

    Args:
        store: the store.
        items: documents as read, and inputs rejected while reading.
        options: cleaning options (``options.clean``).
        cluster: the clusterer's options, for a store that has no clusterer state yet (of a store with
            state, only ``max_active`` is taken: :func:`restore_clusterer`).
        progress: called with each input's source once it is handled.
        batch: inputs per transaction.

    Returns:
        Counts of stored, duplicate and rejected inputs, and the stories that changed.
    """
    opts = options or Options()
    clusterer = restore_clusterer(store, cluster)
    seen_seq = store.last_seq()
    report = IngestReport()
    seen_raw: set[str] = set()
    unsaved = False
    for n, chunk in enumerate(_chunks(items, batch), start=1):
        stamp = now()
        with store.transaction():  # the store's write lock: one writer at a time, batch by batch
            if store.last_seq() != seen_seq:
                # Another writer (`serve`, a second `ingest`) stored articles since this one's last batch:
                # continue from the store's clusterer, which has them, or they would be lost to it.
                clusterer = restore_clusterer(store, cluster)
            touched: set[str] = set()
            for item in chunk:
                if isinstance(item, Rejected):
                    store.add_rejected(item, at=stamp)
                    report.rejected.append(item)
                elif item.sha256 in seen_raw or (store.has_raw(item.sha256) and store.raw_used(item.sha256)):
                    report.duplicates += 1  # (bytes stored but rejected before are tried again)
                else:
                    seen_raw.add(item.sha256)
                    story = _store_one(store, clusterer, item, opts, report, stamp)
                    if story:
                        touched.add(story)
                if progress:
                    progress(item.source)
            touched = _record_stories(store, clusterer, touched, stamp)
            unsaved = n % STATE_EVERY != 0
            if not unsaved:
                store.save_clusterer(clusterer, now=stamp)
            seen_seq = store.last_seq()
            report.stories |= touched
    if unsaved:
        with store.transaction():
            if store.last_seq() == seen_seq:  # else the other writer's next save includes this run's articles
                store.save_clusterer(clusterer, now=now())
    return report


def _record_stories(store: Store, clusterer: StoryClusterer, touched: set[str], stamp: str) -> set[str]:
    """Write what the clusterer changed since the last batch (articles moved by merges and splits, the
    merges and splits themselves, stories closed) and refresh the stories touched, inside the caller's
    transaction: the cost of a batch is the batch's, not the store's. Returns every story touched."""
    touched = touched | store.record_changes(clusterer.take_changes(), now=stamp)
    store.refresh_stories(touched, now=stamp)
    return touched


def restore_clusterer(store: Store, options: ClusterOptions | None = None) -> StoryClusterer:
    """The store's clusterer as it was after its newest article: the saved state, with the articles
    stored after that save replayed into it (the clusterer is deterministic: same result as never
    stopping). A store without state gets a new clusterer with ``options``; a store with state keeps
    the options it was made with, except ``max_active`` (how many stories stay open, a bound on memory
    that may change between runs), taken from ``options`` when given."""
    saved = store.load_clusterer()
    if saved is None:
        clusterer = StoryClusterer(options, log_changes=True, keep_closed=False)
        seq = 0
    else:
        clusterer, seq = StoryClusterer.from_state(saved[0], log_changes=True, keep_closed=False), saved[1]
        if options is not None and options.max_active != clusterer.options.max_active:
            clusterer.options = replace(clusterer.options, max_active=options.max_active)
    for art in store.articles_after(seq):
        clusterer.add(StoryItem(art.id, art.title or "", art.text, art.published))
    # what the replay changed was recorded with those articles, in the transactions that stored them
    clusterer.take_changes()
    return clusterer


def _store_one(
    store: Store,
    clusterer: StoryClusterer,
    doc: Document,
    opts: Options,
    report: IngestReport,
    stamp: str,
    *,
    record: bool = True,
) -> str | None:
    aid = article_id(doc.sha256)
    articles, no_body = clean_documents([replace(doc, id=aid)], options=opts.clean)
    if no_body:
        store.add_raw(doc, retrieved_at=stamp)  # kept: the reader can see what was read and why it was not used
        if record:
            store.add_rejected(no_body[0], at=stamp)
        report.rejected.extend(no_body)
        return None
    article = articles[0]
    text_sha = text_sha256(article)
    if store.article_with_text(text_sha):
        report.duplicates += 1  # other bytes, the same article (a page fetched twice with a new ad)
        return None
    story = clusterer.add(StoryItem(aid, article.title or "", article.text, article.published))
    store.add_raw(doc, retrieved_at=stamp)
    store.add_article(article, text_sha256=text_sha, ingested_at=stamp, story_id=story)
    report.stored += 1
    report.articles.append(aid)
    return story


@dataclass
class RecleanReport:
    """What one re-clean did: bodies that changed, inputs rejected before that are articles now, and
    inputs still rejected."""

    updated: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    unchanged: int = 0
    still_rejected: list[Rejected] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # articles the cleaner now finds no body in: kept as they were


def reclean(
    store: Store,
    *,
    options: Options | None = None,
    cluster: ClusterOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> RecleanReport:
    """Clean every stored input again with this newsweave's cleaner (after an upgrade, or with other
    options): a body that changed replaces the stored one (its story stays), an input rejected before
    that now has a body becomes an article and joins a story, and one that still has none is counted.
    An article in which the cleaner now finds no body keeps the body it had (nothing is deleted).

    Raises:
        StoreError: the store failed (what was committed stays: re-running goes on).
    """
    from newsweave.ingest import document_from_raw

    opts = options or Options()
    report = RecleanReport()
    clusterer = restore_clusterer(store, cluster)
    inputs = list(store.raw_inputs())
    for chunk in _chunks(inputs, BATCH):
        stamp = now()
        with store.transaction():
            touched: set[str] = set()
            for stored in chunk:
                doc = document_from_raw(
                    stored.source, stored.kind, stored.encoding, stored.content, sha256=stored.sha256
                )
                if isinstance(doc, Rejected):
                    report.still_rejected.append(doc)
                elif stored.article is None:
                    added = IngestReport()
                    story = _store_one(store, clusterer, doc, opts, added, stamp, record=False)
                    report.added.extend(added.articles)
                    report.still_rejected.extend(added.rejected)
                    if story:
                        touched.add(story)
                else:
                    _reclean_article(store, stored.article, doc, opts, report)
                if progress:
                    progress(stored.source)
            touched = _record_stories(store, clusterer, touched, stamp)
            store.save_clusterer(clusterer, now=stamp)
    return report


def _reclean_article(store: Store, aid: str, doc: Document, opts: Options, report: RecleanReport) -> None:
    article, _ = store.article(aid)
    articles, no_body = clean_documents([replace(doc, id=aid)], options=opts.clean)
    if no_body:
        report.dropped.append(aid)
        return
    fresh = articles[0]
    if (fresh.text, fresh.removed, fresh.short) == (article.text, article.removed, article.short):
        report.unchanged += 1
        return
    updated = replace(article, text=fresh.text, removed=fresh.removed, language=fresh.language,
                      machine_translated=fresh.machine_translated, short=fresh.short)  # fmt: skip
    store.update_article(updated, text_sha256=text_sha256(updated))
    report.updated.append(aid)


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    options: Options | None = None,
    cluster: ClusterOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files, folders and URLs (text, HTML, .gz, JSONL, WARC, RSS/Atom/JSON Feed, OPML) into a
    store; see :func:`ingest_documents`.

    Raises:
        SourceNotFound: a path does not exist.
    """
    opts = options or Options()
    items = read_sources(paths, options=opts.ingest)
    return ingest_documents(store, items, options=opts, cluster=cluster, progress=progress)


def count_sources(store: Store, story_ids: Iterable[str] | None = None) -> None:
    """Recount independent sources (syndicated copies once) of stories whose count is stale."""
    ids = list(story_ids) if story_ids is not None else store.stale_stories()
    for sid in ids:
        articles: list[Article] = store.articles(sid)
        groups = find_syndication(articles) if len(articles) > 1 else ()
        with store.transaction():
            store.set_sources(sid, count_independent([a.id for a in articles], origin_map(articles, groups)))


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
