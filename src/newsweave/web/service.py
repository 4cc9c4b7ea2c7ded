"""What the web app does, without HTTP: read stories, brief them (cached), ingest posted articles.

The routes in :mod:`newsweave.web.api` and :mod:`newsweave.web.pages` are thin wrappers over this
class, so everything here can be used (and tested) from Python. A store is opened per call: SQLite
connections must not cross threads, and the routes run in a thread pool.

Briefings are cached in memory, keyed by the story and the exact articles it holds: a story that
gains an article gets a new briefing on the next request, and the old one is never served for it.
Every briefing built is also recorded in the store with the articles it was built from (as
``newsweave brief --db`` does). Two requests for the same uncached briefing build it once.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from newsweave import render
from newsweave.config import IngestOptions, Options, ServeOptions, SummaryOptions
from newsweave.errors import InvalidRequest, NoArticles
from newsweave.model import Article, Briefing, Document, Rejected
from newsweave.store import Store, open_store
from newsweave.store.base import StoryRow


@dataclass
class CachedBriefing:
    """A briefing and its JSON, with renderings made on first use."""

    briefing: Briefing
    data: dict[str, Any]
    rendered: dict[str, str] = field(default_factory=dict)
    since: dict[str, Any] | None = None  # what changed since the story's previous briefing (stored stories)

    def json(self) -> bytes:
        """The briefing's JSON, serialised once."""
        return self.render("json", lambda _b: json.dumps(self.data, ensure_ascii=False)).encode("utf-8")

    def render(self, name: str, make: Any) -> str:
        """The rendering ``name``, made by ``make(briefing)`` the first time it is asked for."""
        if name not in self.rendered:
            self.rendered[name] = make(self.briefing)
        return self.rendered[name]


@dataclass(frozen=True)
class IngestResult:
    """What posting articles did."""

    stored: int
    duplicates: int
    articles: list[str]
    stories: list[str]
    rejected: list[Rejected]
    store: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        """The JSON the ingest endpoints answer with."""
        return {
            "stored": self.stored,
            "duplicates": self.duplicates,
            "articles": self.articles,
            "stories": self.stories,
            "rejected": [{"source": r.source, "reason": r.reason, "message": r.message} for r in self.rejected],
            "store": self.store,
        }


class Service:
    """The web app's operations on one store.

    Args:
        db: the store's location (a SQLite path or a ``postgresql://`` URL).
        options: the server's options (limits, cache size).
        brief_options: options of the pipeline stages used to brief stories and uploads.
    """

    def __init__(self, db: str, *, options: ServeOptions | None = None, brief_options: Options | None = None) -> None:
        self.db = db
        self.options = options or ServeOptions()
        self.brief_options = brief_options or Options()
        self._cache: OrderedDict[tuple[str, tuple[str, ...]], CachedBriefing] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._building: dict[tuple[str, tuple[str, ...]], threading.Lock] = {}
        # One writer at a time: an ingest loads the clusterer's state, adds to it and saves it.
        self._write_lock = threading.Lock()
        with self.store() as store:  # creates the schema of a new store, and fails early on a bad location
            self._recount(store)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The store, open for one operation."""
        with open_store(self.db) as store:
            yield store

    # -- reading ---------------------------------------------------------------------------------

    def stories(
        self, query: str = "", *, limit: int | None = None, offset: int = 0, open_only: bool = False
    ) -> tuple[list[StoryRow], int]:
        """One page of the stories matching ``query`` (every story for an empty query), and the total.

        Stories whose independent-source count is stale (articles added by another process, such as
        ``newsweave ingest`` running beside the server) are recounted first.
        """
        with self.store() as store:
            self._recount(store)
            return store.search_stories(
                query, limit=limit or self.options.page_size, offset=offset, open_only=open_only
            )

    def story(self, story_id: str) -> tuple[StoryRow, list[Article]]:
        """A story and its articles.

        Raises:
            StoryNotFound: no story has this id.
        """
        with self.store() as store:
            row = store.story(story_id)
            return row, store.articles(story_id)

    def article(self, article_id: str) -> tuple[Article, str | None]:
        """An article (its cleaned text and what was removed) and its story's id.

        Raises:
            ArticleNotFound: no article has this id.
        """
        with self.store() as store:
            return store.article(article_id)

    def raw(self, article_id: str) -> tuple[Article, bytes | None]:
        """An article and the bytes it was read from (``None`` if the store lacks them)."""
        with self.store() as store:
            article, _ = store.article(article_id)
            return article, store.raw(article.sha256) if article.sha256 else None

    # -- briefing --------------------------------------------------------------------------------

    def briefing(self, story_id: str, *, rebuild: bool = False) -> CachedBriefing:
        """The briefing of a stored story: from the cache while the story's articles are unchanged.

        Args:
            story_id: the story.
            rebuild: build it again even if it is cached (a write: the API asks for the token).

        Raises:
            StoryNotFound: no story has this id.
        """
        with self.store() as store:
            store.story(story_id)
            ids = tuple(store.article_ids(story_id))  # the cache key, read without the texts
        key = (story_id, ids)
        if not rebuild and (hit := self._cached(key)):
            return hit
        with self._cache_lock:
            building = self._building.setdefault(key, threading.Lock())
        try:
            with building:  # a second request for the same briefing waits for the first, then hits the cache
                if not rebuild and (hit := self._cached(key)):
                    return hit
                cached, built_from = self._build(story_id)
                self._remember((story_id, built_from), cached)  # the articles it was built from, if others came
                return cached
        finally:
            with self._cache_lock:
                self._building.pop(key, None)

    def _build(self, story_id: str) -> tuple[CachedBriefing, tuple[str, ...]]:
        from newsweave.pipeline import brief_stored
        from newsweave.store.changes import changes
        from newsweave.store.ingest import now

        with self.store() as store:
            articles = store.articles(story_id)
            previous = store.last_briefing(story_id)
        briefing = brief_stored(articles, options=self.brief_options)
        data = render.to_dict(briefing)
        render.validate(data)
        ids = [a.id for a in articles]
        with self.store() as store:
            before = store.briefing_before(story_id, ids)
            history = store.story_changes(story_id)
            if previous is None or list(previous.articles) != ids:  # the history records each article set once
                with store.transaction():
                    store.add_briefing(story_id, ids, data, now=now())
        since = changes(before, data, story=story_id, history=history) if before is not None else None
        return CachedBriefing(briefing, data, since=since), tuple(ids)

    def brief_documents(
        self, documents: Sequence[Document], rejected: Sequence[Rejected] = (), *, sentences: int | None = None
    ) -> CachedBriefing:
        """The briefing of uploaded documents (not stored); ``sentences`` overrides the summary length.

        Raises:
            NoArticles: no document has an article body.
            InvalidRequest: more documents than the server briefs at once.
        """
        from newsweave.ingest import assign_unique_ids
        from newsweave.pipeline import brief_documents

        self.check_count(len(documents))
        if not documents:
            reasons = "; ".join(f"{r.source}: {r.message}" for r in rejected[:5]) or "nothing was sent"
            raise NoArticles(f"no usable article in the upload ({reasons})")
        options = self.brief_options
        if sentences is not None:
            options = dataclasses.replace(options, summary=SummaryOptions(sentences=sentences))
        briefing = brief_documents(assign_unique_ids(list(documents)), rejected=rejected, options=options)
        data = render.to_dict(briefing)
        render.validate(data)
        return CachedBriefing(briefing, data)

    # -- writing ---------------------------------------------------------------------------------

    def ingest(self, items: Sequence[Document | Rejected]) -> IngestResult:
        """Store posted documents and group them into stories (one writer at a time).

        Raises:
            InvalidRequest: more documents than the server takes at once.
        """
        from newsweave.store.ingest import count_sources, ingest_documents

        self.check_count(sum(isinstance(i, Document) for i in items))
        with self._write_lock, self.store() as store:
            report = ingest_documents(store, items, options=self.brief_options)
            count_sources(store)
            totals = store.counts()
        return IngestResult(
            stored=report.stored,
            duplicates=report.duplicates,
            articles=report.articles,
            stories=sorted(report.stories),
            rejected=list(report.rejected),
            store=totals,
        )

    def fetch(self, urls: Sequence[str]) -> list[Document | Rejected]:
        """Fetch posted URLs (private, loopback and link-local addresses refused; size-capped)."""
        from newsweave.ingest import read_url

        opts = IngestOptions(
            max_bytes=self.options.max_request_bytes, timeout=self.options.fetch_timeout, allow_private=False
        )
        self.check_count(len(urls))
        out: list[Document | Rejected] = []
        for url in urls:
            if not url.startswith(("http://", "https://")):
                out.append(Rejected(url[:200], "invalid_url", "only http:// and https:// URLs are fetched"))
                continue
            out.extend(read_url(url, options=opts))
        return out

    # -- helpers ---------------------------------------------------------------------------------

    def check_count(self, n: int) -> None:
        """Raise :class:`InvalidRequest` if ``n`` articles are more than one request may carry."""
        if n > self.options.max_articles:
            raise InvalidRequest(
                f"{n} articles in one request; this server takes at most {self.options.max_articles} "
                "(send them in several requests)"
            )

    def _cached(self, key: tuple[str, tuple[str, ...]]) -> CachedBriefing | None:
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
            return hit

    def _remember(self, key: tuple[str, tuple[str, ...]], value: CachedBriefing) -> None:
        if self.options.cache_size == 0:
            return
        with self._cache_lock:
            self._cache[key] = value
            self._cache.move_to_end(key)
            while len(self._cache) > self.options.cache_size:
                self._cache.popitem(last=False)

    @staticmethod
    def _recount(store: Store) -> None:
        from newsweave.store.ingest import count_sources

        if store.stale_stories():
            count_sources(store)
