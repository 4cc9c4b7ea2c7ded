"""The records passed between stages: frozen, typed, and the only contract between them.

Data flows ``Document`` (raw input, as read) -> ``Article`` (cleaned body + what was removed) ->
``Briefing``. A :class:`Span` is ``(article id, start, end)`` into an article's cleaned ``text``,
so every statement in a briefing can be traced to the exact words it came from:
``article.text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

RemovedReason = Literal["boilerplate", "offtopic", "duplicate"]
DocumentKind = Literal["text", "html"]


@dataclass(frozen=True)
class Document:
    """One input article as read from disk, before cleaning.

    Attributes:
        id: stable, unique id (a seed file ``000_b749….txt`` becomes ``000``).
        source: path or URL it was read from; JSONL rows get ``path#L<line>``.
        content: the decoded text or HTML.
        kind: ``"text"`` for scraped text, ``"html"`` for a page.
        encoding: the encoding the bytes were decoded with.
        sha256: hash of the raw bytes (of the JSONL line for a row), so output traces back to input.
        url, title, published, outlet: metadata given with the input (JSONL fields), if any.
        warnings: non-fatal problems met while reading (replaced bytes, …).
    """

    id: str
    source: str
    content: str
    kind: DocumentKind
    encoding: str = "utf-8"
    sha256: str = ""
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rejected:
    """An input that could not be used, and why. Counted and reported, never silently dropped.

    Attributes:
        source: the file (``path#L<n>`` for a JSONL line) that was rejected.
        reason: a short machine-readable reason (``empty``, ``binary``, ``too_large``, ``no_body`` …).
        message: one line for a human: what is wrong and, where it helps, what to do.
    """

    source: str
    reason: str
    message: str


@dataclass(frozen=True)
class Removed:
    """A piece of the input that is not in the cleaned body, and why.

    Attributes:
        text: the removed text, verbatim.
        reason: ``boilerplate`` (site furniture, ads, appeals …), ``offtopic`` (another story) or
            ``duplicate`` (a repeat of text kept elsewhere in the same article).
        detail: a finer label for humans (``"donation appeal"``, ``"market ticker"`` …).
    """

    text: str
    reason: RemovedReason
    detail: str = ""


@dataclass(frozen=True)
class Article:
    """A cleaned article: its body, its metadata, and everything removed from the input."""

    id: str
    source: str
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "und"
    machine_translated: bool = False
    removed: tuple[Removed, ...] = ()
    sha256: str = ""


@dataclass(frozen=True)
class Span:
    """Exact words of one article: ``article.text[start:end] == text``."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article's cleaned text, with its offsets."""

    article: str
    index: int
    start: int
    end: int
    text: str

    def span(self) -> Span:
        """The sentence as a :class:`Span`."""
        return Span(self.article, self.start, self.end, self.text)


@dataclass(frozen=True)
class SyndicationGroup:
    """Articles that carry the same text (a wire story, a press release): one independent source.

    Attributes:
        articles: ids of the member articles, sorted.
        similarity: the lowest estimated shingle Jaccard similarity between linked members.
    """

    articles: tuple[str, ...]
    similarity: float


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of the summary, with every source that carries it and the exact evidence."""

    text: str
    sources: tuple[str, ...]
    evidence: tuple[Span, ...]
    independent_sources: int = 1


@dataclass(frozen=True)
class Story:
    """What the briefing is about."""

    id: str
    title: str
    date: str | None


@dataclass(frozen=True)
class Briefing:
    """Everything newsweave says about one story. Serialised by :mod:`newsweave.render`.

    ``claims``, ``quotes``, ``numbers``, ``conflicts``, ``timeline`` and ``framing`` are filled by the
    cross-source analysis stage; until it runs they are empty.
    """

    story: Story
    articles: tuple[Article, ...]
    syndication: tuple[SyndicationGroup, ...]
    summary: tuple[SummarySentence, ...]
    rejected: tuple[Rejected, ...] = ()
    claims: tuple[object, ...] = ()
    quotes: tuple[object, ...] = ()
    numbers: tuple[object, ...] = ()
    conflicts: tuple[object, ...] = ()
    timeline: tuple[object, ...] = ()
    framing: tuple[object, ...] = ()
    stats: dict[str, float] = field(default_factory=dict, compare=False)

    def article(self, article_id: str) -> Article:
        """The article with this id.

        Raises:
            KeyError: if no article has that id.
        """
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(article_id)

    def independent_sources(self) -> int:
        """Number of independent sources: articles, with each syndication group counted once."""
        grouped = {a for g in self.syndication for a in g.articles}
        return len(self.articles) - len(grouped) + len(self.syndication)
