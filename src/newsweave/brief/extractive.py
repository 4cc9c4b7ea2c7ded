"""The extractive summary: what independent sources corroborate, in as few words as the budget allows.

The selection is budgeted maximum coverage of *concepts* (Gillick and Favre's bigram concepts, chosen
greedily as in Lin and Bilmes' cost-benefit greedy):

1. Every content bigram of the story (adjacent stemmed words, not both stop words) is a concept. Its
   weight is the number of *independent* sources that contain it, cubed: what three outlets write
   outweighs what one writes 27 to 1, and syndicated copies count once. A story with one source
   weighs its concepts by how often they recur instead.
2. Candidates are the aligned statements of the analysis (near-identical sentences of different
   outlets are one statement citing all of them), shown by a sentence that reads well on its own.
3. Greedily, the statement with the most *new* concept weight per word is taken, boosted by how early
   it comes in its articles; concepts already covered count nothing, so a second wording of the same
   fact gains nothing and is not taken. A statement too close to one already taken is skipped.
4. Until the budget is spent: ``sentences`` statements and/or ``words`` words (a statement that would
   overflow the word budget is skipped for a shorter one).
5. Shown in the order of events: the lead first (the picked statement outlets put earliest), then the
   others by the date of the event they report (from the timeline), then by position.

The weights were calibrated on rows 0-49 of ../shared/data/mds/multinews_dev.jsonl (see
``benchmarks/summaries.py``); rows 50-99 and the NeuS set are the held-out check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from newsweave.analyze.claims import Statement, bare_quote, build_statements, summary_worthy
from newsweave.clean.lines import stopwords
from newsweave.config import SummaryOptions
from newsweave.dedup import origin_map
from newsweave.model import (
    Article,
    ClaimStatus,
    Conflict,
    Quote,
    Sentence,
    Span,
    SummarySentence,
    SyndicationGroup,
    TimelineEntry,
)
from newsweave.sentences import split_sentences
from newsweave.similarity import dice, stemmed_words

Concept = tuple[str, str]

# Calibrated on Multi-News dev rows 0-49 (250-word budget); see the module docstring.
CORROBORATION_POWER = 3.0  # concept weight = independent sources carrying it ** 3
W_POSITION = 0.5  # gain x (1 + W_POSITION x (1 - relative position of the statement's earliest mention))
# A candidate's gain is divided by its length in words to this power (below 1, a longer sentence costs
# less than its length: the scaled cost of Lin & Bilmes 2010).
LENGTH_POWER = 1.0
# Two picked statements may share at most this much (Dice of content terms): not one thing twice.
MAX_REDUNDANCY = 0.45


@dataclass(frozen=True)
class Candidate:
    """A statement that can be picked, with what the selection needs to know about it."""

    statement: int
    sentence: Sentence
    words: int
    position: float
    concepts: frozenset[Concept]


def concepts(text: str, language: str = "en") -> frozenset[Concept]:
    """The content bigrams of ``text``: adjacent stemmed words, not both stop words."""
    stop = stopwords(language)
    words = stemmed_words(text)
    return frozenset((a, b) for a, b in zip(words, words[1:], strict=False) if a not in stop or b not in stop)


def concept_weights(
    sentences: Mapping[str, Sequence[Sentence]], origin: Mapping[str, str], language: Mapping[str, str]
) -> dict[Concept, float]:
    """Weight of every concept of the story: independent sources carrying it, cubed.

    Args:
        sentences: each article's sentences.
        origin: article id -> its independent source (syndicated copies share one).
        language: article id -> ISO 639-1 code, for stop words.

    Returns:
        concept -> weight. With a single independent source, the square root of how often it occurs.
    """
    carriers: dict[Concept, set[str]] = {}
    counts: Counter[Concept] = Counter()
    for article, sents in sentences.items():
        source = origin.get(article, article)
        for s in sents:
            cs = concepts(s.text, language.get(article, "en"))
            counts.update(cs)
            for c in cs:
                carriers.setdefault(c, set()).add(source)
    if len(set(origin.get(a, a) for a in sentences)) < 2:
        return {c: n**0.5 for c, n in counts.items()}
    return {c: float(len(src)) ** CORROBORATION_POWER for c, src in carriers.items()}


def select(
    candidates: Sequence[Candidate],
    weights: Mapping[Concept, float],
    *,
    sentences: int | None,
    words: int | None,
    overflow: bool = False,
    terms: Sequence[frozenset[str]] | None = None,
) -> list[int]:
    """Pick candidates greedily by new concept weight per word (lazy greedy: gains only shrink).

    Args:
        candidates: the statements that may be picked.
        weights: concept weights (:func:`concept_weights`).
        sentences: at most this many (``None``: no limit).
        words: at most this many words (``None``: no limit).
        overflow: let the last pick cross the word budget (for scorers that cut the text to the budget
            themselves, as ROUGE evaluations do); otherwise a candidate that does not fit is skipped.
        terms: content terms per candidate; a candidate too close to a picked one is skipped.

    Returns:
        Indexes into ``candidates``, best first.
    """
    covered: set[Concept] = set()

    def gain(i: int) -> float:
        c = candidates[i]
        new = sum(weights.get(x, 0.0) for x in c.concepts - covered)
        return new / max(c.words, 1) ** LENGTH_POWER * (1.0 + W_POSITION * (1.0 - c.position))

    heap = [(-gain(i), i) for i in range(len(candidates))]
    heapq.heapify(heap)
    picked: list[int] = []
    used = 0
    while heap:
        if sentences is not None and len(picked) >= sentences:
            break
        if words is not None and used >= words:
            break
        _, i = heapq.heappop(heap)
        g = gain(i)
        if heap and g < -heap[0][0] - 1e-12:
            heapq.heappush(heap, (-g, i))  # stale: its gain shrank since it was pushed
            continue
        if g <= 0.0:
            break
        c = candidates[i]
        if words is not None and not overflow and used + c.words > words:
            continue
        if terms is not None and any(dice(terms[i], terms[p]) > MAX_REDUNDANCY for p in picked):
            continue
        picked.append(i)
        covered |= c.concepts
        used += c.words
    return picked


# Reading order of a summary: the news first (the story's day, within NEWS_DAYS, or an undated sentence
# from the first NEWS_POSITION of its article), then what happened in the RECENT_DAYS before, then context.
NEWS_DAYS = 2
# Context fills at most this share of the summary; the selection is redone without the extra context at
# most MAX_CONTEXT_ROUNDS times.
MAX_CONTEXT_SHARE = 1 / 3
MAX_CONTEXT_ROUNDS = 4
RECENT_DAYS = 31
NEWS_POSITION = 0.35


class _Salience:
    """When each statement happened, and whether it is the news, what came shortly before, or context.

    A statement is dated by the earliest ``happened`` timeline entry one of its mentions carries, if
    that date is a month or a day; one more than a year from the story (``story_date``) is context. An
    undated statement is the news when it comes early in its article (:data:`NEWS_POSITION`), context
    when late.
    """

    def __init__(self, statements: Sequence[Statement], timeline: Sequence[TimelineEntry], story_date: str | None):
        self.statements = statements
        self.story_date = story_date
        self.dated: dict[tuple[str, int], str] = {}
        for entry in timeline:
            if entry.kind not in ("happened", "planned") or len(entry.date) < 7:
                continue
            for m in entry.mentions:
                key = (m.article, m.start)
                self.dated[key] = min(self.dated.get(key, entry.date), entry.date)

    def _days(self, c: Candidate) -> list[str]:
        return [
            day
            for m in self.statements[c.statement].mentions
            for (a, start), day in self.dated.items()
            if a == m.article and m.start <= start < m.end
        ]

    def date(self, c: Candidate) -> str:
        days = self._days(c)
        return min(days) if days else (self.story_date or "")

    def tier(self, c: Candidate) -> int:
        """0: the news (the story's day, or undated and early in its article); 1: what came shortly
        before (within RECENT_DAYS) or is expected after the story's day; 2: context (older, undated and
        late in its article, or undated and naming a year two or more before the story's: "the biggest
        confrontation since the 1962 Cuban Missile crisis")."""
        days, story = self._days(c), self.story_date or ""
        day = min(days) if days else story
        if not days and story and _older_year(c.sentence.text, int(story[:4])):
            return 2
        if not day or day == story:
            return 0 if c.position < NEWS_POSITION else 2
        if story and abs(int(day[:4]) * 12 + int(day[5:7]) - _months(story)) > 12:
            return 2
        if len(day) == 10 and len(story) == 10:
            gap = (dt.date.fromisoformat(story) - dt.date.fromisoformat(day)).days
            if gap < 0:
                return 1  # announced for a later day: what is expected, after the news
            return 0 if gap <= NEWS_DAYS else 1 if gap <= RECENT_DAYS else 2
        return 1 if story and day[:7] == story[:7] else 2


def event_order(
    picked: Sequence[Candidate],
    statements: Sequence[Statement],
    timeline: Sequence[TimelineEntry] = (),
    story_date: str | None = None,
    told: Collection[str] = (),
) -> list[Candidate]:
    """The picked statements in reading order: the lead, then the news, what came shortly before (by
    date), and context last (see :class:`_Salience`). With ``told`` (the articles a previous briefing
    was built from), what the other articles bring comes first, each part in that order."""
    if not picked:
        return []
    sal = _Salience(statements, timeline, story_date)

    def old(c: Candidate) -> bool:
        return bool(told) and all(m.article in told for m in statements[c.statement].mentions)

    lead = min(picked, key=lambda c: (old(c), c.position))
    rest = sorted(
        (c for c in picked if c is not lead),
        key=lambda c: (old(c), sal.tier(c), sal.date(c) if sal.tier(c) == 1 else "", c.position),
    )
    return [lead, *rest]


# A year as a sentence names it ("since the 1962 Cuban Missile crisis", "in 1991"), not a count
# ("1,962 people", "2000 troops").
_YEAR = re.compile(
    r"(?<![\d,.$€£#-])\b(1[89]\d\d|20\d\d)\b(?![.,]\d|\s*(?:%|percent|per\s+cent|(?!was\b|has\b|is\b|as\b)[a-z]+s\b))"
)


def _older_year(text: str, story_year: int) -> bool:
    """Whether ``text`` names a year two or more before ``story_year``."""
    return any(int(m.group(1)) <= story_year - 2 for m in _YEAR.finditer(text))


def _months(day: str) -> int:
    return int(day[:4]) * 12 + int(day[5:7]) if len(day) >= 7 else int(day[:4]) * 12


def summarize(
    articles: Sequence[Article],
    syndication: Sequence[SyndicationGroup],
    *,
    options: SummaryOptions | None = None,
    statements: Sequence[Statement] | None = None,
    claim_ids: Mapping[int, str] | None = None,
    conflicts: Sequence[Conflict] = (),
    quotes: Sequence[Quote] = (),
    timeline: Sequence[TimelineEntry] = (),
    story_date: str | None = None,
    overflow: bool = False,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    told: Collection[str] = (),
) -> tuple[SummarySentence, ...]:
    """The summary: the statements that cover most of what independent sources corroborate.

    What several independent sources agree on is favoured; a single-source statement that makes it
    in is labelled as such; a statement the sources disagree on is shown with its variants
    (``note``), never silently picked. Every sentence keeps its evidence: one span per outlet.

    Args:
        articles: the story's cleaned articles.
        syndication: groups of copies (they count as one source).
        options: the length budget (``sentences`` and/or ``words``) and thresholds.
        statements: aligned statements (from the analysis); built here when not given.
        claim_ids: statement index -> claim id, to link each summary sentence to its claim.
        conflicts: the analysis's conflicts; those touching a statement's mentions are noted.
        quotes: the analysis's quotes; a sentence that lies inside a quotation (a speaker's words cut
            from their attribution) is not shown as if the outlet said it.
        timeline: the analysis's timeline, to order sentences by the events they report.
        story_date: the day of the main event (undated sentences are about it).
        overflow: let the last sentence cross the word budget (see :func:`select`).
        sentences: article id -> its sentences, as the analysis split them (split here when not given).
        told: ids of articles a reader has had a briefing of (``brief --since``): what only they carry is
            shown after what the other articles bring. The selection does not depend on it.

    Returns:
        Summary sentences in reading order.
    """
    opts = options or SummaryOptions()
    if sentences is None:
        sentences = {a.id: split_sentences(a) for a in articles}
    if statements is None:
        statements = build_statements(articles, syndication, options=opts, sentences=sentences)
    inside_quote: dict[str, set[tuple[int, int]]] = {}  # article -> spans of its quotations
    for quote in quotes:
        for q in quote.mentions:
            inside_quote.setdefault(q.article, set()).add((q.start, q.end))
    # whose words a sentence that is only a quotation holds: shown in its note; unknown, it is left out
    speaker_of: dict[str, list[tuple[int, str]]] = {}
    for quote in quotes:
        for q in quote.mentions:
            if quote.speaker:
                speaker_of.setdefault(q.article, []).append((q.start, quote.speaker))

    def said_by(m: Sentence) -> str | None:
        return next((who for s, who in speaker_of.get(m.article, ()) if m.start <= s < m.end), None)

    def worthy(m: Sentence) -> bool:
        if bare_quote(m.text) and said_by(m) is None:
            return False
        return summary_worthy(m, max_words=opts.max_sentence_words) and not any(
            s <= m.start and m.end <= e + 1 for s, e in inside_quote.get(m.article, ())
        )

    lang = {a.id: a.language if a.language not in ("und", "") else "en" for a in articles}
    counts = {a.id: max(len(sentences.get(a.id, ())), 1) for a in articles}
    # Every wording of a statement is a candidate (the shortest that says it may win); once one is
    # picked, the others are redundant with it and skipped.
    candidates = [
        Candidate(i, m, len(m.text.split()), m.index / counts.get(m.article, 1), concepts(m.text, lang[m.article]))
        for i, st in enumerate(statements)
        for m in st.mentions
        if worthy(m)
    ]
    weights = concept_weights(sentences, origin_map(articles, syndication), lang)
    salience = _Salience(statements, timeline, story_date)
    excluded: set[int] = set()
    for _ in range(MAX_CONTEXT_ROUNDS):
        # context (background, history) may close the summary, never fill more than a third of it
        pool = [c for c in candidates if c.statement not in excluded]
        chosen = select(
            pool,
            weights,
            sentences=opts.sentences,
            words=opts.words,
            overflow=overflow,
            terms=[statements[c.statement].terms for c in pool],
        )
        context = [pool[i].statement for i in chosen if salience.tier(pool[i]) == 2]
        cap = int(len(chosen) * MAX_CONTEXT_SHARE)
        if len(context) <= cap:
            break
        excluded |= set(context[cap:])
    picked_candidates = [pool[i] for i in chosen]
    ordered = event_order(picked_candidates, statements, timeline, story_date, told)
    out = []
    for c in ordered:
        sentence = _summary_sentence(c, statements[c.statement], claim_ids, conflicts)
        who = said_by(c.sentence) if bare_quote(c.sentence.text) else None
        if who:
            words = f"the words of {who}"
            sentence = dataclasses.replace(sentence, note=f"{words}; {sentence.note}" if sentence.note else words)
        out.append(sentence)
    return tuple(out)


def _summary_sentence(
    c: Candidate, st: Statement, claim_ids: Mapping[int, str] | None, conflicts: Sequence[Conflict]
) -> SummarySentence:
    rep = c.sentence
    touching = [x for x in conflicts if any(_within(v, st) for v in x.variants)]
    hard = [x for x in touching if x.severity == "contradiction"]
    status: ClaimStatus = "contested" if hard else "consensus" if st.independent >= 2 else "single_source"
    return SummarySentence(
        text=rep.text,
        sources=tuple(sorted({m.article for m in st.mentions})),
        evidence=(rep.span(), *(m.span() for m in st.mentions if m is not rep)),
        independent_sources=st.independent,
        status=status,
        claim=claim_ids.get(c.statement) if claim_ids else None,
        note=_note(st, touching),
    )


def _within(span: Span, st: Statement) -> bool:
    return any(m.article == span.article and m.start <= span.start < m.end for m in st.mentions)


def _note(st: Statement, conflicts: Sequence[Conflict]) -> str | None:
    """A reader's note: single source, or how the sources differ."""
    parts = []
    for c in conflicts:
        variants = "; ".join(f"{v.article}: “{v.text}”" for v in c.variants)
        label = "differ in precision" if c.severity == "precision" else "disagree"
        who = "copies of one wire story" if c.within_syndication else "sources"
        parts.append(f"{who} {label} on {c.about} ({variants})")
    if st.independent < 2 and not parts:
        return f"single source: {', '.join(sorted({m.article for m in st.mentions}))}"
    return "; ".join(parts) or None
