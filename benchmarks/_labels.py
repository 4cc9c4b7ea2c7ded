"""What the scorers of hand-written labels share (``speakers.py``, ``article_dates.py``, ``timeline.py``,
``number_mentions.py``): reading a label file, the labelled stories cleaned as ``facts.py`` cleans them,
the check that a label's words still stand at its offset, the command line and the results file."""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from _common import data_dir, environment, write_results
from _stories import Story, load_stories

DATA = Path(__file__).resolve().parent / "data"


def read_labels(name: str) -> dict[str, list[dict[str, Any]]]:
    """The labels of ``benchmarks/data/<name>``, by story (the story's folder name), in file order."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            label = json.loads(line)
            out[label["story"]].append(label)
    return dict(out)


def labelled_stories() -> dict[str, Story]:
    """Every ECB+ and Multi-News dev story by its folder name ("ecb_19_ecbplus", "multinews_L046")."""
    return {s.name.replace(" ", "_"): s for s in load_stories(data_dir(), ["ecb", "multinews"])}


def check_offsets(story: Story, labels: list[dict[str, Any]], words: str) -> None:
    """Stop with a clear message when a label's ``words`` are not at its ``start`` in the cleaned text
    (the cleaner changed: the labels must be moved)."""
    texts = {a.id: a.text for a in story.articles}
    for label in labels:
        text = texts.get(label["article"], "")
        if text[label["start"] : label["start"] + len(label[words])] != label[words]:
            raise SystemExit(
                f"label does not match the cleaned text: {label['story']} {label['article']} {label['start']}"
            )


def parser(doc: str | None, examples: str) -> argparse.ArgumentParser:
    """The scorers' command line: ``--json`` and ``--examples N``."""
    out = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    out.add_argument("--json", action="store_true", help="print the results as JSON")
    out.add_argument("--examples", type=int, default=0, help=f"print this many {examples}")
    out.add_argument(
        "--set",
        choices=("dev", "unseen", "fresh"),
        default="dev",
        help="which labels: dev (the stories the rules were read off), unseen (<name>_unseen.jsonl, labelled "
        "after the rules, first looked at then), fresh (<name>_fresh.jsonl, labelled later still)",
    )
    return out


def label_file(name: str, which: str) -> str:
    """``quote_speakers.jsonl`` for ``dev``, ``quote_speakers_unseen.jsonl`` for ``unseen``, …"""
    stem = name.removesuffix(".jsonl")
    return f"{stem}.jsonl" if which == "dev" else f"{stem}_{which}.jsonl"


def say(console: Any, text: str) -> None:
    """Print a line of labels and texts as written: no rich markup, no highlighting."""
    console.print(text, markup=False, highlight=False)


def report(name: str, results: dict[str, Any], as_json: bool) -> None:
    """Write ``benchmarks/results/<name>.json`` (with the environment) and print it with ``--json``."""
    results["environment"] = environment()
    write_results(name, results)
    if as_json:
        print(json.dumps(results, indent=2))
