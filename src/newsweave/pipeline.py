"""The whole pipeline as plain functions: ingest -> clean -> dedup -> analyze -> brief.

This is the Python API behind ``newsweave brief``; the CLI and (later) the web app are thin wrappers
over it::

    from newsweave.pipeline import brief_paths
    briefing = brief_paths(["examples/putin-mothers"])
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsweave.analyze.dates import parse_published
from newsweave.analyze.dating import ArticleDating
from newsweave.analyze.run import analyze
from newsweave.brief import make_story, summarize
from newsweave.clean import clean_documents, mark_offtopic_articles
from newsweave.config import Options
from newsweave.dedup import find_syndication
from newsweave.errors import NoArticles
from newsweave.ingest import read_inputs
from newsweave.model import Article, Briefing, Document, Rejected, WriterReport
from newsweave.order import canonical

if TYPE_CHECKING:
    from newsweave.brief.llm import ChatModel


def brief_documents(
    documents: Sequence[Document],
    *,
    rejected: Sequence[Rejected] = (),
    options: Options | None = None,
    progress: Callable[[Document], None] | None = None,
    chat: ChatModel | None = None,
) -> Briefing:
    """Build the briefing of one story from documents already read.

    Args:
        documents: the story's documents (unique ids).
        rejected: inputs rejected while reading, carried into the briefing's report.
        options: options of every stage.
        progress: called after each document is cleaned.
        chat: the model for ``options.writer.writer == "llm"`` (default: the endpoint the options name).

    Returns:
        The briefing. With the LLM writer, ``briefing.writer`` says what the model wrote, what the
        verifier dropped, and why the extractive summary was used if it was.

    Raises:
        NoArticles: no document had an article body.
    """
    opts = options or Options()
    t0 = time.perf_counter()
    # one order for one set of documents (newsweave.order): the cross-document cleaning pass and every
    # later step see the same sequence whatever order the inputs came in
    given = {d.id: i for i, d in enumerate(documents)}
    articles, no_body = clean_documents(canonical(documents), options=opts.clean, progress=progress)
    articles = sorted(articles, key=lambda a: given.get(a.id, len(given)))  # listed as given
    all_rejected = tuple(rejected) + tuple(no_body)
    if not articles:
        reasons = "; ".join(f"{r.source}: {r.message}" for r in all_rejected[:5])
        raise NoArticles(f"no article body found in any input ({reasons})")
    briefing = brief_articles(articles, rejected=all_rejected, options=opts, chat=chat)
    stats = {"clean_seconds": round(time.perf_counter() - t0 - sum(briefing.stats.values()), 4), **briefing.stats}
    return dataclasses.replace(briefing, stats=stats)


def brief_stored(
    articles: Sequence[Article],
    *,
    options: Options | None = None,
    chat: ChatModel | None = None,
    told: Collection[str] = (),
) -> Briefing:
    """Build the briefing of a stored story: its articles were cleaned one by one as they arrived, so
    the cross-document pass that :func:`brief_documents` runs while cleaning runs here first (with
    ``options.clean.cross_document``), and the briefing is the one the story's files would give.
    ``told`` (the articles of the story's previous briefing, for ``brief --since``) puts what the other
    articles bring first in the summary (see :func:`brief_articles`).

    Raises:
        NoArticles: ``articles`` is empty.
    """
    opts = options or Options()
    if opts.clean.cross_document:
        articles = mark_offtopic_articles(canonical(articles))
    return brief_articles(articles, options=opts, chat=chat, told=told)


def brief_articles(
    articles: Sequence[Article],
    *,
    rejected: Sequence[Rejected] = (),
    options: Options | None = None,
    chat: ChatModel | None = None,
    told: Collection[str] = (),
) -> Briefing:
    """Build the briefing of one story from articles already cleaned (as a store keeps them).

    Args:
        articles: the story's articles (unique ids).
        rejected: inputs rejected on the way, carried into the briefing's report.
        options: options of every stage.
        chat: the model for ``options.writer.writer == "llm"``.
        told: ids of articles the reader has had a briefing of: the summary shows what the others
            bring first (the same sentences, in another order).

    Returns:
        The briefing.

    Raises:
        NoArticles: ``articles`` is empty.
    """
    opts = options or Options()
    if not articles:
        raise NoArticles("no article to brief")
    given = {a.id: i for i, a in enumerate(articles)}
    articles = canonical(articles)  # a briefing is a function of the set of articles (newsweave.order)
    all_rejected = tuple(rejected)
    t1 = time.perf_counter()
    syndication = find_syndication(articles, options=opts.dedup)
    t2 = time.perf_counter()
    analysis = analyze(articles, syndication, options=opts.summary)
    articles = [_dated(a, analysis.article_dating.get(a.id)) for a in articles]
    t3 = time.perf_counter()
    summary = summarize(
        articles,
        syndication,
        options=opts.summary,
        statements=analysis.statements,
        claim_ids=analysis.claim_ids,
        conflicts=analysis.conflicts,
        quotes=analysis.quotes,
        timeline=analysis.timeline,
        story_date=analysis.story_date,
        sentences={k: d.sentences for k, d in analysis.docs.items()},
        told=frozenset(told),
    )
    writer = WriterReport()
    if opts.writer.writer == "llm":
        from newsweave.brief.llm import OpenAIChat, write_summary

        summary, writer = write_summary(summary, articles, chat or OpenAIChat(opts.writer), options=opts.writer)
    t4 = time.perf_counter()
    story = make_story(articles)
    if analysis.story_date:
        story = dataclasses.replace(story, date=analysis.story_date)
    return Briefing(
        story=story,
        articles=tuple(sorted(articles, key=lambda a: given[a.id])),  # listed as the user gave them
        syndication=syndication,
        summary=summary,
        rejected=all_rejected,
        claims=analysis.claims,
        quotes=analysis.quotes,
        numbers=analysis.numbers,
        conflicts=analysis.conflicts,
        timeline=analysis.timeline,
        framing=analysis.framing,
        coverage=dict(analysis.coverage),
        stats={
            "dedup_seconds": round(t2 - t1, 4),
            "analysis_seconds": round(t3 - t2, 4),
            "summary_seconds": round(t4 - t3, 4),
        },
        writer=writer,
        not_reported=analysis.unreported if opts.explain else (),
    )


def _dated(article: Article, dating: ArticleDating | None) -> Article:
    """The article with the date the analysis found for it, and what says so (its own ``published``
    stays as given)."""
    if dating is None:
        return article
    not_before = dating.not_before.isoformat() if dating.not_before else None
    if article.published and parse_published(article.published) is not None:
        return dataclasses.replace(article, published_evidence="published", not_before=not_before)
    if article.published:  # given, but no date ("yesterday", "not a date at all"): dated as if not given
        unreadable = f"the given published value {article.published!r} is no date"
        if dating.date is None:
            return dataclasses.replace(article, published=None, published_evidence=unreadable, not_before=not_before)
        article = dataclasses.replace(article, published=None)
        dated = _dated(article, dating)
        return dataclasses.replace(dated, published_evidence=f"{dated.published_evidence}; {unreadable}")
    if dating.date is None:
        return dataclasses.replace(article, not_before=not_before)
    evidence = dating.evidence
    if dating.source is not None:  # "same news as 004", "dated by 003"
        evidence = f"{evidence} {dating.source}" if evidence == "dated by" else f"{evidence} as {dating.source}"
    return dataclasses.replace(
        article,
        published=dating.date.isoformat(),
        published_inferred=True,
        published_evidence=evidence,
        not_before=not_before,
    )


def brief_paths(
    paths: Iterable[str | Path],
    *,
    options: Options | None = None,
    progress: Callable[[Document], None] | None = None,
    chat: ChatModel | None = None,
) -> Briefing:
    """Read files and folders and build their briefing (see :func:`brief_documents`).

    Raises:
        SourceNotFound: a path does not exist.
        NoArticles: nothing usable was read.
    """
    opts = options or Options()
    documents, rejected = read_inputs(paths, options=opts.ingest)
    return brief_documents(documents, rejected=rejected, options=opts, progress=progress, chat=chat)
