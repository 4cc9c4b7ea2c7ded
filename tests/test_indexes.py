"""The indexes that spare a big story from comparing every pair leave out no pair that matters: every
pair the full comparison accepts is among the pairs the index proposes, on the seeds and on a story of
60 real articles from several events."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsweave import similarity
from newsweave.analyze import conflicts, doc, quote_merge, run
from newsweave.clean import clean_documents
from newsweave.ingest import read_inputs
from newsweave.model import Article
from newsweave.pipeline import brief_articles


@pytest.fixture(scope="module")
def captured(example_dir: Path, shared_data: Path) -> dict[str, list[Any]]:
    """What the analysis hands to the fact comparison, the quotation grouping and the story's people."""
    docs, _ = read_inputs([example_dir])
    seeds, _ = clean_documents(docs)
    rows = [json.loads(line) for line in (shared_data / "ecbplus" / "dev.jsonl").open(encoding="utf-8")]
    mixed = [
        Article(id=f"e{i:03d}", source=r["id"], text=f"{r.get('title') or ''}\n\n{r['text']}")
        for i, r in enumerate(rows[:60])
    ]
    seen: dict[str, list[Any]] = {"facts": [], "mentions": [], "docs": []}
    real_facts, real_quotes, real_people = conflicts.fact_conflicts, run.merge_quotes, run.story_people
    mp = pytest.MonkeyPatch()
    mp.setattr(
        conflicts,
        "fact_conflicts",
        lambda facts, *a, **k: seen["facts"].append(list(facts)) or real_facts(facts, *a, **k),
    )
    mp.setattr(run, "merge_quotes", lambda m, *a, **k: seen["mentions"].append(list(m)) or real_quotes(m, *a, **k))
    mp.setattr(run, "story_people", lambda d: seen["docs"].append(list(d)) or real_people(d))
    try:
        for articles in (list(seeds), mixed):
            brief_articles(articles)
    finally:
        mp.undo()
    assert all(seen.values()), "the analysis no longer calls what this test watches"
    return seen


def test_every_pair_of_facts_in_one_slot_is_proposed(captured: dict[str, list[Any]]) -> None:
    compared = 0
    for facts in captured["facts"]:
        buckets: dict[Any, list[int]] = {}
        for i, f in enumerate(facts):
            buckets.setdefault(conflicts._bucket(f), []).append(i)
        for members in buckets.values():
            later = conflicts._slot_candidates(facts, members)
            for x, i in enumerate(members):
                proposed = set(later(x))
                for j in members[x + 1 :]:
                    a, b = facts[i], facts[j]
                    if a.article != b.article and conflicts._same_slot(a, b):
                        compared += 1
                        assert j in proposed, (a.span, b.span)
    assert compared > 50  # the data holds pairs to find


def test_every_quotation_that_scores_is_proposed(captured: dict[str, list[Any]]) -> None:
    scored = 0
    for mentions in captured["mentions"]:
        items = [quote_merge._item(m, i) for i, m in enumerate(mentions)]
        near = quote_merge._NearGroups(items)
        for it in items:
            near.add(it, it.order)  # every mention its own group
        for it in items:
            proposed = set(near.of(it))
            for other in items:
                if other is not it and quote_merge._score(it, other) > 0:
                    scored += 1
                    assert other.order in proposed, (it.mention.text, other.mention.text)
    assert scored > 20


def test_names_keyed_by_surname_are_the_people_every_name_finds(
    captured: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    keyed = [doc.story_people(docs) for docs in captured["docs"]]
    monkeypatch.setattr(doc, "name_keys", lambda name: {"every name"})  # one bucket: all names meet
    assert [doc.story_people(docs) for docs in captured["docs"]] == keyed
    assert any(len(set(k.values())) < len(k) for k in keyed)  # some names were joined


def test_names_that_can_be_one_person_share_a_key(captured: dict[str, list[Any]]) -> None:
    names = sorted({p.person for docs in captured["docs"] for d in docs for p in d.people})
    names += ["Gaetano Lo Presti", "Lo Presti", "Dmitri Peskow", "Peskov", "Maria De La", "De La"]
    joined = 0
    for a in names:
        for b in names:
            if a != b and doc.same_name(a, b):
                joined += 1
                assert doc.name_keys(a) & doc.name_keys(b), (a, b)
    assert joined >= 10


def test_a_quotation_without_content_words_still_meets_its_twin() -> None:
    def item(order: int, words: tuple[str, ...], terms: frozenset[str] = frozenset()) -> Any:
        return quote_merge._Item(None, order, terms, words, frozenset(words))  # type: ignore[arg-type]

    # no content words: only the same words score ("We will." / "we will")
    short, same = item(0, ("we", "will")), item(1, ("we", "will"))
    # all of the shorter's words in the longer, as one run, with no content term in common
    fragment = item(2, ("we", "share"), frozenset({"shar"}))
    longer = item(3, ("and", "we", "share", "it"), frozenset({"share"}))
    assert quote_merge._score(same, short) > 0 and quote_merge._score(fragment, longer) > 0
    near = quote_merge._NearGroups([short, same, fragment, longer])
    near.add(short, 0)
    near.add(longer, 1)
    assert 0 in near.of(same)
    assert 1 in near.of(fragment)
    shorter_first = quote_merge._NearGroups([fragment, longer])
    shorter_first.add(fragment, 0)
    assert 0 in shorter_first.of(longer)  # the group holds the fragment: found from the longer's words


@pytest.mark.parametrize("dense_cells", [similarity.DENSE_CELLS, 0])  # numpy arrays, then scipy.sparse
def test_dice_neighbours_are_every_pair_dice_keeps(
    captured: dict[str, list[Any]], dense_cells: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(similarity, "DENSE_CELLS", dense_cells)
    texts = [d.text for docs in captured["docs"] for d in docs]
    sets = [similarity.content_terms(t) for t in texts] + [frozenset(), frozenset({"alone"})]
    for minimum in (0.2, 0.5):
        found = similarity.dice_neighbours(sets, minimum, block=7)  # rows by blocks, the last one short
        expected = [
            [(similarity.dice(a, b), j) for j, b in enumerate(sets) if j != i and similarity.dice(a, b) >= minimum]
            for i, a in enumerate(sets)
        ]
        assert found == expected
    assert sum(map(len, similarity.dice_neighbours(sets, 0.2))) > len(texts)  # the story has neighbours


def test_an_articles_surnames_are_the_storys_and_its_own(captured: dict[str, list[Any]]) -> None:
    """What each article's fact builder looks a surname up in: the story's people built once, with the
    article's own names added, against the per-article build it replaced."""
    for docs in captured["docs"]:
        people = doc.story_people(docs)
        asked = 0
        for d in docs:
            by_surname: dict[str, set[str]] = {}
            for name in set(people.values()) | {p.person for p in d.people}:
                if len(name.split()) > 1:
                    by_surname.setdefault(doc.surname(name), set()).add(people.get(name, name))
            expected = {k: next(iter(v)) for k, v in by_surname.items() if len(v) == 1}
            lookup = doc.StorySurnames(people, {p.person for p in d.people})
            for key in set(by_surname) | {"nobody"}:
                assert lookup.get(key) == expected.get(key), (d.id, key)
                asked += 1
        assert asked > len(docs)
    # an article's own name that shares a surname with one of the story's makes it ambiguous there
    people = {"Anna Smith": "Anna Smith"}
    assert doc.StorySurnames(people, set()).get("smith") == "Anna Smith"
    assert doc.StorySurnames(people, {"John Smith"}).get("smith") is None
    assert doc.StorySurnames(people, {"John Brown"}).get("brown") == "John Brown"


def test_most_shared_groups_are_what_a_full_sort_gives() -> None:
    import heapq
    import random
    from collections import Counter

    from newsweave.analyze.claims import _most_shared

    rnd = random.Random(1)
    for _ in range(2000):
        counts = Counter({rnd.randrange(500): rnd.choice([1, 1, 1, 2, 2, 3, 5, 8]) for _ in range(rnd.randrange(60))})
        for k in (1, 8, 9):
            assert _most_shared(counts, k) == heapq.nsmallest(k, counts.items(), key=lambda kv: (-kv[1], kv[0]))
