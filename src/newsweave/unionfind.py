"""Disjoint sets (union-find with path halving): the one grouping of "linked to something linked to
it" that syndication groups, near-duplicate origins, timeline events and attribution conflicts share."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    """Items joined into groups; each group is named by one of its items, its root."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self.parent: dict[T, T] = {i: i for i in items}

    def find(self, x: T) -> T:
        """The root of ``x``'s group (``x`` joins the sets alone if it is new)."""
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: T, b: T, *, first: Callable[[T], Any] | None = None) -> None:
        """Join the groups of ``a`` and ``b``. The merged group keeps ``a``'s root, or with ``first`` the
        root that sorts first by that key (the earliest article of a near-duplicate group)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if first is not None and first(rb) < first(ra):
            ra, rb = rb, ra
        self.parent[rb] = ra

    def groups(self, items: Iterable[T]) -> list[list[T]]:
        """The groups of ``items``, each in the order of ``items``, ordered by their first member."""
        out: dict[T, list[T]] = {}
        for i in items:
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())
