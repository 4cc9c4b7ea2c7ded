"""Tests for newsweave.brief: the summary, its evidence, its source counts, and the story record."""

from __future__ import annotations

import itertools
import re

import pytest

from newsweave import render
from newsweave.analyze.claims import _merge_groups, bare_quote, summary_worthy
from newsweave.brief import build_statements, is_planned, make_story, summarize
from newsweave.brief.extractive import Candidate, concept_weights, concepts, event_order, select
from newsweave.config import SummaryOptions
from newsweave.dedup import count_independent, find_syndication, origin_map
from newsweave.ingest import read_inputs
from newsweave.model import Article, Quote, Sentence, Span, SummarySentence, TimelineEntry
from newsweave.pipeline import brief_documents, brief_paths
from newsweave.sentences import split_sentences
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


# -- the extractive selection (newsweave.brief.extractive) ---------------------------------------------


def test_a_word_budget_is_kept_with_whole_sentences(seed_articles: dict[str, Article]) -> None:
    articles = list(seed_articles.values())
    texts = {a.id: a.text for a in articles}
    for words in (40, 120, 250):
        summary = summarize(articles, find_syndication(articles), options=SummaryOptions(sentences=None, words=words))
        assert summary and sum(len(s.text.split()) for s in summary) <= words
        for s in summary:  # whole sentences, exactly as written
            assert texts[s.evidence[0].article][s.evidence[0].start : s.evidence[0].end] == s.text
    both = summarize(articles, find_syndication(articles), options=SummaryOptions(sentences=2, words=500))
    assert len(both) == 2


def test_concepts_are_weighted_by_independent_sources_cubed() -> None:
    a = _article("a", "Rescue teams reached the flooded village on Tuesday.")
    b = _article("b", "Rescue teams reached the village after the flood.")
    c = _article("c", "Rescue teams reached the flooded village on Tuesday.")  # a copy of a
    sentences = {x.id: split_sentences(x) for x in (a, b, c)}
    lang = dict.fromkeys(sentences, "en")
    independent = concept_weights(sentences, {"a": "a", "b": "b", "c": "c"}, lang)
    assert independent[("rescue", "team")] == 27.0  # three outlets
    syndicated = concept_weights(sentences, {"a": "a", "b": "b", "c": "a"}, lang)
    assert syndicated[("rescue", "team")] == 8.0  # the copy counts once
    assert syndicated[("flood", "village")] == 1.0  # only a and its copy
    single = concept_weights({"a": sentences["a"]}, {"a": "a"}, {"a": "en"})
    assert single[("rescue", "team")] == 1.0  # one source: by frequency
    assert concepts("on the flooded village") == {("the", "flood"), ("flood", "village")}  # not ("on", "the")


def _candidate(i: int, text: str, position: float) -> Candidate:
    s = split_sentences(_article(f"a{i}", text))[0]
    return Candidate(i, s, len(text.split()), position, concepts(text))


def test_select_prefers_corroborated_concepts_per_word_and_skips_what_is_covered() -> None:
    cands = [
        _candidate(0, "The dam broke after heavy rain in the north.", 0.0),
        _candidate(1, "Heavy rain broke the dam in the north.", 0.1),  # says it again
        _candidate(2, "A local bakery reopened its doors to customers.", 0.0),
    ]
    weights = {c: 8.0 for c in cands[0].concepts} | {c: 1.0 for c in cands[2].concepts}
    picked = select(cands, weights, sentences=2, words=None, terms=[content_terms(c.sentence.text) for c in cands])
    assert picked == [0, 2]
    assert select(cands, weights, sentences=None, words=12) == [0]  # the next one does not fit
    assert select(cands, weights, sentences=None, words=12, overflow=True) == [0, 2]


def test_event_order_puts_the_lead_first_then_the_news_then_context() -> None:
    texts = [
        "The ceasefire talks collapsed on Friday in Geneva.",  # the lead
        "Fighting resumed on Sunday along the border.",
        "Negotiators had first met in March.",
    ]
    cands = [_candidate(0, texts[0], 0.0), _candidate(1, texts[1], 0.5), _candidate(2, texts[2], 0.3)]
    statements = build_statements([_article(f"a{i}", t) for i, t in enumerate(texts)], ())
    by_text = {st.representative.text: i for i, st in enumerate(statements)}
    cands = [Candidate(by_text[c.sentence.text], c.sentence, c.words, c.position, c.concepts) for c in cands]
    timeline = (
        TimelineEntry("2024-05-12", texts[1], "happened", (Span("a1", 0, len(texts[1]), texts[1]),)),
        TimelineEntry("2024-03", texts[2], "happened", (Span("a2", 0, len(texts[2]), texts[2]),)),
    )
    ordered = event_order(cands, statements, timeline, story_date="2024-05-10")
    # the news (two days after the story's day) before the context (talks that began in March)
    assert [c.sentence.text for c in ordered] == [texts[0], texts[1], texts[2]]
    assert [c.sentence.text for c in event_order(cands, statements)] == [texts[0], texts[2], texts[1]]  # by position


# -- sentences that stand alone ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Putin met the mothers of soldiers at his residence on Friday.", True),
        ("Could this be the end of the war in Ukraine for good?", False),  # a headline's question
        ("and then he met the mothers of soldiers at his residence.", False),  # a fragment
        ("“We share your pain,” Putin told the mothers at the meeting.", True),
    ],
)
def test_summary_worthy_sentences_stand_alone(text: str, ok: bool) -> None:
    assert summary_worthy(Sentence("a", 0, 0, len(text), text)) is ok


def test_a_bare_quotation_is_shown_only_with_its_speaker() -> None:
    assert bare_quote("“We will never give up on our sons, whatever happens to us now.”")
    assert not bare_quote("“We will never give up,” the mothers said after the meeting.")
    text = "“We will never give up on our sons, whatever happens to us now.”"
    articles = [Article(id=str(i), source=f"{i}.txt", text=text) for i in range(2)]
    # nobody is known to have said it: the sentence is left out
    assert summarize(articles, find_syndication(articles)) == ()
    quote = Quote(
        speaker="Lyudmila Ivanova",
        text=text.strip("“”"),
        mentions=tuple(Span(a.id, 1, len(text) - 1, text[1:-1]) for a in articles),
    )
    (sentence,) = summarize(articles, find_syndication(articles), quotes=[quote])
    assert sentence.text == text and (sentence.note or "").startswith("the words of Lyudmila Ivanova")


def test_groups_the_greedy_pass_left_apart_are_joined() -> None:
    words = ["putin met mothers soldiers residence friday", "putin met mothers soldiers residence moscow"]
    cands = [(Sentence(str(i), 0, 0, len(w), w), 0.0) for i, w in enumerate(words)]
    terms = [frozenset(w.split()) for w in words]
    groups = _merge_groups({0: [0], 1: [1]}, cands, terms, [False, False], 0.6)
    assert groups == {0: [0, 1]}
    # the same article twice, or a plan against a happening: kept apart
    same_article = [(Sentence("0", 0, 0, len(w), w), 0.0) for w in words]
    assert len(_merge_groups({0: [0], 1: [1]}, same_article, terms, [False, False], 0.6)) == 2
    assert len(_merge_groups({0: [0], 1: [1]}, cands, terms, [False, True], 0.6)) == 2
