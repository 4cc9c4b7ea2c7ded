"""Tests for newsweave.sentences: where sentences end, and offsets that are exact."""

from __future__ import annotations

import pytest

from newsweave.model import Article
from newsweave.sentences import split_paragraph, split_sentences


def _split(paragraph: str) -> list[str]:
    return [paragraph[s:e] for s, e in split_paragraph(paragraph)]


def _article(text: str) -> Article:
    return Article(id="a", source="a.txt", text=text)


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        (
            "Mr. Putin met the mothers on Nov. 9 in Moscow. U.S. officials said the meeting was staged.",
            ["Mr. Putin met the mothers on Nov. 9 in Moscow.", "U.S. officials said the meeting was staged."],
        ),
        (
            "J. K. Rowling did not attend. Dr. Watson and Gen. Gerasimov met on Jan. 5 at St. Petersburg.",
            [
                "J. K. Rowling did not attend.",
                "Dr. Watson and Gen. Gerasimov met on Jan. 5 at St. Petersburg.",
            ],
        ),
        (
            "Chanel No. 5 sold out. He said no. Then he left.",
            ["Chanel No. 5 sold out.", "He said no.", "Then he left."],
        ),
        (
            "The war began long before troops reached the U.S. The army denied it.",
            ["The war began long before troops reached the U.S.", "The army denied it."],
        ),
        (
            "Troops moved in at 10 p.m. local time. Prices rose 2.5 percent. Inflation hit 10.1%.",
            ["Troops moved in at 10 p.m. local time.", "Prices rose 2.5 percent.", "Inflation hit 10.1%."],
        ),
        (
            "Was it useful? Nobody knows! He paused… Then he left.",
            ["Was it useful?", "Nobody knows!", "He paused…", "Then he left."],
        ),
    ],
    ids=["mr-nov-us", "initials-dr-gen-jan-st", "no-5", "us-at-end", "pm-decimals", "other-stops"],
)
def test_abbreviations_initials_and_numbers_do_not_end_sentences(paragraph: str, sentences: list[str]) -> None:
    assert _split(paragraph) == sentences


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        (
            'He said: "We share your pain." Then he left the room.',
            ['He said: "We share your pain."', "Then he left the room."],
        ),
        (
            "“We share your pain,” Putin said. “Nothing can replace the loss of a son.” He paused.",
            ["“We share your pain,” Putin said.", "“Nothing can replace the loss of a son.”", "He paused."],
        ),
        (
            "‘We share this pain.’ The footage was cut. ‘Such meetings are planned,’ Peskov said.",
            ["‘We share this pain.’", "The footage was cut.", "‘Such meetings are planned,’ Peskov said."],
        ),
        (
            "The Kremlin called it a “special military operation.” Critics disagreed (loudly.) Nobody asked.",
            [
                "The Kremlin called it a “special military operation.”",
                "Critics disagreed (loudly.)",
                "Nobody asked.",
            ],
        ),
    ],
    ids=["straight", "curly-double", "curly-single", "quote-and-bracket"],
)
def test_closing_quotes_stay_with_their_sentence(paragraph: str, sentences: list[str]) -> None:
    assert _split(paragraph) == sentences


@pytest.mark.parametrize("bullet", ["•", "-", "–", "*", "▪"])
def test_a_bullet_mark_is_not_part_of_the_sentence(bullet: str) -> None:
    text = f"{bullet} Putin met the mothers of soldiers. He said he shared their pain."
    art = _article(text)
    first, second = split_sentences(art)
    assert first.text == "Putin met the mothers of soldiers."
    assert first.start == len(bullet) + 1
    assert second.text == "He said he shared their pain."


def test_headlines_and_bullets_without_a_full_stop_are_sentences_of_their_own() -> None:
    text = (
        "Putin meets soldiers' mothers\n\n"
        "• The despot said he shared their suffering\n\n"
        "President Vladimir Putin met the mothers on Friday. He spoke for an hour."
    )
    assert [s.text for s in split_sentences(_article(text))] == [
        "Putin meets soldiers' mothers",
        "The despot said he shared their suffering",
        "President Vladimir Putin met the mothers on Friday.",
        "He spoke for an hour.",
    ]


def test_paragraphs_never_share_a_sentence_and_offsets_are_exact() -> None:
    text = (
        "Heavy rain flooded Valencia on Tuesday. About 1,200 people left their homes\n\n"
        "  Officials said the river rose two metres.   \n"
        "Crews rescued 40 people. No deaths were reported!"
    )
    sentences = split_sentences(_article(text))
    assert [s.text for s in sentences] == [
        "Heavy rain flooded Valencia on Tuesday.",
        "About 1,200 people left their homes",
        "Officials said the river rose two metres.",
        "Crews rescued 40 people.",
        "No deaths were reported!",
    ]
    assert [s.index for s in sentences] == list(range(5))
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.span().text == s.text and (s.span().start, s.span().end) == (s.start, s.end)


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences(_article("")) == []
    assert split_sentences(_article("\n\n  \n")) == []


def test_every_seed_sentence_has_exact_offsets(seed_articles: dict[str, Article]) -> None:
    for art in seed_articles.values():
        sentences = split_sentences(art)
        assert len(sentences) >= 10, art.id
        previous_end = 0
        for i, s in enumerate(sentences):
            assert art.text[s.start : s.end] == s.text, (art.id, i)
            assert s.article == art.id and s.index == i
            assert s.text == s.text.strip() and s.text, (art.id, i)
            assert "\n" not in s.text, (art.id, i)
            assert s.start >= previous_end, (art.id, i)  # in order, never overlapping
            previous_end = s.end
        # Every word of the text is in some sentence (bullet marks aside).
        covered = "".join(s.text for s in sentences)
        assert sum(c.isalnum() for c in covered) == sum(c.isalnum() for c in art.text), art.id


def test_seed_sentences_split_where_a_reader_would(seed_articles: dict[str, Article]) -> None:
    texts = {s.text for a in seed_articles.values() for s in split_sentences(a)}
    assert (
        "The United States’ top general estimated on Nov. 9 that Russia and Ukraine had each seen more "
        "than 100,000 of their soldiers killed or wounded." in texts
    )
    assert "Ukraine does not disclose its losses." in texts
    assert (
        "“Nothing can replace the loss of a son”, he said in his opening remarks, before the footage on "
        "state TV was cut." in texts
    )
    assert (
        "Mr. Putin was pictured seated at a huge table with a group of 17 mothers at the meeting on "
        "Friday at his state estate outside of Moscow." in texts
    )
