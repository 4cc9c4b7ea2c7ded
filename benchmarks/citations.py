"""Does every cited passage support its summary sentence? Judged by hand on the dev stories.

Each sentence of a briefing's summary cites the passages of every article that states it (the claim's
mentions across outlets). A reader who follows a citation must find the sentence's claim there. For
every summary sentence of the ECB+ and Multi-News dev stories (briefed as ``brief`` does:
``brief_articles`` on the cleaned articles), every cited passage that is not the sentence itself is a
*pair*. Pairs judged by reading are kept in ``benchmarks/data/citation_judgements.jsonl`` (how:
``citation_judgements.md``), keyed by story, article, offsets and the sentence's words, so that a later
run scores what it still cites and lists what is new (``--dump FILE``), as ``precision.py`` does.

Verdicts: ``supports`` (the passage states the claim; fewer details are fine, none may differ),
``partly`` (the same claim without a detail the sentence asserts), ``contradicts`` (a detail differs),
``unrelated`` (another claim or event). Reported: the share of each among the judged pairs the current
output still cites, and how often the verifier the LLM writer uses (``brief.verify``, run on the sentence
and that one passage) agrees with the reader that a passage supports it.

    python benchmarks/citations.py [--dump FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, environment, make_console, write_results  # noqa: E402
from _stories import load_stories  # noqa: E402

from newsweave.brief.verify import Evidence, verify  # noqa: E402
from newsweave.pipeline import brief_articles  # noqa: E402

JUDGEMENTS = Path(__file__).resolve().parent / "data" / "citation_judgements.jsonl"
VERDICTS = ("supports", "partly", "contradicts", "unrelated")


def key(pair: dict[str, Any]) -> str:
    """A pair's identity: its story, the cited passage's place and the sentence's words."""
    return json.dumps([pair["story"], pair["article"], pair["start"], pair["end"], " ".join(pair["sentence"].split())])


def pairs() -> list[dict[str, Any]]:
    """Every (summary sentence, cited passage other than the sentence itself) of the dev stories."""
    out = []
    for story in load_stories(data_dir(), ["ecb", "multinews"]):
        briefing = brief_articles(story.articles)
        for k, sentence in enumerate(briefing.summary):
            for e in sentence.evidence:
                if " ".join(e.text.split()) == " ".join(sentence.text.split()):
                    continue
                out.append(
                    {
                        "story": story.name,
                        "sentence_index": k,
                        "sentence": sentence.text,
                        "article": e.article,
                        "start": e.start,
                        "end": e.end,
                        "span": e.text,
                    }
                )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Score the pairs the current output cites against the judgements; list the unjudged ones."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--dump", type=Path, help="write the pairs not judged yet here (JSONL)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    console = make_console(stderr=args.json)
    judged = {}
    for line in JUDGEMENTS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row["verdict"] not in VERDICTS:
                raise SystemExit(f"{JUDGEMENTS}: unknown verdict {row['verdict']!r}")
            judged[key(row)] = row
    current = pairs()
    verdicts: Counter[str] = Counter()
    agree: Counter[tuple[str, bool]] = Counter()
    unjudged = []
    for pair in current:
        row = judged.get(key(pair))
        if row is None:
            unjudged.append(pair)
            continue
        verdicts[row["verdict"]] += 1
        supported = verify(pair["sentence"], [Evidence(pair["span"])]).supported
        agree[(row["verdict"], supported)] += 1
    n = sum(verdicts.values())
    results: dict[str, Any] = {
        "pairs_cited": len(current),
        "sentences_with_other_citations": len({(p["story"], p["sentence_index"]) for p in current}),
        "judged": n,
        "unjudged": len(unjudged),
        "verdicts": dict(verdicts),
        "shares": {v: verdicts[v] / max(1, n) for v in VERDICTS},
        "verifier_passes": {f"{v}": agree[(v, True)] for v in VERDICTS},
        "judgements_kept": len(judged),
    }
    results["environment"] = environment()
    write_results("citations", results)
    if args.dump:
        args.dump.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in unjudged), encoding="utf-8")
    console.print(
        f"{len(current)} cited passages besides the sentence itself, in "
        f"{results['sentences_with_other_citations']} summary sentences; {n} judged by reading, "
        f"{len(unjudged)} not judged yet"
    )
    console.print(
        "  "
        + ", ".join(f"{v} {verdicts[v]} ({verdicts[v] / max(1, n):.2f})" for v in VERDICTS)
        + f"; the verifier passes {agree[('supports', True)]} of {verdicts['supports']} judged to support, "
        f"{sum(agree[(v, True)] for v in VERDICTS if v != 'supports')} of {n - verdicts['supports']} judged not to"
    )
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
