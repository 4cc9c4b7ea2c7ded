"""Briefing the story: the summary (extractive by default, an optional LLM writer) and the story record.

- :mod:`newsweave.brief.extractive`: the default summary, budgeted coverage of corroborated concepts.
- :mod:`newsweave.brief.verify`: checks a written sentence against the evidence it cites.
- :mod:`newsweave.brief.llm`: the optional writer behind any OpenAI-compatible endpoint.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from newsweave.analyze.claims import Statement, build_statements, is_planned
from newsweave.brief.extractive import summarize
from newsweave.model import Article, Story
from newsweave.sentences import split_sentences
from newsweave.similarity import content_terms, dice

__all__ = ["Statement", "build_statements", "is_planned", "make_story", "summarize"]


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
