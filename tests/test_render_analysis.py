"""Tests for the dedicated rendering of the cross-source analysis (render.views, html_analysis, markdown).

One small hand-built briefing holds a record of each analysis type, with exact offsets, so every
section can be checked for its key content in Markdown, HTML and the terminal; the seeds check that
the real pipeline's output gets the same layout.
"""

from __future__ import annotations

import dataclasses
import html
import re
from html.parser import HTMLParser

import pytest
from rich.console import Console

from newsweave.model import (
    Article,
    Briefing,
    Claim,
    Conflict,
    Framing,
    NumberFact,
    Quote,
    Span,
    Story,
    SummarySentence,
    TimelineEntry,
)
from newsweave.render import print_terminal, to_dict, to_html, to_markdown, validate, views
from newsweave.render.html import anchor_id
from newsweave.render.markdown import SINGLE_SOURCE_CLAIMS_SHOWN

SCRIPT = "<script>alert(1)</script>"
WIRE = (
    "Crews rescued 40 people from rooftops on Tuesday, officials said. "
    f'"We will rebuild {SCRIPT} every street," said mayor Ana Ruiz.\n\n'
    "Some 1,200 residents left their homes. The shattered bridge will reopen on 3 November."
)
LOCAL = (
    "Firefighters rescued about 400 people from rooftops on Tuesday. "
    'Ruiz said: "We will rebuild every street."\n\n'
    "1200 residents left their homes. The bridge will reopen on 3 November, the council said."
)


def _span(article: str, text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(article, start, start + len(quote), quote)


RESCUE_W = _span("001", WIRE, "Crews rescued 40 people from rooftops on Tuesday")
RESCUE_L = _span("002", LOCAL, "Firefighters rescued about 400 people from rooftops on Tuesday")
FORTY = _span("001", WIRE, "40 people")
FOUR_HUNDRED = _span("002", LOCAL, "about 400 people")
TUESDAY_W = _span("001", WIRE, "Tuesday")
TUESDAY_L = _span("002", LOCAL, "Tuesday")
QUOTE_W = _span("001", WIRE, f"We will rebuild {SCRIPT} every street,")
QUOTE_L = _span("002", LOCAL, "We will rebuild every street.")
RESIDENTS_W = _span("001", WIRE, "Some 1,200 residents")
RESIDENTS_L = _span("002", LOCAL, "1200 residents")
BRIDGE_W = _span("001", WIRE, "The shattered bridge will reopen on 3 November.")
BRIDGE_L = _span("002", LOCAL, "The bridge will reopen on 3 November, the council said.")
SHATTERED = _span("001", WIRE, "shattered")

NOTE = "sources differ on the number rescued (001: “40 people”; 002: “about 400 people”)"
ABOUT = f"people rescued {SCRIPT}"
EXTRA_SINGLE = 20  # single-source claims beyond c3: more than Markdown lists, more than the matrix shows

CLAIMS = (
    Claim("c3", "Ana Ruiz is the mayor.", (_span("001", WIRE, "said mayor Ana Ruiz"),), ("001",), 1, "single_source"),
    Claim("c2", "The bridge will reopen on 3 November.", (BRIDGE_W, BRIDGE_L), ("001", "002"), 2, "consensus"),
    Claim(
        "c1", "Crews rescued 40 people from rooftops on Tuesday", (RESCUE_W, RESCUE_L), ("001", "002"), 2, "contested"
    ),
    *(
        Claim(f"s{i}", f"Single-source statement number {i}.", (RESIDENTS_L,), ("002",), 1, "single_source")
        for i in range(EXTRA_SINGLE)
    ),
)
CONFLICTS = (
    Conflict("number", ABOUT, (FORTY, FOUR_HUNDRED), "contradiction", "c1"),
    Conflict("date", "day of the rescue", (TUESDAY_W, TUESDAY_L), "precision", None),
)
QUOTE = Quote("Ana Ruiz", QUOTE_W.text, (QUOTE_W, QUOTE_L), ("mayor Ana Ruiz", "Ruiz"), paraphrase=True)
NUMBER = NumberFact(1200.0, "residents", (RESIDENTS_W, RESIDENTS_L), ("some",))
TIMELINE = (
    TimelineEntry("2024-11-03", BRIDGE_W.text, "planned", (BRIDGE_W, BRIDGE_L)),
    TimelineEntry("2024-10-29", RESCUE_W.text, "happened", (RESCUE_W, RESCUE_L)),
)
FRAMING = (Framing("001", (), (SHATTERED,), ("shattered",)), Framing("002", (), ()))
COVERAGE_IDS = [c.id for c in CLAIMS]
COVERAGE = {
    "articles": ["001", "002"],
    "claims": COVERAGE_IDS,
    "matrix": [[int(a in c.sources) for a in ("001", "002")] for c in CLAIMS],
}


def make_briefing() -> Briefing:
    articles = (
        Article(id="001", source="a.txt", text=WIRE, title="Floods hit Valencia", outlet="Wire Agency", language="en"),
        Article(id="002", source="b.txt", text=LOCAL, title="Rooftop rescues", outlet="Daily Local", language="en"),
    )
    summary = (
        SummarySentence(RESCUE_W.text + ".", ("001", "002"), (RESCUE_W, RESCUE_L), 2, "contested", "c1", NOTE),
        SummarySentence(BRIDGE_W.text, ("001", "002"), (BRIDGE_W, BRIDGE_L), 2, "consensus", "c2"),
    )
    return Briefing(
        story=Story("floods", "Floods in Valencia", "2024-10-29"),
        articles=articles,
        syndication=(),
        summary=summary,
        claims=CLAIMS,
        quotes=(QUOTE,),
        numbers=(NUMBER,),
        conflicts=CONFLICTS,
        timeline=TIMELINE,
        framing=FRAMING,
        coverage=COVERAGE,
    )


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return make_briefing()


@pytest.fixture(scope="module")
def md(briefing: Briefing) -> str:
    return to_markdown(briefing)


@pytest.fixture(scope="module")
def page(briefing: Briefing) -> str:
    return to_html(briefing)


def _section(text: str, start: str, end: str = "\n## ") -> str:
    """The text from ``start`` up to the next ``end`` (the next Markdown section by default)."""
    i = text.index(start)
    j = text.find(end, i + len(start))
    return text[i : j if j >= 0 else len(text)]


def _html_section(page: str, section_id: str) -> str:
    return _section(page, f'<section id="{section_id}">', "</section>")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.open_marks = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
        self.open_marks += tag == "mark"

    def handle_endtag(self, tag: str) -> None:
        self.open_marks -= tag == "mark"


def _parse(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    return parsed


def test_the_hand_built_briefing_is_valid_json_data(briefing: Briefing) -> None:
    data = to_dict(briefing)
    validate(data)  # every mention quotes the words at its offsets
    assert data["coverage"] == COVERAGE
    assert data["summary"][0]["note"] == NOTE


# -- Markdown ----------------------------------------------------------------------------------------


def test_markdown_summary_shows_status_and_note(md: str) -> None:
    summary = _section(md, "## Summary")
    assert (
        f"1. **⚠ Contested:** {RESCUE_W.text}. [Wire Agency 001, Daily Local 002] — "
        "_contested, 2 independent sources_ · claim c1" in summary
    )
    assert f"   - **Note:** {NOTE}" in summary
    assert (
        f"2. {BRIDGE_W.text} [Wire Agency 001, Daily Local 002] — _consensus, 2 independent sources_ · claim c2"
        in summary
    )


def test_markdown_claims_are_grouped_by_status_and_single_source_ones_capped(md: str) -> None:
    claims = _section(md, "## Claims")
    order = [
        claims.index(h) for h in ("### Contested (1)", "### Consensus (1)", f"### Single source ({EXTRA_SINGLE + 1})")
    ]
    assert order == sorted(order)
    assert "- **c1** Crews rescued 40 people from rooftops on Tuesday — sources 001, 002 (2 independent)" in claims
    assert f"cited at 001:{RESCUE_W.start}–{RESCUE_W.end}, 002:{RESCUE_L.start}–{RESCUE_L.end}" in claims
    assert f"  - 002:{RESCUE_L.start}–{RESCUE_L.end}: “{RESCUE_L.text}”" in claims  # another wording is quoted
    single = _section(claims, "### Single source")
    assert len(re.findall(r"^- \*\*", single, re.M)) == SINGLE_SOURCE_CLAIMS_SHOWN
    rest = EXTRA_SINGLE + 1 - SINGLE_SOURCE_CLAIMS_SHOWN
    assert f"_… and {rest} more single-source claims, listed in the JSON output._" in single


def test_markdown_conflicts_show_variants_in_context_with_severity(md: str) -> None:
    conflicts = _section(md, "## Conflicts")
    assert "### 1. people rescued \\<script\\>alert(1)\\</script\\>" in conflicts
    assert "🔴 **contradiction** (the variants cannot all be true) · kind: number · claim c1" in conflicts
    assert "🟠 **precision** (the variants differ only in how precise they are) · kind: date" in conflicts
    row = f"| 001:{FORTY.start}–{FORTY.end} | Wire Agency / Floods hit Valencia | "
    assert row + "Crews rescued **40 people** from rooftops on Tuesday, officials said. |" in conflicts
    assert "Firefighters rescued **about 400 people** from rooftops on Tuesday. |" in conflicts


def test_markdown_quotes_show_speaker_versions_and_paraphrase(md: str) -> None:
    quotes = _section(md, "## Quotes")
    assert "— **Ana Ruiz** · 2 versions in 2 articles · _paraphrase_" in quotes
    assert f"  - 002:{QUOTE_L.start}–{QUOTE_L.end}: “{QUOTE_L.text}” — attributed to: Ruiz" in quotes
    assert "attributed to: mayor Ana Ruiz" in quotes


def test_markdown_timeline_is_chronological_with_planned_apart(md: str) -> None:
    timeline = _section(md, "## Timeline")
    assert "| date | happened | planned | cited at |" in timeline
    happened = f"| 2024-10-29 | {RESCUE_W.text} |  | 001:{RESCUE_W.start}–{RESCUE_W.end}, 002:"
    planned = f"| 2024-11-03 |  | _{BRIDGE_W.text}_ | 001:{BRIDGE_W.start}–{BRIDGE_W.end}, 002:"
    assert happened in timeline and planned in timeline
    assert timeline.index(happened) < timeline.index(planned)  # date order, not input order


def test_markdown_numbers_and_framing_with_coverage_matrix(md: str) -> None:
    numbers = _section(md, "## Numbers")
    assert "| 1,200 | residents | some | 001 “Some 1,200 residents”; 002 “1200 residents” |" in numbers
    framing = _section(md, "## Framing and coverage")
    assert (
        f"| 001 | Wire Agency / Floods hit Valencia | none | **shattered** (001:{SHATTERED.start}–{SHATTERED.end}) |"
        in framing
    )
    assert "| 002 | Daily Local / Rooftop rescues | none | none |" in framing
    assert "| **c1** Crews rescued 40 people from rooftops on Tuesday | ✓ | ✓ |" in framing
    assert "| **c3** Ana Ruiz is the mayor. | ✓ |   |" in framing
    hidden = EXTRA_SINGLE + 1 - views.MATRIX_SINGLE_SOURCE_ROWS
    assert f"{hidden} more single-source claim not shown" in framing
    rows = [line for line in _section(framing, "### Coverage").splitlines() if line.startswith("| **")]
    assert len(rows) == 2 + views.MATRIX_SINGLE_SOURCE_ROWS


def test_markdown_escapes_analysis_text(md: str) -> None:
    assert "<script>" not in md
    assert "\\<script\\>alert(1)\\</script\\>" in _section(md, "## Quotes")


# -- HTML --------------------------------------------------------------------------------------------


def test_html_every_citation_lands_and_every_mention_is_highlighted(briefing: Briefing, page: str) -> None:
    parsed = _parse(page)
    assert parsed.open_marks == 0
    assert len(parsed.ids) == len(set(parsed.ids))
    fragments = {h[1:] for h in parsed.hrefs if h.startswith("#")}
    assert fragments <= set(parsed.ids)
    spans = {s for c in briefing.claims for s in c.mentions}
    spans |= {*QUOTE.mentions, *NUMBER.mentions, SHATTERED}
    spans |= {s for c in briefing.conflicts for s in c.variants} | {s for e in briefing.timeline for s in e.mentions}
    for span in spans:
        assert anchor_id(span) in parsed.ids  # marked in the article text …
        assert anchor_id(span) in fragments  # … and cited from an analysis section
    assert {"claims", "conflicts", "quotes", "timeline", "numbers", "framing", "coverage"} <= set(parsed.ids)


def test_html_escapes_quote_text_and_conflict_about(page: str) -> None:
    assert "<script" not in page.lower()
    escaped = html.escape(SCRIPT, quote=False)
    assert f"<blockquote>{html.escape(QUOTE.text, quote=False)}</blockquote>" in page
    assert f"<h3>people rescued {escaped}</h3>" in page


def test_html_summary_shows_status_labels_and_note(page: str) -> None:
    summary = _html_section(page, "summary")
    assert '<li class="st-contested">' in summary
    assert '<span class="badge st-contested">contested</span>' in summary
    assert '<span class="badge st-consensus">consensus</span>' in summary
    relabelled = NOTE.replace("001", "Wire Agency 001").replace("002", "Daily Local 002")  # outlets named
    assert f'<p class="note">{html.escape(relabelled)}</p>' in summary
    assert '<a class="cid" href="#claim-c1">c1</a>' in summary


def test_html_claims_contested_first_single_source_folded(page: str) -> None:
    claims = _html_section(page, "claims")
    assert claims.index("<h3>Contested (1)</h3>") < claims.index("<h3>Consensus (1)</h3>") < claims.index("<details")
    folded = _section(claims, '<details class="single">', "</details>")
    assert f"{EXTRA_SINGLE + 1} single-source claims</summary>" in folded
    assert 'id="claim-c3"' in folded and 'id="claim-c1"' not in folded
    assert f'<a class="cite" href="#{anchor_id(RESCUE_L)}"' in claims
    assert f"<q>{RESCUE_L.text}</q>" in claims  # the other wording, quoted


def test_html_conflicts_are_tables_with_highlighted_words_in_context(page: str) -> None:
    conflicts = _html_section(page, "conflicts")
    assert conflicts.count('<table class="variants">') == 2
    assert '<span class="badge sev-contradiction">contradiction</span>' in conflicts
    assert '<span class="badge sev-precision">precision</span>' in conflicts
    assert 'claim <a class="cid" href="#claim-c1">c1</a>' in conflicts
    assert 'Crews rescued <mark class="hit">40 people</mark> from rooftops on Tuesday, officials said.' in conflicts
    assert "<td>Wire Agency — Floods hit Valencia</td>" in conflicts


def test_html_quotes_show_speaker_attributions_and_paraphrase(page: str) -> None:
    quotes = _html_section(page, "quotes")
    assert '<span class="speaker">Ana Ruiz</span>' in quotes
    assert '<span class="badge paraphrase"' in quotes
    assert "<td>mayor Ana Ruiz</td>" in quotes and "<td>Ruiz</td>" in quotes
    assert f"<q>{QUOTE_L.text}</q>" in quotes


def test_html_timeline_distinguishes_planned_from_happened(page: str) -> None:
    timeline = _html_section(page, "timeline")
    happened = timeline.index('<tr class="k-happened"><td class="date">2024-10-29</td>')
    planned = timeline.index('<tr class="k-planned"><td class="date">2024-11-03</td>')
    assert happened < planned
    assert '<span class="badge k-planned">planned</span>' in timeline
    assert '<span class="badge k-happened">happened</span>' in timeline


def test_html_numbers_framing_and_coverage_matrix(page: str) -> None:
    numbers = _html_section(page, "numbers")
    assert '<td class="num">1,200</td><td>residents</td><td>some</td>' in numbers
    framing = _html_section(page, "framing")
    assert '<span class="term">shattered</span>' in framing
    matrix = _section(framing, '<table class="matrix">', "</table>")
    rows = re.findall(r'<tr class="st-[a-z_]+"><th scope="row">.*?</tr>', matrix)
    assert len(rows) == 2 + views.MATRIX_SINGLE_SOURCE_ROWS
    assert rows[0].startswith('<tr class="st-contested">') and 'href="#claim-c1"' in rows[0]
    assert rows[0].count("✓</td>") == 2
    shown = [c for c in CLAIMS if c.status != "single_source"] + [c for c in CLAIMS if c.status == "single_source"]
    ticks = sum(len(c.sources) for c in shown[: len(rows)])
    assert matrix.count("✓</td>") == ticks


def test_html_falls_back_to_the_generic_view_for_unknown_records(briefing: Briefing) -> None:
    @dataclasses.dataclass(frozen=True)
    class Odd:
        text: str
        mentions: tuple[Span, ...]

    page = to_html(dataclasses.replace(briefing, claims=(*briefing.claims, Odd("an odd record", (FORTY,)))))
    claims = _html_section(page, "claims")
    assert '<ol class="records">' in claims and "an odd record" in claims
    assert "<h3>Contested (1)</h3>" in claims


# -- terminal ----------------------------------------------------------------------------------------


def test_terminal_shows_claim_counts_conflicts_timeline_and_quotes(briefing: Briefing) -> None:
    console = Console(record=True, width=140)
    print_terminal(briefing, console=console)
    out = console.export_text()
    assert f"Claims: 1 contested · 1 consensus · {EXTRA_SINGLE + 1} single source" in out
    assert f"note: {NOTE}" in out
    assert "contradiction number  people rescued <script>alert(1)</script>  claim c1" in out
    assert "    002  about 400 people" in out
    assert re.search(r"2024-10-29 .* happened .*Crews rescued", out)
    assert re.search(r"2024-11-03 .* planned .*The shattered bridge", out)
    assert "— Ana Ruiz  paraphrase" in out
    assert "001 (mayor Ana Ruiz), 002 (Ruiz)" in out


# -- views -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [(300000.0, "300,000"), (2.0, "2"), (13906.0, "13,906"), (2.5, "2.5"), (1234.5, "1,234.5"), (float("inf"), "inf")],
)
def test_format_value(value: float, shown: str) -> None:
    assert views.format_value(value) == shown


def test_context_stays_in_the_sentence_and_cuts_at_words() -> None:
    long_before = "Word " + "word " * 40  # capitalised: a new sentence starts after "here."
    text = f"First sentence here. {long_before}the key words here and then {'more ' * 40}end. Next one."
    span = _span("x", text, "key words")
    found = views.context(text, span, width=30)
    assert found is not None and found.words == "key words"
    assert found.clipped_before and found.clipped_after
    assert "First" not in found.before and "Next" not in found.after
    assert found.before.startswith("word") and found.before.endswith("the ")
    assert len(found.before) <= 30 and len(found.after) <= 30
    short = views.context(text, _span("x", text, "sentence"))
    assert short is not None and (short.before, short.after) == ("First ", " here.")
    assert not short.clipped_before and not short.clipped_after
    assert views.context(text, Span("x", 5, len(text) + 1, "")) is None


def test_coverage_ignores_a_malformed_matrix(briefing: Briefing) -> None:
    assert views.coverage(dataclasses.replace(briefing, coverage={})) is None
    broken = {**COVERAGE, "matrix": [[1] for _ in CLAIMS]}  # one cell per row, two articles
    assert views.coverage(dataclasses.replace(briefing, coverage=broken)) is None


# -- the seeds ---------------------------------------------------------------------------------------


def test_seed_html_has_a_conflicts_table_and_a_timeline_of_both_kinds(seed_briefing: Briefing) -> None:
    page = to_html(seed_briefing)
    conflicts = _html_section(page, "conflicts")
    assert '<table class="variants">' in conflicts and '<mark class="hit">' in conflicts
    timeline = _html_section(page, "timeline")
    assert '<tr class="k-happened">' in timeline and '<tr class="k-planned">' in timeline
    parsed = _parse(page)
    assert {h[1:] for h in parsed.hrefs if h.startswith("#")} <= set(parsed.ids)
    assert '<table class="matrix">' in page
