"""The HTTP API, under ``/api/v1``: stories (list, search, one), briefings (JSON per the briefing
schema, Markdown, HTML), articles (cleaned text, what was removed, the bytes read), and ingest.

Routes are plain functions (run in the server's thread pool: briefing is CPU work) over
:class:`~newsweave.web.service.Service`. Write endpoints (every ``POST``) need the server's token
when it has one (``Authorization: Bearer TOKEN``); a server listening beyond loopback always has one.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from newsweave import __version__, render
from newsweave.ingest import document_from_record
from newsweave.model import Article, Document, Rejected
from newsweave.render.jsonout import article_dict
from newsweave.web.common import Svc, page, read_uploads, require_token
from newsweave.web.service import CachedBriefing

router = APIRouter(prefix="/api/v1", tags=["api"])

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"description": what, "content": {"application/json": {"example": {"error": example}}}}
    for code, what, example in [
        (404, "No such story, article or path", {"code": "NW401", "type": "StoryNotFound", "message": "…",
                                                 "source": None, "status": 404}),
        (422, "The request does not have the documented shape", {"code": "NW504", "type": "InvalidRequest",
                                                                "message": "…", "source": None, "status": 422}),
    ]
}  # fmt: skip


class Format(StrEnum):
    """How a briefing is sent."""

    json = "json"
    markdown = "markdown"
    html = "html"


class ArticleIn(BaseModel):
    """An article posted as JSON: ``text`` (scraped text) or ``html`` (a page), and what is known about it."""

    model_config = ConfigDict(extra="ignore")

    text: str | None = Field(None, description="The article as scraped text.")
    html: str | None = Field(None, description="The article's page, as HTML (used instead of text if both).")
    id: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=2_000)
    url: str | None = Field(None, max_length=2_000)
    published: str | None = Field(None, max_length=100, description="Publication date, ISO 8601 preferred.")
    outlet: str | None = Field(None, max_length=200)


class ArticlesIn(BaseModel):
    """Articles to ingest or brief: posted records, and URLs for the server to fetch."""

    articles: list[ArticleIn] = Field(default_factory=list)
    urls: list[Annotated[str, Field(max_length=2_000)]] = Field(
        default_factory=list, description="http(s) URLs; private, loopback and link-local addresses are refused."
    )


StoryId = Annotated[str, Path(max_length=200, description="A story id, as the story list gives it.")]
ArticleId = Annotated[str, Path(max_length=200, description="An article id, as a story's article list gives it.")]


# -- reading -----------------------------------------------------------------------------------------


@router.get("/health", summary="The server is up; what the store holds")
def health(svc: Svc) -> dict[str, Any]:
    with svc.store() as store:
        return {"status": "ok", "version": __version__, "store": store.counts()}


@router.get("/stories", summary="List or search stories, newest first, one page at a time", responses=ERROR_RESPONSES)
def list_stories(
    request: Request,
    svc: Svc,
    q: Annotated[str, Query(max_length=500, description="Words every matching story contains.")] = "",
    limit: Annotated[int | None, Query(ge=1, description="Stories per page (the server caps it).")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    open: Annotated[bool, Query(description="Only stories that can still grow.")] = False,
) -> dict[str, Any]:
    page_size = min(limit or svc.options.page_size, svc.options.max_page_size)
    rows, total = svc.stories(q, limit=page_size, offset=offset, open_only=open)
    following = None
    if offset + page_size < total:
        params = {"q": q, "limit": page_size, "offset": offset + page_size, **({"open": "true"} if open else {})}
        following = f"{request.url.path}?{urlencode(params)}"
    return {
        "stories": [dataclasses.asdict(r) for r in rows],
        "total": total,
        "limit": page_size,
        "offset": offset,
        "next": following,
    }


@router.get("/stories/{story_id}", summary="A story and its articles", responses=ERROR_RESPONSES)
def get_story(story_id: StoryId, svc: Svc) -> dict[str, Any]:
    row, articles = svc.story(story_id)
    return {"story": dataclasses.asdict(row), "articles": [_article_summary(a) for a in articles]}


@router.get(
    "/stories/{story_id}/briefing",
    summary="A story's briefing: JSON (per briefing.schema.json), Markdown or HTML; cached while its articles stay",
    responses={
        **ERROR_RESPONSES,
        200: {"content": {"application/json": {}, "text/markdown": {}, "text/html": {}}},
    },
)
def get_briefing(
    story_id: StoryId,
    svc: Svc,
    format: Format = Format.json,
    since: Annotated[
        bool, Query(description="JSON: add `since`, what changed since the story's previous briefing.")
    ] = False,
) -> Response:
    cached = svc.briefing(story_id)
    if since and format is Format.json:
        return JSONResponse({**cached.data, "since": cached.since or {"previous": None}})
    return briefing_response(cached, format)


@router.post(
    "/stories/{story_id}/briefing",
    summary="Build a story's briefing again (e.g. after changing the server's options), and return it",
    dependencies=[Depends(require_token)],
    responses={
        **ERROR_RESPONSES,
        200: {"content": {"application/json": {}, "text/markdown": {}, "text/html": {}}},
    },
)
def rebuild_briefing(story_id: StoryId, svc: Svc, format: Format = Format.json) -> Response:
    return briefing_response(svc.briefing(story_id, rebuild=True), format)


@router.get(
    "/articles/{article_id}", summary="An article: cleaned text and what was removed", responses=ERROR_RESPONSES
)
def get_article(article_id: ArticleId, svc: Svc) -> dict[str, Any]:
    article, story_id = svc.article(article_id)
    return {**article_dict(article), "story": story_id, "words": len(article.text.split())}


@router.get(
    "/articles/{article_id}/raw",
    summary="The bytes an article was read from (as a download, never rendered)",
    responses={**ERROR_RESPONSES, 200: {"content": {"application/octet-stream": {}}}},
)
def get_raw(article_id: ArticleId, svc: Svc) -> Response:
    from newsweave.errors import ArticleNotFound

    article, data = svc.raw(article_id)
    if data is None:
        raise ArticleNotFound(f"the store has no bytes for article {article_id!r}")
    return Response(
        data,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{article.id}.raw"',
            "X-Newsweave-SHA256": article.sha256 or "",
        },
    )


# -- writing -----------------------------------------------------------------------------------------


@router.post(
    "/articles",
    summary="Ingest articles posted as JSON (records and/or URLs) into the store",
    dependencies=[Depends(require_token)],
    responses=ERROR_RESPONSES,
)
def post_articles(body: ArticlesIn, svc: Svc) -> dict[str, Any]:
    return svc.ingest(_documents(body, svc)).to_dict()


@router.post(
    "/articles/files",
    summary="Ingest uploaded files (text, HTML, JSONL) into the store",
    dependencies=[Depends(require_token)],
    responses=ERROR_RESPONSES,
)
def post_files(files: Annotated[list[UploadFile], File(description="Article files.")], svc: Svc) -> dict[str, Any]:
    return svc.ingest(read_uploads([(f.filename or "upload", f.file.read()) for f in files])).to_dict()


@router.post(
    "/brief",
    summary="Brief posted articles without storing them",
    dependencies=[Depends(require_token)],
    responses={**ERROR_RESPONSES, 200: {"content": {"application/json": {}, "text/markdown": {}, "text/html": {}}}},
)
def post_brief(body: ArticlesIn, svc: Svc, format: Format = Format.json) -> Response:
    items = _documents(body, svc)
    documents = [i for i in items if isinstance(i, Document)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    return briefing_response(svc.brief_documents(documents, rejected), format)


# -- helpers -----------------------------------------------------------------------------------------


def briefing_response(cached: CachedBriefing, format: Format) -> Response:
    """A briefing as JSON, Markdown, or a standalone HTML page."""
    if format is Format.json:
        return Response(cached.json(), media_type="application/json")
    if format is Format.markdown:
        return Response(cached.render("markdown", render.to_markdown), media_type="text/markdown; charset=utf-8")
    return page(cached.render("html", render.to_html))


def _documents(body: ArticlesIn, svc: Svc) -> list[Document | Rejected]:
    items: list[Document | Rejected] = [
        document_from_record(a.model_dump(exclude_none=True), source=f"request#{i}", fallback_id=f"posted-{i}")
        for i, a in enumerate(body.articles, start=1)
    ]
    if body.urls:
        svc.check_count(len(body.articles) + len(body.urls))
        items.extend(svc.fetch(body.urls))
    return items


def _article_summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "url": article.url,
        "source": article.source,
        "words": len(article.text.split()),
    }
