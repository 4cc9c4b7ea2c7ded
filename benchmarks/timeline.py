"""Timeline dates against labels written by hand: right, wrong or junk, and how much of the story is dated.

Labels (``benchmarks/data/timeline_dates.jsonl``) were written by reading the cleaned texts of six dev
stories, without newsweave's output: every date expression of every article ("Friday", "yesterday",
"Dec. 12", "in 2005", "last month"), with the date it refers to ("YYYY-MM-DD", "YYYY-MM" or "YYYY",
resolved against the article's real date), its kind (``happened``, ``planned``, ``background``,
``not_a_date``) and the happening it dates. ``benchmarks/data/timeline_dates.md`` says how.

Every labelled story is loaded as ``facts.py`` loads it and analysed as the product does; its
``timeline`` is scored entry by entry. An entry cites sentences; the labelled expressions inside them
say what the entry's date should be. Each entry is:

* **right** when one of its sentences holds a labelled expression with the entry's date (or a more
  precise one: an entry "2013-05" for a labelled "2013-05-02" is right at a coarser precision);
* **wrong** when its sentences hold labelled dates and none is the entry's;
* **junk** when none of its sentences holds a labelled date (the reader saw no date there) or the only
  ones are ``not_a_date``, and when it repeats another entry's date and sentence (a duplicate);

and **background** is counted apart: an entry whose matching expression is labelled ``background``
(a birth, an earlier episode) is right about its date but is not the story's event.

Recall: the share of labelled ``happened`` and ``planned`` expressions with a date that some entry
dates right (in the expression's sentence). Targets (issue "Who said it, and when"): right >= 0.9,
junk <= 0.03.

    python benchmarks/timeline.py [--json] [--examples N]
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import make_console  # noqa: E402
from _labels import check_offsets, labelled_stories, parser, read_labels, report, say  # noqa: E402

from newsweave.analyze.run import analyze  # noqa: E402
from newsweave.dedup import find_syndication  # noqa: E402


def _matches(entry_date: str, label_date: str | None) -> bool:
    return label_date is not None and (label_date == entry_date or label_date.startswith(entry_date + "-"))


def score_story(story: Any, labels: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each timeline entry of one story with its verdict, and each labelled event with whether it is dated."""
    check_offsets(story, labels, "text")
    analysis = analyze(story.articles, find_syndication(story.articles))
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for label in labels:
        by_article[label["article"]].append(label)
    entries = []
    seen: set[tuple[str, str, int]] = set()
    found: set[tuple[str, int]] = set()
    for entry in analysis.timeline:
        inside = [
            lab
            for m in entry.mentions
            for lab in by_article.get(m.article, ())
            if m.start <= lab["start"] and lab["start"] + len(lab["text"]) <= m.end
        ]
        dated = [lab for lab in inside if lab["kind"] != "not_a_date" and lab["date"]]
        hits = [lab for lab in dated if _matches(entry.date, lab["date"])]
        duplicate = all((entry.date, m.article, m.start) in seen for m in entry.mentions)
        seen.update((entry.date, m.article, m.start) for m in entry.mentions)
        if duplicate:
            verdict = "junk"
        elif hits:
            verdict = "background" if all(h["kind"] == "background" for h in hits) else "right"
        elif dated:
            verdict = "wrong"
        else:
            verdict = "junk"
        for h in hits:
            found.add((h["article"], h["start"]))
        entries.append(
            {
                "story": labels[0]["story"],
                "date": entry.date,
                "kind": entry.kind,
                "text": entry.text,
                "verdict": verdict,
                "labelled": [(lab["text"], lab["date"], lab["kind"]) for lab in inside],
            }
        )
    events = [
        {**lab, "dated": (lab["article"], lab["start"]) in found}
        for lab in labels
        if lab["kind"] in ("happened", "planned") and lab["date"]
    ]
    return entries, events


def main(argv: Sequence[str] | None = None) -> int:
    """Score the timelines of the labelled stories and print the table."""
    args = parser(__doc__, "entries not right").parse_args(argv)
    console = make_console(stderr=args.json)
    wanted = read_labels("timeline_dates.jsonl")
    labels = [label for story in wanted.values() for label in story]
    stories = labelled_stories()
    entries: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for name in sorted(wanted):
        e, v = score_story(stories[name], wanted[name])
        entries += e
        events += v
    counts = Counter(e["verdict"] for e in entries)
    n = max(1, len(entries))
    results: dict[str, Any] = {
        "labels": len(labels),
        "entries": len(entries),
        "verdicts": dict(counts),
        "right": (counts["right"] + counts["background"]) / n,
        "wrong": counts["wrong"] / n,
        "junk": counts["junk"] / n,
        "background": counts["background"] / n,
        "recall": sum(v["dated"] for v in events) / max(1, len(events)),
        "events": len(events),
        "by_story": {s: dict(Counter(e["verdict"] for e in entries if e["story"] == s)) for s in sorted(wanted)},
        "not_right": [e for e in entries if e["verdict"] not in ("right", "background")],
    }
    report("timeline", results, args.json)
    console.print(
        f"{len(labels)} labelled expressions in {len(wanted)} stories; {len(entries)} timeline entries: "
        f"right {results['right']:.3f} (of them background {results['background']:.3f}), wrong "
        f"{results['wrong']:.3f}, junk {results['junk']:.3f}; {results['recall']:.3f} of "
        f"{len(events)} labelled happenings and plans dated right"
    )
    for s, v in results["by_story"].items():
        console.print(f"  {s:18s} {v}")
    for e in results["not_right"][: args.examples]:
        say(
            console,
            f"[{e['verdict']}] {e['story']} {e['date']} {e['kind']}: {e['text'][:100]!r} labelled {e['labelled'][:3]}",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
