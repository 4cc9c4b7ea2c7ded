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

from newsweave.analyze.framing import framing  # noqa: E402
from newsweave.dedup import find_syndication, origin_map  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "data" / "framing_judgements.jsonl"


def picked_stories() -> list[_stories.Story]:
    """The seeds and five ECB+ and five Multi-News dev stories (random, seed 7)."""
    stories = _stories.load_stories(ROOT.parent / "shared" / "data", ["seeds", "ecb", "multinews"])
    rng = random.Random(7)
    ecb = [s for s in stories if s.corpus == "ecb"]
    mn = [s for s in stories if s.corpus == "multinews"]
    return [s for s in stories if s.corpus == "seeds"] + rng.sample(ecb, 5) + rng.sample(mn, 5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    labels = {
        (r["story"], r["article"], r["term"].lower()): r["verdict"]
        for r in map(json.loads, LABELS.read_text().splitlines())
    }
    verdicts: Counter[str] = Counter()
    unjudged = []
    for story in picked_stories():
        arts = story.articles
        for record in framing(arts, origin=origin_map(arts, find_syndication(arts))):
            for term in dict.fromkeys(s.text.lower() for s in record.mentions):
                verdict = labels.get((story.name, record.article, term))
                if verdict is None:
                    unjudged.append((story.name, record.article, term))
                else:
                    verdicts[verdict] += 1
    judged = sum(verdicts.values())
    out = {
        "judged": judged,
        "verdicts": dict(verdicts),
        "precision": round(verdicts["loaded"] / judged, 3) if judged else None,
        "unjudged": unjudged,
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{judged} framing terms judged: {dict(verdicts)}; precision (loaded) {out['precision']}")
        if unjudged:
            print(f"{len(unjudged)} listed now but not judged: {unjudged[:10]}")
    write_results("framing_precision", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
