"""Precision of the contradictions newsweave reports on unmodified stories, from judgements kept by hand.

Stories: every ECB+ dev event with at least five articles and the first ten Multi-News dev stories with
at least three documents (the loader of ``benchmarks/_stories.py``). Each is analysed as the product does
it; every reported ``contradiction`` is looked up in ``benchmarks/data/conflict_judgements.jsonl``, where a
person read the variants in their sentences and wrote a verdict:

* ``true``: a real disagreement between the articles (they cannot both be right);
* ``different_facts``: the variants are about different things (other people, other days, other events);
* ``parse_error``: a value or its anchor was read wrongly.

A judgement is keyed by the story, the conflict's kind and its variants' (article, words), so it survives
any change that reports the same conflict. Conflicts nobody has judged yet are counted and listed;
``--dump FILE`` writes them with their sentences, ready to be judged and appended to the judgements.

    python benchmarks/precision.py [--dump FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, environment, make_console, write_results  # noqa: E402
from _stories import load_corpus  # noqa: E402
from rich.markup import escape  # noqa: E402

from newsweave.analyze.run import analyze  # noqa: E402
from newsweave.clean import clean_documents  # noqa: E402
from newsweave.dedup import find_syndication  # noqa: E402
from newsweave.model import Conflict, Document  # noqa: E402

JUDGEMENTS = Path(__file__).resolve().parent / "data" / "conflict_judgements.jsonl"
ECB_MIN_ARTICLES = 5
MULTINEWS_STORIES = 10
VERDICTS = ("true", "different_facts", "parse_error")
NEUS_FILE = Path("mds") / "neus_allsides_dev.jsonl"


def key(story: str, c: Conflict | dict[str, Any]) -> str:
    """The judgement key of a conflict (or of a judgement row)."""
    if isinstance(c, dict):
        kind, variants = c["kind"], [(v[0], v[1]) for v in c["variants"]]
    else:
        kind, variants = c.kind, [(v.article, v.text) for v in c.variants]
    return json.dumps([story, kind, sorted(variants)], ensure_ascii=False)


def sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``."""
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "! ", "? ")))
    stops = [i for i in (text.find("\n", end), *(text.find(p, end) for p in (". ", "! ", "? "))) if i >= 0]
    return text[(left + 1 if left >= 0 else 0) : (min(stops) + 1 if stops else len(text))].strip()


def stories(data: Path, which: str = "dev") -> list[Any]:
    """The judged stories, in a fixed order: ``dev`` (ECB+ events with 5+ articles and ten Multi-News
    stories, the stories the conflict rules were written against) or ``neus`` (the 154 NeuS/AllSides
    stories, three outlets each, which no rule was written from: a held-out check)."""
    if which == "neus":
        out = []
        with (data / NEUS_FILE).open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                docs = [
                    Document(id=str(i), source=f"neus#{row['id']}/{i}", content=d, kind="text")
                    for i, d in enumerate(row["documents"])
                ]
                articles, _ = clean_documents(docs)
                out.append(SimpleNamespace(name=f"neus {row['id']}", articles=articles))
        return out
    ecb = [s for s in load_corpus(data, "ecb") if s.raw_documents >= ECB_MIN_ARTICLES]
    mn = [s for s in load_corpus(data, "multinews") if s.raw_documents >= 3][:MULTINEWS_STORIES]
    return ecb + mn


def main(argv: Sequence[str] | None = None) -> int:
    """Score the reported contradictions against the judgements; list the unjudged ones."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dump", type=Path, help="write the unjudged contradictions here, with their sentences")
    parser.add_argument(
        "--stories", choices=("dev", "neus"), default="dev",
        help="dev: 45 ECB+ events and 10 Multi-News stories (default); neus: 154 NeuS stories, held out",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    console = make_console(stderr=args.json)
    judged: dict[str, dict[str, Any]] = {}
    if JUDGEMENTS.exists():
        for line in JUDGEMENTS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row["verdict"] not in VERDICTS:
                    raise SystemExit(f"{JUDGEMENTS}: unknown verdict {row['verdict']!r}")
                judged[key(row["story"], row)] = row
    t0 = time.perf_counter()
    verdicts: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = {}
    unjudged: list[dict[str, Any]] = []
    wrong: list[dict[str, Any]] = []  # the reported contradictions judged not true, with the judge's note
    picked = stories(data_dir(), args.stories)
    for story in picked:
        texts = {a.id: a.text for a in story.articles}
        analysis = analyze(story.articles, find_syndication(story.articles))
        for c in analysis.conflicts:
            if c.severity != "contradiction":
                continue
            row = judged.get(key(story.name, c))
            if row is None:
                unjudged.append(
                    {
                        "story": story.name,
                        "kind": c.kind,
                        "about": c.about,
                        "within_syndication": c.within_syndication,
                        "variants": [[v.article, v.text] for v in c.variants],
                        "sentences": [sentence(texts[v.article], v.start, v.end) for v in c.variants],
                    }
                )
                continue
            verdicts[row["verdict"]] += 1
            by_kind.setdefault(c.kind, Counter())[row["verdict"]] += 1
            if row["verdict"] != "true":
                wrong.append({"story": story.name, "verdict": row["verdict"], "note": row.get("note", "")})
    n = sum(verdicts.values())
    false = n - verdicts["true"]
    precision = verdicts["true"] / n if n else None
    console.print(
        f"{len(picked)} stories: {n + len(unjudged)} contradictions reported, {n} judged: "
        f"{verdicts['true']} true, {verdicts['different_facts']} different facts, {verdicts['parse_error']} "
        f"parse errors -> precision {precision if precision is None else round(precision, 3)}; "
        f"false contradictions per five stories {5 * false / len(picked):.2f}; unjudged {len(unjudged)}"
    )
    for kind, counts in sorted(by_kind.items()):
        console.print(f"  {kind}: {dict(counts)}")
    for w in wrong:
        console.print(escape(f"  not true [{w['story']}] {w['verdict']}: {w['note']}"))
    if args.dump:
        args.dump.write_text("".join(json.dumps(u, ensure_ascii=False) + "\n" for u in unjudged), encoding="utf-8")
        console.print(f"wrote {len(unjudged)} unjudged contradictions to {args.dump}")
    payload = {
        "benchmark": "precision",
        "stories_set": args.stories,
        "environment": environment(),
        "stories": len(picked),
        "judged": n,
        "verdicts": dict(verdicts),
        "by_kind": {k: dict(v) for k, v in by_kind.items()},
        "precision": precision,
        "false_per_five_stories": 5 * false / len(picked) if picked else None,
        "unjudged": unjudged,
        "not_true": wrong,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    write_results("precision" if args.stories == "dev" else f"precision_{args.stories}", payload)
    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
