"""The web pages: story list (with search), a story's briefing, an article, upload, and the API index.

Server-rendered HTML with no script and nothing loaded from elsewhere: the pages work offline and
under a Content-Security-Policy that forbids scripts. A story's citations are links to the cited
words in the articles' texts on the same page, highlighted by CSS ``:target``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsweave import render
from newsweave.errors import InvalidRequest
from newsweave.ingest import read_bytes
from newsweave.model import Briefing, Document, Rejected
from newsweave.render.views import article_labels
from newsweave.web import views
from newsweave.web.common import Svc, check_token, page, read_uploads
from newsweave.web.service import Service

router = APIRouter(include_in_schema=False)

# A pasted box may hold several articles, each on its own, separated by a line holding only this.
SEPARATOR = "---"


@router.get("/", response_class=HTMLResponse)
def index(
    svc: Svc,
    q: Annotated[str, Query(max_length=500)] = "",
    limit: Annotated[int | None, Query(ge=1)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    open: bool = False,
) -> Response:
    page_size = min(limit or svc.options.page_size, svc.options.max_page_size)
    rows, total = svc.stories(q, limit=page_size, offset=offset, open_only=open)
    with svc.store() as store:
        counts = store.counts()
    body = views.story_list(rows, total=total, query=q, limit=page_size, offset=offset, open_only=open, counts=counts)
    return page(views.layout("Stories", body))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(story_id: str, svc: Svc) -> Response:
    cached = svc.briefing(story_id)
    html = cached.render(
        "page",
        lambda b: render.to_html(
            b,
            banner=views.story_banner(story_id),
            extra=[
                *_changes(cached.since, b),
                *_plots(b),
                ("pages", views.article_links(b.articles)),
            ],
        ),
    )
    return page(html)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(article_id: str, svc: Svc) -> Response:
    art, story_id = svc.article(article_id)
    return page(views.layout(art.title or article_id, views.article_page(art, story_id)))


@router.get("/upload", response_class=HTMLResponse)
def upload_form(svc: Svc) -> Response:
    return page(views.layout("Upload articles", _form(svc)))


@router.post("/upload", response_class=HTMLResponse)
def upload(
    request: Request,
    svc: Svc,
    text: Annotated[str, Form(max_length=10_000_000)] = "",
    files: Annotated[list[UploadFile] | None, File()] = None,
    sentences: Annotated[int, Form(ge=1, le=30)] = 6,
    store: Annotated[bool, Form()] = False,
    token: Annotated[str | None, Form()] = None,
) -> Response:
    check_token(request, token or request.headers.get("authorization", "").removeprefix("Bearer ").strip())
    items = pasted(text) + read_uploads([(f.filename or "upload", f.file.read()) for f in files or [] if f.filename])
    if not items:
        raise InvalidRequest("nothing was pasted or chosen: paste an article or choose files")
    if store:
        result = svc.ingest(items)
        if len(result.stories) == 1:
            return RedirectResponse(f"/stories/{result.stories[0]}", status_code=303)
        return RedirectResponse(f"/?q=&limit={svc.options.page_size}", status_code=303)
    documents = [i for i in items if isinstance(i, Document)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    cached = svc.brief_documents(documents, rejected, sentences=sentences)
    return page(render.to_html(cached.briefing, banner=views.upload_banner(), extra=_plots(cached.briefing)))


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)  # no icon: a browser's automatic request is not an error


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> Response:
    return page(views.layout("HTTP API", views.api_index(request.app.openapi())))


def pasted(text: str) -> list[Document | Rejected]:
    """The articles in a pasted box: JSONL if it starts with ``{``, else pieces separated by ``---`` lines."""
    if not text.strip():
        return []
    if text.lstrip().startswith("{"):
        return list(read_bytes(text.encode("utf-8"), name="pasted.jsonl"))
    pieces: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip() == SEPARATOR:
            pieces.append("\n".join(current))
            current = []
        else:
            current.append(line)
    pieces.append("\n".join(current))
    out: list[Document | Rejected] = []
    for n, piece in enumerate((p for p in pieces if p.strip()), start=1):
        out.extend(read_bytes(piece.encode("utf-8"), name=f"pasted-{n}"))
    return out


def _form(svc: Service, message: str = "") -> str:
    return views.upload_form(
        token_required=bool(svc.options.token),
        max_bytes=svc.options.max_request_bytes,
        max_articles=svc.options.max_articles,
        message=message,
    )


def _changes(since: dict[str, Any] | None, briefing: Briefing) -> list[tuple[str, str]]:
    if not since or since.get("previous") is None:
        return []
    return [("changes", views.changes_section(since, article_labels(briefing.articles)))]


def _plots(briefing: object) -> list[tuple[str, str]]:
    section = views.plots(briefing)  # type: ignore[arg-type]
    return [("plots", section)] if section else []
