"""Shared fixtures: the bundled example story, a file writer for tmp_path, the shared data folder.

The example's briefing and cleaned articles are built once per session: the stages are pure, so
every test may read them, none may mutate them (the records are frozen anyway).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsweave.clean import clean_documents
from newsweave.config import CleanOptions
from newsweave.ingest import read_inputs
from newsweave.model import Article, Briefing, Document
from newsweave.pipeline import brief_paths

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "putin-mothers"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

Write = Callable[[str, "str | bytes"], Path]


@pytest.fixture(scope="session")
def example_dir() -> Path:
    """The bundled example story: five real scraped articles, ``000`` … ``004``."""
    assert EXAMPLE.is_dir(), f"bundled example missing at {EXAMPLE}"
    return EXAMPLE


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """``write("sub/name.txt", content)``: write text (UTF-8) or bytes under ``tmp_path``, return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def seed_documents(example_dir: Path) -> list[Document]:
    """The example's five documents, as read."""
    documents, rejected = read_inputs([example_dir])
    assert rejected == []
    return documents


@pytest.fixture(scope="session")
def seed_articles(seed_documents: list[Document]) -> dict[str, Article]:
    """The example's five articles, cleaned together (cross-document evidence on), by id."""
    articles, rejected = clean_documents(seed_documents, options=CleanOptions(cross_document=True))
    assert rejected == []
    return {a.id: a for a in articles}


@pytest.fixture(scope="session")
def seed_briefing(example_dir: Path) -> Briefing:
    """The example's briefing with default options, built once via the public API."""
    return brief_paths([example_dir])


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (evaluation data kept outside the repository); skips when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared evaluation data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture
def bulk_lookups() -> Callable[[Any], None]:
    """A check of a store's lookups of many hashes at once (the batch engine's, in chunks of 500):
    they find exactly the stored ones."""

    def check(store: Any) -> None:
        arts = store.articles()
        unknown = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(1200)]
        raws = [a.sha256 for a in arts]
        assert raws and store.stored_raw(unknown[:700] + raws + unknown[700:] + raws) == set(raws)
        stored = {r[0] for r in store._x("SELECT text_sha256 FROM articles").fetchall()}
        assert stored and store.stored_texts([*unknown, *stored]) == stored
        assert store.stored_raw([]) == set() == store.stored_texts(unknown)

    return check


@pytest.fixture
def bulk_write(example_dir: Path) -> Callable[[Any], None]:
    """A check of a store's bulk write (the batch engine's): the seeds written with ``add_many`` read
    back as they do written one by one, in the same order, in their stories."""

    def check(store: Any) -> None:
        from dataclasses import replace

        from newsweave.store.base import article_id, text_sha256

        docs = [replace(d, id=article_id(d.sha256)) for d in read_inputs([example_dir])[0]]
        arts, _ = clean_documents(docs, options=CleanOptions())
        assert len(arts) == 5
        with store.transaction():
            store.add_many(docs[:3], [(a, text_sha256(a), "s1") for a in arts[:3]], at="2026-12-05T00:00:00Z")
        with store.transaction():  # numbered on from the newest stored article
            store.add_raw(docs[3], retrieved_at="2026-12-05T00:00:00Z")
            store.add_article(arts[3], text_sha256=text_sha256(arts[3]), ingested_at="t", story_id="s2")
            store.add_many([docs[4], docs[0]], [(arts[4], text_sha256(arts[4]), None)], at="t")  # raw known
        got = store.articles()
        assert [a.id for a in got] == [a.id for a in arts] and [a.text for a in got] == [a.text for a in arts]
        assert store.article_ids("s1") == [a.id for a in arts[:3]] and store.article_ids("s2") == [arts[3].id]
        assert store.article(arts[4].id)[1] is None and store.counts()["raw"] == 5
        assert all(store.raw(d.sha256) == d.raw for d in docs)

    return check


def _rename(text: str) -> str:
    """The same report about other people, places and figures: every capitalised word inside a sentence
    and every number replaced, consistently (a template reused for another event)."""
    syllables = "bor kal mev tus zan ika ond ure".split()
    made = ("".join(p).capitalize() for p in itertools.product(syllables, repeat=3))
    table: dict[str, str] = {}

    def new(m: re.Match[str]) -> str:
        word = m.group()
        if word not in table:
            table[word] = str(len(table) * 37 + 11) if word[0].isdigit() else next(made)
        return table[word]

    return re.sub(r"(?<=[a-z,;:] )[A-Z][a-z]{2,}|\b\d[\d,.]*\d\b|\b\d\b", new, text)


@pytest.fixture
def renamed() -> Callable[[str], str]:
    """:func:`_rename`: a text's names and numbers replaced, consistently within one call."""
    return _rename
