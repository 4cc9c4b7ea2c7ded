"""End to end in a real browser: Debian's chromium, driven by Playwright, against ``newsweave serve``'s app
on loopback, over a store holding the bundled example.

The checks a reader makes: open the story list, open the story, click a citation and see the exact
cited words highlighted in the source; upload articles through the form; open an article's page.
Screenshots go to ``tests/artifacts/screenshots/`` for review. Without chromium the tests skip,
except under CI (``CI`` set), where a missing browser is a failure: ``.ci/run`` installs it.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from newsweave.config import ServeOptions
from newsweave.store import open_store
from newsweave.store.ingest import ingest_paths
from newsweave.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent / "artifacts" / "screenshots"

if not CHROMIUM.exists() or shutil.which("chromium") is None:
    if os.environ.get("CI"):
        raise RuntimeError("chromium is missing: .ci/run installs it with apt-get install -y chromium")
    pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, example_dir: Path) -> Iterator[str]:
    """The web app on a free loopback port, over a store holding the example; yields its base URL."""
    db = tmp_path_factory.mktemp("e2e") / "store.db"
    with open_store(db) as store:
        ingest_paths(store, [example_dir])
    port = _free_port()
    app = create_app(str(db), options=ServeOptions(port=port))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start within 30 s")
        time.sleep(0.05)
    yield base
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.problems = problems
    yield pg
    context.close()


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_open_a_story_click_a_citation_and_see_the_cited_words(server: str, page: Any) -> None:
    page.goto(server + "/")
    row = page.locator("table.stories tbody tr").first
    assert row.locator("td.n").all_inner_texts() == ["5", "4"]  # articles, independent sources
    _shot(page, "01-story-list")

    row.locator("a").click()
    page.wait_for_selector("#summary")
    _shot(page, "02-story")
    story_id = page.url.rstrip("/").rsplit("/", 1)[1]
    briefing = httpx.get(f"{server}/api/v1/stories/{story_id}/briefing").json()
    texts = {a["id"]: a["text"] for a in briefing["articles"]}

    citation = page.locator("#summary ol li").first.locator("a[href^='#a-']").first
    anchor = citation.get_attribute("href")[1:]
    citation.click()
    page.wait_for_function("id => location.hash === '#' + id", arg=anchor)
    _shot(page, "03-citation-clicked")

    # The cited passage: every piece of it (a passage may be cut by overlapping ones) is highlighted.
    pieces = page.locator(f".text .{anchor}")
    shown = "".join(pieces.all_text_contents())
    article, start, end = _span_of(anchor, texts)
    assert " ".join(shown.split()) == " ".join(texts[article][start:end].split())
    target_colour = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--target').trim()")
    colours = {pieces.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in range(pieces.count())}
    assert colours == {_rgba(target_colour)}
    assert page.locator(f"#{anchor}").is_visible()
    # Any other passage keeps the ordinary highlight.
    other = page.locator(f"mark.ev:not(.{anchor})").first
    assert other.evaluate("e => getComputedStyle(e).backgroundColor") != _rgba(target_colour)
    assert page.problems == []  # no CSP violation, no script error


def test_sections_and_plots_are_on_the_story_page(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.locator("table.stories a").first.click()
    for section in ("summary", "claims", "conflicts", "quotes", "timeline", "framing", "plots", "articles"):
        assert page.locator(f"section#{section}").count() == 1, section
    assert page.locator("#plots svg.chart rect.bar").count() >= 2
    page.locator("#plots").scroll_into_view_if_needed()
    _shot(page, "04-plots")
    page.locator("#pages a").first.click()
    page.wait_for_selector("section#removed")
    assert page.locator("section#text pre").inner_text().strip()
    assert page.locator(".removed-piece").count() > 0
    _shot(page, "05-article")
    assert page.problems == []


def test_upload_through_the_form(server: str, page: Any, example_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(example_dir.glob("*.txt"))[:3]]
    page.goto(server + "/upload")
    page.fill("textarea[name=text]", "\n---\n".join(texts))
    page.fill("input[name=sentences]", "4")
    _shot(page, "06-upload-form")
    page.click("button[type=submit]")
    page.wait_for_selector("#summary")
    assert "3 articles" in page.locator("header .facts").inner_text()
    assert 1 <= page.locator("#summary .sentence").count() <= 4
    _shot(page, "07-upload-briefing")
    assert page.problems == []


def test_script_in_an_article_never_runs(server: str, page: Any) -> None:
    attack = "<script>window.__pwned = 1</script><img src=x onerror='window.__pwned = 2'>"
    text = (
        "Firefighters in Lakeview said on Tuesday that 12 homes were destroyed by the fire. " + attack + " "
        "The fire chief, Tom Baker, said crews would stay overnight. "
    ) * 3
    body = {"articles": [{"text": text, "title": attack, "url": "javascript:window.__pwned=3", "outlet": attack}]}
    posted = httpx.post(f"{server}/api/v1/articles", json=body).json()
    sid, aid = posted["stories"][0], posted["articles"][0]
    for path in (f"/stories/{sid}", f"/articles/{aid}", "/?q=" + attack):
        page.goto(server + path)
        assert page.evaluate("() => window.__pwned") is None, path
        assert page.locator("img").count() == 0, path
    page.goto(f"{server}/stories/{sid}")
    assert "<script>" in page.locator("h1").inner_text()  # shown as text
    _shot(page, "08-injection-as-text")


def _span_of(anchor: str, texts: dict[str, str]) -> tuple[str, int, int]:
    # a-{article}-{start}-{end}; article ids in a store are [a-z0-9]
    _, rest = anchor.split("-", 1)
    article, start, end = rest.rsplit("-", 2)
    assert article in texts, json.dumps(sorted(texts))
    return article, int(start), int(end)


def _rgba(css: str) -> str:
    # "rgba(255, 140, 0, 0.55)" as getComputedStyle writes it
    return ", ".join(part.strip() for part in css.split(",")).replace("( ", "(")
