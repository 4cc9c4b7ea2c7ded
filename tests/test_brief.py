"""Tests for newsweave.brief: the summary, its evidence, its source counts, and the story record."""

from __future__ import annotations

import itertools
import re

import pytest

from newsweave import render
from newsweave.brief import build_statements, is_planned, make_story, summarize
from newsweave.config import SummaryOptions
from newsweave.dedup import count_independent, find_syndication, origin_map
from newsweave.ingest import read_inputs
from newsweave.model import Article, SummarySentence
from newsweave.pipeline import brief_documents, brief_paths
from newsweave.similarity import content_terms, dice

_WORD = re.compile(r"\w+")


def _article(article_id: str, text: str, **fields: str) -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", text=text, language="en", **fields)


@pytest.fixture(scope="module")
def seed_summary(seed_articles: dict[str, Article]) -> tuple[SummarySentence, ...]:
    articles = list(seed_articles.values())
    return summarize(articles, find_syndication(articles), options=SummaryOptions(sentences=3))


def test_summary_has_the_requested_length(
    seed_articles: dict[str, Article], seed_summary: tuple[SummarySentence, ...]
) -> None:
    assert len(seed_summary) == 3
    articles = list(seed_articles.values())
    assert len(summarize(articles, find_syndication(articles), options=SummaryOptions(sentences=5))) == 5


def test_every_evidence_span_is_exact(
    seed_articles: dict[str, Article], seed_summary: tuple[SummarySentence, ...]
) -> None:
    for sentence in seed_summary:
        assert sentence.evidence
        for span in sentence.evidence:
            assert seed_articles[span.article].text[span.start : span.end] == span.text
        # The sentence shown is the words of one of its sources, not a paraphrase.
        assert sentence.text in [span.text for span in sentence.evidence]


def test_sources_are_the_articles_of_the_evidence(seed_summary: tuple[SummarySentence, ...]) -> None:
    for sentence in seed_summary:
        assert sentence.sources == tuple(sorted({span.article for span in sentence.evidence}))
        assert len(sentence.evidence) == len(sentence.sources)  # one mention per article


def test_independent_sources_count_syndicated_copies_once(
    seed_articles: dict[str, Article], seed_summary: tuple[SummarySentence, ...]
) -> None:
    articles = list(seed_articles.values())
    origin = origin_map(articles, find_syndication(articles))
    for sentence in seed_summary:
        assert sentence.independent_sources == count_independent(sentence.sources, origin)
    # The summary leads with what most outlets report.
    assert max(s.independent_sources for s in seed_summary) >= 3


def test_no_two_summary_sentences_are_near_duplicates(seed_summary: tuple[SummarySentence, ...]) -> None:
    for a, b in itertools.combinations(seed_summary, 2):
        wa, wb = set(_WORD.findall(a.text.lower())), set(_WORD.findall(b.text.lower()))
        assert len(wa & wb) / len(wa | wb) < 0.5, (a.text, b.text)


def test_a_sentence_carried_only_by_the_syndicated_pair_counts_one_source(
    seed_articles: dict[str, Article],
) -> None:
    articles = list(seed_articles.values())
    statements = build_statements(articles, find_syndication(articles))
    (justification,) = [s for s in statements if "no justification" in s.representative.text]
    assert sorted(m.article for m in justification.mentions) == ["003", "004"]
    assert justification.independent == 1
    # The same fact from 001, 003 and 004 (003/004 syndicated) counts two.
    (mobilised,) = [
        s
        for s in statements
        if "300,000 reservists" in s.representative.text or "300 000 reservists" in s.representative.text
    ]
    assert {"001", "003", "004"} <= {m.article for m in mobilised.mentions}
    assert mobilised.independent == len({m.article for m in mobilised.mentions}) - 1


def test_the_same_sentence_in_different_wordings_is_one_statement_citing_all(
    seed_articles: dict[str, Article],
) -> None:
    articles = list(seed_articles.values())
    summary = summarize(articles, find_syndication(articles), options=SummaryOptions(sentences=6))
    (war,) = [s for s in summary if "biggest confrontation between Moscow and the West" in s.text]
    # 001 says "in years", 003 and 004 "since the 1962 Cuban Missile crisis": one statement.
    assert {"001", "003", "004"} <= set(war.sources)


def test_a_single_article_story_gives_a_valid_briefing(write) -> None:
    path = write(
        "valencia.txt",
        "Floods force 1,200 from their homes in Valencia\n"
        "Heavy rain flooded parts of Valencia on Tuesday, forcing about 1,200 residents from their homes.\n"
        "Regional officials said the Turia river rose by almost two metres in less than six hours.\n"
        '"We have never seen water move this fast," mayor Ana Ruiz told reporters near the market.\n'
        "Emergency crews rescued 40 people from rooftops and stranded cars, civil protection said.\n"
        "Spain's weather agency kept a red alert in place for the coast south of Valencia until Thursday.\n"
        "Schools in 14 towns will remain closed on Wednesday, the regional government announced.\n",
    )
    briefing = brief_paths([path])
    render.validate(render.to_dict(briefing))
    assert [a.id for a in briefing.articles] == ["valencia"]
    assert briefing.syndication == ()
    assert briefing.independent_sources() == 1
    assert briefing.story.title == "Floods force 1,200 from their homes in Valencia"
    assert 1 <= len(briefing.summary) <= SummaryOptions().sentences
    for sentence in briefing.summary:
        assert sentence.sources == ("valencia",)
        assert sentence.independent_sources == 1
        (span,) = sentence.evidence
        assert briefing.articles[0].text[span.start : span.end] == span.text == sentence.text


def test_a_planned_event_is_not_merged_with_the_event_that_happened() -> None:
    planned = "Vladimir Putin will meet the mothers of Russian soldiers at his residence outside Moscow."
    happened = "Vladimir Putin met the mothers of Russian soldiers at his residence outside Moscow."
    also_happened = "Vladimir Putin met mothers of Russian soldiers at his residence near Moscow, aides said."
    assert is_planned(planned) and not is_planned(happened) and not is_planned(also_happened)
    # Lexically they are the same sentence: only the tense keeps them apart.
    assert dice(content_terms(planned), content_terms(happened)) >= SummaryOptions().same_sentence
    articles = [_article("a", planned), _article("b", happened), _article("c", also_happened)]
    statements = build_statements(articles, ())
    by_article = {s.representative.article: {m.article for m in s.mentions} for s in statements}
    assert {"a"} in by_article.values()
    assert any({"b", "c"} == members for members in by_article.values())


def test_brief_documents_raises_when_no_document_has_a_body(write) -> None:
    from newsweave.errors import NoArticles

    docs, _ = read_inputs([write("stub.txt", "Home\nWorld\nShare this\n")])
    with pytest.raises(NoArticles, match="stub.txt"):
        brief_documents(docs)


def test_summary_options_reject_zero_sentences() -> None:
    from newsweave.errors import OptionsError

    with pytest.raises(OptionsError, match="--sentences"):
        SummaryOptions(sentences=0)


def test_make_story_picks_the_typical_headline_and_the_common_date() -> None:
    articles = [
        _article("a", "x", title="Putin meets mothers of Russian soldiers", published="2022-11-25T10:00"),
        _article("b", "y", title="Putin tells soldiers' mothers he shares the pain", published="2022-11-25"),
        _article("c", "z", title="Stock markets close higher", published="2022-11-26"),
    ]
    story = make_story(articles)
    assert story.title in {articles[0].title, articles[1].title}
    assert story.date == "2022-11-25"
    assert story.id == make_story(list(reversed(articles))).id  # independent of input order
    assert len(story.id) == 12
