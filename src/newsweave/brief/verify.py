"""The verifier: is a written sentence backed, detail by detail, by the passages it cites?

A sentence an LLM wrote from the claims is shown as sourced only if every checkable detail in it is in
its cited evidence, compared the way the analysis compares outlets:

- **numbers**: every quantity has an equal value in the evidence ("300 000" = "300,000" = "300
  thousand"; a hedge may differ, the value may not); any other run of digits (an ordinal, a time, an id)
  appears in the evidence;
- **dates**: every date expression is in the evidence, or resolves (against the cited article's
  publication date) to a day the evidence's expressions resolve to, or contains it ("in November" for
  "on November 25");
- **names**: every capitalised word (people, places, organisations; titles and sentence-openers that
  are ordinary words aside) is in the evidence, or is the adjective of a name that is ("Russian" for
  "Russia");
- **quoted words**: whatever is inside quotation marks is, word for word, in the evidence;
- **content**: at least 40% of the sentence's content words (stemmed) are in the evidence; a sentence
  about something else entirely (a prompt-injected reply) fails here. Free paraphrases reach 0.46, so
  an invented fact worded with the passage's own kind of words (no new number, date, name or quote)
  is *not* caught: this check is a net for replies that went off the rails, not a fact checker.

The checks are lexical and deliberately strict: a detail the passages do not state is unsupported even
if it is true. Measured on ``benchmarks/data/verifier_cases.jsonl`` by ``benchmarks/verifier.py``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.analyze import dates as D
from newsweave.analyze import numbers as N
from newsweave.analyze.date_words import WEEKDAYS
from newsweave.analyze.framing import word_tags
from newsweave.clean.lines import stopwords
from newsweave.clean.phrases import MONTHS
from newsweave.model import Article
from newsweave.sentences import split_sentences
from newsweave.similarity import content_terms, normalize_numbers

# Calibrated on the faithful rows of benchmarks/data/verifier_cases.jsonl (see benchmarks/verifier.py).
# Free paraphrases reach 0.46; a sentence about something else (an injected reply) stays far below.
MIN_CONTENT_SUPPORT = 0.4  # share of the sentence's content terms found in the evidence

# Sentence openers and titles that are capitalised without being names.
_NOT_NAMES = frozenset(
    """meanwhile however additionally separately earlier later moreover furthermore overall instead
    still yet thus hence nonetheless nevertheless elsewhere today yesterday tomorrow tonight officials
    authorities critics experts analysts residents witnesses police mr mrs ms dr sir dame madam""".split()
)
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»|„([^“”]+)[“”]|(?<![\w’'])[‘']([^’']{3,}?)[’'](?![\w’'])")
_CITATION = re.compile(r"\s*[\[(](?:c\d+(?:\s*[,;]\s*)?)+[\])]", re.I)
_WORD = re.compile(r"[^\W\d_][\w’'\-.]*", re.U)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Evidence:
    """One cited passage: its words and the publication date of the article it is from."""

    text: str
    published: dt.date | None = None
    language: str = "en"


@dataclass(frozen=True)
class Verdict:
    """Whether a sentence is backed by its evidence, and every detail that is not."""

    supported: bool
    problems: tuple[str, ...] = ()


def strip_citations(text: str) -> str:
    """The sentence without citation marks such as ``[c3]`` or ``(c1, c2)``."""
    return re.sub(r"\s+([.,;:!?])", r"\1", _CITATION.sub("", text)).strip()


def _fold(text: str) -> str:
    """Lower-case, accents off, one kind of quote and apostrophe, one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[’‘`´]", "'", text)
    text = re.sub(r"[“”„«»]", '"', text)
    text = re.sub(r"[‐‑‒–—]", "-", text)
    return re.sub(r"\s+", " ", normalize_numbers(_rejoin(text))).strip()


# "100, 000" and "6. 7": numbers split by a tokeniser (ECB+ and other corpora are stored so)
_SPLIT_NUMBER = re.compile(r"(?<=\d)([,.]) (?=\d{3}\b)|(?<=\d)\. (?=\d\b)")


def _rejoin(text: str) -> str:
    return _SPLIT_NUMBER.sub(lambda m: m.group(1) or ".", text)


def _article(text: str, language: str = "en") -> Article:
    return Article(id="v", source="verify", text=text, language=language)


def verify(sentence: str, evidence: Sequence[Evidence]) -> Verdict:
    """Check one written sentence against the passages it cites.

    Args:
        sentence: the sentence as written (citation marks are ignored).
        evidence: the cited passages.

    Returns:
        The verdict; ``problems`` names each unsupported detail.
    """
    text = strip_citations(sentence)
    if not evidence:
        return Verdict(False, ("cites no passage",))
    if not text:
        return Verdict(False, ("empty sentence",))
    problems: list[str] = []
    problems += _check_quotes(text, evidence)
    date_spans, date_problems = _check_dates(text, evidence)
    problems += date_problems
    problems += _check_numbers(text, evidence, date_spans)
    problems += _check_names(text, evidence, date_spans)
    problems += _check_content(text, evidence)
    return Verdict(not problems, tuple(problems))


def _check_quotes(text: str, evidence: Sequence[Evidence]) -> list[str]:
    haystack = [_fold(e.text) for e in evidence]
    out = []
    for m in _QUOTED.finditer(text):
        quoted = next(g for g in m.groups() if g is not None)
        pieces = [p.strip(" .,;:!?'\"-") for p in re.split(r"\.\.\.|…|\[[^\]]*\]", _fold(quoted))]
        if not any(all(p in h for p in pieces if p) for h in haystack):
            out.append(f"quoted words “{quoted.strip()}” are not in the cited passages")
    return out


def _check_dates(text: str, evidence: Sequence[Evidence]) -> tuple[list[tuple[int, int]], list[str]]:
    spans = []
    problems = []
    ev_days: set[str] = set()
    for e in evidence:
        for s, t, words in D.find_expressions(e.text, language=e.language):
            day = D.resolve(words, e.published, tense=D.clause_tense(e.text, s, t))
            if day:
                ev_days.add(day)
    folded = [_fold(e.text) for e in evidence]
    anchors = {e.published for e in evidence} or {None}
    for s, t, words in D.find_expressions(text):
        spans.append((s, t))
        bare = _fold(re.sub(r"^(?:on|in|at|by|since|from|until|last|this|next)\s+", "", words, flags=re.I))
        if any(bare in f for f in folded):
            continue
        tense = D.clause_tense(text, s, t)
        days = {d for a in anchors if (d := D.resolve(words, a, tense=tense))}
        if days and any(d == e or e.startswith(d + "-") for d in days for e in ev_days):
            continue
        problems.append(f"date “{words}” is not in the cited passages")
    return spans, problems


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= pos < t for s, t in spans)


def _check_numbers(text: str, evidence: Sequence[Evidence], date_spans: Sequence[tuple[int, int]]) -> list[str]:
    ev_quantities = [
        q for e in evidence for t in {e.text, _rejoin(e.text)} for q in N.extract_quantities(_article(t, e.language))
    ]
    problems = []
    covered: list[tuple[int, int]] = list(date_spans)
    for q in N.extract_quantities(_article(text)):
        covered.append((q.span.start, q.span.end))
        if _inside(q.span.start, date_spans):
            continue
        same = any(
            (q.vague and e.vague and (q.low, q.high) == (e.low, e.high))
            or (not q.vague and not e.vague and abs(q.value - e.value) <= 1e-9 * max(abs(q.value), 1.0))
            for e in ev_quantities
            if not _different_measures(q.unit, e.unit)  # "three years" is not "three weeks"
        )
        if not same:
            problems.append(f"number “{q.span.text}” is not in the cited passages")
    ev_digits = {d for e in evidence for d in _DIGITS.findall(normalize_numbers(_rejoin(e.text)))}
    for m in _DIGITS.finditer(text):
        if _inside(m.start(), covered):
            continue
        if normalize_numbers(m.group()) not in ev_digits:
            problems.append(f"number “{m.group()}” is not in the cited passages")
    return problems


_MEASURES = frozenset(
    """second minute hour day week month year decade century mile kilometre kilometer km metre meter m
    foot feet inch yard mph percent % degree ton tonne kilogram kg pound lb""".split()
)


def _different_measures(a: str | None, b: str | None) -> bool:
    """Both numbers measure something, in different units (a count's noun may be reworded freely)."""
    if not a or not b:
        return False
    measure_a, measure_b = (
        {m for w in re.findall(r"\w+|%", u.lower()) for m in (w, w.rstrip("s")) if m in _MEASURES} for u in (a, b)
    )
    return bool(measure_a and measure_b) and not measure_a & measure_b


def _name_key(word: str) -> str:
    return re.sub(r"(?:'s|')$", "", _fold(word).strip(".-'"))


def _same_name(a: str, b: str) -> bool:
    """Equal; one is the other's adjective or plural ("russia"/"russian", "ukraine"/"ukrainian"); or a
    spelling variant of a long word, one letter apart ("defence"/"defense")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < 4:
        return False
    if long.startswith(short) or long.startswith(short[:-1]) and len(long) - len(short) <= 4:
        return True
    return len(a) == len(b) >= 6 and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _acronyms(text: str) -> set[str]:
    """Initials of capitalised runs: "International Monetary Fund" -> "imf" (small words skipped)."""
    out: set[str] = set()
    for run in re.finditer(r"(?:[A-Z][\w’'-]*(?:\s+(?:of|and|for|the|de|du)\s+|\s+))+[A-Z][\w’'-]*", text):
        initials = "".join(w[0] for w in run.group().split() if w[0].isupper()).lower()
        out.update(initials[i:j] for i in range(len(initials)) for j in range(i + 2, len(initials) + 1))
    return out


def _check_names(text: str, evidence: Sequence[Evidence], date_spans: Sequence[tuple[int, int]]) -> list[str]:
    stop = stopwords(evidence[0].language if evidence else "en")
    ev_words = {_name_key(p) for e in evidence for w in _WORD.findall(e.text) for p in (w, *re.split(r"[-’']", w)) if p}
    acronyms = set().union(*(_acronyms(e.text) for e in evidence))
    calendar = set(MONTHS) | set(WEEKDAYS)
    starts = {s.start for s in split_sentences(_article(text))} | {0}
    tags = word_tags()
    problems = []
    for m in _WORD.finditer(text):
        word = m.group().rstrip(".-")
        if not word or not word[0].isupper() or _inside(m.start(), date_spans):
            continue
        parts = [p for p in re.split(r"[-’']", word) if p and p[0].isupper()] or [word]
        for part in parts:
            key = _name_key(part)
            if key in _NOT_NAMES or key in calendar or len(key) < 2:
                continue
            if any(_same_name(key, w) for w in ev_words) or (part.isupper() and key in acronyms):
                continue
            if m.start() in starts and (key in stop or tags.get(key, "NNP") not in ("NNP", "NNPS")):
                continue  # an ordinary word opening the sentence ("The", "Speaking", "Hosting")
            problems.append(f"name “{part}” is not in the cited passages")
    return problems


def _check_content(text: str, evidence: Sequence[Evidence]) -> list[str]:
    lang = evidence[0].language if evidence else "en"
    terms = {t for t in content_terms(text, lang) if not t.isdigit()}
    if not terms:
        return []
    ev_terms = set().union(*(content_terms(e.text, e.language) for e in evidence))
    new = sorted(t for t in terms if t not in ev_terms and not any(_same_name(t, e) for e in ev_terms))
    share = 1.0 - len(new) / len(terms)
    if share < MIN_CONTENT_SUPPORT and len(new) >= 2:  # one reworded word in a short sentence is not a new story
        return [f"says what the cited passages do not ({', '.join(new[:6])}{' …' if len(new) > 6 else ''})"]
    return []
