"""The annotated article: one record per article, computed once, that every analysis reads.

Like spaCy's ``Doc``, an :class:`AnnotatedArticle` holds what the analyses need to know about one
cleaned article — its sentences, the people it names (with their mentions resolved to one person
within the article), its quantities and its quotations — each with exact offsets into
``article.text``. Claims, quotes, numbers, dates, facts and framing read it instead of splitting and
scanning the text again.

People are found by :func:`newsweave.analyze.people.find_people` (rules over capitalisation and
role words, no model). Within an article, a surname alone ("Felt") is the person written in full
("W. Mark Felt") when only one person of the article has that surname; across the story,
:func:`story_people` links the articles' people the same way (:func:`~newsweave.analyze.speakers.names_match`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from newsweave.analyze import dates as D
from newsweave.analyze import numbers as N
from newsweave.analyze.people import find_people
from newsweave.analyze.quotes import QuoteMention, extract_quotes
from newsweave.analyze.speakers import NAME_PARTICLES, SpeakerParse, fold, names_match, role_group, surname_key
from newsweave.model import Article, Quantity, Sentence
from newsweave.sentences import split_sentences


@dataclass(frozen=True)
class PersonMention:
    """A person named in an article.

    Attributes:
        start, end: where the name (with any title in front) is written.
        name: the name as written, without its title ("Mark Felt").
        person: the fullest form of that person's name in the article ("W. Mark Felt"); the key that
            joins mentions of one person, within the article and (through :func:`story_people`) across
            the story.
        role: the title written with it, if any ("Kremlin spokesman").
    """

    start: int
    end: int
    name: str
    person: str
    role: str | None = None


@dataclass(frozen=True)
class AnnotatedArticle:
    """One article with its annotations; every offset is into ``article.text``.

    Attributes:
        article: the cleaned article.
        sentences: its sentences, in order.
        people: the people it names, in text order.
        quantities: every quantity (:func:`newsweave.analyze.numbers.extract_quantities`).
        quotes: every quotation with its speaker (:func:`newsweave.analyze.quotes.extract_quotes`).
        titled_names: every name written with its role ("Kremlin spokesman Dmitry Peskov"), in order:
            what :func:`~newsweave.analyze.speakers.same_speaker` learns roles from.
        date_hits: every date expression, unresolved (:func:`newsweave.analyze.dates.find_hits`); the
            story resolves them against each article's date.
    """

    article: Article
    sentences: tuple[Sentence, ...]
    people: tuple[PersonMention, ...]
    quantities: tuple[Quantity, ...]
    quotes: tuple[QuoteMention, ...]
    date_hits: tuple[D.DateHit, ...] = ()
    titled_names: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The article's id."""
        return self.article.id

    @property
    def text(self) -> str:
        """The article's cleaned text."""
        return self.article.text

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding character ``pos``, if any."""
        starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos <= self.sentences[i].end:
            return self.sentences[i]
        return None

    def person_before(self, pos: int, *, within: int = 600) -> PersonMention | None:
        """The last person named before ``pos`` (at most ``within`` characters back): whom "he", "she"
        or "the 95-year-old" most likely refers to."""
        best = None
        for p in self.people:
            if p.end > pos:
                break
            if pos - p.end <= within:
                best = p
        return best

    def subject_before(self, pos: int) -> PersonMention | None:
        """Whom "he" or "she" at ``pos`` refers to: the first person named in its sentence before it, else
        the first person named in the nearest sentence before that names anyone (a sentence's subject
        comes first: in "Felt, who became known as Deep Throat, has died. He was 95." he is Felt)."""
        sentence = self.sentence_at(pos)
        start = sentence.start if sentence else pos
        same = next((p for p in self.people if start <= p.start and p.end <= pos), None)
        if same is not None:
            return same
        for s in reversed([s for s in self.sentences if s.end <= start][-3:]):
            first = next((p for p in self.people if s.start <= p.start < s.end), None)
            if first is not None:
                return first
        return None

    def main_person(self) -> str | None:
        """The person the article names most often (ties: the one named first)."""
        counts = Counter(p.person for p in self.people)
        if not counts:
            return None
        top = max(counts.values())
        return next(p.person for p in self.people if counts[p.person] == top)

    def in_quote(self, pos: int) -> bool:
        """Whether ``pos`` is inside a quotation (the speaker's words, not the outlet's)."""
        return any(q.quote.start <= pos < q.quote.end for q in self.quotes)


_TRAILING_POSSESSIVE = re.compile(r"[’']s?$")


@lru_cache(maxsize=1 << 16)
def _surname(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
    return fold(words[-1]) if words else ""


# Last words of names that are not people ("United States", "World War II", "Supreme Court") and
# first words that start place and institution names ("New", "North").
_NOT_PERSON_LAST = frozenset(
    "states union crisis war ii iii party council court department ministry university times news post "
    "street county city center centre agency office service army forces force committee association company "
    "corp inc ltd bank club church hospital school college airport station river lake mountain mountains "
    "island islands republic kingdom province region valley bay sea ocean park square bridge hall house group "
    "network league cup games day week prize award series conference summit show festival museum institute "
    "foundation commission assembly parliament congress senate government administration police department "
    "guard navy airlines airways motors media press today journal herald tribune magazine channel radio "
    "tv online block county district coast strait gulf peninsula desert highway road avenue boulevard "
    "era crisis act bill treaty accord agreement".split()
)
_NOT_PERSON_FIRST = frozenset(
    "new north south east west united world soviet great supreme national federal state royal central "
    "northern southern eastern western grand lower upper greater little old fort port mount lake saint st "
    "the a an this that these those in on at by for with from of and or but".split()
)


def _looks_like_person(name: str, role: str | None) -> bool:
    words = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
    if not words or any(not w[:1].isupper() for w in words):
        return False
    if words[-1].lower().strip(".") in _NOT_PERSON_LAST or words[0].lower() in _NOT_PERSON_FIRST:
        return False
    if len(words) == 1:
        return bool(role)  # "President Putin"; a lone capitalised word is checked against full names later
    return len(words) <= 4 and all(len(w.strip(".")) >= 1 for w in words)


def _strip_lead(name: str, lowercase: set[str]) -> str:
    """A name without the words a sentence put in front of it: "Canadian-born Fabio Sementilli",
    "Education Fabio Sementilli" (a word the article also writes in lower case), "Detective Steve Castro"
    (a role) -> "Fabio Sementilli", "Steve Castro"."""
    words = name.split()
    while len(words) > 1 and (
        ("-" in words[0] and not words[0].split("-")[-1][:1].isupper())
        or (len(words) > 2 and (words[0].lower() in lowercase or role_group(words[0]) is not None))
    ):
        words.pop(0)
    return " ".join(words)


def _people(
    article: Article, found_people: Sequence[tuple[int, int, SpeakerParse]] | None = None
) -> tuple[tuple[PersonMention, ...], tuple[str, ...]]:
    """The article's people, and every name written with its role (from ``found_people``, the article's
    :func:`find_people`, found here when not given)."""
    lowercase = set(re.findall(r"\b[a-z][a-z'-]+\b", article.text))
    raw = []
    if found_people is None:
        found_people = find_people(article.text)
    titled = tuple(p.text for _, _, p in found_people if p.name and p.role and p.group)
    for s, e, p in found_people:
        if not p.name or not any(c.isalpha() for c in p.name):
            continue
        # the span keeps the words in front ("District Attorney Paul Howard"), the name drops them
        raw.append((s, e, _strip_lead(_TRAILING_POSSESSIVE.sub("", p.name), lowercase), p.role))
    sure = {n for _, _, n, role in raw if _looks_like_person(n, role)}
    surnames = {_surname(n) for n in sure if len(n.split()) > 1}
    found = [(s, e, n, role) for s, e, n, role in raw if n in sure or (len(n.split()) == 1 and _surname(n) in surnames)]
    names = sorted({n for _, _, n, _ in found}, key=lambda n: -len(n.split()))
    fullest: dict[str, str] = {}
    for name in names:
        matches = [f for f in dict.fromkeys(fullest.values()) if same_name(f, name)]
        # a surname shared by two people of the article stays as written: it cannot be told apart
        fullest[name] = matches[0] if len(matches) == 1 else name
    out = []
    for s, e, n, role in found:
        out.append(PersonMention(s, e, n, fullest.get(n, n), role))
    return tuple(out), titled


def annotate(article: Article) -> AnnotatedArticle:
    """Annotate one cleaned article: sentences, people, quantities, quotations, date expressions.

    Args:
        article: a cleaned article.

    Returns:
        Its annotated record. Dates are resolved later, against the story (see
        :func:`newsweave.analyze.dates.extract_dates`), because relative dates need the article's date.
    """
    sentences = tuple(split_sentences(article))
    found = find_people(article.text)  # read once: the people and the quotations' speakers both need it
    people, titled = _people(article, found)
    return AnnotatedArticle(
        article=article,
        sentences=sentences,
        people=people,
        titled_names=titled,
        quantities=tuple(N.extract_quantities(article, sentences)),
        quotes=tuple(extract_quotes(article, sentences=sentences, people=found)),
        date_hits=D.find_hits(article),
    )


def story_people(docs: Sequence[AnnotatedArticle]) -> Mapping[str, str]:
    """One key per person across the story: every article's person (its fullest name) -> the story's
    name of that person, the form most articles write, the fuller on ties ("Mark Felt" and "W. Mark
    Felt" are one person). A name that could be two people of the story (a shared surname, first names
    that differ) stays its own key."""
    written = Counter(name for d in docs for name in {p.person for p in d.people})
    names = sorted(written, key=lambda n: (-len(n.split()), n))
    key: dict[str, str] = {}
    fullest: list[str] = []
    # only names that share a surname key or a last word can be one person: each name is compared with
    # those, not with every name of the story
    buckets: dict[str, list[int]] = {}
    for name in names:
        near = sorted({i for k in name_keys(name) for i in buckets.get(k, ())})
        matches = [fullest[i] for i in near if same_name(fullest[i], name)]
        if len(matches) == 1:
            key[name] = matches[0]
        else:
            key[name] = name
            if not matches:
                for k in name_keys(name):
                    buckets.setdefault(k, []).append(len(fullest))
                fullest.append(name)
    members: dict[str, list[str]] = {}
    for name, group in key.items():
        members.setdefault(group, []).append(name)
    shown = {g: max(ns, key=lambda n: (written[n], len(n.split()), n)) for g, ns in members.items()}
    return {name: shown[group] for name, group in key.items()}


_T = TypeVar("_T")


class StorySurnames:
    """Surname -> the story's name of that person (:func:`story_people`), for surnames only one person
    has among the story's names and an article's own (``own``). The story's part is built once per
    story, the article's laid over it (rebuilt for every article, a story's facts grew with the square
    of its articles)."""

    _story: tuple[Mapping[str, str], dict[str, set[str]], dict[str, str]] | None = None

    def __init__(self, people: Mapping[str, str], own: set[str]) -> None:
        cached = StorySurnames._story
        if cached is None or cached[0] is not people:
            by_surname: dict[str, set[str]] = {}
            for name in set(people.values()):
                if len(name.split()) > 1:
                    by_surname.setdefault(surname(name), set()).add(people.get(name, name))
            single = {k: next(iter(v)) for k, v in by_surname.items() if len(v) == 1}
            cached = StorySurnames._story = (people, by_surname, single)
        _, self._story_names, self._single = cached
        self._own: dict[str, set[str]] = {}
        for name in own:
            if len(name.split()) > 1:
                key, shown = surname(name), people.get(name, name)
                if shown not in self._story_names.get(key, ()):
                    self._own.setdefault(key, set()).add(shown)

    def get(self, key: str, default: _T = None) -> str | _T:  # type: ignore[assignment]
        if key in self._own:
            names = self._story_names.get(key, set()) | self._own[key]
            return next(iter(names)) if len(names) == 1 else default
        return self._single.get(key, default)


def name_keys(name: str) -> set[str]:
    """What two names must share for :func:`same_name`: the surname key of
    :func:`~newsweave.analyze.speakers.names_match`, or the last word (a surname of two words)."""
    return {f"s:{surname_key(name)}", f"w:{fold(name.split()[-1]) if name.split() else ''}"}


def same_name(full: str, other: str) -> bool:
    """Whether two names can be one person: :func:`~newsweave.analyze.speakers.names_match`, or one is the
    end of the other ("Lo Presti" of "Gaetano Lo Presti", whose surname has two words)."""
    if names_match(full, other):
        return True
    a, b = [fold(w) for w in full.split()], [fold(w) for w in other.split()]
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 2 and long[-len(short) :] == short


_WORD = re.compile(r"[\w'’-]+")


def folded_words(text: str) -> frozenset[str]:
    """The words of a text, folded (lower case, accents off): to ask whether a text writes a name."""
    return frozenset(fold(w) for w in _WORD.findall(text))


def surname(name: str) -> str:
    """The folded surname of a name ("W. Mark Felt" -> "felt"), particles skipped."""
    return _surname(name)
