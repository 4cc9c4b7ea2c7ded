"""Injections of ``benchmarks/facts.py``: the one change a fact-checker makes to a fact the articles of a
story carry alike.

:func:`choose_injections` takes the candidate facts of a story (:func:`_facts_candidates.candidate_facts`) and
picks up to ``per_story`` of them, round-robin over kinds and seeded; :func:`make_injection` builds the
:class:`Injection` (the changed value, or another speaker from :func:`speaker_replacement`).
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from _facts_candidates import Fact, Occ, Region, TextIndex, candidate_facts
from _facts_patterns import content_word
from _stories import Story

from newsweave.model import Article

KINDS = ("number", "date", "speaker")
OUTSIDE_NAME = "John Smith"


# -- injections -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Injection:
    """One change in one article: ``text[start:end]`` (== ``old``) becomes ``new``."""

    story: str
    kind: str
    subtype: str
    article: str
    start: int
    end: int
    old: str
    new: str
    expression: str
    fact: str
    articles_alike: int
    regions: tuple[Region, ...]  # in the modified text: changed characters first
    sentence_before: str
    sentence_after: str

    @property
    def delta(self) -> int:
        return len(self.new) - (self.end - self.start)

    def apply(self, articles: Sequence[Article]) -> list[Article]:
        out = []
        for a in articles:
            if a.id == self.article:
                assert a.text[self.start : self.end] == self.old, (a.text[self.start : self.end], self.old)
                a = dataclasses.replace(a, text=a.text[: self.start] + self.new + a.text[self.end :])
            out.append(a)
        return out


_QUOTE_RE = re.compile(r"\"[^\"\n]{3,}\"|“[^”\n]{3,}”|‘[^’\n]{8,}’")


def attributed_quotes(text: str, start: int, end: int, sentence: Region) -> list[Region]:
    """Quotations next to an attribution: ending just before it or starting just after it, or in its sentence."""
    out = []
    for m in _QUOTE_RE.finditer(text):
        qs, qe = m.span()
        near_before = qe <= start and start - qe <= 40 and "\n" not in text[qe:start]
        near_after = qs >= end and qs - end <= 40 and "\n" not in text[end:qs]
        inside = sentence[0] <= qs < sentence[1]
        if near_before or near_after or inside:
            out.append((qs, qe))
    return out


def _similar_sentences(target_words: set[str], index: TextIndex) -> list[str]:
    """Sentences of another article that share at least half of ``target_words``."""
    if len(target_words) < 3:
        return []
    out = []
    for s, e in zip(index.bounds, index.bounds[1:], strict=False):
        sent = index.text[s:e]
        words = {w for t in re.findall(r"[A-Za-z']+", sent) if (w := content_word(t))}
        if len(target_words & words) >= max(3, len(target_words) // 2):
            out.append(sent)
    return out


def speaker_replacement(
    occ: Occ, story: Story, indexes: dict[str, TextIndex], speakers: Sequence[Occ], rng: random.Random
) -> str:
    """Another speaker of the story no other article attaches to these words, or :data:`OUTSIDE_NAME`."""
    text = indexes[occ.article].text
    sent = indexes[occ.article].sentence(occ.start, occ.end)
    quotes = attributed_quotes(text, occ.start, occ.end, sent)
    spans = [sent, *quotes]
    target_words = {w for s, e in spans for t in re.findall(r"[A-Za-z']+", text[s:e]) if (w := content_word(t))}
    target_words -= {w.lower() for w in occ.old.split()}
    forbidden_text = " ".join(text[s:e] for s, e in spans)
    # the same quotation in another article: the paragraph that carries its first words
    patterns = []
    for qs, qe in quotes:
        words = re.findall(r"\w+", text[qs:qe])[:6]
        if len(words) >= 2:
            patterns.append(re.compile(r"\W+".join(map(re.escape, words)), re.I))
    for a in story.articles:
        if a.id != occ.article:
            forbidden_text += " " + " ".join(_similar_sentences(target_words, indexes[a.id]))
            for p in patterns:
                for m in p.finditer(a.text):
                    forbidden_text += " " + indexes[a.id].line(m.start())
    old_toks = {t.lower() for t in occ.old.split()}
    candidates = sorted(
        {
            o.old
            for o in speakers
            if len(o.old.split()) >= 2
            and not ({t.lower() for t in o.old.split()} & old_toks)
            and not any(re.search(rf"\b{re.escape(t)}\b", forbidden_text) for t in o.old.split() if len(t) > 2)
        }
    )
    name = rng.choice(candidates) if candidates else OUTSIDE_NAME
    return name if len(occ.old.split()) > 1 else name.split()[-1]


def make_injection(story: Story, fact: Fact, occ: Occ, new: str, indexes: dict[str, TextIndex]) -> Injection:
    text = indexes[occ.article].text
    modified = text[: occ.start] + new + text[occ.end :]
    mod_index = TextIndex(modified)
    changed = (occ.start, occ.start + len(new))
    regions: list[Region] = [changed]
    sent_before = indexes[occ.article].sentence(occ.start, occ.end)
    sent_after = mod_index.sentence(*changed)
    if fact.kind == "speaker":
        regions.append(sent_after)
        regions.extend(attributed_quotes(modified, changed[0], changed[1], sent_after))
    return Injection(
        story=story.name,
        kind=fact.kind,
        subtype=occ.subtype,
        article=occ.article,
        start=occ.start,
        end=occ.end,
        old=occ.old,
        new=new,
        expression=occ.form,
        fact=f"{fact.key} ~ {', '.join(sorted(fact.words)[:6])}" if fact.words else str(fact.key),
        articles_alike=len(fact.articles),
        regions=tuple(regions),
        sentence_before=text[sent_before[0] : sent_before[1]],
        sentence_after=modified[sent_after[0] : sent_after[1]],
    )


def choose_injections(
    story: Story, seed: int, per_story: int, skipped: Counter[str]
) -> tuple[list[Injection], dict[str, int]]:
    """Up to ``per_story`` injections, spread round-robin over kinds (and number subtypes), seeded."""
    rng = random.Random(f"{seed}:{story.name}")
    indexes = {a.id: TextIndex(a.text) for a in story.articles}
    facts, speaker_occs = candidate_facts(story, indexes, skipped)
    pools: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for kind in KINDS:
        for f in facts[kind]:
            if not f.targets:
                continue
            sub = Counter(o.subtype for o in f.targets).most_common(1)[0][0] if kind == "number" else kind
            pools[(kind, sub)].append(f)
    counts = {kind: sum(1 for f in facts[kind] if f.targets) for kind in KINDS}
    for pool in pools.values():
        rng.shuffle(pool)
    # round-robin over kinds, and over number subtypes within "number"
    kind_order = list(KINDS)
    rng.shuffle(kind_order)
    sub_orders = {k: sorted(s for kk, s in pools if kk == k) for k in KINDS}
    for subs in sub_orders.values():
        rng.shuffle(subs)
    sub_turn = dict.fromkeys(KINDS, 0)
    out: list[Injection] = []
    while len(out) < per_story and any(pools.values()):
        progressed = False
        for kind in kind_order:
            if len(out) >= per_story:
                break
            subs = [s for s in sub_orders[kind] if pools[(kind, s)]]
            if not subs:
                continue
            sub = subs[sub_turn[kind] % len(subs)]
            sub_turn[kind] += 1
            fact = pools[(kind, sub)].pop()
            progressed = True
            articles = sorted({o.article for o in fact.targets})
            art = rng.choice(articles)
            occ = rng.choice([o for o in fact.targets if o.article == art])
            if kind == "speaker":
                new = speaker_replacement(occ, story, indexes, speaker_occs, rng)
            else:
                assert occ.new is not None
                new = occ.new
            if new == occ.old:
                continue
            out.append(make_injection(story, fact, occ, new, indexes))
        if not progressed:
            break
    return out, counts
