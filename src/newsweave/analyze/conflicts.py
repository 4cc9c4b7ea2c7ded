"""Conflicts: where the articles of one story disagree on a fact.

Facts (:mod:`newsweave.analyze.facts`) of **all** articles are compared with each other, whichever
sentence states them: two facts are about the same thing when they fill the same *slot* (the same
person's age, the event's death toll, the match's result, a number with the same unit and the same
words around it), and they conflict when their values cannot both hold ("52" vs "62"; "at least 11"
does not conflict with "24"). Copies of one wire story are compared too: a difference between them
is an edit of one text, reported with ``within_syndication`` set (and still one independent source).

A false contradiction costs more trust than a missed one, so a pair of differing values in one slot
is *not* reported when

- one of them is background ("when he was 26", "in 2007", "last year"): another time than the story's;
- the figure changes over time and the reports may be of different moments ("rose to", "so far",
  "at least"; or a later article with a higher toll);
- ages differ by one year (a birthday may fall between the reports);
- an article states both values (it reports the change itself);

and each such pair is kept as an :class:`NotReported` with the reason, for ``--explain``.

Copies of one wire story are diffed in :mod:`newsweave.analyze.copies`, and one quotation given to two
people is found in :mod:`newsweave.analyze.attributions`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping, Sequence

from newsweave.analyze import numbers as N
from newsweave.analyze.doc import folded_words, name_keys, same_name, surname
from newsweave.analyze.facts import Fact, as_quantity, names_near
from newsweave.analyze.scores import RECORD_WORDS, RESULT_WORDS
from newsweave.model import Conflict, ConflictKind, ConflictSeverity, NotReported
from newsweave.similarity import content_terms, dice
from newsweave.similarity import stem as stem_word

# Two facts of a kind keyed by its words (a quantity, a date, a time) are about the same thing when
# this many content words around them are shared, and their sentences say the same thing (content-word
# Dice, numbers left out, at least SAME_SENTENCE).
MIN_SHARED_CONTEXT = 2
SAME_SENTENCE = 0.5
# Looser slots tried and not used, each measured with benchmarks/facts.py (injections) and
# benchmarks/precision.py (judged by hand) on the dev stories:
# - one shared word and sentences a quarter alike, against a value two other sources state alike:
#   +5 to 7 of 172 injections found, about as many more contradictions, most of them false;
# - three shared words around the value, however the sentences differ: +3 of 183, +9 contradictions,
#   3 or 4 of them true;
# - a day next to the same past-tense verb ("died Thursday" / "died on Thursday"): +1 of 184, +1 false;
# - sentences a third alike (SAME_SENTENCE 0.35 instead of 0.5): +5 of 183, +20 contradictions;
# - a count of one specific thing ("shops", "rifles") stated once per article: +7 contradictions, about
#   a third true;
# - an amount of money tied to one named person ("Maria Santos received $20,000"): +2 of 183, +3
#   contradictions, all false (contract offers from several teams to one player, rounding).
# - a day next to any word the other day's sentence also has within three words ("the Obama
#   administration today" / "by the Obama administration on Feb. 10"): +13 of 183 injections found,
#   +44 contradictions on the stories judged by hand, most of them false; a past verb on the same side
#   (what _same_event keeps): +1 injection, 4 contradictions, 3 true;
# - a count of a specific unit with any word near both in common: +4 injections, +28 contradictions,
#   about 5 true; with a verb near both (what _same_thing keeps): 3 contradictions, all true;
# - a logistic pair model over these signals, trained on one half of the dev stories with pairs that
#   state the same value as "same slot": 0.81 AUC on the other half, but its highest-scored differing
#   pairs were one operation against a running total ("300 rounds" / "923 rounds in five operations").
# - the cosine of all-MiniLM-L6-v2 sentence embeddings instead of shared words (benchmarks/slot_pairs.py):
#   AUC 0.673 against 0.693 for content-word Dice on the pairs no rule joins, and 8 ms a sentence.
# Different officials often say much the same thing: one statement given to two people is a conflict
# only when the words are nearly the same.
SAME_SPEECH = 0.7
_RESULT_STEMS = frozenset(content_terms(" ".join(sorted(RESULT_WORDS | RECORD_WORDS))))


def _describe(f: Fact) -> str:
    if f.kind == "age":
        return f"age of {f.subject}" if f.subject[:1].isupper() else f"age of the {f.subject}"
    if f.kind == "count":
        state, cls = f.attribute.split(":")
        return f"number of {'soldiers' if cls == 'personnel' else 'people'} {state}"
    if f.kind == "score":
        return "the final score"
    if f.kind == "record":
        return f"the record of {f.subject}" if f.subject else "the record"
    if f.kind == "ratio":
        return "the ratio “" + f.sentence.text[f.span.start - f.sentence.start :].split(",")[0][:60].strip() + "”"
    if f.kind == "magnitude":
        return "the magnitude" + (" of the aftershock" if f.attribute == "aftershock" else "")
    if f.kind == "time":
        return "the time in “" + shorten(f.sentence.text) + "”"
    if f.kind == "date":
        return "the date in “" + shorten(f.sentence.text) + "”"
    if f.kind == "speaker":
        return "who said “" + shorten(f.sentence.text) + "”"
    return f"{f.attribute or 'the number'} in “{shorten(f.sentence.text)}”"


def shorten(text: str, words: int = 12) -> str:
    """The first ``words`` words of a text, with an ellipsis when it goes on."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _bucket(f: Fact) -> tuple[str, str]:
    if f.kind == "quantity":
        return (f.kind, _head(f))
    if f.kind in ("score", "time"):
        return (f.kind, "")
    return (f.kind, f.attribute)


# Units of a player's or a team's statistics: many in one story, each somebody's.
PER_PLAYER = frozenset(
    "yard touchdown td point rebound assist pass carry reception catch goal run homer rbi hit strikeout inning "
    "punch knockout ko save tackle sack interception".split()
)


def _head(f: Fact) -> str:
    return N._unit_class(f.attribute.split()[-1]) if f.attribute else ""


def _same_slot(a: Fact, b: Fact) -> bool:
    """Whether two facts (of one bucket) are about the same thing."""
    if a.kind == "age":
        return bool(a.subject) and bool(b.subject) and _same_subject(a.subject, b.subject)
    if a.kind == "record":
        return not (a.subject and b.subject and not _same_subject(a.subject, b.subject)) and bool(
            (a.context & b.context) - _RESULT_STEMS
        )
    if a.kind == "score":
        # the same game: words in common besides "win", and a team in common when both name one
        # (teams go by several names, "the Saints" and "New Orleans", so a name only one writes is no proof)
        na, nb = _all_names(a), _all_names(b)
        return bool((a.context & b.context) - _RESULT_STEMS) and not (na and nb and not na & nb)
    if a.kind in ("count", "magnitude"):
        return True
    if a.kind == "speaker":
        return dice(a.context, b.context) >= SAME_SPEECH
    if a.kind == "ratio":
        return bool(a.context & b.context)
    if a.kind == "quantity" and _paid_for_differ(a, b):
        return False
    if a.statement is not None and a.statement == b.statement and a.kind in ("quantity", "date", "time"):
        # one sentence that outlets write alike: its values must match where they stand, or a day be the
        # day of the same happening ("on Tuesday sentenced" / "was sentenced Saturday")
        return _aligned_slot(a, b) or (a.kind == "date" and _same_event(a, b))
    if a.kind == "date" and _same_event(a, b):
        return True
    if a.kind == "quantity" and _same_thing(a, b):
        return True
    if a.kind == "quantity" and (not a.attribute or not b.attribute or not N._compatible(a.attribute, b.attribute)):
        return False
    if a.subject and b.subject and not _same_subject(a.subject, b.subject):
        return False  # "He had 793 yards" about another player
    if a.kind == "quantity" and (not a.subject or not b.subject) and _head(a) in PER_PLAYER:
        return False  # a player's figures ("404 yards") are compared only when both say whose they are
    return len(a.context & b.context) >= MIN_SHARED_CONTEXT and dice(a.terms, b.terms) >= SAME_SENTENCE


# Kinds whose facts can share a slot only when they share a key of _slot_keys.
_KEYED_KINDS = frozenset({"age", "date", "time", "quantity", "record", "score", "speaker", "ratio"})


def _slot_keys(f: Fact) -> set[str]:
    """What two facts of one bucket must share for :func:`_same_slot` to hold: an age's subject's
    :func:`~newsweave.analyze.doc.name_keys` (:func:`_same_subject` is equality or ``same_name``); else
    the aligned statement, a context
    word (record, score, speaker, ratio and the last test need one), a past verb next to a date
    (:func:`_same_event`) or next to a count (:func:`_same_thing`)."""
    if f.kind == "age":
        return name_keys(f.subject) if f.subject else set()
    keys = {f"c:{w}" for w in f.context}
    if f.statement is not None:
        keys.add(f"st:{f.statement}")
    if f.kind == "date":
        keys |= {f"v:{verb}" for _, _, verb in _event_words(f)}
    if f.kind == "quantity":
        keys |= {f"n:{verb}" for verb in _near_words(f)[1]}
    return keys


def _slot_candidates(facts: Sequence[Fact], members: Sequence[int]) -> Callable[[int], list[int]]:
    """For the fact at position ``x`` of a bucket, the later members it may share a slot with, in bucket
    order: every later one for counts and magnitudes, else those sharing a key (:func:`_slot_keys`). The
    pairs left out are pairs :func:`_same_slot` rejects; a big story no longer compares every pair."""
    kind = facts[members[0]].kind if members else ""
    if kind not in _KEYED_KINDS:
        return lambda x: list(members[x + 1 :])
    postings: dict[str, list[int]] = {}
    keys = [_slot_keys(facts[i]) for i in members]
    for x, ks in enumerate(keys):
        for k in ks:
            postings.setdefault(k, []).append(x)

    def later(x: int) -> list[int]:
        near = {y for k in keys[x] for y in postings[k] if y > x}
        return [members[y] for y in sorted(near)]

    return later


def _same_subject(x: str, y: str) -> bool:
    """One person written two ways ("Cheeks" in an article that never gives his first name, "Maurice
    Cheeks" in the story; not "Mahnefah Gray" and "Kimani Gray"), or the same description."""
    return x == y or (x[:1].isupper() and y[:1].isupper() and same_name(x, y))


# Past forms that do not end in -ed: what happened on a day ("died Sunday", "born on April 22").
_IRREGULAR_PAST = frozenset(
    """born won lost hit shot struck fell left began begun took taken made held met sent found sold bought
    went came gave ran beat broke caught fought drove flew quit sank sunk stole swore threw woke wrote
    became bit blew chose drew froze grew hid hung knew lay led paid rode rose sat saw shook slid spent
    split spoke stood stuck stung sworn told tore understood withdrew cast""".split()
)
_SPEECH = frozenset(
    "said stated added announced reported confirmed noted explained told asked answered replied claimed".split()
)


# Words between a date and its verb that do not part them ("sentenced on Saturday", "on Tuesday sentenced",
# "died early Sunday").
_DATE_GLUE = frozenset("on in at last this early late earlier later the of".split())


@functools.lru_cache(maxsize=1 << 17)  # each fact is compared with many: read its words once
def _event_words(f: Fact, words: int = 3) -> frozenset[tuple[str, bool, str]]:
    """The verbs within ``words`` words of a date, in the past ("died", "sentenced", "sunk"): what happened
    on it, each as (side, right next to the date, verb). Speech verbs are left out: statements made on
    different days are no contradiction."""
    text, at = f.sentence.text, f.span.start - f.sentence.start
    end = at + len(f.span.text)
    out = []
    for m in list(_SLOT_WORD.finditer(text, 0, at))[-words:]:
        # "convicted of the June 20, 2005 attempted murder": the day is the murder's, not the conviction's
        if _past(m.group()) and not re.search(r"\bof\b", text[m.end() : at]):
            out.append(("<", _glue(text[m.end() : at]), m.group()))
    for m in list(_SLOT_WORD.finditer(text, end))[:words]:
        if _past(m.group()):
            out.append((">", _glue(text[end : m.start()]), m.group()))
    return frozenset(out)


def _past(w: str) -> bool:
    return (
        w.islower()
        and (w not in _SPEECH or w in _ANNOUNCE)
        and (w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) >= 4))
    )


# Speech verbs that make news themselves: the day something was announced is a fact of the story.
_ANNOUNCE = frozenset("announced confirmed".split())


_SAID = re.compile(r"(?i)\b(?:said|says|told|added|stated|announced|confirmed)\b")


def _said_on(f: Fact) -> bool:
    """Whether a date is the day something was said: a speech verb among the four words before it
    ("coach Sean Payton said at practice on Wednesday") or right after it ("on Friday said")."""
    text, at = f.sentence.text, f.span.start - f.sentence.start
    before = " ".join(_SLOT_WORD.findall(text[:at])[-4:])
    after = " ".join(_SLOT_WORD.findall(text[at + len(f.span.text) :])[:1])
    return bool(_SAID.search(before) or _SAID.search(after))


def _glue(between: str) -> bool:
    """Whether the words between a date and a verb keep them together: no punctuation, only glue words."""
    return bool(re.fullmatch(r"[\sA-Za-z]*", between)) and all(w.lower() in _DATE_GLUE for w in between.split())


def _share_event(a: Fact, b: Fact) -> set[str]:
    """The verbs two dates share: on the same side of both, or right next to both ("sentenced Saturday"
    / "on Tuesday sentenced")."""
    ea, eb = _event_words(a), _event_words(b)
    return {va for sa, na, va in ea for sb, nb, vb in eb if va == vb and (sa == sb or (na and nb))}


# Units too common to say what is counted by themselves ("3 days", "$2 million", "20 percent").
# classes of money (numbers.UNIT_CLASSES: "$" and "dollars" are "usd"), and the signs that have none
_MONEY = (frozenset(N.UNIT_CLASSES) & frozenset({"usd", "eur", "gbp", "rub", "zar"})) | frozenset({"pound", "¥", "yen"})
_GENERIC_UNITS = (
    frozenset("second minute hour day week month year decade season game time percent % point member block".split())
    | frozenset({"people", "personnel"})
    | _MONEY
    | PER_PLAYER
)
_STOP = frozenset(
    "a an the of in on at to for from by with and or but as than that this these those its his her their "
    "some about around nearly almost more less over under least most up down only just also another other "
    "was were is are be been has had have will would could which who".split()
)


@functools.lru_cache(maxsize=1 << 17)  # each fact is compared with many: read its words once
def _near_words(f: Fact, words: int = 3) -> tuple[frozenset[str], frozenset[str]]:
    """The content words within ``words`` words of a figure, crudely stemmed ("marched" -> "march"), and
    those of them written as verbs ("received", "falling", "sunk")."""
    text, at = f.sentence.text, f.span.start - f.sentence.start
    left = _SLOT_WORD.findall(text[:at].lower())[-words:]
    right = _SLOT_WORD.findall(text[at + len(f.span.text) :].lower())[:words]
    unit = set(f.attribute.lower().split())
    near, verbs = set(), set()
    for w in left + right:
        if w in _STOP or w in unit or len(w) <= 2 or w in _SPEECH:
            continue
        stem = stem_word(w)
        near.add(stem)
        if w in _IRREGULAR_PAST or (w.endswith(("ed", "ing")) and len(stem) >= 4):
            verbs.add(stem)
    return frozenset(near), frozenset(verbs)


def _same_thing(a: Fact, b: Fact) -> bool:
    """Two counts of one specific thing in different sentences: the same unit, not a generic one
    ("shops", "comments", "metres"), a word next to both that says which ("565 shops suffering damage" /
    "355 damaged shops"; "20,000 people marched" / "50,000 people marched"), and sentences that share
    another word."""
    ua, ub = a.attribute.lower().split(), b.attribute.lower().split()
    if not ua or not ub or N._unit_class(ua[-1]) != N._unit_class(ub[-1]) or N._unit_class(ua[-1]) in _GENERIC_UNITS:
        return False
    if a.quoted or b.quoted or a.background or b.background:
        return False
    if a.names and b.names and not a.names & b.names:
        return False  # "Qeshm" and "Bandar Abbas": two places
    (near_a, verbs_a), (near_b, verbs_b) = _near_words(a), _near_words(b)
    return bool(verbs_a & verbs_b) and len((a.terms & b.terms) - (near_a & near_b)) >= 1


def _same_event(a: Fact, b: Fact) -> bool:
    """Two dates of one happening, written in different sentences: the same past verb next to each says
    what happened ("died Sunday" / "died on Thursday"; "approved a bond in 2009" / "approved … in 2010"),
    and the sentences share another word (who or what: "Page", "Nichols", "bond"). A year needs sentences
    more alike: years in background sentences are many."""
    if a.planned or b.planned or a.quoted or b.quoted:
        return False
    shared = _share_event(a, b)
    if not shared:
        return False
    if a.attribute == "date/4" and dice(a.terms, b.terms) < SAME_SENTENCE * 0.8:
        return False
    return len(a.terms & b.terms - {stem_word(v) for v in shared}) >= 1 and len(a.terms & b.terms) >= 2


_SLOT_WORD = re.compile(r"[^\W\d_]+")


def _all_names(f: Fact) -> frozenset[str]:
    """The proper nouns near a fact's value, people's names included (teams look like people)."""
    at = f.span.start - f.sentence.start
    return names_near(f.sentence.text, at, at + len(f.span.text))


def _around(f: Fact) -> tuple[list[str], list[str]]:
    """The two words before and the two after a fact's value, in its sentence."""
    text, at = f.sentence.text, f.span.start - f.sentence.start
    before = _SLOT_WORD.findall(text[:at].lower())[-2:]
    after = _SLOT_WORD.findall(text[at + len(f.span.text) :].lower())[:2]
    return before, after


def _aligned_slot(a: Fact, b: Fact) -> bool:
    """In two wordings of one statement, values are in one slot when they count the same thing (same
    unit), or, for a number without a unit, a date or a time, when the two words before or after them
    are the same ("scored 22 points" / "scored 27 points"; "fired last Thursday" / "fired last Friday")."""
    if a.kind == "quantity" and (a.attribute or b.attribute):
        if not (a.attribute and b.attribute and N._compatible(a.attribute, b.attribute)):
            return False
        return not _paid_for_differ(a, b)
    if a.attribute != b.attribute:
        return False
    (ba, aa), (bb, ab) = _around(a), _around(b)
    return (len(ba) == 2 and ba == bb) or (len(aa) == 2 and aa == ab)


_MONEY_GLUE = frozenset("in of for worth new additional extra a an the total some more than".split())


def _paid_for_differ(a: Fact, b: Fact) -> bool:
    """Two amounts of money followed by different words: paid for different things ("$5 trillion in new
    federal spending" / "a $6 trillion budget proposal")."""
    wa, wb = _money_for(a), _money_for(b)
    return bool(wa and wb and stem_word(wa) != stem_word(wb))


@functools.lru_cache(maxsize=1 << 17)  # each fact is compared with many: read its words once
def _money_for(f: Fact) -> str | None:
    """The first content word after an amount of money ("$5 trillion in new federal *spending*" ->
    "federal"), what it pays for; ``None`` for other figures or when nothing follows."""
    if not f.attribute or N._unit_class(f.attribute.lower().split()[-1]) not in _MONEY:
        return None
    text, at = f.sentence.text, f.span.start - f.sentence.start + len(f.span.text)
    for w in _SLOT_WORD.findall(text[at:].lower())[:4]:
        if w not in _MONEY_GLUE:
            return w
    return None


_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def _agree(a: Fact, b: Fact) -> str:
    """``same``, ``precision`` (only the precision differs) or ``different``."""
    if a.kind in ("score", "record"):
        return "same" if a.pair == b.pair else "different"
    if a.kind == "speaker":
        sa, sb = surname(str(a.value)), surname(str(b.value))
        if sa == sb or sa in folded_words(b.sentence.text) or sb in folded_words(a.sentence.text):
            return "same"
        return "different"
    if a.kind == "date":
        wa, wb = _weekday_of(a), _weekday_of(b)
        if wa and wb:  # "on Thursday" / "on Sunday": the words differ, whatever each article's date
            return "same" if wa == wb else "different"
        if _unresolved(a) or _unresolved(b):
            return "same"  # a weekday of an article with no known date against a day: nothing to compare
        if a.attribute == "date/10" and not (_YEAR.search(a.span.text) and _YEAR.search(b.span.text)):
            # "on June 24" takes its year from the article or the story, which may be wrong: the day is
            # what the words say
            return "same" if str(a.value)[5:] == str(b.value)[5:] else "different"
        return "same" if a.value == b.value else "different"
    if a.kind in ("quantity", "count"):
        for x, y in ((a, b), (b, a)):
            if x.vague and not y.vague and x.low <= y.value <= x.high:  # type: ignore[operator]
                return "same"  # "thousands" and "5,937"
        if not a.attribute and not b.attribute:  # "both 51" / "both 61": the slot says what is counted
            if a.low <= b.high and b.low <= a.high:
                return "same"
            return "different"
        verdict = N.compare(as_quantity(a), as_quantity(b))
        return "same" if verdict == "unrelated" else verdict
    if a.value == b.value or (a.low <= b.high and b.low <= a.high):
        return "same"
    return "different"


def _weekday_of(f: Fact) -> str | None:
    m = _WEEKDAY.search(f.span.text)
    return m.group().lower() if m else None


def _unresolved(f: Fact) -> bool:
    """A weekday that no article date resolved (:meth:`_Builder.dates` keeps its name)."""
    return isinstance(f.value, str) and f.value.startswith("weekday:")


def _later_and_higher(a: Fact, b: Fact, dates: Mapping[str, dt.date | None]) -> bool:
    da, db = dates.get(a.article), dates.get(b.article)
    if da is None or db is None or da == db:
        return False
    early, late = (a, b) if da < db else (b, a)
    return isinstance(late.value, float) and isinstance(early.value, float) and late.value >= early.value


def _states(o: Fact, y: Fact) -> bool:
    """Whether fact ``o`` states the value of ``y`` (anywhere in its article, in any words)."""
    if o.kind == "speaker" or y.kind == "speaker":
        return o.kind == y.kind and _same_slot(o, y) and _agree(o, y) == "same"
    if (o.kind == "date") != (y.kind == "date"):
        return False
    if o.kind == "date" and (_unresolved(o) or _unresolved(y)):
        return _weekday_of(o) is not None and _weekday_of(o) == _weekday_of(y)
    if o.pair or y.pair:
        return o.pair == y.pair
    return o.value == y.value


def _knows(vocabulary: frozenset[str], name: str) -> bool:
    """Whether an article's words include a name, or a word of its family ("Iran" for "Iranian")."""
    if name in vocabulary:
        return True
    stem = name[:5] if len(name) >= 6 else name
    return len(stem) >= 4 and any(w.startswith(stem) for w in vocabulary)


_KEYED_BY_ATTRIBUTE = frozenset({"count", "magnitude", "ratio"})


def _why_not(
    a: Fact,
    b: Fact,
    by_article: Mapping[str, Sequence[Fact]],
    dates: Mapping[str, dt.date | None],
    vocabulary: Mapping[str, frozenset[str]],
    anchors: Mapping[str, dt.date | None] | None = None,
) -> str | None:
    """Why a pair of differing facts is not a contradiction, or ``None`` when it is one."""
    anchors = anchors or dates
    if a.hypothetical or b.hypothetical:
        return "a figure in a general or hypothetical statement (\u201ccan cause\u201d)"
    # compared across any two sentences: the names near them tell events apart
    if a.kind in _KEYED_BY_ATTRIBUTE:
        for x, y in ((a, b), (b, a)):
            unknown = sorted(n for n in x.names if not _knows(vocabulary.get(y.article, frozenset()), n))
            if unknown:
                return f"about {unknown[0].title()}, which the other article does not mention: another event"
    if (a.background or b.background) and a.when != b.when:
        return "background: another time than the story's"
    if a.kind == "age" and isinstance(a.value, float) and isinstance(b.value, float):
        gap = abs(a.value - b.value)
        if gap <= 1:
            return "ages one year apart: a birthday may fall between the reports"
        da, db = anchors.get(a.article), anchors.get(b.article)
        if da and db and abs((da - db).days) >= 365 * (gap - 1):
            return "ages as far apart as the articles' dates: the person's age at two times"
    # the articles' given dates; for a toll, else the dates read from their texts (a toll that rose
    # between two reports is no contradiction, and a wrong guess only keeps a pair back)
    when = {k: dates.get(k) or (anchors.get(k) if a.kind == "count" else None) for k in (a.article, b.article)}
    if a.kind in ("count", "quantity", "magnitude") and _later_and_higher(a, b, when):
        return "a later report with a higher figure: it may have grown"
    if a.kind in ("count", "quantity", "magnitude") and (a.update or b.update):
        known = dates.get(a.article), dates.get(b.article)
        if None in known or known[0] != known[1]:
            return "a figure that changes over time, reported at different moments"
    if a.kind == "count":
        for low, high in ((a, b), (b, a)):
            if high.high == float("inf") and not low.hedge and isinstance(low.value, float) and low.value < high.low:
                # "three people killed" and "at least 10 people": a toll still being counted, the lower an
                # earlier report
                return "a toll given as a lower bound above another report: it may have risen"
    for x, y in ((a, b), (b, a)):
        if any(_states(o, y) for o in by_article.get(x.article, ()) if o is not x):
            return "one article states both values"
    if a.kind == "date":
        return _why_not_date(a, b, dates)
    return None


def _why_not_date(a: Fact, b: Fact, dates: Mapping[str, dt.date | None]) -> str | None:
    if a.quoted or b.quoted:
        return "a date inside a quotation"
    if a.planned or b.planned:
        return "a date something is planned for: two plans (hearings, meetings) are often two events"
    if a.attribute == "date/4" and (
        a.relative or b.relative or (dice(a.terms, b.terms) < SAME_SPEECH and not _same_event(a, b))
    ):
        return "years in sentences that differ: background dates of different events"
    if a.span.text.lower() == b.span.text.lower():
        return "the same words, dated differently from each article's own date"
    if _said_on(a) != _said_on(b):
        return "the day something was said against the day something happened"
    if _WEEKDAY.search(a.span.text) and _WEEKDAY.search(b.span.text):
        return None
    if (a.relative or b.relative) and (dates.get(a.article) is None or dates.get(b.article) is None):
        return "a relative date in an article whose own date is not known"
    if a.relative and b.relative:
        return "two relative dates: each is read from its article's own date, which may be wrong"
    return None


def _together(a: Fact, b: Fact) -> bool:
    """Two facts that disagree with the same fact belong in one conflict: same slot, or same value."""
    return _same_slot(a, b) or _agree(a, b) == "same"


def _conflict(
    facts: Sequence[Fact],
    members: frozenset[int],
    cluster: Sequence[tuple[int, ConflictSeverity, bool]],
    rank: Mapping[str, int],
) -> Conflict:
    ordered = sorted(members, key=lambda k: (rank.get(facts[k].article, 0), facts[k].span.start))
    seen: set[tuple[str, object]] = set()
    variants = []
    for k in ordered:
        key = (facts[k].article, facts[k].pair or facts[k].value)
        if key not in seen:
            seen.add(key)
            variants.append(facts[k].span)
    first = facts[ordered[0]]
    return Conflict(
        kind=_KIND_OF.get(first.kind, "number"),
        about=_describe(first),
        variants=tuple(variants),
        severity="contradiction" if any(p[1] == "contradiction" for p in cluster) else "precision",
        within_syndication=all(p[2] for p in cluster),
    )


_KIND_OF: dict[str, ConflictKind] = {"date": "date", "time": "date", "speaker": "attribution"}


def fact_conflicts(
    facts: Sequence[Fact],
    origin: Mapping[str, str],
    *,
    dates: Mapping[str, dt.date | None] | None = None,
    order: Sequence[str] = (),
    vocabulary: Mapping[str, frozenset[str]] | None = None,
    anchors: Mapping[str, dt.date | None] | None = None,
) -> tuple[list[Conflict], list[NotReported]]:
    """Compare the facts of all articles of a story.

    Args:
        facts: every article's facts (:func:`newsweave.analyze.facts.extract_facts`).
        origin: article id -> its independent source (copies of one wire story share one).
        dates: each article's own date, where known (a later report may carry a grown figure).
        order: article ids in the story's order, for stable output.
        vocabulary: article id -> the folded words of its text: a fact next to a name the other
            article never writes is about another event.
        anchors: each article's date, given or inferred (:func:`newsweave.analyze.dating.infer_article_dates`):
            two ages as far apart as their articles' dates are one person's age at two times.

    Returns:
        The conflicts (one per slot in which articles disagree, every differing mention a variant) and
        the differing pairs that were not reported, with the reason.
    """
    dates = dates or {}
    vocabulary = vocabulary or {}
    rank = {a: i for i, a in enumerate(order)}
    by_article: dict[str, list[Fact]] = {}
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(facts):
        by_article.setdefault(f.article, []).append(f)
        buckets.setdefault(_bucket(f), []).append(i)
    pairs: dict[int, list[tuple[int, int, ConflictSeverity, bool]]] = {}
    unreported: list[NotReported] = []
    held_back: set[tuple[int, int]] = set()  # pairs that differ but are not reported (see _why_not)
    for members in buckets.values():
        later = _slot_candidates(facts, members)
        for x, i in enumerate(members):
            a = facts[i]
            for j in later(x):
                b = facts[j]
                if a.article == b.article:
                    continue
                if not _same_slot(a, b):
                    continue
                verdict = _agree(a, b)
                if verdict == "same":
                    continue
                if verdict == "precision" and (a.kind not in ("quantity", "count") or a.when != b.when):
                    continue
                why = _why_not(a, b, by_article, dates, vocabulary, anchors) if verdict == "different" else None
                if why:
                    unreported.append(NotReported(_describe(a), (a.span, b.span), why))
                    held_back.update({(i, j), (j, i)})
                    continue
                copies = origin.get(a.article, a.article) == origin.get(b.article, b.article)
                if copies and verdict == "precision":
                    continue
                severity: ConflictSeverity = "contradiction" if verdict == "different" else "precision"
                pairs.setdefault(i, []).append((i, j, severity, copies))
    # One conflict per fact and the facts it disagrees with that are about one thing together (a chain
    # a-b, b-c across two slots is two conflicts, not one). Contradictions and differences of precision
    # are grouped apart: a contradiction lists only the values that contradict ("13 people" against "10
    # people"), not "tens of thousands" of another quake that only differs in precision.
    out: list[Conflict] = []
    wanted: ConflictSeverity
    for wanted in ("contradiction", "precision"):
        partners: dict[int, list[tuple[int, ConflictSeverity, bool]]] = {}
        for plist in pairs.values():
            for i, j, severity, copies in plist:
                if severity == wanted:
                    partners.setdefault(i, []).append((j, severity, copies))
                    partners.setdefault(j, []).append((i, severity, copies))
        groups: list[tuple[set[int], list[tuple[int, ConflictSeverity, bool]]]] = []
        for i in sorted(
            partners, key=lambda k: (-len(partners[k]), rank.get(facts[k].article, 0), facts[k].span.start)
        ):
            clusters: list[list[tuple[int, ConflictSeverity, bool]]] = []
            for p in partners[i]:
                home = next((c for c in clusters if _together(facts[c[0][0]], facts[p[0]])), None)
                if home is None:
                    clusters.append([p])
                else:
                    home.append(p)
            for cluster in clusters:
                involved = {i, *(p[0] for p in cluster)}
                # one disagreement seen from several of its facts is one conflict: a group it overlaps
                # takes it in when every fact of both is about the same thing, and no two of them are a
                # pair held back ("two injured" in a first report, "five" later)
                home_group = next(
                    (
                        g
                        for g in groups
                        if g[0] & involved
                        and all(
                            _together(facts[x], facts[y]) and (x, y) not in held_back for x in g[0] for y in involved
                        )
                    ),
                    None,
                )
                if home_group is None:
                    groups.append((involved, list(cluster)))
                else:
                    home_group[0].update(involved)
                    home_group[1].extend(cluster)
        out.extend(_conflict(facts, frozenset(members), cluster, rank) for members, cluster in groups)
    out.sort(key=lambda c: (rank.get(c.variants[0].article, 0), c.variants[0].start))
    return out, unreported
