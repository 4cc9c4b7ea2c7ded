"""What the story clusterer reads of an article before it looks at the stream (:func:`prepare`): its
stemmed content words, the headline's, its names and numbers, and a MinHash sketch of its word
5-grams. Pure: the same for the same article and language in any process, so a batch engine's workers
can prepare articles for the client's clusterer (:mod:`newsweave.engines.stages`)."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial

import numpy as np
from datasketch import MinHash

from newsweave.clean.lines import stopwords
from newsweave.similarity import stemmed_words

# MinHash permutations of the near-copy sketches (128 in newsweave.dedup; 64 halve the cost, and F1 on
# dev stays within 0.002 for a containment threshold of 0.5-0.8).
SKETCH_PERM = 64
_MINHASH = partial(MinHash, num_perm=SKETCH_PERM, seed=1, scheme="affine32")
_SHINGLE_MIX = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1)  # odd multipliers, one per word
_PERMUTATIONS = MinHash(num_perm=SKETCH_PERM, seed=1).permutations
# An uppercase share of letters within these bounds means the text has case (names can be read).
CASE_MIN, CASE_MAX = 0.01, 0.5
# Words, and the marks after which a capitalised word opens a line, sentence or quotation (not a name).
_NAME_TOKENS = re.compile(r"\w+|[\n.!?:;\"“”‘'(«»—–•|-]")
# A near-copy carries the names of the text it copies; one that keeps the wording but not the names (a
# template reused for another event: a renamed wire story, a results table, a quake bulletin) reports
# another event. Share of the smaller set of names that must be found in the other (not fitted: a copy
# keeps nearly all of them, a reused template nearly none).
COPY_NAMES = 0.5


@dataclass(frozen=True)
class StoryItem:
    """What the clusterer sees of an article: unique ``id``, ``title`` ("" when none), ``text``, and
    ``published``: ``"YYYY-MM-DD"`` (a longer ISO timestamp, a ``date`` or ``datetime`` also do) or None."""

    id: str
    title: str
    text: str
    published: str | dt.date | None = None


@dataclass(frozen=True)
class Prepared:
    """What the clusterer reads of an article before it looks at the stream (:meth:`StoryClusterer.prepare`):
    it depends on the article and the options' language only, so it can be computed in other processes
    and pickled to the one that clusters (about half of :meth:`StoryClusterer.add`'s time). A batch
    engine with workers prepares there the articles that are not near-copies (preparing every article
    beside its cleaning cost more than it saved: most of a generated batch's articles are near-copies
    that are never clustered; 20,000 of them: 29 s -> 41 s locally, 36 s -> 47 s on two Dask workers).

    Attributes:
        id: the article's id.
        counts: content words (stemmed, no stop words) -> occurrences in title and text.
        headline: content words of the title -> occurrences there (those of ``counts`` only).
        names: capitalised words that do not open a sentence -> occurrences (empty without case).
        numbers: the words of ``counts`` with a digit at either end (empty without case).
        day: the publication date as a proleptic ordinal, or None.
        sketch_size, hashvalues: the MinHash sketch of the word 5-grams (:data:`SKETCH_PERM` values).
        language: the stop words it was read with (a clusterer of another language refuses it).
    """

    id: str
    counts: dict[str, int]
    headline: dict[str, int]
    names: dict[str, int]
    numbers: dict[str, int]
    day: int | None
    sketch_size: int
    hashvalues: np.ndarray
    language: str = "en"


def prepare(item: StoryItem, language: str = "en") -> Prepared:
    """:meth:`StoryClusterer.prepare` without a clusterer (what a batch worker runs)."""
    stop = _stop_stems(language)
    text = _full_text(item)
    stems = stemmed_words(text)
    counts = Counter(w for w in stems if len(w) > 1 and w not in stop)
    title = item.title or ""
    headline = Counter(w for w in stemmed_words(title) if w in counts) if title else Counter()
    cased = _has_case(text)
    names: dict[str, int] = Counter(_case_names(text, stop, cased))
    numbers = {t: c for t, c in counts.items() if t[0].isdigit() or t[-1].isdigit()} if cased else {}
    size, hashvalues = _sketch(stems)
    return Prepared(item.id, counts, headline, names, numbers, _day(item.published), size, hashvalues, language)


def copy_names(item: StoryItem, language: str = "en") -> frozenset[str]:
    """The names :func:`prepare` reads of an item (none without case), as :func:`names_agree` compares
    them (what a batch worker reads of every article, copies included)."""
    text = _full_text(item)
    return frozenset(_case_names(text, _stop_stems(language), _has_case(text)))


def names_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two texts' names let one be a copy of the other: one has none (no case, or no names), or
    at least :data:`COPY_NAMES` of the smaller set is in the other."""
    if not a or not b:
        return True
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & big) >= COPY_NAMES * len(small)


@lru_cache(maxsize=16)
def _stop_stems(language: str) -> frozenset[str]:
    """Stop words and their stems (terms are compared after stemming)."""
    stop = stopwords(language)
    return stop | frozenset(stemmed_words(" ".join(sorted(stop))))


@lru_cache(maxsize=65536)
def _name_stem(word: str) -> str:
    stems = stemmed_words(word)
    return stems[0] if stems else word


def _day(published: object) -> int | None:
    """Day number of a published value (ISO string, date or datetime), or None."""
    if isinstance(published, dt.date):
        return (published.date() if isinstance(published, dt.datetime) else published).toordinal()
    if published is None:
        return None
    try:
        return dt.date.fromisoformat(str(published).strip()[:10]).toordinal()
    except ValueError:
        return None


def _full_text(item: StoryItem) -> str:
    """Title and text, the title not repeated when the text already opens with it."""
    title = " ".join((item.title or "").split())
    text = item.text or ""
    if title and not " ".join(text[: len(title) + 50].split()).lower().startswith(title.lower()):
        return f"{title}\n{text}"
    return text


def _has_case(text: str) -> bool:
    sample = text[:4000]
    letters = sum(map(str.isalpha, sample))
    return letters > 0 and CASE_MIN <= sum(map(str.isupper, sample)) / letters <= CASE_MAX


def _case_names(text: str, stop: frozenset[str], cased: bool) -> list[str]:
    """:func:`_names` of a text with case (``cased``: :func:`_has_case`); none without."""
    return _names(text, stop) if cased else []


def _names(text: str, stop: frozenset[str]) -> list[str]:
    """Stems of capitalised words that do not open a line, a sentence or a quotation."""
    out = []
    opening = True
    for tok in _NAME_TOKENS.findall(text):
        if len(tok) == 1 and not tok.isalnum() and tok != "_":
            opening = True
            continue
        if not opening and tok[0].isupper():
            low = tok.lower()
            if len(low) > 1 and low not in stop:
                out.append(_name_stem(low))
        opening = False
    return out


def _sketch(tokens: list[str]) -> tuple[int, np.ndarray]:
    """MinHash sketch of word 5-gram shingles (as :func:`newsweave.dedup.shingles`, of stemmed words), each
    shingle hashed from its words' CRC-32s in numpy rather than joined and hashed as a string."""
    words = np.array([zlib.crc32(w.encode()) for w in tokens], dtype=np.uint64)
    if len(words) >= 5:
        mixed = sum(words[i : len(words) - 4 + i] * np.uint64(m) for i, m in enumerate(_SHINGLE_MIX))
        hashes = np.unique(mixed & np.uint64(0xFFFFFFFF)).tolist()
    else:
        hashes = [zlib.crc32(" ".join(tokens).encode())] if tokens else []
    mh = _MINHASH(hashfunc=int, permutations=_PERMUTATIONS)
    if hashes:
        mh.update_batch(hashes)
    return len(hashes), mh.hashvalues
