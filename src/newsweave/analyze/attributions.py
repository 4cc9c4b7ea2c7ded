"""Who said it: the same quoted words attributed by name to people who cannot be one person. Both
attributions must be direct and name the speaker (``"he said"`` against ``"Quinn said"`` is one speaker
written two ways)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsweave.analyze.doc import folded_words, surname
from newsweave.analyze.quote_merge import same_words, similarity_of
from newsweave.analyze.quotes import QuoteMention
from newsweave.analyze.speakers import parse_speaker, same_speaker
from newsweave.model import Conflict
from newsweave.unionfind import DisjointSets


def _attribution_words(m: QuoteMention) -> frozenset[str]:
    """The folded words of a quotation's sentence outside the quoted words: where its speaker is named."""
    text = m.sentence.text
    for piece in m.pieces or (m.quote,):
        a, b = piece.start - m.sentence.start, piece.end - m.sentence.start
        if 0 <= a <= b <= len(text):
            text = text[:a] + " " * (b - a) + text[b:]
    return folded_words(text)


def _same_person(a: QuoteMention, b: QuoteMention, context: Sequence[str]) -> bool:
    """Two named attributions can be one person: one's surname is written where the other quotation is
    attributed ("said Zadan and Meron jointly" and "Meron added"; "Boone Isaacs" and "Cheryl Boone
    Isaacs"), or :func:`same_speaker` allows it."""
    sa, sb = a.speaker or "", b.speaker or ""
    na, nb = parse_speaker(sa).name or sa, parse_speaker(sb).name or sb
    if surname(na) in _attribution_words(b) or surname(nb) in _attribution_words(a):
        return True
    return same_speaker(a.identity, b.identity, context=context) is not False


# Two quotation mentions quote the same words at this :func:`~newsweave.analyze.quote_merge.quote_similarity`.
SAME_QUOTE = 0.8


def attribution_conflicts(
    mentions: Sequence[QuoteMention],
    origin: Mapping[str, str],
    *,
    context: Sequence[str] = (),
) -> list[Conflict]:
    """The same quoted words attributed by name to people who cannot be one person.

    Every pair of mentions from different articles that quote the same words (:data:`SAME_QUOTE`,
    and most of the shorter one's words as one run in the other: :func:`same_words`) is compared,
    whether or not the quotations were merged into one :class:`~newsweave.model.Quote`. Only direct
    attributions that name the speaker count ("Peskov said"); a pronoun, a continued paragraph or a
    description resolved from earlier words is one speaker written another way more often than a
    different speaker.

    Args:
        mentions: the quotation mentions of every article.
        origin: article id -> independent source; a conflict between copies is marked
            ``within_syndication``.
        context: the story's titled names (:func:`newsweave.analyze.people.story_context`).

    Returns:
        One conflict per group of mentions that quote the same words, each variant the first mention of
        one speaker.
    """
    named = [m for m in mentions if m.attribution == "direct" and m.speaker and parse_speaker(m.speaker).kind == "name"]
    union: DisjointSets[int] = DisjointSets()
    linked: list[tuple[int, int]] = []
    similarity = similarity_of(named)
    for x, a in enumerate(named):
        for y in range(x + 1, len(named)):
            b = named[y]
            if (
                a.article == b.article
                or similarity(x, y) < SAME_QUOTE
                or not same_words(a, b)
                or _same_person(a, b, context)
            ):
                continue
            union.union(x, y)
            linked.append((x, y))
    groups: dict[int, list[int]] = {}
    for x, y in linked:
        groups.setdefault(union.find(x), []).extend((x, y))
    out = []
    for members in groups.values():
        variants: list[QuoteMention] = []
        for k in sorted(set(members), key=lambda k: (named[k].article, named[k].quote.start)):
            if all(not _same_person(named[k], v, context) for v in variants):
                variants.append(named[k])
        if len(variants) < 2:
            continue
        first = variants[0]
        text = first.text if len(first.text) <= 60 else first.text[:60].rsplit(" ", 1)[0] + " …"
        sources = {origin.get(v.article, v.article) for v in variants}
        out.append(
            Conflict(
                "attribution",
                f"who said “{text}”",
                tuple(v.quote for v in variants),
                "contradiction",
                within_syndication=len(sources) == 1,
            )
        )
    return out
