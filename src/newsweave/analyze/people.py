"""The people of a text: the speaker noun phrase before or after a speech verb (:func:`np_before`,
:func:`np_after`), the names an article writes with any title (:func:`find_people`), the fullest form of
a name or the person a definite description means (:func:`fullest_name`), and the titled names of a
story (:func:`story_context`). Rules over capitalisation and small word tables; what a phrase *is* (a
name, a role, an organisation) is :mod:`newsweave.analyze.speakers`' to say."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.analyze.speakers import (
    AUX,
    CAP_STOP,
    CONNECTORS,
    DETERMINERS,
    NAME_PARTICLES,
    PLURAL_PRONOUNS,
    PRONOUNS,
    VERBS_AFTER_SUBJECT,
    SpeakerParse,
    Token,
    fold,
    is_cap,
    is_person,
    is_title,
    names_match,
    parse_speaker,
    role_group,
    same_speaker,
    title_is_surname,
    tokenize,
)
from newsweave.model import Article

# -- finding speaker phrases -------------------------------------------------------------------------


def _np_word_ok(tok: Token, has_det: bool) -> bool:
    lw = tok.lower
    if not tok.text[:1].isalpha():
        return False
    if lw in POSSESSIVES:
        return has_det  # "his brother": only as the phrase's first word
    if is_cap(tok.text):
        return lw not in CAP_STOP or lw in DETERMINERS
    if role_group(tok.text) is not None or lw in CONNECTORS or lw in DETERMINERS or lw in NAME_PARTICLES:
        return True
    return has_det and lw not in _BREAKERS


_BREAKERS = frozenset(
    {"when", "if", "that", "which", "who", "whom", "whose", "because", "but", "and", "or", "while", "as", "after",
     "before", "not", "to", "in", "on", "with", "by", "it", "this", "these", "those", "there", "here", "was",
     "is", "are", "were", "be", "been", "has", "have", "had", "he", "she", "they", "we", "i", "you", "his",
     "her", "their", "its", "our", "my", "during", "about", "than", "then", "also", "into", "over", "under",
     "am", "im", "en", "dans", "et", "und", "mais", "aber"}
)  # fmt: skip


POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my"})
_POSSESSIVE_NOUN = re.compile(r"[a-z]+[’']s")


def is_np(tokens: Sequence[Token]) -> bool:
    """``tokens`` form a speaker noun phrase: a pronoun, or up to nine words of title, name or
    description, with no clause words ("when", "that" …)."""
    if not tokens or len(tokens) > 9:
        return False
    if len(tokens) == 1 and (tokens[0].lower in PRONOUNS or tokens[0].lower in PLURAL_PRONOUNS):
        return True
    has_det = (
        tokens[0].lower in DETERMINERS
        or tokens[0].lower in POSSESSIVES
        or tokens[0].lower in _ROLE_ADJECTIVES
        or bool(_POSSESSIVE_NOUN.fullmatch(tokens[0].text))
    )
    final_role = role_group(tokens[-1].text) is not None
    if tokens[-1].lower in CONNECTORS or (tokens[-1].lower in DETERMINERS and len(tokens) > 1):
        return False
    if tokens[-1].lower in POSSESSIVES or _POSSESSIVE_NOUN.fullmatch(tokens[-1].text):
        return False  # "his", "sheriff's": a possessive needs its noun
    det = has_det or final_role
    for k, t in enumerate(tokens):
        if t.lower == "in" and 0 < k < len(tokens) - 1 and is_cap(tokens[k - 1].text) and is_cap(tokens[k + 1].text):
            continue  # "New South Wales Police in Australia"
        if not _np_word_ok(t, det):
            return False
        det = det or (is_cap(t.text) and t.text.endswith(("’s", "'s")))  # "Ms. Davis’s sister Crystal"
    return has_det or any(is_cap(t.text) or role_group(t.text) for t in tokens)


def np_before(text: str, end: int, start: int = 0) -> tuple[int, int] | None:
    """The speaker noun phrase that ends at ``end`` (the subject of a verb there), within ``text[start:end]``.

    Auxiliaries and adverbs right before ``end`` ("has", "also") are skipped. Returns ``(start, end)``.
    """
    toks = tokenize(text, start, end)
    while toks and toks[-1].lower in AUX and len(toks) > 1 and toks[-2].text[:1].isalpha():
        toks.pop()
    # an adverb after a name: "King emphatically told The News" ("the family said" keeps "family")
    if len(toks) > 1 and toks[-1].text.islower() and toks[-1].text.endswith("ly") and is_cap(toks[-2].text):
        toks.pop()
    if not toks:
        return None
    if toks[-1].text.endswith(","):
        return _before_apposition(text, end, start)
    if toks[-1].lower in PRONOUNS or toks[-1].lower in PLURAL_PRONOUNS:
        return toks[-1].start, toks[-1].end
    picked: list[Token] = []
    i = len(toks) - 1
    while i >= 0 and len(picked) < 9:
        t = toks[i]
        lw = t.lower
        if not t.text[:1].isalpha():
            break
        if lw in DETERMINERS:
            if not picked:
                break
            picked.insert(0, t)
            # "a spokesperson for the Kremlin": go on through the connector.
            if i >= 2 and toks[i - 1].lower in CONNECTORS and toks[i - 2].text[:1].isalpha():
                i -= 1
                continue
            break
        if is_cap(t.text):
            if lw in CAP_STOP:
                break
            picked.insert(0, t)
        elif role_group(t.text) is not None or (lw in CONNECTORS and picked) or (lw in NAME_PARTICLES and picked):
            picked.insert(0, t)
        elif lw == "in" and picked and is_cap(picked[0].text) and i >= 1 and is_cap(toks[i - 1].text):
            picked.insert(0, t)  # "a spokeswoman for New South Wales Police in Australia"
        else:
            # a lower-case adjective counts only inside a description that reaches a determiner soon
            j = i
            while j >= 0 and i - j < 3 and toks[j].text[:1].islower() and toks[j].lower not in _BREAKERS:
                if toks[j].lower in DETERMINERS:
                    break
                j -= 1
            if j >= 0 and toks[j].lower in DETERMINERS and (picked or j < i):  # "the actor said"
                picked[:0] = toks[j : i + 1]
            break
        i -= 1
    while picked and (picked[0].lower in CONNECTORS or picked[0].lower in NAME_PARTICLES - DETERMINERS):
        picked.pop(0)
    if not picked or not is_np(picked):
        return None
    return picked[0].start, picked[-1].end


_SPEECH_WORDS = frozenset(VERBS_AFTER_SUBJECT.split("|"))
# An aside between a subject and its verb: "Makaeo Williams, 18, said", "Snider, who attended King's news
# conference, said", "John C. Cerar, the former commander for firearms training, said".
APPOSITION_WORDS = 16


def _before_apposition(text: str, end: int, start: int) -> tuple[int, int] | None:
    """The name before an aside that ends with a comma right before the verb at ``end``, or ``None``."""
    last = len(text[:end].rstrip()) if end > start else start
    if last <= start or text[last - 1] != ",":
        return None
    first = last - 1
    # an aside may hold commas of its own ("William L. Kovacs, the Chamber's vice president of
    # environment, technology and regulatory affairs, said"): try each, nearest first
    while (first := text.rfind(",", start, first)) >= 0:
        aside = text[first + 1 : last - 1]
        words = aside.split()
        if not words or len(words) > APPOSITION_WORDS or any(c in aside for c in '"“”;:\n'):
            return None
        if words[0].lower().strip(",") in _SPEECH_WORDS:
            return None
        # "Gray's school principal, Matthew Willoughby (of the Urban Assembly School), wrote": the name
        # that opens the apposition, after a description of a person
        head = re.match(r"\s*((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]*)(?=\s+of\b|\s*$)", aside)
        lead = text[start:first].split()
        if (
            head
            and parse_speaker(head.group(1)).kind == "name"
            and lead
            and len(lead) <= 6
            and lead[-1].isalpha()
            and lead[-1].islower()
        ):
            return first + 1 + head.start(1), first + 1 + head.end(1)
        np = np_before(text, first, start)
        if np and is_person(parse_speaker(text[np[0] : np[1]])) and is_cap(text[np[0] : np[1]].split()[-1]):
            return np
    return None


# Lowercase words that may open a speaker's phrase without a determiner ("said former President …").
_ROLE_ADJECTIVES = frozenset("new former then acting outgoing incoming interim".split())


def np_after(text: str, start: int, end: int | None = None) -> tuple[int, int] | None:
    """The speaker noun phrase that starts at ``start`` ("said *the Kremlin spokesman, Dmitry Peskov*,
    adding …"), up to the first word that cannot continue it. Returns ``(start, end)``."""
    toks = tokenize(text, start, end if end is not None else min(len(text), start + 200))
    # "said 17-year-old Jeremy Ortiz": the age is no part of the name
    if len(toks) > 3 and toks[0].text.isdigit() and toks[1].text == "-" and toks[2].lower == "year-old":
        return np_after(text, toks[3].start, end)
    if not toks or not toks[0].text[:1].isalpha():
        return None
    if toks[0].lower in PRONOUNS or toks[0].lower in PLURAL_PRONOUNS:
        return toks[0].start, toks[0].end
    # "said his brother", "said sheriff's spokesman Steve Whitmore": a possessive opens the phrase
    has_det = (
        toks[0].lower in DETERMINERS
        or toks[0].lower in POSSESSIVES
        or toks[0].lower in _ROLE_ADJECTIVES  # "said new Interior Secretary Ken Salazar"
        or bool(_POSSESSIVE_NOUN.fullmatch(toks[0].text))
    )
    picked: list[Token] = []
    for i, t in enumerate(toks):
        if len(picked) >= 9:
            break
        if i == 0 and has_det:
            picked.append(t)
            continue
        if picked and is_cap(picked[-1].text) and re.search(r"[’']s$", picked[-1].text):
            has_det = True  # "Ms. Davis’s sister Crystal": a possessive name opens a description
        if t.text == "," and picked and role_group(picked[-1].text) and i + 1 < len(toks):
            # an apposition: "the Kremlin spokesman, Dmitry Peskov"
            names = []
            for u in toks[i + 1 :]:
                if is_cap(u.text) and u.lower not in CAP_STOP:
                    names.append(u)
                else:
                    break
            if names and (i + 1 + len(names) >= len(toks) or not toks[i + 1 + len(names)].text[:1].isalpha()):
                picked.extend(names)
            break
        if not _np_word_ok(t, has_det) or (
            not has_det
            and t.text[:1].islower()
            and not role_group(t.text)
            and t.lower not in CONNECTORS
            and t.lower not in NAME_PARTICLES
        ):
            break
        if t.lower in CONNECTORS and not (
            i + 1 < len(toks) and (is_cap(toks[i + 1].text) or toks[i + 1].lower in DETERMINERS)
        ):
            break
        picked.append(t)
    while picked and (
        picked[-1].lower in CONNECTORS or picked[-1].lower in DETERMINERS or picked[-1].lower in NAME_PARTICLES
    ):
        picked.pop()
    if not picked or not is_np([p for p in picked if p.text != ","]):
        return None
    return picked[0].start, _apposition(toks, picked[-1])


def _apposition(toks: Sequence[Token], last: Token) -> int:
    """End of a role in apposition after a name ("Dmitri Peskov*, porte-parole du Kremlin*."), else
    the end of the name."""
    i = next((k for k, t in enumerate(toks) if t is last), len(toks)) + 1
    if i >= len(toks) or toks[i].text != "," or not is_cap(last.text):
        return last.end
    j = i + 1
    has_det = j < len(toks) and toks[j].lower in DETERMINERS
    role = False
    while j < len(toks) and j - i <= 12 and toks[j].text[:1].isalpha() and _np_word_ok(toks[j], has_det):
        role = role or role_group(toks[j].text) is not None
        j += 1
    if role and j - i > 1 and (j == len(toks) or toks[j].text in {".", ",", ";", "!", "?"}):
        return toks[j - 1].end
    return last.end


def find_people(text: str) -> list[tuple[int, int, SpeakerParse]]:
    """Names written in ``text``, with any title in front ("Kremlin spokesman Dmitry Peskov",
    "President Putin", "Vladimir Putin"): ``(start, end, parse)`` for each, in order.

    A run of capitalised words and role words that ends in a name; a line break, punctuation or a
    possessive ("Putin’s") ends it. Used to find the fullest form of a name and the roles written next
    to it.
    """
    out: list[tuple[int, int, SpeakerParse]] = []
    run: list[Token] = []

    def flush() -> None:
        if not run:
            return
        while run and not (is_cap(run[-1].text) and not is_title(run[-1].text)):
            if title_is_surname([t.text for t in run]):
                break  # "Cpl. Janice Leader"
            run.pop()
        while run and run[0].lower in NAME_PARTICLES:
            run.pop(0)
        # a capitalised word that opens a line or a sentence is no given name when it is an adverb or a
        # verb form: "Sometimes Cruz …", "Becoming Cruz Hooper" (a heading), "Eventually Smith …"
        while len(run) > 1 and _opens(text, run[0].start) and _not_given(run[0].lower):
            run.pop(0)
        if run and any(_SHOUTED.fullmatch(t.text) or t.lower in _MEDIA_WORDS for t in run):
            run.clear()  # "Image copyright SCIENCE PHOTO LIBRARY Image caption": a credit, no person
        if run:
            p = parse_speaker(text[run[0].start : run[-1].end])
            if p.kind == "name":
                out.append((run[0].start, run[-1].end, p))
        run.clear()

    toks = tokenize(text)
    for i, t in enumerate(toks):
        if run and "\n" in text[run[-1].end : t.start]:
            flush()
        possessive = t.text.endswith(("'s", "’s"))
        word = t.text[:1].isalpha()
        cap = word and is_cap(t.text) and t.lower not in CAP_STOP
        nxt_cap = i + 1 < len(toks) and is_cap(toks[i + 1].text)
        if cap and not possessive:
            run.append(t)
        elif word and run and nxt_cap and (role_group(t.text) or t.lower in NAME_PARTICLES):
            run.append(t)
        elif word and not run and nxt_cap and role_group(t.text) and t.text.islower():
            run.append(t)
        else:
            flush()
    flush()
    return out


# A word in capitals of three letters or more (not a Roman numeral) is an agency, a credit or a heading.
_SHOUTED = re.compile(r"(?![IVX]+\b)[A-Z]{3,}")
_MEDIA_WORDS = frozenset("image images photo photograph picture video caption copyright credit getty".split())

_NOT_GIVEN = frozenset(
    "sometimes often always never perhaps maybe still even only just indeed instead finally eventually "
    "recently later earlier already again once twice thus hence otherwise besides nevertheless nonetheless "
    "anyway sadly luckily fortunately unfortunately ironically actually apparently clearly obviously "
    "because although though unless until whether where why how what who which whose "
    "neither either both each every another several many most some such no not nor all any few none".split()
)


def _opens(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a line or follows a sentence's end."""
    before = text[max(0, pos - 3) : pos]
    return pos == 0 or "\n" in before or bool(re.search(r"[.!?][\"”’)]?\s+$", text[max(0, pos - 4) : pos]))


def _not_given(word: str) -> bool:
    return word in _NOT_GIVEN or (len(word) > 5 and word.endswith(("ing", "ly")))


def fullest_name(speaker: str, people: Sequence[SpeakerParse]) -> tuple[str | None, str | None]:
    """Fullest name and role of ``speaker`` among the names of its article (:func:`find_people`):
    "Peskov" -> ("Dmitry Peskov", "Kremlin spokesman"). A definite description ("the president") gets
    the name of the only person of the article written with that kind of role; an indefinite one ("a
    spokesperson") only its role."""
    p = parse_speaker(speaker)
    if p.kind == "name" and p.name:
        same = [q for q in people if q.name and names_match(q.name, p.name)]
        given = {q.name.split()[0] for q in same if q.name and len(q.name.split()) > 1}
        if len(p.name.split()) == 1 and len(given) > 1:
            # a family name several people of the article share ("Hooper": Linda, Gale and Cruz Hooper):
            # the surname alone says no more than it says
            return p.name, p.role
        full = max([p.name] + [q.name for q in same if q.name], key=lambda n: len(n.split()))
        role = p.role or next((q.role for q in same if q.role and q.group), None)
        return full, role
    if p.kind == "description" and p.definite and p.group:
        # the person of that role named in the article, whose own role has the description's head word
        # ("the spokesman" -> "Kremlin spokesman Dmitry Peskov"; not "the official" -> an IMF director)
        head = fold((p.role or "").split()[-1]) if p.role else ""
        same = [
            q
            for q in people
            if q.name
            and q.group == p.group
            and same_speaker(q.text, speaker) is not False
            and (not head or head in fold(q.role or ""))
        ]
        if len({q.surname for q in same}) == 1:
            return fullest_name(same[0].text, people)[0], p.role
    return None, p.role


def story_context(articles: Sequence[Article]) -> tuple[str, ...]:
    """Every titled name of the story ("Kremlin spokesman Dmitry Peskov", "Defence Minister Sergei
    Shoigu"), once each: the ``context`` from which :func:`same_speaker` learns who holds which role."""
    seen: dict[str, None] = {}
    for article in articles:
        for _, _, p in find_people(article.text):
            if p.name and p.role and p.group:
                seen.setdefault(p.text, None)
    return tuple(seen)
