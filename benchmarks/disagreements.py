"""Real disagreements between outlets: how many newsweave reports, and how many near-misses it wrongly flags.

The labels were written by hand on the dev data, before this scorer and without looking at newsweave's
output (``benchmarks/data/real_disagreements.md`` says how):

* ``benchmarks/data/real_disagreements.jsonl``: two articles of one ECB+ event or Multi-News story that
  state different values for the same fact at the same time ("11 dead" vs "24 dead" the same day, 7.6 vs
  7.7, a record 10-5 vs 9-5, 1:30 vs 1:00 a.m.), with the exact words of each side;
* ``benchmarks/data/not_disagreements.jsonl``: near-misses a tool must not report (a toll that rose, a
  hedge, rounding, one day written two ways, another event).

Every labelled story is cleaned and analysed as the product does it (``clean_documents`` ->
``find_syndication`` -> ``analyze``). A labelled pair is **reported** when one contradiction has a variant
in the sentence of side ``a`` and another variant in the sentence of side ``b`` (label texts are found in
the cleaned text after the loader's ECB+ clean-up; a side that cannot be found is listed, not scored).
The "same values" column is looser: a contradiction with a variant in one side's sentence and, in any
other article, a variant stating the other side's value (the reader sees the same two values disagree,
if not between the two labelled outlets).
Recall is over the real disagreements, per kind and corpus, with a 95% bootstrap interval over stories;
the near-miss rate is the share of near-misses reported.

    python benchmarks/disagreements.py [--json] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, environment, make_console, write_results  # noqa: E402
from _stories import detokenize, ecb_documents, multinews_text  # noqa: E402
from rich.table import Table  # noqa: E402

from newsweave.analyze.run import analyze  # noqa: E402
from newsweave.clean import clean_documents  # noqa: E402
from newsweave.dedup import find_syndication  # noqa: E402
from newsweave.model import Article, Conflict, Document  # noqa: E402

LABELS = Path(__file__).resolve().parent / "data"
ECB_FILE = Path("ecbplus") / "dev.jsonl"
MN_FILE = Path("mds") / "multinews_dev.jsonl"


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _squash(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with runs of spaces as one, and the offset in ``text`` of each kept character."""
    out, where = [], []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch.lower())
        where.append(i)
    return "".join(out), where


def locate(article: Article, words: str) -> tuple[int, int] | None:
    """Where a label's words are in the cleaned text (ECB+ clean-up applied, spaces and case ignored)."""
    for form in (words, detokenize(words)):
        i = article.text.find(form)
        if i >= 0:
            return i, i + len(form)
        hay, where = _squash(article.text)
        needle, _ = _squash(form.strip())
        j = hay.find(needle)
        if j >= 0 and needle:
            return where[j], where[j + len(needle) - 1] + 1
    return None


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around ``text[start:end]``: out to ``. ! ?`` followed by a space, or a line break."""
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "! ", "? ")))
    stops = [i for i in (text.find("\n", end), *(text.find(p, end) for p in (". ", "! ", "? "))) if i >= 0]
    return (left + 1 if left >= 0 else 0), (min(stops) + 1 if stops else len(text))


def _stories(data: Path, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], list[Document]]:
    out: dict[tuple[str, str], list[Document]] = {}
    ecb: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _jsonl(data / ECB_FILE):
        ecb[row["cluster"]].append(row)
    for corpus, story in wanted:
        if corpus == "ecbplus" and story in ecb:
            out[(corpus, story)] = ecb_documents(ecb[story])
    for row in _jsonl(data / MN_FILE):
        key = ("multinews", row["id"])
        if key in wanted:
            out[key] = [
                Document(id=str(i), source=f"multinews#{row['id']}/{i}", content=multinews_text(d), kind="text")
                for i, d in enumerate(row["documents"])
            ]
    return out


def _reported(conflicts: Sequence[Conflict], a: tuple[str, int, int], b: tuple[str, int, int]) -> Conflict | None:
    for c in conflicts:
        if c.severity != "contradiction":
            continue
        hits_a = any(v.article == a[0] and v.start < a[2] and a[1] < v.end for v in c.variants)
        hits_b = any(v.article == b[0] and v.start < b[2] and b[1] < v.end for v in c.variants)
        if hits_a and hits_b:
            return c
    return None


def _value(text: str) -> float | None:
    m = re.search(r"\d[\d,]*(?:\.\s?\d+)?", text)
    return float(re.sub(r"[,\s]", "", m.group())) if m else None


def _same_values(conflicts: Sequence[Conflict], a: tuple[str, int, int], value_b: str) -> Conflict | None:
    """A contradiction with a variant in side a's sentence and, in another article, a variant stating side
    b's value: the reader sees the same two values disagree, if not between the two labelled outlets."""
    want = _value(value_b)
    if want is None:
        return None
    for c in conflicts:
        if c.severity != "contradiction":
            continue
        if not any(v.article == a[0] and v.start < a[2] and a[1] < v.end for v in c.variants):
            continue
        if any(v.article != a[0] and _value(v.text) == want for v in c.variants):
            return c
    return None


def score(labels: list[dict[str, Any]], analyses: dict[tuple[str, str], tuple[list[Article], Any]]) -> list[dict]:
    """One row per label: found, reported, and by which conflict."""
    rows = []
    for lab in labels:
        key = (lab["corpus"], lab["story"])
        row = {k: lab.get(k) for k in ("corpus", "story", "kind", "about", "why_not", "group")}
        if key not in analyses:
            rows.append({**row, "located": False, "reported": False, "why": "story not in the data"})
            continue
        articles, analysis = analyses[key]
        by_id = {a.id: a for a in articles}
        sides = []
        for side in ("a", "b"):
            art = by_id.get(str(lab[side]["article"]))
            where = locate(art, lab[side]["text"]) if art is not None else None
            if art is None or where is None:
                break
            s, e = sentence_bounds(art.text, *where)
            sides.append((art.id, s, e))
        if len(sides) < 2:
            rows.append({**row, "located": False, "reported": False, "why": "label text not found after cleaning"})
            continue
        c = _reported(analysis.conflicts, sides[0], sides[1])
        values = (
            c
            or _same_values(analysis.conflicts, sides[0], str(lab["b"].get("value", "")))
            or _same_values(analysis.conflicts, sides[1], str(lab["a"].get("value", "")))
        )
        rows.append(
            {
                **row,
                "located": True,
                "reported": c is not None,
                "same_values": values is not None,
                "conflict": (c or values).about if (c or values) else None,
                "a": lab["a"]["text"],
                "b": lab["b"]["text"],
            }  # fmt: skip
        )
    return rows


def _interval(rows: list[dict], *, resamples: int = 1000, seed: int = 0) -> tuple[float, float]:
    by_story: dict[str, list[bool]] = defaultdict(list)
    for r in rows:
        by_story[r["story"]].append(bool(r["reported"]))
    keys = sorted(by_story)
    if not keys:
        return (0.0, 0.0)
    rng = random.Random(seed)
    values = []
    for _ in range(resamples):
        pick = [by_story[rng.choice(keys)] for _ in keys]
        n = sum(len(p) for p in pick)
        values.append(sum(sum(p) for p in pick) / n if n else 0.0)
    values.sort()
    return values[int(0.025 * resamples)], values[int(0.975 * resamples) - 1]


def main(argv: Sequence[str] | None = None) -> int:
    """Score the labelled real disagreements and near-misses; print a table and write results JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--out", type=Path, help="also write the results JSON here")
    args = parser.parse_args(argv)
    console = make_console(stderr=args.json)
    real = _jsonl(LABELS / "real_disagreements.jsonl")
    near = _jsonl(LABELS / "not_disagreements.jsonl")
    t0 = time.perf_counter()
    wanted = {(lab["corpus"], lab["story"]) for lab in real + near}
    analyses = {}
    for key, docs in sorted(_stories(data_dir(), wanted).items()):
        articles, _ = clean_documents(docs)
        analyses[key] = (articles, analyze(articles, find_syndication(articles)))
    real_rows, near_rows = score(real, analyses), score(near, analyses)
    located = [r for r in real_rows if r["located"]]
    table = Table(title=f"Real disagreements reported ({len(analyses)} stories)")
    for col in ("group", "n", "reported", "recall", "95% CI", "same values"):
        table.add_column(col, justify="right" if col != "group" else "left")
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in located:
        groups["all"].append(r)
        groups[f"kind {r['kind']}"].append(r)
        groups[f"corpus {r['corpus']}"].append(r)
        if r["corpus"] == "ecbplus":
            groups["ecb+ odd topics" if int(r["story"].split("_")[0]) % 2 else "ecb+ even topics"].append(r)
    summary = {}
    for name in sorted(groups, key=lambda g: (g != "all", g)):
        rows = groups[name]
        hit = sum(r["reported"] for r in rows)
        lo, hi = _interval(rows)
        loose = sum(r.get("same_values", False) for r in rows)
        summary[name] = {
            "n": len(rows), "reported": hit, "recall": hit / len(rows), "ci95": [lo, hi],
            "same_values": loose, "recall_same_values": loose / len(rows),
        }  # fmt: skip
        table.add_row(
            name, str(len(rows)), str(hit), f"{hit / len(rows):.3f}", f"{lo:.3f}–{hi:.3f}", f"{loose / len(rows):.3f}"
        )
    console.print(table)
    near_located = [r for r in near_rows if r["located"]]
    false_alarms = [r for r in near_located if r["reported"]]
    console.print(
        f"labels located: {len(located)} of {len(real_rows)} real, {len(near_located)} of {len(near_rows)} "
        f"near-misses; near-misses reported as contradictions: {len(false_alarms)} of {len(near_located)}"
    )
    for r in false_alarms:
        console.print(f"  near-miss reported [{r['story']}] {r['about']} ({r['why_not']}): {r['conflict']}")
    payload = {
        "benchmark": "disagreements",
        "environment": environment(),
        "seconds": round(time.perf_counter() - t0, 1),
        "recall": summary,
        "near_misses": {"n": len(near_located), "reported": len(false_alarms)},
        "not_located": [r for r in real_rows + near_rows if not r["located"]],
        "real": real_rows,
        "near": near_rows,
    }
    path = write_results("disagreements", payload)
    if args.out:
        args.out.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    console.print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
