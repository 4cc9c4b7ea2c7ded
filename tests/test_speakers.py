"""Who a speaker is: names and roles in an attribution, whether two attributions are one person, and the
clause a participle's speaker belongs to (real sentences from the labelled stories, shortened)."""

from __future__ import annotations

import pytest

from newsweave.analyze.people import find_people
from newsweave.analyze.quotes import QuoteMention, extract_quotes, merge_quotes
from newsweave.analyze.speakers import parse_speaker, same_speaker, specificity, title_is_surname
from newsweave.model import Article


def _article(text: str, aid: str = "t") -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, language="en")


CONTEXT = ("Kremlin spokesman Dmitry Peskov", "Defence Minister Sergei Shoigu", "Russian President Vladimir Putin")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Peskov", "Dmitry Peskov", True),
        ("Dmitry Peskov", "Kremlin spokesman Dmitry Peskov", True),
        ("Dmitri Peskow", "Peskov", True),
        ("the president", "Putin", True),
        ("Putin", "Russian President Vladimir Putin", True),
        ("President Putin", "the president", True),
        ("a spokesperson for the Kremlin", "Kremlin spokesman Dmitry Peskov", True),
        ("a spokesperson for the Kremlin", "Peskov", True),
        ("a Kremlin spokesperson", "a spokesperson for the Kremlin", True),
        ("the Kremlin", "Moscow", True),
        ("he", "Shoigu", True),
        ("Peskov", "Shoigu", False),
        ("the president", "Peskov", False),
        ("a spokesperson for the Kremlin", "Shoigu", False),
        ("the president", "a spokesperson for the Kremlin", False),
        ("a spokesperson from Vedomosti", "a spokesperson for the Kremlin", False),
        ("Ramzan Kadyrov", "Akhmad Kadyrov", False),
        (None, "Peskov", None),
        ("Peskov", None, None),
    ],
)
def test_same_speaker(a: str | None, b: str | None, expected: bool | None) -> None:
    assert same_speaker(a, b, context=CONTEXT) is expected
    assert same_speaker(b, a, context=CONTEXT) is expected


def test_same_speaker_learns_roles_only_from_context() -> None:
    # without "Kremlin spokesman Dmitry Peskov" nothing says Peskov is not the president
    assert same_speaker("the president", "Peskov") is True
    assert same_speaker("the president", "Peskov", context=["Kremlin spokesman Dmitry Peskov"]) is False


def test_parse_speaker_splits_names_and_roles() -> None:
    p = parse_speaker("Putin-watcher Valery Solovey")
    assert (p.kind, p.name, p.role, p.group) == ("name", "Valery Solovey", "Putin-watcher", "expert")
    assert parse_speaker("Mr. Putin").role is None and parse_speaker("Mr. Putin").name == "Putin"
    assert parse_speaker("Russian sources").plural and parse_speaker("the Kremlin").kind == "organization"
    assert parse_speaker("the president").definite and parse_speaker("he").kind == "pronoun"


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("Cpl. Janice Leader", "Janice Leader"),
        ("Mayor Tishana King", "Tishana King"),
        ("Martin Luther King", "Martin Luther King"),
        ("Opposition Leader Bill Shorten", "Bill Shorten"),
    ],
)
def test_a_title_word_after_a_given_name_is_the_family_name(words: str, name: str) -> None:
    p = parse_speaker(words)
    assert (p.kind, p.name) == ("name", name)


@pytest.mark.parametrize("words", ["Supreme Leader", "Iran's Supreme Leader", "Prime Minister", "Majority Leader"])
def test_a_title_after_a_qualifier_is_a_role(words: str) -> None:
    assert not title_is_surname(words.split())
    assert parse_speaker(words).name is None


def test_find_people_keeps_a_family_name_that_is_a_title_word() -> None:
    text = "Cpl. Janice Leader, a 911 dispatcher, told reporters Friday that Hiller called 911."
    assert [p.text for _, _, p in find_people(text)] == ["Cpl. Janice Leader", "Hiller"]


def test_a_participle_belongs_to_the_subject_of_the_clause_it_hangs_on() -> None:
    text = (
        "Cpl. Janice Leader, a 911 dispatcher, told reporters Friday that Hiller called 911, saying "
        "\"I'm the one you're looking for\" and reporting that she had been harassed at work."
    )
    (m,) = extract_quotes(_article(text))
    assert m.speaker == "Hiller"
    # with no clause of its own, the participle is the sentence subject's
    text = 'Police Chief Charles Ramsey spoke on Friday, saying "she was not going to stop."'
    (m,) = extract_quotes(_article(text))
    assert m.name == "Charles Ramsey"


def test_a_document_names_no_one_and_yields_to_any_attribution() -> None:
    assert specificity(parse_speaker("a statement")) == 0 < specificity(parse_speaker("the company"))
    a = _article('"This is a sad time for the Kraft Foods family," a statement reads.', "a")
    b = _article('"This is a sad time for the Kraft Foods family," the company said in a statement.', "b")
    mentions: list[QuoteMention] = extract_quotes(a) + extract_quotes(b)
    (quote,) = merge_quotes(mentions)
    assert quote.speaker == "the company"


def test_a_participle_after_said_is_the_one_who_said() -> None:
    text = (
        "“The rule strengthens the regulations as it strives to rebuild the American economy,” Kempthorne said, "
        "adding that agencies can bypass a review only “in specific and limited instances where an action is not "
        "anticipated to harm a protected species.”"
    )
    m = [q for q in extract_quotes(_article(text)) if q.text.startswith("in specific")][0]
    assert m.speaker == "Kempthorne"


def test_the_object_of_a_verb_is_not_who_is_saying() -> None:
    text = (
        "A government official downplayed the unrest saying that \"for years there's been strikes and protests in "
        'this country without much consequence."'
    )
    (m,) = extract_quotes(_article(text))
    assert m.speaker != "the unrest"
    text = 'News of her death broke Friday, with the hospital saying she "was recently the victim of a hoax call."'
    (m,) = extract_quotes(_article(text))
    assert m.speaker == "the hospital"


def test_the_email_speaks_for_whoever_sent_it() -> None:
    text = (
        "Goddard allegedly sent the teen a disturbing email after their meeting. Herman showed the email to "
        "reporters Monday.\n\n"
        '"The closest thing I have to a naughty shot of you," the email said, referring to an attached photo.'
    )
    (m,) = extract_quotes(_article(text))
    assert m.name == "Goddard"


def test_who_is_asked_answers() -> None:
    text = (
        '"It was a joke," Brittany Powell said.\n\n'
        "It hurts Vikki Joseph to think about the fear. She just wants to know where his body is.\n\n"
        "Asked what she's going to do once that happens, Vikki Joseph doesn't hesitate.\n\n"
        '"I\'m going to put him to rest next to his mom," she says.'
    )
    m = [q for q in extract_quotes(_article(text)) if q.text.startswith("I'm going")][0]
    assert m.name == "Vikki Joseph"


def test_a_photo_credit_in_capitals_is_nobody() -> None:
    text = (
        "He told me that it was intended as a clever joke.\n\n"
        "Image copyright SCIENCE PHOTO LIBRARY Image caption And then there were eight.\n\n"
        '"I thought it was funny to talk about killing Pluto," he explained.'
    )
    assert [p.text for _, _, p in find_people(text)] == ["Pluto"]  # the quote's; never the credit
    (m,) = extract_quotes(_article(text))
    assert m.name is None and "LIBRARY" not in (m.speaker or "")


def _profile(extra: str = "") -> str:
    said = [
        '"I give my clients a voice," Herman says.',
        '"It is certainly unfair to accuse a perpetrator," says Herman.',
        '"The last thing I want to do is file a frivolous case," Herman said.',
        '"That was a win for the victims," Herman adds.',
    ]
    return (
        '"We will review the case," a court spokeswoman said.\n\n'
        + "\n\n".join(said)
        + "\n\nHe grew up in Miami and went to law school in Boston.\n\n"
        + '"I had to wear a respirator and double-socks at the plant."\n\n'
        + '"We are a small firm."\n\n'
        + extra
    )


def test_in_a_profile_an_unattributed_first_person_quote_is_the_subject_s() -> None:
    ms = extract_quotes(_article(_profile()))
    (m,) = [q for q in ms if q.text.startswith("I had to wear")]
    assert (m.speaker, m.attribution) == ("Herman", "interview")
    # the plural is the firm's or anyone's; before the subject speaks, nobody is known
    assert [q.speaker for q in ms if q.text.startswith("We are")] == [None]


def test_an_article_with_many_speakers_is_no_profile() -> None:
    text = _profile().replace("Herman says.", "Singer says.").replace("Herman adds.", "Goddard adds.")
    (m,) = [q for q in extract_quotes(_article(text)) if q.text.startswith("I had to wear")]
    assert m.speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“You try to put it out of your mind,” said Ms. Davis’s sister Crystal.", "Ms. Davis’s sister Crystal"),
        (
            'A spokeswoman for New South Wales Police in Australia told CNN: "We will give them whatever '
            'assistance they require."',
            "A spokeswoman for New South Wales Police in Australia",
        ),
        (
            "Obama opposed the rule changes, with a spokesman stating: “As president, Senator Obama will fight "
            "to maintain the strong protections of the Act.”",
            "a spokesman",
        ),
    ],
)
def test_the_whole_speaker_phrase_not_the_last_name_in_it(text: str, speaker: str) -> None:
    (m,) = extract_quotes(_article(text))
    assert m.speaker == speaker
