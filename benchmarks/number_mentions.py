"""The briefing's numbers against labels written by hand: the value, the thing counted, and what is merged.

Labels (``benchmarks/data/number_mentions.jsonl``) were written by reading the cleaned texts of five dev
stories, without newsweave's output: every number of every article that states a quantity (an age, a
count, a score or record, money, a percentage, a ratio, a measure), with its value, what it counts
(``unit``: "pirate", "Windows user", "year of age"), whose it is (``of``) and its kind; and the digits
that are not quantities (years, days, clock times, ordinals) as ``not_a_quantity``.
``benchmarks/data/number_mentions.md`` says how.

Every labelled story is loaded as ``facts.py`` loads it and analysed as the product does; its
``numbers`` (one record per quantity across the story, every mention a span) are scored against the
labels, each label matched to the record whose mention overlaps its words:

* **right**: the record's value is the label's (either figure of a score, record or range; the
  denominator of a ratio) and its unit names what the label counts: the unit's words share a word
  with the label's ``unit`` once both are in the singular ("constituencies" / "constituency", "TDs" /
  "touchdown"; money: the same currency; percentages: "%" for "per cent"; a score or record: the
  record says it is one);
* **no unit**: the value is right but the record says nothing of what is counted;
* **wrong value** / **wrong unit**;
* **missing**: no record holds the label's words.

A ``not_a_quantity`` label that a record holds is **junk**; a record whose mentions carry labels of
different things counted (a city's 160,000 people and 168,000 people killed; by the stem of the
labels' units) is **merged**. Target (issue "Who said it, and when"): numbers right >= 0.9.

    python benchmarks/number_mentions.py [--set dev|unseen|fresh] [--json] [--examples N]
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import make_console  # noqa: E402
from _labels import check_offsets, label_file, labelled_stories, parser, read_labels, report, say  # noqa: E402

from newsweave.analyze.run import analyze  # noqa: E402
from newsweave.dedup import find_syndication  # noqa: E402
from newsweave.similarity import stem  # noqa: E402

_WORD = re.compile(r"[^\W\d_]+")
_MONEY = {
    "usd": {"$", "dollar", "usd", "us"},
    "gbp": {"£", "pound", "gbp", "sterling"},
    "eur": {"€", "euro", "eur"},
}
_PERCENT = {"%", "percent", "per", "cent"}


_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot",
              "td": "touchdown", "tds": "touchdown", "ko": "knockout", "kos": "knockout", "km": "kilometre",
              "kilometer": "kilometre", "kilometers": "kilometre", "mi": "mile"}  # fmt: skip


def _lemma(word: str) -> str:
    """A word in the singular ("constituencies" -> "constituency", "people" -> "person"), then stemmed."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("ches", "shes", "sses", "xes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    return stem(w)


def _stems(text: str | None) -> set[str]:
    return {_lemma(w) for w in _WORD.findall(text or "")}


def _currency(text: str | None) -> str | None:
    low = (text or "").lower()
    lemmas = {_lemma(w) for w in _WORD.findall(low)}
    for code, words in _MONEY.items():
        if any(w in low for w in words if not w.isalpha()) or any(_lemma(w) in lemmas for w in words):
            return code
    return None


def unit_right(unit: str | None, label: dict[str, Any]) -> bool:
    """Whether a record's unit names what the label counts."""
    if label["kind"] == "money":
        return _currency(unit) is not None and _currency(unit) == _currency(label["unit"])
    if label["kind"] == "percent":
        return bool(unit) and any(w in (unit or "").lower() for w in _PERCENT)
    if label["kind"] in ("score", "record"):
        return unit in ("score", "record")
    return bool(_stems(unit) & _stems(label["unit"]))


def value_right(value: float, label: dict[str, Any]) -> bool:
    """Whether a record's value is the label's: either figure, or the denominator of a ratio."""
    wanted = [label["value"], label.get("value2")]
    if label["kind"] == "ratio" and label["value"]:
        wanted.append(1 / label["value"])
    return any(w is not None and abs(value - w) <= 1e-6 * max(1.0, abs(w)) for w in wanted)


def score_story(story: Any, labels: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each label with its verdict, and each record that merges labels of different things."""
    check_offsets(story, labels, "text")
    analysis = analyze(story.articles, find_syndication(story.articles))
    rows = []
    members: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for label in labels:
        start, end = label["start"], label["start"] + len(label["text"])
        record = next(
            (
                (k, fact)
                for k, fact in enumerate(analysis.numbers)
                for m in fact.mentions
                if m.article == label["article"] and m.start < end and start < m.end
            ),
            None,
        )
        if label["kind"] == "not_a_quantity":
            verdict = "junk" if record else "ignored"
        elif record is None:
            verdict = "missing"
        else:
            k, fact = record
            members[k].append(label)
            if not value_right(fact.value, label):
                verdict = "wrong value"
            elif not fact.unit:
                verdict = "no unit"
            else:
                verdict = "right" if unit_right(fact.unit, label) else "wrong unit"
        rows.append(
            {
                **label,
                "verdict": verdict,
                "given": None if record is None else {"value": record[1].value, "unit": record[1].unit},
            }
        )
    merged = []
    for k, labs in members.items():
        heads = {frozenset(_stems(lab["unit"])) for lab in labs if lab["kind"] not in ("money", "percent")}
        if len(heads) > 1 and not frozenset.intersection(*heads):
            record = analysis.numbers[k]
            units = sorted({lab["unit"] for lab in labs})
            merged.append({"story": labels[0]["story"], "value": record.value, "unit": record.unit, "labels": units})
    return rows, merged


def main(argv: Sequence[str] | None = None) -> int:
    """Score the numbers of the labelled stories and print the table."""
    args = parser(__doc__, "labels not right").parse_args(argv)
    console = make_console(stderr=args.json)
    wanted = read_labels(label_file("number_mentions.jsonl", args.set))
    stories = labelled_stories()
    rows: list[dict[str, Any]] = []
    merged: list[dict[str, Any]] = []
    for name in sorted(wanted):
        r, m = score_story(stories[name], wanted[name])
        rows += r
        merged += m
    quantities = [r for r in rows if r["kind"] != "not_a_quantity"]
    noise = [r for r in rows if r["kind"] == "not_a_quantity"]
    counts = Counter(r["verdict"] for r in quantities)
    n = max(1, len(quantities))
    results: dict[str, Any] = {
        "labels": len(rows),
        "quantities": len(quantities),
        "verdicts": dict(counts),
        "right": counts["right"] / n,
        "right_value": (counts["right"] + counts["no unit"] + counts["wrong unit"]) / n,
        "junk": sum(r["verdict"] == "junk" for r in noise) / max(1, len(noise)),
        "merged_records": merged,
        "by_kind": {
            k: dict(Counter(r["verdict"] for r in quantities if r["kind"] == k))
            for k in sorted({r["kind"] for r in quantities})
        },
        "by_story": {s: dict(Counter(r["verdict"] for r in quantities if r["story"] == s)) for s in sorted(wanted)},
        "not_right": [r for r in quantities if r["verdict"] != "right"],
    }
    report("number_mentions" if args.set == "dev" else f"number_mentions_{args.set}", results, args.json)
    console.print(
        f"{len(quantities)} labelled quantities in {len(wanted)} stories: right {results['right']:.3f} "
        f"(value right {results['right_value']:.3f}); {dict(counts)}; {len(noise)} non-quantities, "
        f"{results['junk']:.3f} of them listed; {len(merged)} records merge different things"
    )
    for k, v in results["by_kind"].items():
        console.print(f"  {k:10s} {v}")
    for r in results["not_right"][: args.examples]:
        say(
            console,
            f"[{r['verdict']}] {r['story']} {r['text']!r} label {r['value']} {r['unit']!r} given {r['given']}",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
