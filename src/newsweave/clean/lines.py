"""Line features and the line classifier of the text cleaner.

Scraped text arrives as one visible block per line. Each line gets shallow features (length, final
punctuation, stop-word density in the article's language, title-case ratio, digits, furniture
phrases, timestamps, tickers, bylines, repeats, …) plus the same features averaged over its
neighbours, because body text comes in runs of prose and navigation in runs of short lines.

Two models score the lines: stage 1, a small gradient-boosted tree ensemble, from the features;
stage 2, a logistic model, from stage 1's scores in context (a prose line inside a run of prose is
body; a prose-like comment far after the main run is not). Their weights live in
``newsweave/data/line_model.json`` as plain arrays; ``benchmarks/train_line_model.py`` fits them
(cross-validated by page) and says on what. Inference is plain numpy.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from newsweave.clean import phrases

WORD = re.compile(r"\w+", re.U)
END_PUNCT = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*\s*$")
SENTENCE_BREAK = re.compile(r"[.!?。！？][\"'”’]?\s+[\"“‘(]?[A-ZÀ-ÖØ-ÞА-Я]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
QUOTES = re.compile(r"[\"“”‘’«»„]")
SEPARATORS = re.compile(r"[|»›>]|\s/\s")

ISO_TO_JUSTEXT = {
    "af": "Afrikaans",
    "ar": "Arabic",
    "bg": "Bulgarian",
    "ca": "Catalan",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ko": "Korean",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "ms": "Malay",
    "nl": "Dutch",
    "no": "Norwegian_Bokmal",
    "nb": "Norwegian_Bokmal",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sr": "Serbian",
    "sv": "Swedish",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "vi": "Vietnamese",
}

BASE_FEATURES = (
    "log_words",
    "ends_punct",
    "stop_ratio",
    "title_ratio",
    "digit_ratio",
    "furniture_line",
    "furniture_prefix",
    "comma_density",
    "position",
    "repeated",
    "log_sentences",
    "very_short",
    "bullet",
    "separators",
    "timestamp",
    "ticker",
    "after_end_marker",
    "byline",
    "has_quotes",
    "rel_length",
)
CONTEXT_COLUMNS = (0, 1, 2, 19)
CONTEXT_WINDOWS = (1, 2, 5)
FEATURES = (
    BASE_FEATURES
    + tuple(f"{BASE_FEATURES[c]}_w{w}" for w in CONTEXT_WINDOWS for c in CONTEXT_COLUMNS)
    + ("prose_mass_before",)
)
STAGE2_FEATURES = (
    "p",
    "p_w1",
    "p_w2",
    "p_w4",
    "in_region",
    "region_distance",
    "p_max_before",
    "p_max_after",
    "p_rel",
    "p_rel_w2",
    "in_rel_region",
    "rel_region_distance",
    "log_words",
)


@lru_cache(maxsize=64)
def stopwords(language: str) -> frozenset[str]:
    """Stop words for an ISO 639-1 code (jusText's lists); English when the language has none."""
    import justext  # heavy-ish import, only when cleaning text

    name = ISO_TO_JUSTEXT.get(language, "English")
    try:
        return frozenset(w.lower() for w in justext.get_stoplist(name))
    except ValueError:  # jusText raises ValueError for a stoplist it does not have
        return frozenset(w.lower() for w in justext.get_stoplist("English"))


def _window_means(cols: np.ndarray, widths: tuple[int, ...]) -> list[np.ndarray]:
    """For each ``w`` of ``widths``: the mean of each column over ``2w + 1`` lines, the edge lines repeated
    past the ends. One padding and one running sum serve every width (the arrays are small: numpy's
    per-call overhead, not the arithmetic, is the cost)."""
    n, top = cols.shape[0], max(widths)
    head, tail = np.repeat(cols[:1], top, axis=0), np.repeat(cols[-1:], top, axis=0)
    total = np.vstack([np.zeros((1, cols.shape[1])), np.cumsum(np.vstack([head, cols, tail]), axis=0)])
    return [(total[top + w + 1 : top + w + 1 + n] - total[top - w : top - w + n]) / (2 * w + 1) for w in widths]


def featurize(lines: list[str], stop: frozenset[str]) -> np.ndarray:
    """Feature matrix (one row per line, columns :data:`FEATURES`) for the lines of one page."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    # Words are found line by line and dropped: a page of a million lines must not hold every word of
    # it as a string at once (memory stays a small multiple of the text).
    counts: dict[str, int] = {}
    max_words = 1
    for line in lines:
        key = line.strip().lower()
        counts[key] = counts.get(key, 0) + 1
        max_words = max(max_words, len(WORD.findall(line)))
    base = np.empty((n, len(BASE_FEATURES)))
    seen_prose = False
    after_end = 0.0
    for i, line in enumerate(lines):
        s = line.strip()
        words = WORD.findall(line)
        nw = len(words)
        if CJK.search(s):
            nw = max(nw, len(CJK.findall(s)) // 2)  # CJK has no spaces: two characters ~ one word
        stop_ratio = sum(w.lower() in stop for w in words) / nw if words else 0.0
        title_ratio = sum(w[0].isupper() for w in words) / len(words) if words else 0.0
        ends = 1.0 if END_PUNCT.search(s) else 0.0
        if seen_prose and phrases.END_MARKER.match(s):
            after_end = 1.0
        if nw >= 15 and ends:
            seen_prose = True
        base[i] = [
            math.log1p(nw),
            ends,
            stop_ratio,
            title_ratio,
            sum(map(str.isdigit, s)) / max(len(s), 1),
            1.0 if phrases.standalone_detail(s) else 0.0,
            1.0 if phrases.prefix_detail(s) else 0.0,
            s.count(",") / max(nw, 1),
            i / max(n - 1, 1),
            1.0 if counts[s.lower()] > 1 else 0.0,
            math.log1p(len(SENTENCE_BREAK.findall(s))),
            1.0 if nw <= 3 else 0.0,
            1.0 if phrases.BULLET.match(s) else 0.0,
            1.0 if SEPARATORS.search(s) else 0.0,
            1.0 if phrases.TIMESTAMP.match(s) else 0.0,
            1.0 if phrases.TICKER.match(s) else 0.0,
            after_end,
            1.0 if phrases.BYLINE.match(s) and nw <= 12 else 0.0,
            1.0 if QUOTES.search(s) else 0.0,
            len(words) / max_words,
        ]
    context = [m for means in _window_means(base[:, list(CONTEXT_COLUMNS)], CONTEXT_WINDOWS) for m in means.T]
    mass = np.exp(base[:, 0]) * base[:, 1]
    cum = np.cumsum(mass) / max(float(mass.sum()), 1.0)
    return np.column_stack([base, *context, cum])


def best_region(p: np.ndarray, weight: np.ndarray, threshold: float) -> tuple[int, int]:
    """The contiguous run of lines with the largest ``sum(weight * (p - threshold))`` (inclusive ends)."""
    best, cur, start, best_span = -math.inf, 0.0, 0, (0, -1)
    for i, v in enumerate(weight * (p - threshold)):
        if cur <= 0:
            cur, start = v, i
        else:
            cur += v
        if cur > best:
            best, best_span = cur, (start, i)
    return best_span


def stage2_features(p: np.ndarray, features: np.ndarray, threshold: float) -> np.ndarray:
    """Context features over stage-1 scores: window means, the main prose run, distance to it."""
    n = len(p)
    if n == 0:
        return np.zeros((0, len(STAGE2_FEATURES)))
    weight = np.exp(features[:, 0])
    idx = np.arange(n)

    def region(th: float) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = best_region(p, weight, th)
        inside = ((idx >= lo) & (idx <= hi)).astype(float)
        dist = np.where(idx < lo, lo - idx, np.where(idx > hi, idx - hi, 0)).astype(float)
        return inside, np.log1p(dist)

    in_region, distance = region(threshold)
    # Every page has a body: scores relative to the page's best line adapt to pages whose body is
    # unusual (short lines, lists, tables) where absolute scores are all low.
    top = float(np.max(p))
    rel = p / top if top > 0 else p
    in_rel, rel_distance = region(top / 2)
    w1, w2, w4 = _window_means(np.column_stack([p, rel]), (1, 2, 4))
    before = np.maximum.accumulate(p)
    after = np.maximum.accumulate(p[::-1])[::-1]
    return np.column_stack(
        [
            p,
            w1[:, 0],
            w2[:, 0],
            w4[:, 0],
            in_region,
            distance,
            before,
            after,
            rel,
            w2[:, 1],
            in_rel,
            rel_distance,
            features[:, 0],
        ]
    )


@dataclass(frozen=True)
class LogisticModel:
    """A standardised logistic regression: ``sigmoid(((x - mean) / scale) @ coef + intercept)``."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probability of the positive class for each row of ``x``."""
        if len(x) == 0:
            return np.zeros(0)
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_dict(self) -> dict[str, object]:
        """Plain-JSON form."""
        return {
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LogisticModel:
        """Inverse of :meth:`to_dict`."""
        return cls(np.array(d["mean"]), np.array(d["scale"]), np.array(d["coef"]), float(d["intercept"]))


# Rows a tree ensemble scores at once (its node arrays are rows x trees).
PREDICT_ROWS = 4096


@dataclass(frozen=True)
class TreeEnsemble:
    """Gradient-boosted regression trees on the log-odds: ``sigmoid(bias + rate * sum(leaf values))``.

    The trees are flat arrays (one entry per node, all trees end to end; ``left == -1`` marks a leaf),
    the form scikit-learn's ``GradientBoostingClassifier`` exports to, so inference is plain numpy.
    A row goes left at a node when ``x[feature] <= threshold``.
    """

    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int
    bias: float
    rate: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probability of the positive class for each row of ``x``."""
        if len(x) == 0:
            return np.zeros(0)
        # scikit-learn compares in float32; do the same so that thresholds split exactly as in fitting.
        x = np.asarray(x, dtype=np.float32).astype(np.float64)
        # rows x trees node arrays: in blocks of rows, so a page of a million lines needs no gigabytes
        z = np.concatenate([self._log_odds(x[k : k + PREDICT_ROWS]) for k in range(0, len(x), PREDICT_ROWS)])
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def _log_odds(self, x: np.ndarray) -> np.ndarray:
        rows = np.arange(len(x))[:, None]
        node = np.broadcast_to(self.roots, (len(x), len(self.roots)))
        for _ in range(self.depth):
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            child = np.where(go_left, self.left[node], self.right[node])
            node = np.where(self.left[node] < 0, node, child)
        return self.bias + self.rate * self.value[node].sum(axis=1)

    def to_dict(self) -> dict[str, object]:
        """Plain-JSON form."""
        arrays = ("roots", "feature", "threshold", "left", "right", "value")
        return {
            "kind": "trees",
            **{k: getattr(self, k).tolist() for k in arrays},
            "depth": self.depth,
            "bias": self.bias,
            "rate": self.rate,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TreeEnsemble:
        """Inverse of :meth:`to_dict`."""
        ints = {k: np.array(d[k], dtype=np.int64) for k in ("roots", "feature", "left", "right")}
        return cls(
            threshold=np.array(d["threshold"], dtype=float),
            value=np.array(d["value"], dtype=float),
            depth=int(d["depth"]),
            bias=float(d["bias"]),
            rate=float(d["rate"]),
            **ints,
        )


Classifier = LogisticModel | TreeEnsemble


def classifier_from_dict(d: dict[str, object]) -> Classifier:
    """A stage classifier from its JSON form (trees when ``kind`` says so, else logistic)."""
    return TreeEnsemble.from_dict(d) if d.get("kind") == "trees" else LogisticModel.from_dict(d)


@dataclass(frozen=True)
class LineModel:
    """The two-stage line classifier and its decision thresholds."""

    stage1: Classifier
    stage2: Classifier
    region_threshold: float
    keep_threshold: float
    info: dict[str, object]

    def score(self, lines: list[str], stop: frozenset[str]) -> np.ndarray:
        """Probability that each line is article body."""
        x = featurize(lines, stop)
        p1 = self.stage1.predict(x)
        return self.stage2.predict(stage2_features(p1, x, self.region_threshold))


@lru_cache(maxsize=1)
def load_model() -> LineModel:
    """The shipped line model (``newsweave/data/line_model.json``)."""
    raw = json.loads(resources.files("newsweave").joinpath("data/line_model.json").read_text("utf-8"))
    if tuple(raw["features"]) != FEATURES or tuple(raw["stage2_features"]) != STAGE2_FEATURES:
        raise RuntimeError("line_model.json was fitted on other features: rerun benchmarks/train_line_model.py")
    return LineModel(
        stage1=classifier_from_dict(raw["stage1"]),
        stage2=classifier_from_dict(raw["stage2"]),
        region_threshold=float(raw["region_threshold"]),
        keep_threshold=float(raw["keep_threshold"]),
        info=raw.get("info", {}),
    )
