"""Who a speaker is: names and roles in an attribution, whether two attributions are one person, and the
clause a participle's speaker belongs to (real sentences from the labelled stories, shortened)."""

from __future__ import annotations

import pytest

from newsweave.analyze.people import find_people
from newsweave.analyze.quote_merge import merge_quotes
from newsweave.analyze.quotes import QuoteMention, extract_quotes
from newsweave.analyze.speakers import parse_speaker, same_speaker, specificity, title_is_surname
from newsweave.model import Article


def _article(text: str, aid: str = "t") -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, language="en")


def _one(ms: list[QuoteMention], start: str) -> QuoteMention:
    found = [m for m in ms if m.text.startswith(start)]
    assert len(found) == 1, [m.text for m in ms]
    return found[0]


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


# -- speakers the labelled dev stories taught (real sentences, shortened) -------------------------------


def test_a_spokesman_for_someone_is_the_spokesman() -> None:
    p = parse_speaker("Jerry Strickland, a spokesman for Attorney General Greg Abbott")
    assert p.name == "Jerry Strickland" and p.group == "spokesperson"
    text = "“The investigation is continuing,” said Jerry Strickland, a spokesman for Attorney General Greg Abbott."
    assert extract_quotes(_article(text))[0].name == "Jerry Strickland"


def test_the_person_an_outlet_quotes_as_saying_is_the_speaker() -> None:
    text = (
        "“Stay down, or we’ll shoot you again,” police said, according to the New York Times.\n\n"
        '"The cops, they just jumped out of the car so fast," the New York Daily News quoted witness '
        "Devonte Brown as saying."
    )
    m = _one(extract_quotes(_article(text)), "The cops")
    assert m.name == "Devonte Brown"


def test_an_attribution_on_the_line_after_the_quote() -> None:
    text = (
        "Williams joined the fray and tried to prevent more violence.\n\n"
        "“The mayor and the [police] commissioner should be down here.\n\nRight now!”\n\n"
        "Williams, a critic of NYPD policy, said before Kelly appeared on the scene.\n\n"
        "“They have every right to protest.”\n\n"
        "Kelly said the officers had been threatened with a gun and that the shooting was justified by what they saw."
    )
    ms = extract_quotes(_article(text))
    assert _one(ms, "The mayor").speaker.startswith("Williams")
    # a quote that ends with a full stop is not handed to the line after it; after "!" or "?" the
    # line must be a short attribution
    assert _one(ms, "They have every right").speaker is None


def test_the_subject_of_a_sentence_with_stating_that_is_the_speaker() -> None:
    text = (
        "On March 3, President Obama directed the Commerce and Interior departments to review it, stating "
        'that "we should be looking at ways to strengthen [the Endangered Species Act] -- not weaken it."'
    )
    (m,) = extract_quotes(_article(text))
    assert m.name == "Obama" or (m.speaker and "Obama" in m.speaker)


def test_he_is_the_subject_of_the_sentence_before_not_the_last_man_quoted() -> None:
    text = (
        "President Obama signed the memorandum.\n\n"
        '"President Obama\'s announcement will allow the act to do what it was intended," said Andrew Wetzler, '
        "director of the council's program.\n\n"
        "Obama also helped celebrate the 160th anniversary of the Interior Department on Tuesday.\n\n"
        '"Throughout our history, there\'s been a tension between those who conserve and those who profit," '
        "he told department employees."
    )
    m = _one(extract_quotes(_article(text)), "Throughout our history")
    assert "Obama" in (m.name or m.speaker or "")


def test_two_quotes_of_one_article_that_share_topic_words_stay_two() -> None:
    text = (
        '"Politics plays a huge role in such decisions," said Michael Hutchins, executive director of The '
        "Wildlife Society.\n\n"
        '"Expert review and oversight are critical."\n\n'
        '"The rules exclude expert scientists, who for decades have provided impartial review and critical '
        'analysis, from the process," said Stuart Pimm, a professor of conservation ecology at Duke University.'
    )
    a, b = _article(text, "a"), _article(text, "b")
    quotes = merge_quotes(extract_quotes(a) + extract_quotes(b))
    expert = next(q for q in quotes if q.text.startswith("Expert review"))
    assert expert.speaker == "Michael Hutchins" and {s.article for s in expert.mentions} == {"a", "b"}
    assert next(q for q in quotes if "exclude expert" in q.text).speaker == "Stuart Pimm"


def test_an_unattributed_quote_joins_another_only_on_the_same_words() -> None:
    said = _article(
        "\"President Obama's announcement will allow the Endangered Species Act to do what it was intended: "
        "protect our nation's endangered plants and animals,\" said Andrew Wetzler.",
        "a",
    )
    unsaid = _article(
        "Bird groups welcomed the decision.\n\n"
        "“We are gratified the secretaries acted to restore the Endangered Species Act to its intended strength "
        "and protect endangered plants and animals.”",
        "b",
    )
    copy = _article(
        "“With deep personal sadness I must announce that my dear friend and client Bettie Page passed away at "
        "18:41 this evening in a Los Angeles hospital.”",
        "c",
    )
    named = _article(
        "“With deep personal sadness I must announce that my dear friend and client Bettie Page passed away at "
        "6:41pm PST this evening in a Los Angeles hospital,” her agent Mark Roesler said.",
        "d",
    )
    quotes = merge_quotes(extract_quotes(said) + extract_quotes(unsaid) + extract_quotes(copy) + extract_quotes(named))
    gratified = next(q for q in quotes if q.text.startswith("We are gratified"))
    assert gratified.speaker is None and len(gratified.mentions) == 1
    agreed = _article("Darin Schroeder agreed with the decision.\n\n“We are gratified the secretaries acted.”")
    assert extract_quotes(agreed)[0].name == "Darin Schroeder"
    sadness = next(q for q in quotes if q.text.startswith("With deep personal sadness"))
    assert {s.article for s in sadness.mentions} == {"c", "d"} and sadness.speaker == "Mark Roesler"


def test_an_old_saying_has_no_speaker() -> None:
    text = "There is an old saying that “Once is chance; twice is coincidence; the third time is a pattern.”"
    (m,) = extract_quotes(_article(text))
    assert m.speaker is None


def test_a_quote_whose_sentence_goes_on_after_the_mark_is_the_speaker_after_said() -> None:
    text = (
        '"To establish an orderly process that allows us to make wise decisions based on sound information, we '
        'need to set aside" the plan, said new Interior Secretary Ken Salazar who extended the comment period.'
    )
    (m,) = extract_quotes(_article(text))
    assert m.name == "Ken Salazar"


def test_he_said_is_who_spoke_not_the_man_spoken_of() -> None:
    text = (
        "Deputy Jerry Ortiz was shot in the head.\n\n"
        "Undersheriff Larry Waldie said Ortiz had arrived for work early.\n\n"
        "Ortiz was working without his longtime partner, and he struck out on his own.\n\n"
        "Asked if Ortiz might have lived had his partner been with him, Waldie said there was no way to know.\n\n"
        '"There might have been two people killed," he said.'
    )
    m = _one(extract_quotes(_article(text)), "There might")
    assert m.name == "Larry Waldie"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            '"You can\'t call it arson yet," Palmer public safety director Jon Owen said, but the fire is suspicious.',
            "Jon Owen",
        ),
        (
            "Her teaching career was hampered by her looks, Bettie Page said.\n\n"
            "“I couldn't control my students, especially the boys,” she is quoted as saying.",
            "Bettie Page",
        ),
        (
            "But William L. Kovacs, the U.S. Chamber of Commerce's vice president of environment, technology and "
            'regulatory affairs, said that reviving another layer of review "will result in even greater delays to '
            'projects."',
            "William L. Kovacs",
        ),
        (
            "Tishana Brown emphatically told The News: “I couldn’t see what the kids were doing.”",
            "Tishana Brown",
        ),
    ],
)
def test_speakers_with_modifiers_asides_and_passive_quoting(text: str, name: str) -> None:
    assert extract_quotes(_article(text))[-1].name == name


def test_a_heading_or_an_adverb_is_no_given_name_and_a_shared_surname_stays_a_surname() -> None:
    """Real shapes from Multi-News L068 (labelled after the rules were written): a heading "Becoming
    Cruz Hooper", "Neither Cruz nor …" opening a sentence, and three Hoopers in one article."""
    text = (
        "Becoming Cruz Hooper\n\n"
        "Linda Hooper taught him in sixth grade. Her husband Gale Hooper agreed to take him in.\n\n"
        "Neither Cruz nor his mother had a home then.\n\n"
        "“It was total squalor,” Hooper said.\n\n"
        "“We slept on the floor,” Cruz said."
    )
    ms = extract_quotes(_article(text))
    assert _one(ms, "It was total").name == "Hooper"  # Linda or Gale: the article does not say which
    assert _one(ms, "We slept").name in ("Cruz", "Cruz Hooper")


@pytest.mark.parametrize(
    ("text", "start", "speaker"),
    [
        (
            "Gray's school principal, Matthew Willoughby, wrote a heartfelt letter describing the teen.\n\n"
            "“Kimani made great strides this year academically,” the letter read.",
            "Kimani made",
            "Matthew Willoughby",
        ),
        (
            'The two DJs "will not return to the airwaves until further notice," the statement from the '
            "network, Southern Cross Austereo, said.",
            "will not return",
            "Southern Cross Austereo",
        ),
        (
            "Saldanha's family released a statement asking for privacy.\n\n"
            '"We as a family are deeply saddened by the loss of our beloved Jacintha," said the statement.',
            "We as a family",
            "Saldanha's family",
        ),
        (
            'O\'Brien and Biancardi are accused of acting "contrary to principles of ethical conduct" by failing '
            "to report their involvement in NCAA rules violations, the report said.",
            "contrary to",
            "the report",
        ),
    ],
)
def test_a_document_speaks_for_whoever_wrote_it(text: str, start: str, speaker: str) -> None:
    m = _one(extract_quotes(_article(text)), start)
    assert (m.name or m.speaker) == speaker


def test_a_sentence_end_attribution_needs_its_comma() -> None:
    text = (
        'The council voted down "a plan that nobody in this city ever asked for at all" and went home early '
        "as the mayor said."
    )
    (m,) = extract_quotes(_article(text))
    assert m.speaker is None  # no comma before "the mayor said": not an attribution of the quote
    with_comma = text.replace(" as the mayor said", ", the mayor said")
    assert extract_quotes(_article(with_comma))[0].speaker == "the mayor"


def test_a_name_of_a_place_and_a_definite_description_of_another_role() -> None:
    p = parse_speaker("the Rev. Larry Kroon of the Wasilla Bible Church")
    assert (p.kind, p.name) == ("name", "Larry Kroon")
    text = (
        "IMF chief Dominique Strauss-Kahn said Greece would get its loan.\n\n"
        "A senior fire department official said demonstrators prevented firefighters from reaching the building.\n\n"
        '"Several crucial minutes were lost," the official said, visibly upset.'
    )
    m = _one(extract_quotes(_article(text)), "Several crucial")
    assert m.name is None and m.speaker == "the official"  # not the IMF chief: another role


def test_he_is_the_man_named_after_the_description_that_opens_the_sentence() -> None:
    text = (
        "As the Greek prime minister George Papandreou looked out from his office, he saw how angry they were.\n\n"
        '"We are all deeply shocked," Mr Papandreou said.\n\n'
        "A professor of economics at the University of Athens, Yanis Varoufakis, did not go to work today.\n\n"
        "But he rode his bicycle into the city to survey the aftermath.\n\n"
        '"What I did witness was the battlefields after the troops had departed," he said.'
    )
    m = _one(extract_quotes(_article(text)), "What I did witness")
    assert m.name == "Yanis Varoufakis"


def test_an_attribution_after_the_last_quote_of_a_sentence_speaks_for_every_quote_in_it() -> None:
    text = (
        'Van Rompuy insisted the debt problems of Spain had "absolutely nothing to do with the situation in '
        'Greece."\n\n'
        '"Greece is a unique and particular case in the EU" because of its "precarious debt dynamics" and '
        'because it "has cheated with its statistics for years and years," EU Commissioner Olli Rehn said.'
    )
    ms = extract_quotes(_article(text))
    assert _one(ms, "Greece is a unique").name == "Olli Rehn"


def test_according_to_someone_makes_them_the_he_who_says_next() -> None:
    text = (
        "Dennis Young runs the county's missing-persons desk.\n\n"
        "Cody Conoboy, 15, was swept into the Trinity River in 2011.\n\n"
        "It is not uncommon for these cases to remain on the database, according to Young.\n\n"
        '"Some of the people we will never be able to remove from the system," he says.'
    )
    m = _one(extract_quotes(_article(text)), "Some of the people")
    assert m.name == "Dennis Young"


def test_tokens_keep_an_abbreviations_dot_however_many() -> None:
    from newsweave.analyze.speakers import tokenize

    assert [t.text for t in tokenize("Robert J. Pickell, a U.S. officer.")] == [
        "Robert", "J.", "Pickell", ",", "a", "U.S.", "officer", ".",
    ]  # fmt: skip
    text = "Mr. Smith and Mrs. Jones. " * 2000  # thousands of abbreviations: no recursion, every offset right
    tokens = tokenize(text)
    assert len(tokens) == 12000 and all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.text for t in tokenize(text, 4, 25)] == ["Smith", "and", "Mrs.", "Jones", "."]
