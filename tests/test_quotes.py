"""Quotations and their speakers: extraction on the seed story, merging across outlets, conflicts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.analyze import attributions
from newsweave.analyze.quote_merge import merge_quotes, quote_similarity
from newsweave.analyze.quotes import QuoteMention, QuoteOptions, extract_quotes, story_context
from newsweave.analyze.speakers import parse_speaker, same_speaker
from newsweave.clean import clean_documents
from newsweave.config import CleanOptions
from newsweave.dedup import find_syndication, origin_map
from newsweave.errors import OptionsError
from newsweave.ingest import read_inputs
from newsweave.model import Article, Conflict, Quote, Span

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "putin-mothers"


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    documents, rejected = read_inputs([EXAMPLE])
    assert rejected == []
    cleaned, rejected_articles = clean_documents(documents, options=CleanOptions(cross_document=True))
    assert rejected_articles == []
    return {a.id: a for a in cleaned}


@pytest.fixture(scope="module")
def mentions(articles: dict[str, Article]) -> dict[str, list[QuoteMention]]:
    return {aid: extract_quotes(a) for aid, a in articles.items()}


@pytest.fixture(scope="module")
def quotes(articles: dict[str, Article], mentions: dict[str, list[QuoteMention]]) -> tuple[Quote, ...]:
    arts = list(articles.values())
    origin = origin_map(arts, find_syndication(arts))
    return merge_quotes([m for a in arts for m in mentions[a.id]], origin, context=story_context(arts))


def _article(text: str, aid: str = "t", language: str = "en") -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, language=language)


def _one(ms: list[QuoteMention], start: str) -> QuoteMention:
    found = [m for m in ms if m.text.startswith(start)]
    assert len(found) == 1, [m.text for m in ms]
    return found[0]


def _quote(qs: tuple[Quote, ...], words: str) -> Quote:
    found = [q for q in qs if any(words in s.text for s in q.mentions)]
    assert len(found) == 1, [q.text for q in qs]
    return found[0]


def _assert_exact(article: Article, m: QuoteMention) -> None:
    spans: list[Span | None] = [m.quote, m.speaker_span, m.sentence, m.cue, *m.pieces]
    for s in spans:
        if s is not None:
            assert s.article == article.id
            assert article.text[s.start : s.end] == s.text, s


# -- extraction on the seeds -------------------------------------------------------------------------


def test_every_span_of_every_seed_mention_is_exact(articles, mentions) -> None:
    assert [len(mentions[a]) for a in sorted(mentions)] == [4, 2, 4, 2, 3]
    for aid, ms in mentions.items():
        for m in ms:
            _assert_exact(articles[aid], m)
            assert m.quote.text[:1] not in "\"'“”‘’«»„" and m.quote.text[-1:] not in "\"'“”‘’«»„,"
            assert m.sentence.start <= m.quote.start and m.quote.end <= m.sentence.end


def test_000_peskov_told_reporters_and_he_continued(mentions) -> None:
    confirm = _one(mentions["000"], "Indeed, such a meeting is planned, we can confirm")
    assert (confirm.speaker, confirm.attribution, confirm.cue and confirm.cue.text) == (
        "Peskov",
        "direct",
        "Peskov told",
    )
    assert (confirm.name, confirm.role) == ("Dmitry Peskov", "Kremlin spokesman")
    cont = _one(mentions["000"], "Such meetings are in preparation")
    assert cont.speaker == "Peskov" and cont.attribution == "pronoun"
    assert cont.cue is not None and cont.cue.text == "he continued"
    assert cont.speaker_span == confirm.speaker_span  # "he" points at the words that named him
    troops = _one(mentions["000"], "We now have 50,000 troops")
    assert troops.speaker == "President Putin" and troops.name == "Vladimir Putin"


def test_000_he_explained_a_partial_quote_and_skips_scare_quotes(mentions) -> None:
    zones = _one(mentions["000"], "in special military operations zones")
    assert zones.embedded and zones.attribution == "pronoun" and zones.speaker == "President Putin"
    texts = [m.text for m in mentions["000"]]
    assert not any(t in ("partial mobilization", "special military operation") for t in texts)


def test_001_kremlin_spokesperson_and_the_paragraph_that_continues(mentions) -> None:
    first = _one(mentions["001"], "Indeed, such a meeting is planned")
    assert first.speaker == "a spokesperson for the Kremlin" and first.name is None
    nxt = _one(mentions["001"], "The president often holds such meetings")
    assert nxt.attribution == "continued" and nxt.speaker == "a spokesperson for the Kremlin" and nxt.cue is None
    assert nxt.speaker_span == first.speaker_span
    assert [m.text for m in mentions["001"] if "impetus" in m.text or "Heroine" in m.text] == []


def test_002_curly_quotes_titles_descriptions_and_pronouns(mentions) -> None:
    ms = mentions["002"]
    pain = _one(ms, "We share your pain")
    assert pain.speaker == "Russian President Vladimir Putin" and pain.role == "Russian President"
    son = _one(ms, "Nothing can replace the loss of a son")
    assert son.attribution == "pronoun" and son.speaker == "Russian President Vladimir Putin"
    know = _one(ms, "I want you to know that I personally")
    assert know.speaker == "the president" and know.name == "Vladimir Putin"
    added = _one(ms, "We’ll be doing everything so you won’t be feeling forgotten")  # apostrophes inside
    assert added.speaker == "the president" and added.cue is not None and added.cue.text == "he added"
    scare = {"fakes", "lies", "cannon fodder.", "heroes.", "special military operation", "dissemination"}
    assert not [m.text for m in ms if any(m.text.startswith(s) for s in scare)]


def test_003_single_curly_quotes_with_apostrophes_elsewhere(articles, mentions) -> None:
    ms = mentions["003"]
    assert len(ms) == 2, [m.text for m in ms]  # not ‘fake news’, not ‘special military operation’
    know = ms[0]
    assert know.text == (
        "I would like you to know that, that I personally, and the whole leadership of the country – we share your pain"
    )
    assert know.speaker == "Putin" and know.name == "Vladimir Putin"
    son = ms[1]
    assert [p.text for p in son.pieces] == [
        "We understand that nothing can replace the loss of a son – especially for a mother",
        "We share this pain.",
    ]
    assert son.speaker == "Putin" and son.attribution == "pronoun"
    assert "’s" not in "".join(m.text for m in ms)


def test_004_bullet_fragment_straight_quotes_and_two_pieces(mentions) -> None:
    ms = mentions["004"]
    bullet = _one(ms, "I personally, and the whole leadership of the country - we share your pain")
    assert (
        bullet.embedded and bullet.speaker == "Putin" and bullet.cue is not None and bullet.cue.text == "Putin assured"
    )
    son = _one(ms, "We understand that nothing can replace")
    assert len(son.pieces) == 2 and son.speaker == "Putin" and son.attribution == "direct"
    assert son.pieces[1].text == "We share this pain."
    assert "special military operation" not in [m.text for m in ms]


# -- merging across outlets --------------------------------------------------------------------------


def test_seed_quotes_merge_across_outlets(quotes) -> None:
    assert len(quotes) == 7
    confirm = _quote(quotes, "we can confirm")
    assert [s.article for s in confirm.mentions] == ["000", "001"]
    assert confirm.speaker in ("Dmitry Peskov", "Kremlin spokesman Dmitry Peskov")
    assert confirm.speakers == ("Peskov", "a spokesperson for the Kremlin")
    meetings = _quote(quotes, "often holds such meetings")
    assert [s.article for s in meetings.mentions] == ["000", "001"] and meetings.speaker == "Dmitry Peskov"
    pain = _quote(quotes, "we share your pain")
    assert sorted({s.article for s in pain.mentions}) == ["002", "003", "004"]
    assert len(pain.mentions) == len(pain.speakers) == 5
    assert pain.speaker == "Vladimir Putin" and not pain.paraphrase  # 002 is a translation variant
    son = _quote(quotes, "loss of a son")
    assert [s.article for s in son.mentions] == ["002", "003", "004"] and son.speaker == "Vladimir Putin"
    assert not any(q.paraphrase for q in quotes)


def attribution_conflicts(mentions: list[QuoteMention], context: tuple[str, ...] = ()) -> list[Conflict]:
    """Attribution conflicts among quotation mentions, each article its own source."""
    return attributions.attribution_conflicts(mentions, {}, context=context)


def test_no_attribution_conflict_on_the_seeds(articles, mentions) -> None:
    arts = list(articles.values())
    ctx = story_context(arts)
    every = [m for ms in mentions.values() for m in ms]
    assert attribution_conflicts(every, ctx) == []


def test_quote_similarity_fragments_and_translations(mentions) -> None:
    full = _one(mentions["003"], "I would like you to know")
    assert quote_similarity(_one(mentions["004"], "I personally"), full) == 1.0
    assert quote_similarity(_one(mentions["002"], "We share your pain"), full) == 1.0
    variant = quote_similarity(_one(mentions["002"], "I want you to know"), full)
    assert 0.5 <= variant < 1.0
    assert quote_similarity(_one(mentions["003"], "We understand"), full) < 0.5


def test_injected_wrong_speaker_is_an_attribution_conflict(articles) -> None:
    seed = articles["004"]
    fake = replace(seed, id="004x", text=seed.text.replace("Putin said", "Shoigu said"))
    arts = [*articles.values(), fake]
    ctx = story_context(arts)
    every = [m for a in arts for m in extract_quotes(a)]
    qs = merge_quotes(every, context=ctx)
    conflicts = attribution_conflicts(every, ctx)
    assert len(conflicts) == 2
    for c in conflicts:
        assert c.kind == "attribution" and c.severity == "contradiction"
        assert len(c.variants) == 2 and {v.article for v in c.variants} >= {"004x"}
        assert c.about.startswith("who said “")
    pain = _quote(qs, "we share your pain")
    assert "Shoigu" in pain.speakers and pain.speaker == "Vladimir Putin"  # the majority of sources


def test_kremlin_spokesperson_and_peskov_are_not_a_conflict(articles) -> None:
    seed = articles["001"]
    variant = replace(
        seed, id="001k", text=seed.text.replace("a spokesperson for the Kremlin", "a Kremlin spokesperson")
    )
    arts = [articles["000"], variant]
    ctx = story_context(arts)
    every = [m for a in arts for m in extract_quotes(a)]
    qs = merge_quotes(every, context=ctx)
    confirm = _quote(qs, "we can confirm")
    assert confirm.speakers == ("Peskov", "a Kremlin spokesperson")
    assert attribution_conflicts(every, ctx) == []


def test_similar_words_from_different_speakers_stay_apart() -> None:
    a = _article("“Such a meeting is planned, we can confirm it,” Peskov said.", "a")
    b = _article("“A meeting of the generals is planned for Friday, I can confirm,” Shoigu said.", "b")
    ms = extract_quotes(a) + extract_quotes(b)
    assert 0.5 <= quote_similarity(ms[0], ms[1]) < 0.8
    qs = merge_quotes(ms)
    assert [q.speaker for q in qs] == ["Peskov", "Shoigu"]
    assert attribution_conflicts(ms) == []


def test_third_person_rewording_is_a_paraphrase(mentions) -> None:
    other = _article('Putin said "he and the whole leadership of the country shared their pain".', "p")
    para = extract_quotes(other)
    assert len(para) == 1 and para[0].embedded
    qs = merge_quotes([_one(mentions["003"], "I would like you to know"), *para])
    assert len(qs) == 1 and qs[0].paraphrase
    assert qs[0].text.startswith("I would like you to know")  # the paraphrase is not the quote's text


def test_embedded_fragment_not_found_verbatim_is_a_paraphrase(mentions) -> None:
    frag = _article('Putin told them that "the pain is shared by the whole leadership of the country".', "f")
    qs = merge_quotes([_one(mentions["003"], "I would like you to know"), *extract_quotes(frag)])
    assert len(qs) == 1 and qs[0].paraphrase


# -- other quotation styles and attribution forms ----------------------------------------------------


def test_french_guillemets_and_inversions() -> None:
    text = (
        "Le Kremlin a confirmé la rencontre.\n\n"
        "« Une telle rencontre est bien prévue, nous pouvons le confirmer », a déclaré Dmitri Peskov, "
        "porte-parole du Kremlin.\n\n"
        "« Le président tient souvent de telles réunions », a-t-il ajouté.\n\n"
        "Le président Vladimir Poutine a déclaré : « Nous partageons votre douleur. »"
    )
    art = _article(text, "fr", "fr")
    ms = extract_quotes(art)
    for m in ms:
        _assert_exact(art, m)
    assert [m.text for m in ms] == [
        "Une telle rencontre est bien prévue, nous pouvons le confirmer",
        "Le président tient souvent de telles réunions",
        "Nous partageons votre douleur.",
    ]
    assert ms[0].speaker == "Dmitri Peskov, porte-parole du Kremlin" and ms[0].name == "Dmitri Peskov"
    assert ms[1].attribution == "pronoun" and ms[1].speaker == ms[0].speaker
    assert ms[2].speaker == "Le président Vladimir Poutine" and ms[2].name == "Vladimir Poutine"


def test_german_low_high_quotes_and_sagte() -> None:
    text = (
        "„Ein solches Treffen ist tatsächlich geplant, das können wir bestätigen“, sagte Kremlsprecher "
        "Dmitri Peskow.\n\n„Der Präsident hält oft solche Treffen ab“, sagte er.\n\n"
        "„Nichts kann den Verlust eines Sohnes ersetzen“, so Putin."
    )
    art = _article(text, "de", "de")
    ms = extract_quotes(art)
    for m in ms:
        _assert_exact(art, m)
    assert [m.speaker for m in ms] == ["Kremlsprecher Dmitri Peskow", "Kremlsprecher Dmitri Peskow", "Putin"]
    assert ms[0].role == "Kremlsprecher" and ms[1].attribution == "pronoun"
    assert same_speaker(ms[0].speaker, "a spokesperson for the Kremlin") is True


def test_interrupted_quote_is_one_mention_with_two_pieces() -> None:
    text = "President Vladimir Putin met the mothers.\n\n“I want you to know,” he said, “that we share this pain.”"
    art = _article(text)
    (m,) = extract_quotes(art)
    _assert_exact(art, m)
    assert [p.text for p in m.pieces] == ["I want you to know", "that we share this pain."]
    assert m.text == "I want you to know … that we share this pain."
    # nobody has said anything yet: "he" is the last person named in full
    assert m.speaker == "President Vladimir Putin" and m.attribution == "pronoun"


def test_framing_of_short_quotes_and_unresolved_pronouns() -> None:
    text = (
        '"Yes," she said.\n\n'
        "The Kremlin spokesman said it was 'a very good meeting indeed' and called it 'historic'.\n\n"
        "‘Putin’s men won’t stop,’ said Defence Minister Sergei Shoigu on Friday."
    )
    art = _article(text)
    ms = extract_quotes(art)
    for m in ms:
        _assert_exact(art, m)
    assert [m.text for m in ms] == ["Yes", "a very good meeting indeed", "Putin’s men won’t stop"]
    assert ms[0].speaker is None and ms[0].attribution == "pronoun"  # nobody named before "she"
    assert ms[1].speaker == "The Kremlin spokesman" and ms[1].embedded
    assert ms[2].speaker == "Defence Minister Sergei Shoigu" and ms[2].cue is not None


def test_according_to_and_continuation_needs_an_attributed_paragraph() -> None:
    text = (
        "The war goes on.\n\n"
        "“Nobody wants this war to go on for ever,” one soldier’s mother said.\n\n"
        "“We are waiting for our sons to come home,” according to Russian sources.\n\n"
        "Prices rose.\n\n"
        "“This paragraph has nobody to continue from at all.”"
    )
    ms = extract_quotes(_article(text))
    assert [m.speaker for m in ms] == ["one soldier’s mother", "Russian sources", None]
    assert ms[2].attribution == "none"


# -- speakers ----------------------------------------------------------------------------------------


def test_options_are_checked() -> None:
    with pytest.raises(OptionsError):
        QuoteOptions(merge_threshold=0)
    with pytest.raises(OptionsError):
        QuoteOptions(min_words=0)


def test_colon_apposition_and_a_quote_that_runs_over_two_paragraphs() -> None:
    text = (
        "Putin told the mothers: ‘We share this pain with you.’\n\n"
        "“We have done everything we could to avoid this war.\n\n"
        "“We will go on talking to everyone,” Peskov, the Kremlin spokesman, told reporters."
    )
    art = _article(text)
    ms = extract_quotes(art)
    for m in ms:
        _assert_exact(art, m)
    assert [(m.speaker, m.attribution) for m in ms] == [
        ("Putin", "direct"),
        ("Peskov, the Kremlin spokesman", "continued"),
        ("Peskov, the Kremlin spokesman", "direct"),
    ]
    assert ms[1].text == "We have done everything we could to avoid this war."
    assert (ms[2].name, ms[2].role) == ("Peskov", "Kremlin spokesman")


# -- quotations that span lines, mixed marks (real ECB+ and scraped texts) ------------------------------


def test_a_quotation_over_several_lines_is_found_with_its_trailing_speaker() -> None:
    text = (
        "That statement doesn't pacify neighborhood residents.\n\n"
        "“We’re talking about a powder keg out here.\n\n"
        "Any incident could trigger it,” City Councilman Charles Barron told the LA Times.\n\n"
        "On Wednesday tensions seemed to be decreasing."
    )
    m = _one(extract_quotes(_article(text)), "We’re talking")
    assert m.text.endswith("Any incident could trigger it")
    assert m.name == "Charles Barron"


def test_a_paragraph_that_reopens_the_quotation_is_not_merged_with_the_one_before() -> None:
    text = (
        "“There’s a lot of anger here,” said Williams, whose district includes the riot zone.\n\n"
        "“This isn’t just from one particular shooting.\n\n"
        "A whole community has not been heard for far too long.”\n\n"
        "Kelly visited the precinct stationhouse."
    )
    ms = extract_quotes(_article(text))
    assert [m.text[:12] for m in ms] == ["There’s a lo", "This isn’t j"]
    assert ms[1].speaker == "Williams" and ms[1].attribution == "continued"


def test_an_unclosed_mark_does_not_swallow_the_lines_after_it() -> None:
    text = "He said “the end is near.\n\n" + "\n\n".join(f"Line {i} of the story." for i in range(10))
    ms = extract_quotes(_article(text))
    assert all("Line 3" not in m.text for m in ms)


def test_a_straight_mark_closed_by_a_curly_one_is_one_quotation() -> None:
    text = (
        'John C. Cerar, the former commander for firearms training, said "it appears to be a good shooting” '
        "under the reported circumstances.\n"
    )
    m = _one(extract_quotes(_article(text)), "it appears")
    assert m.text == "it appears to be a good shooting"
    assert m.name == "John C. Cerar"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "“They didn’t have to kill him,” Makaeo Williams, 18, said as police tracked alongside him.",
            "Makaeo Williams",
        ),
        (
            "Snider, who attended King's news conference, said: \"I really don't question Billy at all.\"",
            "Snider",
        ),
    ],
)
def test_a_speaker_with_an_aside_before_the_verb(text: str, name: str) -> None:
    (m,) = extract_quotes(_article(text))
    assert m.speaker == name


def test_an_aside_that_is_another_attribution_is_not_skipped_over() -> None:
    text = "“We will not stop,” he said, said the report, adding nothing."
    (m,) = extract_quotes(_article(text))
    assert m.speaker == "he" or m.speaker is None


def test_two_officials_saying_much_the_same_are_no_attribution_conflict() -> None:
    obama = _article(
        '"For more than three decades, the Endangered Species Act has successfully protected our '
        "nation's most threatened wildlife.\n\nWe should be looking for ways to improve it, not weaken it,\" "
        "Obama said.",
        "a",
    )
    locke = _article(
        '"For decades, the Endangered Species Act has protected threatened species and their habitats," said Locke.',
        "b",
    )
    ms = extract_quotes(obama) + extract_quotes(locke)
    assert attributions.attribution_conflicts(ms, {"a": "a", "b": "b"}) == []
    assert len(merge_quotes(ms)) == 2
    changed = _article(
        '"For more than three decades, the Endangered Species Act has successfully protected our '
        "nation's most threatened wildlife,\" Locke said.",
        "c",
    )
    conflicts = attributions.attribution_conflicts(ms + extract_quotes(changed), {"a": "a", "b": "b", "c": "c"})
    assert len(conflicts) == 1 and {v.article for v in conflicts[0].variants} == {"a", "c"}


# -- who "he" and "she" are (real sentences from the labelled dev stories) ------------------------------


def test_she_is_the_woman_the_narration_speaks_of_not_the_man_who_spoke_last() -> None:
    text = (
        "Bettie Page died late on Thursday, her agent said.\n\n"
        "Page had been in hospital since a heart attack, and Page never recovered.\n\n"
        "Page was 85.\n\n"
        "“She captured the imagination of a generation,” her agent, Mark Roesler, said yesterday.\n\n"
        "Even though she conceded to the occasional public event, she never agreed to be photographed.\n\n"
        "“I don't want to be photographed in my old age,” she said in 1998."
    )
    m = _one(extract_quotes(_article(text)), "I don't want")
    assert m.name == "Bettie Page"


def test_she_is_the_last_speaker_when_the_narration_says_nothing_of_anyone() -> None:
    text = (
        "Sarah Palin toured the dairy. Palin said the state would help. Palin left.\n\n"
        "Darcy Davies, an agriculture student, wrote a thesis on the projects.\n\n"
        'Davies wrote that "over $76 million was spent on the projects."\n\n'
        '"It is debatable," she wrote, "whether those funds expended were worth the benefits created."'
    )
    m = _one(extract_quotes(_article(text)), "It is debatable")
    assert m.speaker == "Davies"


def test_he_agrees_in_gender_with_what_the_text_says() -> None:
    text = (
        "Mrs. Gray spoke to the crowd about her son.\n\n"
        "Sheriff's Deputy Timothy Brennan, who had been Ortiz's partner for a year, called the verdict bittersweet.\n\n"
        'He explained, "You feel good, but it\'s never going to bring Jerry back to his family."'
    )
    m = _one(extract_quotes(_article(text)), "You feel good")
    assert m.name == "Timothy Brennan"


def test_a_surname_named_in_full_before_is_a_candidate_for_she() -> None:
    text = (
        "Mel Greig and Michael Christian made the call.\n\n"
        "An emotional Greig said she was devastated on hearing the nurse had died.\n\n"
        '"Unfortunately I remember that moment very well," she told the Seven Network.'
    )
    m = _one(extract_quotes(_article(text)), "Unfortunately")
    assert m.name == "Mel Greig"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            '"He should be considered armed and very dangerous," said sheriff\'s spokesman Steve Whitmore.',
            "Steve Whitmore",
        ),
        (
            "\"I'm kind of relieved that it's over,\" said 17-year-old Jeremy Ortiz, one of the deputy's sons.",
            "Jeremy Ortiz",
        ),
        ('"This is the kind of crime the death penalty was made for," said Dist. Atty. Steve Cooley.', "Steve Cooley"),
    ],
)
def test_titles_possessives_and_ages_before_a_name_after_said(text: str, name: str) -> None:
    (m,) = extract_quotes(_article(text))
    assert m.name == name


def test_she_after_a_plural_speaker_is_the_woman_named_since() -> None:
    text = (
        "Both DJs said they were devastated.\n\n"
        "The host of the Nine programme, Tracey Grimshaw, earlier tweeted that the interview had not been "
        'paid for. It was "neither asked nor offered, not a cent of it", she said.'
    )
    m = _one(extract_quotes(_article(text)), "neither asked")
    assert m.name == "Tracey Grimshaw"
    assert parse_speaker("Both DJs").plural


def test_a_quotation_over_lines_that_reopens_continues_its_speaker() -> None:
    text = (
        "“We saw the guy moving inside the office,” Mr. Ali said.\n\n"
        "“He was just going back and forth.\n\n"
        "After the shots, he just put the lights off.\n\n"
        "“It is terrifying.\n\n"
        "I still feel shaky when I talk about it.\n\n"
        "“I just keep saying I can not believe this.”\n\n"
        "Police quickly surrounded the building."
    )
    ms = extract_quotes(_article(text))
    assert [m.text.split()[0] for m in ms] == ["We", "He", "It", "I"]
    assert all(m.speaker == "Mr. Ali" for m in ms)
    assert "After the shots" in ms[1].text


@pytest.mark.parametrize(
    ("text", "start", "name"),
    [
        (
            "Baca praised his investigators.\n\n"
            "Sheriff Lee Baca called Orozco “the scum of the earth and a coward” on Tuesday.",
            "the scum",
            "Lee Baca",
        ),
        (
            "Playboy founder Hugh Hefner described the layout as “a milestone in the history of the magazine.”",
            "a milestone",
            "Hugh Hefner",
        ),
        (
            "Page posed for her in 1954. The photographer Bunny Yeager said of the sessions:\n\n"
            "“She felt more comfortable in the nude than in clothes.”",
            "She felt",
            "Bunny Yeager",
        ),
    ],
)
def test_words_called_or_described_are_the_subject_s(text: str, start: str, name: str | None) -> None:
    m = _one(extract_quotes(_article(text)), start)
    assert m.name == name


def test_authorities_and_the_fire_chief_are_no_attribution_conflict() -> None:
    a = _article("Authorities described the fire as “suspicious and as potential arson, for now at least.”", "a")
    b = _article(
        "Fire Chief James Steele said the department was “treating it as suspicious and as potential arson, "
        "for now at least.”",
        "b",
    )
    ms = extract_quotes(a) + extract_quotes(b)
    assert parse_speaker("Authorities").plural
    assert attributions.attribution_conflicts(ms, {"a": "a", "b": "b"}) == []


def test_a_paragraph_of_reported_speech_hands_the_next_quote_to_its_speaker() -> None:
    text = (
        "The warehouse was built in 1935.\n\n"
        "The old warehouse was weathered and battered on the outside, William Ingaldson said.\n\n"
        "“But inside, there was all this beautiful timber, clear old-growth fir.”\n\n"
        "Police said the fire started at night.\n\n"
        "The building burned for hours before firefighters arrived at the scene, witnesses told reporters "
        "at length, adding that smoke could be seen for miles.\n\n"
        "“Nobody could get close to it for a long time.”"
    )
    ms = extract_quotes(_article(text))
    assert _one(ms, "But inside").name == "William Ingaldson"
    assert _one(ms, "Nobody could").speaker is None  # the paragraph before does not end with its attribution


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "A historical marker reads, “These buildings were the heart and economic center of the colony.”",
            "A historical marker",
        ),
        (
            "Wella Education posted on Facebook: “Our hearts are broken. He will be sorely missed by all of us.”",
            "Wella Education",
        ),
    ],
)
def test_words_a_sign_reads_or_a_page_posts(text: str, speaker: str) -> None:
    (m,) = extract_quotes(_article(text))
    assert m.speaker == speaker
