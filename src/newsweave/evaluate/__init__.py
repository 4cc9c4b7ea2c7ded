"""Evaluation against labelled benchmarks (``newsweave eval …``): an edge of the pipeline, like the CLI.

- :mod:`newsweave.evaluate.summaries`: ROUGE of the summariser beside lead, LexRank and TextRank.
- :mod:`newsweave.evaluate.stories`: B-cubed of the story clusterer beside a TF-IDF single pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any


def jsonl_rows(path: Path, skipped: list[str], *, shape: str) -> Iterator[tuple[int, Any]]:
    """``(line number, parsed row)`` for every JSON line of a benchmark file; a line that is not JSON is
    reported in ``skipped`` and passed over, blank lines are ignored.

    Raises:
        DatasetError: the file does not exist (``shape`` names the rows it should hold).
    """
    import json

    from newsweave.errors import DatasetError

    if not path.is_file():
        raise DatasetError(f"no such file; give a JSONL file of {shape} rows", source=str(path))
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                skipped.append(f"line {n}: not JSON ({exc.msg})")
