"""Dates: expressions found with exact offsets, resolved against the article's date and the clause's tense,
article dates inferred from the story, and a timeline that keeps what was planned apart from what happened.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.analyze.dates import (
    Tense,
    extract_dates,
    find_expressions,
    parse_published,
    resolve,
)
from newsweave.analyze.dating import date_articles, infer_article_dates, story_year
from newsweave.analyze.timeline import build_timeline
from newsweave.clean import clean_documents
from newsweave.ingest import read_inputs
from newsweave.model import Article
from newsweave.sentences import split_sentences

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "putin-mothers"
TABLE = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "date_expressions.tsv"
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    """The five seed articles, read and cleaned with the default options, by id."""
    documents, rejected = read_inputs([EXAMPLE])
    assert rejected == []
    articles, no_body = clean_documents(documents)
    assert no_body == []
    return {a.id: a for a in articles}


# -- resolve -------------------------------------------------------------------------------------------

WED, FRI = D("2022-11-23"), D("2022-11-25")

RESOLVE: list[tuple[str, dt.date | None, Tense | None, str | None]] = [
    # weekdays: the tense chooses the direction
    ("on Friday", FRI, "past", "2022-11-25"),
    ("on Friday", FRI, None, "2022-11-25"),
    ("on Friday", WED, "future", "2022-11-25"),
    ("on Friday", WED, "past", "2022-11-18"),
    ("Friday", WED, "future", "2022-11-25"),
    ("Saturday night", D("2012-07-08"), "past", "2012-07-07"),
    ("Last Friday", D("2009-04-28"), "past", "2009-04-24"),
    ("last Tuesday", D("2011-01-05"), "past", "2010-12-28"),  # the day before would be "yesterday"
    ("next Monday", WED, None, "2022-11-28"),
    # days, weeks, months, years relative to the article's day
    ("today", FRI, None, "2022-11-25"),
    ("yesterday", FRI, None, "2022-11-24"),
    ("tomorrow", WED, None, "2022-11-24"),
    ("last night", FRI, None, "2022-11-24"),
    ("this weekend", WED, "future", "2022-11-26"),
    ("this weekend", D("2013-09-15"), "past", "2013-09-14"),  # a Sunday: the day before
    ("last week", WED, "past", "2022-11"),
    ("last week", D("2011-01-06"), "past", "2010-12"),  # the week of Thursday 30 December
    ("next month", WED, None, "2022-12"),
    ("next month", D("2022-12-10"), None, "2023-01"),
    ("earlier this month", WED, "past", "2022-11"),
    ("early next year", WED, "future", "2023"),
    ("last year", WED, "past", "2021"),
    ("two weeks ago", WED, "past", "2022-11-09"),
    ("Two years ago", D("2005-05-24"), "past", "2003"),
    ("a month ago", D("2005-05-16"), "past", "2005-04"),
    # absolute days and months without a year
    ("23 November", FRI, None, "2022-11-23"),
    ("November 23", FRI, None, "2022-11-23"),
    ("Nov. 9", FRI, "past", "2022-11-09"),
    ("9 November", FRI, "past", "2022-11-09"),
    ("September 21", FRI, "past", "2022-09-21"),
    ("on September 21", FRI, "past", "2022-09-21"),
    ("since the war started on February 24", FRI, "past", "2022-02-24"),
    ("late October", WED, None, "2022-10"),
    ("in late October", WED, "past", "2022-10"),
    ("in September", FRI, "past", "2022-09"),
    ("next March", D("2013-08-02"), "future", "2014-03"),
    ("last October", D("2010-05-05"), "past", "2009-10"),
    # the year of a day or month written without one
    ("December 20", D("2023-01-10"), None, "2022-12-20"),  # far from the anchor's month: the nearer year
    ("December 20", D("2023-01-10"), "past", "2022-12-20"),
    ("January 5", D("2022-12-20"), "future", "2023-01-05"),
    ("January 5", D("2022-12-20"), None, "2023-01-05"),
    ("in December", D("2005-05-16"), "past", "2004-12"),
    ("on June 8", D("2013-05-03"), "past", "2012-06-08"),
    ("December 15", D("2013-09-27"), "future", "2013-12-15"),
    ("on November 25", FRI - dt.timedelta(2), "past", "2022-11-25"),  # an inferred anchor may be days early
    ("23 November", None, None, None),
    # with full dates, numbers and years
    ("2022-11-25", None, None, "2022-11-25"),
    ("25/11/2022", None, None, "2022-11-25"),
    ("11/25/2022", None, None, "2022-11-25"),  # a part above 12 is the day
    ("05/11/2022", None, None, "2022-11-05"),  # both could be: day first
    ("25.11.2022", None, None, "2022-11-25"),
    ("March 2, 2014", D("2013-08-02"), "future", "2014-03-02"),
    ("On Oct. 3, 1995", D("2017-07-20"), "past", "1995-10-03"),
    ("in November 2001", D("2013-08-02"), "past", "2001-11"),
    ("the 1991 fall of the Soviet Union", FRI, "past", "1991"),
    ("the 1962 Cuban Missile Crisis", FRI, "past", "1962"),
    ("24-Nov-2022", None, None, "2022-11-24"),  # a form only dateparser reads
    # not dates, or too vague to be one
    ("since World War II", FRI, "past", None),
    ("in recent months", FRI, "past", None),
    ("in the coming days", WED, "future", None),
    ("a few weeks ago", FRI, "past", None),
    ("on Friday", None, "past", None),
    ("today", None, None, None),
    # French, German, Spanish
    ("le 23 novembre", FRI, None, "2022-11-23"),
    ("am 23. November", FRI, None, "2022-11-23"),
    ("el 23 de noviembre", FRI, None, "2022-11-23"),
    ("le 23 novembre 2022", None, None, "2022-11-23"),
    ("el 23 de noviembre de 2022", None, None, "2022-11-23"),
    ("en septembre", FRI, "past", "2022-09"),
    ("fin octobre", WED, None, "2022-10"),
    ("vendredi", FRI, "past", "2022-11-25"),
    ("Freitag", WED, "future", "2022-11-25"),
    ("viernes", WED, "past", "2022-11-18"),
    ("vendredi dernier", FRI, None, "2022-11-18"),
    ("el próximo viernes", WED, None, "2022-11-25"),  # the coming one
    ("aujourd'hui", FRI, None, "2022-11-25"),
    ("heute", FRI, None, "2022-11-25"),
    ("hoy", FRI, None, "2022-11-25"),
    ("hier", FRI, None, "2022-11-24"),
    ("gestern", FRI, None, "2022-11-24"),
    ("ayer", FRI, None, "2022-11-24"),
    ("demain", WED, None, "2022-11-24"),
    ("morgen", WED, None, "2022-11-24"),
    ("mañana", WED, None, "2022-11-24"),
    ("ce week-end", WED, None, "2022-11-26"),
    ("la semaine dernière", WED, None, "2022-11"),
    ("letztes Jahr", WED, None, "2021"),
    ("el mes pasado", WED, None, "2022-10"),
    ("il y a deux semaines", WED, None, "2022-11-09"),
    ("vor zwei Wochen", WED, None, "2022-11-09"),
    ("hace dos semanas", WED, None, "2022-11-09"),
]


@pytest.mark.parametrize(("expression", "anchor", "tense", "expected"), RESOLVE)
def test_resolve(expression: str, anchor: dt.date | None, tense: Tense | None, expected: str | None) -> None:
    assert resolve(expression, anchor, tense=tense) == expected


def test_resolve_uses_the_story_year_without_an_anchor() -> None:
    assert resolve("23 November", None, story_year=2022) == "2022-11-23"
    assert resolve("this year", None, story_year=2022) == "2022"
    assert resolve("earlier this month", None, story_year=2022) is None  # which month?


def test_resolve_reads_month_first_when_asked() -> None:
    assert resolve("05/11/2022", None, dayfirst=False) == "2022-05-11"
    assert resolve("25/11/2022", None, dayfirst=False) == "2022-11-25"  # 25 cannot be a month


def test_an_ambiguous_numeric_date_takes_the_reading_nearer_the_article() -> None:
    assert resolve("01 / 5 / 2011", D("2011-01-05")) == "2011-01-05"
    assert resolve("05/11/2022", D("2022-05-12")) == "2022-05-11"
    assert resolve("05/11/2022", D("2022-11-06")) == "2022-11-05"


def test_the_gold_table_resolves_at_its_floor() -> None:
    # benchmarks/data/date_expressions.tsv: real expressions with hand-filled answers. 129 of 130 resolve
    # (the miss needs the story: "on Tuesday", a shooting of the week before). Floor pinned below that.
    with TABLE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) >= 50
    assert {r["tense"] for r in rows} <= {"past", "future"}
    hits = 0
    for r in rows:
        assert r["source"].split(":")[0] in {"seed", "ecbplus", "multinews"}
        tense: Tense = "past" if r["tense"] == "past" else "future"
        hits += resolve(r["expression"], D(r["anchor"]), tense=tense) == (r["expected"] or None)
    assert hits / len(rows) >= 0.98


# -- find_expressions ----------------------------------------------------------------------------------

FIND: list[tuple[str, list[str]]] = [
    ("Putin met the mothers on Friday at his residence.", ["on Friday"]),
    ("reported by Reuters on 23 November.", ["on 23 November"]),
    ("It ended in June. In Sept. it began; by Nov. 9 it was over.", ["in June", "In Sept.", "Nov. 9"]),
    ("the general estimated on Nov. 9 that", ["on Nov. 9"]),
    ("Mother's Day is on November 27, and in late October the call-up ended.", ["on November 27", "in late October"]),
    ("the biggest confrontation since the 1962 Cuban Missile Crisis", ["1962"]),
    ("This is the first since World War II.", []),
    ("Thousands of soldiers, more than 2000 soldiers, in the 2002-03 season", []),
    ("He may resign in May, they march in March.", ["in May", "in March"]),
    ("Life on Mars; Good Friday; told USA Today", []),
    (
        "Following defeats in recent months, two weeks ago, earlier this month",
        ["in recent months", "two weeks ago", "earlier this month"],
    ),
    ("on Oscar Sunday, March 2, 2014, on ABC", ["Sunday, March 2, 2014"]),
    (
        "She checked in today; yesterday's hearing; on Thursday (June 13) this week",
        ["today", "yesterday", "on Thursday", "June 13", "this week"],
    ),
    (
        "Le président a rencontré les mères vendredi, le 25 novembre, aujourd'hui.",
        ["vendredi", "le 25 novembre", "aujourd'hui"],
    ),
    ("Putin traf am 25. November die Mütter, heute Morgen am Freitag.", ["am 25. November", "heute", "am Freitag"]),
    (
        "Putin se reunió el viernes 25 de noviembre con las madres, hoy por la mañana.",
        ["el viernes 25 de noviembre", "hoy"],
    ),
    ("The 27/09/2013 report and the 2022-11-25 meeting", ["27/09/2013", "2022-11-25"]),
]


@pytest.mark.parametrize(("text", "expected"), FIND)
def test_find_expressions(text: str, expected: list[str]) -> None:
    found = find_expressions(text)
    assert [words for _, _, words in found] == expected
    assert all(text[s:e] == words for s, e, words in found)


def test_german_hier_is_here() -> None:
    assert find_expressions("Die Lage hier ist ruhig.", language="de") == []
    assert [w for _, _, w in find_expressions("Il est arrivé hier.", language="fr")] == ["hier"]


# -- tense and kind ------------------------------------------------------------------------------------


def _article(text: str, published: str | None = None, id: str = "x") -> Article:
    return Article(id=id, source=f"{id}.txt", text=text, published=published, language="en")


def test_the_clause_chooses_the_weekday_and_the_kind() -> None:
    art = _article("The Kremlin said Putin will meet the mothers on Friday. Putin met the governors on Friday.")
    planned, happened = extract_dates(art, WED)
    assert (planned.date, planned.kind) == ("2022-11-25", "planned")
    assert (happened.date, happened.kind) == ("2022-11-18", "happened")


def test_a_date_reported_in_an_announcing_sentence_happened() -> None:
    text = '"It is planned," Peskov said when asked if Putin would hold one, reported by Reuters on 23 November.'
    art = _article(text)
    (m,) = extract_dates(art, WED)
    assert (m.date, m.kind) == ("2022-11-23", "happened")


def test_the_clause_ends_at_a_subordinate_clause() -> None:
    art = _article("Thomas was placed on injured reserve Wednesday, meaning that the team will be without him.")
    (m,) = extract_dates(art, D("2011-01-05"))
    assert (m.date, m.kind) == ("2011-01-05", "happened")
    art = _article("The government was preparing for the measures to be voted on Thursday.")
    (m,) = extract_dates(art, D("2010-05-05"))
    assert (m.date, m.kind) == ("2010-05-06", "planned")


def test_a_day_after_the_article_is_planned_whatever_the_verb() -> None:
    (m,) = extract_dates(_article("Russia celebrates Mother's Day on November 27."), WED)
    assert (m.date, m.kind) == ("2022-11-27", "planned")


# -- infer_article_dates -------------------------------------------------------------------------------


def test_published_dates_are_parsed() -> None:
    assert parse_published("2022-11-25") == FRI
    assert parse_published("2022-11-25T10:31:00+00:00") == FRI
    assert parse_published("Fri, 25 Nov 2022 10:00:00 GMT") == FRI
    assert parse_published("") is None
    assert parse_published(None) is None


def test_a_dateline_dates_its_article_and_is_no_event() -> None:
    art = _article("Posted on May 2, 2013 5:03 PM EDT\nLohan checked in to a rehab centre on Thursday.")
    assert infer_article_dates([art]) == {"x": D("2013-05-02")}
    assert [(e.date, e.text) for e in build_timeline([art])] == [
        ("2013-05-02", "Lohan checked in to a rehab centre on Thursday.")
    ]


def test_nothing_to_go_on_gives_none() -> None:
    assert infer_article_dates([_article("Putin met the mothers of soldiers on Friday.")]) == {"x": None}


def test_an_article_is_dated_by_the_latest_day_it_reports_within_the_story() -> None:
    dated = _article("The United Nations reported the figures on Monday.", "2022-11-21", "a")
    undated = _article("The figures were reported on 20 November and again on November 22.", None, "b")
    background = _article("The war started on February 24, officials recalled later.", None, "c")
    dates = infer_article_dates([dated, undated, background])
    assert dates == {"a": D("2022-11-21"), "b": D("2022-11-22"), "c": None}


def test_seed_article_dates(seeds: dict[str, Article]) -> None:
    assert infer_article_dates(list(seeds.values())) == {
        "000": D("2022-11-23"),  # own evidence: "reported by Reuters on 23 November", two days before 004
        "001": D("2022-11-23"),  # announces the meeting like 000, and reads like it
        "002": FRI,  # reports the meeting like 003 and 004
        "003": FRI,  # 004's wire story
        "004": FRI,  # published
    }


# -- the seeds: every mention, exact offsets -----------------------------------------------------------

# (article, start, end, expression, date, kind, sentence start, sentence end), checked by reading.
SEED_MENTIONS = [
    ("000", 143, 155, "In September", "2022-09", "happened", 143, 358),
    ("000", 530, 534, "1962", "1962", "happened", 398, 556),
    ("000", 915, 929, "on November 27", "2022-11-27", "planned", 873, 930),
    ("000", 1107, 1121, "on 23 November", "2022-11-23", "happened", 932, 1122),
    ("000", 1399, 1412, "on November 9", "2022-11-09", "happened", 1345, 1515),
    ("000", 1794, 1798, "1991", "1991", "happened", 1517, 1824),
    ("000", 1826, 1839, "Two weeks ago", "2022-11-09", "happened", 1826, 2023),
    ("000", 2464, 2479, "in late October", "2022-10", "happened", 2418, 2622),
    ("000", 2530, 2540, "October 28", "2022-10-28", "happened", 2418, 2622),
    ("001", 131, 143, "this weekend", "2022-11-26", "planned", 0, 144),
    ("001", 305, 323, "earlier this month", "2022-11", "happened", 146, 324),
    ("001", 437, 451, "on 27 November", "2022-11-27", "planned", 412, 462),
    ("001", 1135, 1147, "in September", "2022-09", "happened", 941, 1148),
    ("001", 1190, 1199, "this year", "2022", "happened", 1150, 1337),
    ("002", 1275, 1287, "in September", "2022-09", "happened", 1163, 1288),
    ("002", 1341, 1359, "earlier this month", "2022-11", "happened", 1290, 1484),
    ("002", 1387, 1401, "on February 24", "2022-02-24", "happened", 1290, 1484),
    ("002", 1574, 1583, "on Friday", "2022-11-25", "happened", 1486, 1622),
    ("002", 2485, 2494, "On Friday", "2022-11-25", "happened", 2485, 2635),
    ("003", 75, 80, "today", "2022-11-25", "happened", 2, 80),
    ("003", 401, 406, "today", "2022-11-25", "happened", 388, 590),
    ("003", 786, 798, "in September", "2022-09", "happened", 592, 799),
    ("003", 1022, 1026, "1962", "1962", "happened", 801, 1048),
    ("003", 2053, 2057, "1991", "1991", "happened", 1848, 2083),
    ("003", 2366, 2381, "on September 21", "2022-09-21", "happened", 2324, 2463),
    ("003", 2565, 2574, "on Nov. 9", "2022-11-09", "happened", 2524, 2667),
    ("004", 337, 346, "on Friday", "2022-11-25", "happened", 312, 487),
    ("004", 710, 714, "1962", "1962", "happened", 489, 736),
    ("004", 932, 944, "in September", "2022-09", "happened", 738, 945),
    ("004", 1824, 1828, "1991", "1991", "happened", 1554, 1854),
    ("004", 2137, 2152, "on September 21", "2022-09-21", "happened", 2095, 2234),
    ("004", 2336, 2349, "on 9 November", "2022-11-09", "happened", 2295, 2442),
]


def test_every_seed_mention(seeds: dict[str, Article]) -> None:
    dates = infer_article_dates(list(seeds.values()))
    got = []
    for art in seeds.values():
        sentences = split_sentences(art)
        for m in extract_dates(art, dates[art.id], story_year=2022, sentences=sentences):
            assert art.text[m.span.start : m.span.end] == m.span.text == m.expression
            assert art.text[m.sentence.start : m.sentence.end] == m.sentence.text
            assert m.sentence in [s.span() for s in sentences]
            assert m.span.article == m.sentence.article == art.id
            s = m.sentence
            got.append((art.id, m.span.start, m.span.end, m.expression, m.date, m.kind, s.start, s.end))
    assert got == SEED_MENTIONS


def test_mentions_need_no_precomputed_sentences(seeds: dict[str, Article]) -> None:
    art = seeds["004"]
    assert extract_dates(art, FRI) == extract_dates(art, FRI, sentences=split_sentences(art))


# -- the seeds' timeline -------------------------------------------------------------------------------


def _cited(entry_mentions: tuple) -> set[str]:  # type: ignore[type-arg]
    return {m.article for m in entry_mentions}


def test_seed_timeline(seeds: dict[str, Article]) -> None:
    articles = list(seeds.values())
    timeline = build_timeline(articles)
    keys = [(e.date, e.kind) for e in timeline]
    assert keys == sorted(keys, key=lambda k: (k[0], k[1] == "planned"))
    for entry in timeline:
        for span in entry.mentions:
            assert seeds[span.article].text[span.start : span.end] == span.text
        assert entry.text in {span.text for span in entry.mentions}
    by_key: dict[tuple[str, str], list[set[str]]] = {}
    for e in timeline:
        by_key.setdefault((e.date, e.kind), []).append(_cited(e.mentions))

    # a year alone is context, not an event (issue "A briefing an editor would sign"): no 1962, 1991, 2022
    assert all(len(e.date) >= 7 for e in timeline)
    # "ended its partial mobilization efforts in late October, with … on October 28": one entry, the day
    assert not any(e.date == "2022-10" for e in timeline) and ("2022-10-28", "happened") in by_key
    # The meeting: announced before it (000, 001: Mother's Day, after every dated article, is planned),
    # reported after it (002, 003, 004). 001's "this weekend" and 000's "two weeks ago" stay out: nothing
    # dates those two articles (000 is only known to be written on 23 November or later).
    assert ("2022-11-26", "planned") not in by_key
    assert by_key[("2022-11-27", "planned")] == [{"000", "001"}]  # Mother's Day
    assert by_key[("2022-11-25", "happened")] == [{"002", "003", "004"}]
    (met,) = [e for e in timeline if e.date == "2022-11-25"]
    assert len(met.mentions) == 5 and "met" in met.text
    # The US estimate of Nov. 9, one entry in three wordings.
    assert by_key[("2022-11-09", "happened")] == [{"000", "003", "004"}]
    assert by_key[("2022-09-21", "happened")] == [{"003", "004"}]
    assert by_key[("2022-10-28", "happened")] == [{"000"}]  # with its "late October"
    assert by_key[("2022-02-24", "happened")] == [{"002"}]
    assert not any(kind == "planned" and date <= "2022-11-25" for date, kind in keys)


def test_timeline_with_given_dates(seeds: dict[str, Article]) -> None:
    articles = [seeds["003"], seeds["004"]]
    timeline = build_timeline(articles, dates={"003": None, "004": FRI})
    assert ("2022-11-25", "happened") in {(e.date, e.kind) for e in timeline}
    # 003 undated: its "today" cannot be resolved, so only 004 dates the meeting.
    (met,) = [e for e in timeline if e.date == "2022-11-25"]
    assert _cited(met.mentions) == {"004"}


def test_import_stays_light() -> None:
    code = "import json, sys\nimport newsweave.analyze.dates\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "dateparser" not in {m.split(".")[0] for m in json.loads(out.stdout)}


# -- article dates a reader is shown: evidence, never a guess -------------------------------------------


def test_a_reported_day_is_a_lower_bound_not_the_date() -> None:
    art = _article("Reid checked herself in on Tuesday, December 9, 2008, her rep told People.", None, "a")
    dated = date_articles([art])
    assert dated["a"].date is None and dated["a"].not_before == D("2008-12-09")
    assert infer_article_dates([art]) == {"a": D("2008-12-09")}  # the guess that only keeps conflicts back


def test_yesterday_is_dated_by_another_outlet_that_writes_the_day() -> None:
    full = _article("Bettie Page died on Thursday, December 11, 2008 at a Los Angeles hospital.", None, "a")
    rel = _article("Bettie Page died yesterday at a Los Angeles hospital, her agent said.", None, "b")
    dated = date_articles([full, rel])
    assert dated["b"].date == D("2008-12-12") and dated["b"].evidence == "dated by" and dated["b"].source == "a"
    assert dated["a"].date is None


def test_a_sentence_with_two_days_dates_no_other_article() -> None:
    full = _article("Page suffered a heart attack on December 2, 2008 in Los Angeles.", None, "a")
    rel = _article("Page died yesterday in Los Angeles after a heart attack on December 2.", None, "b")
    assert date_articles([full, rel])["b"].date is None


def test_a_birth_year_is_not_the_story_year() -> None:
    a = _article("Page was born on April 22, 1923, in Nashville. She died on December 11, 2008.", None, "a")
    b = _article("Born April 22, 1923, Page was the pin-up queen of the 1950s.", None, "b")
    assert story_year([a, b], {}) == 2008


def test_an_article_between_a_reported_day_and_an_announced_one_takes_the_first() -> None:
    art = _article(
        "Peskov confirmed on 23 November 2022 that the meeting was planned. Putin will meet them on November 27.",
        None,
        "a",
    )
    dated = date_articles([art])["a"]
    assert (dated.date, dated.evidence) == (D("2022-11-23"), "between")
    far = _article(
        "Peskov confirmed on 23 November 2022 that a meeting was planned. Putin will meet them on December 27.",
        None,
        "b",
    )
    assert date_articles([far])["b"].date is None


def test_a_published_date_the_text_contradicts_is_set_aside() -> None:
    art = _article(
        "Durst has been held in Louisiana since his March 2015 arrest. He was sentenced on Wednesday.",
        "2014-12-10",
        "a",
    )
    dated = date_articles([art])["a"]
    assert dated.date is None and dated.evidence is None
    ok = _article("Durst has been held in Louisiana since his March 2015 arrest.", "2016-04-28", "b")
    assert date_articles([ok])["b"].date == D("2016-04-28")


def test_one_article_a_year_later_does_not_move_the_story_year() -> None:
    arts = [
        _article("The shooting on Monday left one dead.", "2007-04-10", "a"),
        _article("Police said on Monday that a man shot three people.", "2007-04-10", "b"),
        _article("A jury on Tuesday convicted the man charged in the April 2007 shooting.", "2008-04-30", "c"),
        _article(
            "He was held pending his next court hearing April 19. The shooting on Monday left one dead.", None, "d"
        ),
    ]
    dated = date_articles(arts)["d"]
    assert dated.date is not None and dated.date.year == 2007  # "April 19" is not read as 2008's


def test_a_month_without_a_year_in_a_story_nothing_dates_is_not_resolved() -> None:
    a = _article("The gun charge stemmed from a search on March 14, 2015. He pleaded guilty in February.", None, "a")
    assert [e.date for e in build_timeline([a])] == ["2015-03-14"]


def test_this_weekend_told_in_the_past_is_the_weekend_just_gone() -> None:
    monday = D("2013-09-16")
    assert resolve("this weekend", monday, tense="past") == "2013-09-14"
    assert resolve("this weekend", monday, tense="future") == "2013-09-21"
    assert resolve("this weekend", D("2013-09-15"), tense="past") == "2013-09-14"  # said on the Sunday


def test_month_rules_find_what_scanning_every_position_finds(shared_data: Path, seed_articles: dict) -> None:
    """The month rules are tried only in the words before a month's name: the same matches as
    ``finditer`` over the whole text, on real articles and on long, spread-out expressions."""
    from newsweave.analyze import dates as D
    from newsweave.matching import matches_at

    rows = [json.loads(line) for line in (shared_data / "ecbplus" / "dev.jsonl").open(encoding="utf-8")]
    texts = [r["text"] for r in rows] + [a.text for a in seed_articles.values()]
    texts.append("on   \n\n  Thursday,\n 23rd   of   November 2013, at the end of last  November; mid-May, le 3 mai")
    matches = 0
    for text in texts:
        months = D._month_positions(text)
        for rule, pattern in D._RULES:
            if rule in D._MONTH_RULES:
                expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
                found = [(m.span(), m.groupdict()) for m in matches_at(pattern, text, D._before_months(text, months))]
                assert found == expected, (rule, text[:80])
                matches += len(found)
    assert matches > 1000
    # the window is what makes it exact: two words before the month are not enough for the long ones
    long = texts[-1]
    pattern = dict(D._RULES)["month"]
    near = [p for q in D._month_positions(long) for p in range(D._words_back(long, q, 2), q + 1)]
    short = [m.span() for m in matches_at(pattern, long, near)]
    assert short != [m.span() for m in pattern.finditer(long)]
