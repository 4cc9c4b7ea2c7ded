"""Facts: what each article states, as *(what it is about, attribute, value, span)*.

A fact is read from an :class:`~newsweave.analyze.doc.AnnotatedArticle` and anchored on what it is
about, so that the story-level comparison (:mod:`newsweave.analyze.conflicts`) can set the facts of
all articles side by side, whichever sentence states them:

========== =============================================================== ============================
kind       written as                                                      about / attribute
========== =============================================================== ============================
age        "Lo Presti, 52,", "the 95-year-old", "He was 95", "dies at 77"   the person / ``age``
count      "killed 11 people", "24 dead", "the death toll rose to 24"       the event / ``killed`` …
score      "a 31-24 victory", "won 3-1"; records "a 10-5 record"            the match / ``result``
ratio      "one in every 500 Windows users", "1 in 5"                      what is counted
magnitude  "a magnitude 7.6 quake", "7.6-magnitude", "measuring 7.6"       the event / ``magnitude``
time       "at 1:30 a.m."                                                  what happened then
quantity   any other number with what it counts and the words around it    unit and context words
date       a resolved date with the words around it                        context words
speaker    "Lyons said", "said family spokesman Harlan Boll"                what the sentence says
========== =============================================================== ============================

"What it is about" is resolved within the story: a person is the story's fullest form of the name
(:func:`newsweave.analyze.doc.story_people`); "he", "she" and "the 95-year-old" are the person last
named before them; an age in "a 20-year-old woman" is about "woman", not about anyone named. A fact
also carries what the comparison needs to stay precise: the hedge, whether it reports a change over
time ("rose to", "so far"), whether it is background ("when he was 26", "in 2007"), and whether it is
inside a quotation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from newsweave.analyze import numbers as N
from newsweave.analyze.dates import announces
from newsweave.analyze.doc import AnnotatedArticle, PersonMention, StorySurnames, folded_words
from newsweave.analyze.scores import (
    _LEAD_WORDS,
    _RECORD_CHANGE,
    _SCORE,
    _WEEKDAY_BEFORE,
    RECORD_WORDS,
    RESULT_WORDS,
    _partial_record,
    _record_holder,
)
from newsweave.analyze.speakers import fold
from newsweave.clean.phrases import MONTHS
from newsweave.model import DateMention, Quantity, Span
from newsweave.similarity import content_terms

FactKind = Literal["age", "count", "score", "record", "ratio", "magnitude", "time", "quantity", "date", "speaker"]


@dataclass(frozen=True)
class Fact:
    """One thing one article states.

    Attributes:
        kind: what sort of fact (see the module's table).
        subject: what it is about: a person's story-level name for ages and records, a description
            ("woman") for an unnamed person, ``""`` for the story's event.
        attribute: which property: ``age``, a casualty state (``killed``, ``wounded`` …), ``result``,
            the unit counted (``windows users``), ``magnitude``, a date's precision.
        value: the number (a score's first figure for scores; minutes after midnight for times), or the
            ISO date for dates.
        low, high: the interval the words allow ("at least 11" -> (11, inf)); a score's second figure
            is ``high`` … see :attr:`pair`.
        span: the words that state the value.
        sentence: the sentence it is stated in.
        context: stemmed content words around the value (what the sentence says it is).
        hedge: the qualifier as written ("at least", "about"), if any.
        vague: an order of magnitude ("thousands"), not a count.
        update: the words report a figure that changes over time ("rose to", "so far", "now").
        background: the figure is about another time than the story's ("when he was 26", "in 2007",
            "last year").
        when: the words that place it at that other time: two background figures are compared only
            when they are placed alike ("on September 21" in both).
        quoted: it is inside a quotation.
        pair: the two figures of a score or record, as written.
        relative: a date written relative to the article's date ("on Friday", "yesterday").
        terms: the stemmed content words of the whole sentence, numbers left out (how alike two
            sentences that state a fact are).
        statement: the aligned statement (:mod:`newsweave.analyze.claims`) its sentence belongs to: two
            outlets writing one sentence with different values disagree on that value.
        planned: a date something is planned or expected for ("due to appear on Tuesday").
        hypothetical: a figure in a general or hypothetical statement ("a magnitude 6 quake can cause
            severe damage").
        names: the proper nouns written near the value (folded): the places, teams and people that
            tell one event from another ("Zarand", "Chicago").
    """

    kind: FactKind
    subject: str
    attribute: str
    value: float | str
    low: float
    high: float
    span: Span
    sentence: Span
    context: frozenset[str] = field(default_factory=frozenset)
    hedge: str | None = None
    vague: bool = False
    update: bool = False
    background: bool = False
    when: frozenset[str] = field(default_factory=frozenset)
    quoted: bool = False
    pair: tuple[int, int] | None = None
    relative: bool = False
    terms: frozenset[str] = field(default_factory=frozenset, repr=False)
    planned: bool = False
    hypothetical: bool = False
    statement: int | None = None
    names: frozenset[str] = field(default_factory=frozenset)

    @property
    def article(self) -> str:
        """The id of the article that states it."""
        return self.span.article


# -- word tables ------------------------------------------------------------------------------------

# Words that report a figure as it stands at one moment, likely to change ("the toll rose to 24").
# "a magnitude 6 quake can cause severe damage": a figure in a general statement, not a report.
_HYPOTHETICAL = re.compile(r"^[^.;]{0,25}?\b(?:can|could|would|might|may)\s+(?:cause|be|have|kill|lead|result)\b")
_UPDATE = re.compile(
    r"\b(?:rose|risen|rising|rises|climbed|climbing|climbs|increased|increasing|jumped|grew|reached|"
    r"so far|as of|by (?:late |early )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"morning|afternoon|evening|night)|now|latest|updated|initially|initial|first reports?|"
    r"preliminary|could rise|expected to rise)\b",
    re.I,
)
# A figure about another time: "when he was 26", "in 2007", "last year", "at the time".
_BACKGROUND = re.compile(
    r"\b(?:last year|the previous|previously|in (?:19|20)\d\d|since (?:19|20)\d\d|in the (?:19|20)\d\ds|ago|"
    r"earlier this (?:year|month)|last (?:month|season|week)|a year earlier|in the past|all-time|career|"
    r"on average|per game|a year|each year|every year|annually|a season|"
    # the period a statistic covers: two figures are compared only over the same period
    r"this season|since week \d+|(?:in )?(?:his|her|their|the) last (?:\w+ )?games?|combined|"
    # a part of a game: "in the sixth round", "during the third quarter", "in the first half"
    r"(?:in|during) the (?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|"
    r"final|last|opening) )?(?:round|quarter|half|period|inning|set|lap))\b",
    re.I,
)
_STATE_VERBS: dict[str, str] = {
    **{w: "killed" for w in "killed killing kills kill dead deaths died death toll lives claimed claiming".split()},
    **{w: "wounded" for w in "injured injuring injures wounded wounding hurt injuries".split()},
    **{w: "arrested" for w in "arrested arresting detained detaining arrests".split()},
    **{w: "evacuated" for w in "evacuated evacuating".split()},
    **{w: "missing" for w in ["missing"]},
    **{w: "rescued" for w in "rescued rescuing".split()},
}
_STATE_BEFORE = re.compile(
    r"\b(?P<verb>(?:killed|killing) (?:or|and) (?:injured|wounded|injuring|wounding)|"
    r"killed|killing|kills|left|leaving|claimed|claiming|injured|injuring|wounded|wounding|"
    r"arrested|arresting|detained|evacuated|rescued|death toll|toll|deaths|dead)\b"
    r"(?:\s+(?:at|to|of|stood at|stands at|rose to|has risen to|climbed to|reached|is|was|were|now|"
    r"an estimated|nearly|almost|about|around|more than|at least|some|over|up to|as many as)){0,3}\s*$",
    re.I,
)
# "the death toll from Monday's bombing rose to 5"
_TOLL_BEFORE = re.compile(
    r"\b(?P<verb>death toll|toll)\b[^.;:]{0,60}?\b(?:rose|risen|climbed|jumped|increased|reached|stood|stands|"
    r"is|was|hit|at)\s+(?:to\s+|at\s+)?(?:(?:nearly|almost|about|around|more than|at least|over)\s+)?$",
    re.I,
)
_LEFT_STATE = re.compile(r"\s+(?P<state>dead|injured|wounded|missing|homeless)\b", re.I)
# People-like heads that one casualty count may be written with ("11 people", "11 villagers").
_PEOPLE = frozenset(
    "people person persons civilians villagers residents passengers victims individuals men women children "
    "adults worshippers pilgrims tourists workers miners students".split()
)
_RATIO = re.compile(
    r"\b(?P<one>one|1|a)\s+(?:in|out of)\s+(?:every\s+)?(?P<n>\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|hundred|thousand|a hundred|a thousand|a million)\b",
    re.I,
)
_RATIO_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twenty": 20, "hundred": 100, "a hundred": 100, "thousand": 1000, "a thousand": 1000, "a million": 1e6,
}  # fmt: skip
_MAGNITUDE = re.compile(
    r"\bmagnitude(?:[- ]of)?[- ](?P<a>\d{1,2}(?:\.\d)?)\b"
    r"|\b(?P<b>\d{1,2}(?:\.\d)?)[- ]magnitude\b"
    r"|\b(?P<c>\d{1,2}\.\d)\s+on the Richter"
    r"|\bmeasur(?:ed|ing)\s+(?:a\s+)?(?:preliminary\s+)?(?P<d>\d{1,2}\.\d)\b",
    re.I,
)
_DATELINE = re.compile(r"(?i)\b(?:published|updated|posted|last modified)\b")
_TIME = re.compile(r"(?<![\d:])(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s?(?P<ap>[ap])\.?\s?m\b\.?", re.I)
_AGE_NUM = r"(?P<age>\d{1,3})"
# "NAME, 52," / "NAME, aged 52," / "NAME (52)" right after a person's name.
_AGE_APPOSITION = re.compile(
    rf"\.?(?:[’']s)?(?:,?\s+(?:Jr|Sr)\.?|\s+I{{2,3}}|\s+IV)?,\s*(?:aged\s+|age\s+)?{_AGE_NUM}\s*(?=[,;.)]|\s+(?:and|who|was|is|of|from)\b)|\s*\((?P<age2>\d{{1,3}})\)"
)
_CAP_AGE = re.compile(r"\b(?P<name>[A-Z][a-z][\w'’-]*?)(?:[’']s)?,\s*(?P<age>\d{1,3}),")
_CAP_IS_AGE = re.compile(
    r"\b(?P<name>[A-Z][a-z][\w'’-]*)\s+(?:is|was|turned|turns)\s+(?P<age>\d{1,3})(?=\s*[.,;]|\s+(?:and|years old)\b)"
)
_DESCRIBED_AGE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[a-z]+\s+)?(?P<noun>[a-z]{3,}),\s*(?P<age>\d{1,3}),")
_YEAR_OLD = re.compile(rf"\b{_AGE_NUM}[- ]years?[- ]old\b", re.I)
_AGED = re.compile(
    rf"\b(?P<how>aged|at age|at the age of|age of|dies at|died at|dead at|passed away at)\s+{_AGE_NUM}"
    r"(?![\d:.]\d|\s?(?:[ap]\.?m\b|hours?|minutes?|GMT|UTC|local))\b",
    re.I,
)
# An age "at the age of 10" is the person's age now only in a sentence about a death or the present.
_AGE_NOW = re.compile(r"\b(?:die[sd]?|dead|death|passed away|is|turns|now)\b", re.I)
_PRONOUN_AGE = re.compile(
    rf"\b(?P<pron>[Hh]e|[Ss]he)\s+(?:was|is|had been|would have been|turned|turns|will be)\s+{_AGE_NUM}"
    r"(?=\s*(?:[.,;)]|$|\s+(?:and|when|at|years old)\b))"
)
_NAME_AGE = re.compile(
    rf"(?:,\s*who)?\s+(?:is|was|turned|turns|will be|will turn)\s+{_AGE_NUM}"
    r"(?=\s*[.,;]|\s+(?:and|years old|on|in)\b)"
)
_AGE_WHEN = re.compile(r"\b(?:when|at the time|then|in (?:19|20)\d\d)\b", re.I)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_IN_MONTH = re.compile(rf"\b(?:in|last|since|earlier in) (?:{_MONTHS})\b(?!\s+\d)")
_CONTINUES = re.compile(r"(?:It|That|This|They|The (?:quake|earthquake|attack|blast|storm|fire|crash))\b")
# a month's name ("in February," too); an abbreviation only with its dot or before a day ("Jan." and
# "Jan 5", not "Jan Smith"); "May" only after a preposition
_MONTH_NAME = re.compile(
    rf"\b({_MONTHS.replace('May|', '')})\b"
    r"|\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|(?=\s+\d))"
    r"|\b(?:in|of|since|last|early|late) (May)\b"
)
_DESCRIPTOR = re.compile(r"^[- ]?\s*(?P<noun>[a-z]+(?:\s+[a-z]+)?)")
_NOT_DESCRIPTOR = frozenset(
    "and or who was is with from in of on at to had has after when while because but as".split()
)
# Nouns for the other people of an event, who are often not named: "the 36-year-old driver" is not the
# person named just before. Other nouns after "the N-year-old" ("actress", "boxer") are the article's
# main person.
_PARTY_NOUNS = frozenset(
    "victim victims suspect suspects driver gunman shooter attacker man woman boy girl child baby teen teenager "
    "passenger pedestrian officer deputy trooper mother father son daughter wife husband brother sister friend "
    "neighbor neighbour student worker employee resident patient inmate defendant witness girlfriend boyfriend "
    "companion motorist cyclist hiker climber".split()
)
_FORMER = frozenset("former ex late retired veteran longtime one-time then".split())


def _window_terms(text: str, start: int, end: int, language: str, words: int = 6) -> frozenset[str]:
    """Stemmed content words within ``words`` words either side of ``text[start:end]``, digits left out."""
    left = re.findall(r"[^\W\d_][\w'’-]*", text[:start])[-words:]
    right = re.findall(r"[^\W\d_][\w'’-]*", text[end:])[:words]
    return frozenset(t for t in content_terms(" ".join(left + right), language) if not t.isdigit())


_CAPITAL = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
_NOT_NAME = frozenset(
    "the a an he she it they we i his her its their this that these those but and or in on at by for of to "
    "after before when while as if mr mrs ms dr st monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec according police officials authorities said".split()
)


def names_near(sentence: str, start: int, end: int, words: int = 8) -> frozenset[str]:
    """Proper nouns within ``words`` words of ``sentence[start:end]`` (not the sentence's first word)."""
    left = list(_CAPITAL.finditer(sentence, 0, start))
    tokens_left = re.findall(r"\S+", sentence[:start])[-words:]
    tokens_right = re.findall(r"\S+", sentence[end:])[:words]
    near = " ".join(tokens_left[1:] if len(tokens_left) == len(re.findall(r"\S+", sentence[:start])) else tokens_left)
    near += " " + " ".join(tokens_right)
    del left
    # acronyms are mostly sources ("AFP", "USGS"), not what tells one event from another
    found = {
        fold(re.sub(r"[’']s$", "", m.group()).strip("'’-")) for m in _CAPITAL.finditer(near) if not m.group().isupper()
    }
    return frozenset(n for n in found if n and n not in _NOT_NAME and len(n) > 1)


def _sentence_bounds(doc: AnnotatedArticle, pos: int) -> tuple[int, int]:
    s = doc.sentence_at(pos)
    return (s.start, s.end) if s else (pos, pos)


class _Builder:
    """Collects one article's facts, with the story's names of people."""

    def __init__(self, doc: AnnotatedArticle, people: Mapping[str, str], story_date: dt.date | None) -> None:
        self.doc = doc
        self.people = people
        self.story_date = story_date
        # surname -> the story's name of that person, for surnames only one person of the story has
        self.surnames = StorySurnames(people, {p.person for p in doc.people})
        # the words of people's names: a player named next to a score does not make it another event
        self.people_words = frozenset(w for p in doc.people for w in folded_words(p.name))
        self._terms: dict[int, frozenset[str]] = {}
        self.text = doc.text
        self.lang = doc.article.language if doc.article.language not in ("", "und") else "en"
        self.facts: list[Fact] = []
        self.taken: list[tuple[int, int]] = []
        self._described: dict[str, set[str]] | None = None

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.taken)

    def person(self, mention: PersonMention) -> str:
        return self.people.get(mention.person, mention.person)

    def add(self, kind: FactKind, subject: str, attribute: str, value: float | str, start: int, end: int,
            **extra: object) -> None:  # fmt: skip
        s0, s1 = _sentence_bounds(self.doc, start)
        sentence = self.text[s0:s1]
        low = extra.pop("low", value if isinstance(value, float) else 0.0)
        high = extra.pop("high", value if isinstance(value, float) else 0.0)
        ctx = extra.pop("context", None)
        if s0 not in self._terms:
            self._terms[s0] = frozenset(t for t in content_terms(sentence, self.lang) if not t.isdigit())
        fact = Fact(
            kind=kind,
            subject=subject,
            attribute=attribute,
            value=value,
            low=float(low),  # type: ignore[arg-type]
            high=float(high),  # type: ignore[arg-type]
            span=Span(self.doc.id, start, end, self.text[start:end]),
            sentence=Span(self.doc.id, s0, s1, sentence),
            context=ctx if ctx is not None else _window_terms(sentence, start - s0, end - s0, self.lang),  # type: ignore[arg-type]
            quoted=self.doc.in_quote(start),
            hypothetical=bool(_HYPOTHETICAL.search(sentence[max(0, end - s0) : end - s0 + 40])),
            terms=self._terms[s0],
            names=names_near(sentence, start - s0, end - s0) - self.people_words,
            **extra,  # type: ignore[arg-type]
        )
        self.facts.append(fact)
        self.taken.append((start, end))

    def described_as(self) -> dict[str, set[str]]:
        """Each word the article writes next to a person's name ("Deputy Jerry Ortiz", "Lohan, the
        actress") -> the people it describes."""
        if self._described is None:
            self._described = {}
            for p in self.doc.people:
                lead = self.text[p.start : p.end].replace(p.name, " ")  # "Deputy" of "Deputy Jerry Ortiz"
                before = re.findall(r"[A-Za-z]+", self.text[max(0, p.start - 40) : p.start])[-3:]
                before += re.findall(r"[A-Za-z]+", lead)
                after = re.match(r",\s*(?:a|an|the)\s+((?:[\w-]+\s+){0,3}[\w-]+)", self.text[p.end : p.end + 60])
                for w in before + (after.group(1).split() if after else []):
                    self._described.setdefault(w.lower(), set()).add(p.person)
        return self._described

    def person_named(self, key: str) -> str:
        return self.people.get(key, key)

    def name_like(self, word: str) -> str:
        """The story's person whose surname is ``word`` ("Klitschko's"), else the word itself."""
        plain = re.sub(r"[’']s?$", "", word)
        return self.surnames.get(fold(plain), plain)

    def subject_at(self, pos: int, sentence_start: int) -> str:
        """Who a figure at ``pos`` is about: the person who opens its sentence ("Thomas has eight
        touchdowns"), or the person "He"/"She" at the start of the sentence stands for; ``""`` else."""
        # the first person named in the opening words ("Since Week 11, Thomas has eight touchdowns")
        opener = next((p for p in self.doc.people if sentence_start <= p.start <= sentence_start + 40), None)
        if opener is not None and opener.end < pos:
            return self.person(opener)
        if re.match(r"\s*(?:He|She)\b", self.text[sentence_start:pos]):
            return self._subject_before(sentence_start, sentence_start) or ""
        return ""

    def _continued(self, s0: int) -> str:
        """The sentence before the one at ``s0`` when this one opens with a pronoun that stands for what
        that one was about ("In February, a quake hit Zarand. It killed 612 people."), else ``""``."""
        if not _CONTINUES.match(self.text, s0):
            return ""
        before = [s for s in self.doc.sentences if s.end <= s0]
        return before[-1].text + " " if before else ""

    def other_time(self, window: str) -> frozenset[str]:
        """The words around a figure that place it at another time than the story's ("in 2007", "last
        year", "in September" in a November story); empty when nothing does."""
        marks = {re.sub(r"\s+", " ", m.group().lower()) for m in _BACKGROUND.finditer(window)}
        years = {y for y in re.findall(r"(?<![\d.,-])(?:19|20)\d\d(?![\d-])", window)}
        if years and (self.story_date is None or any(int(y) != self.story_date.year for y in years)):
            marks |= years
        if self.story_date is not None:
            months = {MONTHS[next(g for g in m.groups() if g).lower()[:3]] for m in _MONTH_NAME.finditer(window)}
            if months and all(abs(m - self.story_date.month) % 11 > 1 for m in months):
                marks |= {f"month {m}" for m in months}
        else:
            # no date for the story: "in September" with no day is a month gone by, told as background
            # (the story's own event is dated "on Sunday", "Dec. 2")
            marks |= {re.sub(r"\s+", " ", m.group().lower()) for m in _IN_MONTH.finditer(window)}
        return frozenset(marks)

    # -- ages ---------------------------------------------------------------------------------------

    def _subject_before(self, pos: int, sentence_start: int) -> str | None:
        """Whom a pronoun or a definite description at ``pos`` refers to: the subject of its sentence or of
        the sentences just before (:meth:`AnnotatedArticle.subject_before`), else the article's main person."""
        p = self.doc.subject_before(pos)
        if p is not None:
            return self.person(p)
        main = self.doc.main_person()
        return self.people.get(main, main) if main else None

    def ages(self) -> None:
        text = self.text
        for p in self.doc.people:
            m = _AGE_APPOSITION.match(text, p.end)
            if m:
                g = "age" if m.group("age") else "age2"
                self._age(self.person(p), m.start(g), m.end(g))
                continue
            m = _NAME_AGE.match(text, p.end)
            if m:
                self._age(self.person(p), m.start("age"), m.end("age"))
        for m in _CAP_IS_AGE.finditer(text):  # "Felt was 95.": a surname the story knows
            person = self.surnames.get(fold(m.group("name")))
            if person is not None and not self.overlaps(m.start("age"), m.end("age")):
                self._age(person, m.start("age"), m.end("age"))
        for m in _CAP_AGE.finditer(text):  # "Reid's, 33, acting abilities": a surname the story knows
            if not self.overlaps(m.start("age"), m.end("age")):
                person = self.surnames.get(fold(m.group("name")))
                if person is not None:
                    self._age(person, m.start("age"), m.end("age"))
        for m in _YEAR_OLD.finditer(text):
            if self.overlaps(m.start(), m.end()):
                continue
            s0, _ = _sentence_bounds(self.doc, m.start())
            after = text[m.end() : m.end() + 60]
            # "52-year-old Gaetano Lo Presti", "a 52-year-old actor Heath Ledger"
            cap = re.match(r"\s+([A-Z][\w'’-]+)", text[m.end() : m.end() + 40])
            named = next((p for p in self.doc.people if 0 <= p.start - m.end() <= 25 and "," not in
                          text[m.end() : p.start] and "." not in text[m.end() : p.start]), None)  # fmt: skip
            # "Lo Presti, a 52-year-old …" / "Felt, the 95-year-old …"
            before = next((p for p in self.doc.people if 0 <= m.start() - p.end <= 8 and
                           re.fullmatch(r",\s*(?:a|an|the)\s*", text[p.end : m.start()])), None)  # fmt: skip
            det = re.search(r"\b(a|an|the|this|that)\s+$", text[max(s0, m.start() - 8) : m.start()], re.I)
            d = _DESCRIPTOR.match(after)
            noun = d.group("noun").split()[0] if d else ""
            noun = "" if noun in _NOT_DESCRIPTOR or noun in _FORMER else noun
            if named:
                subject = self.person(named)
            elif cap and cap.group(1).lower() not in _NOT_DESCRIPTOR:
                subject = self.name_like(cap.group(1))  # "the 32-year-old Klitschko's third win"
            elif before:
                subject = self.person(before)
            elif det and det.group(1).lower() in ("a", "an"):
                subject = noun  # "a 20-year-old woman": someone not named, known by what they are
            elif noun in _PARTY_NOUNS or (noun and not det):
                subject = noun  # "the 36-year-old driver" is the driver, not the person named before
            elif noun:
                # "the 33-year-old actress": the one person the article calls so ("actress Lindsay Lohan",
                # "Lohan, the actress"); "the 30-year-old sergeant" no one is called: someone not named
                called = self.described_as().get(noun, set())
                subject = self.person_named(next(iter(called))) if len(called) == 1 else noun
            else:
                subject = self._subject_before(m.start(), s0) or ""  # "the 95-year-old said"
            if subject:
                self._age(subject, m.start("age"), m.end("age"))
        for m in _DESCRIBED_AGE.finditer(text):  # "the troubled actress, 36, would be arrested"
            noun = m.group("noun").lower()
            if noun in _NOT_DESCRIPTOR or self.overlaps(m.start("age"), m.end("age")):
                continue
            called = self.described_as().get(noun, set())
            self._age(self.person_named(next(iter(called))) if len(called) == 1 else noun, m.start("age"), m.end("age"))
        for pattern in (_AGED, _PRONOUN_AGE):
            for m in pattern.finditer(text):
                if self.overlaps(m.start("age"), m.end("age")):
                    continue
                s0, s1 = _sentence_bounds(self.doc, m.start())
                how = m.groupdict().get("how")
                if how and how.lower() != "aged" and not _AGE_NOW.search(text[s0:s1]):
                    continue  # "At the age of 10, Page began to …": her childhood
                resolved = self._subject_before(m.start(), s0)
                if resolved:
                    self._age(resolved, m.start("age"), m.end("age"))

    def _age(self, subject: str, start: int, end: int) -> None:
        value = float(self.text[start:end])
        if not 0 < value < 125:
            return
        s0, s1 = _sentence_bounds(self.doc, start)
        around = self.text[max(s0, start - 60) : min(s1, end + 40)]
        then = _AGE_WHEN.search(around)
        when = frozenset({then.group().lower()}) if then else frozenset()
        self.add("age", subject, "age", value, start, end, background=bool(then), when=when)

    # -- scores, ratios, magnitudes, times ------------------------------------------------------------

    def scores(self) -> None:
        for s in self.doc.sentences:
            for m in _SCORE.finditer(s.text):
                a, b = int(m.group(1)), int(m.group(2))
                if a >= 1900 or (a > 31 and b > 99):
                    continue
                start, end = s.start + m.start(), s.start + m.end()
                if self.overlaps(start, end) or re.match(r"\s*(?:years?|percent|%|per cent|days?|months?)\b",
                                                         s.text[m.end():], re.I):  # fmt: skip
                    continue
                window = s.text[max(0, m.start() - 60) : m.end() + 40]
                words = set(re.findall(r"[a-z-]+", window.lower()))
                if words & _LEAD_WORDS:
                    continue
                when = self.other_time(window)
                if _WEEKDAY_BEFORE.search(s.text[max(0, m.start() - 30) : m.start()]):
                    when = frozenset()  # "Friday's 98-72 setback": that day's game, whatever period the sentence spans
                timing = {"update": bool(_UPDATE.search(window) or words & _RECORD_CHANGE),
                          "background": bool(when), "when": when}  # fmt: skip
                fighter = self.doc.person_before(start, within=3)
                if fighter is None or not re.fullmatch(r"\s*[(,]\s*", self.text[fighter.end : start]):
                    fighter = None
                    team = _record_holder(s.text, m)
                    if team is not None:
                        # "The Saints (7-7)", "the 0-14 Lions", "Rahman fell to 45-7-2", "has gone 4-2-1": a
                        # standing, whether or not the sentence tells a result
                        near = self.doc.person_before(start, within=start - s.start)
                        subject = team or (self.person(near) if near else "")
                        since = _partial_record(s.text, m)
                        if since:  # "is now 10-5-2 since knocking out Lewis": a part of the career, not the record
                            # which part: the words after "since" ("since that win over Monte Barrett" and
                            # "since knocking out Lennox Lewis" are two spans of a career)
                            span = " ".join(s.text[since.start() :].lower().split()[:5])
                            timing = {**timing, "background": True, "when": frozenset({span})}
                        self.add("record", subject, "record", float(a), start, end, high=float(b), pair=(a, b),
                                 **timing)  # fmt: skip
                        continue
                    if s.text[m.end() : m.end() + 1] == ",":
                        continue  # "Cleveland was 20-3, owner of …": a record the words do not tie to a result
                if fighter is not None:
                    # "Wladimir Klitschko (52-3, 46 KOs)", "Klitschko, 53-3, 47 KO's": a record after a name
                    self.add("record", self.person(fighter), "record", float(a), start, end, high=float(b),
                             pair=(a, b), **timing)  # fmt: skip
                elif words & RECORD_WORDS:
                    near = self.doc.person_before(start, within=start - s.start)
                    subject = self.person(near) if near else ""
                    self.add("record", subject, "record", float(a), start, end, high=float(b), pair=(a, b), **timing)
                elif words & RESULT_WORDS and m.group(3) is None:  # a score has two figures
                    hi, lo = max(a, b), min(a, b)
                    self.add("score", "", "result", float(hi), start, end, pair=(hi, lo), **timing)

    def ratios(self) -> None:
        for m in _RATIO.finditer(self.text):
            n = m.group("n").lower()
            value = float(n.replace(",", "")) if n[0].isdigit() else float(_RATIO_WORDS.get(n, 0))
            if value <= 1 or self.overlaps(m.start(), m.end()):
                continue
            s0, s1 = _sentence_bounds(self.doc, m.start())
            unit_words = re.findall(r"[^\W\d_][\w'’-]*", self.text[m.end() : s1])[:3]
            unit = frozenset(t for t in content_terms(" ".join(unit_words), self.lang) if not t.isdigit())
            self.add("ratio", "", "ratio", value, m.start(), m.end(), context=unit or None)

    def magnitudes(self) -> None:
        for m in _MAGNITUDE.finditer(self.text):
            g = next(k for k in "abcd" if m.group(k))
            if self.overlaps(m.start(g), m.end(g)):
                continue
            value = float(m.group(g))
            if not 1 <= value <= 10:
                continue
            s0, s1 = _sentence_bounds(self.doc, m.start())
            after = self.text[m.end() : s1].lower()
            shock = "aftershock" in self.text[m.end() : m.end() + 25].lower()
            # "In February, a quake measuring 6.4 hit Zarand": another quake than the story's
            when = self.other_time(self._continued(s0) + self.text[s0 : min(s1, m.end() + 60)])
            self.add("magnitude", "", "aftershock" if shock else "magnitude", value, m.start(g), m.end(g),
                     update="preliminary" in after or "upgraded" in after or "revised" in after,
                     background=bool(when), when=when)  # fmt: skip

    def times(self) -> None:
        for m in _TIME.finditer(self.text):
            h, mins = int(m.group("h")), int(m.group("m") or 0)
            if not 1 <= h <= 12 or mins > 59 or self.overlaps(m.start(), m.end()):
                continue
            s0, _ = _sentence_bounds(self.doc, m.start())
            before = self.text[s0 : m.start()]
            if _DATELINE.search(before) or not re.search(r"[a-z]{3}", before):
                continue  # "PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM": when the page was written
            value = float((h % 12 + (12 if m.group("ap").lower() == "p" else 0)) * 60 + mins)
            hedged = re.search(
                r"(?i)\b(?:about|around|approximately|roughly|shortly (?:after|before)|just (?:after|before))\s+$",
                before,
            )
            margin = 15.0 if hedged else 0.0
            self.add("time", "", "time", value, m.start(), m.end(), low=value - margin, high=value + margin)

    # -- counts and other quantities ------------------------------------------------------------------

    def quantities(self) -> None:
        for q in self.doc.quantities:
            if self.overlaps(q.span.start, q.span.end):
                continue
            unit = q.unit or ""
            if unit.endswith("year-old") or unit in ("year-olds",):
                continue  # an age the age rules could not tie to anyone
            s0, s1 = _sentence_bounds(self.doc, q.span.start)
            before = self.text[s0 : q.span.start]
            state = _unit_state(unit)
            left = _STATE_BEFORE.search(before) or _TOLL_BEFORE.search(before)
            if state is None and left:
                verb = left.group("verb").lower()
                state = _STATE_VERBS.get(verb.split()[-1]) if verb not in ("left", "leaving") else None
                if " or " in verb or " and " in verb:
                    state = "killed or wounded"  # "has killed or wounded tens of thousands": casualties
                if verb in ("left", "leaving"):
                    after = _LEFT_STATE.match(self.text, q.span.end)
                    state = {"dead": "killed", "homeless": "displaced"}.get(
                        after.group("state").lower(), "wounded") if after else None  # fmt: skip
                elif verb in ("death toll", "toll", "deaths", "dead"):
                    state = "killed"
            head = _head(unit)
            # the figure's sentence up to it ("In February, a quake … hit Zarand, killing 612 people"), and after it;
            # a sentence that goes on about the one before ("It killed 612 people") takes that one's time too
            window = self._continued(s0) + self.text[s0 : min(s1, q.span.end + 60)]
            when = self.other_time(window)
            common = {
                "hedge": q.hedge,
                "vague": q.vague,
                "low": q.low,
                "high": q.high,
                # the words next to the figure, not anywhere in the sentence: "rose to 24", "24 so far"
                "update": bool(_UPDATE.search(self.text[max(s0, q.span.start - 30) : min(s1, q.span.end + 25)])),
                "background": bool(when),
                "when": when,
            }
            if re.match(r"\s*[-–]\s*[$£€]?\d", self.text[q.span.end : q.span.end + 8]):
                continue  # "$140- $150 million": the first end of a range the number reader did not join
            if re.search(r"[\d%]\s*\(\s*$", before) or re.search(r"(?:million|billion|bn|m)\s*\(\s*$", before):
                continue  # "$US1 million ($1.52 million)": a conversion of the figure before
            # "15 Palestinians were killed": people named by where they are from count as people
            demonym = (
                bool(head)
                and bool(re.search(rf"\b{re.escape(head)}\b", q.span.text, re.I))
                and bool(re.search(rf"\b[A-Z]{re.escape(head[1:])}\b", q.span.text))
                and head.endswith(("ans", "is", "ese", "ians"))
            )
            if state and (not head or head in _PEOPLE or demonym or N._unit_class(head) in ("people", "personnel")):
                cls = "personnel" if N._unit_class(head) == "personnel" else "people"
                self.add("count", "", f"{state}:{cls}", q.value, q.span.start, q.span.end, **common)
            else:
                subject = self.subject_at(q.span.start, s0)
                self.add("quantity", subject, unit, q.value, q.span.start, q.span.end, **common)

    def speakers(self) -> None:
        """Who the article says said something: a named person next to a speech verb."""
        for s in self.doc.sentences:
            for v in _SPEECH_VERB.finditer(s.text):
                vs, ve = s.start + v.start(), s.start + v.end()
                if self.doc.in_quote(vs):
                    continue
                who = self._speaker_at(s.start, s.end, vs, ve, listener=v.group() in ("told", "tells"))
                if who is None:
                    continue
                name, start, end = who
                drop = folded_words(self.text[start:end]) | {fold(v.group())}
                terms = frozenset(t for t in self._sentence_terms(s.start, s.end) if t not in drop)
                self.add("speaker", "", "speech", name, start, end, context=terms)

    def _sentence_terms(self, s0: int, s1: int) -> frozenset[str]:
        return frozenset(t for t in content_terms(self.text[s0:s1], self.lang) if not t.isdigit())

    def _speaker_at(self, s0: int, s1: int, vs: int, ve: int, *, listener: bool) -> tuple[str, int, int] | None:
        """The person named as the speaker of the speech verb at ``vs:ve``; after "told" a name is the
        listener, not the speaker."""
        text = self.text
        for p in self.doc.people:
            if s0 <= p.start and p.end <= vs and _GAP_BEFORE_VERB.fullmatch(text[p.end : vs]):
                return self.person(p), p.start, p.end
            if not listener and ve <= p.start and p.end <= s1 and _GAP_AFTER_VERB.fullmatch(text[ve : p.start]):
                return self.person(p), p.start, p.end
        before = _BARE_NAME_BEFORE.search(text, s0, vs)
        if before and re.search(r"(?i)\b(?:the|a|an)\s+$", text[max(s0, before.start() - 6) : before.start()]):
            before = None  # "the Academy announced": an institution, not a person's surname
        if before and before.end() == vs and before.group("name").lower() not in _NOT_SPEAKER:
            return self.name_like(before.group("name")), before.start("name"), before.end("name")
        after = None if listener else _BARE_NAME_AFTER.match(text, ve, s1)
        if after and after.group("name").lower() not in _NOT_SPEAKER and not _MONTH_OR_DAY.match(after.group("name")):
            return self.name_like(after.group("name")), after.start("name"), after.end("name")
        return None

    def dates(self, mentions: Sequence[DateMention]) -> None:
        for d in mentions:
            if self.overlaps(d.span.start, d.span.end):
                continue
            relative = bool(re.search(
                r"(?i)\b(?:today|yesterday|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|"
                r"sunday|last|next|this|ago|earlier|later)\b", d.expression))  # fmt: skip
            # in a story nothing dates, a year alone ("in 1947") is history: compared only when placed alike
            history = len(d.date) == 4 and self.story_date is None
            self.add(
                "date", "", f"date/{len(d.date)}", d.date, d.span.start, d.span.end,
                relative=relative, planned=d.kind == "planned",
                background=history, when=frozenset({d.date}) if history else frozenset(),
            )  # fmt: skip
        # A weekday in an article whose own date is not known resolves to no day, but the day of the week
        # is itself a fact ("died Sunday" against "died Thursday"): kept as the weekday's name.
        for h in self.doc.date_hits:
            wd = h.parts.get("wd", "")
            if h.rule != "weekday" or wd.lower() not in WEEKDAY_NAMES or self.overlaps(h.start, h.end):
                continue
            s0, s1 = _sentence_bounds(self.doc, h.start)
            planned = announces(self.text[s0:s1], h.start - s0, h.end - s0)
            self.add("date", "", "date/10", f"weekday:{wd.lower()}", h.start, h.end, relative=True, planned=planned)


WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|told|tells|announced|confirmed|added|stated|explained|noted|wrote|tweeted|declared|insisted|"
    r"acknowledged|admitted|testified|according to)\b"
)
_GAP_BEFORE_VERB = re.compile(r"(?:,[^,\n“”\"]{1,80},)?\s*(?:has|had|also|later|then|further|again)?\s*")
_GAP_AFTER_VERB = re.compile(r"\s*(?:(?:[a-z][\w-]*|the|a|an)\s+){0,5}")
# a surname, "O'Higgins" and "D'Angelo" too
_SURNAME = r"[A-Z](?:[a-z]|['’][A-Z])[\w'’-]+"
_BARE_NAME_BEFORE = re.compile(rf"(?<![\w.])(?P<name>{_SURNAME})\s+(?:(?:has|had|also|later)\s+)?$")
_BARE_NAME_AFTER = re.compile(rf"\s+(?P<name>{_SURNAME})(?=[\s.,;]|$)(?!\s+[A-Z])")
_MONTH_OR_DAY = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Today|Tonight|Yesterday)"
)
_NOT_SPEAKER = frozenset(
    "he she it they we i police officials authorities sources reports report the this that there who which "
    "witnesses residents investigators prosecutors officers spokesman spokeswoman spokesperson agency ministry "
    "government court statement television radio".split()
)


def _unit_state(unit: str) -> str | None:
    """The casualty state a unit names ("soldiers killed" -> "killed"); "killed or injured" stays both
    (casualties are not deaths)."""
    states = list(dict.fromkeys(N.STATES[w] for w in unit.split() if w in N.STATES))
    return " or ".join(states) if states else None


def _head(unit: str) -> str:
    words = [w for w in unit.split() if w not in N.STATES and w not in ("or", "and")]
    return words[-1] if words else ""


def extract_facts(
    doc: AnnotatedArticle,
    *,
    people: Mapping[str, str] | None = None,
    dates: Sequence[DateMention] = (),
    story_date: dt.date | None = None,
) -> list[Fact]:
    """Every fact one article states, in text order.

    Args:
        doc: the annotated article.
        people: the story's names of people (:func:`newsweave.analyze.doc.story_people`); without it,
            each article's own fullest names.
        dates: the article's resolved date mentions.
        story_date: the day of the story, if known: a figure next to another year or month is background
            (any year, when the day is not known).

    Returns:
        The facts; a stretch of text states at most one (an age is not also a quantity).
    """
    b = _Builder(doc, people or {}, story_date)
    b.ages()
    b.magnitudes()
    b.ratios()
    b.scores()
    b.times()
    b.quantities()
    b.speakers()
    b.dates(dates)
    return sorted(b.facts, key=lambda f: f.span.start)


def as_quantity(fact: Fact) -> Quantity:
    """A numeric fact as a :class:`~newsweave.model.Quantity` (for :func:`newsweave.analyze.numbers.compare`)."""
    value = fact.value if isinstance(fact.value, float) else 0.0
    return Quantity(value, fact.attribute or None, fact.hedge, fact.low, fact.high, fact.vague, fact.span)
