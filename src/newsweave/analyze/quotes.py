"""Quotations and their speakers, in one article and across the outlets of a story.

Three steps:

1. :func:`extract_quotes` finds the words in quotation marks of one article ("…", “…”, ‘…’, '…', «…»,
   „…“) and who said them. Rules, not a model:

   * a single curly ’ closes a quote only where it is not an apostrophe (not between letters:
     "Putin’s", "won’t"); single straight '…' quotes of fewer than ``min_words`` words are scare
     quotes ('partial mobilization'), and so is any short quote inside the outlet's own sentence
     (“fakes”, “cannon fodder”) unless it opens the sentence or follows a colon;
   * the speaker comes from the words right after the quote ("…,” *Putin said*; "…,” *said the
     president*; "…», *a déclaré X*; "…“, *sagte X*), else from a speech verb before it in the same
     sentence ("*Putin said:* ‘…’", "*Putin assured them that* "…""), else from "according to X";
   * a quote interrupted by its attribution ("“A,” he said, “B.”"; "‘A,’ Putin said. ‘B.’") is one
     mention with two pieces;
   * "he"/"she" is the most recent person named as saying something in the same or the previous
     ``pronoun_window`` paragraphs; a paragraph that opens with an unattributed quote right after a
     paragraph with an attributed one continues that speaker;
   * an unattributed fragment inside the outlet's own sentence shorter than ``term_words`` words is a
     quoted term or title ("dissemination of false information"), not a quotation.

2. :func:`~newsweave.analyze.quote_merge.merge_quotes` (module ``quote_merge``) groups the mentions of
   one quotation across outlets, in any translation, by content-term overlap (see
   :func:`~newsweave.analyze.quote_merge.quote_similarity`), never grouping speakers that
   :func:`~newsweave.analyze.speakers.same_speaker` says differ unless the words are near-verbatim
   (that is an attribution conflict, not two quotations).

3. :func:`attribution_conflicts` reports quotations whose mentions name speakers that cannot be one.

**Paraphrase or translation?** Outlets translating the same Russian sentence produce different
words ("I want you to know that …" / "I would like you to know that …"); that is a *translation
variant*, not a paraphrase. A mention is a *paraphrase* when (a) its quoted words speak of the
speaker in the third person ("he", "his", "they") while another mention quotes the first person
("I", "we"), or (b) it is a fragment inside the outlet's own sentence ("assured them that "…"") whose
words are not found as one run (at least ``verbatim_run`` of them) in any other mention. A stand-alone
quotation in the first person is never a paraphrase, however different its words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from newsweave.analyze.coref import Event, Pronouns, genders
from newsweave.analyze.cues import (
    AFTER_SUBJECT,
    CLOSERS,
    SPACE,
    WORD,
    Piece,
    according,
    document_author,
    leading,
    next_line,
    sentence_end,
    trailing,
)
from newsweave.analyze.people import find_people, fullest_name, np_after, np_before, story_context
from newsweave.analyze.speakers import (
    ACCORDING_TO,
    PLURAL_PRONOUNS,
    PRONOUNS,
    SpeakerParse,
    fold,
    is_person,
    parse_speaker,
)
from newsweave.errors import OptionsError
from newsweave.model import Article, Sentence, Span
from newsweave.sentences import split_sentences

AttributionKind = Literal["direct", "pronoun", "continued", "interview", "none"]

__all__ = [
    "AttributionKind",
    "QuoteMention",
    "QuoteOptions",
    "extract_quotes",
    "story_context",
]


@dataclass(frozen=True)
class QuoteOptions:
    """How quotations are found and grouped.

    Attributes:
        min_words: a quote of fewer words is a scare quote unless it opens its sentence or follows a
            colon; single straight quotes always need this many ('partial mobilization' is 2 words,
            seed quotes are 4 or more).
        term_words: an unattributed fragment inside the outlet's own sentence with fewer words is a
            quoted term or title, not a quotation (seed 002: “dissemination of false information”).
        merge_threshold: two mentions are one quotation when max(Dice, containment of the shorter) of
            their content terms reaches this. Seed translation variants score 0.62-0.83, seed
            fragments of a longer quote 1.0; different quotes of one speaker stay at or below 0.4.
        verbatim_threshold: mentions whose speakers differ are still one quotation (an attribution
            conflict) when they score at least this: the same words cannot be two people's.
        verbatim_run: share of a fragment's words that must appear as one run in another mention for
            the fragment to count as verbatim (paraphrase rule (b)).
        pronoun_window: "he said" looks this many paragraphs back for the person it refers to.
    """

    min_words: int = 4
    term_words: int = 8
    merge_threshold: float = 0.5
    verbatim_threshold: float = 0.8
    verbatim_run: float = 0.6
    pronoun_window: int = 3

    def __post_init__(self) -> None:
        for name in ("merge_threshold", "verbatim_threshold", "verbatim_run"):
            if not 0.0 < getattr(self, name) <= 1.0:
                raise OptionsError(f"{name} must be in (0, 1], got {getattr(self, name)}")
        if self.min_words < 1 or self.term_words < 1 or self.pronoun_window < 0:
            raise OptionsError("min_words and term_words must be >= 1 and pronoun_window >= 0")


@dataclass(frozen=True)
class QuoteMention:
    """One quotation in one article, and who it is attributed to.

    Attributes:
        article: the article id.
        quote: the quoted words without the quotation marks. For a quote interrupted by its
            attribution ("“A,” he said, “B.”") it runs from the first word of the first piece to the
            last word of the last, so the attribution is inside it; ``pieces`` has the exact words.
        speaker: who said it, as written: next to the quote ("Peskov", "a spokesperson for the
            Kremlin", "the president"), or for "he said" and for a continued paragraph the earlier
            words it refers to. ``None`` when nothing attributes it.
        speaker_span: where ``speaker`` is written (possibly paragraphs before the quote).
        sentence: the sentence(s) holding the quote and its attribution.
        pieces: the quoted words of each part of the quote, in order.
        cue: the attributing words next to the quote, speaker and verb ("Peskov told", "he continued",
            "said Defence Minister Sergei Shoigu", "according to Russian sources"), ``None`` for a
            continued paragraph or an unattributed quote.
        attribution: ``direct`` (named next to the quote), ``pronoun`` ("he said"; ``speaker`` is
            ``None`` when nobody fits, and always for "they"), ``continued`` (a quote paragraph after
            an attributed one, or one that goes on into an attributed paragraph), ``none``.
        name: the fullest name of the speaker written in the article ("Dmitry Peskov" for "Peskov";
            "Vladimir Putin" for "the president" when he is the only president named), if known.
        role: the role written with that name or the description ("Kremlin spokesman").
        embedded: the quote is a fragment inside the outlet's own sentence ("assured them that "…"").
        language: the article's language, for comparing words.
    """

    article: str
    quote: Span
    speaker: str | None
    speaker_span: Span | None
    sentence: Span
    pieces: tuple[Span, ...] = ()
    cue: Span | None = None
    attribution: AttributionKind = "none"
    name: str | None = None
    role: str | None = None
    embedded: bool = False
    language: str = "en"

    @property
    def text(self) -> str:
        """The quoted words; the pieces of an interrupted quote joined with " … "."""
        return " … ".join(p.text for p in self.pieces) if self.pieces else self.quote.text

    @property
    def identity(self) -> str | None:
        """The most informative form of the speaker: role and full name when known."""
        if self.name:
            # name first: "Stuart Pimm, Doris Duke Professor of Conservation Ecology at Duke University"
            # read as "<role> <name>" would make the whole a description
            return f"{self.name}, {self.role}" if self.role and fold(self.role) not in fold(self.name) else self.name
        return self.speaker


# -- finding quotation marks -------------------------------------------------------------------------

_OPEN_BEFORE = SPACE + '([{—–-/"“«„:'
_BULLET = re.compile(r"[\s•·▪►◦‣∙*–—-]*")


# Scraped text mixes straight and curly marks ("it appears to be a good shooting”)
@dataclass
class _Mention:
    pieces: list[Piece]
    paragraph: int
    embedded: bool
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    kind: AttributionKind = "none"
    pronoun: str | None = None


def _can_open(text: str, i: int, lo: int, mark: str) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace() and mark not in "«„":
        return False
    if mark in "‘'":
        return i == lo or text[i - 1] in _OPEN_BEFORE
    return True


def _find_close(text: str, i: int, hi: int, mark: str) -> int | None:
    closers = CLOSERS[mark]
    for k in range(i + 1, hi):
        if text[k] not in closers:
            continue
        if mark in "‘'":
            after = text[k + 1] if k + 1 < hi else " "
            if text[k - 1].isspace() or after.isalnum():
                continue  # an apostrophe: "Putin’s", "won’t"
        return k
    return None


def _scan(text: str, lo: int, hi: int, next_para: str) -> list[Piece]:
    """The quotations of one paragraph ``text[lo:hi]``; a double quote left open at the end of a
    paragraph runs to its end when the next paragraph opens with the same mark (a quote that goes on)."""
    out: list[Piece] = []
    i = lo
    while i < hi:
        mark = text[i]
        if mark not in CLOSERS or not _can_open(text, i, lo, mark):
            i += 1
            continue
        k = _find_close(text, i, hi, mark)
        if k is None:
            if mark in '"“«„' and next_para.startswith(mark):
                k = hi  # a quote that goes on in the next paragraph
            else:
                i += 1
                continue
        start, end = i + 1, k
        while start < end and text[start] in SPACE:
            start += 1
        while end > start and text[end - 1] in SPACE + ",;:":
            end -= 1
        if end > start:
            words = len(WORD.findall(text[start:end]))
            out.append(Piece(i, start, end, min(k + 1, hi), mark, words, runs_on=k == hi))
        i = k + 1
    return out


# A quotation left open at the end of a line closes at most this many lines later (texts split into one
# sentence per line: "“We’re talking about a powder keg out here.\n\nAny incident could trigger it,”
# Barron told the LA Times").
OPEN_LINES = 6


_QUOTE_MARKS = re.compile(r'[«„“”»"]')


def _open_after(line: str, is_open: bool) -> bool:
    """Whether a double quotation is open at the end of ``line`` (``is_open``: at its start). “ and «
    open, ” and » close, a straight " closes an open quotation and opens otherwise; in a line with „
    (German), “ closes."""
    german = "„" in line
    for ch in _QUOTE_MARKS.findall(line):
        if ch in "«„" or (ch == "“" and not german):
            is_open = True
        elif ch in "”»" or (ch == "“" and german):
            is_open = False
        elif ch == '"':
            is_open = not is_open
    return is_open


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The non-empty lines of ``text`` as ``(start, end)``; lines that one quotation spans (opened on a
    line, closed on a later one that does not open with a quotation mark of its own) are one paragraph."""
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        end = i
        if _open_after(text[lines[i][0] : lines[i][1]], False):
            is_open = True
            for k in range(i + 1, min(len(lines), i + 1 + OPEN_LINES)):
                line = text[lines[k][0] : lines[k][1]]
                if line.lstrip(SPACE + "•·▪►*–—-")[:1] in CLOSERS:
                    # a quotation that goes on in a new paragraph opens it again (see _scan): the lines
                    # before are one paragraph of it ("“He was just going back and forth.\n\nAfter the
                    # shots, he just put the lights off.\n\n“It is terrifying.")
                    end = k - 1
                    break
                is_open = _open_after(line, is_open)
                if not is_open:
                    end = k
                    break
        out.append((lines[i][0], lines[end][1]))
        i = end + 1
    return out


class _Sentences:
    def __init__(self, article: Article, sentences: Sequence[Sentence] | None = None) -> None:
        sents = split_sentences(article) if sentences is None else sentences
        self.bounds = [(s.start, s.end) for s in sents]
        self.starts = [s.start for s in sents]

    def at(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.starts, pos) - 1)
        return self.bounds[i] if self.bounds else (pos, pos)


def _gap_joins(text: str, a: Piece, b: Piece) -> bool:
    """``b`` continues ``a``: only ``a``'s attribution (and a short aside) stands between them."""
    if b.trailing or (a.cue is None and b.cue is None):
        return False
    if a.cue and a.trailing:
        rest = text[a.cue[1] : b.open]
        return len(WORD.findall(rest)) <= 12 and not AFTER_SUBJECT.search(rest) and not any(c in rest for c in CLOSERS)
    if b.cue and a.cue is None:
        return a.close <= b.cue[0] and not text[a.close : b.cue[0]].strip(SPACE + ",.;—–-")
    return False


def _raw_mentions(article: Article, opts: QuoteOptions, sents: _Sentences) -> list[_Mention]:
    text = article.text
    paras = _paragraphs(text)
    out: list[_Mention] = []
    for pi, (lo, hi) in enumerate(paras):
        nxt = text[paras[pi + 1][0] : paras[pi + 1][1]].lstrip() if pi + 1 < len(paras) else ""
        kept: list[Piece] = []
        for p in _scan(text, lo, hi, nxt):
            s0 = sents.at(p.open)[0]
            before = text[max(lo, s0) : p.open].strip(SPACE + "•·*–—-")
            framed = not before or before.endswith(":")
            if p.mark == "'" and p.words < opts.min_words or (p.words < opts.min_words and not framed):
                continue  # a scare quote
            att = trailing(text, p, hi) or next_line(text, p, hi, paras[pi + 1] if pi + 1 < len(paras) else None)
            p.trailing = att is not None
            att = (
                att
                or leading(text, p, max(lo, s0))
                or according(text, max(lo, s0), sents.at(p.close)[1])
                or sentence_end(text, p, min(hi, sents.at(p.close - 1)[1]))
            )
            if att:
                p.speaker, p.cue = att
            kept.append(p)
        groups: list[list[Piece]] = []
        for p in kept:
            if groups and _gap_joins(text, groups[-1][-1], p):
                groups[-1].append(p)
            else:
                groups.append([p])
        for g in groups:
            first = g[0]
            s0 = max(lo, sents.at(first.open)[0])
            before = text[s0 : first.open].strip(SPACE + "•·*–—-")
            m = _Mention(g, pi, embedded=bool(before) and not before.endswith((":", ",")))
            att_piece = next((p for p in g if p.speaker), None)
            if att_piece and att_piece.speaker:
                m.speaker, m.cue, m.kind = att_piece.speaker, att_piece.cue, "direct"
                said = text[att_piece.speaker[0] : att_piece.speaker[1]].lower()
                if said in PRONOUNS or said in PLURAL_PRONOUNS:
                    m.kind, m.pronoun = "pronoun", said
            out.append(m)
    return out


def _speech_events(
    text: str, paras: list[tuple[int, int]], sents: _Sentences, inside: list[tuple[int, int]]
) -> list[Event]:
    """Every "X said / told / added …" of the text whose X is one person, outside quotations."""
    starts = [p[0] for p in paras]
    out = []
    for m in AFTER_SUBJECT.finditer(text):
        if any(a <= m.start() < b for a, b in inside):
            continue
        np = np_before(text, m.start(), sents.at(m.start())[0])
        if np and is_person(parse_speaker(text[np[0] : np[1]])):
            out.append(Event(m.start(), bisect.bisect_right(starts, m.start()) - 1, np))
    for m in ACCORDING_TO.finditer(text):  # "…, according to Young." then "“…,” he says"
        if any(a <= m.start() < b for a, b in inside):
            continue
        np = np_after(text, m.end(), sents.at(m.start())[1])
        if np and is_person(parse_speaker(text[np[0] : np[1]])):
            out.append(Event(m.start(), bisect.bisect_right(starts, m.start()) - 1, np))
    return sorted(out, key=lambda e: e.pos)


def _introducer(
    text: str,
    events: Sequence[Event],
    m: _Mention,
    paras: Sequence[tuple[int, int]],
    opens_para: bool,
    raw: Sequence[_Mention],
) -> Event | None:
    """Who speaks a quotation nothing attributes: the last person who said something earlier in its
    paragraph, with no other quotation between; or, for a quotation that opens its paragraph, the one
    who speaks in the paragraph before when that paragraph ends with a colon."""
    start = m.pieces[0].open
    lo = paras[m.paragraph][0]
    if any(lo <= o.pieces[0].open < start for o in raw if o is not m):
        return None
    same = [e for e in events if lo <= e.pos < start and e.paragraph == m.paragraph]
    if same:
        return same[-1]
    if opens_para and m.paragraph > 0:
        plo, phi = paras[m.paragraph - 1]
        before = [e for e in events if plo <= e.pos < phi]
        if text[plo:phi].rstrip().endswith(":"):
            return before[-1] if before else None
        # "The old warehouse was battered on the outside, Ingaldson said." then “But inside …”: a
        # paragraph of reported speech that ends with its attribution hands the quote to its speaker
        if (
            before
            and not any(plo <= o.pieces[0].open < phi for o in raw)
            and _ends_with_attribution(text, before[-1], phi)
        ):
            return before[-1]
    return None


def _ends_with_attribution(text: str, event: Event, end: int) -> bool:
    """Whether a paragraph ends with "…, X said." (a few words after the verb at most)."""
    tail = text[event.pos : end]
    return len(WORD.findall(tail)) <= 6 and tail.rstrip().endswith(".")


def extract_quotes(
    article: Article,
    *,
    options: QuoteOptions | None = None,
    sentences: Sequence[Sentence] | None = None,
    people: Sequence[tuple[int, int, SpeakerParse]] | None = None,
) -> list[QuoteMention]:
    """The quotations of one article, with their speakers.

    Args:
        article: a cleaned article.
        options: scare-quote and pronoun rules.
        sentences: the article's sentences, if already split (:class:`newsweave.analyze.doc.AnnotatedArticle`).
        people: the article's :func:`~newsweave.analyze.people.find_people`, if already found.

    Returns:
        One mention per quotation (an interrupted quote is one mention with several pieces), in text
        order. ``article.text[s.start:s.end] == s.text`` holds for every span of every mention.
    """
    opts = options or QuoteOptions()
    text = article.text
    paras = _paragraphs(text)
    sents = _Sentences(article, sentences)
    raw = _raw_mentions(article, opts, sents)
    inside = [(p.start, p.end) for m in raw for p in m.pieces]
    events = _speech_events(text, paras, sents, inside)
    for m in raw:
        if m.kind == "direct" and m.speaker and is_person(parse_speaker(text[m.speaker[0] : m.speaker[1]])):
            events.append(Event(m.cue[0] if m.cue else m.speaker[0], m.paragraph, m.speaker))
    events.sort(key=lambda e: e.pos)
    starts = [p[0] for p in paras]
    found = find_people(text) if people is None else people
    # people named with a title or a full name, and by the surname alone once named so ("Greig", or
    # "Obama" after "President Obama")
    full = {p.surname for _, _, p in found if p.name and (len(p.name.split()) > 1 or p.group)}
    named = [
        Event(a, bisect.bisect_right(starts, a) - 1, (a, b))
        for a, b, p in found
        if p.name
        and (p.group or len(p.name.split()) > 1 or p.surname in full)
        and not any(x <= a < y for x, y in inside)
        and text[max(0, a - 4) : a].lower() != "the "  # "the Muslim Brotherhood" is not a "he"
    ]
    gender_of = genders(text, found, sents.starts, inside)
    resolver = Pronouns(text, events, named, gender_of, sents.starts, inside)
    previous: dict[int, _Mention] = {}
    for m in raw:
        if m.kind == "pronoun" and m.cue:
            m.speaker = None
            if m.pronoun in PRONOUNS:
                m.speaker = resolver.resolve(m.pronoun, m.cue[0], m.paragraph - opts.pronoun_window)
        elif m.kind == "none":
            bullet = _BULLET.match(text, paras[m.paragraph][0])
            opens_para = bullet is not None and bullet.end() == m.pieces[0].open
            prev = previous.get(m.paragraph - 1)
            if opens_para and prev and prev.speaker:
                m.speaker, m.kind = prev.speaker, "continued"
            elif not m.embedded:
                # a quotation that opens its sentence, after a sentence of the same paragraph that says
                # who speaks ("Baldwin says their business relies on soda. “The majority of our drinks
                # …”"), or after a paragraph that introduces it ("…, said Yeager:")
                intro = _introducer(text, events, m, paras, opens_para, raw)
                if intro is not None:
                    m.speaker, m.kind = intro.span, "continued"
        if m.speaker:
            previous[m.paragraph] = m
    first_of: dict[int, _Mention] = {}
    for m in reversed(raw):
        first_of[m.paragraph] = m
        nxt = first_of.get(m.paragraph + 1)
        if m.kind in ("none", "continued") and m.pieces[-1].runs_on and nxt and nxt.speaker:
            m.speaker, m.kind = nxt.speaker, "continued"  # attributed in the paragraph it goes on in
    for m in raw:
        if m.speaker:  # "the letter read" -> the principal who wrote it; "the statement from X" -> X
            m.speaker = document_author(text, m.speaker, paras, m.paragraph, sents.at) or m.speaker
    _interviewee(text, raw, paras)
    parses = [q for _, _, q in found]
    out = []
    for m in raw:
        if m.embedded and not m.speaker and sum(p.words for p in m.pieces) < opts.term_words:
            continue  # a quoted term or title
        first, last = m.pieces[0], m.pieces[-1]
        s_lo = max(paras[m.paragraph][0], sents.at(first.open)[0])
        s_hi = max(sents.at(last.close - 1)[1], sents.at(m.cue[1] - 1)[1] if m.cue else 0)
        speaker = text[m.speaker[0] : m.speaker[1]] if m.speaker else None
        name, role = fullest_name(speaker, parses) if speaker else (None, None)
        aid = article.id
        out.append(
            QuoteMention(
                article=aid,
                quote=Span(aid, first.start, last.end, text[first.start : last.end]),
                speaker=speaker,
                speaker_span=Span(aid, m.speaker[0], m.speaker[1], speaker) if m.speaker and speaker else None,
                sentence=Span(aid, s_lo, s_hi, text[s_lo:s_hi]),
                pieces=tuple(Span(aid, p.start, p.end, text[p.start : p.end]) for p in m.pieces),
                cue=Span(aid, m.cue[0], m.cue[1], text[m.cue[0] : m.cue[1]]) if m.cue else None,
                attribution=m.kind if speaker or m.kind == "pronoun" else "none",
                name=name,
                role=role,
                embedded=m.embedded,
                language=article.language if article.language not in ("", "und") else "en",
            )
        )
    return out


# An article is an interview or a profile when one person speaks at least this many of its attributed
# quotations, and this share of them.
INTERVIEW_QUOTES = 4
INTERVIEW_SHARE = 0.75
_I = re.compile(r"(?<![\w’'])(?:I|I’m|I'm|I’ve|I've|I’d|I'd|I’ll|I'll|my|me|myself)(?![\w’'])")


def _interviewee(text: str, raw: Sequence[_Mention], paras: Sequence[tuple[int, int]]) -> None:
    """In an interview or a profile, where one person speaks nearly every attributed quotation, a
    stand-alone quotation in the first singular person that nothing attributes is that person's (the
    profile of a lawyer quotes him paragraph after paragraph with no "he said"). Its kind is
    ``interview``. A quotation before the person first speaks, a fragment in the outlet's sentence, or
    one in the plural ("we") stays unattributed."""
    spoken = [m for m in raw if m.speaker and m.kind != "none"]
    by: dict[str, list[_Mention]] = {}
    for m in spoken:
        assert m.speaker is not None
        p = parse_speaker(text[m.speaker[0] : m.speaker[1]])
        if p.kind == "name" and p.surname:
            by.setdefault(p.surname, []).append(m)
    if not by:
        return
    main = max(by.values(), key=len)
    if len(main) < INTERVIEW_QUOTES or len(main) < INTERVIEW_SHARE * len(spoken):
        return
    first = main[0].pieces[0].open
    for m in raw:
        if m.speaker or m.embedded or m.pieces[0].open < first:
            continue
        words = " ".join(text[p.start : p.end] for p in m.pieces)
        if _I.search(words):
            m.speaker, m.kind = main[0].speaker, "interview"
