"""The cross-source analysis end to end on the seeds (each module has its own tests)."""

from __future__ import annotations

import dataclasses
import re

from newsweave.analyze.run import analyze
from newsweave.dedup import find_syndication
from newsweave.model import Article, Briefing
from newsweave.render import to_dict, validate


def test_every_analysis_mention_is_exact(seed_briefing: Briefing) -> None:
    texts = {a.id: a.text for a in seed_briefing.articles}
    spans = [m for c in seed_briefing.claims for m in c.mentions]
    spans += [m for q in seed_briefing.quotes for m in q.mentions]
    spans += [m for n in seed_briefing.numbers for m in n.mentions]
    spans += [v for c in seed_briefing.conflicts for v in c.variants]
    spans += [m for t in seed_briefing.timeline for m in t.mentions]
    spans += [m for f in seed_briefing.framing for m in f.mentions]
    assert len(spans) > 100
    for s in spans:
        assert texts[s.article][s.start : s.end] == s.text
    validate(to_dict(seed_briefing))  # also re-checks every mention


def test_claim_status_follows_independent_sources(seed_briefing: Briefing) -> None:
    statuses = {c.status for c in seed_briefing.claims}
    assert {"consensus", "single_source"} <= statuses
    for claim in seed_briefing.claims:
        if claim.status == "single_source":
            assert claim.independent_sources == 1
        if claim.status == "consensus":
            assert claim.independent_sources >= 2
        # 003 and 004 are one wire story: together they are one source
        if set(claim.sources) == {"003", "004"}:
            assert claim.independent_sources == 1


def test_the_meeting_is_planned_before_and_happened_after(seed_briefing: Briefing) -> None:
    kinds = {(t.date, t.kind) for t in seed_briefing.timeline}
    assert ("2022-11-25", "happened") in kinds
    assert any(kind == "planned" and date > "2022-11-23" for date, kind in kinds)
    assert seed_briefing.story.date == "2022-11-25"
    inferred = {a.id: (a.published, a.published_inferred) for a in seed_briefing.articles}
    assert inferred["004"] == ("2022-11-25", False)
    # 000 reports Peskov's confirmation "on 23 November" and nothing pins its own day: no date is
    # shown, only that it was written that day or later
    by_id = {a.id: a for a in seed_briefing.articles}
    assert inferred["000"] == (None, False)
    assert by_id["000"].not_before == "2022-11-23"
    assert by_id["003"].published_evidence == "same news as 004"
    assert by_id["004"].published_evidence == "published"


def test_thousands_versus_tens_of_thousands_is_a_precision_difference(seed_briefing: Briefing) -> None:
    precision = [c for c in seed_briefing.conflicts if c.kind == "number" and c.severity == "precision"]
    words = {v.text for c in precision for v in c.variants}
    assert "thousands of soldiers" in words and "tens of thousands of soldiers" in words
    assert not [c for c in seed_briefing.conflicts if c.severity == "contradiction"]
    noted = [s for s in seed_briefing.summary if s.note and "precision" in s.note]
    assert noted and all(s.status != "contested" for s in noted)


def test_the_summary_tells_the_news_first_and_context_last(seed_briefing: Briefing) -> None:
    summary = seed_briefing.summary
    assert re.search(r"\bmee?ts?\b.*\bmothers\b", summary[0].text)
    for sentence in summary:
        if sentence.independent_sources < 2:
            assert sentence.note and sentence.note.startswith("single source")
        assert sentence.claim in {c.id for c in seed_briefing.claims}
    # history ("since the 1962 Cuban Missile crisis") closes the summary and fills at most a third of it
    history = [i for i, s in enumerate(summary) if re.search(r"\b(?:1962|1991)\b", s.text)]
    assert history and min(history) >= len(summary) - len(summary) // 3
    assert not any("Mother" in s.text for s in summary[:2])  # a date announced for later is no news


def test_a_speakers_words_cut_from_their_attribution_are_not_summary_sentences(seed_briefing: Briefing) -> None:
    quoted = [(m.article, m.start, m.end) for q in seed_briefing.quotes for m in q.mentions]
    for sentence in seed_briefing.summary:
        rep = sentence.evidence[0]
        assert not any(a == rep.article and s <= rep.start and rep.end <= e + 1 for a, s, e in quoted)


def _swap(article: Article, old: str, new: str) -> Article:
    assert old in article.text
    return dataclasses.replace(article, text=article.text.replace(old, new))


def test_an_injected_number_becomes_a_contested_claim(seed_briefing: Briefing) -> None:
    articles = [_swap(a, "5 937", "6 437") if a.id == "004" else a for a in seed_briefing.articles]
    # break the syndication of 003/004 so that they count as two sources that disagree
    analysis = analyze(articles, find_syndication(articles)[:0])
    hard = [c for c in analysis.conflicts if c.kind == "number" and c.severity == "contradiction"]
    variants = [v.text for c in hard for v in c.variants]
    assert any("6 437" in t for t in variants) and any("5,937" in t for t in variants), variants
    contested = {c.claim for c in hard}
    assert any(cl.status == "contested" for cl in analysis.claims if cl.id in contested)


def test_an_injected_date_is_a_date_conflict(seed_briefing: Briefing) -> None:
    articles = [_swap(a, "on September 21", "on September 12") if a.id == "004" else a for a in seed_briefing.articles]
    analysis = analyze(articles, ())
    dates = [c for c in analysis.conflicts if c.kind == "date"]
    assert any("September 12" in v.text for c in dates for v in c.variants)
