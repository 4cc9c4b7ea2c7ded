"""Shared helpers for the article-body cleaning benchmarks.

The metric is the one of the article-extraction-benchmark by Scrapinghub
(``evaluate.py`` in the repository scrapinghub/article-extraction-benchmark), reimplemented here so that
our figures can be set next to the published ones:

* tokens are ``\\w+`` matches, case kept (the original compiles its pattern with ``re.IGNORECASE``,
  which changes nothing for ``\\w+``, and never lower-cases);
* shingles are word 4-grams counted with multiplicity; a text of 1 to 3 tokens gives one shorter
  shingle made of all its tokens, an empty text gives none;
* per page, tp/fp/fn are the multiset intersection and the two differences of the shingle counts,
  divided by their sum (when nonzero) so that every page weighs the same;
* precision is the **mean of per-page precisions** over pages with tp + fp > 0, recall the mean of
  per-page recalls over pages with tp + fn > 0, and F1 = 2PR / (P + R) of those two means.

Note the last point: the original averages per-page ratios rather than dividing sums of tp/fp/fn
(with per-page normalisation the two differ), and a page with an empty prediction counts against
recall but is left out of precision.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

TpFpFn = tuple[float, float, float]

BENCHMARKS_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCHMARKS_DIR / "results"
DATA_ENV_VAR = "NEWSWEAVE_DATA"

# Same shingle length as the original benchmark; published figures depend on it.
NGRAM_N = 4
_TOKEN_RE = re.compile(r"\w+")


# --------------------------------------------------------------------------------------------- data


def data_dir() -> Path:
    """Return the shared evaluation-data directory.

    ``$NEWSWEAVE_DATA`` wins when set; otherwise ``../shared/data`` next to the repository root, where
    developers and CI keep it. The data is read in place and never copied into the repository.

    Raises:
        SystemExit: the directory does not exist, with a message saying how to point at it.
    """
    override = os.environ.get(DATA_ENV_VAR)
    path = Path(override) if override else Path(__file__).resolve().parents[1].parent / "shared" / "data"
    if not path.is_dir():
        raise SystemExit(
            f"evaluation data not found at {path}; put the shared data there or set {DATA_ENV_VAR} to its directory"
        )
    return path


def corpus_sha256(path: Path) -> str:
    """Return the SHA-256 hex digest of a data file, or of a whole directory.

    For a directory the digest covers every file below it: the sorted relative paths and each file's
    own digest, so renaming, adding or editing any file changes it. Pinned next to a quality floor,
    it makes sure the floor is checked against the corpus it was measured on.
    """
    if path.is_file():
        return _file_sha256(path)
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(file.relative_to(path).as_posix().encode("utf-8"))
        digest.update(b"\0")
        digest.update(_file_sha256(file).encode("ascii"))
        digest.update(b"\n")
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ------------------------------------------------------------------------------------------- metric


def tokenize(text: str | None) -> list[str]:
    """Split text into ``\\w+`` tokens, as the original benchmark does (no lower-casing)."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = NGRAM_N) -> Counter[tuple[str, ...]]:
    """Count the word n-gram shingles of a text, with the original's handling of short texts."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_scores(pred: str | None, true: str | None, *, n: int = NGRAM_N) -> TpFpFn:
    """Score one page: tp, fp, fn over word n-gram shingles, normalised to sum to 1.

    Args:
        pred: the body a system returned (``None`` counts as empty).
        true: the true article body.
        n: shingle length; keep the default 4 for figures comparable with published ones.

    Returns:
        ``(tp, fp, fn)`` divided by ``tp + fp + fn``; ``(0, 0, 0)`` when both texts have no tokens.
    """
    pred_counts = shingles(pred, n)
    true_counts = shingles(true, n)
    tp = float(sum((pred_counts & true_counts).values()))
    fp = float(sum((pred_counts - true_counts).values()))
    fn = float(sum((true_counts - pred_counts).values()))
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def page_precision(tp: float, fp: float, fn: float) -> float:
    """Per-page precision with the original's edge cases (perfect when nothing is wrong)."""
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float:
    """Per-page recall with the original's edge cases (perfect when nothing is wrong)."""
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def page_f1(tp: float, fp: float, fn: float) -> float:
    """Per-page F1 from per-page precision and recall (for ranking pages, not for the score)."""
    precision, recall = page_precision(tp, fp, fn), page_recall(tp, fp, fn)
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def aggregate(triples: Sequence[TpFpFn]) -> dict[str, float]:
    """Turn per-page ``(tp, fp, fn)`` triples into corpus precision, recall and F1.

    Precision is the mean per-page precision over pages where the system output any shingle; recall
    the mean per-page recall over pages with any true shingle; F1 is their harmonic mean. A mean over
    no page is 0.0 here (the original would raise).

    Returns:
        ``{"precision": ..., "recall": ..., "f1": ...}``.
    """
    precisions = [page_precision(*t) for t in triples if t[0] + t[1] > 0]
    recalls = [page_recall(*t) for t in triples if t[0] + t[2] > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def aggregate_summed(triples: Sequence[TpFpFn]) -> dict[str, float]:
    """The variant that divides sums instead of averaging ratios: TP / (TP + FP) over summed triples.

    Not the benchmark's metric. Kept because the figures quoted in the shared data README
    (keep everything 0.65, jusText 0.73, oracle 0.93 on aeb-text) were computed this way; it runs about
    0.01 F1 above :func:`aggregate` on that corpus.
    """
    tp = sum(t[0] for t in triples)
    fp = sum(t[1] for t in triples)
    fn = sum(t[2] for t in triples)
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def bootstrap_f1_std(triples: Sequence[TpFpFn], *, n_resamples: int = 1000, seed: int = 0) -> float:
    """Standard deviation of F1 over bootstrap resamples of the pages, as the original reports it.

    Tells how far apart two F1 figures on this small corpus must be before the gap means anything.
    Seeded, so the same scores always give the same spread.
    """
    if len(triples) < 2 or n_resamples < 2:
        return 0.0
    rng = random.Random(seed)
    values = [aggregate(rng.choices(triples, k=len(triples)))["f1"] for _ in range(n_resamples)]
    return statistics.stdev(values)


# ---------------------------------------------------------------------------------------- running


@dataclass
class SystemResult:
    """Outputs, scores and timing of one system over the corpus."""

    system: str
    available: bool = True
    note: str = ""
    outputs: list[str] = field(default_factory=list)
    triples: list[TpFpFn] = field(default_factory=list)
    wall_s: float = 0.0
    errors: int = 0
    first_error: str = ""

    @property
    def pages_per_s(self) -> float:
        """Pages per second over the best timed run (0.0 if not run)."""
        return len(self.outputs) / self.wall_s if self.wall_s > 0 else 0.0

    def summary(self) -> dict[str, Any]:
        """JSON-ready scores and timing, without per-page detail."""
        if not self.available:
            return {"system": self.system, "available": False, "note": self.note}
        return {
            "system": self.system,
            "available": True,
            **aggregate(self.triples),
            "f1_std": bootstrap_f1_std(self.triples),
            "summed": aggregate_summed(self.triples),
            "pages": len(self.outputs),
            "wall_s": self.wall_s,
            "pages_per_s": self.pages_per_s,
            "errors": self.errors,
            "first_error": self.first_error,
            "note": self.note,
        }


def run_system(
    system: str,
    extract: Callable[[Any], str | None],
    inputs: Sequence[Any],
    truths: Sequence[str],
    *,
    repeat: int = 1,
    note: str = "",
) -> SystemResult:
    """Run ``extract`` on every input, ``repeat`` times, keep the fastest wall time, and score it.

    Each system first gets one untimed warm-up call on the first input.

    A page on which ``extract`` raises is scored as an empty output and counted in ``errors`` (the
    first message is kept), so one crash shows up in the table instead of hiding the whole run.
    """
    result = SystemResult(system=system, note=note)
    if inputs:
        # One untimed call first, so lazy imports and model loading are not billed to whichever system
        # happens to run first; with --repeat 1 they would otherwise dominate a fast system's time.
        try:
            extract(inputs[0])
        except Exception:  # noqa: BLE001 - the timed run records it
            pass
    best = float("inf")
    for _ in range(max(1, repeat)):
        outputs: list[str] = []
        errors = 0
        first_error = ""
        start = time.perf_counter()
        for item in inputs:
            try:
                outputs.append(extract(item) or "")
            except Exception as exc:  # noqa: BLE001 - a benchmark reports failures, it does not stop
                errors += 1
                first_error = first_error or f"{type(exc).__name__}: {exc}"
                outputs.append("")
        best = min(best, time.perf_counter() - start)
        result.outputs, result.errors, result.first_error = outputs, errors, first_error
    result.wall_s = best
    result.triples = [shingle_scores(pred, true) for pred, true in zip(result.outputs, truths, strict=True)]
    return result


def unavailable(system: str, note: str) -> SystemResult:
    """A placeholder row for a system that could not be imported."""
    return SystemResult(system=system, available=False, note=note)


# ---------------------------------------------------------------------------------------- reports


def make_console(*, stderr: bool = False) -> Console:
    """A rich console; wide enough for the comparison table when the output is not a terminal."""
    console = Console(stderr=stderr)
    if not console.is_terminal:
        console = Console(stderr=stderr, width=160)
    return console


def _ratio(value: float, reference: float) -> str:
    return f"{value / reference:.2f}×" if reference > 0 else "–"


def print_table(
    title: str,
    results: Sequence[SystemResult],
    *,
    references: Sequence[str] = (),
    console: Console | None = None,
) -> None:
    """Print one row per system: P, R, F1 (± bootstrap sd), pages/s, wall time, errors, and ratios.

    For every name in ``references`` two more columns give this row's F1 and pages/s divided by that
    system's (so ``2.00×`` under "speed ÷ X" means twice as fast as X). A reference that is not
    available leaves its columns blank; its note is printed under the table.
    """
    console = console or make_console()
    by_name = {r.system: r for r in results if r.available}
    table = Table(title=title)
    table.add_column("system", style="bold", no_wrap=True)
    for header in ("P", "R", "F1", "±", "pages/s", "wall s", "errors"):
        table.add_column(header, justify="right", no_wrap=True)
    for ref in references:
        table.add_column(f"F1\n÷ {ref}", justify="right", no_wrap=True)
        table.add_column(f"speed\n÷ {ref}", justify="right", no_wrap=True)
    for result in results:
        if not result.available:
            table.add_row(result.system, *["–"] * (7 + 2 * len(references)), style="dim")
            continue
        scores = aggregate(result.triples)
        cells = [
            f"{scores['precision']:.3f}",
            f"{scores['recall']:.3f}",
            f"{scores['f1']:.3f}",
            f"{bootstrap_f1_std(result.triples):.3f}",
            f"{result.pages_per_s:,.1f}",
            f"{result.wall_s:.3f}",
            str(result.errors),
        ]
        for ref in references:
            other = by_name.get(ref)
            if other is None:
                cells += ["–", "–"]
            else:
                cells += [
                    _ratio(scores["f1"], aggregate(other.triples)["f1"]),
                    _ratio(result.pages_per_s, other.pages_per_s),
                ]
        table.add_row(result.system, *cells)
    console.print(table)
    for result in results:
        if not result.available:
            console.print(f"[yellow]{result.system}: {result.note}")
        if result.errors:
            console.print(f"[red]{result.system}: {result.errors} page(s) raised; first: {result.first_error}")


def worst_pages(result: SystemResult, ids: Sequence[str], truths: Sequence[str], k: int) -> list[dict[str, Any]]:
    """The ``k`` pages where ``result`` has the lowest per-page F1, with per-page P/R and word counts."""
    rows = []
    for page_id, triple, pred, true in zip(ids, result.triples, result.outputs, truths, strict=True):
        rows.append(
            {
                "id": page_id,
                "precision": page_precision(*triple),
                "recall": page_recall(*triple),
                "f1": page_f1(*triple),
                "pred_words": len(tokenize(pred)),
                "true_words": len(tokenize(true)),
            }
        )
    rows.sort(key=lambda row: (row["f1"], row["id"]))
    return rows[: max(0, k)]


def print_worst(
    system: str,
    rows: Sequence[Mapping[str, Any]],
    urls: Mapping[str, str],
    *,
    console: Console | None = None,
) -> None:
    """Print the rows from :func:`worst_pages` as a table, with each page's URL."""
    console = console or make_console()
    table = Table(title=f"{system}: lowest per-page F1")
    for header in ("id", "P", "R", "F1", "pred words", "true words", "url"):
        table.add_column(header, justify="left" if header in ("id", "url") else "right")
    for row in rows:
        table.add_row(
            row["id"][:12],
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            f"{row['f1']:.3f}",
            str(row["pred_words"]),
            str(row["true_words"]),
            urls.get(row["id"], ""),
        )
    console.print(table)


def write_results(name: str, payload: Mapping[str, Any]) -> Path:
    """Write ``payload`` as JSON to ``benchmarks/results/<name>.json`` (gitignored) and return the path."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def git_commit() -> str | None:
    """The repository's HEAD commit (and ``+dirty`` when src/ has uncommitted changes), if git is there."""
    import subprocess

    root = BENCHMARKS_DIR.parent
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "src"], cwd=root, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def environment() -> dict[str, str]:
    """Python and peer-library versions, recorded with every result."""
    from importlib import metadata

    versions = {"python": sys.version.split()[0]}
    for dist in ("newsweave", "trafilatura", "jusText", "lxml"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "not installed"
    return versions


def check_floor(result: SystemResult | None, min_f1: float | None, *, console: Console) -> int:
    """Exit status of the quality gate: 0 pass (or no floor), 1 below the floor, 2 cannot check.

    A missing system never passes a floor silently: when ``min_f1`` is given and the system did not
    run, the gate fails with status 2.
    """
    if min_f1 is None:
        return 0
    if result is None or not result.available:
        console.print(f"[red]quality gate: newsweave did not run, cannot check --min-f1 {min_f1}")
        return 2
    f1 = aggregate(result.triples)["f1"]
    if f1 < min_f1:
        console.print(f"[red]quality gate FAILED: newsweave F1 {f1:.4f} is below the floor {min_f1:.4f}")
        return 1
    console.print(f"[green]quality gate passed: newsweave F1 {f1:.4f} ≥ {min_f1:.4f}")
    return 0


def summaries(results: Iterable[SystemResult]) -> list[dict[str, Any]]:
    """JSON-ready summaries of several results."""
    return [r.summary() for r in results]
