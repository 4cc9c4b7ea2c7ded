"""Why the injections of ``facts.py`` are missed: a diagnostic for whoever works on the detector.

``facts.py`` scores the public result only. This script replays the same injections (same stories, same
seed) and, for each one that is not detected, looks inside the analysis: which facts the changed words
became (none, a quantity, a date …), and which reasons ``analysis.unreported`` gives for the differing
pairs that touch the change ("background", "one article states both values" …). A miss with no such pair
means the changed value was never set beside another article's: the slot did not match.

    python benchmarks/facts_misses.py [--limit N] [--seed S] [--per-story K] [--corpus ...] [--examples E]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import facts as B  # noqa: E402
from _common import data_dir, make_console  # noqa: E402
from _stories import load_stories  # noqa: E402

from newsweave.analyze.run import analyze  # noqa: E402
from newsweave.dedup import find_syndication  # noqa: E402


def _touches(span: B.Span, inj: B.Injection) -> bool:
    return span.article == inj.article and any(B.overlaps(span, r) for r in inj.regions)


def _partners(articles, inj: B.Injection) -> list[str]:
    """Sentences of the other articles that carry the injection's original words."""
    pattern = re.compile(r"(?<![\w.,])" + re.escape(inj.old) + r"(?![\w]|[.,]\d)")
    out = []
    for a in articles:
        if a.id == inj.article:
            continue
        for m in pattern.finditer(a.text):
            start = max(a.text.rfind(". ", 0, m.start()), a.text.rfind("\n", 0, m.start())) + 1
            ends = [e for e in (a.text.find(". ", m.end()), a.text.find("\n", m.end())) if e >= 0]
            out.append(f"[{a.id}] " + a.text[start : min(ends) if ends else len(a.text)].strip())
            break
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Replay the injections and tally why the missed ones were missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="the first N stories of each corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-story", type=int, default=6)
    parser.add_argument("--corpus", choices=("seeds", "ecb", "multinews", "all"), default="all")
    parser.add_argument("--examples", type=int, default=10, help="missed injections to print")
    parser.add_argument("--context", action="store_true", help="print the changed sentence and the others' sentences")
    parser.add_argument("--kind", choices=("number", "date", "speaker"), help="only injections of this kind")
    args = parser.parse_args(argv)
    console = make_console()
    corpora = ["seeds", "ecb", "multinews"] if args.corpus == "all" else [args.corpus]
    stories = load_stories(data_dir(), corpora, args.limit)
    became: Counter[tuple[str, str]] = Counter()
    reasons: Counter[tuple[str, str]] = Counter()
    missed = total = shown = 0
    for story in stories:
        injections, _ = B.choose_injections(story, args.seed, args.per_story, Counter())
        baseline = analyze(story.articles, find_syndication(story.articles))
        keys = {B.conflict_key(c) for c in baseline.conflicts}
        for inj in injections:
            if args.kind and inj.kind != args.kind:
                continue
            total += 1
            original = next(a for a in story.articles if a.id == inj.article).text
            modified = inj.apply(story.articles)
            analysis = analyze(modified, find_syndication(modified))
            detected, *_ = B.classify(analysis.conflicts, keys, inj, original)
            if detected:
                continue
            missed += 1
            kinds = sorted({f.kind for f in analysis.facts if _touches(f.span, inj)}) or ["no fact"]
            became[(inj.kind, "+".join(kinds))] += 1
            why = sorted(
                {u.reason.split(":")[0] for u in analysis.unreported if any(_touches(v, inj) for v in u.variants)}
            )
            for reason in why or ["never set beside another article's value"]:
                reasons[(inj.kind, reason)] += 1
            if shown < args.examples:
                shown += 1
                console.print(f"[dim]{inj.story}[/] {inj.kind}: {inj.old!r} -> {inj.new!r}; facts {kinds}; {why}")
                if args.context:
                    console.print(f"    [red]changed[/] {inj.sentence_after[:300]!r}", markup=False, highlight=False)
                    for sentence in _partners(story.articles, inj)[:3]:
                        console.print(f"    other   {sentence[:300]!r}", markup=False, highlight=False)
    console.print(f"\n{missed} of {total} injections missed\n\n[bold]what the changed words became[/]")
    for (kind, what), n in became.most_common():
        console.print(f"  {n:4d}  {kind:8s} {what}")
    console.print("\n[bold]why a differing pair touching the change was not reported[/]")
    for (kind, reason), n in reasons.most_common():
        console.print(f"  {n:4d}  {kind:8s} {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
