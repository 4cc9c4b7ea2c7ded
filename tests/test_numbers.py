"""Numbers across sources: parsing, hedges, units, comparison and grouping on the bundled story."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from newsweave.analyze.numbers import compare, extract_quantities, group_numbers, parse_number
from newsweave.model import Article, Quantity

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "number_expressions.tsv"


@pytest.fixture(scope="module")
def seed_quantities(seed_articles: dict[str, Article]) -> dict[str, list[Quantity]]:
    """Quantities of each seed article, by article id (extracted once for the module)."""
    return {aid: extract_quantities(art) for aid, art in seed_articles.items()}


def _find(quantities: dict[str, list[Quantity]], article: str, text: str) -> Quantity:
    """The one quantity of ``article`` whose span reads ``text``."""
    found = [q for q in quantities[article] if q.span.text == text]
    assert len(found) == 1, f"{article}: {text!r} not found once in {[q.span.text for q in quantities[article]]}"
    return found[0]


def _quantities(text: str, language: str = "en") -> list[Quantity]:
    return extract_quantities(Article(id="t", source="test", text=text, language=language))


# -- parse_number ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("300,000", 300_000),
        ("300 000", 300_000),
        ("300\u00a0000", 300_000),  # no-break space
        ("300\u202f000", 300_000),  # narrow no-break space
        ("5 937", 5937),
        ("5,937", 5937),
        ("1.5 million", 1_500_000),
        ("two million", 2_000_000),
        ("2m", 2_000_000),
        ("£5bn", 5_000_000_000),
        ("£13,906", 13906),
        ("33%", 33),
        ("100,000-plus", 100_000),
        ("a dozen", 12),
        ("half a million", 500_000),
        ("twenty-five", 25),
        ("two hundred and fifty", 250),
        ("hundreds", 100),
        ("tens of thousands", 10_000),
        ("1.234,5", 1234.5),
        ("3,5 %", 3.5),
        ("1.234.567", 1_234_567),
        ("0.41", 0.41),
        ("R75", 75),
        ("more than 300", 300),
        ("1962", 1962),  # no context rules in parse_number
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["21st", "abc", "", "the", "1990s"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


# -- hedges and intervals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hedge", "low", "high"),
    [
        ("They sent 300,000 reservists.", None, 300_000, 300_000),
        ("They sent more than 300,000 reservists.", "more than", 300_000, math.inf),
        ("They sent over 300,000 reservists.", "over", 300_000, math.inf),
        ("They sent at least 300,000 reservists.", "at least", 300_000, math.inf),
        ("They sent about 41,000 fighters.", "about", 36_900, 45_100),
        ("They sent around 41,000 fighters.", "around", 36_900, 45_100),
        ("They sent roughly 41,000 fighters.", "roughly", 36_900, 45_100),
        ("They sent some 41,000 fighters.", "some", 36_900, 45_100),
        ("They sent nearly 320,000 conscripts.", "nearly", 272_000, 320_000),
        ("They sent almost 320,000 conscripts.", "almost", 272_000, 320_000),
        ("They sent up to 75,000 reservists.", "up to", 0, 75_000),
        ("They sent as many as 100 vessels.", "as many as", 0, 100),
        ("They sent fewer than 26 ships.", "fewer than", 0, 26),
        ("They sent less than 1 percent.", "less than", 0, 1),
        ("They sent 100,000-plus troops.", "-plus", 100_000, math.inf),
        ("They sent 100,000+ troops.", "+", 100_000, math.inf),
        ("They had 10 or more children.", "or more", 10, math.inf),
        ("They had 800 or so cases.", "or so", 720, 880),
        ("They sent 700 to 800 people.", None, 700, 800),
        ("They sent between 10 and 20 cars.", "between", 10, 20),
    ],
)
def test_hedges_set_the_interval(text: str, hedge: str | None, low: float, high: float) -> None:
    (q,) = _quantities(text)
    assert q.hedge == hedge
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))
    assert not q.vague


@pytest.mark.parametrize(
    ("text", "value", "high"),
    [
        ("It killed thousands of soldiers.", 1_000, 9_999),
        ("It killed tens of thousands of soldiers.", 10_000, 99_999),
        ("It killed hundreds of thousands of soldiers.", 100_000, 999_999),
        ("It killed millions of people.", 1_000_000, 9_999_999),
        ("It killed dozens of people.", 12, 99),
        ("Several hundred protesters marched.", 100, 999),
        ("A few hundred youths threw stones.", 100, 999),
        ("They threw scores of Molotov cocktails.", 20, 99),
        ("It drew several hundred million viewers.", 100_000_000, 999_999_999),
        ("He landed a pair of left hooks.", 2, 2),
    ],
)
def test_vague_magnitudes(text: str, value: float, high: float) -> None:
    (q,) = _quantities(text)
    assert q.vague and q.value == q.low == value and q.high == high


@pytest.mark.parametrize(
    ("text", "language", "value", "unit", "hedge"),
    [
        ("Die Stadt hat 1.234.567 Einwohner.", "de", 1_234_567, "einwohner", None),
        ("Die Inflation lag bei 3,5 Prozent.", "de", 3.5, "%", None),
        ("Bei über 70 Mio. gesetzlich Versicherter.", "de", 70_000_000, "gesetzlich versicherter", "über"),
        ("Es kamen rund 400 Menschen.", "de", 400, "menschen", "rund"),
        ("Es kamen mehr als 400 Menschen.", "de", 400, "menschen", "mehr als"),
        ("Es kamen etwa 400 Menschen.", "de", 400, "menschen", "etwa"),
        ("Selon la police, 12 000 manifestants ont défilé.", "fr", 12_000, "manifestants", None),
        ("Il y a plus de 300 000 réservistes.", "fr", 300_000, "réservistes", "plus de"),
        ("Il y a environ 300 000 réservistes.", "fr", 300_000, "réservistes", "environ"),
        ("Il y a près de 300 000 réservistes.", "fr", 300_000, "réservistes", "près de"),
        ("Murieron más de 5.000 soldados rusos.", "es", 5_000, "soldados", "más de"),
        ("Murieron cerca de 5.000 soldados.", "es", 5_000, "soldados", "cerca de"),
        ("Murieron unos 5.000 soldados.", "es", 5_000, "soldados", "unos"),
        ("Dari pihak Ali 25.000 orang yang tewas.", "id", 25_000, "orang", None),
    ],
)
def test_non_english_formats_and_hedges(text: str, language: str, value: float, unit: str, hedge: str | None) -> None:
    (q,) = _quantities(text, language)
    assert (q.value, q.unit, q.hedge) == (pytest.approx(value), unit, hedge)


def test_language_decides_comma_and_dot() -> None:
    assert _quantities("Es kostet 12,500 Euro.", "de")[0].value == pytest.approx(12.5)
    assert _quantities("It cost 12,500 euros.", "en")[0].value == 12_500
    assert _quantities("It cost 1.234 euros.", "en")[0].value == pytest.approx(1.234)


# -- units and what is not a quantity ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "unit"),
    [
        ("He landed only one punch in the fight.", "one punch", "punch"),
        ("Police arrested one person.", "one person", "person"),
        ("The jury held one Asian man for questioning.", "one Asian man", "asian man"),
        ("They kept a one-seat majority.", "one-seat", "seat"),
    ],
)
def test_one_counts_the_singular_noun_after_it(text: str, span: str, unit: str) -> None:
    (q,) = _quantities(text)
    assert (q.span.text, q.value, q.unit) == (span, 1, unit)


@pytest.mark.parametrize(
    "text",
    ["No one was hurt.", "One of them left.", "One said it was fine.", "At one point he fell.", "The one thing left."],
)
def test_one_as_a_pronoun_or_set_phrase_is_not_a_count(text: str) -> None:
    assert _quantities(text) == []


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("They offered $140-150MM over eight years.", 140e6, 150e6, "$"),
        ("They offered $140-150 million.", 140e6, 150e6, "$"),
        ("Police said 35-40 people were hurt.", 35, 40, "people hurt"),
        ("A rebellion of 20-30% of shareholders.", 20, 30, "%"),
    ],
)
def test_hyphen_ranges(text: str, low: float, high: float, unit: str) -> None:
    q = _quantities(text)[0]
    assert (q.low, q.high, q.unit) == (pytest.approx(low), pytest.approx(high), unit)


@pytest.mark.parametrize(
    "text", ["After a 9-14 start he was fired.", "Next are the 0-14 Lions.", "They won 3-0 at home."]
)
def test_records_and_scores_are_not_ranges(text: str) -> None:
    assert _quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Teixeira will be 29 in April.", 29, "year-old"),
        ("Simpson, who turned 70 on July 9, looks different.", 70, "year-old"),
        ("Kiryat Malachi, a town of 20,000 north of Gaza, was hit.", 20_000, "inhabitants"),
        ("In the square, where 10,000 gathered, police fired tear gas.", 10_000, "people"),
        ("Inmates spend 23 of every 24 hours in their cells.", 23, "hours"),
    ],
)
def test_the_words_around_a_bare_number_say_what_it_counts(text: str, value: float, unit: str) -> None:
    q = _quantities(text)[0]
    assert (q.value, q.unit) == (value, unit)


def test_a_bare_number_whose_words_say_nothing_has_no_unit() -> None:
    assert [(q.value, q.unit) for q in _quantities("Two struck an open area south of Jerusalem.")] == [(2, None)]


def test_financial_mm_is_a_million_and_mm_a_millimetre() -> None:
    assert [(q.value, q.unit) for q in _quantities("An offer of $160MM, a 5mm gap.")] == [(160e6, "$"), (5, "mm")]


def test_units_money_percent_and_measures() -> None:
    got = [(q.span.text, q.value, q.unit) for q in _quantities("The vote was 33% - 2644 votes.")]
    assert got == [("33%", 33, "%"), ("2644 votes", 2644, "votes")]
    got = [(q.span.text, q.unit) for q in _quantities("Thieves took £88m, 2m euros and $5.2bn; he fell about 600m.")]
    assert got == [("£88m", "£"), ("2m euros", "euros"), ("$5.2bn", "$"), ("about 600m", "m")]
    assert _quantities("a 61-year-old man")[0].unit == "year-old"
    assert _quantities("up to 120 miles per hour")[0].unit == "miles per hour"


@pytest.mark.parametrize(
    "text",
    [
        "It was the biggest crisis since the 1962 Cuban Missile Crisis.",
        "The Soviet Union fell in 1991.",
        "Russia celebrates Mother's Day on November 27.",
        "Mother's Day takes place on 27 November in Russia.",
        "The general estimated on Nov. 9 that losses were high.",
        "The meeting starts at 10:15 and ends at 4 p.m.",
        "It was the 21st meeting of the 1990s.",
        "COVID-19 grounded flight MH17 and a 2-1 win.",
        "Call the desk at (818) 374-1925.",
        "Call police on 0845 125 2222 or Crimestoppers on 0800 555 111.",
        "Call +44 20 7946 0958 now.",
        "He drove a Porsche 911 Carrera in Season 4.",
        "No one came. One of them left.",
        "He worked there between 1992 and 2002.",
        "Riots were reported in Greece on Saturday December 13 2008 in protest.",
    ],
)
def test_years_dates_times_ordinals_and_ids_are_not_quantities(text: str) -> None:
    assert _quantities(text) == []


# -- the bundled story -------------------------------------------------------------------------------


def test_every_seed_span_is_exact(
    seed_articles: dict[str, Article], seed_quantities: dict[str, list[Quantity]]
) -> None:
    assert sum(map(len, seed_quantities.values())) >= 25
    for aid, quantities in seed_quantities.items():
        text = seed_articles[aid].text
        for q in quantities:
            assert q.span.article == aid
            assert text[q.span.start : q.span.end] == q.span.text


def test_seed_spans_cover_hedge_number_and_unit(seed_quantities: dict[str, list[Quantity]]) -> None:
    q = _find(seed_quantities, "000", "more than 300,000 reservists")
    assert (q.value, q.unit, q.hedge, q.low, q.high) == (300_000, "reservists", "more than", 300_000, math.inf)
    q = _find(seed_quantities, "001", "300,000 reservists")  # "some of the 300,000 reservists": no hedge
    assert q.hedge is None
    q = _find(seed_quantities, "000", "nearly 320,000 conscripts")
    assert (q.hedge, q.low, q.high) == ("nearly", pytest.approx(272_000), 320_000)
    q = _find(seed_quantities, "000", "more than 100,000 of their soldiers killed or injured")
    assert q.unit == "soldiers killed or injured"
    q = _find(seed_quantities, "003", "5,937 Russian soldiers had been killed")
    assert (q.value, q.unit) == (5937, "russian soldiers killed")
    assert _find(seed_quantities, "004", "more than 300 000 reservists").value == 300_000


def test_seed_two_counts_in_one_phrase(seed_quantities: dict[str, list[Quantity]]) -> None:
    russian = _find(seed_quantities, "002", "around 100,000 Russian")
    ukrainian = _find(seed_quantities, "002", "100,000 Ukrainian soldiers had been killed or injured")
    assert russian.unit == "russian soldiers killed or injured" and russian.hedge == "around"
    assert ukrainian.unit == "ukrainian soldiers killed or injured" and ukrainian.hedge is None
    assert compare(russian, ukrainian) == "unrelated"  # Russian and Ukrainian losses are different counts
    rubles = _find(seed_quantities, "001", "1 million rubles")
    pounds = _find(seed_quantities, "001", "£13,906")
    assert (rubles.value, rubles.unit, pounds.value, pounds.unit) == (1_000_000, "rubles", 13_906, "£")
    assert compare(rubles, pounds) == "unrelated"


def test_seed_years_and_dates_are_not_quantities(seed_quantities: dict[str, list[Quantity]]) -> None:
    spans = [q.span.text for qs in seed_quantities.values() for q in qs]
    for words in ("1962", "1991", "November", "Nov.", "September", "February", "27", "23", "21", "28"):
        assert not any(words in s for s in spans), (words, spans)


def test_seed_reservists_are_one_fact(seed_quantities: dict[str, list[Quantity]]) -> None:
    mentions = [
        _find(seed_quantities, "000", "more than 300,000 reservists"),
        _find(seed_quantities, "001", "300,000 reservists"),
        _find(seed_quantities, "003", "more than 300,000 reservists"),
        _find(seed_quantities, "004", "more than 300 000 reservists"),
    ]
    for a in mentions:
        for b in mentions:
            assert compare(a, b) == "same"
    facts = group_numbers(q for aid in sorted(seed_quantities) for q in seed_quantities[aid])
    (fact,) = [f for f in facts if mentions[0].span in f.mentions]
    assert all(m.span in fact.mentions for m in mentions)
    assert (fact.value, fact.unit) == (300_000, "reservists")
    assert fact.hedges[0] == "more than"


def test_seed_comparisons(seed_quantities: dict[str, list[Quantity]]) -> None:
    assert compare(_find(seed_quantities, "003", "5,937 Russian soldiers had been killed"),
                   _find(seed_quantities, "004", "5 937 Russian soldiers had been killed")) == "same"  # fmt: skip
    thousands = _find(seed_quantities, "001", "thousands of soldiers")
    for aid in ("003", "004"):
        assert compare(_find(seed_quantities, aid, "tens of thousands of soldiers"), thousands) == "precision"
    wounded = _find(seed_quantities, "003", "more than 100,000 of their soldiers killed or wounded")
    injured = _find(seed_quantities, "000", "more than 100,000 of their soldiers killed or injured")
    assert compare(wounded, injured) == "same"
    assert compare(thousands, wounded) == "precision"
    reservists = _find(seed_quantities, "001", "300,000 reservists")
    assert compare(reservists, wounded) == "unrelated"
    assert compare(reservists, _find(seed_quantities, "003", "5,937 Russian soldiers had been killed")) == "unrelated"


def test_compare_on_written_variants() -> None:
    def one(text: str) -> Quantity:
        (q,) = _quantities(text)
        return q

    assert compare(one("5,937 soldiers killed"), one("6,200 soldiers killed")) == "different"
    assert compare(one("300,000 reservists"), one("300,000-plus reservists")) == "same"
    assert compare(one("300,000 reservists"), one("100,000 soldiers killed")) == "unrelated"
    assert compare(one("about 41,000 fighters"), one("40,000 troops")) == "same"
    assert compare(one("more than 100,000 troops"), one("150,000 troops")) == "precision"
    assert compare(one("up to 1,000 people"), one("500 people")) == "precision"
    assert compare(one("700 to 800 people"), one("750 people")) == "same"
    assert compare(one("nearly 320,000 conscripts"), one("more than 300,000 reservists")) == "same"
    assert compare(one("hundreds of people"), one("hundreds of people")) == "same"
    assert compare(one("5,937 soldiers killed"), one("5,937 soldiers wounded")) == "unrelated"


def test_group_numbers_orders_by_first_appearance() -> None:
    quantities = _quantities("Some 50 troops came. Then 300 reservists. Later 50 troops left and 300 reservists too.")
    facts = group_numbers(quantities)
    assert [(f.value, f.unit, len(f.mentions)) for f in facts] == [(50, "troops", 2), (300, "reservists", 2)]
    assert facts[0].hedges == ("some",)
    assert group_numbers([]) == ()


def test_gold_table_is_well_formed() -> None:
    with GOLD.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) >= 60
    assert set(rows[0]) == {"expression", "value", "unit", "hedge", "low", "high", "source"}
    for row in rows:
        assert float(row["low"]) <= float(row["value"]) <= float(row["high"]) or row["hedge"] == "as many as", row
        assert row["source"].split()[0] in {"seed", "ecbplus", "multinews", "aeb-text"}


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("An earthquake measuring 6.1 on the Richter scale struck southern Iran.", 6.1, "magnitude"),
        ("The 5.6 -magnitude earthquake damaged buildings.", 5.6, "magnitude"),
        ("A quake of magnitude 5.9 hit the island.", 5.9, "magnitude"),
        ("A 5.6 quake jolted the island on Sunday.", 5.6, "magnitude"),  # the size of the quake
        ("The strong 6.1 quake struck southern Iran.", 6.1, "magnitude"),
        ("Three quakes struck the island.", 3.0, "quakes"),  # a count of quakes
    ],
)
def test_magnitudes_and_a_verb_that_ends_the_unit(text: str, value: float, unit: str) -> None:
    (q,) = extract_quantities(Article(id="x", source="x.txt", text=text))
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rahman, 36, soon grew more intent on survival.", [(36.0, "year-old")]),
        ("In 2008, 45 people died.", [(45.0, "people died")]),
        (
            "That temblor killed at least six people, injured almost 50 and caused heavy damage.",
            [(6.0, "people"), (50.0, "people")],
        ),
        (
            "Of the 288 candidates, 286 have higher education, 202 are under 45 years old, and 56 are women.",
            [
                (288.0, "candidates"),
                (286.0, "candidates"),
                (202.0, "candidates"),
                (45.0, "years"),
                (56.0, "candidates"),
            ],
        ),
        ("Klitschko landed 28 of his 68 punches in the round.", [(28.0, "punches"), (68.0, "punches")]),
        (
            "The quake caused major destruction in seven villages, killing 10 people and injuring 80.",
            [(7.0, "villages"), (10.0, "people"), (80.0, "people")],
        ),
        ("Ten people are killed and about 50 hurt.", [(10.0, "people killed"), (50.0, "people hurt")]),
        # a verb after a number is no unit: the number is its subject; an -ed adjective before a noun is
        ("Some 10,000 gathered in Syntagma Square on Monday.", [(10000.0, "people")]),  # only people gather
        ("Two struck the city of Ashkelon.", [(2.0, None)]),
        ("Rioters torched 355 damaged shops.", [(355.0, "damaged shops")]),
        ("Jets hit hundreds of suspected rocket storage sites.", [(100.0, "suspected rocket storage sites")]),
        ("The parliament grew from 65 to 125 seats.", [(65.0, "seats")]),
    ],
)
def test_ages_set_off_by_commas_and_numbers_whose_noun_is_left_out(
    text: str, expected: list[tuple[float, str]]
) -> None:
    qs = extract_quantities(Article(id="x", source="x.txt", text=text))
    assert [(q.value, q.unit) for q in qs] == expected


def test_a_part_of_a_whole_counts_what_the_whole_counts() -> None:
    qs = extract_quantities(Article(id="x", source="x.txt", text="Rahman landed 30 of 207 punches on Saturday."))
    assert [(q.value, q.unit) for q in qs] == [(30.0, "punches"), (207.0, "punches")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Rahman struggled against the 3 1/2-inch height advantage.", 3.5, "inch"),
        ("He served 2½ years in prison.", 2.5, "years"),
        ("A magnitude-5.2 quake shook the island.", 5.2, "magnitude"),
    ],
)
def test_fractions_and_a_magnitude_written_with_a_hyphen(text: str, value: float, unit: str) -> None:
    q = _quantities(text)[0]
    assert (q.value, q.unit) == (pytest.approx(value), unit)


def test_numbers_are_tried_only_where_one_can_start(shared_data: Path, seed_articles: dict) -> None:
    """The number pattern is tried at the words and signs a number can open with: the same matches as
    ``finditer`` over every position, on real articles and on the forms each start exists for."""
    import json

    from newsweave.analyze import numbers as N

    rows = [json.loads(line) for line in (shared_data / "ecbplus" / "dev.jsonl").open(encoding="utf-8")]
    texts = [r["text"] for r in rows] + [a.text for a in seed_articles.values()]
    texts.append("US$5, HK$ 300, R500, USD 4bn, A$ 3, 1.234,5, half a dozen, tens of thousands, ¥20, A320, twenty-one")
    found = 0
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in N._NUMBER.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in N._number_matches(text)] == expected, text[:80]
        found += len(expected)
    assert found > 3000
