"""Quality gate: cleaning scored on the annotated corpora against pinned floors.

As trafilatura's ``eval_gate``: each corpus is pinned by its SHA-256 (a floor only means something on
the corpus it was measured on) and each floor sits just under the figure measured when it was set.
Lowering a floor is a visible change to this file, never a silent one. The metric is the
article-extraction-benchmark's (``benchmarks/_common.py``).

The text cleaner's line model was fitted on aeb-text, so that gate is a regression check of the
shipped model, not a quality claim; the honest, cross-validated figure is printed by
``benchmarks/train_line_model.py`` and quoted in the README.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import aggregate, corpus_sha256, shingle_scores  # noqa: E402

# Pinned corpora (SHA-256 of the files / folder as benchmarks/_common.corpus_sha256 computes it).
AEB_TEXT_SHA = "547f7c0a"
AEB_HTML_SHA = "410d4779"
# Floors: measured - 0.01 (text in-sample 0.942, HTML 0.970 on 2026-11-23).
TEXT_F1_FLOOR = 0.93
HTML_F1_FLOOR = 0.96


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path}")
    return path


def test_text_cleaner_meets_its_floor() -> None:
    from newsweave.clean import clean_text

    path = _need(DATA / "aeb-text" / "dev.jsonl")
    assert corpus_sha256(path).startswith(AEB_TEXT_SHA), "aeb-text changed: re-measure and re-pin"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    scores = [shingle_scores(clean_text(r["text"]).text, r["body"]) for r in rows]
    f1 = aggregate(scores)["f1"]
    assert f1 >= TEXT_F1_FLOOR, f"text cleaner F1 {f1:.3f} fell below its floor {TEXT_F1_FLOOR}"


def test_html_cleaner_meets_its_floor() -> None:
    from newsweave.clean import clean_html

    folder = _need(DATA / "aeb-html")
    assert corpus_sha256(folder).startswith(AEB_HTML_SHA), "aeb-html changed: re-measure and re-pin"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    scores = []
    for key, row in sorted(truth.items()):
        page = gzip.open(folder / "html" / f"{key}.html.gz").read().decode("utf-8", "replace")
        scores.append(shingle_scores(clean_html(page, url=row["url"]).text, row["articleBody"]))
    f1 = aggregate(scores)["f1"]
    assert f1 >= HTML_F1_FLOOR, f"HTML cleaner F1 {f1:.3f} fell below its floor {HTML_F1_FLOOR}"
