"""Claims: the sentences of all articles aligned into statements of fact, each with its sources.

Two sentences of *different* articles are the same statement when their content terms (stemmed
content words; numbers left out, so that a changed number still aligns and shows as a conflict)
reach a Dice similarity of :attr:`SummaryOptions.same_sentence`, and they have the same modality
(a meeting that "will" happen is not the meeting that happened). Linking is greedy and
complete-ish: a sentence joins a statement only if it is close to one member and not far from any
(:data:`LINK_FLOOR`), which stops chains A~B~C where A and C say different things.

A statement is scored for the summary by the independent sources that carry it (syndicated copies
count once), its centrality in the story and how early it comes in its articles.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from newsweave.clean.phrases import MONTHS
from newsweave.config import SummaryOptions
from newsweave.dedup import count_independent, origin_map
from newsweave.model import Article, Claim, ClaimStatus, Conflict, Sentence, SyndicationGroup
from newsweave.sentences import split_sentences
from newsweave.similarity import content_terms, dice

# Weights of the ranking, calibrated by eye on the seeds and two ECB+ topics (issue 4 tunes them on
# Multi-News): corroboration dominates; centrality and position break ties among equals.
W_SOURCES = 1.0
W_CENTRALITY = 0.6
W_POSITION = 0.3
MIN_WORDS = 5
# A sentence joins a statement only if it is at least this share of ``same_sentence`` close to
# every sentence already in it (stops chains A~B~C where A and C say different things).
LINK_FLOOR = 0.7
_PLANNED = re.compile(
    r"\b(?:will|shall|won't|would|is to|are to|plans? to|planning to|planned|intends? to|"
    r"(?:is|are|was|were) (?:set|expected|due|going|scheduled|likely) to|in the coming (?:days|weeks))\b",
    re.I,
)


def is_planned(text: str) -> bool:
    """The sentence speaks of something announced or expected, not something that happened."""
    return bool(_PLANNED.search(text))


@dataclass(frozen=True)
class Statement:
    """One statement carried by one or more articles (near-identical sentences)."""

    mentions: tuple[Sentence, ...]
    terms: frozenset[str]
    independent: int
    score: float
    order: float

    @property
    def representative(self) -> Sentence:
        """The mention shown as the statement's text (the first, i.e. the most central)."""
        return self.mentions[0]


_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag freitag samstag "
    "sonntag lunes martes miércoles jueves viernes sábado domingo today yesterday tomorrow tonight night"
)
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
)
_DATE_WORDS = frozenset(_WEEKDAYS.split()) | frozenset(MONTHS) | frozenset(_NUMBER_WORDS.split())


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")


def summary_worthy(sentence: Sentence, *, max_words: int = 60) -> bool:
    """A sentence that reads well on its own: a full stop, balanced quotes, 6 to ``max_words`` words;
    not a question (a headline's "Could this be …?"), not a fragment that starts in lower case. (A
    sentence that is only a quotation is judged by the summary, which knows the speakers:
    :func:`bare_quote`.)"""
    text = sentence.text.strip()
    if not 6 <= len(text.split()) <= max_words:
        return False
    if text[-1:] not in ".!…\"'”’»)" or text.rstrip("\"'”’»)")[-1:] == "?":
        return False  # headings, captions, bullets without a full stop; questions
    if text[:1].islower():
        return False  # a fragment: the rest of a sentence the splitter cut
    # a piece of a longer quotation: out of context, it misleads
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def bare_quote(text: str) -> bool:
    """A sentence that is a quotation and nothing else: whose words they are is not in it."""
    text = text.strip()
    outside = _QUOTED.sub(" ", text)
    return text[:1] in '“"«' and len(re.findall(r"[^\W\d_]+", outside)) < 2


def _candidates(
    articles: Sequence[Article], opts: SummaryOptions, sentences: Mapping[str, Sequence[Sentence]] | None
) -> list[tuple[Sentence, float]]:
    out = []
    for art in articles:
        sents = sentences[art.id] if sentences is not None and art.id in sentences else split_sentences(art)
        n = max(len(sents), 1)
        for s in sents:
            if MIN_WORDS <= len(s.text.split()) <= 2 * opts.max_sentence_words:
                out.append((s, s.index / n))
    return out


def _most_shared(counts: Counter[int], k: int) -> list[tuple[int, int]]:
    """The ``k`` groups with the highest counts, ties by the lower group id: what
    ``heapq.nsmallest(k, counts.items(), key=lambda kv: (-kv[1], kv[0]))`` gives, without a Python key
    call per group (a common word is held by most of a big story's groups)."""
    if len(counts) <= k:
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    least = heapq.nlargest(k, counts.values())[-1]
    top = sorted([(g, c) for g, c in counts.items() if c > least], key=lambda kv: (-kv[1], kv[0]))
    ties = heapq.nsmallest(k - len(top), [g for g, c in counts.items() if c == least])
    return top + [(g, least) for g in ties]


def _merge_groups(
    groups: dict[int, list[int]],
    cands: Sequence[tuple[Sentence, float]],
    link_terms: Sequence[frozenset[str]],
    modality: Sequence[bool],
    same: float,
) -> dict[int, list[int]]:
    """Join groups the greedy pass left apart (a sentence joins the first group that takes it, so its
    near-copy in a third article may have started a group of its own): two groups become one when a
    sentence of each is ``same``-alike, no article is in both, their modality agrees and no two of
    their sentences are far apart. Candidates come from the terms groups share (the eight that share
    most), as in the first pass."""
    holders: dict[str, set[int]] = {}
    for g, members in groups.items():
        for i in members:
            for term in link_terms[i]:
                holders.setdefault(term, set()).add(g)
    for a in sorted(groups):
        if a not in groups:
            continue
        shared: Counter[int] = Counter()
        for i in groups[a]:
            for term in link_terms[i]:
                shared.update(holders.get(term, ()))
        for b, _n in _most_shared(shared, 9):
            if b == a or b not in groups or a not in groups:
                continue
            ga, gb = groups[a], groups[b]
            if {cands[i][0].article for i in ga} & {cands[j][0].article for j in gb}:
                continue
            if modality[ga[0]] != modality[gb[0]]:
                continue
            sims = [dice(link_terms[i], link_terms[j]) for i in ga for j in gb]
            if max(sims) >= same and min(sims) >= LINK_FLOOR * same:
                groups[a] = sorted(ga + gb)
                for j in gb:
                    for term in link_terms[j]:
                        holders[term].discard(b)
                        holders[term].add(a)
                del groups[b]
    return groups


def build_statements(
    articles: Sequence[Article],
    syndication: Sequence[SyndicationGroup],
    *,
    options: SummaryOptions | None = None,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
) -> list[Statement]:
    """Group the candidate sentences of all articles into statements and score them.

    ``sentences`` (article id -> its sentences) saves splitting the articles again.
    """
    opts = options or SummaryOptions()
    lang = {a.id: a.language if a.language != "und" else "en" for a in articles}
    mt = {a.id: a.machine_translated for a in articles}
    cands = _candidates(articles, opts, sentences)
    terms = [content_terms(s.text, lang[s.article]) for s, _ in cands]
    # Numbers and date words are compared by the conflict stage, not used to align: a sentence whose
    # number or day was changed must still align with the others, so the difference shows.
    link_terms = [frozenset(t for t in ts if not t.isdigit() and t not in _DATE_WORDS) for ts in terms]
    # Story centroid: term frequencies over all candidates, for centrality.
    df: Counter[str] = Counter()
    for t in terms:
        df.update(t)
    total = max(len(terms), 1)

    # Group near-identical sentences of *different* articles. Greedy complete-ish linkage: a
    # sentence joins a group only if it is close to one member and not far from any, and only if
    # it has the same modality (a meeting that "will" happen is not the meeting that happened).
    modality = [is_planned(s.text) for s, _ in cands]
    # term -> group -> how many of the group's sentences hold the term (a group's count of shared terms
    # is then summed per group, not per earlier sentence)
    # (a group's id once per sentence of it that holds the term: counted in C by Counter)
    holding: dict[str, list[int]] = {}
    groups: dict[int, list[int]] = {}
    for i, t in enumerate(link_terms):
        proposals = Counter(chain.from_iterable(holding[term] for term in t if term in holding))
        joined = None
        # most shared terms first, ties by the earlier group: never by the order a set of strings is
        # iterated in, which changes with the process's hash seed
        for g, _shared in _most_shared(proposals, 8):
            members = groups[g]
            if any(cands[m][0].article == cands[i][0].article for m in members):
                continue
            if any(modality[m] != modality[i] for m in members):
                continue
            sims = [dice(t, link_terms[m]) for m in members]
            if max(sims) >= opts.same_sentence and min(sims) >= LINK_FLOOR * opts.same_sentence:
                joined = g
                break
        if joined is None:
            joined = i
            groups[i] = []
        groups[joined].append(i)
        for term in t:
            holding.setdefault(term, []).append(joined)

    groups = _merge_groups(groups, cands, link_terms, modality, opts.same_sentence)
    origin = origin_map(articles, syndication)
    n_sources = count_independent([a.id for a in articles], origin)

    statements = []
    for members in groups.values():
        # One mention per article: the one closest to the others.
        best_per_article: dict[str, int] = {}
        for i in members:
            art = cands[i][0].article
            if art not in best_per_article or cands[i][1] < cands[best_per_article[art]][1]:
                best_per_article[art] = i
        chosen = list(best_per_article.values())
        close = {
            i: sum(dice(terms[i], terms[j]) for j in chosen if j != i)
            - (0.5 if mt.get(cands[i][0].article) else 0.0)  # prefer a human-written wording
            for i in chosen
        }
        merged: frozenset[str] = frozenset().union(*(terms[i] for i in chosen))
        centrality = sum(math.log1p(df[t]) for t in sorted(merged)) / (1 + len(merged)) / math.log1p(total)
        chosen.sort(key=lambda i: (-close[i], cands[i][1], cands[i][0].article))
        independent = count_independent([cands[i][0].article for i in chosen], origin)
        position = 1.0 - sum(cands[i][1] for i in chosen) / len(chosen)
        score = W_SOURCES * independent / max(n_sources, 1) + W_CENTRALITY * centrality + W_POSITION * position
        statements.append(
            Statement(
                mentions=tuple(cands[i][0] for i in chosen),
                terms=merged,
                independent=independent,
                score=score,
                order=1.0 - position,
            )
        )
    statements.sort(key=lambda s: (-s.score, s.representative.article, s.representative.start))
    return statements


def to_claims(
    statements: Sequence[Statement], conflicts: Sequence[Conflict] = ()
) -> tuple[tuple[Claim, ...], dict[int, str]]:
    """Claim records for statements, in story order, with their status.

    Args:
        statements: from :func:`build_statements`.
        conflicts: conflicts found among the statements' mentions; a statement with a
            ``contradiction`` among its mentions is ``contested``.

    Returns:
        The claims (ids ``c1``, ``c2`` … in story order) and a map from statement index to claim id.
    """
    contested_spans = {(v.article, v.start) for c in conflicts if c.severity == "contradiction" for v in c.variants}
    order = sorted(range(len(statements)), key=lambda i: (statements[i].order, statements[i].representative.article))
    claims = []
    ids: dict[int, str] = {}
    for n, i in enumerate(order, start=1):
        st = statements[i]
        cid = f"c{n}"
        ids[i] = cid
        status: ClaimStatus
        if any(_inside(m, contested_spans) for m in st.mentions) and len({m.article for m in st.mentions}) > 1:
            status = "contested"
        elif st.independent >= 2:
            status = "consensus"
        else:
            status = "single_source"
        claims.append(
            Claim(
                id=cid,
                text=st.representative.text,
                mentions=tuple(m.span() for m in st.mentions),
                sources=tuple(sorted({m.article for m in st.mentions})),
                independent_sources=st.independent,
                status=status,
            )
        )
    return tuple(claims), ids


def _inside(sentence: Sentence, spans: set[tuple[str, int]]) -> bool:
    return any(a == sentence.article and sentence.start <= s < sentence.end for a, s in spans)
