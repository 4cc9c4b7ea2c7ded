"""Sentence splitting with exact offsets into an article's cleaned text.

Rules, not a model: a sentence ends at ``. ! ? …`` (and any closing quotes or brackets) followed by
space and something that can start a sentence, unless the word before the stop is an abbreviation
("Mr.", "Nov. 9", "Gen."), an initial ("J. K. Rowling") or an acronym ("U.S." before a name).
Paragraphs (the cleaned text's lines) never share a sentence; a heading or bullet without final
punctuation is a sentence of its own; a leading bullet mark is not part of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsweave.model import Article, Sentence

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "cpl",
    "adm",
    "cmdr",
    "st",
    "jr",
    "sr",
    "rev",
    "hon",
    "pres",
    "supt",
    "insp",
    "det",
    "dist",
    "atty",
    "asst",
    "dep",
    "messrs",
    "mme",
    "mlle",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "plc",
    "approx",
    "est",
    "dept",
    "univ",
    "assn",
    "bros",
    "ave",
    "blvd",
    "rd",
    "mt",
    "ft",
    "ed",
    "eds",
    "al",
    "cf",
    "ca",
    "ie",
    "eg",
    "mio",
    "mrd",
    "tsd",
    "bzw",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
}
# Abbreviations only when a number follows.
_NUMBERED = {"no", "nos", "vol", "fig", "pp", "art"}
# Words that, after an acronym like "U.S.", show a new sentence has started.
_STARTERS = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "in",
    "but",
    "this",
    "that",
    "there",
    "his",
    "her",
    "their",
    "its",
    "on",
    "at",
    "after",
    "when",
    "as",
    "if",
    "some",
    "many",
}
_BOUNDARY = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)(?=[\"'“‘«(\[]?[\w¿¡])")
_BULLET = re.compile(r"^[•·▪►◦‣∙*–—-]\s+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if match.group(1) in ("!", "?", "…") or len(match.group(1)) > 1 or match.group(2):
        return True
    before = _WORD_BEFORE.search(text, 0, match.start())
    word = before.group(1) if before else ""
    following = text[match.end() :]
    nxt = re.match(r"[\"'“‘«(\[]?(\w+)", following)
    next_word = nxt.group(1) if nxt else ""
    if next_word[:1].islower() and next_word.lower() not in _STARTERS:
        return False  # "at 10 p.m. local time", "the U.S. military"
    bare = word.rstrip(".").lower()
    if bare in _NUMBERED:
        return not next_word[:1].isdigit()  # "No. 5" vs "said no. In …"
    if bare in _ABBREVIATIONS:
        # "Nov. 9" never ends a sentence; "Mr. Putin" never does; "in Dec. The …" rarely matters.
        return False
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial: "J. K. Rowling"
    if "." in word.rstrip("."):
        return next_word.lower() in _STARTERS  # "U.S. officials" vs "in the U.S. The …"
    return True


def split_paragraph(text: str, offset: int = 0) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each sentence of one paragraph, shifted by ``offset``."""
    start = 0
    bullet = _BULLET.match(text)
    if bullet:
        start = bullet.end()
    for m in _BOUNDARY.finditer(text, start):
        if not _is_boundary(text, m):
            continue
        end = m.start(3)
        if text[start:end].strip():
            yield offset + start, offset + end
        start = m.end()
    rest = text[start:].rstrip()
    if rest.strip():
        lead = len(text[start:]) - len(text[start:].lstrip())
        yield offset + start + lead, offset + start + len(rest)


def split_sentences(article: Article) -> list[Sentence]:
    """The sentences of an article's cleaned text, with ``article.text[start:end] == sentence.text``."""
    out: list[Sentence] = []
    pos = 0
    text = article.text
    for para in text.split("\n"):
        if para.strip():
            for s, e in split_paragraph(para, pos):
                out.append(Sentence(article.id, len(out), s, e, text[s:e]))
        pos += len(para) + 1
    return out
