"""Options: one frozen dataclass per stage, human-level parameters, calibrated defaults.

Each constant says what it was calibrated on. Stages take their options as a keyword argument and
never read globals, so a run is fully described by these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsweave.errors import OptionsError

# Inputs per slice of ``newsweave batch``: the client holds one slice of cleaned inputs at a time (with
# their raw bytes and sketches: about 0.5 GB per 25,000 generated articles), whatever the corpus size.
SLICE_ITEMS = 25_000


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
    # keep the differing values that were not reported as conflicts, with the reason (brief --explain)
    explain: bool = False


@dataclass(frozen=True)
class ServeOptions:
    """How ``newsweave serve`` runs the web app and HTTP API.

    Attributes:
        host: the address to listen on. Anything but loopback makes write endpoints require ``token``.
        port: the TCP port.
        token: the bearer token write endpoints require (``Authorization: Bearer …`` or the upload
            form's token field); required when ``host`` is not loopback.
        max_request_bytes: the largest request body accepted (uploads included). 10 MB, the same cap
            as one input file (:attr:`IngestOptions.max_bytes`).
        max_articles: the most articles one request may post or brief: briefing 200 articles takes
            about a minute on one core, longer than a browser waits.
        page_size: stories per page when a request gives no ``limit``; ``max_page_size`` caps ``limit``.
        cache_size: briefings kept in memory (each holds a story's articles and analysis).
        fetch_timeout: seconds to wait for each URL posted to the ingest endpoint.
        allowed_hosts: extra ``Host`` header values to accept besides the listening address and
            ``localhost`` (a name the server is reached by). Other hosts are refused, which stops DNS
            rebinding from reaching a loopback server through a browser.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    max_request_bytes: int = 10_000_000
    max_articles: int = 200
    page_size: int = 50
    max_page_size: int = 200
    cache_size: int = 64
    fetch_timeout: float = 20.0
    allowed_hosts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise OptionsError(f"--port must be between 1 and 65535, got {self.port}")
        if self.token is not None and len(self.token) < 16:
            raise OptionsError(
                "the token must be at least 16 characters: "
                "python -c 'import secrets; print(secrets.token_urlsafe())' makes one"
            )
        if not self.loopback and not self.token:
            raise OptionsError(
                f"serving on {self.host} (not loopback) needs a token for write endpoints: set --token-env NAME"
            )
        if self.max_request_bytes < 1_000 or self.max_articles < 1 or self.cache_size < 0:
            raise OptionsError("--max-request-bytes must be >= 1000, --max-articles >= 1 and the cache size >= 0")
        if not 1 <= self.page_size <= self.max_page_size:
            raise OptionsError(f"page size must be between 1 and {self.max_page_size}")

    @property
    def loopback(self) -> bool:
        """The server listens on a loopback address only."""
        import ipaddress

        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False
