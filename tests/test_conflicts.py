"""Conflicts across all the articles of a story: facts compared whichever sentence states them,
copies of one wire story diffed, and the pairs that are not contradictions left out with a reason."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from newsweave.analyze.run import Analysis, analyze
from newsweave.clean import clean_documents
from newsweave.dedup import find_syndication
from newsweave.ingest import read_inputs
from newsweave.model import Article, Conflict
from newsweave.render import views

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "putin-mothers"


def _story(*texts: str, published: tuple[str | None, ...] = ()) -> list[Article]:
    return [
        Article(id=f"a{i}", source=f"a{i}", text=t, language="en", published=(published[i] if published else None))
        for i, t in enumerate(texts)
    ]


def _run(articles: list[Article]) -> Analysis:
    analysis = analyze(articles, find_syndication(articles))
    texts = {a.id: a.text for a in articles}
    for c in analysis.conflicts:
        for v in c.variants:
            assert texts[v.article][v.start : v.end] == v.text
    return analysis


def _contradictions(analysis: Analysis) -> list[Conflict]:
    return [c for c in analysis.conflicts if c.severity == "contradiction"]


def _between(analysis: Analysis, a: str, b: str) -> list[Conflict]:
    """Contradictions with a variant whose words contain ``a`` and another whose words contain ``b``."""
    return [
        c
        for c in _contradictions(analysis)
        if any(a in v.text for v in c.variants) and any(b in v.text for v in c.variants)
    ]


MAFIA = (
    "Gaetano Lo Presti, a Mafia boss, was found hanged in his Palermo prison cell on Wednesday. "
    "Lo Presti, 52, head of Mafia clans in the Porta Nuova district, had been arrested in June.",
    "An alleged Mafia boss arrested in a major police sweep hanged himself in jail. "
    "Gaetano Lo Presti, 62, hanged himself with a belt from the bars of his cell, prison officials said.",
    "Italian police said Gaetano Lo Presti, 52, was found dead in his cell in Palermo. "
    "He had been among 89 suspects detained in a crackdown on the Sicilian Mafia.",
    "Lo Presti, 52, was one of the Cosa Nostra bosses arrested last week, investigators said. "
    "His lawyer said he had shown no sign of distress.",
)


def test_an_age_changed_in_another_sentence_is_a_contradiction() -> None:
    analysis = _run(_story(*MAFIA))
    found = _between(analysis, "62", "52")
    assert len(found) == 1
    conflict = found[0]
    assert conflict.kind == "number" and conflict.about == "age of Gaetano Lo Presti"
    assert {v.article for v in conflict.variants} >= {"a1", "a0"}
    assert not conflict.within_syndication


def test_a_pronoun_age_and_a_named_age_are_the_same_person() -> None:
    analysis = _run(
        _story(
            "W. Mark Felt, the FBI official who became known as Deep Throat, has died. He was 95.",
            "Mark Felt, whose leaks helped topple a president, died Thursday in Santa Rosa. He was 105.",
            "Felt died at his home after a long illness, his grandson said. Felt was 95.",
        )
    )
    assert _between(analysis, "105", "95")


def test_a_changed_score_and_a_changed_ratio_are_contradictions() -> None:
    analysis = _run(
        _story(
            "The Saints held on for a 31-24 victory over the Falcons on Sunday. "
            "The flaw leaves one in every 500 Windows users exposed, researchers said.",
            "New Orleans beat Atlanta 31-24 as the Falcons collapsed late. "
            "Researchers said one in every 510 Windows users is exposed to the flaw.",
            "Drew Brees threw two touchdowns in a 41-24 win over the Falcons. "
            "About one in every 500 Windows users runs the vulnerable version.",
        )
    )
    assert _between(analysis, "41-24", "31-24")
    assert _between(analysis, "510", "500")


def test_a_later_report_of_a_higher_toll_and_a_hedge_are_not_contradictions() -> None:
    analysis = _run(
        _story(
            "A bomb in the market killed 3 people on Monday, police said.",
            "The death toll from Monday's market bombing rose to 5 on Tuesday, police said.",
            "At least 3 people were killed when a bomb went off in the market.",
            published=("2024-03-04", "2024-03-05", "2024-03-04"),
        )
    )
    assert not _contradictions(analysis)
    reasons = {u.reason for u in analysis.unreported}
    assert any("later report" in r or "changes over time" in r for r in reasons), reasons


def test_background_figures_other_people_and_a_birthday_are_not_contradictions() -> None:
    analysis = _run(
        _story(
            "The quake killed 11 people in the town on Sunday. In 2003, a quake in Bam killed 26,000 people. "
            "The driver, John Carter, 26, was arrested.",
            "Sunday's earthquake killed 11 people, the worst toll since 2003. "
            "Police arrested John Carter, 27, at the scene; his passenger, Mary Ellis, 31, was unhurt.",
            published=("2005-11-27", "2005-11-27"),
        )
    )
    assert not _contradictions(analysis)


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    documents, _ = read_inputs([EXAMPLE])
    return clean_documents(documents)[0]


def test_the_seeds_have_no_contradiction(seeds: list[Article]) -> None:
    assert not _contradictions(_run(seeds))


def test_an_edit_between_two_copies_of_one_wire_story_is_reported_as_such(seeds: list[Article]) -> None:
    edited = [dataclasses.replace(a, text=a.text.replace("5 937", "6 937")) if a.id == "004" else a for a in seeds]
    analysis = _run(edited)
    found = _between(analysis, "6 937", "5,937")
    assert found and all(c.within_syndication for c in found)
    assert {v.article for c in found for v in c.variants} == {"003", "004"}


def test_a_speaker_changed_in_one_copy_is_an_attribution_conflict(seeds: list[Article]) -> None:
    def edit(a: Article) -> Article:
        at = a.text.index('we share your pain," Putin said')
        return dataclasses.replace(a, text=a.text[:at] + a.text[at:].replace("Putin said", "Peskov said", 1))

    analysis = _run([edit(a) if a.id == "004" else a for a in seeds])
    attribution = [c for c in _contradictions(analysis) if c.kind == "attribution"]
    assert any(c.within_syndication and {v.text for v in c.variants} == {"Putin", "Peskov"} for c in attribution)
    assert any(not c.within_syndication for c in attribution)  # and against 002, an independent source


# -- one happening or one thing, written in different sentences ----------------------------------------


def test_a_day_of_one_happening_in_different_sentences_conflicts():
    """'sunk a trawler on November 19' against 'on November 18 it had sunk the trawler' (real outlets,
    ECB+ 12_ecb): the same past verb next to both days."""
    analysis = _run(
        _story(
            "On November 19, INS Tabar sunk a fishing trawler that was under the control of pirates, in a third "
            "strike since its deployment in the Gulf of Aden.",
            "Then, on November 18, it had sunk Thai trawler Ekawat Nava 5, which had been commandeered by pirates "
            "after a gunbattle, the navy said.",
            published=("2008-11-26", "2008-11-26"),
        )
    )
    assert _between(analysis, "November 19", "November 18")


def test_a_day_that_qualifies_a_noun_after_of_is_not_the_verb_s_day():
    """'convicted March 20' and 'convicted of the June 20, 2005 attempted murder' (ECB+ 16_ecbplus):
    the second day is the attempted murder's."""
    analysis = _run(
        _story(
            "Orozco was convicted March 20 of first-degree murder for the slaying of Ortiz, a 15-year veteran.",
            "Orozco was also convicted of the June 20, 2005 attempted murder of a man shot in the back.",
            published=("2007-04-04", "2007-03-20"),
        )
    )
    assert not [c for c in _contradictions(analysis) if c.kind == "date"]


def test_days_next_to_different_verbs_or_speech_do_not_conflict():
    """A statement made on Monday and an event on Friday are two happenings; so are two days next to
    'said'."""
    analysis = _run(
        _story(
            "The church burned on Friday night, and investigators suspect arson, the fire chief said.",
            "Palin visited the church on Saturday and said she was sorry if the fire was connected to her.",
            "The pastor said Sunday that the church burned because of a heater, the fire chief said Monday.",
            published=("2008-12-14", "2008-12-14", "2008-12-15"),
        )
    )
    assert not [c for c in _contradictions(analysis) if c.kind == "date"]


def test_a_weekday_in_articles_without_a_date_still_compares():
    """Neither article has a date, so 'Sunday' resolves to no day; the weekday itself is the fact."""
    analysis = _run(
        _story(
            "Bettie Page, the pin-up queen of the 1950s, died Sunday night at a Los Angeles hospital.",
            "Pinup icon Bettie Page died Thursday evening at a hospital in Los Angeles after a heart attack.",
            "Bettie Page, who died on Thursday, will be remembered for her influence on fashion.",
        )
    )
    assert _between(analysis, "Sunday", "Thursday")


def test_a_day_without_its_year_is_compared_by_month_and_day():
    """'killed on June 24' (year from the article) and 'killed June 24, 2005' are one day."""
    analysis = _run(
        _story(
            "The 35-year-old deputy was killed on June 24 while investigating an attack in Hawaiian Gardens.",
            "Deputy Jerry Ortiz, 35, was killed June 24, 2005 outside an apartment in Hawaiian Gardens.",
            published=("2007-05-16", "2007-05-16"),
        )
    )
    assert not [c for c in _contradictions(analysis) if c.kind == "date"]


def test_a_count_of_one_thing_in_different_sentences_conflicts():
    """'received nearly 235,000 comments' / 'has received nearly 300,000 comments' (ECB+ 9_ecb, where the
    second sentence also says the rule was proposed "in May", which now makes it background in a story
    nothing dates: that real disagreement is lost, see the README's Limits)."""
    analysis = _run(
        _story(
            "The agency received nearly 235,000 comments on the endangered species proposal, most of them "
            "form letters decrying the rule.",
            "The Interior Department proposed the new regulations and since has received nearly "
            "300,000 comments on the endangered species rule, the vast majority opposing the changes.",
        )
    )
    assert _between(analysis, "235,000", "300,000")


def test_counts_of_generic_units_or_of_two_places_do_not_conflict():
    """Real sentences (ECB+ 4_ecb, 20_ecbplus): 'three weeks' and 'four weeks' in hospital are measured to
    different days; an island and a city each have their own population."""
    analysis = _run(
        _story(
            "Bettie Page died on Thursday in Los Angeles. Page had been hospitalized for the past three weeks "
            "for pneumonia. The 6.1-magnitude quake struck Qeshm island, home to 120,000 people, and the city of "
            "Bandar Abbas, state media said.",
            "The pin-up model died in a Los Angeles hospital. She had been hospitalized in Los Angeles for four "
            "weeks due to pneumonia, only to suffer from a heart attack. Shahram Alamdari, head of the rescue "
            "unit for the Iranian Red Crescent, said two helicopters were evacuating injured from Qeshm to "
            "Bandar Abbas, a city of 500,000 people that also was jolted by the quake.",
        )
    )
    assert not _contradictions(analysis)


def test_an_age_of_someone_described_is_not_the_main_persons():
    """'The 30-year-old sergeant' in a story about the teenager he shot is the sergeant's age; the
    teenager's sister ('Mahnefah Gray, 19') is not the teenager."""
    analysis = _run(
        _story(
            "Kimani Gray was shot by police in Brooklyn. The 30-year-old sergeant and a 26-year-old officer "
            "fired 11 shots at Gray, police said. Gray was 16.",
            "Kimani Gray, 16, died after police shot him. Gray's older sister, Mahnefah Gray, 19, told "
            "reporters that her brother was only fixing his belt.",
        )
    )
    assert not _contradictions(analysis)


def test_a_surname_and_the_full_name_are_one_persons_figures():
    """'Cheeks played for 11 seasons' and 'Maurice Cheeks … 14 seasons': one person, written two ways."""
    analysis = _run(
        _story(
            "Cheeks, who played for the Sixers for 11 seasons, was named coach after O'Brien was fired.",
            "Maurice Cheeks, who played for the Sixers for 14 seasons, was named coach on Monday.",
        )
    )
    assert _between(analysis, "11 seasons", "14 seasons")


def test_a_contradiction_lists_only_the_values_that_contradict() -> None:
    """'killing 13 people' against 'killing 10 people' in a story whose articles also recall another quake's
    'tens of thousands' (differs only in precision, and is background): the contradiction is 13 against
    10, without the other quake."""
    analysis = _run(
        _story(
            "A powerful earthquake hit southern Iran on Sunday, destroying seven villages and killing 13 people. "
            "Two years ago a quake in Bam killed tens of thousands of people.",
            "An earthquake measuring 5.9 hit southern Iran on Sunday, flattening seven villages and killing 10 "
            "people, officials said.",
            "The quake in southern Iran on Sunday flattened seven villages and killed 10 people, state media said.",
            published=("2005-11-28", "2005-11-28", "2005-11-28"),
        )
    )
    found = _between(analysis, "13 people", "10 people")
    assert found and all("thousands" not in v.text for c in found for v in c.variants)


def test_a_toll_given_as_a_lower_bound_above_another_report_is_no_contradiction() -> None:
    """'three people killed' and 'at least 10 people' the same day (ECB+ 20_ecbplus): a toll still being
    counted."""
    analysis = _run(
        _story(
            "An earthquake hit Qeshm island in southern Iran on Sunday. The governor of Qeshm told the AFP news "
            "agency four villages had been destroyed and three people killed.",
            "An earthquake with a magnitude of at least 5.9 hit Qeshm island in southern Iran on Sunday, killing "
            "at least 10 people and injuring many others.",
            published=("2005-11-27", "2005-11-27"),
        )
    )
    assert not _contradictions(analysis)
    assert any("lower bound" in u.reason for u in analysis.unreported)


def test_distances_in_metres_and_meters_are_one_unit() -> None:
    """'falling 195 meters' (an American outlet) against 'falling about 150 metres' (ECB+ 23_ecbplus)."""
    analysis = _run(
        _story(
            "A 36-year-old Australian man died on Friday after falling 195 meters from a ridge in Aoraki Mount "
            "Cook National Park.",
            "A 36-year-old Australian climber died on Friday after falling about 150 metres from a ridge at "
            "Aoraki Mount Cook National Park.",
        )
    )
    assert _between(analysis, "195 meters", "150 metres")


def test_a_verb_right_next_to_each_day_ties_them_whichever_side_it_is_on() -> None:
    """'A judge on Tuesday sentenced the man' against 'the man … was sentenced Saturday' (ECB+ 3_ecb); a
    verb after a comma belongs to another clause ('The rule, finalized in December, made optional …' and
    'rule changes made in January' are two happenings)."""
    analysis = _run(
        _story(
            "A judge on Tuesday sentenced the man who killed four people in a brazen courthouse escape to "
            "multiple life sentences.",
            "The man who killed four people in a brazen courthouse escape was sentenced Saturday to multiple "
            "life sentences without parole.",
            "The rule, finalized in December, made optional the consultations federal scientists perform.",
            "Scientists called on the departments to overturn rule changes made in January that weaken the "
            "consultations federal scientists perform.",
            published=("2008-12-15", "2008-12-15", "2009-04-27", "2009-04-27"),
        )
    )
    assert _between(analysis, "Tuesday", "Saturday")
    assert not _between(analysis, "December", "January")


def test_a_fighters_record_after_the_name_and_a_score_of_a_named_day() -> None:
    """Real sentences (ECB+ 7_ecb, 5_ecb): 'Klitschko (52-3, 46 KOs)' against 'Klitschko, 53-3, 47 KO's' is
    a record in dispute; 'Friday's 98-72 setback' is that day's game even in a sentence about 'their last
    10 games'; 'Cleveland was 20-3, owner of a win streak' is no final score."""
    analysis = _run(
        _story(
            "Wladimir Klitschko (52-3, 46 KOs) blasted a sluggish Hasim Rahman in Mannheim on Saturday night. "
            "The 76ers have opened 9-14 with eight losses in their last 10 games, including Friday's dispirited "
            "98-72 setback at Cleveland.",
            "Heavyweight Champion, Wladimir Klitschko, 53-3, 47 KO's, easily dismantled Hasim Rahman in the "
            "seventh round. The 76ers dropped their third game in a row on Friday, an 88-72 setback to "
            "Cleveland. But last we checked, Cleveland was 20-3, owner of an 11-game win streak.",
        )
    )
    assert _between(analysis, "52-3", "53-3")
    assert _between(analysis, "98-72", "88-72")
    assert not _between(analysis, "20-3", "72")


def test_money_for_different_things_is_no_contradiction_and_one_disagreement_is_one_conflict() -> None:
    """NeuS story 212 (three outlets): '$5 trillion in new federal spending' is part of 'a $6 trillion
    budget'; and a figure three outlets disagree on is reported once, not once per pair of mentions."""
    analysis = _run(
        _story(
            "Biden's budget will include $5 trillion in new federal spending over the next decade. President "
            "Joe Biden will propose $5 trillion in new federal spending over the next decade on Friday.",
            "President Joe Biden will unveil a $6 trillion budget proposal on Friday that would push federal "
            "spending to its highest levels since World War II.",
        )
    )
    assert not _contradictions(analysis)
    analysis = _run(
        _story(
            "Gaetano Lo Presti, 52, was found hanged in his cell in Palermo on Wednesday. Lo Presti, 52, "
            "headed the Porta Nuova clan.",
            "Gaetano Lo Presti, 62, hanged himself with a belt in his Palermo cell on Wednesday.",
            "Italian police said Gaetano Lo Presti, 52, was found dead in his cell in Palermo.",
        )
    )
    ages = [c for c in _contradictions(analysis) if "age" in c.about]
    assert len(ages) == 1 and {v.text for v in ages[0].variants} >= {"52", "62"}


def test_a_weekday_in_a_sentence_about_a_will_is_not_a_plan_and_a_statement_day_is_not_an_event_day() -> None:
    """'Bacall's will … papers filed Monday' (Multi-News): 'will' is a noun there, the filing happened; and
    'Payton said at practice on Wednesday' is the day of a statement, not the day of the injury
    ('Bush tweaked his knee last Thursday')."""
    analysis = _run(
        _story(
            "Bacall's will also remembered two of her employees, according to papers filed Monday in Manhattan "
            "Surrogate's Court.",
            "Bacall's will also remembered two of her employees, according to papers filed Friday in Manhattan "
            "Surrogate's Court.",
            "The knee was examined over the weekend and coach Sean Payton said at practice on Wednesday that the "
            "team decided to put Bush on injured reserve.",
            "Bush tweaked his left knee last Thursday and coach Sean Payton said the Saints decided to put the "
            "running back on injured reserve.",
        )
    )
    assert _between(analysis, "Monday", "Friday")
    assert not _between(analysis, "Wednesday", "Thursday")


def test_scores_and_records_are_listed_with_the_numbers():
    """'31-24' and 'Klitschko (52-3, 46 KOs)' are numbers a reader looks for: one record per pair."""
    analysis = _run(
        _story(
            "Wladimir Klitschko (52-3, 46 KOs) stopped Hasim Rahman in the seventh round on Saturday night.",
            "The victory took Klitschko's record to 52-3 with 46 wins by knockout.",
            "The Saints won 31-24 on Sunday, a week after a 27-24 loss to Chicago.",
        )
    )
    pairs = {(n.unit, n.pair): len(n.mentions) for n in analysis.numbers if n.pair}
    assert pairs[("record", "52-3")] == 2
    assert ("score", "31-24") in pairs and ("score", "27-24") in pairs
    (record,) = [n for n in analysis.numbers if n.pair == "52-3"]
    assert views.number_value(record) == "52-3" and record.value == 52


def test_a_record_with_draws_is_listed_whole():
    analysis = _run(
        _story(
            "Hasim Rahman (45-7-2, 36 KOs) was stopped in the seventh round on Saturday.",
            "Rahman, 45-7-2, had not been stopped in years.",
            "The Saints won 31-24 on Sunday.",
        )
    )
    assert any(n.unit == "record" and n.pair == "45-7-2" for n in analysis.numbers)


def test_standings_of_teams_and_records_after_a_verb_are_records():
    """Real sentences (ECB+ 25_ecb, 7_ecb): a team's standing in brackets or after "are", a fighter's
    record after "fell to" or "has gone" are records, not scores; a standing of two outlets that differ
    is a contradiction."""
    analysis = _run(
        _story(
            "The Saints (7-7) will visit the Detroit Lions (0-14) this Sunday.",
            "The Saints are 8-6 and were eliminated from playoff contention; they take on the 0-14 Lions.",
            "Rahman fell to 45-7-2 and is now 10-5-2 since knocking out Lennox Lewis; he has gone 4-2-1 since 2005.",
        )
    )
    pairs = {n.pair for n in analysis.numbers if n.unit == "record"}
    assert {"7-7", "0-14", "8-6", "45-7-2", "10-5-2", "4-2-1"} <= pairs
    assert not any(n.unit == "score" for n in analysis.numbers)
    assert _between(analysis, "7-7", "8-6")
