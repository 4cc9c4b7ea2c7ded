"""Precision of the framing terms, judged by reading: how many of the words a briefing lists as an
outlet's loaded vocabulary really are the outlet judging what it describes.

The stories: the seeds and ten dev stories drawn at random (seed 7) from the ECB+ events and the
Multi-News stories. Every distinct term the briefing's ``framing`` lists for an article, with its
sentence, was judged by a reader who did not see the code (``benchmarks/data/framing_judgements.jsonl``;
``framing_judgements.md`` says how): ``loaded`` (the outlet's own voice judges or colours), ``neutral``
(plain description here: "offensive" as a military attack) or ``quoted`` (someone else's words).
Precision is loaded / judged. Terms the briefing lists now that were not judged are counted apart, so
a change that lists new terms shows them.

    python benchmarks/framing_precision.py [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _stories  # noqa: E402
from _common import write_results  # noqa: E402

from newsweave.analyze.framing import framing, is_news_term  # noqa: E402
from newsweave.dedup import find_syndication, origin_map  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# Each fresh set: five ECB+ and five Multi-News stories drawn with its seed among those no earlier set has.
FRESH_SEEDS = {"fresh": 11, "fresh2": 13, "fresh3": 17}
LABELS = {
    "dev": ROOT / "benchmarks" / "data" / "framing_judgements.jsonl",
    **{name: ROOT / "benchmarks" / "data" / f"framing_judgements_{name}.jsonl" for name in FRESH_SEEDS},
}


def picked_stories(which: str = "dev") -> list[_stories.Story]:
    """``dev``: the seeds and five ECB+ and five Multi-News dev stories (random, seed 7), the set the
    reported-speech rule and the split into loaded and evaluative words were read off; ``fresh``: ten
    others (seed 11), judged after those changes, then read for more reported-speech forms and the
    past-participle rule; ``fresh2``: ten more (seed 13), judged after all of it, then read with the
    others to set :data:`newsweave.analyze.framing.MARKED_BELOW`; ``fresh3``: ten more (seed 17), judged
    after that."""
    stories = _stories.load_stories(ROOT.parent / "shared" / "data", ["seeds", "ecb", "multinews"])
    rng = random.Random(7)
    ecb = [s for s in stories if s.corpus == "ecb"]
    mn = [s for s in stories if s.corpus == "multinews"]
    dev = [s for s in stories if s.corpus == "seeds"] + rng.sample(ecb, 5) + rng.sample(mn, 5)
    if which == "dev":
        return dev
    seen = {s.name for s in dev}
    for name, seed in FRESH_SEEDS.items():
        rng = random.Random(seed)
        drawn = rng.sample([s for s in ecb if s.name not in seen], 5) + rng.sample(
            [s for s in mn if s.name not in seen], 5
        )
        if name == which:
            return drawn
        seen |= {s.name for s in drawn}
    raise ValueError(which)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--set", choices=sorted(LABELS), default="dev", help="which judged stories (default dev)")
    parser.add_argument("--dump", action="store_true", help="print the terms with their sentences, to judge")
    args = parser.parse_args(argv)
    path = LABELS[args.set]
    labels = (
        {
            (r["story"], r["article"], r["term"].lower()): r["verdict"]
            for r in map(json.loads, path.read_text().splitlines())
        }
        if path.exists()
        else {}
    )
    verdicts: dict[str, Counter[str]] = {"loaded": Counter(), "evaluative": Counter()}
    unjudged = []
    for story in picked_stories(args.set):
        arts = story.articles
        texts = {a.id: a.text for a in arts}
        for record in framing(arts, origin=origin_map(arts, find_syndication(arts))):
            for span in {s.text.lower(): s for s in record.mentions}.values():
                term = span.text.lower()
                kind = "loaded" if is_news_term(term) else "evaluative"
                verdict = labels.get((story.name, record.article, term))
                if args.dump:
                    text = texts[record.article]
                    lo, hi = text.rfind("\n", 0, span.start) + 1, text.find("\n", span.end)
                    row = {"story": story.name, "article": record.article, "start": span.start, "term": term}
                    print(json.dumps({**row, "paragraph": text[lo : hi if hi >= 0 else len(text)]}))
                if verdict is None:
                    unjudged.append((story.name, record.article, term))
                else:
                    verdicts[kind][verdict] += 1
    if args.dump:
        return 0
    both = verdicts["loaded"] + verdicts["evaluative"]

    def precision(c: Counter[str]) -> float | None:
        return round(c["loaded"] / sum(c.values()), 3) if sum(c.values()) else None

    out = {
        "set": args.set,
        "judged": sum(both.values()),
        "verdicts": dict(both),
        "precision": precision(both),
        "by_kind": {k: {"judged": sum(c.values()), **dict(c), "precision": precision(c)} for k, c in verdicts.items()},
        "unjudged": unjudged,
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{out['judged']} framing terms judged ({args.set}): {dict(both)}; precision {out['precision']}")
        for kind, c in out["by_kind"].items():  # type: ignore[attr-defined]
            print(f"  {kind:10s} {c}")
        if unjudged:
            print(f"{len(unjudged)} listed now but not judged: {unjudged[:10]}")
    write_results(f"framing_precision_{args.set}", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
