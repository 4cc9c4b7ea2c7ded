"""Fit the text cleaner's line classifier and report its cross-validated quality.

Data: ``../shared/data/aeb-text/dev.jsonl`` (88 real pages as a scraper writes them, with rough
line labels derived from the true body). The line labels are the training signal; the score is the
article-extraction-benchmark's 4-gram shingle F1 of the kept lines against the *true body*.

Honesty: every page is scored by a model fitted on the other folds (``--folds``, grouped by page, and
stage 2 is fitted on out-of-fold stage-1 scores), so the figure printed is not a training score.
``--write`` refits on all pages and writes ``src/newsweave/data/line_model.json``.

    python benchmarks/train_line_model.py            # cross-validated F1
    python benchmarks/train_line_model.py --write    # also refit and write the shipped weights
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from newsweave.clean import lines as L
from newsweave.clean.text import detect_language

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NEWSWEAVE_DATA", ROOT.parent / "shared" / "data"))
OUT = ROOT / "src" / "newsweave" / "data" / "line_model.json"
REGION_THRESHOLD = 0.4
KEEP_THRESHOLD = 0.45


def shingles(text: str) -> Counter[tuple[str, ...]]:
    toks = re.findall(r"\w+", text.lower())
    return Counter(tuple(toks[i : i + 4]) for i in range(max(len(toks) - 3, 0)))


def page_score(pred: str, true: str) -> tuple[float, float, float]:
    p, t = shingles(pred), shingles(true)
    tp = sum((p & t).values())
    fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def aggregate(scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    tp, fp, fn = (sum(s[i] for s in scores) for i in range(3))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> L.LogisticModel:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(max_iter=5000, C=c)
    clf.fit((x - mean) / scale, y, sample_weight=w)
    return L.LogisticModel(mean, scale, clf.coef_[0].copy(), float(clf.intercept_[0]))


def folds_of(n: int, k: int) -> list[list[int]]:
    return [list(range(i, n, k)) for i in range(k)]


def stage1_oof(pages: list[int], X, Y, W, k: int, c: float) -> dict[int, np.ndarray]:
    """Out-of-fold stage-1 scores for ``pages``."""
    out: dict[int, np.ndarray] = {}
    for fold in folds_of(len(pages), k):
        test = {pages[i] for i in fold}
        train = [p for p in pages if p not in test]
        m = fit(np.vstack([X[p] for p in train]), np.concatenate([Y[p] for p in train]),
                np.concatenate([W[p] for p in train]), c)
        for p in test:
            out[p] = m.predict(X[p])
    return out


def fit_two_stage(pages: list[int], X, Y, W, k: int, c: float) -> tuple[L.LogisticModel, L.LogisticModel]:
    oof = stage1_oof(pages, X, Y, W, k, c)
    s1 = fit(np.vstack([X[p] for p in pages]), np.concatenate([Y[p] for p in pages]),
             np.concatenate([W[p] for p in pages]), c)
    x2 = np.vstack([L.stage2_features(oof[p], X[p], REGION_THRESHOLD) for p in pages])
    s2 = fit(x2, np.concatenate([Y[p] for p in pages]), np.concatenate([W[p] for p in pages]), c)
    return s1, s2


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--write", action="store_true", help="refit on all pages and write the shipped weights")
    ap.add_argument("--show-worst", type=int, default=0)
    args = ap.parse_args()

    path = DATA / "aeb-text" / "dev.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    X, Y, W = [], [], []
    for row in rows:
        lines = [ln["text"] for ln in row["lines"]]
        stop = L.stopwords(detect_language("\n".join(lines)))
        x = L.featurize(lines, stop)
        X.append(x)
        Y.append(np.array([ln["label"] == "body" for ln in row["lines"]]))
        W.append(np.exp(x[:, 0]))  # weigh lines by words, as the shingle metric does
    pages = list(range(len(rows)))

    scores, per_page = [], []
    for fold in folds_of(len(pages), args.folds):
        train = [p for p in pages if p not in set(fold)]
        s1, s2 = fit_two_stage(train, X, Y, W, args.folds, args.C)
        model = L.LineModel(s1, s2, REGION_THRESHOLD, KEEP_THRESHOLD, {})
        for p in fold:
            x = X[p]
            prob = model.stage2.predict(L.stage2_features(model.stage1.predict(x), x, REGION_THRESHOLD))
            kept = "\n".join(ln["text"] for ln, q in zip(rows[p]["lines"], prob, strict=True) if q > KEEP_THRESHOLD)
            s = page_score(kept, rows[p]["body"])
            scores.append(s)
            per_page.append((s, p))
    p, r, f = aggregate(scores)
    print(f"line model, {args.folds}-fold CV by page on {len(rows)} pages: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    for s, page in sorted(per_page, key=lambda t: t[0][0])[: args.show_worst]:
        print(f"  tp {s[0]:.2f} fp {s[1]:.2f} fn {s[2]:.2f}  {rows[page]['url'][:90]}")

    if args.write:
        s1, s2 = fit_two_stage(pages, X, Y, W, args.folds, args.C)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps({
            "features": list(L.FEATURES),
            "stage2_features": list(L.STAGE2_FEATURES),
            "stage1": s1.to_dict(),
            "stage2": s2.to_dict(),
            "region_threshold": REGION_THRESHOLD,
            "keep_threshold": KEEP_THRESHOLD,
            "info": {"trained_on": "aeb-text/dev.jsonl", "corpus_sha256": sha, "pages": len(rows),
                     "cv_folds": args.folds, "cv_precision": round(p, 4), "cv_recall": round(r, 4),
                     "cv_f1": round(f, 4)},
        }, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
