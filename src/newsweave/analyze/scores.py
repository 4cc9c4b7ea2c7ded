"""Scores and records: which pair of figures is a game's result ("a 31-24 victory", "won 3-1") and
which a standing ("improved to 52-3", "the 0-14 Lions", "45-7-2"), and whose standing it is. Read by
:mod:`newsweave.analyze.facts`."""

from __future__ import annotations

import re

RESULT_WORDS = frozenset(
    "victory win won wins winning beat beats beating defeat defeated defeats loss lost loses losing rout routed "
    "setback triumphed thumped crushed clobbered blew edging squeaked survived "
    "triumph edged edge final score thrashing drubbing downed downing topped blanked shutout upset".split()
)
RECORD_WORDS = frozenset("record mark".split())
_RECORD_CHANGE = frozenset(
    "improving improved improve dropping dropped fell falling start started starting before".split()
)
_LEAD_WORDS = frozenset("halftime half-time led lead leading trailed trailing quarter period inning".split())
_WEEKDAY_BEFORE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:[’']s| night[’']s)?\s+(?:\w+\s+)?$")
# "31-24", "20 - 13"; a record may carry its draws: "45-7-2" (wins, losses, draws)
_SCORE = re.compile(r"(?<![\w.,:/-])(\d{1,3}) ?[-–] ?(\d{1,3})(?:[-–](\d{1,2}))?(?![\w:/]|[.,]\d|[-–]\d)")
# What says a pair of figures is a standing, not a score: a verb of standing or change before it ("are 7-7",
# "fell to 45-7-2", "has gone 4-2-1", "improved to 52-3"); a team named before it in brackets ("Detroit
# Lions (0-14)"); a team named after it ("the 0-14 Lions").
_RECORD_VERB = re.compile(
    r"\b(?:fell|falls|fall|dropped|drops|improved|improves|improving|moved|moves|went|gone|goes|are|is|were|was|"
    r"stand|stands|stood|sit|sits|sat|finished|finish|finishes)\s+(?:to\s+|at\s+)?$"
)
# "improved the Ukrainian-born fighter to 52-3": a verb of change, its object, then "to"
_RECORD_CHANGE_TO = re.compile(
    r"\b(?:improv\w*|dropp\w*|drops?|fell|falls|falling|moved?|moves|moving|lifted|pushed|raised)\b"
    r"(?:\s+[\w'’-]+){0,4}\s+to\s+$"
)
_TEAM_BEFORE = re.compile(r"((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)\s*\(\s*$")
_TEAM_AFTER = re.compile(r"\s+((?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*)")
_NAME_BEFORE_VERB = re.compile(r"((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)\s+(?:\w+\s+){0,2}$")


_SINCE = re.compile(r"\b(?:since|this season|this year|in his last|in her last|in their last|over the last)\b", re.I)


def _partial_record(text: str, m: re.Match[str]) -> re.Match[str] | None:
    """ "since …" written with a record, with no other figures between ("Since that win over Barrett,
    Rahman has gone 4-2-1"; "fell to 45-7-2 and is now 10-5-2 since knocking out Lewis": only the
    second)."""
    after = _SINCE.search(text, m.end(), min(len(text), m.end() + 60))
    if after and not _SCORE.search(text, m.end(), after.start()):
        return after
    before = [b for b in _SINCE.finditer(text, 0, m.start()) if not _SCORE.search(text, b.end(), m.start())]
    return before[-1] if before else None


_ARTICLE = re.compile(r"^(?:The|A|An)\s+")  # "The Saints" and "Saints" are one team


def _record_holder(text: str, m: re.Match[str]) -> str | None:
    """Whose standing the figures at ``m`` are, when the words say they are one: the team or name
    written with them, "" when only a verb says so, ``None`` when nothing does."""
    before = text[max(0, m.start() - 50) : m.start()]
    if t := _TEAM_BEFORE.search(before):
        return _ARTICLE.sub("", t.group(1))
    if re.search(r"\bthe\s+$", before, re.I) and (t := _TEAM_AFTER.match(text, m.end())):
        return t.group(1)
    if not _RECORD_VERB.search(before) and (v := _RECORD_CHANGE_TO.search(before)):
        name = _NAME_BEFORE_VERB.search(before[: v.start()])
        return _ARTICLE.sub("", name.group(1)) if name else ""
    if v := _RECORD_VERB.search(before):
        name = _NAME_BEFORE_VERB.search(before[: v.start()])
        return _ARTICLE.sub("", name.group(1)) if name else ""
    if m.group(3) is not None:
        return ""  # wins, losses and draws: only a record has three figures
    return None
