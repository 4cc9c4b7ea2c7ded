"""Options: one frozen dataclass per stage, human-level parameters, calibrated defaults.

Each constant says what it was calibrated on. Stages take their options as a keyword argument and
never read globals, so a run is fully described by these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsweave.errors import OptionsError


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read.

    Attributes:
        max_bytes: files (and JSONL lines) larger than this are rejected, not read. News pages are
            rarely above 2 MB of HTML (the largest of the 88 aeb-html pages is 1.4 MB); 10 MB leaves room.
        follow_hidden: also read dot-files inside folders.
        fetch: fetch the page of a feed entry that carries only a summary.
        allow_private: let URLs resolve to private, loopback and link-local addresses (off: a URL
            found in a feed must not reach the machine's own network).
        timeout: seconds to wait for a URL.
    """

    max_bytes: int = 10_000_000
    follow_hidden: bool = False
    fetch: bool = True
    allow_private: bool = False
    timeout: float = 20.0

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise OptionsError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.timeout <= 0:
            raise OptionsError(f"--timeout must be > 0, got {self.timeout}")


@dataclass(frozen=True)
class CleanOptions:
    """How article bodies are extracted.

    Attributes:
        cross_document: use the other articles of the story as evidence of what is on-topic.
        min_body_words: an article whose body has fewer words is rejected (``no_body``).
        boilerplate: remove boilerplate from scraped text (``False``: the text was extracted already,
            as in CC-News JSONL; it is kept as given, one paragraph per line; HTML is still extracted).
        offtopic_max_overlap: a trailing block whose share of sentences that match another article is
            at most this, while the body's share is higher, is ``offtopic`` (calibrated on the seeds'
            appended stories and checked not to fire on aeb-text pages given together).
    """

    cross_document: bool = True
    min_body_words: int = 15
    boilerplate: bool = True
    offtopic_max_overlap: float = 0.0

    def __post_init__(self) -> None:
        if self.min_body_words < 0:
            raise OptionsError(f"min_body_words must be >= 0, got {self.min_body_words}")


@dataclass(frozen=True)
class DedupOptions:
    """How syndicated copies are found.

    Attributes:
        threshold: share of the shorter article's word 5-gram shingles that must appear in the other
            for the two to be copies of one text. Seeds 003/004 (one wire story, each with its own
            additions) reach 0.63; independent reports of the same event stay below 0.15 on the seeds.
        shingle_words: words per shingle.
        num_perm: MinHash permutations (more = more precise estimate, slower).
        lsh_threshold: Jaccard threshold of the LSH candidate search; derived from ``threshold``
            when ``None`` (see :func:`newsweave.dedup.lsh_threshold`).
    """

    threshold: float = 0.4
    shingle_words: int = 5
    num_perm: int = 128
    lsh_threshold: float | None = None

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise OptionsError(f"dedup threshold must be in (0, 1), got {self.threshold}")
        if self.shingle_words < 1:
            raise OptionsError(f"shingle_words must be >= 1, got {self.shingle_words}")


@dataclass(frozen=True)
class SummaryOptions:
    """How the extractive summary is chosen.

    Attributes:
        sentences: at most this many summary sentences (``None``: no limit but ``words``).
        words: at most this many words in all (``None``: no limit but ``sentences``). Sentences are
            never cut: one that does not fit is skipped for a shorter one.
        same_sentence: token-set similarity at which sentences from different articles are the same
            statement (cited together, shown once).
        max_sentence_words: longer sentences are not picked (run-ons from bad splits).
    """

    sentences: int | None = 6
    words: int | None = None
    same_sentence: float = 0.6
    max_sentence_words: int = 60

    def __post_init__(self) -> None:
        if self.sentences is None and self.words is None:
            raise OptionsError("a summary needs a length: give --sentences, --words or both")
        if self.sentences is not None and self.sentences < 1:
            raise OptionsError(f"--sentences must be >= 1, got {self.sentences}")
        if self.words is not None and self.words < 1:
            raise OptionsError(f"--words must be >= 1, got {self.words}")


@dataclass(frozen=True)
class WriterOptions:
    """Who writes the summary: the extractive default, or an LLM behind an OpenAI-compatible endpoint.

    Attributes:
        writer: ``"extractive"`` or ``"llm"``.
        url: the endpoint's base URL (``http://localhost:11434/v1`` for Ollama).
        model: the model name the endpoint knows.
        api_key: the key, for hosted APIs (the CLI reads it from the variable ``--llm-key-env`` names).
        timeout: seconds to wait for one reply.
        retries: further attempts after a timeout, a dropped connection, HTTP 429 or 5xx.
        unsupported: ``"drop"`` a sentence the verifier cannot back, or ``"mark"`` it (shown flagged,
            never as sourced).
    """

    writer: str = "extractive"
    url: str | None = None
    model: str | None = None
    api_key: str | None = None
    timeout: float = 60.0
    retries: int = 2
    unsupported: str = "drop"

    def __post_init__(self) -> None:
        if self.writer not in ("extractive", "llm"):
            raise OptionsError(f"--writer must be extractive or llm, got {self.writer!r}")
        if self.writer == "llm" and not (self.url and self.model):
            raise OptionsError("--writer llm needs --llm-url (e.g. http://localhost:11434/v1) and --llm-model")
        if self.url and not self.url.startswith(("http://", "https://")):
            raise OptionsError(f"--llm-url must start with http:// or https://, got {self.url!r}")
        if self.timeout <= 0:
            raise OptionsError(f"--llm-timeout must be > 0, got {self.timeout}")
        if self.retries < 0:
            raise OptionsError(f"--llm-retries must be >= 0, got {self.retries}")
        if self.unsupported not in ("drop", "mark"):
            raise OptionsError(f"--llm-unsupported must be drop or mark, got {self.unsupported!r}")


@dataclass(frozen=True)
class Options:
    """All the options of one run."""

    ingest: IngestOptions = field(default_factory=IngestOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    dedup: DedupOptions = field(default_factory=DedupOptions)
    summary: SummaryOptions = field(default_factory=SummaryOptions)
    writer: WriterOptions = field(default_factory=WriterOptions)
