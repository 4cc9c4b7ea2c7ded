"""Random damage to real pages (the seeds): lines deleted, doubled, shuffled, junk lines and odd
characters inserted. Whatever the damage, the briefing validates against the schema with every span
exact, and every word of every input is in an article's text or in what was removed from it."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave import render
from newsweave.clean import clean_documents
from newsweave.errors import NoArticles
from newsweave.ingest import read_inputs
from newsweave.model import Document
from newsweave.pipeline import brief_documents

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "putin-mothers"
SEEDS = {d.id: d for d in read_inputs([EXAMPLE])[0]}
JUNK = [
    "Advertisement",
    "Share this article on Facebook | Twitter | Email",
    "Subscribe to our newsletter for the latest news",
    "BTC 43,210 ▲ 2.1%  ETH 2,310 ▼ 0.4%",
    "© 2022 All rights reserved.",
    "Read more: Ten things you missed this week",
    "",
]
ODD = ["\u200b", "\u00ad", "\u2028", "\ufeff", "\u00a0", "é", "’", "\u0301", "😀", "\t", "\x0b"]
# characters the cleaner drops or turns into spaces by design: no word is lost with them
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_WORD = re.compile(r"\w+")

mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 200)),
    st.tuples(st.just("double"), st.integers(0, 200)),
    st.tuples(st.just("junk"), st.integers(0, 200), st.sampled_from(JUNK)),
    st.tuples(st.just("odd"), st.integers(0, 5000), st.sampled_from(ODD)),
    st.tuples(st.just("shuffle"), st.integers(0, 2**16)),
)


def _mutate(text: str, steps: list[tuple]) -> str:
    import random

    lines = text.split("\n")
    for step in steps:
        kind, at = step[0], step[1] % max(len(lines), 1)
        if kind == "delete" and len(lines) > 1:
            del lines[at]
        elif kind == "double":
            lines.insert(at, lines[at])
        elif kind == "junk":
            lines.insert(at, step[2])
        elif kind == "odd":
            joined = "\n".join(lines)
            pos = step[1] % max(len(joined), 1)
            lines = (joined[:pos] + step[2] + joined[pos:]).split("\n")
        elif kind == "shuffle":
            random.Random(step[1]).shuffle(lines)
    return "\n".join(lines)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(_INVISIBLE.sub("", text).lower()))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.lists(st.sampled_from(sorted(SEEDS)), min_size=1, max_size=3, unique=True),
    steps=st.lists(mutation, min_size=1, max_size=8),
)
def test_damaged_seeds_still_brief_and_lose_nothing(which: list[str], steps: list[tuple]) -> None:
    import dataclasses

    docs: list[Document] = []
    for aid, doc in sorted(SEEDS.items()):
        content = _mutate(doc.content, steps) if aid in which else doc.content
        docs.append(dataclasses.replace(doc, content=content))
    articles, rejected = clean_documents(docs)
    kept = {a.id: a for a in articles}
    for doc in docs:
        if doc.id not in kept:
            continue
        art = kept[doc.id]
        out = _words(art.text + "\n" + "\n".join(r.text for r in art.removed))
        missing = _words(doc.content) - out
        assert not missing, (doc.id, sorted(missing)[:10])
    try:
        briefing = brief_documents(docs)
    except NoArticles:
        assert not articles
        return
    render.validate(render.to_dict(briefing))
