"""Copies of one wire story that differ: an edit of one text, reported with ``within_syndication`` (and
still one independent source)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

from newsweave.analyze import numbers as N
from newsweave.analyze.conflicts import shorten
from newsweave.analyze.doc import AnnotatedArticle, surname
from newsweave.analyze.speakers import fold, parse_speaker
from newsweave.model import Conflict, ConflictKind, Span, SyndicationGroup

_TOKEN = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_MONTH_OR_DAY = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_SPEECH_NEAR = re.compile(r"(?i)\b(?:said|says|told|tells|according|added|asked|stated|wrote)\b")


def copy_conflicts(docs: Mapping[str, AnnotatedArticle], syndication: Sequence[SyndicationGroup]) -> list[Conflict]:
    """Edits between copies of one wire story: a number, a date or a speaker's name changed.

    The copies are aligned word by word (:class:`difflib.SequenceMatcher`); a short replaced stretch
    (at most three words each side) with a digit on both sides, a month or weekday on both sides, or a
    capitalised name next to a speech verb is a conflict marked ``within_syndication``.
    """
    out: list[Conflict] = []
    for group in syndication:
        ids = [i for i in group.articles if i in docs]
        for x, ia in enumerate(ids):
            for ib in ids[x + 1 :]:
                out.extend(_diff(docs[ia], docs[ib]))
    return out


def _words(text: str) -> tuple[list[re.Match[str]], list[str]]:
    tokens = list(_TOKEN.finditer(text))
    # compared without punctuation and quotation marks, which copies restyle ("pain,’" / "pain,\"")
    return tokens, [fold(re.sub(r"[^\w]", "", t.group())) or t.group() for t in tokens]


def _names_differ(a: AnnotatedArticle, sa: Span, b: AnnotatedArticle, sb: Span) -> bool:
    """Both stretches are (in) names of people, with different surnames: "Putin" / "Peskov"."""

    def name_at(doc: AnnotatedArticle, span: Span) -> str | None:
        for p in doc.people:
            if p.start < span.end and span.start < p.end:
                return p.person
        for q in doc.quotes:  # a speaker the article names only once ("Peskov said")
            s = q.speaker_span
            if s is not None and s.start < span.end and span.start < s.end and parse_speaker(s.text).kind == "name":
                return parse_speaker(s.text).name
        return None

    na, nb = name_at(a, sa), name_at(b, sb)
    return na is not None and nb is not None and surname(na) != surname(nb)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _number_value(text: str) -> float | None:
    """The number a replaced stretch writes ("5 937", "5,937" -> 5937.0), if it is one number."""
    clock = re.fullmatch(r"\D*(\d{1,2}):\s?(\d\d)\D*", text)
    if clock:  # "6:00" and "6" (p.m.) are one time
        return int(clock.group(1)) + int(clock.group(2)) / 60
    return N.parse_number(re.sub(r"[^\d.,\s%-]", "", text).strip(" .,-"))


def _diff(a: AnnotatedArticle, b: AnnotatedArticle) -> list[Conflict]:
    ta, ka = _words(a.text)
    tb, kb = _words(b.text)
    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace" or i2 - i1 > 3 or j2 - j1 > 3 or i1 == 0 or j1 == 0:
            continue
        # only an edit inside text the copies share: the words either side are the same
        if i2 >= len(ka) or j2 >= len(kb) or ka[i1 - 1] != kb[j1 - 1] or ka[i2] != kb[j2]:
            continue
        wa, wb = [t.group() for t in ta[i1:i2]], [t.group() for t in tb[j1:j2]]
        sa = Span(a.id, ta[i1].start(), ta[i2 - 1].end(), a.text[ta[i1].start() : ta[i2 - 1].end()])
        sb = Span(b.id, tb[j1].start(), tb[j2 - 1].end(), b.text[tb[j1].start() : tb[j2 - 1].end()])
        if "\n" in sa.text or "\n" in sb.text:
            continue
        sentence = a.sentence_at(sa.start)
        context = shorten(sentence.text) if sentence else sa.text
        kind: ConflictKind | None = None
        if any(_MONTH_OR_DAY.match(w) for w in wa) and any(_MONTH_OR_DAY.match(w) for w in wb):
            kind = "date"
        elif any(_DIGIT.search(w) for w in wa) and any(_DIGIT.search(w) for w in wb):
            va, vb = _number_value(sa.text), _number_value(sb.text)
            same_words = _letters(sa.text) == _letters(sb.text)  # "24km" / "15 miles" is a conversion
            kind = "number" if same_words and va is not None and vb is not None and va != vb else None
        elif _names_differ(a, sa, b, sb):
            window = a.text[max(0, sa.start - 25) : sa.end + 25]
            kind = "attribution" if _SPEECH_NEAR.search(window) else None
        if kind is None:
            continue
        what = {"date": "the date", "number": "the figure", "attribution": "who is speaking"}[kind]
        out.append(
            Conflict(kind, f"{what} in “{context}” (copies of one wire story)", (sa, sb), within_syndication=True)
        )
    return out
