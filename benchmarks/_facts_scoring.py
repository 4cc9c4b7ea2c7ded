"""Scoring of one injection of ``benchmarks/facts.py``, knowing nothing of the method but its public result.

Conflicts are compared by kind and the (article, words) of their variants (:func:`conflict_key`; in the
modified story read back in the original text). :func:`classify` sorts the conflicts of a modified story
into detections (a variant overlapping the change and another in another article, :func:`is_detection`),
false positives, new conflicts on the change alone, precision-severity hits and baseline conflicts lost;
:func:`score_injection` runs the analysis on the modified story and makes the outcome row.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import Any

from _facts_candidates import Region, sentence_of
from _facts_injections import Injection
from _stories import Story

from newsweave.analyze.run import analyze
from newsweave.dedup import find_syndication
from newsweave.model import Article, Conflict, Span

ConflictKey = tuple[str, frozenset[tuple[str, str]]]


def overlaps(span: Span, region: Region) -> bool:
    return span.start < region[1] and region[0] < span.end


def conflict_key(c: Conflict, inj: Injection | None = None, original: str | None = None) -> ConflictKey:
    """Kind and (article, words) of the variants; for the modified story, the changed article's variants
    are read back in the original text (offsets mapped over the change), so that an unmodified conflict
    whose variant merely contains the changed words is still the same conflict."""
    if inj is None or original is None:
        return c.kind, frozenset((v.article, v.text) for v in c.variants)
    changed_end = inj.start + len(inj.new)

    def back(pos: int, *, end: bool) -> int:
        if pos <= inj.start:
            return pos
        if pos >= changed_end:
            return pos - inj.delta
        return inj.end if end else inj.start

    return c.kind, frozenset(
        (v.article, original[back(v.start, end=False) : back(v.end, end=True)] if v.article == inj.article else v.text)
        for v in c.variants
    )


def is_detection(c: Conflict, inj: Injection) -> bool:
    """One variant overlaps the change (a region of it) in the changed article, another is in another article."""
    mine = any(v.article == inj.article and any(overlaps(v, r) for r in inj.regions) for v in c.variants)
    other = any(v.article != inj.article for v in c.variants)
    return mine and other


def touches_change(c: Conflict, inj: Injection) -> bool:
    return any(v.article == inj.article and any(overlaps(v, r) for r in inj.regions) for v in c.variants)


def within_syndication(c: Conflict) -> bool:
    return bool(getattr(c, "within_syndication", False))


def describe(c: Conflict, articles: dict[str, Article] | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "kind": c.kind,
        "severity": c.severity,
        "about": c.about,
        "within_syndication": within_syndication(c),
        "variants": [],
    }
    for v in c.variants:
        item: dict[str, Any] = {"article": v.article, "text": v.text}
        if articles is not None and v.article in articles:
            item["sentence"] = sentence_of(articles[v.article].text, v.start, v.end)
        row["variants"].append(item)
    return row


def run_analysis(articles: Sequence[Article]) -> Any:
    return analyze(articles, find_syndication(articles))


def classify(
    conflicts: Iterable[Conflict], baseline_keys: set[ConflictKey], inj: Injection, original: str
) -> tuple[list[Conflict], list[Conflict], list[Conflict], list[Conflict], int]:
    """Sort the conflicts of a modified story: (detections, false positives, new contradictions on the
    change with no variant in another article, new precision-severity conflicts that would have been
    detections, unmodified conflicts no longer reported)."""
    keyed: dict[ConflictKey, Conflict] = {}
    for c in conflicts:
        keyed.setdefault(conflict_key(c, inj, original), c)
    tp: list[Conflict] = []
    fp: list[Conflict] = []
    same_article: list[Conflict] = []
    precision_hits: list[Conflict] = []
    for key, c in keyed.items():
        if key in baseline_keys:
            continue
        if c.severity != "contradiction":
            if is_detection(c, inj):
                precision_hits.append(c)
            continue
        if is_detection(c, inj):
            tp.append(c)
        elif touches_change(c, inj):
            same_article.append(c)
        else:
            fp.append(c)
    return tp, fp, same_article, precision_hits, len(baseline_keys - set(keyed))


def score_injection(story: Story, baseline_keys: set[ConflictKey], inj: Injection) -> dict[str, Any]:
    original = next(a for a in story.articles if a.id == inj.article).text
    modified = inj.apply(story.articles)
    t0 = time.perf_counter()
    error = None
    try:
        conflicts = run_analysis(modified).conflicts
    except Exception as exc:  # noqa: BLE001 - a crash reports nothing: counted as missed, and listed
        conflicts = ()
        error = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - t0
    by_id = {a.id: a for a in modified}
    tp, fp, same_article, precision_hits, lost = classify(conflicts, baseline_keys, inj, original)
    return {
        "story": inj.story,
        "corpus": story.corpus,
        "half": story.half,
        "kind": inj.kind,
        "subtype": inj.subtype,
        "article": inj.article,
        "start": inj.start,
        "old": inj.old,
        "new": inj.new,
        "expression": inj.expression,
        "fact": inj.fact,
        "articles_alike": inj.articles_alike,
        "sentence_before": inj.sentence_before,
        "sentence_after": inj.sentence_after,
        "detected": bool(tp),
        "detected_as": sorted({c.kind for c in tp}),
        "within_syndication": bool(tp) and all(within_syndication(c) for c in tp),
        "any_within_syndication": any(within_syndication(c) for c in tp),
        "precision_only": not tp and bool(precision_hits),
        "false_positives": len(fp),
        "same_article_conflicts": len(same_article),
        "baseline_lost": lost if error is None else None,
        "error": error,
        "seconds": round(seconds, 3),
        "true_positive_conflicts": [describe(c, by_id) for c in tp],
        "false_positive_conflicts": [describe(c, by_id) for c in fp[:5]],
        "precision_conflicts": [describe(c, by_id) for c in precision_hits[:3]],
    }
