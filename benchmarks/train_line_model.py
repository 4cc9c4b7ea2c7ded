"""Fit the text cleaner's line classifier and report its cross-validated quality.

Data: ``../shared/data/aeb-text/dev.jsonl`` (88 real pages as a scraper writes them, with the true
body). The training signal is a label per unit (a line as :func:`newsweave.clean.text.split_units`
cuts it): ``body`` when at least half of its word 4-grams occur in the true body (a unit of fewer than
four words: when it occurs in the body as a whole). These labels are recomputed here rather than taken
from the corpus's ``label`` field because the cleaner repairs mojibake and splits glued lines first,
and the corpus labels miss the body of pages whose text is mojibake. The score is the
article-extraction-benchmark metric (``_common.py``) of the cleaner's output against the *true body*.

Honesty: the line model is fitted on this corpus, so the figure to quote is the cross-validated one.
Every page is cleaned by the whole :func:`~newsweave.clean.clean_text` path (line model *and* rules)
with a model fitted on the other folds (``--folds``, grouped by page; stage 2 is fitted on
out-of-fold stage-1 scores). The in-sample score of the shipped weights is printed next to it, only
to show the gap. ``--write`` refits on all pages and writes ``src/newsweave/data/line_model.json``.

    python benchmarks/train_line_model.py                 # cross-validated and in-sample scores
    python benchmarks/train_line_model.py --show-worst 12 # and the pages scored worst under CV
    python benchmarks/train_line_model.py --write         # also refit and write the shipped weights
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from _common import aggregate, data_dir, page_f1, shingle_scores
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

from newsweave.clean import clean_text
from newsweave.clean import lines as L
from newsweave.clean.text import split_units, units_language

ROOT = Path(__file__).resolve().parents[1]
CORPUS = "aeb-text/dev.jsonl"
OUT = ROOT / "src" / "newsweave" / "data" / "line_model.json"
REGION_THRESHOLD = 0.4
KEEP_THRESHOLD = 0.45
# Stage 1: gradient-boosted trees (the features interact: a short line is body inside a list of steps
# and navigation in a menu). Chosen by cross-validation on this corpus: 150 trees of depth 3 at rate 0.1.
TREES, DEPTH, RATE, MIN_LEAF = 150, 3, 0.1, 20
LABEL_OVERLAP = 0.5  # share of a unit's 4-grams found in the true body for the unit to count as body
_WORD = re.compile(r"\w+")

Page = dict[str, Any]
TpFpFn = tuple[float, float, float]


def unit_labels(units: Sequence[str], body: str) -> np.ndarray:
    """1 for units that are article body (most of their word 4-grams occur in ``body``), else 0."""
    tokens = _WORD.findall(body.lower())
    grams = {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}
    flat = f" {' '.join(tokens)} "
    out = []
    for unit in units:
        t = _WORD.findall(unit.lower())
        if len(t) >= 4:
            own = [tuple(t[i : i + 4]) for i in range(len(t) - 3)]
            out.append(sum(g in grams for g in own) / len(own) >= LABEL_OVERLAP)
        else:
            out.append(bool(t) and f" {' '.join(t)} " in flat)
    return np.array(out, dtype=bool)


def load_pages() -> list[Page]:
    """The corpus with each page's units, features, labels and line weights."""
    pages = []
    with (data_dir() / CORPUS).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            units, _forced = split_units(row["text"])
            x = L.featurize(units, L.stopwords(units_language(units)))
            pages.append(
                {
                    "row": row,
                    "units": units,
                    "x": x,
                    "y": unit_labels(units, row["body"]),
                    "w": np.exp(x[:, 0]),  # weigh units by words, as the shingle metric does
                }
            )
    return pages


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> L.LogisticModel:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(max_iter=5000, C=c)
    clf.fit((x - mean) / scale, y, sample_weight=w)
    return L.LogisticModel(mean, scale, clf.coef_[0].copy(), float(clf.intercept_[0]))


def fit_trees(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> L.TreeEnsemble:
    """Fit boosted trees, exported to the flat arrays :class:`~newsweave.clean.lines.TreeEnsemble` reads."""
    clf = GradientBoostingClassifier(
        n_estimators=TREES,
        max_depth=DEPTH,
        learning_rate=RATE,
        subsample=0.8,
        min_samples_leaf=MIN_LEAF,
        random_state=0,
    )
    clf.fit(x, y, sample_weight=w)
    roots, feature, threshold, left, right, value = [], [], [], [], [], []
    offset = 0
    for est in clf.estimators_[:, 0]:
        tree = est.tree_
        roots.append(offset)
        feature += [max(int(f), 0) for f in tree.feature]  # leaves carry -2; never read
        threshold += [float(t) for t in tree.threshold]
        left += [int(c) + offset if c >= 0 else -1 for c in tree.children_left]
        right += [int(c) + offset if c >= 0 else -1 for c in tree.children_right]
        value += [float(v) for v in tree.value[:, 0, 0]]
        offset += tree.node_count
    bias = float(clf._raw_predict_init(np.zeros((1, x.shape[1])))[0, 0])  # the prior log-odds
    model = L.TreeEnsemble(
        np.array(roots),
        np.array(feature),
        np.array(threshold),
        np.array(left),
        np.array(right),
        np.array(value),
        DEPTH,
        bias,
        RATE,
    )
    assert np.allclose(model.predict(x[:500]), clf.predict_proba(x[:500])[:, 1]), "tree export is wrong"
    return model


def folds_of(items: Sequence[int], k: int) -> list[list[int]]:
    return [list(items[i::k]) for i in range(k)]


def _stack(pages: list[Page], ids: Sequence[int], key: str) -> np.ndarray:
    parts = [pages[i][key] for i in ids]
    return np.vstack(parts) if key == "x" else np.concatenate(parts)


def fit_model(pages: list[Page], ids: Sequence[int], k: int, c: float) -> L.LineModel:
    """Fit both stages on ``ids``; stage 2 learns from stage-1 scores of models that did not see the page."""
    oof: dict[int, np.ndarray] = {}
    m: L.Classifier
    for fold in folds_of(ids, k):
        rest = [i for i in ids if i not in set(fold)]
        m = fit_trees(_stack(pages, rest, "x"), _stack(pages, rest, "y"), _stack(pages, rest, "w"))
        for i in fold:
            oof[i] = m.predict(pages[i]["x"])
    s1 = fit_trees(_stack(pages, ids, "x"), _stack(pages, ids, "y"), _stack(pages, ids, "w"))
    x2 = np.vstack([L.stage2_features(oof[i], pages[i]["x"], REGION_THRESHOLD) for i in ids])
    s2 = fit(x2, _stack(pages, ids, "y"), _stack(pages, ids, "w"), c)
    return L.LineModel(s1, s2, REGION_THRESHOLD, KEEP_THRESHOLD, {})


def score_pages(pages: list[Page], ids: Sequence[int], model: L.LineModel) -> dict[int, tuple[TpFpFn, TpFpFn]]:
    """Per page: the metric's (tp, fp, fn) of the line model alone and of the whole ``clean_text`` path."""
    out = {}
    for i in ids:
        page = pages[i]
        prob = model.stage2.predict(L.stage2_features(model.stage1.predict(page["x"]), page["x"], REGION_THRESHOLD))
        lines_only = "\n".join(u for u, q in zip(page["units"], prob, strict=True) if q > model.keep_threshold)
        whole = clean_text(page["row"]["text"], model=model).text
        out[i] = (shingle_scores(lines_only, page["row"]["body"]), shingle_scores(whole, page["row"]["body"]))
    return out


def _fmt(name: str, triples: list[TpFpFn]) -> str:
    a = aggregate(triples)
    return f"{name}: P {a['precision']:.3f}  R {a['recall']:.3f}  F1 {a['f1']:.3f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength of stage 2")
    ap.add_argument("--write", action="store_true", help="refit on all pages and write the shipped weights")
    ap.add_argument("--show-worst", type=int, default=0, help="list the K pages with the lowest CV F1")
    args = ap.parse_args()

    pages = load_pages()
    ids = list(range(len(pages)))
    cv: dict[int, Any] = {}
    for fold in folds_of(ids, args.folds):
        model = fit_model(pages, [i for i in ids if i not in set(fold)], args.folds, args.C)
        cv.update(score_pages(pages, fold, model))
    n = len(pages)
    print(_fmt(f"line model alone,  {args.folds}-fold CV by page on {n} pages", [cv[i][0] for i in ids]))
    print(_fmt(f"clean_text (whole), {args.folds}-fold CV by page on {n} pages", [cv[i][1] for i in ids]))
    try:
        shipped = L.load_model()
    except RuntimeError as exc:
        print(f"shipped model not scored: {exc}")
    else:
        ins = score_pages(pages, ids, shipped)
        print(_fmt("clean_text (whole), shipped model, in-sample (not a result)", [ins[i][1] for i in ids]))
    for i in sorted(ids, key=lambda i: page_f1(*cv[i][1]))[: args.show_worst]:
        tp, fp, fn = cv[i][1]
        print(
            f"  F1 {page_f1(tp, fp, fn):.2f}  tp {tp:.2f} fp {fp:.2f} fn {fn:.2f}",
            pages[i]["row"]["url"][:90],
        )

    if args.write:
        model = fit_model(pages, ids, args.folds, args.C)
        whole = aggregate([cv[i][1] for i in ids])
        sha = hashlib.sha256((data_dir() / CORPUS).read_bytes()).hexdigest()
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(
            json.dumps(
                {
                    "features": list(L.FEATURES),
                    "stage2_features": list(L.STAGE2_FEATURES),
                    "stage1": model.stage1.to_dict(),
                    "stage2": model.stage2.to_dict(),
                    "region_threshold": REGION_THRESHOLD,
                    "keep_threshold": KEEP_THRESHOLD,
                    "info": {
                        "trained_on": CORPUS,
                        "corpus_sha256": sha,
                        "pages": n,
                        "cv_folds": args.folds,
                        "cv_metric": "benchmarks/_common.py (article-extraction-benchmark), whole clean_text",
                        "cv_precision": round(whole["precision"], 4),
                        "cv_recall": round(whole["recall"], 4),
                        "cv_f1": round(whole["f1"], 4),
                    },
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
