"""Fetching a URL, carefully: a timeout, a size cap, and no requests to the machine's own network.

Articles name URLs that the user did not choose (feed entries, links), so a URL is fetched only if
every address its host resolves to is public: private (10/8, 192.168/16 …), loopback, link-local
(169.254/16, where cloud metadata services live), multicast, reserved and unspecified addresses are
refused unless the caller allows them. Redirects are followed by hand (at most five), each hop
checked the same way. The body is read in chunks and abandoned past ``max_bytes``, so a URL that
returns 5 GB costs at most ``max_bytes``.

The connection goes to the address that was checked, not to whatever the name resolves to a moment
later: the request is sent to that IP with the original ``Host`` header (and, for HTTPS, the original
name for SNI and certificate checks), so a DNS server that answers a public address for the check
and a private one for the connection (DNS rebinding) reaches nothing it should not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from newsweave.model import Document, Rejected

MAX_REDIRECTS = 5
USER_AGENT = "newsweave/0.1 (+https://github.com/newsweave; news briefings)"


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: its final URL, content type, bytes and when it was retrieved."""

    url: str
    content_type: str
    data: bytes
    retrieved_at: str


def refusal(url: str, *, allow_private: bool = False) -> str | None:
    """Why ``url`` must not be fetched, or ``None`` when it may be."""
    return check(url, allow_private=allow_private)[0]


def check(url: str, *, allow_private: bool = False) -> tuple[str | None, str | None]:
    """Why ``url`` must not be fetched (or ``None``), and the public address it was checked at (or
    ``None`` when private addresses are allowed and nothing was resolved)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"only http and https URLs are fetched, not {parts.scheme or 'a relative URL'}", None
    host = parts.hostname
    if not host:
        return "the URL has no host", None
    if allow_private:
        return None, None
    try:
        infos = socket.getaddrinfo(
            host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
        )
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        return f"cannot resolve {host}: {exc}", None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not is_public(address):
            return f"{host} resolves to {address}, a private, loopback or link-local address (refused)", None
    if not infos:
        return f"cannot resolve {host}", None
    return None, str(infos[0][4][0])


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """An address on the public internet (not private, loopback, link-local, multicast, reserved …)."""
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def pinned(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """The request for ``url`` sent to ``address``: its URL, headers (``Host``) and httpx extensions (SNI)."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    ip = f"[{address}]" if ":" in address else address
    target = urlunsplit((parts.scheme, ip + port, parts.path or "/", parts.query, ""))
    extensions = {"sni_hostname": parts.hostname or ""} if parts.scheme == "https" else {}
    return target, {"Host": (parts.hostname or "") + port}, extensions


def fetch(
    url: str, *, timeout: float = 20.0, max_bytes: int = 10_000_000, allow_private: bool = False
) -> Fetched | Rejected:
    """Fetch ``url``; every failure is a :class:`Rejected` (reasons ``refused``, ``unreachable``,
    ``http_error``, ``too_large``), never an exception."""
    import httpx  # only when something is fetched

    current = url
    with httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            why, address = check(current, allow_private=allow_private)
            if why:
                return Rejected(url, "refused", why)
            target, headers, extensions = pinned(current, address) if address else (current, {}, {})
            try:
                with client.stream("GET", target, headers=headers, extensions=extensions) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        return Rejected(url, "http_error", f"HTTP {response.status_code} from {current}")
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > max_bytes:
                        return Rejected(url, "too_large", f"{declared} bytes announced, over the {max_bytes}-byte cap")
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            return Rejected(url, "too_large", f"more than {max_bytes} bytes; stopped reading")
                        chunks.append(chunk)
                    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                    return Fetched(current, response.headers.get("content-type", ""), b"".join(chunks), stamp)
            except httpx.TimeoutException:
                return Rejected(url, "unreachable", f"no answer within {timeout:g} s")
            except httpx.HTTPError as exc:
                return Rejected(url, "unreachable", f"cannot fetch: {exc}")
    return Rejected(url, "http_error", f"more than {MAX_REDIRECTS} redirects")


def page_document(fetched: Fetched, *, source: str | None = None, title: str | None = None,
                  published: str | None = None) -> Document | Rejected:  # fmt: skip
    """A fetched HTML (or text) page as a document."""
    from newsweave.ingest import decode

    kind = "text" if fetched.content_type.startswith("text/plain") else "html"
    try:
        text, encoding, warnings = decode(fetched.data, html=kind == "html")
    except ValueError as exc:
        return Rejected(source or fetched.url, "undecodable", str(exc))
    if not text.strip():
        return Rejected(source or fetched.url, "empty", "the page is empty")
    return Document(
        id=hashlib.sha256(fetched.url.encode()).hexdigest()[:12],
        source=source or fetched.url,
        content=text,
        kind=kind,  # type: ignore[arg-type]
        encoding=encoding,
        sha256=hashlib.sha256(fetched.data).hexdigest(),
        url=fetched.url,
        title=title,
        published=published,
        warnings=tuple(warnings),
        raw=fetched.data,
    )
