"""Conflicts: where sources that carry the same statement disagree on a number, a date or a fact.

Within each aligned statement, the mentions of two *independent* sources (syndicated copies carry
one text and cannot disagree with each other in a way that matters) are compared:

- **numbers**: quantities of compatible things are paired up first where they are the same quantity
  (:func:`newsweave.analyze.numbers.compare` says ``same``); what is left unpaired on both sides and
  compatible is a conflict: ``contradiction`` when the values cannot both hold ("5,937 soldiers
  killed" vs "6,200"), ``precision`` when they differ only in how precise they are ("thousands" vs
  "tens of thousands" vs "more than 100,000");
- **dates**: resolved dates are paired where equal or where one refines the other ("October" and
  "October 28"); unpaired dates of the same precision that differ are a ``contradiction``;
- **statements**: two near-verbatim mentions where one negates what the other asserts.

Attribution conflicts (the same quote given to different speakers) come from
:mod:`newsweave.analyze.quotes`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from newsweave.analyze.claims import Statement
from newsweave.analyze.numbers import compare
from newsweave.model import Conflict, ConflictSeverity, DateMention, Quantity, Sentence, Span
from newsweave.similarity import dice

_NEGATION = re.compile(r"\b(?:not|no|never|n't|none|nobody|neither|nor|without|denied|denies|deny)\b|n't\b", re.I)
# Mentions this close (content-term Dice) say the same thing unless one negates it.
NEGATION_MIN_SIMILARITY = 0.75


def _inside(span: Span, sentence: Sentence) -> bool:
    return span.article == sentence.article and sentence.start <= span.start and span.end <= sentence.end


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def number_conflicts(
    statement: Statement, quantities: Mapping[str, Sequence[Quantity]], origin: Mapping[str, str]
) -> list[Conflict]:
    """Number conflicts among the mentions of one statement."""
    per_mention = [(m, [q for q in quantities.get(m.article, ()) if _inside(q.span, m)]) for m in statement.mentions]
    found: dict[tuple[str, str], Conflict] = {}
    for i, (ma, qa) in enumerate(per_mention):
        for mb, qb in per_mention[i + 1 :]:
            if origin.get(ma.article, ma.article) == origin.get(mb.article, mb.article):
                continue
            left, right = list(qa), list(qb)
            for a in list(left):  # pair up the same quantities first
                match = next((b for b in right if compare(a, b) == "same"), None)
                if match is not None:
                    left.remove(a)
                    right.remove(match)
            for a in left:
                for b in right:
                    verdict = compare(a, b)
                    if verdict == "unrelated" and not math.isclose(a.value, b.value) and _same_slot(a, ma, b, mb):
                        verdict = "different"
                    if verdict not in ("different", "precision"):
                        continue
                    key = (a.span.article + str(a.span.start), b.span.article + str(b.span.start))
                    unit = a.unit or b.unit or "a number"
                    found[key] = Conflict(
                        kind="number",
                        about=f"{unit} in “{_short(statement.representative.text)}”",
                        variants=(a.span, b.span),
                        severity="contradiction" if verdict == "different" else "precision",
                    )
    return _merge(list(found.values()))


_SLOT_WORD = re.compile(r"[^\W\d_]+")


def _same_slot(a: Quantity, ma: Sentence, b: Quantity, mb: Sentence) -> bool:
    """Two numbers without a shared unit fill the same place in two aligned sentences: the words just
    before them, or just after them, are the same ("scored 22 points" / "scored 27 points")."""
    if a.unit and b.unit:
        return False

    def around(q: Quantity, m: Sentence) -> tuple[list[str], list[str]]:
        before = _SLOT_WORD.findall(m.text[: q.span.start - m.start].lower())[-2:]
        after = _SLOT_WORD.findall(m.text[q.span.end - m.start :].lower())[:2]
        return before, after

    (ba, aa), (bb, ab) = around(a, ma), around(b, mb)
    return (len(ba) == 2 and ba == bb) or (len(aa) == 2 and aa == ab)


def date_conflicts(
    statement: Statement, dates: Mapping[str, Sequence[DateMention]], origin: Mapping[str, str]
) -> list[Conflict]:
    """Date conflicts among the mentions of one statement."""
    per_mention = [(m, [d for d in dates.get(m.article, ()) if _inside(d.span, m)]) for m in statement.mentions]
    found = []
    for i, (ma, da) in enumerate(per_mention):
        for mb, db in per_mention[i + 1 :]:
            if origin.get(ma.article, ma.article) == origin.get(mb.article, mb.article):
                continue
            left, right = list(da), list(db)
            for a in list(left):  # the same date on both sides
                match = next((b for b in right if b.date == a.date), None)
                if match is not None:
                    left.remove(a)
                    right.remove(match)
            # Dates of one precision that differ conflict; a coarser date ("this year", "October")
            # neither conflicts with a finer one nor hides a conflict between two finer ones.
            for a in left:
                for b in right:
                    if len(a.date) == len(b.date) and a.date != b.date:
                        found.append(
                            Conflict(
                                kind="date",
                                about=f"the date in “{_short(statement.representative.text)}”",
                                variants=(a.span, b.span),
                            )
                        )
    return _merge(found)


def statement_conflicts(
    statement: Statement, terms: Mapping[tuple[str, int], frozenset[str]], origin: Mapping[str, str]
) -> list[Conflict]:
    """Near-verbatim mentions of which one negates the other."""
    out = []
    mentions = statement.mentions
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            if origin.get(a.article, a.article) == origin.get(b.article, b.article):
                continue
            if dice(terms[(a.article, a.start)], terms[(b.article, b.start)]) < NEGATION_MIN_SIMILARITY:
                continue
            if len(_NEGATION.findall(a.text)) % 2 != len(_NEGATION.findall(b.text)) % 2:
                out.append(
                    Conflict(
                        kind="statement",
                        about=f"whether “{_short(statement.representative.text)}”",
                        variants=(a.span(), b.span()),
                    )
                )
    return out


def _merge(conflicts: list[Conflict]) -> list[Conflict]:
    """Merge pairwise conflicts that share a variant into one conflict with all variants."""
    merged: list[Conflict] = []
    for c in conflicts:
        for k, m in enumerate(merged):
            if m.kind == c.kind and set(m.variants) & set(c.variants):
                variants = m.variants + tuple(v for v in c.variants if v not in m.variants)
                severity: ConflictSeverity = (
                    "contradiction" if "contradiction" in (m.severity, c.severity) else "precision"
                )
                merged[k] = Conflict(m.kind, m.about, variants, severity, m.claim)
                break
        else:
            merged.append(c)
    return merged
