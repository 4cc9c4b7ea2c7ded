"""Quotations across outlets: one :class:`~newsweave.model.Quote` per quoted passage, whoever carries it.

Each article's mentions come from :func:`newsweave.analyze.quotes.extract_quotes`; here they are
compared (:func:`quote_similarity`: shared content terms, or a verbatim fragment), grouped
(:func:`merge_quotes`), given the speaker most independent sources back, and marked as paraphrase where
an outlet rewrote the words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsweave.analyze.cues import WORD
from newsweave.analyze.quotes import QuoteMention, QuoteOptions
from newsweave.analyze.speakers import fold, parse_speaker, same_speaker, specificity
from newsweave.model import Quote
from newsweave.similarity import content_terms, dice, normalize_numbers

_NOT_CONTENT = frozenset({"your", "our", "my", "their", "his", "her", "its", "you", "me", "us", "them", "him"})
_FIRST_PERSON = frozenset(
    {"i", "me", "my", "mine", "we", "us", "our", "ours", "je", "nous", "notre", "nos", "moi", "ich", "wir", "uns",
     "unser", "unsere", "mein", "meine"}
)  # fmt: skip
_THIRD_PERSON = frozenset(
    {"he", "him", "his", "she", "her", "they", "them", "their", "il", "elle", "ils", "lui", "leur", "leurs", "er",
     "sein", "seine", "ihm"}
)  # fmt: skip


@dataclass(frozen=True)
class _Item:
    mention: QuoteMention
    order: int
    terms: frozenset[str]
    words: tuple[str, ...]
    wordset: frozenset[str] = frozenset()


def _item(m: QuoteMention, order: int) -> _Item:
    terms = content_terms(m.text, m.language)
    # "share"/"shared" stem to "share"/"shar"; possessives are not content ("your pain" ~ "this pain")
    norm = frozenset(t[:-1] if t.endswith("e") and len(t) > 4 else t for t in terms if t not in _NOT_CONTENT)
    words = tuple(WORD.findall(normalize_numbers(fold(m.text))))
    return _Item(m, order, norm, words, frozenset(words))


def _longest_run(small: Sequence[str], big: Sequence[str]) -> int:
    """How many of ``small``'s words ``big`` holds as one contiguous run."""
    return SequenceMatcher(None, small, big, autojunk=False).find_longest_match(0, len(small), 0, len(big)).size


def _run_share(small: Sequence[str], big: Sequence[str]) -> float:
    """Share of ``small``'s words found as one contiguous run in ``big``."""
    return _longest_run(small, big) / len(small) if small else 0.0


def _score(a: _Item, b: _Item) -> float:
    if not a.terms or not b.terms:
        return 1.0 if a.words and a.words == b.words else 0.0
    small, big = (a, b) if len(a.terms) <= len(b.terms) else (b, a)
    # all of the shorter's words must be in the longer before their order is worth checking
    verbatim = 1.0 if small.wordset <= big.wordset and _run_share(small.words, big.words) == 1.0 else 0.0
    if len(small.terms) < 3:
        return verbatim  # too few words to count on: only a verbatim fragment ("We share your pain")
    # three terms are found inside many a longer quote ("meeting", "planned", "confirm"): verbatim only
    contained = len(a.terms & b.terms) / len(small.terms) if len(small.terms) > 3 else verbatim
    return max(dice(a.terms, b.terms), contained)


def quote_similarity(a: QuoteMention, b: QuoteMention) -> float:
    """How likely two mentions quote the same words: max(Dice of their content terms, share of the
    shorter's terms found in the longer), 1.0 for a verbatim fragment. The share counts only when the
    shorter has four content terms or more (three are found inside too many longer quotes); a shorter
    side of fewer than three must appear verbatim in the other, else the score is 0."""
    return _score(_item(a, 0), _item(b, 1))


def similarity_of(mentions: Sequence[QuoteMention]) -> Callable[[int, int], float]:
    """:func:`quote_similarity` of ``mentions[x]`` and ``mentions[y]``, each mention's words read once
    (for comparing many pairs)."""
    items = [_item(m, i) for i, m in enumerate(mentions)]
    return lambda x, y: _score(items[x], items[y])


# Words in one run that two quotations share only when they quote the same passage (a time written
# "6:41pm PST" in one and "18:41" in the other breaks the run in the middle of the same quote).
SHARED_RUN = 6


def _verbatim_run(a: _Item, b: _Item, run: float = 0.6) -> bool:
    """Whether two mentions quote the same words: ``run`` of the shorter's words, or :data:`SHARED_RUN`
    words, as one run in the longer."""
    small, big = (a.words, b.words) if len(a.words) <= len(b.words) else (b.words, a.words)
    if not small:
        return False
    size = _longest_run(small, big)
    return size >= min(SHARED_RUN, len(small)) or size / len(small) >= run


def same_words(a: QuoteMention, b: QuoteMention, run: float = 0.6) -> bool:
    """Whether two mentions quote the same words, not only the same subject: at least ``run`` of the
    shorter's words as one run in the longer ("For decades, the Endangered Species Act has protected
    …" said by one minister and "For more than three decades, the Endangered Species Act has
    successfully protected …" said by the president share their terms, not their words)."""
    x, y = _item(a, 0).words, _item(b, 1).words
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    return _run_share(small, big) >= run


def _person(words: Sequence[str]) -> str | None:
    ws = set(words)
    if ws & _FIRST_PERSON:
        return "first"
    return "third" if ws & _THIRD_PERSON else None


def _paraphrases(group: Sequence[_Item], opts: QuoteOptions) -> list[bool]:
    """Which mentions of one quotation are paraphrases (see the module docstring)."""
    out = []
    for it in group:
        others = [o for o in group if o is not it]
        if not others:
            out.append(False)
            continue
        shifted = _person(it.words) == "third" and any(_person(o.words) == "first" for o in others)
        verbatim = max(_run_share(it.words, o.words) for o in others) >= opts.verbatim_run
        out.append(shifted or (it.mention.embedded and not verbatim))
    return out


def _best_speaker(group: Sequence[_Item], origin: Mapping[str, str], context: Sequence[str]) -> str | None:
    """The most specific attribution of the speaker most independent sources agree on."""
    clusters: list[list[_Item]] = []
    for it in group:
        if it.mention.identity is None:
            continue
        for c in clusters:
            if all(same_speaker(it.mention.identity, o.mention.identity, context=context) is not False for o in c):
                c.append(it)
                break
        else:
            clusters.append([it])
    if not clusters:
        return None
    top = max(clusters, key=lambda c: (len({origin.get(i.mention.article, i.mention.article) for i in c}), -c[0].order))

    def rank(it: _Item) -> tuple[int, int]:
        m = it.mention
        if m.name:
            return (4 if len(m.name.split()) > 1 else 3), len(m.name)
        return specificity(parse_speaker(m.speaker or "")), len(m.speaker or "")

    best = max(top, key=lambda it: (rank(it), -it.order)).mention
    return best.name or best.speaker


class _NearGroups:
    """The groups a mention can score above zero with (:func:`_score`), in the order they were made: a
    member sharing a content term with it, or a word that a verbatim fragment needs (all of the
    shorter's words are in the longer, so the longer holds the shorter's rarest word). The other groups
    score 0 and are not compared: a big story no longer compares every quotation with every group."""

    def __init__(self, items: Sequence[_Item]):
        df: Counter[str] = Counter(w for it in items for w in it.wordset)
        self.rare = {it.order: min(it.wordset, key=lambda w: (df[w], w)) for it in items if it.wordset}
        self.by_term: dict[str, set[int]] = {}
        self.by_word: dict[str, set[int]] = {}
        self.by_rare: dict[str, set[int]] = {}

    def add(self, it: _Item, group: int) -> None:
        for t in it.terms:
            self.by_term.setdefault(t, set()).add(group)
        for w in it.wordset:
            self.by_word.setdefault(w, set()).add(group)
        if it.order in self.rare:
            self.by_rare.setdefault(self.rare[it.order], set()).add(group)

    def of(self, it: _Item) -> list[int]:
        found: set[int] = set()
        for t in it.terms:
            found |= self.by_term.get(t, set())
        for w in it.wordset:  # a member whose words are all in this mention
            found |= self.by_rare.get(w, set())
        if it.order in self.rare:  # a member holding all of this mention's words
            found |= self.by_word.get(self.rare[it.order], set())
        return sorted(found)


def merge_quotes(
    mentions: Sequence[QuoteMention],
    origin: Mapping[str, str] | None = None,
    *,
    context: Sequence[str] = (),
    options: QuoteOptions | None = None,
) -> tuple[Quote, ...]:
    """Group the mentions of each quotation across articles into one :class:`Quote`.

    Mentions are taken longest first; each joins the group it scores best with (by
    :func:`quote_similarity`, at least ``merge_threshold``) provided its speaker can be every member's
    speaker (:func:`same_speaker` with ``context`` and the mentions' own names and roles) or the words
    are near-verbatim (``verbatim_threshold``: then the group carries an attribution conflict).

    Args:
        mentions: mentions from any number of articles, e.g. :func:`extract_quotes` of each.
        origin: article id -> independent origin (:func:`newsweave.dedup.origin_map`); the speaker
            backed by most independent origins wins when mentions disagree. Default: each article its own.
        context: speaker strings of the story (:func:`story_context`), to learn who holds which role.
        options: thresholds.

    Returns:
        The quotations in order of first appearance. ``speaker`` is the most specific attribution (a
        full name over a surname over a description over a pronoun); ``text`` the words of the fullest
        mention that is not a paraphrase; ``mentions``/``speakers`` one entry per mention, in input order;
        ``paraphrase`` whether any mention is a paraphrase.
    """
    opts = options or QuoteOptions()
    orig = dict(origin or {})
    items = [_item(m, i) for i, m in enumerate(mentions)]
    ctx = tuple(context) + tuple(dict.fromkeys(m.identity for m in mentions if m.identity))
    groups: list[list[_Item]] = []
    near = _NearGroups(items)
    for it in sorted(items, key=lambda x: (-len(x.words), x.order)):
        best: tuple[float, int] | None = None
        for k in near.of(it):
            g = groups[k]
            score = max(_score(it, o) for o in g)
            if score < opts.merge_threshold or (best and score <= best[0]):
                continue
            twin = any(o.mention.article == it.mention.article and not same_words(it.mention, o.mention) for o in g)
            if twin and not any(_verbatim_run(it, o) for o in g):
                # one article quoting two passages is two quotations, unless another outlet quotes them as
                # one ("We share your pain" and "I would like you to know …" in 002 are both in 003's quote)
                continue
            agree = all(same_speaker(it.mention.identity, o.mention.identity, context=ctx) is not False for o in g)
            if it.mention.identity is None or all(o.mention.identity is None for o in g):
                # no speaker on one side to back the match: only the words can, so they must be the same
                # words, not the same subject ("…restore the Endangered Species Act to its intended
                # strength" is not "…will allow the Endangered Species Act to do what it was intended")
                agree = agree and any(_verbatim_run(it, o) for o in g)
            if agree or (score >= opts.verbatim_threshold and any(same_words(it.mention, o.mention) for o in g)):
                best = (score, k)
        if best:
            groups[best[1]].append(it)
            near.add(it, best[1])
        else:
            near.add(it, len(groups))
            groups.append([it])
    out = []
    for g in sorted(groups, key=lambda g: min(i.order for i in g)):
        g.sort(key=lambda i: i.order)
        para = _paraphrases(g, opts)
        plain = [it for it, p in zip(g, para, strict=True) if not p] or g
        fullest = max(plain, key=lambda it: (len(it.words), -it.order))
        out.append(
            Quote(
                speaker=_best_speaker(g, orig, ctx),
                text=fullest.mention.text,
                mentions=tuple(it.mention.quote for it in g),
                speakers=tuple(it.mention.speaker for it in g),
                paraphrase=any(para),
            )
        )
    return tuple(out)
