"""The FastAPI application: routes from :mod:`~newsweave.web.api` and :mod:`~newsweave.web.pages`,
one error shape, and the guards every request passes.

Guards, in the order a request meets them (:class:`Guard`, plain ASGI so that it also covers requests
no route matches):

1. ``Host`` must be a name the server answers to (loopback names for a loopback server): a page on
   another site cannot reach ``127.0.0.1`` by rebinding its own DNS name to it.
2. A ``POST`` sent by a browser on behalf of another page (``Sec-Fetch-Site`` other than
   ``same-origin``; without that header, an ``Origin`` of another host) is refused: no other site's
   form can feed articles in.
3. A body larger than ``max_request_bytes`` is refused with 413 before the route sees it (read up
   to the limit, never further: ``Content-Length`` is checked first, a chunked body as it arrives).
4. Every response gets ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``,
   ``X-Frame-Options: DENY`` and a Content-Security-Policy: HTML pages allow only their own
   ``<style>`` blocks (by SHA-256) and no script; everything else gets ``default-src 'none'``.

Errors: every failure, whatever raised it (a :class:`~newsweave.errors.NewsweaveError`, a validation
error, an unknown path, a wrong method) is answered with ``{"error": {"code", "type", "message",
"source", "status"}}``; pages outside ``/api`` that a browser asks for get the same fields as a page.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsweave import __version__
from newsweave.config import Options, ServeOptions
from newsweave.errors import (
    ArticleNotFound,
    CrossSiteRequest,
    HostNotAllowed,
    InputError,
    InvalidRequest,
    MethodNotAllowed,
    NewsweaveError,
    NotFound,
    OptionsError,
    RequestError,
    RequestTooLarge,
    StoryNotFound,
)
from newsweave.web import api, pages, views
from newsweave.web.common import page
from newsweave.web.service import Service

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

# What a JSON (or any non-HTML) response may load or run: nothing.
JSON_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def create_app(db: str, *, options: ServeOptions | None = None, brief_options: Options | None = None) -> FastAPI:
    """The web app over the store at ``db``.

    Args:
        db: the store (a SQLite path, created if missing, or a ``postgresql://`` URL).
        options: the server's options: address (for the host check and the token rule), limits, cache.
        brief_options: options of the pipeline stages used for briefings.

    Raises:
        StoreError: the store cannot be opened.
    """
    opts = options or ServeOptions()
    app = FastAPI(
        title="newsweave",
        version=__version__,
        description="Briefings a reader can check: stories, briefings, articles and what was removed from them.",
        docs_url=None,  # the Swagger and ReDoc pages load scripts from a CDN; /api lists the endpoints offline
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.service = Service(db, options=opts, brief_options=brief_options)
    app.state.options = opts
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(NewsweaveError)
    async def _newsweave_error(request: Request, exc: NewsweaveError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()[:5]
        )
        return error_response(request, InvalidRequest(problems or "the request does not have the documented shape"))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            error: NewsweaveError = NotFound(f"nothing at {request.url.path}; /api lists the endpoints")
        elif exc.status_code == 405:
            error = MethodNotAllowed(f"{request.method} is not allowed on {request.url.path}")
        elif "exceeded maximum size" in str(exc.detail):  # a form field over the multipart parser's 1 MB
            error = RequestTooLarge(f"{exc.detail} Paste at most 1 MB; send longer articles as files.")
        else:
            error = RequestError(str(exc.detail))
            error.status = exc.status_code  # type: ignore[misc]
        return error_response(request, error)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        error = NewsweaveError(f"internal error ({type(exc).__name__}); the server log has the details")
        return error_response(request, error)

    app.add_middleware(Guard, options=opts)
    return app


def status_of(exc: NewsweaveError) -> int:
    """The HTTP status an error is answered with."""
    if isinstance(exc, RequestError):
        return exc.status
    if isinstance(exc, StoryNotFound | ArticleNotFound):
        return 404
    if isinstance(exc, InputError | OptionsError):
        return 422
    return 500


def error_body(exc: NewsweaveError) -> dict[str, Any]:
    """The one JSON error shape."""
    return {"error": {**exc.to_dict(), "status": status_of(exc)}}


def wants_html(request: Request) -> bool:
    """A browser asking for a page (not an API client)."""
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def error_response(request: Request, exc: NewsweaveError) -> Response:
    """``exc`` as JSON, or as a page for a browser outside ``/api``."""
    body = error_body(exc)
    status = body["error"]["status"]
    if wants_html(request):
        return page(views.layout(f"{status} {body['error']['type']}", views.error_page(body["error"], status)), status)
    return JSONResponse(body, status_code=status)


class Guard:
    """The ASGI guard in front of the app: host check, cross-site check, body limit, security headers."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], options: ServeOptions) -> None:
        self.app = app
        self.options = options
        self.hosts = allowed_hosts(options)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        refusal = self._refusal(scope, headers)
        if refusal is None and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            body, refusal = await self._read_body(receive, headers)
            if refusal is None:
                receive = _replay(body)
        send = _secured(send)
        if refusal is not None:
            await self._refuse(scope, headers, refusal, send)
            return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> NewsweaveError | None:
        host = _host_name(headers.get("host", ""))
        if self.hosts is not None and host not in self.hosts:
            return HostNotAllowed(
                f"this server does not answer to the host {host!r}; start it with --allowed-host {host} if it should"
            )
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return None
        # Browsers say where a request comes from in Sec-Fetch-Site; same-site is refused too (another
        # service on localhost:3000 is the same site as localhost:8000). Without it (old browsers), the
        # Origin must be this host. Origin alone is not enough: under Referrer-Policy: no-referrer a
        # browser sends "Origin: null" even for this site's own forms.
        fetch_site = headers.get("sec-fetch-site")
        origin = headers.get("origin")
        if fetch_site is not None:
            if fetch_site not in ("same-origin", "none"):
                return CrossSiteRequest(
                    f"a page on another site ({fetch_site}) sent this request; post from newsweave's own pages "
                    "or an API client"
                )
        elif origin == "null":
            return CrossSiteRequest("a request from an opaque origin (a sandboxed page or a file) is refused")
        elif origin and _host_port(origin) != headers.get("host", "").lower():
            return CrossSiteRequest("a page on another site sent this request; post from newsweave's own pages")
        return None

    async def _read_body(self, receive: Receive, headers: dict[str, str]) -> tuple[bytes, NewsweaveError | None]:
        limit = self.options.max_request_bytes
        too_large = RequestTooLarge(f"the request body is over this server's limit of {limit:,} bytes")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return b"", too_large
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return b"", too_large
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks), None

    async def _refuse(self, scope: Scope, headers: dict[str, str], error: NewsweaveError, send: Send) -> None:
        request = Request(scope)
        response = error_response(request, error)
        if isinstance(error, RequestTooLarge):
            response.headers["connection"] = "close"  # the rest of the body is not read
        await response(scope, _empty_receive, send)


def allowed_hosts(options: ServeOptions) -> set[str] | None:
    """The ``Host`` names a server answers to; ``None``: any (a server on every interface with no list)."""
    names = {h.lower() for h in options.allowed_hosts}
    if options.loopback:
        return names | {"localhost", "127.0.0.1", "::1", options.host.lower()}
    if options.host in ("0.0.0.0", "::"):
        return names or None
    return names | {options.host.lower()}


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _host_port(origin: str) -> str:
    return re.sub(r"^[a-z][a-z0-9+.-]*://", "", origin.strip().lower()).rstrip("/")


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _empty_receive() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _secured(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            present = {k.lower() for k, _ in headers}
            headers += [(k, v) for k, v in _SECURITY_HEADERS if k not in present]
            if b"content-security-policy" not in present:
                headers.append((b"content-security-policy", JSON_CSP.encode("ascii")))
            message["headers"] = headers
        await send(message)

    return wrapped
