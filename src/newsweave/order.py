"""One order for the same set of inputs, whatever order they arrived in.

A briefing is a function of the set of articles and the options, never of the order in which files were
named, a folder was listed, JSONL lines or feed items were written, or a store returned its rows. Every
step whose result could depend on order (cleaning's cross-document pass, grouping syndicated copies,
merging claims and quotes, choosing representative wordings, the summary) therefore reads the
documents and articles in the canonical order defined here:

1. by the date given with the input (``published`` as written; undated inputs first),
2. then by the SHA-256 of the text (the raw content of a document; the cleaned text of an article),
3. then by id (two inputs with the same date and the same text).

The key uses nothing that depends on the process (no ``hash()``, no set order), so two runs with
different hash seeds, or the same files given in reverse, see the same sequence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TypeVar

from newsweave.model import Article, Document

T = TypeVar("T", Article, Document)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def canonical_key(item: Article | Document) -> tuple[str, str, str]:
    """The sort key of one document or article: (date given, SHA-256 of its text, id)."""
    text = item.content if isinstance(item, Document) else item.text
    return (item.published or "", _digest(text), item.id)


def canonical(items: Iterable[T]) -> list[T]:
    """``items`` in the canonical order (see the module docstring)."""
    return sorted(items, key=canonical_key)
