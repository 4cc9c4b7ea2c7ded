"""Who "he" and "she" are: the gender the text gives each person, and the person a pronoun means.

Read from the annotated article's words, no model: a gendered title or role written with a name
("Mr.", "actress", "spokeswoman"), and the pronouns the narration uses after it ("An emotional Greig
said she was devastated"). :class:`Pronouns` then picks, for a "he said" or "she said", the person
the reader understands (see its docstring); :mod:`newsweave.analyze.quotes` asks it for every quotation
attributed by a pronoun.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from newsweave.analyze.speakers import WORD_TOKEN, SpeakerParse, fold, parse_speaker, tokenize

Gender = Literal["m", "f"]
PRONOUN_GENDER: dict[str, Gender] = {"he": "m", "she": "f"}
_WORD = re.compile(WORD_TOKEN)  # the word tokens of speakers.tokenize
HE_WORDS = frozenset({"he", "him", "his", "himself"})
SHE_WORDS = frozenset({"she", "her", "hers", "herself"})
# Words that say a person is a man or a woman when written with the name ("Mr.", "actress", "his
# sister Crystal" is not one: the word must be in the name's own title or apposition).
GENDER_WORDS: dict[str, Gender] = {
    **dict.fromkeys(
        "mr sir lord spokesman chairman congressman councilman assemblyman businessman father husband son "
        "brother uncle nephew grandfather grandson boyfriend king prince duke man boy gentleman policeman "
        "fireman widower stepfather stepson monsieur herr".split(),
        "m",
    ),
    **dict.fromkeys(
        "mrs ms miss dame lady spokeswoman chairwoman congresswoman councilwoman assemblywoman businesswoman "
        "mother wife daughter sister aunt niece grandmother granddaughter girlfriend queen princess duchess "
        "actress woman girl widow policewoman waitress heiress stepmother stepdaughter madame mme frau".split(),
        "f",
    ),
}


@lru_cache(maxsize=1 << 14)
def word_gender(text: str) -> Gender | None:
    """The gender a title or description states ("Mrs. Clinton", "a spokeswoman"), if one and only one."""
    found = {GENDER_WORDS[w] for w in (fold(t.text) for t in tokenize(text)) if w in GENDER_WORDS}
    return found.pop() if len(found) == 1 else None


def genders(
    text: str,
    people: Sequence[tuple[int, int, SpeakerParse]],
    sentence_starts: Sequence[int],
    quoted: Sequence[tuple[int, int]] = (),
) -> dict[str, Gender]:
    """The gender of each person named in ``text`` (by folded surname), from what the text says of them.

    Two kinds of evidence: a gendered title or role written with the name ("Mr.", "Ms.", "actress",
    "spokeswoman"), which decides; and the pronouns after the name to the end of its sentence, up to the
    next person named ("An emotional Greig said she was devastated"), and the first word of the next
    sentence ("Page … She never agreed"). The
    pronouns decide when one side has at least twice the other's count. Words in quotation marks
    (``quoted``) are someone's speech: their pronouns and names are left out. A person nothing tells
    stays out.
    """

    # the quotations as disjoint spans, sorted: whether a position is in one is a bisection
    merged: list[list[int]] = []
    for a, b in sorted(quoted):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        elif a < b:
            merged.append([a, b])
    quote_starts = [a for a, _ in merged]

    def in_quote(pos: int) -> bool:
        k = bisect.bisect_right(quote_starts, pos) - 1
        return k >= 0 and pos < merged[k][1]

    votes: dict[str, list[int]] = {}
    decided: dict[str, set[Gender]] = {}
    ends = list(sentence_starts[1:]) + [len(text)]
    index_of = []
    for start, _end, p in people:
        if not p.name or in_quote(start):
            index_of.append(-1)
            continue
        k = max(0, bisect.bisect_right(sentence_starts, start) - 1)
        index_of.append(k)
    # the people by where they start: the next one named after a name is found by bisection
    by_start = sorted(((a, q) for a, _, q in people), key=lambda x: x[0])
    starts = [a for a, _ in by_start]
    for (start, end, p), k in zip(people, index_of, strict=True):
        if not p.name or not p.surname or k < 0:
            continue
        said = word_gender(p.role or "") or word_gender(text[start:end])
        if said:
            decided.setdefault(p.surname, set()).add(said)
        if k >= len(ends):
            continue
        # the pronouns after the name to the end of its sentence, and the next sentence's first word
        # ("Page … She never agreed"), up to the next person named
        stop = ends[k]
        for x in range(bisect.bisect_left(starts, end), len(starts)):
            a, q = by_start[x]
            if a >= stop:
                break
            if q.name and q.surname != p.surname and not in_quote(a):
                stop = a
                break
        # the words only (what a pronoun can be), as tokenize finds them
        words = [m.group().lower() for m in _WORD.finditer(text, end, stop) if not in_quote(m.start())]
        following = tokenize(text, ends[k], min(len(text), ends[k] + 20))
        if stop == ends[k] and following and not in_quote(following[0].start):
            words.append(following[0].lower)
        tally = votes.setdefault(p.surname, [0, 0])
        tally[0] += sum(w in HE_WORDS for w in words)
        tally[1] += sum(w in SHE_WORDS for w in words)
    out: dict[str, Gender] = {}
    for surname in set(votes) | set(decided):
        said_set = decided.get(surname, set())
        if len(said_set) == 1:
            out[surname] = next(iter(said_set))
            continue
        if said_set:
            continue  # a family name two people share ("Mr. and Mrs. Gray")
        he, she = votes.get(surname, [0, 0])
        if he >= 2 * she and he > 0:
            out[surname] = "m"
        elif she >= 2 * he and she > 0:
            out[surname] = "f"
    return out


@dataclass(frozen=True)
class Event:
    """A person written at one place of an article: ``pos`` (where the speech verb or the name is),
    the paragraph, and the ``span`` of the words that name them."""

    pos: int
    paragraph: int
    span: tuple[int, int]


# Words that may stand before a sentence's subject ("But Obama said …").
_OPENERS = frozenset("and but so then also yet still later meanwhile now".split())

# The article's main person stands for a "he" or "she" only if named this many paragraphs before the
# pronoun's window, or later.
RECENT = 3

# First words of a short phrase that may open a sentence before its subject ("In it, …", "On Tuesday, …").
_LEAD_INS = frozenset("in on at after before during later earlier two three last this that since when".split())

# A person named this often, whose gender the text tells, is the article's main person for "he" or "she".
MAIN_PERSON = 3


class Pronouns:
    """Who "he" or "she" is, at one place of an article.

    Candidates are the people of the last ``pronoun_window`` paragraphs who said something ("X said",
    a quote's speaker) or are named with a title or a full name. The gender a pronoun asks for
    (:func:`~newsweave.analyze.speakers.genders`) rules out those known to have the other. Walking back
    sentence by sentence, the first sentence that holds one decides: the first person there known to
    have the pronoun's gender (the subject comes first), else the last one there who said something
    and whose gender is not known, unless the article has a main person of the pronoun's gender (named
    :data:`MAIN_PERSON` times before). With nobody in the window, the article's main person of that
    gender (named at least twice before), else the last person named in the window. Else nobody: a
    quote nobody can be sure of is left unattributed.
    """

    def __init__(
        self,
        text: str,
        events: Sequence[Event],
        named: Sequence[Event],
        gender_of: Mapping[str, str],
        sentence_starts: Sequence[int],
        quoted: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.text = text
        self.quoted = quoted
        self.starts = sentence_starts
        said = {e.span for e in events}
        people: dict[tuple[int, int], tuple[Event, bool]] = {}
        for e in list(named) + list(events):
            people[e.span] = (e, e.span in said or self._subject(e.span))
        self.people = sorted(people.values(), key=lambda x: x[0].span[0])
        self.gender = {span: self._gender(span, gender_of) for span in people}

    def _subject(self, span: tuple[int, int]) -> bool:
        """Whether a person named opens their sentence, the subject a following "he said" continues
        ("Obama also helped celebrate …" then “…,” he told department employees)."""
        k = bisect.bisect_right(self.starts, span[0]) - 1
        start = self.starts[k] if k >= 0 else 0
        lead = [t.lower for t in tokenize(self.text, start, span[0])]
        if all(w in _OPENERS for w in lead):
            return True
        # a short phrase set off by a comma before the subject: "In it, Olson blames the state …"
        words = [w for w in lead if w[:1].isalnum()]
        if not self.text[start : span[0]].rstrip().endswith(","):
            return False
        if len(words) <= 4 and words[0] in _LEAD_INS:
            return True
        if words[0] == "asked" and len(words) <= 20:
            return True  # "Asked what she's going to do, Vikki Joseph doesn't hesitate": she answers
        # the name set off after the description that opens the sentence: "A professor of economics at the
        # University of Athens, Yanis Varoufakis, did not go to work"
        after = self.text[span[1] : span[1] + 2]
        return len(words) <= 12 and words[0] in ("a", "an", "the") and after.startswith(",")

    def _narrated(self, want: str, start: int, end: int, subject: bool = False) -> bool:
        """Whether the narration (outside quotation marks) between two places uses a pronoun of ``want``
        (only "he" or "she" with ``subject``: "His barber, Julian Clark" is no "he")."""
        words = HE_WORDS if want == "m" else SHE_WORDS
        if subject:
            words = frozenset({"he" if want == "m" else "she"})
        return any(
            t.lower in words and not any(a <= t.start < b for a, b in self.quoted)
            for t in tokenize(self.text, start, end)
        )

    def _gender(self, span: tuple[int, int], gender_of: Mapping[str, str]) -> str | None:
        words = self.text[span[0] : span[1]]
        p = parse_speaker(words)
        if p.kind == "name" and p.surname:
            return gender_of.get(p.surname) or word_gender(words)
        return word_gender(words) if p.kind == "description" else None

    def resolve(self, pronoun: str, cue: int, first_paragraph: int) -> tuple[int, int] | None:
        want = PRONOUN_GENDER.get(pronoun)
        window = [
            (e, said)
            for e, said in self.people
            if e.span[1] <= cue and e.paragraph >= first_paragraph and self.gender[e.span] in (want, None)
        ]
        if want is None:  # "il", "er": no gender check, the last who spoke, else the last named
            spoke = [e for e, said in window if said]
            pick = spoke or [e for e, _ in window]
            return pick[-1].span if pick else None
        counts: dict[str, list[tuple[int, int]]] = {}
        for e, _ in self.people:
            p = parse_speaker(self.text[e.span[0] : e.span[1]])
            if e.span[1] <= cue and p.surname and self.gender[e.span] == want:
                counts.setdefault(p.surname, []).append(e.span)
        main = max(counts.items(), key=lambda kv: (len(kv[1]), kv[1][-1][0]), default=None)
        paragraph_of = {e.span: e.paragraph for e, _ in self.people}

        def recent(person: tuple[str, list[tuple[int, int]]]) -> bool:
            # the main person was named lately (at most RECENT paragraphs before the window): the "he"
            # of the narration since the last speaker is not someone the article left pages ago
            return paragraph_of[person[1][-1]] >= first_paragraph - RECENT

        sentence: dict[int, list[tuple[Event, bool]]] = {}
        for e, said in window:
            sentence.setdefault(bisect.bisect_right(self.starts, e.span[0]), []).append((e, said))
        for k in sorted(sentence, reverse=True):
            known = [e for e, _ in sentence[k] if self.gender[e.span] == want]
            talking = [e for e in known if (e, True) in sentence[k]]
            if talking:  # "Asked if Ortiz might have lived, Waldie said …": who spoke, not who was spoken of
                return talking[-1].span
            if known and not any(said and self.gender[e.span] is None for e, said in sentence[k]):
                return known[0].span
            # someone who speaks after a "he" in the same sentence is not that "he" ("Two years before, he
            # said, an officer stopped him …, after the officer said …")
            opening = self.starts[k - 1] if k > 0 else 0
            spoke = [
                e
                for e, said in sentence[k]
                if said
                and parse_speaker(self.text[e.span[0] : e.span[1]]).kind != "pronoun"
                and not self._narrated(want, opening, e.span[0], subject=True)
            ]
            if spoke:
                # someone whose gender the text never tells spoke last; when the narration since then
                # says "she" of somebody, that is the article's main woman (named three times or more)
                last = spoke[-1].span
                if main and len(main[1]) >= MAIN_PERSON and self._narrated(want, last[1], cue) and recent(main):
                    return main[1][-1]
                return last
        if main and len(main[1]) >= 2:
            return main[1][-1]
        # nobody has said anything and the text tells no gender: the last person named in the window
        named = [e for e, said in window if not said and self.gender[e.span] is None]
        return named[-1].span if named else None
