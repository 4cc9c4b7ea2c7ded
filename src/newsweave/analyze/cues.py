"""Where a quotation's speaker is written: right after it ("…,” Putin said"), before it in its sentence
("Putin said: ‘…’"), "according to" someone, on the line after it, at the end of the sentence it is
embedded in, or as the author of a document ("the letter read", "the statement from the network, X,
said"). Each finder returns the speaker's span and the cue's span; :mod:`newsweave.analyze.quotes`
tries them in that order for every piece of a quotation it finds."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsweave.analyze.people import find_people, np_after, np_before
from newsweave.analyze.speakers import (
    ACCORDING_TO,
    PLURAL_PRONOUNS,
    PRONOUNS,
    VERBS_AFTER_SUBJECT,
    VERBS_BEFORE_SUBJECT,
    is_person,
    parse_speaker,
)

CLOSERS = {'"': '"”', "“": '”"', "„": "“”", "«": "»", "‘": "’", "'": "'"}
SPACE = " \t\u00a0\u202f"
WORD = re.compile(r"\w+")
AFTER_SUBJECT = re.compile(rf"(?<![\w-])(?:{VERBS_AFTER_SUBJECT})(?![\w-])")
_BEFORE_SUBJECT = re.compile(rf"(?:{VERBS_BEFORE_SUBJECT})\s+")
_FRENCH_INVERSION = re.compile(r"(?:a-t-|[^\W\d_]+-(?:t-)?)(il|elle)\b")
_APPOSED_VERB = re.compile(r"\s*,?\s*(?:(?:has|had|have|also|later|then|again)\s+)*")
_PARTICIPLE = re.compile(r",\s*(?:stating|saying|adding|noting|writing|explaining|arguing|insisting|warning)\b")
# A name after one of these words is not the subject of its sentence ("… told Playboy", "… by Kelly").
_NOT_SUBJECT = frozenset("to with by for of from about against at on in told asked than and or".split())
_SHORT_MODIFIERS = re.compile(r"[A-Z][\w’'-]*(?:\s+[a-z][\w-]*){0,3}\s+")
_A_SAYING = re.compile(r"\b(?:an?|the|old|famous|common|popular|favourite|favorite)\s+$", re.IGNORECASE)
_QUOTED_AS = re.compile(r"(?<![\w-])(?:quoted|quotes|quoting)\s+")
_THAT = re.compile(r"\b(?:that|when|after|because|as)\s+")
_AS_SAYING = re.compile(r",?\s+as\s+(?:saying|telling|writing)\b")
_LEAD = re.compile(rf"[{SPACE}]*(?:[,;]|[—–-]{{1,2}})?[{SPACE}]*")


@dataclass
class Piece:
    """One stretch of quoted words between an opening and a closing mark, and the attribution found
    for it (offsets into the article's text)."""

    open: int  # the opening mark
    start: int  # first quoted character
    end: int  # after the last quoted word (trailing comma and spaces left out)
    close: int  # after the closing mark
    mark: str
    words: int = 0
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    trailing: bool = False  # the attribution follows the quote
    runs_on: bool = False  # left open at the end of its paragraph: the quote goes on in the next


# -- attributing -------------------------------------------------------------------------------------


def trailing(text: str, p: Piece, hi: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Speaker and cue right after a quote: "…,” Putin said", "…,” said Putin", "…», a-t-il dit"."""
    lead = _LEAD.match(text, p.close, hi)
    pos = lead.end() if lead else p.close
    inner_end = text[p.end : p.close].rstrip(CLOSERS[p.mark] + SPACE)
    punct = (inner_end[-1:] or text[p.end - 1 : p.end]) if p.end > p.start else ""
    separated = bool(lead and lead.group().strip())
    if not separated and punct in {".", ":", ";"}:
        return None  # "…pain.” Putin said the …" starts a new sentence
    if m := _FRENCH_INVERSION.match(text, pos, hi):
        return m.span(1), m.span()
    if m := _BEFORE_SUBJECT.match(text, pos, hi):
        np = np_after(text, m.end(), hi)
        if np:
            return np, (pos, np[1])
    if quoted := _quoted_as(text, pos, min(hi, pos + 160)):
        return quoted
    if written := _document_said(text, pos, hi):
        return written
    m2 = AFTER_SUBJECT.search(text, pos, min(hi, pos + 120))
    if m2:
        # "…,” Peskov, the Kremlin spokesman, told reporters": the name with its role
        np = np_after(text, pos, m2.start())
        if np and _APPOSED_VERB.fullmatch(text, np[1], m2.start()):
            inverted = _BEFORE_SUBJECT.match(text, m2.start(), hi)
            if punct[:1].isalnum() and not separated and "," in text[np[1] : m2.start()] and inverted:
                # "…we need to set aside" the plan, said Ken Salazar: the quote's sentence goes on
                # after the mark, and the speaker follows the verb
                after = np_after(text, inverted.end(), hi)
                return (after, (m2.start(), after[1])) if after else None
            return np, (pos, m2.end())
        np = np_before(text, m2.start(), pos)
        if np and np[0] != pos and _SHORT_MODIFIERS.fullmatch(text, pos, np[0]):
            np = (pos, np[1])  # "…,” Palmer public safety director Jon Owen said": nothing else stands there
        if np and np[0] == pos:
            return np, (pos, m2.end())
    return None


def next_line(
    text: str, p: Piece, hi: int, nxt: tuple[int, int] | None
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The attribution on the line after a quotation that ends its paragraph, in texts split one sentence
    per line: “… Right now!” / "Williams, a critic of NYPD policy, said before Kelly appeared." The
    quote must end with a comma, "!", "?" or a dash, and the next line open with its speaker and verb
    and say little more (a comma asks for the attribution; after "!" or "?" at most ten words follow
    the verb)."""
    if nxt is None or text[p.close : hi].strip(SPACE) or text[hi : nxt[0]].count("\n") > 3:
        return None
    inner = text[p.start : p.close].rstrip(CLOSERS[p.mark] + SPACE)
    punct = inner[-1:]
    if punct not in {",", "!", "?", "—", "–", "-"}:
        return None
    lo, end = nxt
    m = AFTER_SUBJECT.search(text, lo, min(end, lo + 120))
    if not m:
        return None
    np = np_after(text, lo, m.start())
    if not (np and _APPOSED_VERB.fullmatch(text, np[1], m.start())):
        np = np_before(text, m.start(), lo)
        if not np or np[0] != lo:
            return None
    if punct != "," and len(WORD.findall(text[m.end() : end])) > 10:
        return None
    return np, (lo, m.end())


_DOC_NOUNS = (
    "statement|letter|report|e-?mail|release|memo|memorandum|post|tweet|message|note|indictment|complaint|"
    "filing|lawsuit|suit|affidavit|ruling|order"
)
_DOCUMENT = re.compile(rf"(?i)(?:the|a|an|its|their|his|her)\s+(?:[\w'’-]+\s+){{0,2}}?(?P<noun>{_DOC_NOUNS})s?\b")
_FROM = re.compile(r"(?i)\s+(?:from|by|of)\s+")
_ISSUED = r"(?:issued|released|sent|wrote|penned|posted|put\s+out|published|signed|filed|emailed|tweeted)"


def document_author(
    text: str,
    span: tuple[int, int],
    paras: Sequence[tuple[int, int]],
    paragraph: int,
    sentence_at: Callable[[int], tuple[int, int]],
) -> tuple[int, int] | None:
    """Who wrote the document a quotation is attributed to: "the statement from the network, Southern
    Cross Austereo" -> Southern Cross Austereo; "the letter read" -> the one the article says wrote
    it in the paragraphs before ("Matthew Willoughby … wrote a heartfelt letter"). ``None`` when the
    speaker is no document or its author is not written. ``sentence_at`` gives the bounds of the
    sentence a position is in (the annotated article's sentences)."""
    words = text[span[0] : span[1]]
    doc = _DOCUMENT.match(words)
    if not doc:
        return None
    if sep := _FROM.match(words, doc.end()):
        lo = span[0] + sep.end()
        tail = text[lo : span[1]]
        if "," in tail:  # "the network, Southern Cross Austereo": the name in the apposition
            after = tail.rsplit(",", 1)[1]
            if after.strip()[:1].isupper():
                lo = span[1] - len(after.lstrip())
        return (lo, span[1]) if text[lo : span[1]].strip() else None
    if doc.end() != len(words.rstrip()):
        return None  # "the statement's" or more words: not a bare document
    noun = doc.group("noun").lower()
    first = paras[max(0, paragraph - 2)][0]
    issued = re.compile(
        rf"(?i)\b{_ISSUED}\s+(?:(?:him|her|them|us|the\s+[\w'’-]+)\s+)?(?:an?|the|this|that|his|her|their)\s+"
        rf"(?:[\w'’-]+\s+){{0,2}}{noun}s?\b"
    )  # "released a statement", "sent the teen a disturbing email"
    hits = [h for h in issued.finditer(text, first, span[0])]
    for h in reversed(hits):
        sent_start = max(first, sentence_at(h.start())[0])
        np = np_before(text, h.start(), sent_start)
        if not np:
            np = np_after(text, sent_start, h.start())  # "TallGrass, a wholesaler of …, issued a statement"
            np = np if np and text[np[0] : np[1]][:1].isupper() else None
        if np and re.search(r"[’']s$", text[np[0] : np[1]]):
            # "Saldanha's family released a statement": the family, not Saldanha
            rest = text[np[1] : h.start()].strip()
            np = (np[0], np[1] + text[np[1] : h.start()].index(rest) + len(rest)) if rest and "," not in rest else None
        if np:
            return np
    return None


_DOC_READ = re.compile(rf"(?i)(?:the|a|an|his|her|their|its)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_DOC_NOUNS})s?\s+read\b")


def _document_said(text: str, pos: int, hi: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A document after a quotation: "…,” the letter read" (the past tense, unambiguous there);
    "…," the statement from the network, Southern Cross Austereo, said."""
    if m := _DOC_READ.match(text, pos, hi):
        end = m.end() - len("read")
        return (pos, len(text[:end].rstrip())), (pos, m.end())
    doc = _DOCUMENT.match(text, pos, hi)
    if not doc or not _FROM.match(text, doc.end(), hi):
        return None
    verb = AFTER_SUBJECT.search(text, doc.end(), min(hi, doc.end() + 120))
    if not verb:
        return None
    phrase = text[pos : verb.start()].rstrip().rstrip(",")
    if len(phrase.split()) > 12 or any(c in phrase for c in '.;:“”"'):
        return None
    return (pos, pos + len(phrase)), (pos, verb.end())


def sentence_end(text: str, p: Piece, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The attribution that closes the sentence a quotation is embedded in: 'accused of acting
    "contrary to principles of ethical conduct" by failing to report their involvement, the report
    said.' The speaker and verb follow a comma and at most four words follow the verb."""
    tail = text[p.close : end]
    last_mark = max((p.close + i + 1 for i, c in enumerate(tail) if c in '“”"«»'), default=p.close)
    # the attribution comes after the sentence's last quotation and speaks for every one before it
    # ('"Greece is a unique case" because of its "precarious debt dynamics," EU Commissioner Olli Rehn said.')
    verbs = list(AFTER_SUBJECT.finditer(text, last_mark, end))
    if not verbs:
        return None
    m = verbs[-1]
    if len(WORD.findall(text[m.end() : end])) > 4:
        return None
    np = np_before(text, m.start(), last_mark)
    # the comma before the speaker, or inside the last closing mark ('for years and years,” Rehn said')
    if not np or not text[max(p.close, last_mark - 2) : np[0]].strip(SPACE + '”"»').endswith(","):
        return None
    said = text[np[0] : np[1]].lower()
    if said in PRONOUNS or said in PLURAL_PRONOUNS:
        return None  # "…, he said." at a sentence's end is read by the pronoun rules only next to the quote
    return np, (np[0], m.end())


def _quoted_as(text: str, lo: int, hi: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "the Daily News quoted witness Devonte Brown as saying": the person quoted speaks, not the outlet."""
    for m in _QUOTED_AS.finditer(text, lo, hi):
        np = np_after(text, m.end(), hi)
        if np and (said := _AS_SAYING.match(text, np[1], hi)):
            return np, (m.start(), said.end())
    return None


def leading(text: str, p: Piece, sent_start: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Speaker and cue before a quote in its sentence: "Putin said: ‘…’", "Putin assured them that "…""."""
    if quoted := _quoted_as(text, sent_start, p.open):
        return quoted
    if (m := _PARTICIPLE.search(text, sent_start, p.open)) and not AFTER_SUBJECT.search(text, m.end(), p.open):
        if found := _participle_subject(text, m, sent_start):
            return found
    for m in reversed(list(AFTER_SUBJECT.finditer(text, sent_start, p.open))):
        if m.group() == "saying" and _A_SAYING.search(text, max(sent_start, m.start() - 30), m.start()):
            continue  # "There is an old saying that “…”": a saying, nobody saying it
        np = np_before(text, m.start(), sent_start)
        if np and m.group().endswith("ing") and _object_of_verb(text, np, sent_start):
            continue  # "A government official downplayed the unrest saying that …": not the unrest
        if np:
            return np, (np[0], m.end())
    return None


def _participle_subject(text: str, m: re.Match[str], sent_start: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Who a participle set off by a comma ("…, stating that "…"") has as its subject: the speaker of a
    speech verb right before it ("…,” Kempthorne said, adding that … “…”"), else the first person of the
    clause it hangs on ("Leader told reporters that Hiller called 911, saying "…"": Hiller), else of the
    sentence ("President Obama directed the departments to review it, stating that "…""); never a name
    inside quotation marks."""
    said = [v for v in AFTER_SUBJECT.finditer(text, sent_start, m.start()) if not v.group().endswith("ing")]
    if said and not text[said[-1].end() : m.start()].strip(" ,"):
        if np := np_before(text, said[-1].start(), sent_start):
            return np, (np[0], m.end())
    lo = sent_start
    that = list(_THAT.finditer(text, sent_start, m.start()))
    if that and find_people(text[that[-1].end() : m.start()]):
        lo = that[-1].end()
    for a, b, person in find_people(text[lo : m.start()]):
        before = WORD.findall(text[lo : lo + a])
        if (
            is_person(person)
            and not _inside_quote(text, lo, lo + a)
            and not (before and before[-1].lower() in _NOT_SUBJECT)
        ):
            return (lo + a, lo + b), (lo + a, m.end())
    return None


def _inside_quote(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` lies inside quotation marks opened after ``lo`` ("…the American economy," …)."""
    part = text[lo:pos]
    return part.count("“") > part.count("”") or part.count('"') % 2 == 1


def _object_of_verb(text: str, np: tuple[int, int], sent_start: int) -> bool:
    """Whether the phrase before a participle is the object of a verb in the past tense and no person
    ("downplayed the unrest saying"), not the participle's subject ("with the hospital saying")."""
    before = WORD.findall(text[sent_start : np[0]])
    verb = before[-1].lower() if before else ""
    return len(verb) > 3 and verb.endswith("ed") and not is_person(parse_speaker(text[np[0] : np[1]]))


def according(text: str, lo: int, hi: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    for m in ACCORDING_TO.finditer(text, lo, hi):
        np = np_after(text, m.end(), hi)
        if np:
            return np, (m.start(), np[1])
    return None
