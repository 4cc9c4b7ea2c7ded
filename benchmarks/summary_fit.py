"""Two-fold fit of the summary's weights: fit on one half of Multi-News dev, report the other, both ways.

The extractive summary has four weights (``newsweave/brief/extractive.py``): ``CORROBORATION_POWER``
(a concept's weight is the number of independent sources carrying it to this power), ``W_POSITION``
(the bonus of an early sentence), ``MAX_REDUNDANCY`` (how alike two picked statements may be) and
``LENGTH_POWER`` (a candidate's gain is divided by its length to this power). This
script does not trust the shipped values: on each half of the 100 Multi-News dev stories it picks the
grid point with the best mean ROUGE-2, then scores that point on the **other** half, beside the shipped
values, lead, LexRank and TextRank in the same run. The same two fitted points and the shipped ones are
then scored on NeuS/AllSides dev (never used to fit anything) beside TextRank.

Every mean comes with a 95% bootstrap interval (2,000 resamples of the stories, seed 0), and the
difference to lead (or TextRank) with a paired one: the same resampled stories for both systems.

    python benchmarks/summary_fit.py     # about 5 minutes on one core

Writes benchmarks/results/summary_fit.json.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import write_results  # noqa: E402

from newsweave.brief import extractive  # noqa: E402
from newsweave.evaluate.summaries import Story, _lines, _scorer, cut, read_dataset, system  # noqa: E402

HERE = Path(__file__).resolve().parent
DATA = Path(os.environ.get("NEWSWEAVE_DATA", HERE.parents[1] / "shared" / "data"))
GRID = {
    "CORROBORATION_POWER": (2.0, 3.0, 4.0),
    "W_POSITION": (0.0, 0.5, 1.0),
    "MAX_REDUNDANCY": (0.45, 0.6),
    "LENGTH_POWER": (0.5, 0.75, 1.0),
}
SHIPPED = {name: getattr(extractive, name) for name in GRID}
RESAMPLES = 2000


class Scorer:
    """ROUGE-2 F1 x 100 per story, with the references split once."""

    def __init__(self, stories: Sequence[Story]):
        self.rouge = _scorer()
        self.refs = [[_lines(r) for r in s.summaries] for s in stories]
        self.stories = stories

    def run(self, name: str, words: int, weights: dict[str, float] | None = None) -> list[float]:
        for key, value in (weights or SHIPPED).items():
            setattr(extractive, key, value)
        try:
            summarise = system(name)
            out = []
            for story, ref in zip(self.stories, self.refs, strict=True):
                text = "\n".join(cut(summarise(story, words), words))
                out.append(100 * self.rouge.score_multi(ref, text)["rouge2"].fmeasure)
            return out
        finally:
            for key, value in SHIPPED.items():
                setattr(extractive, key, value)


def mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs)


def interval(xs: Sequence[float], ys: Sequence[float] | None = None) -> tuple[float, float]:
    """The 95% bootstrap interval of the mean of ``xs`` (of ``xs - ys``, paired, with ``ys``)."""
    rng = random.Random(0)
    d = [x - y for x, y in zip(xs, ys, strict=True)] if ys is not None else list(xs)
    n = len(d)
    means = sorted(mean([d[rng.randrange(n)] for _ in range(n)]) for _ in range(RESAMPLES))
    return round(means[int(0.025 * RESAMPLES)], 2), round(means[int(0.975 * RESAMPLES) - 1], 2)


def fit(scorer: Scorer, words: int) -> tuple[dict[str, float], float]:
    best: tuple[float, dict[str, float]] | None = None
    for values in itertools.product(*GRID.values()):
        weights = dict(zip(GRID, values, strict=True))
        score = mean(scorer.run("newsweave", words, weights))
        if best is None or score > best[0]:
            best = (score, weights)
    assert best is not None
    return best[1], round(best[0], 2)


def summary(xs: Sequence[float], base: Sequence[float] | None = None) -> dict[str, object]:
    out: dict[str, object] = {"rouge2": round(mean(xs), 2), "ci95": interval(xs)}
    if base is not None:
        out["minus_baseline"] = round(mean(xs) - mean(base), 2)
        out["minus_baseline_ci95"] = interval(xs, base)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    stories, _ = read_dataset(DATA / "mds" / "multinews_dev.jsonl")
    halves = {"rows 0-49": stories[:50], "rows 50-99": stories[50:100]}
    scorers = {name: Scorer(rows) for name, rows in halves.items()}
    results: dict[str, object] = {"grid": GRID, "shipped": SHIPPED, "folds": []}
    fitted: dict[str, dict[str, float]] = {}
    for fit_on, held_out in (("rows 0-49", "rows 50-99"), ("rows 50-99", "rows 0-49")):
        weights, fit_score = fit(scorers[fit_on], 250)
        fitted[fit_on] = weights
        test = scorers[held_out]
        lead = test.run("lead", 250)
        fold = {
            "fit_on": fit_on,
            "held_out": held_out,
            "fitted": weights,
            "fit_score": fit_score,
            "newsweave (fitted)": summary(test.run("newsweave", 250, weights), lead),
            "newsweave (shipped)": summary(test.run("newsweave", 250), lead),
            "lead": summary(lead),
            "lexrank": summary(test.run("lexrank", 250), lead),
            "textrank": summary(test.run("textrank", 250), lead),
        }
        results["folds"].append(fold)  # type: ignore[union-attr]
        print(f"fit on {fit_on} -> {weights} (R-2 {fit_score} there); held out {held_out}:")
        for name in ("newsweave (fitted)", "newsweave (shipped)", "lead", "lexrank", "textrank"):
            s = fold[name]
            extra = f"  vs lead {s['minus_baseline']:+.2f} {s['minus_baseline_ci95']}" if "minus_baseline" in s else ""
            print(f"  {name:20s} R-2 {s['rouge2']:6.2f} {s['ci95']}{extra}")
    neus_stories, _ = read_dataset(DATA / "mds" / "neus_allsides_dev.jsonl")
    neus = Scorer(neus_stories)
    textrank = neus.run("textrank", 70)
    results["neus"] = {
        "textrank": summary(textrank),
        "lead": summary(neus.run("lead", 70)),
        "newsweave (shipped)": summary(neus.run("newsweave", 70), textrank),
        **{f"newsweave (fitted on {k})": summary(neus.run("newsweave", 70, w), textrank) for k, w in fitted.items()},
    }
    print("NeuS/AllSides dev (154 stories, 70 words), never fitted on:")
    for name, s in results["neus"].items():  # type: ignore[union-attr]
        extra = f"  vs textrank {s['minus_baseline']:+.2f} {s['minus_baseline_ci95']}" if "minus_baseline" in s else ""
        print(f"  {name:32s} R-2 {s['rouge2']:6.2f} {s['ci95']}{extra}")
    write_results("summary_fit", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
