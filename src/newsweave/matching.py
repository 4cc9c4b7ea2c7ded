"""A regular expression tried only where a match can start.

Python's ``re`` tries a pattern at every position of a text. A long case-blind alternation (120 month
names, every number word) that can only start at a few known places (before a month's name, at a digit
or a number word) is then tried mostly where it cannot match. :func:`matches_at` tries it at those
places only and gives what ``finditer`` gives: leftmost first, each match after the previous one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` gives, for a pattern whose every (non-empty) match starts at one
    of ``starts``: positions in increasing order, or runs that may step back over positions already
    given (a position at or before the last one tried is not tried again).

    ``pattern.match(text, p)`` sees the text before ``p`` (look-behinds work) and to its end, as
    ``finditer`` does at ``p``.
    """
    end = 0
    tried = -1
    for p in starts:
        if p < end or p <= tried:
            continue
        tried = p
        m = pattern.match(text, p)
        if m is not None and m.end() > m.start():
            yield m
            end = m.end()
