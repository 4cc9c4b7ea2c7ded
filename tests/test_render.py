"""Tests for newsweave.render: JSON shape and schema, offsets, Markdown, HTML safety and links, terminal."""

from __future__ import annotations

import copy
import dataclasses
import html
import json
import re
from html.parser import HTMLParser

import pytest
from rich.console import Console

from newsweave.errors import SchemaViolation
from newsweave.model import (
    Article,
    Briefing,
    Rejected,
    Removed,
    Span,
    Story,
    SummarySentence,
    SyndicationGroup,
)
from newsweave.render import print_terminal, to_dict, to_html, to_json, to_markdown, validate
from newsweave.render.html import anchor_id, mark_text

HOSTILE = '"quotes" & <b>tags</b> <script>alert(1)</script>'

WIRE = (
    "Heavy rain flooded parts of Valencia on Tuesday, forcing 1,200 residents from their homes.\n\n"
    "Regional officials said the Turia river rose by two metres overnight. "
    '"We have never seen water move this fast," said mayor Ana Ruiz.\n\n'
    "Emergency crews rescued 40 people from rooftops, the civil protection agency said."
)
COPY = WIRE.replace("Emergency crews", "Firefighters and emergency crews")
LOCAL = (
    "Residents of the Benimaclet district spent the night on upper floors as water filled the streets.\n\n"
    f"A post shared thousands of times online, captioned {HOSTILE}, was a hoax, police said.\n\n"
    "Emergency crews rescued 40 people from rooftops before dawn, according to the fire service."
)
OFFTOPIC = "In other news, the city council approved a new cycling lane on Avenida del Puerto. " * 4


def _span(article: str, text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(article, start, start + len(quote), quote)


# Overlapping (partial) and nested spans in article 001, plus two spans that start at the same place.
SPAN_LEAD = _span("001", WIRE, "Heavy rain flooded parts of Valencia on Tuesday")
SPAN_LEAD_FULL = _span("001", WIRE, WIRE.split("\n")[0])
SPAN_RESCUE = _span("001", WIRE, "Emergency crews rescued 40 people from rooftops")
SPAN_RESCUE_TAIL = _span("001", WIRE, "40 people from rooftops, the civil protection agency said.")
SPAN_LOCAL = _span("003", LOCAL, "Emergency crews rescued 40 people from rooftops before dawn")
SPANS = (SPAN_LEAD, SPAN_LEAD_FULL, SPAN_RESCUE, SPAN_RESCUE_TAIL, SPAN_LOCAL)

SENTENCES = (
    "Heavy rain flooded parts of Valencia on Tuesday, forcing 1,200 residents from their homes.",
    "Emergency crews rescued 40 people from rooftops.",
)


@dataclasses.dataclass(frozen=True)
class Claim:
    """A stand-in for the analysis stage's claim record (same shape as the schema's)."""

    id: str
    text: str
    mentions: tuple[Span, ...]
    sources: tuple[str, ...]
    independent_sources: int
    status: str


def make_briefing() -> Briefing:
    articles = (
        Article(
            id="001",
            source="seeds/001_wire.txt",
            text=WIRE,
            title="Floods force 1,200 from homes in Valencia",
            published="2024-10-29",
            outlet="Wire Agency",
            url="https://wire.example/valencia-floods",
            language="en",
            removed=(
                Removed("Sign up for our morning newsletter.", "boilerplate", "newsletter appeal"),
                Removed(OFFTOPIC, "offtopic", "another story"),
            ),
            sha256="ab" * 32,
        ),
        Article(
            id="002",
            source="seeds/002_copy.html",
            text=COPY,
            title="Valencia floods: 1,200 evacuated",
            published="2024-10-29T14:00:00+01:00",
            outlet="Daily Copy",
            language="en",
            removed=(Removed(WIRE.split("\n")[0], "duplicate", "repeated lead"),),
        ),
        Article(
            id="003",
            source=f"inbox/{HOSTILE}.html",
            text=LOCAL,
            title=f"Night of water in Benimaclet {HOSTILE}",
            published=None,
            outlet=None,
            url="javascript:alert(1)",
            language="es",
            machine_translated=True,
            removed=(Removed(f"Advertisement {HOSTILE}", "boilerplate", "advert"),),
        ),
    )
    summary = (
        SummarySentence(SENTENCES[0], ("001", "002"), (SPAN_LEAD_FULL, SPAN_LEAD), 1),
        SummarySentence(SENTENCES[1], ("001", "002", "003"), (SPAN_RESCUE, SPAN_RESCUE_TAIL, SPAN_LOCAL), 2),
    )
    return Briefing(
        story=Story("story-valencia-floods", "Floods in Valencia", "2024-10-29"),
        articles=articles,
        syndication=(SyndicationGroup(("001", "002"), 0.91),),
        summary=summary,
        rejected=(Rejected("inbox/empty.txt", "empty", "the file is empty; re-download it or remove it"),),
        stats={"seconds": 0.25},
    )


@pytest.fixture
def briefing() -> Briefing:
    return make_briefing()


# -- JSON --------------------------------------------------------------------------------------------


def test_to_dict_validates_and_has_the_schema_shape(briefing: Briefing) -> None:
    data = to_dict(briefing)
    validate(data)
    assert data["schema"] == "newsweave.briefing/1"
    assert data["story"] == {
        "id": "story-valencia-floods",
        "title": "Floods in Valencia",
        "date": "2024-10-29",
    }
    assert [a["id"] for a in data["articles"]] == ["001", "002", "003"]
    assert data["articles"][0]["removed"][0] == {
        "text": "Sign up for our morning newsletter.",
        "reason": "boilerplate",
        "detail": "newsletter appeal",
    }
    assert data["syndication"] == [{"articles": ["001", "002"], "similarity": 0.91}]
    assert all(data[k] == [] for k in ("claims", "quotes", "numbers", "conflicts", "timeline", "framing"))
    assert data["summary"][1]["evidence"][2] == dataclasses.asdict(SPAN_LOCAL)
    assert data["rejected"] == [
        {
            "source": "inbox/empty.txt",
            "reason": "empty",
            "message": "the file is empty; re-download it or remove it",
        }
    ]
    assert data["stats"] == {"seconds": 0.25}


@pytest.mark.parametrize(
    ("tamper", "where"),
    [
        (lambda d: d["summary"][0]["evidence"][1].update(start=1), "$.summary[0].evidence[1]"),
        (lambda d: d["summary"][1]["evidence"][0].update(article="999"), "$.summary[1].evidence[0].article"),
        (lambda d: d["summary"][1]["evidence"][0].update(end=10_000), "$.summary[1].evidence[0]"),
        (lambda d: d["articles"][0].update(text=d["articles"][0]["text"][1:]), "$.summary[0].evidence[0]"),
        (lambda d: d["articles"][1]["removed"][0].update(reason="spam"), "$.articles[1].removed[0].reason"),
        (lambda d: d["summary"][0].update(evidence=[]), "$.summary[0].evidence"),
        (lambda d: d.pop("framing"), "$"),
        (lambda d: d["articles"][2].update(id="001"), "$.articles[2].id"),
    ],
)
def test_validate_rejects_tampered_data(briefing: Briefing, tamper, where: str) -> None:
    data = copy.deepcopy(to_dict(briefing))
    tamper(data)
    with pytest.raises(SchemaViolation) as info:
        validate(data)
    assert info.value.message.startswith(where + ":")


def test_analysis_records_are_serialised_and_their_mentions_checked(briefing: Briefing) -> None:
    claim = Claim("c1", "40 people were rescued", (SPAN_RESCUE, SPAN_LOCAL), ("001", "003"), 2, "consensus")
    data = to_dict(dataclasses.replace(briefing, claims=(claim,)))
    validate(data)
    assert data["claims"][0]["mentions"][1] == dataclasses.asdict(SPAN_LOCAL)
    assert data["claims"][0]["sources"] == ["001", "003"]
    data["claims"][0]["mentions"][1]["text"] = "Emergency crews rescued 400 people"
    with pytest.raises(SchemaViolation) as info:
        validate(data)
    assert info.value.message.startswith("$.claims[0].mentions[1]: article '003' has")


def test_to_json_round_trips(briefing: Briefing) -> None:
    text = to_json(briefing)
    assert json.loads(text) == to_dict(briefing)
    assert "<b>tags</b> <script>alert(1)</script>" in text  # JSON is data: no HTML escaping
    assert json.loads(to_json(briefing, indent=None)) == to_dict(briefing)


# -- Markdown ----------------------------------------------------------------------------------------


def test_markdown_shows_summary_citations_evidence_and_removed(briefing: Briefing) -> None:
    md = to_markdown(briefing)
    assert md.startswith("# Floods in Valencia\n")
    assert "**Articles:** 3 · **Independent sources:** 2" in md
    assert f"1. {SENTENCES[0]} [Wire Agency 001, Daily Copy 002]" in md  # outlets named, ids kept
    assert f"2. {SENTENCES[1]} [Wire Agency 001, Daily Copy 002, 003]" in md  # 003: no outlet known
    assert f"001, chars {SPAN_RESCUE_TAIL.start}–{SPAN_RESCUE_TAIL.end}: “{SPAN_RESCUE_TAIL.text}”" in md
    for reason in ("**boilerplate** (newsletter appeal", "**offtopic** (another story", "**duplicate**"):
        assert reason in md
    assert f"another story, {len(OFFTOPIC)} chars)" in md and "…”" in md  # long piece truncated, full length shown
    assert "## Rejected inputs" in md and "**empty**" in md
    assert "## Claims" not in md  # empty sections are left out


def test_markdown_escapes_untrusted_text_and_keeps_tables_intact(briefing: Briefing) -> None:
    article = dataclasses.replace(briefing.articles[0], title="Floods | rescue\nlive <script>x</script>")
    md = to_markdown(dataclasses.replace(briefing, articles=(article, *briefing.articles[1:])))
    assert "<script>" not in md and "<b>" not in md
    table = [line for line in md.splitlines() if line.startswith("| 0")]
    assert len(table) == 3
    assert all(re.subn(r"(?<!\\)\|", "", row)[1] == 9 for row in table)  # 8 columns, no extra cells


# -- HTML --------------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Collects ids, hrefs, mark nesting, and the text under each span class."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.stack: list[tuple[str, list[str]]] = []
        self.text_by_class: dict[str, str] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
        if tag == "mark":
            self.stack.append((tag, str(found.get("class", "")).split()))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            assert self.stack and self.stack[-1][0] == "mark", "a </mark> without its <mark>"
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for _, classes in self.stack:
            for cls in classes:
                if cls.startswith("a-"):
                    self.text_by_class[cls] = self.text_by_class.get(cls, "") + data


def test_html_escapes_everything_untrusted(briefing: Briefing) -> None:
    page = to_html(briefing)
    assert "<script" not in page.lower() and "<b>" not in page
    assert html.escape(HOSTILE, quote=False) in page
    assert 'href="javascript:' not in page


def test_html_is_self_contained_with_csp(briefing: Briefing) -> None:
    page = to_html(briefing)
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">" in page
    )
    assert "<link" not in page
    assert not re.search(r"""src\s*=\s*["']?https?://""", page)
    assert "@import" not in page and "url(" not in page
    parsed = _Page()
    parsed.feed(page)
    assert not {"script", "link", "img", "iframe"} & set(parsed.tags)


def test_html_marks_every_evidence_span_and_every_citation_lands(briefing: Briefing) -> None:
    page = to_html(briefing)
    parsed = _Page()
    parsed.feed(page)
    assert not parsed.stack  # every <mark> closed, properly nested
    ids = set(parsed.ids)
    assert len(parsed.ids) == len(ids)
    for span in SPANS:
        assert f'<mark class="ev {anchor_id(span)}" id="{anchor_id(span)}">' in page
        assert parsed.text_by_class[anchor_id(span)] == span.text  # the mark covers exactly the words
    fragments = [h[1:] for h in parsed.hrefs if h.startswith("#")]
    assert {anchor_id(s) for s in SPANS} <= set(fragments)
    assert set(fragments) <= ids
    assert "#article-002" in parsed.hrefs  # 002 is a source without its own evidence span
    assert "mark.ev:target" in page


def test_mark_text_round_trips_with_overlapping_nested_and_empty_spans() -> None:
    text = "ab <c> & d"
    marked = mark_text(text, "x", [(0, 5), (3, 8), (4, 5), (0, 2), (6, 6), (10, 10)])
    assert html.unescape(re.sub(r"<[^>]+>", "", marked)) == text
    parsed = _Page()
    parsed.feed(marked)
    assert not parsed.stack
    assert set(parsed.ids) == {"a-x-0-5", "a-x-3-8", "a-x-4-5", "a-x-0-2", "a-x-6-6", "a-x-10-10"}
    assert parsed.text_by_class["a-x-3-8"] == text[3:8]


def test_html_renders_unknown_analysis_records_generically_with_links(briefing: Briefing) -> None:
    # The stand-in Claim is not newsweave.model.Claim: the page falls back to the generic field view.
    claim = Claim("c1", "40 people were rescued", (SPAN_RESCUE, SPAN_LOCAL), ("001", "003"), 2, "consensus")
    page = to_html(dataclasses.replace(briefing, claims=(claim,)))
    assert '<section id="claims">' in page and "40 people were rescued" in page
    assert f'<a href="#{anchor_id(SPAN_LOCAL)}">' in page
    assert '<section id="quotes">' not in page


# -- terminal ----------------------------------------------------------------------------------------


def test_terminal_prints_title_summary_and_removed(briefing: Briefing) -> None:
    console = Console(record=True, width=120)
    print_terminal(briefing, console=console)
    out = console.export_text()
    assert "Floods in Valencia" in out
    assert "[Wire Agency 001, Daily Copy 002, 003]" in out
    assert "2 removed: 1 boilerplate, 1 offtopic" in out
    assert "inbox/empty.txt" in out
    assert "<b>tags</b>" in out  # shown as text, not interpreted


def test_long_ids_are_named_by_outlet_host_or_position_on_the_page() -> None:
    from newsweave.model import Article
    from newsweave.render.views import article_labels

    articles = [
        Article(id="000", source="a.txt", text="x"),
        Article(id="a" + "1" * 15, source="s", text="x", outlet="Reuters"),
        Article(id="a" + "2" * 15, source="s", text="x", outlet="Reuters"),
        Article(id="a" + "3" * 15, source="s", text="x", url="https://www.example.org/news/1"),
        Article(id="a" + "4" * 15, source="s", text="x"),
    ]
    assert list(article_labels(articles).values()) == ["000", "Reuters", "Reuters 2", "example.org", "article 5"]


def test_notes_name_relabelled_articles_by_their_labels() -> None:
    from newsweave.render.html_analysis import Links

    links = Links(marked=frozenset(), articles={}, claims={}, labels={"a1234567890abcdef": "Reuters", "000": "000"})
    assert links.relabel("single source: a1234567890abcdef; see 000") == "single source: Reuters; see 000"
