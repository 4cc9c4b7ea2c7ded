"""The verifier: how well it catches unsupported sentences an LLM might write, and how often it wrongly
rejects faithful ones.

Data: ``benchmarks/data/verifier_cases.jsonl``, generated sentences written from real passages of the
seeds, ECB+ and Multi-News (each passage copied exactly from its source): faithful rewrites (paraphrase,
merged passages, reformatted numbers, resolved relative dates) and unsupported ones (one number, date,
name or quotation changed, or a fact invented). The rows were written by a separate author who did not
see the verifier's code.

The positive class is "unsupported": precision = flagged sentences that really are unsupported; recall =
unsupported sentences flagged. Beside newsweave's verifier, in the same run:

- ``token overlap``: the usual lexical check, a sentence is supported when at least a share t of its
  words (lower-cased) occur in the evidence; t is the best threshold *on this data* (an optimistic peer);
- ``content recall``: the verifier's last check alone (content terms found in the evidence).

    python benchmarks/verifier.py [--show-errors]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from newsweave.brief.verify import Evidence, _check_content, verify

HERE = Path(__file__).resolve().parent
CASES = HERE / "data" / "verifier_cases.jsonl"  # calibration: the verifier was adjusted on its errors
HELDOUT = HERE / "data" / "verifier_cases_heldout.jsonl"  # written later by another author, never tuned on
ISSUE_KINDS = ("none", "number", "date", "name", "quote")  # the kinds the issue asks to catch
_TOKEN = re.compile(r"\w+")


def load(path: Path = CASES) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evidence_of(row: dict) -> list[Evidence]:
    return [
        Evidence(e["text"], dt.date.fromisoformat(e["published"]) if e.get("published") else None)
        for e in row["evidence"]
    ]


def overlap(sentence: str, evidence: list[Evidence]) -> float:
    words = [w.lower() for w in _TOKEN.findall(sentence)]
    ev = {w.lower() for e in evidence for w in _TOKEN.findall(e.text)}
    return sum(w in ev for w in words) / max(len(words), 1)


def scores(flags: list[bool], rows: list[dict]) -> dict[str, float]:
    truth = [r["label"] == "unsupported" for r in rows]
    tp = sum(f and t for f, t in zip(flags, truth, strict=True))
    fp = sum(f and not t for f, t in zip(flags, truth, strict=True))
    fn = sum(t and not f for f, t in zip(flags, truth, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3), "tp": tp, "fp": fp, "fn": fn}


def run(name: str, flag: Callable[[dict], bool], rows: list[dict]) -> tuple[list[bool], float]:
    t0 = time.perf_counter()
    flags = [flag(r) for r in rows]
    return flags, time.perf_counter() - t0


def evaluate(rows: list[dict], show_errors: bool) -> dict:
    """Score newsweave's verifier and the peers on ``rows``; print the tables."""
    labels, changes = Counter(r["label"] for r in rows), Counter(r["change"] for r in rows)
    print(f"{len(rows)} rows: {dict(labels)}, changes {dict(changes)}")
    verdicts = {}

    def newsweave(row: dict) -> bool:
        v = verify(row["sentence"], evidence_of(row))
        verdicts[row["id"]] = v
        return not v.supported

    results = {}
    flags, seconds = run("newsweave", newsweave, rows)
    results["newsweave verifier"] = scores(flags, rows) | {"sentences_per_second": round(len(rows) / seconds, 1)}
    nw_flags = flags
    kinds = [i for i, r in enumerate(rows) if r["change"] in ISSUE_KINDS]
    if len(kinds) < len(rows):
        only = scores([nw_flags[i] for i in kinds], [rows[i] for i in kinds])
        results["newsweave, number/date/name/quote only"] = only
    best = max(
        (scores([overlap(r["sentence"], evidence_of(r)) < t / 100 for r in rows], rows) | {"threshold": t / 100}
         for t in range(50, 100)),
        key=lambda s: s["f1"],
    )  # fmt: skip
    results["token overlap (best t)"] = best
    flags, _ = run("content", lambda r: bool(_check_content(r["sentence"], evidence_of(r))), rows)
    results["content check alone"] = scores(flags, rows)

    print("\n| system | precision | recall | F1 | false alarms | missed |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, s in results.items():
        extra = f" (t = {s['threshold']})" if "threshold" in s else ""
        print(f"| {name}{extra} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['fp']} | {s['fn']} |")
    print(f"\nnewsweave: {results['newsweave verifier']['sentences_per_second']} sentences/s")
    print("recall by change (newsweave):")
    for change in sorted({r["change"] for r in rows if r["label"] == "unsupported"}):
        sel = [(f, r) for f, r in zip(nw_flags, rows, strict=True) if r["change"] == change]
        print(f"  {change:8s} {sum(f for f, _ in sel)}/{len(sel)}")
    if show_errors:
        for f, r in zip(nw_flags, rows, strict=True):
            if f != (r["label"] == "unsupported"):
                kind = "FALSE ALARM" if f else "MISSED"
                print(f"\n{kind} {r['id']} ({r['origin']}, {r['change']}): {r['sentence']}")
                print(f"  problems: {verdicts[r['id']].problems}")
                for e in r["evidence"]:
                    print(f"  evidence: {e['text'][:300]}")
                print(f"  note: {r.get('note')}")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description="verifier precision/recall on generated sentences")
    parser.add_argument("--show-errors", action="store_true", help="list every misclassified row")
    args = parser.parse_args()
    out_data = {}
    for title, path in (("calibration set", CASES), ("held-out set", HELDOUT)):
        if not path.is_file():
            print(f"\n## {title}: {path.name} missing")
            continue
        print(f"\n## {title} ({path.name})")
        out_data[title] = evaluate(load(path), args.show_errors)
    out = HERE / "results" / "verifier.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(out_data, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
