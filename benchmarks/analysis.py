"""Cross-source analysis: conflict detection by injection, number parsing, date resolution, speed.

Four measurements, in one run:

1. **Conflict detection by injection.** Real multi-article stories (the five seeds in
   ``examples/putin-mothers`` and every ECB+ event with at least four articles) go through the real
   pipeline (``clean_documents`` -> ``find_syndication`` -> ``analyze``): that is the baseline B.
   Then one controlled change at a time is written into ONE mention of a statement that two
   independent sources carry, and syndication and analysis are run again on the modified story:

   - *number*: a quantity both sides share (``compare == "same"``) gets a clearly different value in
     the same format (x1.4, rounded as the original was written, separators kept);
   - *date*: a day both sides resolve to is moved ("September 21" -> "September 12", "Nov. 9" ->
     "Nov. 19", "on Friday" -> "on Tuesday", "yesterday" <-> "today");
   - *speaker*: the name in one outlet's attribution of a quotation that two independent sources carry
     is replaced by another person of the story, or by an outside name ("John Smith").

   A detection is a true positive when a conflict that is not in B (compared by kind and the set of
   variant (article, text) pairs) has the injected kind and a variant overlapping the changed
   characters (for an attribution conflict, whose variants are quotations: the changed mention's
   quotation). Every other new conflict is a false positive.
2. **Number parsing** on ``benchmarks/data/number_expressions.tsv`` (in-sample: collected by the
   parser's author).
3. **Date resolution** on ``benchmarks/data/date_expressions.tsv``, with and without the clause's
   tense, beside ``dateparser`` alone in the same run.
4. **Speed** of ``analyze()`` and of ``brief_documents`` on a 20-article ECB+ story, pinned to one core.

    python benchmarks/analysis.py [--limit N] [--seed S] [--per-kind K] [--json]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import corpus_sha256, data_dir, environment, git_commit, make_console, write_results  # noqa: E402
from _injections import (  # noqa: E402
    ECB_FILE,
    Injection,
    Region,
    Story,
    attribution_injections,
    date_injections,
    ecb_documents,
    ecb_rows,
    load_stories,
    number_injections,
    overlaps,
    run_analysis,
)
from rich.console import Console  # noqa: E402
from rich.markup import escape  # noqa: E402
from rich.table import Table  # noqa: E402

from newsweave.analyze import dates as D  # noqa: E402
from newsweave.analyze import numbers as N  # noqa: E402
from newsweave.analyze import quotes as Q  # noqa: E402
from newsweave.analyze.dating import infer_article_dates  # noqa: E402
from newsweave.analyze.run import Analysis, analyze  # noqa: E402
from newsweave.clean import clean_documents  # noqa: E402
from newsweave.dedup import find_syndication, origin_map  # noqa: E402
from newsweave.model import Article, Conflict  # noqa: E402
from newsweave.pipeline import brief_documents  # noqa: E402

TABLES = Path(__file__).resolve().parent / "data"
NUMBERS_TSV = TABLES / "number_expressions.tsv"
DATES_TSV = TABLES / "date_expressions.tsv"

KINDS = ("number", "date", "attribution")
SPEED_ARTICLES = 20
EXAMPLES_KEPT = 12

# -- scoring ----------------------------------------------------------------------------------------


ConflictKey = tuple[str, frozenset[tuple[str, str]]]


def conflict_key(c: Conflict, inj: Injection | None = None, original: Article | None = None) -> ConflictKey:
    """What identifies a conflict across runs: its kind and the words of its variants.

    For a conflict of the modified story (``inj`` and the ``original`` article given), a variant of the
    changed article is read back in the original text (offsets mapped back over the change), so that a
    baseline conflict whose variant merely contains the changed words is still the same conflict.
    """
    if inj is None or original is None:
        return c.kind, frozenset((v.article, v.text) for v in c.variants)
    delta, changed_end = len(inj.new) - (inj.end - inj.start), inj.start + len(inj.new)

    def back(pos: int, *, end: bool) -> int:
        if pos <= inj.start:
            return pos
        if pos >= changed_end:
            return pos - delta
        return inj.end if end else inj.start

    return c.kind, frozenset(
        (
            v.article,
            original.text[back(v.start, end=False) : back(v.end, end=True)] if v.article == inj.article else v.text,
        )
        for v in c.variants
    )


def describe(c: Conflict) -> dict[str, Any]:
    """A conflict as JSON: kind, severity, what it is about and each variant's article and words."""
    return {
        "kind": c.kind,
        "severity": c.severity,
        "about": c.about,
        "variants": [f"{v.article}: {v.text}" for v in c.variants],
    }


@dataclass
class Outcome:
    """The result of one injection."""

    injection: Injection
    tp: list[Conflict] = field(default_factory=list)
    fp: list[Conflict] = field(default_factory=list)
    lost: int = 0
    cause: str = ""
    knock_on: int = 0

    @property
    def detected(self) -> bool:
        """At least one true positive."""
        return bool(self.tp)

    def as_json(self) -> dict[str, Any]:
        inj = self.injection
        return {
            "story": inj.story,
            "kind": inj.kind,
            "subtype": inj.subtype,
            "article": inj.article,
            "change": f"{inj.old} -> {inj.new}",
            "sentence": inj.sentence,
            "partner": inj.partner,
            "detected": self.detected,
            "true_positives": [describe(c) for c in self.tp],
            "false_positives": [describe(c) for c in self.fp],
            "baseline_conflicts_lost": self.lost,
            "why_missed": self.cause or None,
            "false_positives_knock_on": self.knock_on,
        }


def run_injection(story: Story, inj: Injection) -> Outcome:
    """Make the change, re-run syndication and analysis, and sort the new conflicts into TP and FP."""
    assert story.baseline is not None
    original = next(a for a in story.articles if a.id == inj.article)
    before = {conflict_key(c) for c in story.baseline.conflicts}
    modified = inj.apply(story.articles)
    after = run_analysis(modified)
    keys_after = {conflict_key(c, inj, original): c for c in after.conflicts}
    out = Outcome(inj, lost=len(before - set(keys_after)))
    for key, c in keys_after.items():
        if key in before:
            continue
        hit = c.kind == inj.kind and any(
            v.article == inj.article and any(overlaps(v, r) for r in inj.regions) for v in c.variants
        )
        (out.tp if hit else out.fp).append(c)
    if not out.detected:
        out.cause = why_missed(inj, modified, after)
    if inj.kind == "attribution" and out.fp:
        out.knock_on = _knock_on(inj, modified, out.fp)
    return out


def _statement_with(analysis: Analysis, article: str, pos: int) -> Any:
    return next(
        (st for st in analysis.statements if any(m.article == article and m.start <= pos < m.end for m in st.mentions)),
        None,
    )


def why_missed(inj: Injection, modified: Sequence[Article], after: Analysis) -> str:
    """The first step at which a missed injection was lost: alignment, reading, or comparison."""
    changed: Region = (inj.start, inj.start + len(inj.new))
    by_id = {a.id: a for a in modified}
    origin = origin_map(modified, find_syndication(modified))
    art, other = by_id[inj.article], inj.partner_span
    if inj.kind == "attribution":
        quote = next(
            (q for q in after.quotes if any(m.article == art.id and overlaps(m, inj.regions[1]) for m in q.mentions)),
            None,
        )
        if quote is None:
            return "the changed mention is no longer read as a quotation"
        if len({origin[m.article] for m in quote.mentions}) < 2:
            return "quotation no longer merged with the other sources' (speakers differ, words not near-verbatim)"
        return f"merged, but the speakers are judged compatible ({' / '.join(s or '-' for s in quote.speakers)})"
    st = _statement_with(after, art.id, changed[0])
    if st is None:
        return "the changed sentence is in no statement"
    if not any(m.article == other.article and m.start <= other.start < m.end for m in st.mentions):
        return "statement split: the changed sentence no longer aligns with the other source's"
    if inj.kind == "number":
        mine = [q for q in N.extract_quantities(art) if overlaps(q.span, changed)]
        theirs = [q for q in N.extract_quantities(by_id[other.article]) if q.span.start == other.start]
        if not mine:
            return "the changed number is not read as a quantity"
        if not theirs:
            return "the other source's number is no longer read"
        verdict = N.compare(mine[0], theirs[0])
        units = f"units {mine[0].unit!r} / {theirs[0].unit!r}"
        return f"aligned and read, compare() says {verdict!r} ({units})"
    anchors = infer_article_dates(modified)
    years = Counter(d.year for d in anchors.values() if d is not None)
    story_year = years.most_common(1)[0][0] if years else None

    def dates_of(a: Article) -> list[Any]:
        return D.extract_dates(a, anchors.get(a.id), story_year=story_year)

    mine_d = [d for d in dates_of(art) if overlaps(d.span, changed)]
    theirs_d = [d for d in dates_of(by_id[other.article]) if d.span.start == other.start]
    if not mine_d:
        return "the changed date is not read"
    if not theirs_d:
        return "the other source's date is no longer read"
    if mine_d[0].date == theirs_d[0].date:
        return f"both resolve to {mine_d[0].date}"
    return f"aligned and read ({mine_d[0].date} vs {theirs_d[0].date}) but not reported"


def _knock_on(inj: Injection, modified: Sequence[Article], fps: Sequence[Conflict]) -> int:
    """False positives on other quotations of the changed article whose speaker is the replaced name
    (a "he said" or a continued paragraph that refers back to it): the change, read correctly."""
    art = next(a for a in modified if a.id == inj.article)
    name = inj.regions[0]
    heirs = [
        m.quote
        for m in Q.extract_quotes(art)
        if m.speaker_span is not None and overlaps(m.speaker_span, name) and not overlaps(m.quote, inj.regions[1])
    ]
    return sum(
        1
        for c in fps
        if c.kind == "attribution"
        and any(v.article == art.id and any(overlaps(v, (h.start, h.end)) for h in heirs) for v in c.variants)
    )


def _cause_class(cause: str) -> str:
    """A miss's cause without its particulars ("… says 'unrelated' (units …)" -> "… says 'unrelated'")."""
    return re.sub(r" \(.*\)$", "", re.sub(r"both resolve to .*", "both resolve to the same date", cause))


def _rates(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    n = len(outcomes)
    detected = sum(o.detected for o in outcomes)
    tp = sum(len(o.tp) for o in outcomes)
    fp = sum(len(o.fp) for o in outcomes)
    return {
        "injections": n,
        "detected": detected,
        "recall": detected / n if n else None,
        "tp_conflicts": tp,
        "fp_conflicts": fp,
        "precision": tp / (tp + fp) if tp + fp else None,
        "fp_per_injection": fp / n if n else None,
        "fp_by_kind": dict(Counter(c.kind for o in outcomes for c in o.fp)),
        "fp_knock_on": sum(o.knock_on for o in outcomes),
        "why_missed": dict(Counter(_cause_class(o.cause) for o in outcomes if not o.detected).most_common()),
        "fp_in_changed_article": sum(
            1 for o in outcomes for c in o.fp if any(v.article == o.injection.article for v in c.variants)
        ),
        "baseline_conflicts_lost": sum(o.lost for o in outcomes),
        "tp_by_severity": dict(Counter(c.severity for o in outcomes for c in o.tp)),
    }


def injection_benchmark(data: Path, *, limit: int | None, seed: int, per_kind: int, console: Console) -> dict[str, Any]:
    """Part 1: baseline conflicts per story, then every sampled injection, scored."""
    t0 = time.perf_counter()
    stories = load_stories(data, limit)
    skipped: Counter[str] = Counter()
    outcomes: list[Outcome] = []
    baseline_rows: list[dict[str, Any]] = []
    candidates_total: Counter[str] = Counter()
    for story in stories:
        story.baseline = run_analysis(story.articles)
        story.origin = origin_map(story.articles, find_syndication(story.articles))
        baseline_rows.append(
            {
                "story": story.name,
                "articles": len(story.articles),
                "conflicts": len(story.baseline.conflicts),
                "by_kind": dict(Counter(c.kind for c in story.baseline.conflicts)),
            }
        )
        rng = random.Random(f"{seed}:{story.name}")
        pools = {
            "number": number_injections(story, skipped),
            "date": date_injections(story, skipped),
            "attribution": attribution_injections(story, rng, skipped),
        }
        for kind, pool in pools.items():
            candidates_total[kind] += len(pool)
            rng.shuffle(pool)
            for inj in pool[:per_kind]:
                outcomes.append(run_injection(story, inj))
    elapsed = time.perf_counter() - t0

    per_kind_rates = {k: _rates([o for o in outcomes if o.injection.kind == k]) for k in KINDS}
    with_unit = _rates([o for o in outcomes if o.injection.kind == "number" and o.injection.subtype != "no unit"])
    subtypes = sorted({(o.injection.kind, o.injection.subtype) for o in outcomes})
    per_subtype = {
        f"{k}/{s}": _rates([o for o in outcomes if (o.injection.kind, o.injection.subtype) == (k, s)])
        for k, s in subtypes
    }
    counts = [r["conflicts"] for r in baseline_rows]
    missed = [o.as_json() for o in outcomes if not o.detected]
    with_fp = [o.as_json() for o in outcomes if o.fp]
    report = {
        "stories": len(stories),
        "articles": sum(len(s.articles) for s in stories),
        "seconds": round(elapsed, 1),
        "overall": _rates(outcomes),
        "by_kind": per_kind_rates,
        "by_subtype": per_subtype,
        "number_with_unit": with_unit,
        "candidates": dict(candidates_total),
        "candidates_skipped": dict(skipped.most_common()),
        "baseline": {
            "conflicts_total": sum(counts),
            "conflicts_per_story_mean": statistics.fmean(counts) if counts else 0.0,
            "conflicts_per_story_median": statistics.median(counts) if counts else 0.0,
            "stories_with_conflicts": sum(1 for c in counts if c),
            "by_kind": dict(sum((Counter(r["by_kind"]) for r in baseline_rows), Counter())),
            "per_story": baseline_rows,
        },
        "missed_examples": _spread(missed, EXAMPLES_KEPT),
        "false_positive_examples": _spread(with_fp, EXAMPLES_KEPT),
        "outcomes": [o.as_json() for o in outcomes],
    }
    _print_injections(report, console)
    return report


def _spread(rows: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    """Up to ``k`` rows, taken round-robin over (kind, subtype, cause) so that every kind of failure shows."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[(r["kind"], r["subtype"], _cause_class(r["why_missed"] or ""))].append(r)
    order = sorted(groups, key=lambda g: (KINDS.index(g[0]), -len(groups[g]), g))
    out: list[dict[str, Any]] = []
    while len(out) < k and any(groups.values()):
        for g in order:
            if groups[g] and len(out) < k:
                out.append(groups[g].pop(0))
    return out


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _print_injections(report: dict[str, Any], console: Console) -> None:
    table = Table(title=f"Conflict detection by injection ({report['stories']} stories, {report['articles']} articles)")
    for header in ("kind", "injections", "detected", "recall", "TP", "FP", "precision", "FP / injection"):
        table.add_column(header, justify="left" if header == "kind" else "right")

    def row(name: str, r: dict[str, Any], style: str = "") -> None:
        table.add_row(
            name,
            str(r["injections"]),
            str(r["detected"]),
            _pct(r["recall"]),
            str(r["tp_conflicts"]),
            str(r["fp_conflicts"]),
            _pct(r["precision"]),
            _pct(r["fp_per_injection"]),
            style=style,
        )

    for kind in KINDS:
        row(kind, report["by_kind"][kind], "bold")
        if kind == "number":
            row("  (with a unit)", report["number_with_unit"], "dim italic")
        for name, r in report["by_subtype"].items():
            if name.startswith(kind + "/"):
                row(f"  {name.split('/', 1)[1]}", r, "dim")
    row("overall", report["overall"], "bold green")
    console.print(table)
    b = report["baseline"]
    console.print(
        f"Unmodified stories: {b['conflicts_total']} conflicts in {report['stories']} stories "
        f"(mean {b['conflicts_per_story_mean']:.2f}, median {b['conflicts_per_story_median']}, "
        f"{b['stories_with_conflicts']} stories with any; by kind {b['by_kind']})"
    )


# -- part 2: numbers --------------------------------------------------------------------------------


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _same_float(a: float, b: float) -> bool:
    return (math.isinf(a) and math.isinf(b)) or math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def number_benchmark(console: Console) -> dict[str, Any]:
    """Part 2: the first quantity ``extract_quantities`` reads in each expression, against the table."""
    rows = _read_tsv(NUMBERS_TSV)
    hits: Counter[str] = Counter()
    misses = []
    for i, row in enumerate(rows):
        article = Article(id=f"n{i}", source=str(NUMBERS_TSV), text=row["expression"])
        found = N.extract_quantities(article)
        q = found[0] if found else None
        ok = {
            "value": q is not None and _same_float(q.value, float(row["value"])),
            "unit": q is not None and (q.unit or "") == row["unit"],
            "hedge": q is not None and (q.hedge or "") == row["hedge"],
            "interval": q is not None
            and _same_float(q.low, float(row["low"]))
            and _same_float(q.high, float(row["high"])),
        }
        ok["all three"] = ok["value"] and ok["unit"] and ok["hedge"]
        hits.update(k for k, v in ok.items() if v)
        if not ok["all three"] or not ok["interval"]:
            misses.append(
                {
                    "expression": row["expression"],
                    "expected": {k: row[k] for k in ("value", "unit", "hedge", "low", "high")},
                    "got": None
                    if q is None
                    else {"value": q.value, "unit": q.unit, "hedge": q.hedge, "low": q.low, "high": q.high},
                }
            )
    n = len(rows)
    report = {
        "expressions": n,
        "sha256": corpus_sha256(NUMBERS_TSV),
        "exact": {k: hits[k] / n for k in ("value", "hedge", "unit", "all three", "interval")},
        "misses": misses,
    }
    table = Table(title=f"Number parsing (number_expressions.tsv, {n} expressions, in-sample)")
    for header in ("field", "exact match", "count"):
        table.add_column(header, justify="left" if header == "field" else "right")
    for k in ("value", "hedge", "unit", "all three", "interval"):
        table.add_row(k, f"{hits[k] / n:.3f}", f"{hits[k]}/{n}")
    console.print(table)
    return report


# -- part 3: dates ----------------------------------------------------------------------------------


def _dateparser_resolve(expression: str, anchor: dt.date, tense: str | None, precision: int) -> str | None:
    import dateparser

    settings: dict[str, Any] = {"RELATIVE_BASE": dt.datetime.combine(anchor, dt.time())}
    if tense:
        settings["PREFER_DATES_FROM"] = tense
    found = dateparser.parse(expression, settings=settings)
    return found.date().isoformat()[:precision] if found else None


def date_benchmark(console: Console) -> dict[str, Any]:
    """Part 3: ``resolve`` and ``dateparser.parse`` on every expression, with and without tense."""
    rows = _read_tsv(DATES_TSV)
    systems: dict[str, Callable[[dict[str, str]], str | None]] = {
        "newsweave, with tense": lambda r: D.resolve(
            r["expression"],
            dt.date.fromisoformat(r["anchor"]),
            tense=r["tense"] or None,  # type: ignore[arg-type]
        ),
        "newsweave, no tense": lambda r: D.resolve(r["expression"], dt.date.fromisoformat(r["anchor"])),
        "dateparser, with tense": lambda r: _dateparser_resolve(
            r["expression"], dt.date.fromisoformat(r["anchor"]), r["tense"] or None, len(r["expected"]) or 10
        ),
        "dateparser, no tense": lambda r: _dateparser_resolve(
            r["expression"], dt.date.fromisoformat(r["anchor"]), None, len(r["expected"]) or 10
        ),
    }
    report: dict[str, Any] = {"expressions": len(rows), "sha256": corpus_sha256(DATES_TSV), "systems": {}}
    table = Table(title=f"Date resolution (date_expressions.tsv, {len(rows)} expressions)")
    for header in ("system", "exact match", "count", "wrong date", "missed", "invented"):
        table.add_column(header, justify="left" if header == "system" else "right")
    for name, fn in systems.items():
        fn(rows[0])  # warm-up: dateparser loads its language data on first use
        got = [fn(r) for r in rows]
        right = sum((g or "") == r["expected"] for g, r in zip(got, rows, strict=True))
        wrong = [
            {
                "expression": r["expression"],
                "anchor": r["anchor"],
                "tense": r["tense"],
                "expected": r["expected"],
                "got": g,
            }
            for g, r in zip(got, rows, strict=True)
            if (g or "") != r["expected"]
        ]
        missed = sum(1 for w in wrong if w["got"] is None)
        invented = sum(1 for w in wrong if not w["expected"] and w["got"] is not None)
        report["systems"][name] = {
            "exact": right / len(rows),
            "right": right,
            "wrong_date": len(wrong) - missed - invented,
            "missed": missed,
            "invented": invented,
            "errors": wrong,
        }
        table.add_row(
            name,
            f"{right / len(rows):.3f}",
            f"{right}/{len(rows)}",
            str(len(wrong) - missed - invented),
            str(missed),
            str(invented),
        )
    console.print(table)
    console.print(
        "[dim]dateparser's answer is cut to the precision of the expected date (it always answers with a day); "
        "'missed' = no date where one was expected, 'invented' = a date where none was."
    )
    return report


# -- part 4: speed ----------------------------------------------------------------------------------


def _best_of(repeat: int, fn: Callable[[], object]) -> float:
    fn()  # warm-up: lazy imports and caches are not billed to the first timed run
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def speed_benchmark(data: Path, console: Console, *, repeat: int = 3) -> dict[str, Any]:
    """Part 4: ``analyze`` and ``brief_documents`` on the first 20 articles of the largest ECB+ event."""
    clusters: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in ecb_rows(data):
        clusters[row["cluster"]].append(row)
    name = max(clusters, key=lambda c: (len(clusters[c]), c))
    docs = ecb_documents(clusters[name][:SPEED_ARTICLES])
    pinned = None
    if hasattr(os, "sched_setaffinity"):
        pinned = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(pinned)})
    try:
        articles, _ = clean_documents(docs)
        syndication = find_syndication(articles)
        analyze_s = _best_of(repeat, lambda: analyze(articles, syndication))
        brief_s = _best_of(repeat, lambda: brief_documents(docs))
    finally:
        if pinned is not None:
            os.sched_setaffinity(0, pinned)
    words = sum(len(a.text.split()) for a in articles)
    report = {
        "story": f"ecb+ {name}, first {len(docs)} articles",
        "articles": len(articles),
        "words": words,
        "one_core": pinned is not None,
        "repeat": repeat,
        "analyze_seconds": round(analyze_s, 3),
        "analyze_ms_per_article": round(1000 * analyze_s / len(articles), 1),
        "brief_documents_seconds": round(brief_s, 3),
        "analysis_share_of_brief": round(analyze_s / brief_s, 2) if brief_s else None,
    }
    table = Table(title=f"Speed ({report['story']}, {words:,} words, best of {repeat}, one core)")
    for header in ("measure", "value"):
        table.add_column(header, justify="left" if header == "measure" else "right")
    table.add_row("analyze() wall time", f"{analyze_s:.3f} s")
    table.add_row("analysis per article", f"{1000 * analyze_s / len(articles):.1f} ms")
    table.add_row("brief_documents wall time", f"{brief_s:.3f} s")
    table.add_row("analysis share of brief", f"{analyze_s / brief_s:.0%}" if brief_s else "–")
    console.print(table)
    return report


# -- main -------------------------------------------------------------------------------------------


def _print_examples(report: dict[str, Any], console: Console) -> None:
    for title, rows in (
        ("Missed injections", report["missed_examples"]),
        ("Injections with false positives", report["false_positive_examples"]),
    ):
        if not rows:
            continue
        console.print(f"[bold]{title} (examples)")
        for r in rows[:8]:
            head = f"{r['kind']}/{r['subtype']}: {r['story']} {r['article']}: {r['change']}"
            console.print("  " + escape(head), highlight=False)
            console.print("    " + escape(r["sentence"][:160]), style="dim", highlight=False)
            if r["why_missed"]:
                console.print("    why: " + escape(r["why_missed"]), highlight=False)
            for c in r["false_positives"][:2]:
                line = f"FP {c['kind']} ({c['severity']}): {' | '.join(c['variants'])[:150]}"
                console.print("    " + escape(line), highlight=False)
            if r["false_positives"]:
                console.print(f"    knock-on: {r['false_positives_knock_on']} of {len(r['false_positives'])}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="inject into the first N stories only (seeds first)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the injection sampling (default 0)")
    ap.add_argument("--per-kind", type=int, default=6, help="injections per story and kind at most (default 6)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of the speed part; the best counts")
    ap.add_argument("--json", action="store_true", help="print one JSON object on stdout (tables go to stderr)")
    args = ap.parse_args()

    console = make_console(stderr=args.json)
    data = data_dir()
    t0 = time.perf_counter()
    report: dict[str, Any] = {
        "benchmark": "analysis",
        "date": dt.date.today().isoformat(),
        "command": " ".join(["python", "benchmarks/analysis.py", *sys.argv[1:]]),
        "commit": git_commit(),
        "seed": args.seed,
        "limit": args.limit,
        "per_kind": args.per_kind,
        "ecbplus_sha256": corpus_sha256(data / ECB_FILE),
        "environment": environment() | {"dateparser": _version("dateparser")},
    }
    report["injection"] = injection_benchmark(
        data, limit=args.limit, seed=args.seed, per_kind=args.per_kind, console=console
    )
    report["numbers"] = number_benchmark(console)
    report["dates"] = date_benchmark(console)
    report["speed"] = speed_benchmark(data, console, repeat=args.repeat)
    report["seconds"] = round(time.perf_counter() - t0, 1)
    _print_examples(report["injection"], console)
    path = write_results("analysis", report)
    console.print(f"[dim]wrote {path} in {report['seconds']} s")
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


def _version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


if __name__ == "__main__":
    sys.exit(main())
