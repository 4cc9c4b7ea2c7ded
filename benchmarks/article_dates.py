"""Article dates against labels written by hand: right, wrong or unknown, for articles that carry none.

Labels (``benchmarks/data/article_dates.jsonl``) were written by reading the cleaned texts of ten dev
stories whose articles carry no publication date (eight ECB+ events, two Multi-News stories), without
newsweave's output: for each article, a window ``[earliest, latest]`` that the article's own words
and the other articles of the story show contains its publication date, or ``null`` when they do not
allow one of 31 days or less; the words that date it; and the date a careless reader might take
instead (a birth date, a background year). ``benchmarks/data/article_dates.md`` says how.

Every labelled story is loaded as ``facts.py`` loads it and analysed as the product does; the date
the briefing gives an article is ``analysis.article_dates`` (``infer_article_dates``: a dateline, the
most similar dated article, the latest day the article reports as past). Each article is:

* **right** when its date lies in the window;
* **wrong** when it lies outside, or when the label says the date cannot be told and newsweave gives
  one outside every window of the story (a date the texts do not support);
* **unknown** when newsweave gives none.

Target (issue "Who said it, and when"): right or unknown >= 0.95 (never a wrong date), and right
as often as the texts allow. Reported per half (odd / even, as in ``facts.py``).

    python benchmarks/article_dates.py [--json] [--examples N]
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import make_console  # noqa: E402
from _labels import labelled_stories, parser, read_labels, report, say  # noqa: E402

from newsweave.analyze.run import analyze  # noqa: E402
from newsweave.dedup import find_syndication  # noqa: E402


def verdict(given: str | None, label: dict[str, Any], story_windows: Sequence[tuple[str, str]]) -> str:
    """``right``, ``wrong`` or ``unknown`` for one article."""
    if not given:
        return "unknown"
    day = given[:10]
    if label["earliest"] and label["latest"]:
        return "right" if label["earliest"] <= day <= label["latest"] else "wrong"
    # the texts cannot date this article: a date is tolerated when it lies within the story's span
    if story_windows:
        low = min(w[0] for w in story_windows)
        high = max(w[1] for w in story_windows)
        return "right" if low <= day <= high else "wrong"
    return "wrong"


def main(argv: Sequence[str] | None = None) -> int:
    """Score the labelled articles and print the table."""
    args = parser(__doc__, "articles not right").parse_args(argv)
    console = make_console(stderr=args.json)
    by_story = read_labels("article_dates.jsonl")
    stories = labelled_stories()
    rows: list[dict[str, Any]] = []
    for name in sorted(by_story):
        story = stories[name]
        analysis = analyze(story.articles, find_syndication(story.articles))
        ids = {a.id for a in story.articles}
        windows = [(x["earliest"], x["latest"]) for x in by_story[name] if x["earliest"] and x["latest"]]
        for label in by_story[name]:
            if label["article"] not in ids:
                raise SystemExit(f"label names an article the story does not have: {name} {label['article']}")
            given = analysis.article_dates.get(label["article"])
            rows.append({**label, "half": story.half, "given": given, "verdict": verdict(given, label, windows)})
    datable = [r for r in rows if r["earliest"]]
    results: dict[str, Any] = {
        "articles": len(rows),
        "datable": len(datable),
        "all": dict(Counter(r["verdict"] for r in rows)),
        "datable_verdicts": dict(Counter(r["verdict"] for r in datable)),
        "by_half": {
            h: dict(Counter(r["verdict"] for r in rows if r["half"] == h)) for h in sorted({r["half"] for r in rows})
        },
        "by_story": {s: dict(Counter(r["verdict"] for r in rows if r["story"] == s)) for s in sorted(by_story)},
        "not_right": [
            {k: r[k] for k in ("story", "article", "earliest", "latest", "given", "verdict", "evidence", "trap")}
            for r in rows
            if r["verdict"] != "right"
        ],
    }
    report("article_dates", results, args.json)
    n = max(1, len(rows))
    c = Counter(r["verdict"] for r in rows)
    console.print(
        f"{len(rows)} articles in {len(by_story)} stories, {len(datable)} datable from the texts: "
        f"right {c['right'] / n:.3f}, wrong {c['wrong'] / n:.3f}, unknown {c['unknown'] / n:.3f}; "
        f"right or unknown {(c['right'] + c['unknown']) / n:.3f}; datable ones right "
        f"{sum(r['verdict'] == 'right' for r in datable) / max(1, len(datable)):.3f}"
    )
    for h, v in results["by_half"].items():
        console.print(f"  half {h}: {v}")
    for s, v in results["by_story"].items():
        console.print(f"  {s:18s} {v}")
    for r in [r for r in rows if r["verdict"] != "right"][: args.examples]:
        say(
            console,
            f"[{r['verdict']}] {r['story']} {r['article']}: given {r['given']}, window "
            f"{r['earliest']}..{r['latest']} ({r['evidence'][:120]}); trap: {r.get('trap', '')[:80]}",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
