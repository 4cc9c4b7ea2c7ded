"""The incremental story clusterer (the algorithm is described in :mod:`newsweave.cluster`): features
weighted by the stream, candidate stories, the join decision, splits, merges, the repair pass, closing,
and the state that lets a stream continue where it stopped."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import heapq
import json
import math
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from operator import itemgetter
from typing import Any, Literal

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsweave.cluster.reading import (
    _MINHASH,
    _PERMUTATIONS,
    SKETCH_PERM,
    Prepared,
    StoryItem,
    names_agree,
    prepare,
)
from newsweave.cluster.vectors import Packed, Vector, by_mean, dot, gram, ratio, spectral_cut, unit
from newsweave.config import DedupOptions
from newsweave.dedup import Sketch, containment, lsh_threshold
from newsweave.errors import OptionsError

STATE_VERSION = 1
TERMS, NAMES, NUMBERS = 0, 1, 2
# Pseudo-articles in which no term occurs, added to the IDF counts: in a young stream (20 articles on
# one story) the story's own words would otherwise look common. 0-200 move B3 F1 on dev by < 0.01.
IDF_PRIOR_DOCS = 100
# BM25 saturation of term frequency (Robertson's usual k1 and b; k1 of 0.5-2.0 moves F1 by < 0.015).
BM25_K1, BM25_B = 1.2, 0.75
# BM25F: the headline is a second field; each of its words adds this much to the (length-normalised)
# frequency of the word in the text, before saturation. A headline says what the story is; the body
# says much else. On dev: GoogleNews 0.9592 -> 0.9596 in file order and 0.952 -> 0.964 over four
# shuffled orders, ECB+ 0.922 -> 0.925; ECB+ with its date ties shuffled 0.856 -> 0.852 (30 orders).
TITLE_WEIGHT = 2.0
# Retrieval: terms of an article looked up in the index, stories then scored exactly, and the top terms
# a story is indexed under (re-chosen at 1, 2, 4, 8, 16, 24, 32, ... articles). On dev, F1 does not move
# with 60 query terms, 10 or 40 candidates, 25 or 100 index terms; 15 query terms cost 0.01.
QUERY_TERMS, MAX_CANDIDATES, INDEX_TERMS = 30, 20, 50
# A term indexed for more open stories than this names no story: it is not used to find candidates.
MAX_POSTING = 500
# A story keeps at most this many terms; a vocabulary (IDF counts) above MAX_VOCABULARY forgets hapaxes.
MAX_STORY_TERMS, MAX_VOCABULARY = 1500, 1_000_000
# Per story, the vectors of the last RECENT_ITEMS articles (terms cut to RECENT_TERMS) for the split
# test; a split leaves at least SPLIT_MIN articles on each side.
RECENT_ITEMS, RECENT_TERMS, SPLIT_MIN = 8, 150, 3
# A story of at most REPAIR_ITEMS articles keeps every article's vectors, and is tested for two stories
# grown as one (:meth:`StoryClusterer._repair`) when it reaches one of the sizes REPAIR_AT. On GoogleNews
# dev, 32 instead of 64 gives the same shuffled mean and a lower worst order (0.9637 vs 0.9679); 128 the
# same mean and 0.002 less in file order.
REPAIR_ITEMS = 64
REPAIR_AT = frozenset({6, 8, 12, 16, 24, 32, 48, 64})
# Copies of an article come within hours or days of it: only the latest MAX_SKETCHES articles are sketched
# (about 90 MB of LSH tables; 20,000 is six days of a 100,000-articles-a-month stream).
MAX_SKETCHES = 20_000
# Entries of a dict or list per piece of :meth:`StoryClusterer.state_json`.
STATE_CHUNK = 10_000

_WEIGHT = itemgetter(1)  # sort key of (term, weight); ties keep the (deterministic) insertion order


@dataclass(frozen=True)
class ClusterOptions:
    """Parameters of :class:`StoryClusterer` (see the module docstring), one set of defaults for all data.

    Attributes:
        threshold: term cosine to a story's centroid needed to join it, for a long article (shorter texts
            need less, see ``length_scale``). B3 F1 on ECB+ / GoogleNews dev: 0.925 / 0.9596 at 0.24
            (with the headline as a BM25F field), 0.9157-0.9272 / 0.9534-0.9608 over 0.23-0.25 with
            ``length_scale`` 70-90 and ``merge_threshold`` 0.28-0.32. ``merge_threshold`` 0.28 gives
            GoogleNews 0.9608 in file order but no more over shuffled orders (0.9635 vs 0.9639): not taken.
        half_life_days: similarity to a story halves per this many days between the article and the story.
        window_days: stories idle for longer, in the stream's own time, close. Four half-lives: at a decay
            of 1/16 no article could join them anyway.
        max_active: at most this many open stories; the least recently updated close first. It must hold
            the stories that still receive articles, about five days of new stories: a stream of a
            million articles a month starts about 2,000 a day, and 2,000 open stories cut its stories
            into pieces (generated stream clustered alone, 100,000 articles with 1/10 of the bound, as
            dense: B3 0.54 at 200, 0.63 at 500, 0.947 at 1,000, 0.948 at 2,000; ``batch`` of 1,000,000 on
            Dask: 0.377 at 2,000, 0.539 at 10,000, client peak 1.9 -> 2.5 GB). An open story costs
            about 25 KB.
        length_scale: content words at which a text's reliability is one half.
        join_ratio: share of a story's coherence an article's mean cosine to its articles must reach.
        event_threshold: names-and-numbers cosine a candidate story must reach (text with case).
        number_weight: share of the numbers cosine in it, when both sides have numbers.
        merge_ratio, split_ratio: cross-to-coherence ratios of a merge (at or above) and a split (below).
        repair_ratio: the same ratio below which a young story is cut in two, whatever order its articles
            came in (0: never). On GoogleNews dev, fitted on one half of the stories and read on the other:
            0.2-0.4 all gain on both halves over five shuffled orders; 0.3 gives the whole set 0.9661 in
            file order and 0.9693 (0.9679-0.9725) shuffled, against 0.9596 and 0.9535 (0.9445-0.9639)
            without; ECB+ dev does not move.
        event_repair_ratio: the same ratio, on term and event (names and numbers) cosines added (each over
            its mean), below which a young story with names is cut in two (0: never). Two events of one
            kind share their topic words, not their names. On ECB+ dev over ten shuffled orders, fitted on
            topics 1-12 and read on 13-25 (0.55 of 0.5 / 0.55 / 0.6): 0.891 -> 0.902; fitted on 13-25 and
            read on 1-12 (0.6): 0.851 -> 0.885; the whole set in file order loses 0.925 -> 0.912 (a
            15-article heist story cut in two); GoogleNews (no case, no names) does not move.
        merge_threshold: centroid cosine at which two stories without names merge.
        duplicate_threshold: share of an article's word 5-grams found in an earlier one that makes it a
            near-copy.
        language: ISO 639-1 code of the stop-word list.
    """

    threshold: float = 0.24
    half_life_days: float = 7.0
    window_days: float = 28.0
    max_active: int = 10_000
    length_scale: float = 80.0
    join_ratio: float = 0.3
    event_threshold: float = 0.22
    number_weight: float = 0.45
    merge_ratio: float = 0.7
    merge_threshold: float = 0.3
    split_ratio: float = 0.65
    repair_ratio: float = 0.3
    event_repair_ratio: float = 0.55
    duplicate_threshold: float = 0.6
    language: str = "en"

    def __post_init__(self) -> None:
        for name in ("threshold", "merge_threshold", "duplicate_threshold"):
            if not 0.0 < getattr(self, name) < 1.0:
                raise OptionsError(f"{name} must be in (0, 1), got {getattr(self, name)}")
        for name in (
            "join_ratio",
            "event_threshold",
            "number_weight",
            "split_ratio",
            "repair_ratio",
            "event_repair_ratio",
        ):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise OptionsError(f"{name} must be in [0, 1], got {getattr(self, name)}")
        if not self.split_ratio < self.merge_ratio <= 2.0:
            raise OptionsError(
                f"merge_ratio must be above split_ratio ({self.split_ratio}) and <= 2, got {self.merge_ratio}"
            )
        for name in ("half_life_days", "window_days"):
            if not 0.0 < getattr(self, name) < math.inf:
                raise OptionsError(f"{name} must be a positive number of days, got {getattr(self, name)}")
        if isinstance(self.max_active, bool) or not isinstance(self.max_active, int) or self.max_active < 1:
            raise OptionsError(f"max_active must be an integer >= 1, got {self.max_active!r}")
        if not 0.0 <= self.length_scale < math.inf:
            raise OptionsError(f"length_scale must be >= 0, got {self.length_scale}")
        if not isinstance(self.language, str) or not self.language:
            raise OptionsError(f"language must be an ISO 639-1 code, got {self.language!r}")


@dataclass(frozen=True)
class StoryChange:
    """What happened to a story besides growing: what a store records so that a reader can follow it.

    Attributes:
        kind: ``merge`` (``other`` became part of ``story``; its id is no longer used), ``split``
            (``articles`` left ``story`` to form the new story ``other``) or ``close`` (``story`` can
            no longer grow: idle for ``window_days``, or the oldest of ``max_active`` open stories).
        story: the story that kept its id.
        other: the story absorbed (merge) or made (split); ``None`` for a close.
        articles: the articles that changed story (near-copies included); for a close, the articles
            the clusterer forgets (without ``keep_closed``), else none.
        day: the stream's clock when it happened (the latest publication date seen), ISO, or ``None``.
    """

    kind: Literal["merge", "split", "close"]
    story: str
    other: str | None = None
    articles: tuple[str, ...] = ()
    day: str | None = None

    @property
    def target(self) -> str | None:
        """The story the ``articles`` of a merge or split are in now (``None`` for a close)."""
        return self.story if self.kind == "merge" else self.other if self.kind == "split" else None


@dataclass
class _Features:
    vecs: tuple[Vector, Vector, Vector]  # unit vectors: terms, names, numbers
    length: int  # content words
    day: int | None


@dataclass
class _Story:
    sid: str
    sums: list[Vector] = field(default_factory=lambda: [{}, {}, {}])  # sums of unit vectors per channel
    norms: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0])  # squared norms of the sums
    items: list[str] = field(default_factory=list)
    days: list[int | None] = field(default_factory=list)
    # [item id, terms, names, numbers] of the last articles (all of them up to REPAIR_ITEMS), oldest first
    recent: list[list[Any]] = field(default_factory=list)  # the vectors Packed
    copies: dict[str, str] = field(default_factory=dict)  # near-copy -> the article it copies
    seen: int | None = None  # the stream's clock at the last update
    indexed: list[str] = field(default_factory=list)
    _span: tuple[int, int] | None | bool = field(default=False, repr=False, compare=False)  # False: not known

    def snapshot(self) -> dict[str, Any]:
        """The story as plain data (what :func:`dataclasses.asdict` gives, without its deep copies:
        the vectors in ``recent`` are never changed once made, so sharing them is safe)."""
        return {
            "sid": self.sid,
            "sums": [dict(v) for v in self.sums],
            "norms": list(self.norms),
            "items": list(self.items),
            "days": list(self.days),
            "recent": [[r[0], *(dict(v.items()) for v in r[1:])] for r in self.recent],
            "copies": dict(self.copies),
            "seen": self.seen,
            "indexed": list(self.indexed),
        }

    def span(self) -> tuple[int, int] | None:
        """First and last known publication day (asked of every candidate story for every article:
        kept until ``days`` changes, see :meth:`dated`)."""
        if self._span is False:
            known = [d for d in self.days if d is not None]
            self._span = (min(known), max(known)) if known else None
        return self._span  # type: ignore[return-value]

    def dated(self) -> None:
        """``days`` changed: the span is computed again when next asked."""
        self._span = False

    def coherence(self) -> float | None:
        """Mean term cosine between two of the story's articles (None for one article)."""
        n = len(self.items)
        return (self.norms[TERMS] - n) / (n * (n - 1)) if n > 1 else None


class StoryClusterer:
    """Group a stream of articles into stories, one article at a time (see the module docstring).

    Args:
        options: parameters; :class:`ClusterOptions` defaults when ``None``.
    """

    def __init__(
        self, options: ClusterOptions | None = None, *, log_changes: bool = False, keep_closed: bool = True
    ) -> None:
        self.options = options or ClusterOptions()
        # merges, splits and closes since the last take_changes(), when asked for (a store records
        # them); kept off by default so that a long stream nobody reads the log of does not grow one
        self.log_changes = log_changes
        self._changes: list[StoryChange] = []
        # without keep_closed, the articles of a closed story are forgotten (a store that follows the log
        # keeps them): memory and state then hold the open stories only, however long the stream
        self.keep_closed = keep_closed
        self._n = 0
        self._mean_len = 0.0
        self._df: list[dict[str, int]] = [{}, {}, {}]
        self._next = 1
        self._clock: int | None = None
        self._assign: dict[str, str] = {}
        self._stories: OrderedDict[str, _Story] = OrderedDict()  # least recently updated first
        self._expiry: list[tuple[int, str]] = []  # (clock at update, story): a heap, stale entries skipped
        self._index: dict[str, dict[str, None]] = {}
        dedup = DedupOptions(threshold=self.options.duplicate_threshold, num_perm=SKETCH_PERM)
        self._lsh = MinHashLSH(num_perm=SKETCH_PERM, threshold=lsh_threshold(dedup))
        self._sketches: dict[str, Sketch] = {}
        self._copy_names: dict[str, frozenset[str]] = {}  # the names of each sketched article

    def prepare(self, item: StoryItem) -> Prepared:
        """What :meth:`add` reads of an article before it looks at the stream (see :class:`Prepared`):
        the same for any clusterer with these options' language, whatever it has seen."""
        return prepare(item, self.options.language)

    def add(self, item: StoryItem | Prepared) -> str:
        """Assign one article to a story (an open one or a new one) and return the story's id.

        ``item`` may come :meth:`prepare`-d (by any clusterer of the same language, in any process): the
        story is the same. An id added before is not added again: its current story id is returned.
        """
        if item.id in self._assign:
            return self._assign[item.id]
        prepared = item if isinstance(item, Prepared) else self.prepare(item)
        if prepared.language != self.options.language:
            raise OptionsError(
                f"article {item.id!r} was prepared for {prepared.language!r}, this clusterer reads "
                f"{self.options.language!r}"
            )
        feats = self._features(prepared)
        if feats.day is not None and (self._clock is None or feats.day > self._clock):
            self._clock = feats.day
        sketch = Sketch(item.id, prepared.sketch_size, prepared.hashvalues, "affine32")
        minhash = _MINHASH(hashvalues=prepared.hashvalues, permutations=_PERMUTATIONS)
        if sketch.size:
            names = frozenset(prepared.names)
            original = self._near_copy(sketch, minhash, names)
            self._sketches[item.id] = sketch
            self._copy_names[item.id] = names
            self._lsh.insert(item.id, minhash)
            if len(self._sketches) > MAX_SKETCHES:
                oldest = next(iter(self._sketches))
                self._lsh.remove(oldest)
                del self._sketches[oldest]
                self._copy_names.pop(oldest, None)
            if original is not None:  # joins, but adds nothing: copies of one text count once
                story = self._stories[self._assign[original]]
                story.copies[item.id] = story.copies.get(original, original)
                self._assign[item.id] = story.sid
                self._touch(story)
                self._close_idle()
                return story.sid
        sid, others = self._choose(feats)
        story = self._stories[sid] if sid is not None else self._new_story()
        self._join(story, item.id, feats)
        story = self._split(story)
        n = len(story.items)
        if n & (n - 1) == 0 or n % 8 == 0:
            others += [s for s in self._candidates(story.sums[TERMS]) if s != story.sid][:5]
        for other in others:
            if other in self._stories and story.sid in self._stories and other != story.sid:
                story = self._maybe_merge(story, self._stories[other])
        if len(story.items) in REPAIR_AT:
            self._repair(story)
        self._evict()
        self._close_idle()
        return self._assign[item.id]

    def assignments(self) -> dict[str, str]:
        """Every article id added so far -> the id of its story (after splits and merges); without
        ``keep_closed``, those of the open stories only."""
        return dict(self._assign)

    def story_of(self, item_id: str) -> str:
        """The story an added article is in now.

        Raises:
            KeyError: the article was never added (or, without ``keep_closed``, its story closed).
        """
        return self._assign[item_id]

    def take_changes(self) -> list[StoryChange]:
        """The merges, splits and closes since the last call, in the order they happened (the log is
        emptied). Applying the merges' and splits' moves in order to the stories :meth:`add` returned
        gives :meth:`assignments`, without reading every article's story. Empty unless the clusterer
        was made with ``log_changes``."""
        out, self._changes = self._changes, []
        return out

    def _log(self, kind: Literal["merge", "split", "close"], story: str, other: str | None = None,
             articles: Sequence[str] = ()) -> None:  # fmt: skip
        if self.log_changes:
            day = dt.date.fromordinal(self._clock).isoformat() if self._clock is not None else None
            self._changes.append(StoryChange(kind, story, other, tuple(articles), day))

    def to_state(self) -> dict[str, Any]:
        """A JSON-serialisable snapshot of everything needed to continue the stream."""
        return {
            "version": STATE_VERSION,
            "options": asdict(self.options),
            "n": self._n,
            "mean_len": self._mean_len,
            "df": [dict(d) for d in self._df],
            "next": self._next,
            "clock": self._clock,
            "assign": dict(self._assign),
            "stories": [s.snapshot() for s in self._stories.values()],
            "expiry": [list(e) for e in self._expiry],
            "index": {t: list(p) for t, p in self._index.items()},
            "sketches": self._sketch_rows(),
        }

    def state_json(self) -> Iterator[str]:
        """:meth:`to_state` as JSON text, in pieces of at most a story or :data:`STATE_CHUNK` entries:
        the same text as ``json.dumps(self.to_state(), separators=(",", ":"))``, without ever holding
        all of it (at a million generated articles the state is 150 MB of JSON, and a store saved it
        after every batch slice)."""
        dumps = partial(json.dumps, separators=(",", ":"))
        yield "{" + dumps({"version": STATE_VERSION, "options": asdict(self.options), "n": self._n})[1:-1]
        yield "," + dumps({"mean_len": self._mean_len})[1:-1] + ',"df":['
        for k, df in enumerate(self._df):
            yield from _json_object(df, first="," if k else "")
        yield "]," + dumps({"next": self._next, "clock": self._clock})[1:-1] + ',"assign":'
        yield from _json_object(self._assign)
        yield ',"stories":['
        for k, story in enumerate(self._stories.values()):
            yield ("," if k else "") + dumps(story.snapshot())
        yield "]," + dumps({"expiry": [list(e) for e in self._expiry]})[1:-1] + ',"index":'
        yield from _json_object({t: list(p) for t, p in self._index.items()})
        yield ',"sketches":['
        rows = self._sketch_rows()
        for at in range(0, len(rows), STATE_CHUNK):
            yield ("," if at else "") + dumps(rows[at : at + STATE_CHUNK])[1:-1]
        yield "]}"

    def _sketch_rows(self) -> list[list[Any]]:
        return [
            [
                s.article,
                s.size,
                base64.b64encode(s.hashvalues.astype("<u4").tobytes()).decode("ascii"),
                sorted(self._copy_names.get(s.article, ())),
            ]
            for s in self._sketches.values()
        ]

    @classmethod
    def from_state(
        cls, state: dict[str, Any], *, log_changes: bool = False, keep_closed: bool = True
    ) -> StoryClusterer:
        """Rebuild a clusterer from :meth:`to_state`: continuing gives the results of never stopping
        (``log_changes`` and ``keep_closed`` as for a new clusterer; the log is not part of the state,
        and without ``keep_closed`` the articles of closed stories a state holds are dropped).

        Raises:
            OptionsError: ``state`` is not a snapshot of this version.
        """
        if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
            raise OptionsError("not a story clusterer state (or one of another version)")
        try:
            self = cls(ClusterOptions(**state["options"]), log_changes=log_changes, keep_closed=keep_closed)
            self._n, self._mean_len = state["n"], state["mean_len"]
            self._next, self._clock = state["next"], state["clock"]
            self._df = [dict(d) for d in state["df"]]
            self._assign = dict(state["assign"])
            for raw in copy.deepcopy(state["stories"]):
                raw["recent"] = [[r[0], *map(Packed.of, r[1:])] for r in raw["recent"]]
                self._stories[raw["sid"]] = _Story(**raw)
            if not keep_closed:
                self._assign = {a: s for a, s in self._assign.items() if s in self._stories}
            self._expiry = [(int(d), str(s)) for d, s in state["expiry"]]
            self._index = {t: dict.fromkeys(p) for t, p in state["index"].items()}
            for article, size, packed, *names in state["sketches"]:  # names: since 2026-12 (none before)
                values = np.frombuffer(base64.b64decode(packed), dtype="<u4").astype(np.uint64)
                self._sketches[article] = Sketch(article, int(size), values, "affine32")
                self._copy_names[article] = frozenset(names[0]) if names else frozenset()
                self._lsh.insert(article, _MINHASH(hashvalues=values, permutations=_PERMUTATIONS))
        except (KeyError, TypeError, ValueError) as exc:
            raise OptionsError(f"broken story clusterer state: {exc}") from exc
        return self

    # -- features -----------------------------------------------------------------------------------------

    def _features(self, prepared: Prepared) -> _Features:
        """The article's vectors, weighted by what the stream has seen (its IDF, its mean length)."""
        counts, headline, names, numbers = prepared.counts, prepared.headline, prepared.names, prepared.numbers
        length = sum(counts.values())
        self._n += 1
        self._mean_len += (length - self._mean_len) / self._n
        for df, keys in zip(self._df, (counts, names, numbers), strict=True):
            for t in keys:
                df[t] = df.get(t, 0) + 1
            if len(df) > MAX_VOCABULARY:
                for t in [t for t, c in df.items() if c <= 1]:
                    del df[t]
        norm = 1 - BM25_B + BM25_B * length / max(self._mean_len, 1.0)
        # BM25F frequency: the text's, length-normalised, plus the headline's (not normalised).
        tf = {t: c / norm + TITLE_WEIGHT * headline.get(t, 0) for t, c in counts.items()}
        # IDF: log(1 + (articles + prior) / (df + 1)), written out in the comprehensions (the hot loop).
        top, log, (dt_, dn, dm) = self._n + IDF_PRIOR_DOCS, math.log, self._df
        terms = unit({t: f * (BM25_K1 + 1) / (f + BM25_K1) * log(1 + top / (dt_.get(t, 0) + 1)) for t, f in tf.items()})
        vn = unit({t: (1 + log(c)) * log(1 + top / (dn.get(t, 0) + 1)) for t, c in names.items()})
        vm = unit({t: (1 + log(c)) * log(1 + top / (dm.get(t, 0) + 1)) for t, c in numbers.items()})
        return _Features((terms, vn, vm), length, prepared.day)

    # -- decision -----------------------------------------------------------------------------------------

    def _near_copy(self, sketch: Sketch, minhash: MinHash, names: frozenset[str]) -> str | None:
        """The earlier article of an open story that contains most of this one and whose names it
        carries (:func:`~newsweave.cluster.reading.names_agree`), if any."""
        best, best_c = None, self.options.duplicate_threshold
        for other in sorted(self._lsh.query(minhash)):
            c = containment(sketch, self._sketches[other])
            if c >= best_c and names_agree(names, self._copy_names.get(other, frozenset())):
                best, best_c = other, c
        return best if best is not None and self._assign[best] in self._stories else None

    def _decay(self, a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
        if a is None or b is None:
            return 1.0
        return 0.5 ** (max(0, a[0] - b[1], b[0] - a[1]) / self.options.half_life_days)

    @staticmethod
    def _cosine(channel: int, vec: Vector, story: _Story) -> float | None:
        if not vec or story.norms[channel] <= 1e-12:
            return None
        return dot(vec, story.sums[channel]) / math.sqrt(story.norms[channel])

    def _event(self, feats: _Features, story: _Story) -> float | None:
        """Names cosine, mixed with the numbers cosine when both sides have numbers; None without names."""
        names = self._cosine(NAMES, feats.vecs[NAMES], story)
        numbers = self._cosine(NUMBERS, feats.vecs[NUMBERS], story)
        if names is None or numbers is None:
            return names
        return self._mixed(names, numbers)

    def _mixed(self, names: Any, numbers: Any) -> Any:
        """The event similarity from names and numbers similarities (numbers or arrays of them) where both
        sides have numbers: ``number_weight`` of it is the numbers'."""
        return (1 - self.options.number_weight) * names + self.options.number_weight * numbers

    def _candidates(self, query: Vector) -> list[str]:
        scores: dict[str, float] = {}
        for t, w in heapq.nlargest(QUERY_TERMS, query.items(), key=_WEIGHT):
            posting = self._index.get(t)
            if posting and len(posting) <= MAX_POSTING:
                for sid in posting:
                    scores[sid] = scores.get(sid, 0.0) + w
        return [sid for sid, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]]

    def _choose(self, feats: _Features) -> tuple[str | None, list[str]]:
        """The best open story that passes the gates, and the other stories that pass them."""
        opts = self.options
        n = feats.length
        gate = opts.threshold * math.sqrt(n / (n + opts.length_scale)) if n else math.inf
        span = None if feats.day is None else (feats.day, feats.day)
        passed: list[tuple[float, str]] = []
        for sid in self._candidates(feats.vecs[TERMS]):
            story = self._stories[sid]
            decay = self._decay(span, story.span())
            cs = self._cosine(TERMS, feats.vecs[TERMS], story)
            if cs is None or cs * decay < gate:
                continue
            coherence, size = story.coherence(), len(story.items)
            if coherence and size >= 3 and cs * math.sqrt(story.norms[TERMS]) / size < opts.join_ratio * coherence:
                continue
            ev = self._event(feats, story)
            if ev is None:
                passed.append((cs * decay, sid))
            elif ev * decay >= opts.event_threshold:
                passed.append((ev * decay, sid))
        passed.sort(key=lambda p: (-p[0], p[1]))
        return (passed[0][1], [sid for _, sid in passed[1:]]) if passed else (None, [])

    # -- stories ------------------------------------------------------------------------------------------

    def _new_story(self) -> _Story:
        story = _Story(f"s{self._next:06d}")
        self._next += 1
        self._stories[story.sid] = story
        return story

    def _join(self, story: _Story, item_id: str, feats: _Features) -> None:
        for channel, vec in enumerate(feats.vecs):
            sums = story.sums[channel]
            delta = 0.0
            for t, w in vec.items():
                old = sums.get(t, 0.0)
                delta += w * (2 * old + w)
                sums[t] = old + w
            story.norms[channel] += delta
        story.items.append(item_id)
        story.days.append(feats.day)
        story.dated()
        terms = feats.vecs[TERMS]
        if len(terms) > RECENT_TERMS:
            terms = dict(heapq.nlargest(RECENT_TERMS, terms.items(), key=_WEIGHT))
        story.recent.append([item_id, *map(Packed.of, (terms, feats.vecs[NAMES], feats.vecs[NUMBERS]))])
        del story.recent[: -self._keep_recent(story)]
        self._assign[item_id] = story.sid
        self._touch(story)
        n = len(story.items)
        if n & (n - 1) == 0 or n % 8 == 0:
            self._reindex(story)
            return
        for t, _ in heapq.nlargest(10, feats.vecs[TERMS].items(), key=_WEIGHT):
            posting = self._index.setdefault(t, {})
            if story.sid not in posting:
                posting[story.sid] = None
                story.indexed.append(t)

    def _reindex(self, story: _Story) -> None:
        """Trim the story's terms and index it under its current top terms."""
        sums = story.sums[TERMS]
        if len(sums) > MAX_STORY_TERMS:
            story.sums[TERMS] = sums = dict(heapq.nlargest(MAX_STORY_TERMS, sums.items(), key=_WEIGHT))
            story.norms[TERMS] = sum(x * x for x in sums.values())
        self._unindex(story)
        story.indexed = [t for t, _ in heapq.nlargest(INDEX_TERMS, sums.items(), key=_WEIGHT)]
        for t in story.indexed:
            self._index.setdefault(t, {})[story.sid] = None

    def _unindex(self, story: _Story) -> None:
        for t in story.indexed:
            posting = self._index.get(t)
            if posting is not None:
                posting.pop(story.sid, None)
                if not posting:
                    del self._index[t]
        story.indexed = []

    def _touch(self, story: _Story) -> None:
        self._stories.move_to_end(story.sid)
        if self._clock is not None and story.seen != self._clock:
            story.seen = self._clock
            heapq.heappush(self._expiry, (self._clock, story.sid))

    # -- refinement ---------------------------------------------------------------------------------------

    def _split(self, story: _Story) -> _Story:
        """Split the story's last articles off when they agree with each other more than with the rest."""
        n = len(story.items)
        if n < 2 * SPLIT_MIN or len(story.recent) < SPLIT_MIN or story.norms[NAMES] <= 1e-12:
            return story  # without names, events of one kind cannot be told apart: no split
        rsum: Vector = {}
        r_sq = r_self = cross_s = 0.0
        best: tuple[float, int] | None = None
        for k, (_, vec, _, _) in enumerate(reversed(story.recent[-RECENT_ITEMS:]), start=1):
            sq = sum(x * x for x in vec.values())
            r_sq += 2 * vec.dot(rsum) + sq
            r_self += sq
            for t, w in vec.items():
                rsum[t] = rsum.get(t, 0.0) + w
            cross_s += vec.dot(story.sums[TERMS])
            m = n - k
            if k < SPLIT_MIN or m < SPLIT_MIN:
                continue
            o_sq = story.norms[TERMS] - 2 * cross_s + r_sq
            r = ratio(cross_s - r_sq, k, (r_sq - r_self) / (k * (k - 1)), m, (o_sq - m) / (m * (m - 1)))
            if r is not None and r < self.options.split_ratio and (best is None or r < best[0]):
                best = (r, k)
        if best is None:
            return story
        return self._move_out(story, story.recent[-best[1] :])

    def _repair(self, story: _Story) -> _Story | None:
        """Split a young story whose articles form two stories, whatever order they came in; return the
        new story, if any.

        The burst test of :meth:`_split` needs the second story's articles to arrive one after another.
        In a shuffled stream an early article can bridge two unrelated stories (Syria talks and troops
        for the Central African Republic, through a shared "talks" or "france"), or an early report of one
        rehab check-in can draw in the next reports of another, and both then grow as one. Here every
        article of a story of at most :data:`REPAIR_ITEMS` is compared with every other, the articles are
        ordered along the Fiedler vector of that graph (spectral bisection), and the cut along that order
        with the lowest cross-to-coherence ratio is made when below the limit: term cosines and
        ``repair_ratio`` first; then, for a story with names, term and event (names and numbers) cosines
        each divided by its mean, added (both views weigh the same), and ``event_repair_ratio``. The side
        with the story's first article keeps its id."""
        n = len(story.items)
        if n < 2 * SPLIT_MIN or len(story.recent) != n or not self.options.repair_ratio:
            return None
        terms = gram([unit(e[1]) for e in story.recent])  # the kept terms, as unit vectors
        side = spectral_cut(terms, self.options.repair_ratio, SPLIT_MIN)
        if side is None and story.norms[NAMES] > 1e-12 and self.options.event_repair_ratio:
            names = gram([e[2] for e in story.recent])
            numbers = gram([e[3] for e in story.recent])
            counted = np.array([bool(e[3]) for e in story.recent])
            event = np.where(counted[:, None] & counted[None, :], self._mixed(names, numbers), names)
            side = spectral_cut(by_mean(terms) + by_mean(event), self.options.event_repair_ratio, SPLIT_MIN)
        if side is None:
            return None
        first = story.items[0]
        if any(story.recent[i][0] == first for i in side):  # the first article's side keeps the id
            side = set(range(n)) - side
        return self._move_out(story, [story.recent[i] for i in sorted(side)])

    def _keep_recent(self, story: _Story) -> int:
        """How many article vectors the story keeps: all of them while :meth:`_repair` may test it."""
        return REPAIR_ITEMS if len(story.items) <= REPAIR_ITEMS and self.options.repair_ratio else RECENT_ITEMS

    def _move_out(self, story: _Story, moved: list[list[Any]]) -> _Story:
        """A new story of the ``moved`` entries of ``story.recent``, taken out of ``story`` (logged as a
        split)."""
        leaving = {e[0] for e in moved}
        story.recent = [e for e in story.recent if e[0] not in leaving]
        fresh = self._new_story()
        for copy_id, original in list(story.copies.items()):
            if original in leaving:  # copies go with the article they copy
                fresh.copies[copy_id] = story.copies.pop(copy_id)
                self._assign[copy_id] = fresh.sid
        self._log("split", story.sid, fresh.sid, [e[0] for e in moved] + list(fresh.copies))
        for item_id, *vecs in moved:
            i = story.items.index(item_id)
            day = story.days.pop(i)
            story.dated()
            del story.items[i]
            for channel, vec in enumerate(vecs):
                sums = story.sums[channel]
                for t, w in vec.items():
                    left = sums.get(t, 0.0) - w
                    if left > 1e-9:
                        sums[t] = left
                    else:
                        sums.pop(t, None)
            self._join(fresh, item_id, _Features((vecs[0], vecs[1], vecs[2]), 0, day))
        story.norms = [sum(x * x for x in sums.values()) for sums in story.sums]
        self._reindex(story)
        return fresh

    def _maybe_merge(self, story: _Story, other: _Story) -> _Story:
        """Merge two open stories that have grown into one; return the survivor."""
        cross = dot(story.sums[TERMS], other.sums[TERMS]) * self._decay(story.span(), other.span())
        if story.norms[NAMES] > 1e-12 and other.norms[NAMES] > 1e-12:
            r = ratio(cross, len(story.items), story.coherence(), len(other.items), other.coherence())
            if r is None or r < self.options.merge_ratio:
                return story
        elif cross < self.options.merge_threshold * math.sqrt(story.norms[TERMS] * other.norms[TERMS]):
            return story
        keep, gone = (story, other) if len(story.items) >= len(other.items) else (other, story)
        for sums, more in zip(keep.sums, gone.sums, strict=True):
            for t, w in more.items():
                sums[t] = sums.get(t, 0.0) + w
        keep.norms = [sum(x * x for x in sums.values()) for sums in keep.sums]
        self._log("merge", keep.sid, gone.sid, [*gone.items, *gone.copies])
        for item_id in [*gone.items, *gone.copies]:
            self._assign[item_id] = keep.sid
        keep.copies.update(gone.copies)
        keep.items += gone.items
        keep.days += gone.days
        keep.dated()
        keep.recent = keep.recent + gone.recent
        del keep.recent[: -self._keep_recent(keep)]
        self._unindex(gone)
        del self._stories[gone.sid]
        self._touch(keep)
        self._reindex(keep)
        return keep

    # -- closing ------------------------------------------------------------------------------------------

    def _close(self, sid: str) -> None:
        story = self._stories.pop(sid)
        self._log("close", sid, articles=[*story.items, *story.copies] if not self.keep_closed else ())
        if not self.keep_closed:
            for item_id in [*story.items, *story.copies]:
                self._assign.pop(item_id, None)
        self._unindex(story)
        for item_id in [*story.items, *story.copies]:
            self._copy_names.pop(item_id, None)
            if self._sketches.pop(item_id, None) is not None:
                self._lsh.remove(item_id)

    def _evict(self) -> None:
        while len(self._stories) > self.options.max_active:
            self._close(next(iter(self._stories)))

    def _close_idle(self) -> None:
        if self._clock is None:
            return
        limit = self._clock - self.options.window_days
        while self._expiry and self._expiry[0][0] < limit:
            seen, sid = heapq.heappop(self._expiry)
            story = self._stories.get(sid)
            if story is not None and story.seen == seen:
                self._close(sid)


def _json_object(mapping: dict[str, Any], first: str = "") -> Iterator[str]:
    """``first`` and a dict as compact JSON, :data:`STATE_CHUNK` entries a piece."""
    items = list(mapping.items())
    yield first + "{"
    for at in range(0, len(items), STATE_CHUNK):
        yield ("," if at else "") + json.dumps(dict(items[at : at + STATE_CHUNK]), separators=(",", ":"))[1:-1]
    yield "}"
