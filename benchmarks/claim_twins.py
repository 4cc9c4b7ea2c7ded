"""Single-source claims that another independent source states almost word for word.

A claim newsweave marks ``single_source`` should have no near-copy in another independent source: if
it has one, the alignment missed it and the reader is told one outlet carries what two do. For every
statement of every ECB+ and Multi-News dev story (``build_statements``, as ``brief`` builds them),
this counts those with one independent source whose first sentence has a sentence of another
independent source at content-word Dice >= ``--dice`` (numbers and date words left out, as the
aligner compares them).

    python benchmarks/claim_twins.py [--dice 0.6] [--examples N]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, make_console  # noqa: E402
from _stories import load_stories  # noqa: E402

from newsweave.analyze.claims import _DATE_WORDS, build_statements  # noqa: E402
from newsweave.dedup import find_syndication, origin_map  # noqa: E402
from newsweave.similarity import content_terms, dice  # noqa: E402


def _link_terms(text: str) -> frozenset[str]:
    return frozenset(t for t in content_terms(text) if not t.isdigit() and t not in _DATE_WORDS)


def main(argv: Sequence[str] | None = None) -> int:
    """Count the single-source statements with a twin elsewhere."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dice", type=float, default=0.6, help="how alike a twin is (content-word Dice)")
    parser.add_argument("--examples", type=int, default=0, help="print this many statements with a twin")
    args = parser.parse_args(argv)
    console = make_console()
    total = single = twins = 0
    examples = []
    for story in load_stories(data_dir(), ["ecb", "multinews"]):
        syndication = find_syndication(story.articles)
        origin = origin_map(story.articles, syndication)
        statements = build_statements(story.articles, syndication)
        sentences = [(m, _link_terms(m.text)) for st in statements for m in st.mentions]
        for st in statements:
            total += 1
            if st.independent != 1:
                continue
            single += 1
            first = st.mentions[0]
            mine = _link_terms(first.text)
            home = origin.get(first.article, first.article)
            best = max(
                ((dice(mine, terms), m) for m, terms in sentences if origin.get(m.article, m.article) != home),
                default=(0.0, None),
                key=lambda x: x[0],
            )
            if best[0] >= args.dice and best[1] is not None:
                twins += 1
                if len(examples) < args.examples:
                    examples.append((best[0], first.text, best[1].text))
    console.print(
        f"{total} statements, {single} with one independent source, {twins} of those with a twin in another "
        f"independent source (Dice >= {args.dice})"
    )
    for score, a, b in examples:
        console.print(f"  {score:.2f} {a[:100]!r} ~ {b[:100]!r}", markup=False, highlight=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
