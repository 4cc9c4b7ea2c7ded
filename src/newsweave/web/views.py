"""The web app's pages as HTML strings: story list, article, upload, errors, API index, and plots.

A story's page is :func:`newsweave.render.to_html` (the same page ``newsweave brief --format html``
writes) with the site's navigation and the plots added. Every value that comes from an input (titles,
texts, URLs, sources, queries, error messages) goes through :func:`html.escape`; nothing here emits a
script or an inline ``style`` attribute, so the page works under a Content-Security-Policy that allows
only the page's own ``<style>`` blocks (by hash) and no script at all. Plots are inline SVG.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from html import escape
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from newsweave.model import Article, Briefing, Claim
from newsweave.store.base import StoryRow

# Rules the site adds to the briefing page's stylesheet (render/templates/style.css).
WEB_CSS = """
nav.site { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; padding: 0.5rem 0;
  border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
nav.site .brand { font-weight: 700; }
nav.site .right { margin-left: auto; color: var(--muted); }
form.search { display: flex; gap: 0.5rem; margin: 1rem 0; flex-wrap: wrap; }
form.search input[type=search] { flex: 1 1 20rem; padding: 0.4rem; }
table.stories { border-collapse: collapse; width: 100%; }
table.stories th, table.stories td { border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; }
table.stories td.n { text-align: right; font-variant-numeric: tabular-nums; }
.pager { display: flex; gap: 1rem; margin: 1rem 0; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; }
@media (max-width: 800px) { .columns { grid-template-columns: 1fr; } }
.columns pre, .removed-piece { white-space: pre-wrap; overflow-wrap: anywhere; font-family: inherit; }
.removed-piece { border-left: 3px solid var(--line); padding-left: 0.5rem; margin: 0.5rem 0; color: var(--muted); }
.reason { font-weight: 600; color: var(--fg); }
form.upload textarea { width: 100%; min-height: 14rem; font-family: inherit; }
form.upload fieldset { border: 1px solid var(--line); margin: 1rem 0; }
.error { border-left: 4px solid var(--red); padding: 0.5rem 1rem; background: var(--red-bg); }
.plots { display: flex; gap: 2rem; flex-wrap: wrap; }
.plots figure { margin: 0; }
svg.chart { max-width: 100%; height: auto; }
svg.chart .bar { fill: var(--link); }
svg.chart text { fill: var(--muted); font-size: 11px; }
svg.chart .axis { stroke: var(--line); }
"""

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def stylesheet() -> str:
    """The briefing stylesheet and the site's rules, for pages the site makes itself."""
    base = (resources.files("newsweave.render") / "templates" / "style.css").read_text(encoding="utf-8")
    return base + WEB_CSS


def layout(title: str, body: str) -> str:
    """A whole page around ``body`` (trusted HTML); ``title`` is escaped."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} — newsweave</title>\n"
        f"<style>\n{stylesheet()}</style>\n"
        "</head>\n<body>\n<main>\n"
        f"{site_nav()}\n{body}\n"
        "</main>\n</body>\n</html>\n"
    )


def site_nav(extra: str = "") -> str:
    """The bar at the top of every page; ``extra`` is trusted HTML for the right-hand side."""
    return (
        '<nav class="site"><a class="brand" href="/">newsweave</a> <a href="/">Stories</a> '
        '<a href="/upload">Upload articles</a> <a href="/api">HTTP API</a>'
        f"{f' <span class=right>{extra}</span>' if extra else ''}</nav>"
    )


def story_banner(story_id: str) -> str:
    """The navigation put above a stored story's briefing (with the site's extra rules)."""
    sid = quote(story_id, safe="")
    links = (
        f'<a href="/api/v1/stories/{sid}/briefing">JSON</a> · '
        f'<a href="/api/v1/stories/{sid}/briefing?format=markdown">Markdown</a> · '
        f'<a href="/api/v1/stories/{sid}/briefing?format=html">standalone HTML</a>'
    )
    return f"<style>{WEB_CSS}</style>\n{site_nav(links)}"


def upload_banner() -> str:
    """The navigation put above the briefing of an upload."""
    return f"<style>{WEB_CSS}</style>\n{site_nav('briefing of your upload (not stored)')}"


# -- story list --------------------------------------------------------------------------------------


def story_list(
    rows: Sequence[StoryRow],
    *,
    total: int,
    query: str,
    limit: int,
    offset: int,
    open_only: bool,
    counts: Mapping[str, int],
) -> str:
    """The front page: a search box, one page of stories, and links to the pages before and after."""
    briefings = counts.get("briefings", 0)
    head = (
        f"<header><h1>Stories</h1><p class=facts>{counts.get('articles', 0)} articles in "
        f"{counts.get('stories', 0)} stories · {briefings} briefing{'' if briefings == 1 else 's'} written</p></header>"
    )
    form = (
        '<form class="search" method="get" action="/" role="search">'
        f'<input type="search" name="q" value="{escape(query)}" placeholder="Search titles and texts" '
        'aria-label="Search stories">'
        f'<label><input type="checkbox" name="open" value="true"{" checked" if open_only else ""}> open only</label>'
        '<button type="submit">Search</button></form>'
    )
    if not rows:
        empty = (
            "No story matches."
            if query
            else 'The store is empty: <a href="/upload">upload articles</a> or run <code>newsweave ingest</code>.'
        )
        return f"{head}{form}<p>{empty}</p>"
    lines = []
    for r in rows:
        span = escape(r.first_date or "?") + ("" if r.last_date == r.first_date else f" – {escape(r.last_date or '?')}")
        lines.append(
            f'<tr><td><a href="/stories/{quote(r.id, safe="")}">{escape(r.title or "(no title)")}</a></td>'
            f"<td>{span}</td><td class=n>{r.articles}</td><td class=n>{r.sources}</td>"
            f"<td>{'open' if r.open else 'closed'}</td></tr>"
        )
    table = (
        '<table class="stories"><thead><tr><th>Story</th><th>Dates</th><th>Articles</th>'
        "<th>Independent sources</th><th>State</th></tr></thead><tbody>" + "".join(lines) + "</tbody></table>"
    )
    shown = f"<p class=facts>{offset + 1}–{offset + len(rows)} of {total}</p>"
    return head + form + shown + table + _pager(query, limit, offset, total, open_only)


def _pager(query: str, limit: int, offset: int, total: int, open_only: bool) -> str:
    def link(label: str, to: int) -> str:
        params = {"q": query, "limit": limit, "offset": to, **({"open": "true"} if open_only else {})}
        return f'<a href="/?{escape(urlencode(params))}">{label}</a>'

    parts = []
    if offset > 0:
        parts.append(link("← newer", max(0, offset - limit)))
    if offset + limit < total:
        parts.append(link("older →", offset + limit))
    return f'<nav class="pager">{" ".join(parts)}</nav>' if parts else ""


# -- article -----------------------------------------------------------------------------------------


def article_page(article: Article, story_id: str | None) -> str:
    """An article's cleaned text beside every piece that was removed from it, with the reason."""
    facts = [
        escape(article.outlet or article.source),
        escape(article.published or "date unknown"),
        f"language {escape(article.language)}",
    ]
    if article.machine_translated:
        facts.append("machine-translated")
    links = []
    if story_id:
        links.append(f'<a href="/stories/{quote(story_id, safe="")}">its story</a>')
    if article.url and re.match(r"^https?://", article.url, re.I):
        links.append(f'<a href="{escape(article.url)}" rel="noopener noreferrer nofollow">original page</a>')
    aid = quote(article.id, safe="")
    links.append(f'<a href="/api/v1/articles/{aid}/raw">bytes as read</a> (SHA-256 {escape(article.sha256 or "?")})')
    removed = (
        "".join(
            f'<div class="removed-piece"><span class="reason">{escape(r.reason)}</span> '
            f"<small>{escape(r.detail)}</small><br>{escape(r.text)}</div>"
            for r in article.removed
        )
        or "<p>Nothing was removed.</p>"
    )
    return (
        f"<header><h1>{escape(article.title or '(no title)')}</h1>"
        f"<p class=facts>{' · '.join(facts)}</p><p>{' · '.join(links)}</p></header>"
        '<div class="columns">'
        f'<section id="text"><h2>Cleaned text</h2><pre class="text">{escape(article.text)}</pre></section>'
        f'<section id="removed"><h2>Removed ({len(article.removed)})</h2>{removed}</section>'
        "</div>"
    )


def article_links(articles: Sequence[Article]) -> str:
    """The section of a story page linking to each article's own page (text beside what was removed)."""
    items = "".join(
        f'<li><a href="/articles/{quote(a.id, safe="")}">{escape(a.title or a.id)}</a> '
        f"<small>{escape(a.outlet or a.source)} · {len(a.removed)} pieces removed</small></li>"
        for a in articles
    )
    return (
        '<section id="pages">\n<h2>Article pages</h2>\n<p>Each article on its own page: the cleaned text beside '
        f"every piece removed from it, and the bytes it was read from.</p><ul>{items}</ul>\n</section>"
    )


def changes_section(since: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    """The story page's "Changes" section: what this briefing has that the previous one did not."""

    def items(key: str, name: Any = str) -> list[str]:
        return [escape(name(x)) for x in since.get(key) or []]

    def support(s: Mapping[str, Any]) -> str:
        return f"{str(s.get('status', '?')).replace('_', ' ')}, {s.get('independent_sources')} independent sources"

    groups = [
        ("The story itself", items("story_changes", lambda e: e["said"])),
        ("New articles", items("articles_added", lambda a: labels.get(a, a))),
        ("Articles no longer in the story", items("articles_removed", lambda a: labels.get(a, a))),
        ("New in the summary", items("summary_new")),
        ("No longer in the summary", items("summary_gone")),
        ("New claims", items("claims_new")),
        ("New conflicts", items("conflicts_new")),
        (
            "Claims whose support changed",
            items("claims_changed", lambda c: f"{c['text']} ({support(c['before'])} → {support(c['after'])})"),
        ),
    ]
    body = (
        "".join(
            f"<h3>{title} ({len(rows)})</h3><ul>{''.join(f'<li>{r}</li>' for r in rows[:30])}</ul>"
            for title, rows in groups
            if rows
        )
        or "<p>Nothing changed.</p>"
    )
    return (
        f'<section id="changes">\n<h2>Changes</h2>\n<p>Since the briefing of {escape(str(since.get("previous")))}'
        f" (this story has grown since then).</p>{body}\n</section>"
    )


# -- upload ------------------------------------------------------------------------------------------


def upload_form(*, token_required: bool, max_bytes: int, max_articles: int, message: str = "") -> str:
    """The upload page: paste text, HTML or JSONL, or choose (drop) files; get a briefing back."""
    token = (
        "<p><label>Token (this server requires one to accept articles) "
        '<input type="password" name="token" autocomplete="off" required></label></p>'
        if token_required
        else ""
    )
    note = f'<div class="error">{escape(message)}</div>' if message else ""
    return (
        "<header><h1>Upload articles</h1><p>Paste articles or drop files (text, HTML, JSONL with one "
        f"article per line) and get a briefing. At most {max_articles} articles and "
        f"{max_bytes // 1_000_000} MB per upload. Nothing is stored unless you tick the box.</p></header>"
        f"{note}"
        '<form class="upload" method="post" action="/upload" enctype="multipart/form-data">'
        "<fieldset><legend>Paste</legend>"
        '<p><label for="text">One article, or several separated by a line holding only <code>---</code>. '
        "HTML and JSONL are recognised. Up to 1 MB: choose files for more.</label></p>"
        '<textarea id="text" name="text"></textarea></fieldset>'
        "<fieldset><legend>Files</legend>"
        '<input type="file" name="files" multiple accept=".txt,.text,.html,.htm,.jsonl,.ndjson,.gz">'
        "</fieldset>"
        '<p><label>Summary sentences <input type="number" name="sentences" value="6" min="1" max="30"></label> '
        '<label><input type="checkbox" name="store" value="true"> also add them to the store</label></p>'
        f"{token}"
        '<p><button type="submit">Brief</button></p></form>'
    )


# -- errors and the API index ------------------------------------------------------------------------


def error_page(error: Mapping[str, Any], status: int) -> str:
    """An error as a page: the same fields as the JSON error shape."""
    source = f"<p>About: <code>{escape(str(error['source']))}</code></p>" if error.get("source") else ""
    return (
        f"<header><h1>{status}: {escape(str(error.get('type', 'Error')))}</h1></header>"
        f'<div class="error"><p>{escape(str(error.get("message", "")))}</p>{source}'
        f"<p><small>code {escape(str(error.get('code', '')))}</small></p></div>"
        '<p><a href="/">Back to the stories</a></p>'
    )


def api_index(openapi: Mapping[str, Any]) -> str:
    """Every endpoint of the OpenAPI document, listed offline (no CDN-hosted API explorer)."""
    rows = []
    for path, methods in sorted(openapi.get("paths", {}).items()):
        for method, op in methods.items():
            rows.append(
                f"<tr><td><code>{escape(method.upper())}</code></td><td><code>{escape(path)}</code></td>"
                f"<td>{escape(op.get('summary', ''))}</td></tr>"
            )
    return (
        "<header><h1>HTTP API</h1><p>The OpenAPI document is at "
        '<a href="/api/openapi.json">/api/openapi.json</a>. Every error has one shape: '
        '<code>{"error": {"code", "type", "message", "source", "status"}}</code>. Write endpoints need '
        "<code>Authorization: Bearer TOKEN</code> when the server has a token.</p></header>"
        '<table class="stories"><thead><tr><th>Method</th><th>Path</th><th>What</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


# -- plots -------------------------------------------------------------------------------------------


def plots(briefing: Briefing) -> str:
    """The plots section of a story page: articles per day, and how many sources carry each claim."""
    days = Counter(m.group(0) for a in briefing.articles if a.published and (m := _ISO_DAY.match(a.published)))
    undated = sum(1 for a in briefing.articles if not (a.published and _ISO_DAY.match(a.published)))
    per_day = sorted(days.items())
    if undated:
        per_day.append(("undated", undated))
    claims = [c for c in briefing.claims if isinstance(c, Claim)]
    support = Counter(c.independent_sources for c in claims)
    per_support = [(str(n), support[n]) for n in range(1, max(support, default=0) + 1)]
    figures = []
    if per_day:
        figures.append(_figure("Articles per day", bar_chart(per_day, label="articles per day")))
    if per_support:
        figures.append(
            _figure(
                "Claims by number of independent sources carrying them",
                bar_chart(per_support, label="claims by independent sources"),
            )
        )
    if not figures:
        return ""
    return f'<section id="plots">\n<h2>Plots</h2>\n<div class="plots">{"".join(figures)}</div>\n</section>'


def _figure(caption: str, svg: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def bar_chart(data: Sequence[tuple[str, int]], *, label: str, height: int = 140) -> str:
    """A bar chart as inline SVG (labels escaped; sized by attributes, coloured by the stylesheet)."""
    bar, gap, top, bottom = 28, 8, 16, 34
    width = max(len(data) * (bar + gap) + gap, 120)
    peak = max((v for _, v in data), default=0) or 1
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(label)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis" x1="0" y1="{height - bottom}" x2="{width}" y2="{height - bottom}"/>',
    ]
    usable = height - top - bottom
    for i, (name, value) in enumerate(data):
        h = round(usable * value / peak)
        x = gap + i * (bar + gap)
        y = height - bottom - h
        short = name[5:] if _ISO_DAY.match(name) else name  # 2024-03-08 -> 03-08 under the bar
        parts.append(
            f'<rect class="bar" x="{x}" y="{y}" width="{bar}" height="{h}">'
            f"<title>{escape(name)}: {value}</title></rect>"
            f'<text x="{x + bar / 2}" y="{y - 3}" text-anchor="middle">{value}</text>'
            f'<text x="{x + bar / 2}" y="{height - bottom + 14}" text-anchor="middle">{escape(short)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
