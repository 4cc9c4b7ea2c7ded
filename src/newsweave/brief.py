"""The extractive summary: what independent sources agree on, each sentence with its evidence.

1. Every sentence of every article is a candidate (too short, too long or heading-like ones aside).
2. Sentences from different articles that say the same thing (content-term Dice similarity at least
   :attr:`SummaryOptions.same_sentence`) form one *statement*, which cites all of them.
3. Statements are ranked by the number of *independent* sources that carry them (syndicated copies
   count once), then by centrality (similarity to the whole story) and by how early they come in
   their articles (news puts the main facts first).
4. The best statements are taken greedily, skipping any too close to one already taken, and shown
   in story order (by the mean relative position of their mentions).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.config import SummaryOptions
from newsweave.dedup import count_independent, origin_map
from newsweave.model import Article, Sentence, Story, SummarySentence, SyndicationGroup
from newsweave.sentences import split_sentences
from newsweave.similarity import content_terms, dice

# Weights of the ranking, calibrated by eye on the seeds and two ECB+ topics (issue 4 tunes them on
# Multi-News): corroboration dominates; centrality and position break ties among equals.
W_SOURCES = 1.0
W_CENTRALITY = 0.6
W_POSITION = 0.3
# Two selected statements may share at most this much (Dice) – avoids saying one thing twice.
MAX_REDUNDANCY = 0.45
MIN_WORDS = 6
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


def _candidates(articles: Sequence[Article], opts: SummaryOptions) -> list[tuple[Sentence, float]]:
    out = []
    for art in articles:
        sents = split_sentences(art)
        n = max(len(sents), 1)
        for s in sents:
            words = len(s.text.split())
            if not MIN_WORDS <= words <= opts.max_sentence_words:
                continue
            if s.text[-1:] not in ".!?…\"'”’»)":
                continue  # headings, captions, bullets without a full stop
            if s.text.count("“") != s.text.count("”") or s.text.count('"') % 2:
                continue  # a piece of a longer quotation: out of context, it misleads
            out.append((s, s.index / n))
    return out


def build_statements(
    articles: Sequence[Article],
    syndication: Sequence[SyndicationGroup],
    *,
    options: SummaryOptions | None = None,
) -> list[Statement]:
    """Group the candidate sentences of all articles into statements and score them."""
    opts = options or SummaryOptions()
    lang = {a.id: a.language if a.language != "und" else "en" for a in articles}
    mt = {a.id: a.machine_translated for a in articles}
    cands = _candidates(articles, opts)
    terms = [content_terms(s.text, lang[s.article]) for s, _ in cands]
    # Story centroid: term frequencies over all candidates, for centrality.
    df: Counter[str] = Counter()
    for t in terms:
        df.update(t)
    total = max(len(terms), 1)

    # Group near-identical sentences of *different* articles. Greedy complete-ish linkage: a
    # sentence joins a group only if it is close to one member and not far from any, and only if
    # it has the same modality (a meeting that "will" happen is not the meeting that happened).
    modality = [is_planned(s.text) for s, _ in cands]
    index: dict[str, list[int]] = {}
    group_of: list[int] = []
    groups: dict[int, list[int]] = {}
    for i, t in enumerate(terms):
        proposals: Counter[int] = Counter()
        for term in t:
            for j in index.get(term, ()):
                proposals[group_of[j]] += 1
        joined = None
        for g, _shared in proposals.most_common(8):
            members = groups[g]
            if any(cands[m][0].article == cands[i][0].article for m in members):
                continue
            if any(modality[m] != modality[i] for m in members):
                continue
            sims = [dice(t, terms[m]) for m in members]
            if max(sims) >= opts.same_sentence and min(sims) >= LINK_FLOOR * opts.same_sentence:
                joined = g
                break
        if joined is None:
            joined = i
            groups[i] = []
        groups[joined].append(i)
        group_of.append(joined)
        for term in t:
            index.setdefault(term, []).append(i)

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
        centrality = sum(math.log1p(df[t]) for t in merged) / (1 + len(merged)) / math.log1p(total)
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


def summarize(
    articles: Sequence[Article],
    syndication: Sequence[SyndicationGroup],
    *,
    options: SummaryOptions | None = None,
) -> tuple[SummarySentence, ...]:
    """The summary: ``options.sentences`` statements, each citing every source that carries it.

    Args:
        articles: the story's cleaned articles.
        syndication: groups of copies (they count as one source).
        options: summary length and thresholds.

    Returns:
        Summary sentences in story order, each with its sources and evidence spans.
    """
    opts = options or SummaryOptions()
    picked: list[Statement] = []
    for st in build_statements(articles, syndication, options=opts):
        if len(picked) >= opts.sentences:
            break
        if any(dice(st.terms, p.terms) > MAX_REDUNDANCY for p in picked):
            continue
        picked.append(st)
    picked.sort(key=lambda s: s.order)
    out = []
    for st in picked:
        sources = tuple(sorted({m.article for m in st.mentions}))
        out.append(
            SummarySentence(
                text=st.representative.text,
                sources=sources,
                evidence=tuple(m.span() for m in st.mentions),
                independent_sources=st.independent,
            )
        )
    return tuple(out)


def make_story(articles: Sequence[Article]) -> Story:
    """The story record: a stable id from the articles' content, a title, and a date.

    The title is the article title most similar to the other articles' titles (the most typical
    headline); the date is the most common publication date among the articles (the cross-source
    analysis infers a better one from the text).
    """
    digest = hashlib.sha256("\n".join(sorted(a.sha256 or a.id for a in articles)).encode()).hexdigest()
    titles = [a.title for a in articles if a.title]
    title = ""
    if titles:
        term_sets = [content_terms(t) for t in titles]
        title = max(
            zip(titles, term_sets, strict=True),
            key=lambda ts: sum(dice(ts[1], other) for other in term_sets),
        )[0]
    elif articles:
        first = split_sentences(articles[0])
        title = first[0].text if first else articles[0].text[:120]
    dates = Counter(a.published[:10] for a in articles if a.published)
    date = dates.most_common(1)[0][0] if dates else None
    return Story(id=digest[:12], title=title, date=date)
