"""The annotated article and the fact layer: what each article states, anchored on what it is about."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.analyze.doc import annotate, story_people
from newsweave.analyze.facts import Fact, extract_facts
from newsweave.clean import clean_documents
from newsweave.ingest import read_inputs
from newsweave.model import Article

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "putin-mothers"


def _facts(text: str, kind: str | None = None, *, aid: str = "a") -> list[Fact]:
    doc = annotate(Article(id=aid, source=aid, text=text, language="en"))
    facts = extract_facts(doc, people=story_people([doc]))
    for f in facts:
        assert text[f.span.start : f.span.end] == f.span.text
    return [f for f in facts if kind is None or f.kind == kind]


def test_the_annotated_article_splits_once_and_resolves_names_within_the_article() -> None:
    text = (
        "W. Mark Felt, the FBI official who was Deep Throat, has died. He was 95.\n"
        "Felt revealed his role in 2005, his family said."
    )
    doc = annotate(Article(id="a", source="a", text=text, language="en"))
    assert [s.text for s in doc.sentences][1:3] == ["He was 95.", "Felt revealed his role in 2005, his family said."]
    felt = {p.person for p in doc.people if p.name.endswith("Felt")}
    assert len(felt) == 1 and felt.pop().endswith("Mark Felt")  # "Felt" is the person written in full
    assert [h.parts["y"] for h in doc.date_hits] == ["2005"] and [q.value for q in doc.quantities] == [95.0]


def test_the_seeds_annotate_without_losing_a_span() -> None:
    documents, _ = read_inputs([EXAMPLE])
    articles, _ = clean_documents(documents)
    for article in articles:
        doc = annotate(article)
        for s in doc.sentences:
            assert article.text[s.start : s.end] == s.text
        for q in doc.quantities:
            assert article.text[q.span.start : q.span.end] == q.span.text
        assert "Vladimir Putin" in {p.person for p in doc.people}


@pytest.mark.parametrize(
    ("text", "subject", "age"),
    [
        ("Mafia boss Gaetano Lo Presti, 52, was found hanged in his cell.", "Gaetano Lo Presti", 52),
        ("Mark Felt has died at his home in California. He was 95.", "Mark Felt", 95),
        ("Esther Williams died on Thursday at the age of 91, her spokesman said.", "Esther Williams", 91),
        ("Police charged 36-year-old Anthony LaSalle with murder.", "Anthony LaSalle", 36),
        ("The victims were Tanya Renee Wilson, 47; and LaTonya Sharon Brown, 36.", "LaTonya Sharon Brown", 36),
        ("Arcade Joseph Comeaux Jr., 49, escaped from a prison van.", "Arcade Joseph Comeaux Jr", 49),
        ("The free agent Mark Teixeira will be 29 in April.", "Mark Teixeira", 29),
        ("Mark Teixeira, who turns 29 on April 11, has averaged 30 home runs.", "Mark Teixeira", 29),
        ("Robert J. Pickell, 61, who works at LPL Financial, hid in the office.", "Robert J. Pickell", 61),
    ],
)
def test_ages_are_tied_to_the_person_they_belong_to(text: str, subject: str, age: int) -> None:
    ages = _facts(text, "age")
    assert (subject, float(age)) in {(f.subject, f.value) for f in ages}


def test_an_unnamed_person_is_known_by_what_they_are_not_by_the_last_name_written() -> None:
    text = "Police say 66-year-old LuAnn Johnson was struck by a car. A bystander told the 36-year-old driver to stop."
    ages = {(f.subject, f.value) for f in _facts(text, "age")}
    assert ("LuAnn Johnson", 66.0) in ages and ("driver", 36.0) in ages


def test_an_age_then_is_background_and_a_clock_time_is_no_age() -> None:
    text = (
        "Bettie Page passed away at 6:41pm in a Los Angeles hospital.\n"
        "At the age of 10, Page began to mimic actresses.\n"
        "Orozco was 26 when he was first arrested in 2003."
    )
    ages = _facts(text, "age")
    assert all(f.value != 6.0 for f in ages)
    assert all(f.value != 10.0 for f in ages)
    assert all(f.background for f in ages if f.value == 26.0)


def test_casualty_counts_are_one_slot_whichever_words_report_them() -> None:
    facts = _facts(
        "A powerful earthquake hit southern Iran on Sunday, killing 10 people and injuring 80.\n"
        "The blast left 11 dead.\nThe death toll rose to 24 on Monday."
    )
    counts = {(f.attribute, f.value) for f in facts if f.kind == "count"}
    assert {("killed:people", 10.0), ("wounded:people", 80.0), ("killed:people", 11.0)} <= counts
    rose = next(f for f in facts if f.kind == "count" and f.value == 24.0)
    assert rose.update  # "rose to": a figure that changes over time


def test_scores_ratios_and_magnitudes() -> None:
    facts = _facts(
        "The Saints sealed a 31-24 victory over the Falcons.\n"
        "The flaw affects one in every 500 Windows users.\n"
        "A magnitude 7.6 earthquake struck off the coast; a 5.2 aftershock followed."
    )
    score = next(f for f in facts if f.kind == "score")
    assert score.pair == (31, 24) and score.span.text == "31-24"
    ratio = next(f for f in facts if f.kind == "ratio")
    assert ratio.value == 500.0 and "window" in ratio.context
    assert ("magnitude", 7.6) in {(f.attribute, f.value) for f in facts if f.kind == "magnitude"}


def test_a_speaker_is_the_person_next_to_the_speech_verb_not_the_listener() -> None:
    facts = _facts(
        "Williams died peacefully in her sleep, family spokesman Harlan Boll announced.\n"
        "Her rep told People magazine she was at home."
    )
    speakers = [f.value for f in facts if f.kind == "speaker"]
    assert speakers == ["Harlan Boll"]  # "told People": People is who was told


def test_words_a_sentence_puts_before_a_name_are_not_part_of_it() -> None:
    docs = [
        annotate(
            Article(id="a", source="a", text="Canadian-born Fabio Sementilli, 49, died at the scene.", language="en")
        ),
        annotate(Article(id="b", source="b", text="Fabio Sementilli, 59, was found dead on Monday.", language="en")),
        annotate(
            Article(id="c", source="c", text="Police said Fabio Sementilli, 49, had been stabbed.", language="en")
        ),
    ]
    assert docs[0].people[0].name == "Fabio Sementilli"
    people = story_people(docs)
    ages = [(f.subject, f.value) for d in docs for f in extract_facts(d, people=people) if f.kind == "age"]
    assert ages == [("Fabio Sementilli", 49.0), ("Fabio Sementilli", 59.0), ("Fabio Sementilli", 49.0)]


def test_killed_or_wounded_is_a_count_of_casualties_not_of_deaths() -> None:
    facts = _facts(
        "The war has killed or wounded tens of thousands of soldiers on both sides.\n"
        "The general said 100,000 Russian soldiers had been killed or injured.\n"
        "Russia said 5,937 Russian soldiers had been killed."
    )
    counts = [(f.attribute, f.value) for f in facts if f.kind == "count"]
    assert counts == [
        ("killed or wounded:personnel", 10000.0),
        ("killed or wounded:personnel", 100000.0),
        ("killed:personnel", 5937.0),
    ]


def test_a_month_earlier_in_the_sentence_or_in_the_one_it_goes_on_from_makes_a_figure_background() -> None:
    """Real sentences (ECB+ 20_ecbplus, a November story): the Zarand quake of February is background,
    whether "In February," opens the sentence or the sentence before ("It killed 612 people")."""
    text = (
        "A powerful earthquake hit Qeshm island on Sunday, November 27, 2005, killing 10 people. "
        "In February, a quake measuring 6.4 hit the southern town of Zarand, killing 612 people. "
        "A quake in February hit the town of Zarand in Kerman province. It killed 612 people and injured more "
        "than 1,400."
    )
    doc = annotate(Article(id="a", source="a", text=text, language="en", published="2005-11-28"))
    import datetime as dt

    counts = [f for f in extract_facts(doc, story_date=dt.date(2005, 11, 27)) if f.kind == "count"]
    by_value = {(f.value, f.span.start): f.background for f in counts}
    assert [bg for (v, _), bg in sorted(by_value.items(), key=lambda kv: kv[0][1]) if v == 612.0] == [True, True]
    assert not any(bg for (v, _), bg in by_value.items() if v == 10.0)


def test_a_statistic_of_one_part_of_a_game_is_background_to_the_whole() -> None:
    """'68 punches thrown during the round' (ECB+ 7_ecb) counts one round, not the fight."""
    text = (
        "In fact, Klitschko landed 28 of his 68 punches thrown during the round. "
        "The final numbers showed Klitschko landing 178 of 369 punches thrown."
    )
    facts = {f.value: f for f in _facts(text, "quantity")}
    assert facts[68.0].background and not facts[369.0].background


def test_a_magnitude_of_another_month_is_background() -> None:
    """'In February, a quake measuring 6.4 hit Zarand' in a November story (ECB+ 20_ecbplus)."""
    import datetime as dt

    text = "A 5.9 magnitude earthquake hit Qeshm island on Sunday. In February, a quake measuring 6.4 hit Zarand."
    doc = annotate(Article(id="a", source="a", text=text, language="en"))
    facts = extract_facts(doc, story_date=dt.date(2005, 11, 27))
    mags = {f.value: f.background for f in facts if f.kind == "magnitude"}
    assert mags == {5.9: False, 6.4: True}


def test_people_named_by_where_they_are_from_are_a_casualty_count() -> None:
    """'15 Palestinians were killed' (Multi-News) is the toll, like 'killing at least 17 people'."""
    counts = _facts("The strike hit a school where 15 Palestinians were killed, officials said.", "count")
    assert [(f.attribute, f.value) for f in counts] == [("killed:people", 15.0)]


def test_in_a_month_is_background_when_nothing_dates_the_story() -> None:
    """ECB+ 20_ecb has no dates: 'a quake struck in September … injuring 40' is an earlier quake, while the
    story's own is told 'on Sunday'."""
    text = (
        "A 5.6 magnitude earthquake hit Qeshm island on Sunday, injuring five people. A powerful quake struck "
        "southern Iran in September near Bandar Abbas, killing at least seven people and injuring 40."
    )
    counts = {f.value: f.background for f in _facts(text, "count")}
    assert counts[5.0] is False and counts[40.0] is True


def test_an_age_after_a_description_belongs_to_whom_the_article_calls_so() -> None:
    """'the troubled actress, 36,' (ECB+ 1_ecbplus) in an article about 'actress Lindsay Lohan'."""
    text = "Actress Lindsay Lohan checked into rehab. Prosecutors said the troubled actress, 36, would be arrested."
    doc = annotate(Article(id="a", source="a", text=text, language="en"))
    ages = [(f.subject, f.value) for f in extract_facts(doc, people=story_people([doc])) if f.kind == "age"]
    assert ages == [("Lindsay Lohan", 36.0)]


def test_a_bare_surname_before_a_speech_verb_is_the_speaker_an_institution_is_not() -> None:
    """'… wrong,” O'Higgins told The Canadian Press' (ECB+ 18_ecb) names a speaker; 'the Academy
    announced Friday' (2_ecbplus) names an institution, which is no person to contradict."""
    text = (
        "“You got the feeling there was something definitely wrong,” O'Higgins told The Canadian Press. "
        "Ellen DeGeneres will host the Oscars for a second time next year, the Academy announced Friday."
    )
    assert [f.value for f in _facts(text, "speaker")] == ["O'Higgins"]


@pytest.mark.parametrize(
    ("text", "kind", "written"),
    [
        ("They won 31-24.", "score", "31-24"),
        ("Rahman failed to get inside the taller man's reach, and dropped to 45-7-2.", "record", "45-7-2"),
        ("The win improved the Ukrainian-born fighter to 52-3 with 46 KOs.", "record", "52-3"),
    ],
)
def test_scores_and_records_at_a_sentence_end_or_after_a_verb_of_change(text: str, kind: str, written: str) -> None:
    assert [f.span.text for f in _facts(text, kind)] == [written]
