"""Reading real sources: URLs (fetched carefully), RSS/Atom/JSON Feed and OPML, WARC files."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsweave.config import IngestOptions
from newsweave.ingest import read_file, read_sources, read_url
from newsweave.ingest.fetch import Fetched, fetch, refusal
from newsweave.model import Document, Rejected

ARTICLE = (
    "<html><head><title>Dam breaks after storm</title></head><body><article><h1>Dam breaks after storm</h1>"
    + "".join(
        f"<p>Paragraph {i}: the river rose overnight and engineers said the old dam gave way at dawn, "
        f"flooding two villages downstream while rescue teams moved families to the school gym.</p>"
        for i in range(6)
    )
    + "</article></body></html>"
)
LOCAL = IngestOptions(allow_private=True, timeout=5)


def _rss(base: str, *, full: bool) -> str:
    body = "" if not full else f"<content:encoded><![CDATA[{ARTICLE}]]></content:encoded>"
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}/page{i}</link><description>Short summary {i}.</description>"
        f"<pubDate>Tue, 0{i + 1} Jul 2025 10:00:00 GMT</pubDate>{body}</item>"
        for i in range(2)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Test feed</title>{items}</channel></rss>"
    )


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/huge":  # a response that never ends
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(100_000):
                    self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page0")
            self.end_headers()
            return
        routes = {
            "/page0": (200, "text/html", ARTICLE.encode()),
            "/page1": (200, "text/html", ARTICLE.replace("Dam", "Levee").encode()),
            "/feed.xml": (200, "application/rss+xml", _rss(base, full=False).encode()),
            "/slow": (200, "text/html", ARTICLE.encode()),
            "/list.opml": (
                200,
                "text/x-opml",
                f'<opml version="2.0"><body><outline text="t" xmlUrl="{base}/feed.xml"/></body></opml>'.encode(),
            ),
        }
        status, ctype, data = routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
            pass


@contextmanager
def _server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with _server() as base:
        yield base


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://localhost:8080/x", "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/",
     "http://192.168.0.1/", "http://[::1]/", "http://0.0.0.0/"],
)  # fmt: skip
def test_private_loopback_and_link_local_addresses_are_refused(url: str) -> None:
    why = refusal(url)
    assert why and "refused" in why
    got = fetch(url)
    assert isinstance(got, Rejected) and got.reason == "refused"


def test_other_schemes_are_refused() -> None:
    assert "only http and https" in (refusal("file:///etc/passwd") or "")
    assert "only http and https" in (refusal("ftp://example.com/x") or "")


def test_fetch_with_private_allowed_follows_redirects(site: str) -> None:
    got = fetch(f"{site}/redirect", allow_private=True)
    assert isinstance(got, Fetched) and got.url.endswith("/page0") and b"Dam breaks" in got.data


def test_a_url_that_never_ends_is_cut_at_the_cap_and_a_slow_one_times_out(site: str) -> None:
    started = time.perf_counter()
    got = fetch(f"{site}/huge", allow_private=True, max_bytes=1_000_000)
    assert isinstance(got, Rejected) and got.reason == "too_large"
    assert time.perf_counter() - started < 30
    got = fetch(f"{site}/slow", allow_private=True, timeout=0.3)
    assert isinstance(got, Rejected) and got.reason == "unreachable"
    got = fetch(f"{site}/missing", allow_private=True)
    assert isinstance(got, Rejected) and got.reason == "http_error" and "404" in got.message


def test_a_page_url_is_one_document(site: str) -> None:
    (doc,) = list(read_url(f"{site}/page0", options=LOCAL))
    assert isinstance(doc, Document) and doc.kind == "html" and doc.url and doc.raw and "Dam" in doc.content


def test_a_feed_of_summaries_fetches_each_page(site: str) -> None:
    items = list(read_url(f"{site}/feed.xml", options=LOCAL))
    assert [type(i) for i in items] == [Document, Document]
    assert items[0].title == "Story 0" and items[0].published == "2025-07-01"
    assert "Levee" in items[1].content
    off = list(read_url(f"{site}/feed.xml", options=IngestOptions(allow_private=True, fetch=False)))
    assert [i.reason for i in off if isinstance(i, Rejected)] == ["summary_only", "summary_only"]


def test_an_opml_list_reads_every_feed(site: str) -> None:
    items = list(read_url(f"{site}/list.opml", options=LOCAL))
    assert len([i for i in items if isinstance(i, Document)]) == 2


def test_feed_files_with_full_text_need_no_fetching(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(_rss("https://example.com", full=True), encoding="utf-8")
    docs = list(read_file(path, options=IngestOptions(fetch=False)))
    assert len(docs) == 2 and all(isinstance(d, Document) and "dam gave way" in d.content for d in docs)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "J",
        "items": [{"id": "1", "url": "https://example.com/j1", "title": "J1", "content_html": ARTICLE}],
    }
    (tmp_path / "feed.json").write_text(json.dumps(feed), encoding="utf-8")
    (doc,) = list(read_file(tmp_path / "feed.json", options=IngestOptions(fetch=False)))
    assert isinstance(doc, Document) and doc.url == "https://example.com/j1"


def test_an_invalid_feed_is_one_rejection_and_the_rest_is_read(tmp_path: Path, write) -> None:
    (tmp_path / "broken.rss").write_text("<rss><channel><item><title>unclosed", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("A full article body. " * 30, encoding="utf-8")
    items = list(read_sources([tmp_path], options=IngestOptions(fetch=False)))
    assert [i.reason for i in items if isinstance(i, Rejected)] == ["invalid_feed"]
    assert len([i for i in items if isinstance(i, Document)]) == 1


def _warc(path: Path, pages: list[tuple[str, str]]) -> list[int]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    offsets = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            offsets.append(fh.tell())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
            )
        offsets.append(fh.tell())
        req = writer.create_warc_record(
            "https://example.com/r", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(req)
    return offsets


def test_a_warc_file_gives_its_html_pages(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [(f"https://example.com/{i}", ARTICLE.replace("Dam", f"Dam {i}")) for i in range(3)])
    docs = list(read_file(path))
    assert [d.url for d in docs if isinstance(d, Document)] == [f"https://example.com/{i}" for i in range(3)]


def test_a_corrupt_warc_record_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    offsets = _warc(path, [(f"https://example.com/{i}", ARTICLE.replace("Dam", f"Dam {i}")) for i in range(3)])
    data = bytearray(path.read_bytes())
    middle = offsets[1] + (offsets[2] - offsets[1]) // 2
    data[middle : middle + 40] = b"\x00" * 40  # damage the second record's compressed bytes
    path.write_bytes(bytes(data))
    items = list(read_file(path))
    docs = [i for i in items if isinstance(i, Document)]
    bad = [i for i in items if isinstance(i, Rejected)]
    assert [d.url for d in docs] == ["https://example.com/0", "https://example.com/2"]
    assert len(bad) == 1 and bad[0].reason == "corrupt_record"


def test_the_connection_goes_to_the_address_that_was_checked(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the name answers a "public" address for the check and another one afterwards.
    The fetch must connect to the checked address (here the test server), never ask DNS again."""
    import socket

    from newsweave.ingest import fetch as fetch_module

    real = socket.getaddrinfo
    asked: list[str] = []
    port = int(site.rsplit(":", 1)[1])

    def rebinding(host: str, *args: object, **kwargs: object) -> list:  # type: ignore[type-arg]
        if host != "news.test":
            return real(host, *args, **kwargs)  # type: ignore[arg-type]
        asked.append(host)
        address = "127.0.0.1" if len(asked) == 1 else "10.255.255.1"  # the second answer goes nowhere
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(fetch_module, "is_public", lambda address: str(address) != "10.255.255.1")
    got = fetch(f"http://news.test:{port}/page0", timeout=2)
    assert isinstance(got, Fetched), got
    assert b"Dam breaks" in got.data and got.url == f"http://news.test:{port}/page0"
    assert asked == ["news.test"]  # resolved once, for the check


def test_pinned_requests_keep_the_name_for_host_and_tls() -> None:
    from newsweave.ingest.fetch import pinned

    assert pinned("https://news.example/a?b=1", "93.184.216.34") == (
        "https://93.184.216.34/a?b=1", {"Host": "news.example"}, {"sni_hostname": "news.example"}
    )  # fmt: skip
    assert pinned("http://news.example:8080/", "2606:2800::1")[0] == "http://[2606:2800::1]:8080/"
