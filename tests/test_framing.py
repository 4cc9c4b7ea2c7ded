"""Framing: loaded words per outlet, from packaged lexicons, left out when quoted, named or shared."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.analyze.framing import coverage_matrix, framing, lemma, loaded_spans, quoted_regions, strength
from newsweave.clean import clean_documents
from newsweave.config import CleanOptions
from newsweave.dedup import find_syndication, origin_map
from newsweave.ingest import read_inputs
from newsweave.model import Article, Claim, Framing

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "putin-mothers"


def _article(text: str, article_id: str = "x") -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", text=text)


def _loaded(text: str) -> list[str]:
    return [span.text for span, _ in loaded_spans(_article(text))]


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    """The five example articles, read and cleaned together (cross-document evidence on), in id order."""
    documents, rejected = read_inputs([EXAMPLE])
    articles, dropped = clean_documents(documents, options=CleanOptions(cross_document=True))
    assert rejected == [] and dropped == []
    return sorted(articles, key=lambda a: a.id)


@pytest.fixture(scope="module")
def seed_framing(seeds: list[Article]) -> dict[str, Framing]:
    """Framing of the example, with 003 and 004 (one wire story) as one independent source."""
    origin = origin_map(seeds, find_syndication(seeds))
    assert origin["004"] == origin["003"]
    return {f.article: f for f in framing(seeds, origin=origin)}


# -- the seed story ------------------------------------------------------------------------------------


def test_every_span_has_exact_offsets(seeds: list[Article], seed_framing: dict[str, Framing]) -> None:
    by_id = {a.id: a for a in seeds}
    spans = [span for a in seeds for span, _ in loaded_spans(a)]
    spans += [span for f in seed_framing.values() for span in f.mentions]
    assert spans
    for span in spans:
        assert by_id[span.article].text[span.start : span.end] == span.text


def test_every_article_gets_a_framing_record(seeds: list[Article], seed_framing: dict[str, Framing]) -> None:
    assert list(seed_framing) == [a.id for a in seeds]
    for f in seed_framing.values():
        assert {lemma(m.text) for m in f.mentions} == {lemma(t) for t in f.loaded_terms + f.evaluative_terms}
        assert all(m.article == f.article for m in f.mentions)


def test_a_word_only_one_outlet_uses_is_its_framing(seed_framing: dict[str, Framing], seeds: list[Article]) -> None:
    # "about the raging war on the ground" in 002's standfirst; its second "raging war" follows "he added,
    # urging them", Putin's words reported
    assert "raging" in seed_framing["002"].evaluative_terms
    assert [m.text for m in seed_framing["002"].mentions].count("raging") == 1


def test_a_word_several_independent_outlets_use_is_nobodys_framing() -> None:
    a = _article("Police began a brutal crackdown on the heartless protesters in the square on Monday.", "a")
    b = _article("The brutal crackdown in the square went on for a second night on Tuesday.", "b")
    assert "brutal" in _loaded(a.text) and "brutal" in _loaded(b.text)
    result = {f.article: f.loaded_terms + f.evaluative_terms for f in framing([a, b])}
    assert "brutal" not in result["a"] and "brutal" not in result["b"]
    assert "heartless" in result["a"]


@pytest.mark.parametrize(
    ("text", "speakers", "outlets"),
    [
        # what follows a reporting verb is the speaker's view, even without quotation marks
        (
            "President Putin said he had no regrets, viewing the war as the moment when Russia finally "
            "confronted the arrogant Western hegemony.",
            {"arrogant"},
            set(),
        ),
        (
            "In a rare acknowledgment, the Kremlin acknowledged that its efforts to mobilise reservists had "
            "been flawed in September.",
            {"flawed"},
            set(),
        ),
        (
            "The plan is reckless and cruel, the mayor of the city told reporters on Friday.",
            {"reckless", "cruel"},
            set(),
        ),
        # what the outlet writes before the verb is its own: "the despot said"
        ("The despot said that he and the Russian leadership shared in their suffering.", set(), {"despot"}),
        ("The Russian leader continues to spin propaganda, claiming the war is a watershed.", set(), {"propaganda"}),
    ],
)
def test_reported_speech_is_the_speakers_not_the_outlets(text: str, speakers: set[str], outlets: set[str]) -> None:
    loaded = set(_loaded(text))
    assert not speakers & loaded
    assert outlets <= loaded


def test_a_quoted_speakers_words_are_not_the_outlets_framing(seeds: list[Article]) -> None:
    wire = seeds[3]  # "told them not to believe the ‘fake news’ about his invasion"
    start = wire.text.index("‘fake news’")
    assert any(s <= start < e for s, e in quoted_regions(wire.text))
    assert strength("fake") is not None
    assert "fake" not in [s.text for s, _ in loaded_spans(wire)]
    # 002: Putin urged them not to believe “fakes” and “lies”.
    assert not {"fakes", "lies"} & {s.text for s, _ in loaded_spans(seeds[2])}


def test_topical_news_words_are_not_framing(seeds: list[Article]) -> None:
    words = {s.text.lower() for a in seeds for s, _ in loaded_spans(a)}
    assert not words & {"war", "killed", "crisis", "invasion", "attack", "death"}


# -- quotation marks, names, word forms ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He called the plan “brutal” on Monday.",
        'He called the plan "brutal" on Monday.',
        "He called the plan ‘brutal’ on Monday.",
        "He called the plan 'brutal' on Monday.",
        "He called the plan «brutal» on Monday.",
        "He called the plan „brutal“ on Monday.",
        "“It was a brutal plan,” he said.",
        "He said: “It was a brutal plan, and",  # a quotation left open runs to the end of the paragraph
    ],
)
def test_words_in_any_quotation_marks_are_left_out(text: str) -> None:
    assert _loaded(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Russia’s brutal campaign went on.",
        "The soldiers' brutal campaign went on.",
        "Don’t call the brutal campaign a success.",
        "The mothers’ brutal campaign and the 'special operation' went on.",
    ],
)
def test_apostrophes_do_not_open_quotations(text: str) -> None:
    assert _loaded(text) == ["brutal"]


def test_the_english_lexicons_are_not_applied_to_other_languages() -> None:
    text = "The brutal plan went ahead."
    assert loaded_spans(Article("x", "x", text, language="en")) == loaded_spans(_article(text)) != []
    assert loaded_spans(Article("x", "x", text, language="de")) == []


def test_proper_nouns_are_left_out() -> None:
    assert _loaded("They met in Grim Falls. Residents of the town of Grim Falls voted.") == []
    assert _loaded("Horrific weather hit the coast.") == ["Horrific"]  # capitalised at the start only


def test_derived_and_hyphenated_forms_are_found() -> None:
    assert _loaded("The warmonger spoke, and two warmongers answered.") == ["warmonger", "warmongers"]
    assert _loaded("An ultra-brutal regime.") == ["ultra-brutal", "regime"]  # "regime": the news lexicon


def test_words_that_name_rather_than_judge_are_not_loaded() -> None:
    # VADER rates "heart" +3.2 and "ban" -2.6, but neither is the writer's judgement.
    assert _loaded("The ban was lifted at the heart of the city.") == []
    # A participle is loaded where it works as an adjective, not as a verb.
    assert _loaded("The raging fire spread.") == ["raging"]
    assert _loaded("The fire has raged for days.") == []


def test_everyday_evaluative_words_are_not_listed() -> None:
    # the common currency of news prose colours nothing; a marked word does
    assert _loaded("The company reported strong results, a comfortable lead and its best year.") == []
    assert _loaded("The company reported scandalous results after an idiotic merger.") == ["scandalous", "idiotic"]


def test_scores_are_signed_and_terms_sorted_by_strength() -> None:
    spans = dict((s.text, v) for s, v in loaded_spans(_article("A magnificent, brutal and arrogant plan.")))
    assert spans["magnificent"] > 0 > spans["brutal"]
    (result,) = framing([_article("A magnificent, brutal and arrogant plan.")])
    assert result.loaded_terms == () and result.evaluative_terms
    strengths = [abs(spans[t]) for t in result.evaluative_terms]
    assert strengths == sorted(strengths, reverse=True)


# -- across sources ------------------------------------------------------------------------------------


def test_syndicated_copies_do_not_count_as_other_sources() -> None:
    wire = _article("Officials watched the brutal plan fail. The plan went ahead.", "a")
    copy = _article("Officials watched the brutal plan fail. The plan went ahead.", "b")
    other = _article("Officials discussed the plan. The plan went ahead on Monday.", "c")
    independent = framing([wire, copy, other])
    assert [f.evaluative_terms for f in independent] == [(), (), ()]
    grouped = framing([wire, copy, other], origin={"a": "a", "b": "a", "c": "c"})
    assert [f.evaluative_terms for f in grouped] == [("brutal",), ("brutal",), ()]
    assert grouped[1].mentions[0].article == "b"


def test_a_word_another_source_only_quotes_is_still_used_there() -> None:
    own = _article("The arrogant minister resigned.", "a")
    quoting = _article("“An arrogant man,” a rival said of the minister.", "b")
    assert framing([own, quoting])[0].evaluative_terms == ()


def test_coverage_matrix() -> None:
    articles = [_article("One.", "a"), _article("Two.", "b"), _article("Three.", "c")]
    claims = [
        Claim("c1", "x", (), ("a", "c"), 2, "consensus"),
        Claim("c2", "y", (), ("b",), 1, "single_source"),
    ]
    assert coverage_matrix(claims, articles) == {
        "articles": ["a", "b", "c"],
        "claims": ["c1", "c2"],
        "matrix": [[1, 0, 1], [0, 1, 0]],
    }


def test_lexicons_are_read_without_importing_their_packages() -> None:
    code = (
        "import json, sys\n"
        "from newsweave.analyze.framing import strength, loaded_spans\n"
        "from newsweave.model import Article\n"
        "assert strength('brutal') and loaded_spans(Article('a', 'a', 'A raging war.'))\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    roots = {m.split(".")[0] for m in json.loads(out.stdout)}
    assert not roots & {"textblob", "nltk", "vaderSentiment", "afinn"}


def test_the_news_lexicon_flags_despot_and_propaganda_in_the_daily_mail_copy(
    seed_framing: dict[str, Framing],
) -> None:
    assert {"despot", "propaganda"} <= set(seed_framing["003"].loaded_terms)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The regime's forces shelled the town on Monday, killing twelve people.", ["regime"]),
        ("Officials called it a special military operation to protect the region.", ["special military operation"]),
        ("The warmonger in the Kremlin spoke for an hour to the nation on television.", ["warmonger"]),
        # the speaker's word, not the outlet's
        ('He told reporters: "These terrorists will be punished for what they did to us."', []),
        ("The regiment marched through the town on Monday morning, officials said.", []),
    ],
)
def test_loaded_terms_of_news_writing(text: str, flagged: list[str]) -> None:
    assert [span.text for span, _ in loaded_spans(_article(text))] == flagged


def test_parsed_lexicons_are_cached_between_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsweave.analyze import framing as F

    monkeypatch.setenv("NEWSWEAVE_CACHE", str(tmp_path))
    F._lexicons.cache_clear()
    fresh = F._lexicons()
    (cached,) = tmp_path.glob("lexicons-*.marshal")
    assert fresh == F._parse_lexicons()

    def no_parsing() -> dict[str, object]:
        raise AssertionError("parsed again although a valid cache exists")

    F._lexicons.cache_clear()
    monkeypatch.setattr(F, "_parse_lexicons", no_parsing)
    assert F._lexicons() == fresh  # read back from the cache
    monkeypatch.undo()
    monkeypatch.setenv("NEWSWEAVE_CACHE", str(tmp_path))
    cached.write_bytes(b"not marshal data")  # damaged: rebuilt
    F._lexicons.cache_clear()
    assert F._lexicons() == fresh
    monkeypatch.setenv("NEWSWEAVE_CACHE", str(cached / "under-a-file"))  # cannot be written: parsed each time
    F._lexicons.cache_clear()
    assert F._lexicons() == fresh
    F._lexicons.cache_clear()
