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
from collections import Counter
from collections.abc import Mapping, Sequence

from newsweave.analyze.claims import Statement, build_statements, is_planned, summary_worthy
from newsweave.config import SummaryOptions
from newsweave.model import (
    Article,
    ClaimStatus,
    Conflict,
    Quote,
    Sentence,
    Span,
    Story,
    SummarySentence,
    SyndicationGroup,
)
from newsweave.sentences import split_sentences
from newsweave.similarity import content_terms, dice

__all__ = ["Statement", "build_statements", "is_planned", "make_story", "summarize"]

# The statement grouping and its ranking weights live in newsweave.analyze.claims (re-exported here).
# Two selected statements may share at most this much (Dice): avoids saying one thing twice.
MAX_REDUNDANCY = 0.45


def summarize(
    articles: Sequence[Article],
    syndication: Sequence[SyndicationGroup],
    *,
    options: SummaryOptions | None = None,
    statements: Sequence[Statement] | None = None,
    claim_ids: Mapping[int, str] | None = None,
    conflicts: Sequence[Conflict] = (),
    quotes: Sequence[Quote] = (),
) -> tuple[SummarySentence, ...]:
    """The summary: ``options.sentences`` statements, each citing every source that carries it.

    What several independent sources agree on comes first; single-source facts fill the rest and are
    labelled as such; a statement the sources disagree on is shown with its variants (``note``),
    never silently picked.

    Args:
        articles: the story's cleaned articles.
        syndication: groups of copies (they count as one source).
        options: summary length and thresholds.
        statements: aligned statements (from the analysis); built here when not given.
        claim_ids: statement index -> claim id, to link each summary sentence to its claim.
        conflicts: the analysis's conflicts; those touching a statement's mentions are noted.
        quotes: the analysis's quotes; a sentence that lies inside a quotation (a speaker's words cut
            from their attribution) is not shown as if the outlet said it.

    Returns:
        Summary sentences: corroborated ones in story order, then single-source ones.
    """
    opts = options or SummaryOptions()
    inside_quote = {(q.article, q.start, q.end) for quote in quotes for q in quote.mentions}

    def worthy(m: Sentence) -> bool:
        return summary_worthy(m, max_words=opts.max_sentence_words) and not any(
            a == m.article and s <= m.start and m.end <= e + 1 for a, s, e in inside_quote
        )

    if statements is None:
        statements = build_statements(articles, syndication, options=opts)
    ranked = sorted(range(len(statements)), key=lambda i: (statements[i].independent < 2, -statements[i].score))
    picked: list[int] = []
    for i in ranked:
        if len(picked) >= opts.sentences:
            break
        st = statements[i]
        if not any(worthy(m) for m in st.mentions):
            continue
        if any(dice(st.terms, statements[p].terms) > MAX_REDUNDANCY for p in picked):
            continue
        picked.append(i)
    picked.sort(key=lambda i: (statements[i].independent < 2, statements[i].order))
    out = []
    for i in picked:
        st = statements[i]
        rep = next(m for m in st.mentions if worthy(m))
        touching = [c for c in conflicts if any(_within(v, st) for v in c.variants)]
        hard = [c for c in touching if c.severity == "contradiction"]
        status: ClaimStatus = "contested" if hard else "consensus" if st.independent >= 2 else "single_source"
        out.append(
            SummarySentence(
                text=rep.text,
                sources=tuple(sorted({m.article for m in st.mentions})),
                evidence=(rep.span(), *(m.span() for m in st.mentions if m is not rep)),
                independent_sources=st.independent,
                status=status,
                claim=claim_ids.get(i) if claim_ids else None,
                note=_note(st, touching),
            )
        )
    return tuple(out)


def _within(span: Span, st: Statement) -> bool:
    return any(m.article == span.article and m.start <= span.start < m.end for m in st.mentions)


def _note(st: Statement, conflicts: Sequence[Conflict]) -> str | None:
    """A reader's note: single source, or how the sources differ."""
    parts = []
    for c in conflicts:
        variants = "; ".join(f"{v.article}: “{v.text}”" for v in c.variants)
        label = "differ in precision" if c.severity == "precision" else "disagree"
        parts.append(f"sources {label} on {c.about} ({variants})")
    if st.independent < 2 and not parts:
        return f"single source: {', '.join(sorted({m.article for m in st.mentions}))}"
    return "; ".join(parts) or None


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
