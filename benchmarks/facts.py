"""Conflict detection by fact-checker injections, scored without knowledge of the method.

Stories (``benchmarks/_stories.py``): the seeds (``examples/putin-mothers``), every ECB+ dev event with
at least four articles (tokeniser spaces undone in the loader) and every Multi-News dev story with at
least three documents; each cleaned by ``clean_documents`` and kept with at least three articles.

The harness knows nothing of ``newsweave.analyze`` beyond its public result: it runs
``analyze(articles, find_syndication(articles))`` and reads ``analysis.conflicts``. What it changes is
found with its own regular expressions on the cleaned texts:

* **number**: a number written with digits that at least three articles carry alike (the same value
  and one shared content word within four tokens on either side in each), not hedged ("about",
  "more than" ...), not a year, time, day of month, ordinal or part of an identifier. Subtypes: age,
  count, score, ratio, percent, money, measure, other. Change: ages and numbers below 100 +10 (>= 20)
  or +3 (< 20); scores +10 on the first number; larger integers x1.3 in the same rounding and
  separators; decimals +0.4 (x1.3 from 20 up); ratios x1.3 on the denominator.
* **date**: a day ("Nov. 9", "9 November"), a weekday ("on Friday") or a year ("in 2007") that three
  articles carry alike. Change: day +3 (wrapping inside the month), weekday +3, year +1.
* **speaker**: a person named as the subject of a speech verb ("X said", "said X", "according to X")
  in three articles, in an attribution that another article makes alike (the two sentences share
  a third of their longer words): a change nobody else could contradict is not a test. Change: that
  one attribution names another speaker of the story (one no other article attaches to the same
  words) or "John Smith".

One change per run, in one article; syndication and analysis are re-run on the modified story. A
detection is a new contradiction (not in the unmodified story's, compared by kind and the (article,
words) of its variants) with one variant overlapping the changed characters and another variant in
another article (for a speaker change, a variant overlapping the changed sentence or the quotation it
attributes also counts). Every other new contradiction that does not overlap the change is a false
positive of that run.

    python benchmarks/facts.py [--limit N] [--seed S] [--per-story K] [--corpus seeds|ecb|multinews|all]
                               [--jobs J] [--json] [--out PATH]

Writes benchmarks/results/facts.json and, for a human to judge, every conflict reported on the
unmodified ECB+ events with at least five articles and on the first ten Multi-News stories to
benchmarks/results/facts_unmodified_conflicts.jsonl.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS_DIR, corpus_sha256, data_dir, environment, git_commit, make_console, write_results  # noqa: E402
from _facts_candidates import TextIndex, _partner_ok, candidate_facts, changed_number  # noqa: E402
from _facts_injections import (  # noqa: E402
    KINDS,
    Injection,
    choose_injections,
    make_injection,
    speaker_replacement,
)
from _facts_scoring import (  # noqa: E402
    classify,
    conflict_key,
    describe,
    overlaps,
    run_analysis,
    score_injection,
    within_syndication,
)
from _stories import CORPORA, DROPPED, ECB_FILE, MN_FILE, Story, ecb_artefact_report, load_stories  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.markup import escape  # noqa: E402
from rich.table import Table  # noqa: E402

from newsweave.analyze.run import analyze  # noqa: E402
from newsweave.dedup import find_syndication  # noqa: E402
from newsweave.model import Article, Conflict, Span  # noqa: E402

# Names other scripts read from ``facts`` (benchmarks/facts_misses.py): the stages live in the two helpers.
__all__ = ["Injection", "Span", "choose_injections", "classify", "conflict_key", "main", "overlaps"]

NUMBER_SUBTYPES = ("age", "count", "score", "ratio", "percent", "money", "measure", "other")
CONFLICT_KINDS = ("number", "date", "attribution", "statement")
UNMODIFIED_FILE = "facts_unmodified_conflicts.jsonl"
ECB_UNMODIFIED_MIN = 5  # ECB+ events with at least this many articles go to the unmodified file
MN_UNMODIFIED_FIRST = 10  # ... and the first this many Multi-News stories
BOOTSTRAP = 1000

# -- running stories --------------------------------------------------------------------------------


def unmodified_selected(story: Story) -> bool:
    """Whether the story's unmodified conflicts go to the file a human judges."""
    if story.corpus == "ecb":
        return story.raw_documents >= ECB_UNMODIFIED_MIN
    if story.corpus == "multinews":
        return story.meta.get("rank", MN_UNMODIFIED_FIRST) < MN_UNMODIFIED_FIRST
    return False


def _story_row(story: Story, **extra: Any) -> dict[str, Any]:
    return {
        "name": story.name,
        "corpus": story.corpus,
        "half": story.half,
        "articles": len(story.articles),
        "raw_documents": story.raw_documents,
        "words": sum(len(a.text.split()) for a in story.articles),
        "meta": story.meta,
        **extra,
    }


def process_story(story: Story, seed: int, per_story: int) -> dict[str, Any]:
    """Baseline, then every chosen injection of one story."""
    t0 = time.perf_counter()
    skipped: Counter[str] = Counter()
    injections, candidates = choose_injections(story, seed, per_story, skipped)
    try:
        baseline = run_analysis(story.articles)
    except Exception as exc:  # noqa: BLE001 - without a baseline the story cannot be scored; it is listed
        return {
            "story": _story_row(
                story,
                error=f"{type(exc).__name__}: {exc}",
                candidate_facts=candidates,
                injections=0,
                seconds=round(time.perf_counter() - t0, 2),
            ),
            "outcomes": [],
            "unmodified": [],
            "skipped": dict(skipped),
        }
    base_s = time.perf_counter() - t0
    keys = {conflict_key(c) for c in baseline.conflicts}
    # A value the unmodified story already reports as contested cannot show a new conflict when changed
    # (the conflict is the same one, with the new value in it): such an injection is skipped, not missed.
    contested = [v for c in baseline.conflicts if c.severity == "contradiction" for v in c.variants]
    kept = []
    for inj in injections:
        if any(v.article == inj.article and v.start < inj.end and inj.start < v.end for v in contested):
            skipped["value already contested in the unmodified story"] += 1
        else:
            kept.append(inj)
    outcomes = [score_injection(story, keys, inj) for inj in kept]
    by_id = {a.id: a for a in story.articles}
    contradictions = [c for c in baseline.conflicts if c.severity == "contradiction"]
    unmodified = []
    if unmodified_selected(story):
        for c in baseline.conflicts:
            unmodified.append({"story": story.name, **describe(c, by_id)})
    return {
        "story": {
            **_story_row(story),
            "error": None,
            "contradictions": len(contradictions),
            "contradictions_by_kind": dict(Counter(c.kind for c in contradictions)),
            "contradictions_within_syndication": sum(within_syndication(c) for c in contradictions),
            "precision_conflicts": len(baseline.conflicts) - len(contradictions),
            "precision_by_kind": dict(Counter(c.kind for c in baseline.conflicts if c.severity != "contradiction")),
            "candidate_facts": candidates,
            "injections": len(outcomes),
            "baseline_seconds": round(base_s, 3),
            "seconds": round(time.perf_counter() - t0, 2),
        },
        "outcomes": outcomes,
        "unmodified": unmodified,
        "skipped": dict(skipped),
    }


_STORIES: list[Story] = []
_ARGS: tuple[int, int] = (0, 6)


def _work(i: int) -> dict[str, Any]:
    return process_story(_STORIES[i], *_ARGS)


# -- aggregates -------------------------------------------------------------------------------------


def recall_ci(outcomes: Sequence[dict[str, Any]], *, seed: int = 0, resamples: int = BOOTSTRAP) -> dict[str, Any]:
    """Recall with a 95% percentile bootstrap interval, resampling stories (not injections)."""
    n = len(outcomes)
    detected = sum(o["detected"] for o in outcomes)
    per_story: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        per_story[o["story"]][0] += o["detected"]
        per_story[o["story"]][1] += 1
    groups = list(per_story.values())
    lo = hi = None
    if n and len(groups) > 1:
        rng = random.Random(seed)
        values = []
        for _ in range(resamples):
            sample = rng.choices(groups, k=len(groups))
            total = sum(g[1] for g in sample)
            values.append(sum(g[0] for g in sample) / total)
        values.sort()
        lo, hi = values[int(0.025 * resamples)], values[min(resamples - 1, int(0.975 * resamples))]
    fp = sum(o["false_positives"] for o in outcomes)
    return {
        "n": n,
        "stories": len(groups),
        "detected": detected,
        "recall": detected / n if n else None,
        "ci95": [lo, hi] if lo is not None else None,
        "precision_only": sum(o["precision_only"] for o in outcomes),
        "within_syndication": sum(o["within_syndication"] for o in outcomes),
        "false_positives": fp,
        "fp_per_injection": fp / n if n else None,
        "injections_with_fp": sum(1 for o in outcomes if o["false_positives"]),
        "errors": sum(1 for o in outcomes if o["error"]),
        "detected_as": dict(Counter(k for o in outcomes for k in o["detected_as"])),
    }


def aggregate(outcomes: list[dict[str, Any]], seed: int) -> dict[str, Any]:
    def sel(**kw: Any) -> list[dict[str, Any]]:
        return [o for o in outcomes if all(o[k] == v for k, v in kw.items())]

    groups: dict[str, dict[str, Any]] = {"overall": recall_ci(outcomes, seed=seed)}
    for kind in KINDS:
        groups[kind] = recall_ci(sel(kind=kind), seed=seed)
        subs = NUMBER_SUBTYPES if kind == "number" else sorted({o["subtype"] for o in sel(kind=kind)})
        for sub in subs:
            groups[f"{kind}/{sub}"] = recall_ci(sel(kind=kind, subtype=sub), seed=seed)
    for corpus in CORPORA:
        groups[f"corpus {corpus}"] = recall_ci(sel(corpus=corpus), seed=seed)
    groups["ecb odd topics"] = recall_ci(sel(corpus="ecb", half="odd"), seed=seed)
    groups["ecb even topics"] = recall_ci(sel(corpus="ecb", half="even"), seed=seed)
    groups["multinews even lines"] = recall_ci(sel(corpus="multinews", half="even"), seed=seed)
    groups["multinews odd lines"] = recall_ci(sel(corpus="multinews", half="odd"), seed=seed)
    half_a = sel(corpus="ecb", half="odd") + sel(corpus="multinews", half="even")
    half_b = sel(corpus="ecb", half="even") + sel(corpus="multinews", half="odd")
    groups["half A (ecb odd + mn even)"] = recall_ci(half_a, seed=seed)
    groups["half B (ecb even + mn odd)"] = recall_ci(half_b, seed=seed)
    return groups


def unmodified_summary(stories: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    stories = [s for s in stories if not s.get("error")]
    for name, rows in [("all", stories)] + [(c, [s for s in stories if s["corpus"] == c]) for c in CORPORA]:
        if not rows:
            continue
        counts = [s["contradictions"] for s in rows]
        by_kind = sum((Counter(s["contradictions_by_kind"]) for s in rows), Counter())
        prec = sum((Counter(s["precision_by_kind"]) for s in rows), Counter())
        out[name] = {
            "stories": len(rows),
            "articles": sum(s["articles"] for s in rows),
            "contradictions": sum(counts),
            "per_story_mean": statistics.fmean(counts),
            "per_story_median": statistics.median(counts),
            "stories_with_any": sum(1 for c in counts if c),
            "by_kind": {k: by_kind.get(k, 0) for k in CONFLICT_KINDS},
            "by_kind_per_story": {k: by_kind.get(k, 0) / len(rows) for k in CONFLICT_KINDS},
            "within_syndication": sum(s["contradictions_within_syndication"] for s in rows),
            "precision_conflicts": sum(prec.values()),
            "precision_by_kind": dict(prec),
        }
    return out


def speed(stories: Sequence[Story], repeat: int = 3) -> dict[str, Any]:
    """Median wall time of ``analyze()`` on the largest story (by words), ``repeat`` runs after a warm-up."""
    if not stories:
        return {}
    story = max(stories, key=lambda s: sum(len(a.text.split()) for a in s.articles))
    syndication = find_syndication(story.articles)
    analyze(story.articles, syndication)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        analyze(story.articles, syndication)
        times.append(time.perf_counter() - t0)
    return {
        "story": story.name,
        "articles": len(story.articles),
        "words": sum(len(a.text.split()) for a in story.articles),
        "runs": [round(t, 3) for t in times],
        "median_seconds": round(statistics.median(times), 3),
    }


# -- report -----------------------------------------------------------------------------------------


def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def print_report(report: dict[str, Any], console: Console) -> None:
    g = report["recall"]
    table = Table(title=f"Fact-checker injections ({report['stories']} stories, {report['injections']} injections)")
    for h in ("group", "n", "stories", "detected", "recall", "95% CI", "FP / inj", "precision only", "within synd."):
        table.add_column(h, justify="left" if h == "group" else "right")
    for name, r in g.items():
        if not r["n"] and "/" in name:
            continue
        ci = r["ci95"]
        style = "bold" if name in ("overall", *KINDS) else ("dim" if "/" in name else "")
        table.add_row(
            name,
            str(r["n"]),
            str(r["stories"]),
            str(r["detected"]),
            _f(r["recall"]),
            f"{ci[0]:.3f}–{ci[1]:.3f}" if ci else "–",
            _f(r["fp_per_injection"]),
            str(r["precision_only"]),
            str(r["within_syndication"]),
            style=style,
        )
    console.print(table)
    overall = g["overall"]
    console.print(
        f"Detections flagged within_syndication: {overall['within_syndication']} of {overall['detected']} "
        f"(any TP flagged: {sum(o['any_within_syndication'] for o in report['outcomes'])}); "
        f"detected as {overall['detected_as']}; false positives {overall['false_positives']} in "
        f"{overall['injections_with_fp']} runs"
    )
    u = report["unmodified"]
    t2 = Table(title="Unmodified stories: contradictions reported")
    for h in (
        "corpus",
        "stories",
        "contradictions",
        "per story",
        "median",
        "with any",
        *CONFLICT_KINDS,
        "within synd.",
        "precision sev.",
    ):
        t2.add_column(h, justify="left" if h == "corpus" else "right")
    for name, r in u.items():
        t2.add_row(
            name,
            str(r["stories"]),
            str(r["contradictions"]),
            f"{r['per_story_mean']:.2f}",
            f"{r['per_story_median']:g}",
            str(r["stories_with_any"]),
            *[f"{r['by_kind'][k]} ({r['by_kind_per_story'][k]:.2f})" for k in CONFLICT_KINDS],
            str(r["within_syndication"]),
            str(r["precision_conflicts"]),
        )
    console.print(t2)
    s = report["speed"]
    if s:
        console.print(
            f"analyze() on the largest story ({s['story']}, {s['articles']} articles, {s['words']:,} words): "
            f"median {s['median_seconds']:.3f} s of {s['runs']}"
        )
    console.print(f"Candidate facts (with a changeable mention): {report['candidate_facts']}")
    art = report.get("ecb_tokeniser_artefacts")
    if art:
        console.print(
            "ECB+ tokeniser spaces, before -> after the loader: "
            + "; ".join(f"{k} {art['before'][k]} -> {art['after'][k]}" for k in art["before"]),
            highlight=False,
        )
    if report.get("stories_dropped") and any(report["stories_dropped"].values()):
        console.print(f"Stories with fewer than 3 articles after cleaning (left out): {report['stories_dropped']}")
    failed = [s for s in report["story_rows"] if s.get("error")]
    if failed or overall["errors"]:
        console.print(
            f"[red]analyze() raised on {len(failed)} unmodified stories (not scored) and in "
            f"{overall['errors']} injection runs (counted as missed)"
        )
        for s in failed[:5]:
            console.print(f"[red]  {escape(s['name'])}: {escape(s['error'][:200])}", highlight=False)
        for o in [o for o in report["outcomes"] if o["error"]][:5]:
            console.print(
                f"[red]  {escape(o['story'])} {o['kind']} {escape(o['old'])}->{escape(o['new'])}: "
                f"{escape(o['error'][:160])}",
                highlight=False,
            )


def print_examples(outcomes: Sequence[dict[str, Any]], console: Console, k: int) -> None:
    """A few injections, round-robin over kinds, with the sentence before and after."""
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for o in outcomes:
        by_kind[(o["kind"], o["subtype"])].append(o)  # type: ignore[index]
    shown = 0
    keys = sorted(by_kind)
    while shown < k and any(by_kind.values()):
        for key in keys:
            if by_kind[key] and shown < k:
                o = by_kind[key].pop(0)
                shown += 1
                mark = "[green]detected" if o["detected"] else "[red]missed"
                console.print(
                    f"{mark}[/] {o['kind']}/{o['subtype']} {escape(o['story'])} {escape(o['article'][:40])}: "
                    f"{escape(o['old'])!r} -> {escape(o['new'])!r}  (FP {o['false_positives']})",
                    highlight=False,
                )
                console.print("   before: " + escape(o["sentence_before"][:220]), style="dim", highlight=False)
                console.print("   after:  " + escape(o["sentence_after"][:220]), style="dim", highlight=False)


def self_check(console: Console) -> int:
    """Check the harness on hand-made stories and hand-made conflicts (no analysis run): value changes,
    fact finding, and the detection / false-positive / baseline logic. Returns the number of failures."""
    failures: list[str] = []

    def check(name: str, got: object, want: object) -> None:
        if got != want:
            failures.append(f"{name}: got {got!r}, want {want!r}")

    for raw, sub, want in [
        ("52", "age", "62"),
        ("95", "age", "105"),
        ("5", "count", "8"),
        ("300,000", "count", "390,000"),
        ("300 000", "other", "390 000"),
        ("7.6", "measure", "8.0"),
        ("1,500", "count", "1,950"),
        ("500", "ratio", "650"),
        ("33", "percent", "43"),
        ("95", "percent", "85"),
        ("60", "money", "70"),
        ("05", "other", None),
        ("2.6", "money", "3.0"),
        ("368.0", "money", "478.4"),
    ]:
        check(f"changed_number({raw!r})", changed_number(raw, sub), want)
    for phrase, ok in [
        ("about 5 people", True),
        ("up to 5 people", True),
        ("more than 5 people", False),
        ("5 people", True),
        ("5 or 6 people", False),
        ("between 4 and 5 people", False),
    ]:
        i = phrase.index("5")
        check(f"partner {phrase!r}", _partner_ok(phrase, i, i + 1), ok)
    texts = {
        "a": 'Police said 5 people were killed in the blast on Nov. 29. "We are shocked," John Brown said.',
        "b": "At least 3 died. Officials said 5 people were killed on Nov. 29 in the blast.\n"
        '"We are shocked," John Brown said on Friday. Mary Green said nothing.',
        "c": 'The blast on Nov. 29 left 5 people killed, police said. "We are shocked," Brown said.',
    }
    story = Story("check", "seeds", None, [Article(id=k, source=k, text=v) for k, v in texts.items()], 3)
    indexes = {a.id: TextIndex(a.text) for a in story.articles}
    facts, speakers = candidate_facts(story, indexes, Counter())
    check("number facts", [(f.key, len(f.articles)) for f in facts["number"]], [(("number", 5.0), 3)])
    check("date facts", [(f.key, len(f.articles)) for f in facts["date"]], [(("day", 11, 29), 3)])
    check("speaker facts", [f.key for f in facts["speaker"]], [("speaker", "brown")])
    day = next(o for o in facts["date"][0].targets if o.article == "b")
    check("day change", (day.old, day.new), ("29", "2"))
    occ = next(o for o in facts["number"][0].targets if o.article == "b")
    inj = make_injection(story, facts["number"][0], occ, occ.new or "", indexes)
    check("injection", (inj.old, inj.new, inj.subtype), ("5", "8", "count"))
    check("sentence after", inj.sentence_after, "Officials said 8 people were killed on Nov. 29 in the blast.")
    modified = {a.id: a.text for a in inj.apply(story.articles)}
    check("only b changed", [k for k in texts if modified[k] != texts[k]], ["b"])

    def span(article: str, words: str, text: str | None = None) -> Span:
        t = text if text is not None else modified[article]
        i = t.index(words)
        return Span(article, i, i + len(words), words)

    sent_b = "Officials said 8 people were killed on Nov. 29 in the blast."
    baseline_stmt = Conflict(
        "statement",
        "b vs c",
        (span("b", "Officials said 5 people were killed on Nov. 29 in the blast.", texts["b"]), span("c", "Nov. 29")),
    )
    keys = {conflict_key(baseline_stmt)}
    conflicts = [
        Conflict("number", "people killed", (span("b", "8 people"), span("a", "5 people"))),  # detection
        Conflict("statement", "b vs c", (span("b", sent_b), span("c", "Nov. 29"))),  # the baseline one
        Conflict("date", "blast", (span("a", "Nov. 29"), span("c", "Nov. 29"))),  # elsewhere: FP
        Conflict("number", "deaths", (span("b", "8 people"), span("b", "3 died"))),  # same article only
        Conflict("number", "people killed", (span("b", "8 people"), span("c", "5 people")), severity="precision"),
    ]
    tp, fp, same, prec, lost = classify(conflicts, keys, inj, texts["b"])
    check("tp", [c.about for c in tp], ["people killed"])
    check("fp", [c.about for c in fp], ["blast"])
    check("same article", [c.about for c in same], ["deaths"])
    check("precision", len(prec), 1)
    check("lost", lost, 0)
    check("lost when missing", classify(conflicts[:1], keys, inj, texts["b"])[4], 1)
    # a speaker change: a variant on the attributed quotation counts, one elsewhere does not
    sp = next(f for f in facts["speaker"])
    occ = next(o for o in sp.targets if o.article == "b")
    check("speakers", sorted({o.old for o in speakers}), ["Brown", "John Brown", "Mary Green"])
    new = speaker_replacement(occ, story, indexes, speakers, random.Random(0))
    check("speaker replacement", new, "Mary Green")  # another person of the story, not near these words
    texts_c = texts["c"].replace("Brown said", "Mary Green said")
    story_c = Story(
        "check", "seeds", None, [Article(id=k, source=k, text=texts_c if k == "c" else v) for k, v in texts.items()], 3
    )
    indexes_c = {a.id: TextIndex(a.text) for a in story_c.articles}
    check(
        "speaker replacement, name attached elsewhere",
        speaker_replacement(occ, story_c, indexes_c, speakers, random.Random(0)),
        "John Smith",
    )
    inj = make_injection(story, sp, occ, new, indexes)
    modified = {a.id: a.text for a in inj.apply(story.articles)}
    quote = Conflict("attribution", "we are shocked", (span("b", "We are shocked,"), span("a", "We are shocked,")))
    other = Conflict("attribution", "nothing", (span("b", "Mary Green said nothing."), span("a", "Police said")))
    tp, fp, same, prec, lost = classify([quote, other], set(), inj, texts["b"])
    check("speaker tp", [c.about for c in tp], ["we are shocked"])
    check("speaker fp", [c.about for c in fp], ["nothing"])
    for f in failures:
        console.print(f"[red]self-check: {escape(f)}", highlight=False)
    console.print(f"self-check: {'[green]passed' if not failures else f'[red]{len(failures)} failed'}")
    return len(failures)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="the first N stories of each corpus only")
    ap.add_argument("--seed", type=int, default=0, help="seed of the injection sampling (default 0)")
    ap.add_argument("--per-story", type=int, default=6, help="injections per story at most (default 6)")
    ap.add_argument("--corpus", choices=(*CORPORA, "all"), default="all", help="which stories (default all)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="worker processes (default 2)")
    ap.add_argument("--examples", type=int, default=10, help="injections printed with their sentences")
    ap.add_argument("--json", action="store_true", help="print one JSON object on stdout (tables go to stderr)")
    ap.add_argument("--out", type=Path, default=None, help="write the results JSON here instead of results/facts.json")
    ap.add_argument("--self-check", action="store_true", help="check the harness on hand-made conflicts and exit")
    args = ap.parse_args(argv)

    console = make_console(stderr=args.json)
    if args.self_check:
        return 1 if self_check(console) else 0
    data = data_dir()
    t0 = time.perf_counter()
    corpora = CORPORA if args.corpus == "all" else (args.corpus,)
    stories = load_stories(data, corpora, args.limit)
    load_s = time.perf_counter() - t0
    console.print(
        f"[dim]{len(stories)} stories ({dict(Counter(s.corpus for s in stories))}), "
        f"{sum(len(s.articles) for s in stories)} articles, loaded and cleaned in {load_s:.1f} s"
    )

    global _STORIES, _ARGS
    _STORIES, _ARGS = stories, (args.seed, args.per_story)
    results: list[dict[str, Any]] = []
    pool = multiprocessing.get_context("fork").Pool(args.jobs) if args.jobs > 1 and len(stories) > 1 else None
    try:
        runs = pool.imap(_work, range(len(stories))) if pool is not None else map(_work, range(len(stories)))
        for i, r in enumerate(runs):
            results.append(r)
            console.print(
                f"[dim]{i + 1}/{len(stories)} {r['story']['name']}: {r['story']['injections']} "
                f"injections, {sum(o['detected'] for o in r['outcomes'])} detected, "
                f"{r['story']['seconds']} s",
                highlight=False,
            )
    finally:
        if pool is not None:
            pool.close()
            pool.join()

    outcomes = [o for r in results for o in r["outcomes"]]
    story_rows = [r["story"] for r in results]
    skipped = sum((Counter(r["skipped"]) for r in results), Counter())
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    # with --out, the unmodified conflicts go next to it, so that a partial run never overwrites the full file
    unmodified_path = (
        args.out.with_name(f"{args.out.stem}_unmodified_conflicts.jsonl") if args.out else RESULTS_DIR / UNMODIFIED_FILE
    )
    unmodified_path.parent.mkdir(parents=True, exist_ok=True)
    with unmodified_path.open("w", encoding="utf-8") as fh:
        for r in results:
            for row in r["unmodified"]:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    speed_report = speed(stories)
    report: dict[str, Any] = {
        "benchmark": "facts",
        "date": dt.date.today().isoformat(),
        "command": " ".join(["python", "benchmarks/facts.py", *(argv if argv is not None else sys.argv[1:])]),
        "commit": git_commit(),
        "seed": args.seed,
        "limit": args.limit,
        "per_story": args.per_story,
        "corpus": args.corpus,
        "jobs": args.jobs,
        "ecbplus_sha256": corpus_sha256(data / ECB_FILE),
        "multinews_sha256": corpus_sha256(data / MN_FILE),
        "environment": environment(),
        "ecb_tokeniser_artefacts": ecb_artefact_report(data) if "ecb" in corpora else None,
        "stories": len(stories),
        "stories_dropped": {c: DROPPED.get(c, []) for c in corpora},
        "articles": sum(len(s.articles) for s in stories),
        "injections": len(outcomes),
        "candidate_facts": dict(sum((Counter(s["candidate_facts"]) for s in story_rows), Counter())),
        "numbers_skipped": dict(skipped.most_common()),
        "recall": aggregate(outcomes, args.seed),
        "unmodified": unmodified_summary(story_rows),
        "unmodified_file": str(unmodified_path),
        "unmodified_conflicts_written": sum(len(r["unmodified"]) for r in results),
        "speed": speed_report,
        "story_rows": story_rows,
        "outcomes": outcomes,
    }
    report["seconds"] = round(time.perf_counter() - t0, 1)
    print_report(report, console)
    print_examples(outcomes, console, args.examples)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        path = args.out
    else:
        path = write_results("facts", report)
    console.print(
        f"[dim]wrote {path} and {unmodified_path} ({report['unmodified_conflicts_written']} conflicts) "
        f"in {report['seconds']} s"
    )
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
