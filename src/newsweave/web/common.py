"""What the HTTP API and the web pages share: the request's service and token checks, reading
uploads, and HTML responses with their Content-Security-Policy.

The web package is layered ``common`` <- ``api``, ``pages`` <- ``app``: the app mounts the API and the
pages, and neither of them imports the app or each other.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import re
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse

from newsweave.errors import Unauthorized
from newsweave.ingest import read_bytes
from newsweave.model import Document, Rejected
from newsweave.web.service import Service

# Article types an upload may be: anything else is rejected as "unsupported" before it is read.
UPLOAD_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson")

_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def service(request: Request) -> Service:
    """The app's :class:`Service`."""
    return request.app.state.service  # type: ignore[no-any-return]


def require_token(request: Request) -> None:
    """Refuse a write request without the server's token (when it has one)."""
    check_token(request, request.headers.get("authorization", "").removeprefix("Bearer ").strip())


def check_token(request: Request, given: str | None) -> None:
    """Raise :class:`Unauthorized` unless ``given`` is the server's token (or it has none)."""
    token = request.app.state.options.token
    if token and not (given and hmac.compare_digest(given.encode(), token.encode())):
        raise Unauthorized("this server needs its token for writes: send Authorization: Bearer TOKEN")


Svc = Annotated[Service, Depends(service)]


def read_uploads(files: list[tuple[str, bytes]]) -> list[Document | Rejected]:
    """Uploaded files as documents; a file of another type is rejected without being read."""
    out: list[Document | Rejected] = []
    for name, data in files:
        base = name.lower().removesuffix(".gz")
        if not base.endswith(UPLOAD_SUFFIXES):
            out.append(Rejected(name, "unsupported", f"not an article type; send {', '.join(UPLOAD_SUFFIXES)}"))
            continue
        out.extend(read_bytes(data, name=name))
    return out


def page(html: str, status: int = 200) -> HTMLResponse:
    """An HTML response whose Content-Security-Policy allows exactly the page's own ``<style>`` blocks."""
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": page_csp(html)})


@functools.lru_cache(maxsize=256)
def page_csp(html: str) -> str:
    """The Content-Security-Policy of a page (cached: a cached page is the same string object, whose
    hash Python keeps, so a repeat costs a lookup, not a scan and a SHA-256 of every style block)."""
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii") + "'"
            for css in _STYLE.findall(html)
        }
    )
    return (
        f"default-src 'none'; style-src {' '.join(hashes) or chr(39) + 'none' + chr(39)}; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
