"""The plain-text cleaner: scraped text (one visible block per line) to the article body.

No library handles this case, so newsweave has its own, working on lines *and* sentences:

1. lines whose leading or trailing sentences are known furniture (a donation appeal glued onto the
   first body sentence, ``"…all the difference.Vladimir Putin will…"``) are split there;
2. every line is scored by the two-stage line model (:mod:`newsweave.clean.lines`);
3. known furniture phrases (:mod:`newsweave.clean.phrases`) are removed whatever the score;
4. repeats (a headline shown twice, a caption, a truncated teaser of the next line) are removed as
   ``duplicate``.

Everything not kept is returned in ``removed`` with its reason and a detail: nothing is lost.
Cross-document evidence (which blocks match the other articles of the story) is applied later, by
:func:`newsweave.clean.crossdoc.mark_offtopic`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsweave.clean import lines as L
from newsweave.clean import phrases
from newsweave.model import Removed

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Characters of no width: a zero-width space, a word joiner, a BOM inside the text, a soft hyphen. Taken
# out, not made spaces ("Pu\u200btin" is "Putin"); ZWJ and ZWNJ stay (they shape Persian, Indic, emoji).
_ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
# Sentence ends inside a line, including glued ones ("difference.Vladimir").
_GLUE_SPLIT = re.compile(
    r"(?<=[.!?…][\"'”’)])\s*(?=[\"“‘A-ZÀ-ÖØ-ÞА-Я])|(?<=[.!?…])\s+(?=[\"“‘A-ZÀ-ÖØ-ÞА-Я])|"
    r"(?<=[a-zà-ÿа-я]{3}[.!?])(?=[A-ZÀ-ÖØ-ÞА-Я][a-zà-ÿа-я])"
)
_GLUED = re.compile(r"(?<=[a-zà-ÿа-я]{3}[.!?])(?=[A-ZÀ-ÖØ-ÞА-Я][a-zà-ÿа-я])")
_CAPTION = re.compile(
    r"\b(?:pictured|\(pictured\)|photo(?:graph)?(?:ed)? by|photo:|getty images|file photo|credit:|"
    r"ap photo|afp(?: via getty)?|reuters/|epa-efe|shutterstock|image:|foto:)",
    re.I,
)
_ISO_DATE = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")
_MONTH_ALT = "|".join(sorted(map(re.escape, phrases.MONTHS), key=len, reverse=True))
_LONG_DATE = re.compile(
    rf"(?<!\w)(?:(\d{{1,2}})\.?\s+(?:de\s+)?({_MONTH_ALT})\.?,?\s+(?:de\s+)?(\d{{4}})"
    rf"|({_MONTH_ALT})\.?\s+(\d{{1,2}}),?\s+(\d{{4}}))(?!\w)",
    re.I,
)


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning one article.

    Attributes:
        paragraphs: the kept body, one paragraph per kept line, in order.
        removed: everything else, in input order, each with a reason.
        title: the headline, when the input shows one.
        published: an ISO date found in the page furniture, if any.
        language: ISO 639-1 code of the body (``und`` when unknown).
        machine_translated: the page says it was machine-translated.
    """

    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]
    title: str | None = None
    published: str | None = None
    language: str = "und"
    machine_translated: bool = False
    outlet: str | None = None

    @property
    def text(self) -> str:
        """The cleaned body: paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


LANGUAGE_SAMPLE = 2_000


# A sample of at least ENGLISH_MIN_WORDS words of which ENGLISH_STOP_SHARE are English stop words (jusText's
# list) is English, without loading py3langid's model (about 0.25 s per process). On 2,885 texts (the
# aeb-text pages, ECB+ dev, 1,500 GoogleNews items, Multi-News and NeuS dev documents) this says "en" for
# 1,396, and py3langid agrees on all but one: an all-capitals English transcript it calls Igbo.
ENGLISH_MIN_WORDS = 20
ENGLISH_STOP_SHARE = 0.3


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` (py3langid), or ``und`` for text too short to tell."""
    # py3langid's cost grows with the text: its first 2,000 characters give the same language as the
    # first 5,000 on all 1,123 texts tried (the 88 aeb-text pages, ECB+ dev, 500 GoogleNews items).
    sample = text[:LANGUAGE_SAMPLE]
    words = L.WORD.findall(sample)
    if len(words) < 3:
        return "und"
    if len(words) >= ENGLISH_MIN_WORDS:
        english = L.stopwords("en")
        if sum(w.lower() in english for w in words) >= ENGLISH_STOP_SHARE * len(words):
            return "en"
    import py3langid

    code, _score = py3langid.classify(sample)
    return str(code)


# UTF-8 read as Latin-1 or cp1252 ("FÃ³rmula", "Ð\x94ÐµÑ\x82Ð¸"): a lead byte and its continuation bytes,
# each shown as one character. cp1252 shows the bytes 0x80-0x9f as these characters; a space stands for
# 0xa0 where a no-break space was normalised on the way (common in scraped Korean and Russian text).
_CP1252_HIGH = "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ"
_CONT = f"[\x80-\xbf{_CP1252_HIGH[:-1]}{_CP1252_HIGH[-1]}]"
_MOJIBAKE = re.compile(
    rf"\xc2 |[\xc2-\xdf]{_CONT}|[\xe0-\xef](?:{_CONT}| ){_CONT}|[\xe0-\xef]{_CONT} |[\xf0-\xf4]{_CONT}{{3}}"
)
_TO_BYTE = {ch: 0x80 + i for i, ch in enumerate(_CP1252_HIGH)} | {" ": 0xA0}


def _unmojibake(match: re.Match[str]) -> str:
    raw = bytes(_TO_BYTE.get(ch, ord(ch)) for ch in match.group(0))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text decoded as Latin-1 or cp1252 (``"FÃ³rmula"`` -> ``"Fórmula"``).

    Only when the text shows it several times, so a lone ``"Ã©"`` in correct text is left alone.
    """
    if len(_MOJIBAKE.findall(text[:20000])) < 3:
        return text
    return _MOJIBAKE.sub(_unmojibake, text)


def normalize_line(line: str) -> str:
    """Collapse runs of spaces (including no-break ones), drop zero-width characters, and trim."""
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", line)).strip()


def split_glued(line: str) -> list[tuple[str, str | None]]:
    """Split a line into runs of body and furniture sentences.

    Returns ``[(text, detail_or_None), …]``; a single ``(line, detail_or_None)`` when the line is one
    piece. Furniture glued onto body *without a space* (``"…the difference.Vladimir Putin will…"``,
    a scraper joining two blocks) is split off there. A normally spaced paragraph is not cut: it is
    furniture as a whole when at least half of its sentences are, since an appeal often runs on with
    sentences no phrase list knows ("Journalism strengthens democracy.").
    """
    pieces = [p for p in _GLUE_SPLIT.split(line) if p.strip()]
    if len(pieces) < 2:
        return [(line, None)]
    out: list[tuple[str, str | None]] = []
    for block in _split_at_glue(line):
        sentences = [p for p in _GLUE_SPLIT.split(block) if p.strip()]
        details = [phrases.anywhere_detail(p) for p in sentences]
        hits = [d for d in details if d]
        is_furniture = bool(hits) and len(hits) * 2 >= len(sentences)
        out.append((block, hits[0] if is_furniture else None))
    return out


def _split_at_glue(line: str) -> list[str]:
    """Cut a line where a sentence end touches the next sentence's capital with no space."""
    cuts = [m.end() for m in _GLUED.finditer(line)]
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line)]
    return [line[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False) if line[a:b].strip()]


def split_units(text: str) -> tuple[list[str], list[str | None]]:
    """The units the cleaner decides on: normalised non-empty lines, split where furniture is glued on.

    Returns the units and, for each, the furniture type that forces its removal (``None`` if none).
    """
    text = repair_mojibake(text.replace("\r\n", "\n").replace("\r", "\n"))
    units: list[str] = []
    forced: list[str | None] = []
    for raw in text.split("\n"):
        line = normalize_line(raw)
        if not line:
            continue
        for part, detail in split_glued(line):
            units.append(part)
            forced.append(detail)
    return units, forced


def units_language(units: list[str]) -> str:
    """The page's language, judged on its long units (navigation is often in another language)."""
    return detect_language("\n".join(u for u in units if len(u) > 80) or "\n".join(units))


def _body_language(units: list[str], paragraphs: tuple[str, ...], page_lang: str) -> str:
    """The body's language: the page's when the body is (nearly) the long units it was judged on,
    detected again on the body otherwise (a page whose furniture is in another language)."""
    if not paragraphs:
        return page_lang
    long_units = [u for u in units if len(u) > 80]
    kept = set(paragraphs)
    if long_units and sum(len(u) for u in long_units if u in kept) >= 0.9 * sum(len(u) for u in long_units):
        return page_lang
    return detect_language("\n".join(paragraphs))


def clean_text(text: str, *, language: str | None = None, model: L.LineModel | None = None) -> Cleaned:
    """Clean scraped text to its article body.

    Args:
        text: the page as scraped: one visible text block per line.
        language: ISO 639-1 code if known; detected otherwise.
        model: the line classifier; the shipped one (:func:`newsweave.clean.lines.load_model`) by
            default. Benchmarks pass a model fitted without the page they score.

    Returns:
        The kept paragraphs, everything removed with its reason, and metadata found on the way.
    """
    units, forced = split_units(text)
    if not units:
        return Cleaned((), (), language=language or "und")

    lang = language or units_language(units)
    model = model or L.load_model()
    prob = model.score(units, L.stopwords(lang))

    decisions: list[tuple[str, str] | None] = []  # None = keep, else (reason, detail)
    for unit, p, detail in zip(units, prob, forced, strict=True):
        decisions.append(_decide(unit, float(p), detail, model.keep_threshold))
    _complete_lists(units, decisions)
    _mark_preamble(units, decisions)
    title = _find_title(units, decisions)
    _mark_repeats(units, decisions, title)

    paragraphs = tuple(u for u, d in zip(units, decisions, strict=True) if d is None)
    removed = tuple(
        Removed(u, d[0], d[1])  # type: ignore[arg-type]
        for u, d in zip(units, decisions, strict=True)
        if d is not None
    )
    body_lang = language or _body_language(units, paragraphs, lang)
    mt = any(r.detail == "machine-translation notice" for r in removed) or any(
        phrases.has_phrase(p, "machine-translation notice") for p in paragraphs
    )
    return Cleaned(
        paragraphs=paragraphs,
        removed=removed,
        title=title,
        published=find_date([u for u, d in zip(units, decisions, strict=True) if d is not None][:40]),
        language=body_lang,
        machine_translated=mt,
    )


def _decide(unit: str, p: float, forced: str | None, keep: float) -> tuple[str, str] | None:
    if forced:
        return ("boilerplate", forced)
    detail = phrases.standalone_detail(unit) or phrases.prefix_detail(unit)
    if detail:
        return ("boilerplate", detail)
    if phrases.TICKER.match(unit):
        return ("boilerplate", "ticker or number")
    if phrases.TIMESTAMP.match(unit):
        return ("boilerplate", "date line")
    if p > keep:
        return None
    words = len(L.WORD.findall(unit))
    if words <= 4:
        return ("boilerplate", "short line")
    if not L.END_PUNCT.search(unit):
        return ("boilerplate", "heading or link")
    return ("boilerplate", "outside the article body")


_MODEL_DETAILS = ("short line", "heading or link", "outside the article body")


def _complete_lists(units: list[str], decisions: list[tuple[str, str] | None]) -> None:
    """Keep the whole of a bulleted list whose items are mostly kept (a summary's first point scores
    lower than the rest only because headings precede it). Furniture phrases between the items
    ("• Advertisement") neither break the list nor come back."""
    groups: list[list[int]] = []
    current: list[int] = []
    for i, unit in enumerate(units):
        if phrases.BULLET.match(unit):
            current.append(i)
        elif decisions[i] is None or decisions[i][1] in _MODEL_DETAILS:  # type: ignore[index]
            if current:
                groups.append(current)
            current = []
    if current:
        groups.append(current)
    for group in groups:
        items = [i for i in group if decisions[i] is None or decisions[i][1] in _MODEL_DETAILS]  # type: ignore[index]
        kept = [i for i in items if decisions[i] is None]
        if len(kept) * 2 <= len(items):
            continue
        for i in items:
            if decisions[i] is not None and len(L.WORD.findall(units[i])) >= 5:
                decisions[i] = None


def _mark_preamble(units: list[str], decisions: list[tuple[str, str] | None]) -> None:
    """Headings above the first body paragraph and photo captions are not body."""
    first_prose = next(
        (
            i
            for i, d in enumerate(decisions)
            if d is None and L.END_PUNCT.search(units[i]) and len(L.WORD.findall(units[i])) >= 12
        ),
        len(units),
    )
    for i, unit in enumerate(units):
        if decisions[i] is not None:
            continue
        if i < first_prose and not L.END_PUNCT.search(unit) and not phrases.BULLET.match(unit):
            decisions[i] = ("boilerplate", "heading or link")
        elif _CAPTION.search(unit) and not L.END_PUNCT.search(unit):
            decisions[i] = ("boilerplate", "photo caption")


def _find_title(units: list[str], decisions: list[tuple[str, str] | None]) -> str | None:
    """The headline: the first title-like line before the body (4–30 words, no final full stop)."""
    first_body = next((i for i, d in enumerate(decisions) if d is None), len(units))
    for i in range(min(first_body, len(units))):
        unit = units[i]
        words = len(L.WORD.findall(unit))
        decision = decisions[i]
        if decision is not None and decision[1] not in ("heading or link", "short line", "outside the article body"):
            continue
        if 4 <= words <= 30 and not unit.endswith(".") and not phrases.TIMESTAMP.match(unit):
            return unit
    return None


def _norm(text: str) -> str:
    return " ".join(L.WORD.findall(text.lower()))


def _mark_repeats(units: list[str], decisions: list[tuple[str, str] | None], title: str | None) -> None:
    """Mark repeated kept lines, truncated teasers of a kept line, and the headline as removed."""
    kept_norm: set[str] = set()  # a set: a page of a million lines asks this once per line
    kept_counts = Counter(_norm(u) for u, d in zip(units, decisions, strict=True) if d is None)
    title_norm = _norm(title) if title else None
    for i, unit in enumerate(units):
        if decisions[i] is not None:
            continue
        norm = _norm(unit)
        if title_norm and norm == title_norm:
            decisions[i] = ("boilerplate", "headline (kept as title)")
            continue
        # A line kept three times or more is the page's own structure (an interview's recurring
        # question, a "Photo:" label), not a headline or caption shown twice.
        if norm in kept_norm and kept_counts[norm] == 2:
            decisions[i] = ("duplicate", "repeated line")
            continue
        # A teaser cut mid-sentence and followed by the full line (photo captions do this).
        j = next((j for j in range(i + 1, min(i + 3, len(units))) if decisions[j] is None), None)
        if j is not None and len(norm) >= 20 and _norm(units[j]).startswith(norm) and len(_norm(units[j])) > len(norm):
            decisions[i] = ("duplicate", "truncated copy of the next line")
            if not L.END_PUNCT.search(units[j]):
                # alt text cut short, then the caption itself: neither is body
                decisions[j] = ("boilerplate", "photo caption")
            continue
        kept_norm.add(norm)


def find_date(lines: list[str]) -> str | None:
    """The first explicit full date (``2022-11-25``, ``25 November 2022``, ``Nov. 25, 2022``) in ``lines``."""
    for line in lines:
        m = _ISO_DATE.search(line)
        if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
            return m.group(0)
        m = _LONG_DATE.search(line)
        if m:
            day, month, year = (
                (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
            )
            mon = phrases.MONTHS.get(month.lower())
            if mon and 1 <= int(day) <= 31:
                return f"{int(year):04d}-{mon:02d}-{int(day):02d}"
    return None
