"""Tests for newsweave.dedup: syndicated copies are grouped, independent reports are not."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np

from newsweave.config import DedupOptions
from newsweave.dedup import containment, count_independent, find_syndication, origin_map, shingles, sketch
from newsweave.model import Article, Briefing

# A wire story as an agency sends it out.
WIRE = [
    "Heavy rain flooded parts of Valencia on Tuesday, forcing about 1,200 residents from their homes "
    "as the Turia river burst its banks in several places overnight, regional officials said.",
    "The river rose by almost two metres in less than six hours, the fastest rise recorded since the "
    "flood of 1957, according to the regional hydrological service.",
    '"We have never seen water move this fast through the old neighbourhoods," mayor Ana Ruiz told '
    "reporters at a makeshift command post near the central market.",
    "Emergency crews rescued 40 people from rooftops and stranded cars, the civil protection agency "
    "said, adding that no deaths had been reported by Wednesday afternoon.",
    "Spain's weather agency AEMET kept a red alert in place for the coast south of Valencia and warned "
    "that another 150 litres of rain per square metre could fall before Thursday.",
    "Schools in 14 towns will remain closed on Wednesday, and the regional train operator suspended "
    "services between Valencia and Gandia after a section of track was washed away.",
]
# Outlet A runs it as is, with a line of furniture the cleaner missed.
OUTLET_A = "\n\n".join([*WIRE, "Follow us on Facebook and Twitter for the latest updates."])
# Outlet B adds its own paragraphs and has other furniture.
OUTLET_B = "\n\n".join(
    [
        "Valencia was bracing for more rain on Wednesday after a night of flooding.",
        *WIRE[:3],
        "Local shop owners in the Ruzafa district spent the morning pumping water out of basements, "
        "and several said their insurers had not yet answered their calls.",
        *WIRE[3:],
        "The regional government said it would ask Madrid for emergency funds later this week.",
        "Sign up for our morning newsletter and never miss a story.",
    ]
)
# Two outlets writing the same facts in their own words.
REWRITE_1 = "\n\n".join(
    [
        "About 1,200 people had to leave their homes in Valencia on Tuesday after the Turia river "
        "overflowed following torrential rain.",
        "Officials said the water level climbed nearly two metres in under six hours, a speed not seen since 1957.",
        "Rescue teams pulled 40 people from roofs and cars. No one has died, according to civil protection.",
        "The AEMET weather service has a red warning in force and expects up to 150 litres per square "
        "metre more by Thursday.",
        "Classes are cancelled in 14 municipalities and trains to Gandia are not running.",
    ]
)
REWRITE_2 = "\n\n".join(
    [
        "Torrential downpours sent the Turia over its banks overnight, and by Tuesday morning some 1,200 "
        "Valencians had been evacuated.",
        "In six hours the river gained almost two metres, its quickest rise since the catastrophic flood "
        "of 1957, hydrologists said.",
        "Firefighters and civil protection volunteers brought 40 residents down from rooftops; there were "
        "no reported fatalities.",
        "Forecasters warned that the storm is not over: a further 150 litres per square metre may fall on "
        "the coast before Thursday.",
        "Fourteen towns shut their schools, and the rail link to Gandia was cut when floodwater swept "
        "away part of the line.",
    ]
)


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", text=text, language="en")


def test_seeds_003_and_004_are_one_syndication_group_and_nothing_else(
    seed_articles: dict[str, Article],
) -> None:
    groups = find_syndication(list(seed_articles.values()))
    assert [g.articles for g in groups] == [("003", "004")]
    assert DedupOptions().threshold <= groups[0].similarity <= 1.0


def test_seed_independent_sources(seed_articles: dict[str, Article], seed_briefing: Briefing) -> None:
    articles = list(seed_articles.values())
    origin = origin_map(articles, find_syndication(articles))
    assert origin == {"000": "000", "001": "001", "002": "002", "003": "003", "004": "003"}
    assert count_independent(["000", "001", "002", "003", "004"], origin) == 4
    assert count_independent(["003", "004"], origin) == 1
    assert count_independent(["001", "004"], origin) == 2
    assert seed_briefing.independent_sources() == 4


def test_a_copy_with_extra_paragraphs_and_other_furniture_is_grouped() -> None:
    a, b = _article("a", OUTLET_A), _article("b", OUTLET_B)
    groups = find_syndication([a, b])
    assert [g.articles for g in groups] == [("a", "b")]


def test_independent_rewrites_of_the_same_facts_are_not_grouped() -> None:
    articles = [_article("wire", OUTLET_A), _article("r1", REWRITE_1), _article("r2", REWRITE_2)]
    assert find_syndication(articles) == ()
    sketches = {a.id: sketch(a) for a in articles}
    for x, y in [("wire", "r1"), ("wire", "r2"), ("r1", "r2")]:
        assert containment(sketches[x], sketches[y]) < 0.2, (x, y)


def test_groups_are_transitive_and_ordered_by_first_member() -> None:
    # a and c each carry half of the wire story b, and share no sentence: one group of three.
    a = _article("a", "\n\n".join(WIRE[:3]))
    b = _article("b", "\n\n".join(WIRE))
    c = _article("c", "\n\n".join(WIRE[3:]))
    assert containment(sketch(a), sketch(c)) < 0.1
    other = _article("0-other", REWRITE_1)
    groups = find_syndication([other, c, b, a])
    assert [g.articles for g in groups] == [("a", "b", "c")]


def test_empty_and_tiny_articles_are_never_grouped() -> None:
    articles = [_article("a", ""), _article("b", ""), _article("c", "Floods."), _article("d", OUTLET_A)]
    assert find_syndication(articles) == ()


def test_shingles_normalise_case_and_number_formatting() -> None:
    assert shingles("More than 300,000 reservists were called up") == shingles(
        "more than 300 000 RESERVISTS were called up"
    )
    assert shingles("two words", 5) == {b"two words"}
    assert shingles("", 5) == set()


def test_sketches_are_deterministic_across_runs() -> None:
    here = sketch(_article("a", OUTLET_B))
    code = (
        "import json, sys\n"
        "from newsweave.dedup import sketch\n"
        "from newsweave.model import Article\n"
        "s = sketch(Article(id='a', source='a.txt', text=sys.stdin.read()))\n"
        "print(json.dumps([s.size, [int(v) for v in s.hashvalues]]))\n"
    )
    for seed in ("1", "2"):  # str hashing differs between these processes
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], input=OUTLET_B, capture_output=True, text=True, env=env, check=True
        )
        size, values = json.loads(out.stdout)
        assert size == here.size
        assert np.array_equal(np.array(values, dtype=here.hashvalues.dtype), here.hashvalues)


def test_disjoint_sets_group_in_input_order_and_keep_the_first_root() -> None:
    from newsweave.unionfind import DisjointSets

    sets = DisjointSets(["d", "b", "a", "c", "e"])
    sets.union("d", "b")
    sets.union("c", "b", first=lambda x: x)  # the roots "c" and "d": the one that sorts first names the group
    assert sets.groups(["d", "b", "a", "c", "e"]) == [["d", "b", "c"], ["a"], ["e"]]
    assert sets.find("d") == sets.find("b") == "c"
    sets.union("e", "a")
    assert sets.find("a") == "e"  # without ``first``: the first argument's root


def test_signatures_and_banding_are_datasketchs_bit_for_bit() -> None:
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from newsweave.dedup import shingles
    from newsweave.minhash import lsh_params, signature

    texts = [
        "The river rose by almost two metres in less than six hours, the fastest rise since 1957.",
        "Officials said the water level climbed nearly two metres in under six hours on Tuesday.",
        "",
    ]
    for text in texts:
        values = shingles(text, 5) if text else set()
        for num_perm in (64, 128):
            reference = MinHash(num_perm=num_perm, seed=1)
            reference.update_batch(list(values))
            assert np.array_equal(signature(values, num_perm), reference.hashvalues)
    for num_perm in (64, 128):
        for threshold in (0.1, 0.25, 0.5, 0.8):
            lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
            assert lsh_params(threshold, num_perm) == (lsh.b, lsh.r)
