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
        raw: the bytes ``sha256`` is the hash of (the file, decompressed; the JSONL line), kept so that a
            store can trace every article back to what was read.
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
    raw: bytes | None = field(default=None, repr=False, compare=False)


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
    published_inferred: bool = False
    published_evidence: str | None = None
    not_before: str | None = None
    short: bool = False  # a short item kept whole (a headline and a sentence or two, as feeds give them)


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
    status: ClaimStatus = "consensus"
    claim: str | None = None
    note: str | None = None
    claims: tuple[str, ...] = ()
    writer: WriterName = "extractive"
    verified: bool | None = None


WriterName = Literal["extractive", "llm"]


@dataclass(frozen=True)
class DroppedSentence:
    """A sentence the LLM wrote that the verifier could not back with its cited passages."""

    text: str
    claims: tuple[str, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class WriterReport:
    """Who wrote the summary, and what the verifier did with an LLM's sentences.

    Attributes:
        writer: ``"llm"`` when at least one sentence came from the model, else ``"extractive"``.
        model, url: the model and endpoint asked, for an LLM run.
        fallback: why the extractive summary was used instead of the model's, if it was.
        written: sentences the model wrote.
        dropped: sentences dropped (or, with ``unsupported="mark"``, kept and marked) as unsupported.
        withheld: claims not sent to the model because they read as instructions to an AI.
    """

    writer: WriterName = "extractive"
    model: str | None = None
    url: str | None = None
    fallback: str | None = None
    written: int = 0
    dropped: tuple[DroppedSentence, ...] = ()
    withheld: tuple[str, ...] = ()


# -- cross-source analysis ---------------------------------------------------------------------------

ClaimStatus = Literal["consensus", "single_source", "contested"]
ConflictKind = Literal["number", "date", "attribution", "statement"]
ConflictSeverity = Literal["contradiction", "precision"]
EventKind = Literal["happened", "planned"]


@dataclass(frozen=True)
class Quantity:
    """One number as written in one article, parsed and normalised.

    Attributes:
        value: the number ("300 000" -> 300000.0, "two million" -> 2000000.0, "33%" -> 33.0).
        unit: what is counted or measured, lower-cased ("reservists", "soldiers killed or wounded",
            "rubles", "%"), ``None`` when nothing is said.
        hedge: the qualifier as written ("more than", "about", "nearly", "up to", "-plus"), if any.
        low, high: the interval the expression allows: "more than 100,000" -> (100000, inf);
            "about 41,000" -> (~36900, ~45100); "tens of thousands" -> (10000, 99999).
        vague: an order of magnitude in words ("thousands", "hundreds of thousands"), not a count.
        span: the exact words, hedge and unit included.
    """

    value: float
    unit: str | None
    hedge: str | None
    low: float
    high: float
    vague: bool
    span: Span


@dataclass(frozen=True)
class NumberFact:
    """One quantity across the story: the same count written differently is one record.

    A score or a record ("31-24", "52-3") is one too: ``unit`` is ``score`` or ``record``, ``value`` its
    first figure and ``pair`` both ("31-24")."""

    value: float
    unit: str | None
    mentions: tuple[Span, ...]
    hedges: tuple[str, ...] = ()
    pair: str | None = None


@dataclass(frozen=True)
class DateMention:
    """A date expression resolved against its article's date.

    Attributes:
        date: ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
        expression: the words as written ("on Friday", "23 November", "late October").
        kind: ``planned`` when the sentence announces or expects it, else ``happened``.
        span: the exact words of the expression.
        sentence: the sentence it sits in.
    """

    date: str
    expression: str
    kind: EventKind
    span: Span
    sentence: Span


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event of the story, with the sentences of every article that date it."""

    date: str
    text: str
    kind: EventKind
    mentions: tuple[Span, ...]


@dataclass(frozen=True)
class Quote:
    """A quotation, with every article that carries it (in any translation) and who said it.

    Attributes:
        speaker: the most specific attribution ("Dmitry Peskov" over "a Kremlin spokesperson").
        text: the quoted words of the first mention (without quotation marks).
        mentions: the quoted words in each article.
        speakers: every attribution as written, one per mention (``None`` where there is none).
        paraphrase: the words in quotation marks are not what the other outlets quote verbatim.
    """

    speaker: str | None
    text: str
    mentions: tuple[Span, ...]
    speakers: tuple[str | None, ...] = ()
    paraphrase: bool = False


@dataclass(frozen=True)
class Claim:
    """A statement of fact aligned across sources."""

    id: str
    text: str
    mentions: tuple[Span, ...]
    sources: tuple[str, ...]
    independent_sources: int
    status: ClaimStatus


@dataclass(frozen=True)
class Conflict:
    """Sources that disagree on one thing: a number, a date, a speaker or a statement.

    Attributes:
        kind: what differs.
        about: what the variants are about, in words ("soldiers killed or wounded, Nov. 9 estimate").
        variants: one mention per differing variant.
        severity: ``contradiction`` when the variants cannot all be true, ``precision`` when they
            differ only in how precise they are ("thousands" vs "more than 100,000").
        claim: the id of the claim the conflict belongs to, if any.
        within_syndication: the variants are copies of one wire story that were edited differently
            (one independent source, which contradicts itself).
    """

    kind: ConflictKind
    about: str
    variants: tuple[Span, ...]
    severity: ConflictSeverity = "contradiction"
    claim: str | None = None
    within_syndication: bool = False


@dataclass(frozen=True)
class NotReported:
    """Two values of one fact that differ but were not reported as a conflict, and why (``--explain``).

    Attributes:
        about: what the values are about ("number of people killed").
        variants: the two mentions.
        reason: why they are not a contradiction ("a later report with a higher figure: it may have grown").
    """

    about: str
    variants: tuple[Span, ...]
    reason: str


@dataclass(frozen=True)
class Framing:
    """The loaded or evaluative words one article uses that the other sources do not.

    ``loaded_terms`` are the news lexicon's (``newsweave/data/loaded_terms.tsv``: despot, regime,
    propaganda …), words that take a side wherever an outlet writes them; ``evaluative_terms`` are words
    the sentiment lexicons rate strongly ("raging", "heartless", "happy"), which colour a text only in
    some uses. ``mentions`` holds the spans of both.
    """

    article: str
    loaded_terms: tuple[str, ...]
    mentions: tuple[Span, ...] = ()
    evaluative_terms: tuple[str, ...] = ()


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
    cross-source analysis stage; until it runs they are empty. ``not_reported`` (differing values that
    are not contradictions, with why) is filled only when asked (``Options.explain``).
    """

    story: Story
    articles: tuple[Article, ...]
    syndication: tuple[SyndicationGroup, ...]
    summary: tuple[SummarySentence, ...]
    rejected: tuple[Rejected, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    numbers: tuple[NumberFact, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    framing: tuple[Framing, ...] = ()
    coverage: dict[str, object] = field(default_factory=dict, compare=False)
    stats: dict[str, float] = field(default_factory=dict, compare=False)
    writer: WriterReport = field(default_factory=WriterReport)
    not_reported: tuple[NotReported, ...] = ()

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
