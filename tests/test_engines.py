"""Batch engines: the local run and a Dask LocalCluster (2 workers, loopback) give the same store."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import CleanOptions, DedupOptions, Options
from newsweave.dedup import Sketch
from newsweave.engines import LocalEngine, run_batch, stages
from newsweave.model import Article
from newsweave.store import open_store

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "putin-mothers"

STORIES = {
    "flood": (
        "The regional council approved a new flood defence plan on Tuesday after months of debate. "
        "The plan adds two kilometres of barriers along the river and a pumping station near the old port. "
        "Council leader Maria Jensen said the work would start in spring and take three years to finish."
    ),
    "museum": (
        "A new museum of maritime history opened its doors in the harbour district on Saturday. "
        "Its collection includes three restored fishing boats and a century of photographs of the port. "
        "The director, Tomas Berg, said ten thousand visitors were expected in the first month."
    ),
    "strike": (
        "Rail workers began a three-day strike on Monday over pay and staffing on regional lines. "
        "The union said trains on four routes would not run, and the operator advised passengers to stay home. "
        "Talks with the ministry of transport are due to resume on Thursday, the union's leader Anna Roth said."
    ),
}


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    n = 0
    for name, text in STORIES.items():
        for k in range(8):
            extra = f"\nReporter {k} added that officials gave figure {k * 13 + len(name)} in a later statement."
            (folder / f"{name}-{k}.txt").write_text(text + extra + f"\nMore on {name}, part {k}.", encoding="utf-8")
            n += 1
        (folder / f"{name}-wire.txt").write_text("WIRE COPY\n" + text, encoding="utf-8")  # a near-copy
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def _snapshot(db: Path) -> tuple[dict[str, str], int]:
    with open_store(db) as store:
        arts = store.articles()
        stories = {a.id: s.id for s in store.stories() for a in store.articles(s.id)}
        return stories, len(arts)


def test_local_and_dask_give_the_same_store(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from newsweave.engines.dask_engine import DaskEngine

    corpus = _corpus(tmp_path / "corpus")
    with open_store(tmp_path / "local.db") as store:
        local = run_batch(store, [corpus], engine=LocalEngine(), partition_files=4)
    engine = DaskEngine(None, workers=2, shuffle_from=0)  # the distributed shuffle, even on a small corpus
    try:
        with open_store(tmp_path / "dask.db") as store:
            dask = run_batch(store, [corpus], engine=engine, partition_files=4)
    finally:
        engine.close()
    assert (local.stored, local.near_duplicates, len(local.rejected)) == (dask.stored, dask.near_duplicates, 1)
    assert local.stored == 27 and local.near_duplicates >= 3
    assert _snapshot(tmp_path / "local.db") == _snapshot(tmp_path / "dask.db")


def test_near_copies_join_their_origins_story_and_a_rerun_adds_nothing(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    db = tmp_path / "n.db"
    with open_store(db) as store:
        run_batch(store, [corpus], engine=LocalEngine())
        by_source = {Path(a.source).stem: a.id for a in store.articles()}
        story_of = {a.id: s.id for s in store.stories() for a in store.articles(s.id)}
        for name in STORIES:
            assert story_of[by_source[f"{name}-wire"]] == story_of[by_source[f"{name}-0"]]
        again = run_batch(store, [corpus], engine=LocalEngine())
        assert (again.stored, again.duplicates) == (0, 27)


def test_slices_bound_the_work_in_memory_and_keep_copies_with_their_origin(tmp_path: Path) -> None:
    """A corpus taken in slices of a few inputs stores the same articles once, keeps each wire copy in
    its original's story (across slices the clusterer's own near-copy check finds it), and every
    engine slices alike."""
    corpus = _corpus(tmp_path / "corpus")
    with open_store(tmp_path / "whole.db") as store:
        whole = run_batch(store, [corpus], engine=LocalEngine(), partition_files=4)
    with open_store(tmp_path / "sliced.db") as store:
        sliced = run_batch(store, [corpus], engine=LocalEngine(), partition_files=4, slice_items=5)
        by_source = {Path(a.source).stem: a.id for a in store.articles()}
        story_of = {a.id: s.id for s in store.stories() for a in store.articles(s.id)}
        saved = store.load_clusterer()
    assert (sliced.stored, sliced.duplicates, len(sliced.rejected)) == (whole.stored, whole.duplicates, 1) == (27, 0, 1)
    for name in STORIES:
        assert story_of[by_source[f"{name}-wire"]] == story_of[by_source[f"{name}-0"]], name
    assert len({story_of[by_source[f"{name}-0"]] for name in STORIES}) == 3
    assert saved is not None and saved[1] > 0  # the clusterer's state, saved with the last slice
    pytest.importorskip("distributed")
    from newsweave.engines.dask_engine import DaskEngine

    engine = DaskEngine(None, workers=2)
    try:
        with open_store(tmp_path / "dask.db") as store:
            run_batch(store, [corpus], engine=engine, partition_files=4, slice_items=5)
    finally:
        engine.close()
    assert _snapshot(tmp_path / "sliced.db") == _snapshot(tmp_path / "dask.db")


def _sketch(name: str, values: list[int], size: int = 10) -> Sketch:
    return Sketch(name, size, np.array(values, dtype=np.uint64))


def test_band_keys_pairs_and_origins() -> None:
    a, b, c = _sketch("a", [1, 2, 3, 4]), _sketch("b", [1, 2, 3, 4]), _sketch("c", [9, 9, 3, 4])
    assert stages.band_keys(a, 2, 2) == stages.band_keys(b, 2, 2)
    assert stages.band_keys(a, 2, 2)[1] == stages.band_keys(c, 2, 2)[1] != stages.band_keys(c, 2, 2)[0]
    ordered = stages.ranked([c, b, a, b])
    assert [s.article for s in ordered] == ["a", "b", "c"]
    codes = stages.pair_codes([1, 0, 2, 0], 3)  # one bucket: b, a, c and a again
    assert codes == [0 * 3 + 1, 0 * 3 + 2, 1 * 3 + 2]
    assert stages.confirm(codes, ordered, threshold=0.9) == {("a", "b"): 1.0}
    # the local engine: each pair confirmed once, whatever the number of bands it shares
    assert LocalEngine().candidate_pairs([b, a, c], 2, 2, 0.9) == {("a", "b"): 1.0}
    order = {"a": ("2024-01-02", "a"), "b": ("2024-01-01", "b"), "c": ("", "c")}
    assert stages.origins(order, [("a", "b")], order) == {"a": "b", "b": "b", "c": "c"}
    assert stages.band_keys(_sketch("e", [1, 2, 3, 4], size=0), 2, 2) == []


def test_vectorised_pairing_matches_the_bucket_by_bucket_rule() -> None:
    """The band ids, bucket pairs and containments computed on whole matrices give exactly the pairs
    and scores of the per-sketch rule (band keys, every pair of a bucket, dedup.containment), for
    copies of real text with edits, a run of identical copies longer than any band, and empty texts."""
    from newsweave.dedup import containment, sketch

    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    articles = []
    for i, text in enumerate(texts):
        words = text.split()
        articles.append(Article(id=f"s{i}", source=f"s{i}", text=text))
        for k in range(1, 8):  # copies that drop a growing share of the text, and exact copies
            articles.append(Article(id=f"s{i}c{k}", source="x", text=" ".join(words[: len(words) * (10 - k) // 10])))
            articles.append(Article(id=f"s{i}d{k}", source="x", text=text))
    articles.append(Article(id="empty", source="x", text="a"))
    opts = DedupOptions(num_perm=64)
    sketches = [sketch(a, options=opts) for a in articles]
    ordered = stages.ranked(sketches)
    for bands, rows in ((32, 2), (16, 4), (64, 1)):
        buckets: dict[str, list[int]] = {}
        for i, s in enumerate(ordered):
            for key in stages.band_keys(s, bands, rows):
                buckets.setdefault(key, []).append(i)
        expected = {c for m in buckets.values() for c in stages.pair_codes(m, len(ordered))}
        matrix, sizes = stages.signatures(ordered)
        got = stages.bucket_codes(stages.band_ids(matrix, bands, rows), sizes > 0)
        assert sorted(expected) == got.tolist(), (bands, rows)
        pairs = stages.confirm(got, ordered, 0.5)
        scalar = {
            (ordered[i].article, ordered[j].article): containment(ordered[i], ordered[j])
            for i, j in (divmod(c, len(ordered)) for c in expected)
        }
        assert pairs == {k: v for k, v in scalar.items() if v >= 0.5}
        assert pairs and all(p[0] < p[1] for p in pairs)
    with pytest.raises(ValueError, match="num_perm"):
        stages.signatures([sketches[0], sketch(articles[0], options=DedupOptions(num_perm=32))])


def test_a_copy_follows_its_closest_earlier_copy_not_a_chain() -> None:
    """Two reports from one template share a few shingles with each other and most with their own
    copies: each article follows the earlier one that holds most of it, so the template does not chain
    two events into one group (as the first member of a transitive group did)."""
    a = _sketch("a", [1, 2, 3, 4])  # event A
    b = _sketch("b", [5, 6, 7, 8])  # event B, same day
    c = _sketch("c", [1, 6, 7, 8])  # a copy of b's report that keeps a line of a's: containment 0.4 / 0.86
    order = {"a": ("2024-01-01", "a"), "b": ("2024-01-01", "b"), "c": ("2024-01-02", "c")}
    sketches = {s.article: s for s in (a, b, c)}
    pairs = [("a", "c"), ("b", "c")]
    assert stages.origins(order, pairs, order, sketches) == {"a": "a", "b": "b", "c": "b"}
    assert stages.origins(order, pairs, order, sketches, minimum=0.9) == {"a": "a", "b": "b", "c": "c"}
    d = _sketch("d", [1, 6, 7, 9])  # a copy of c (0.86): its origin is c's
    order["d"] = ("2024-01-03", "d")
    sketches["d"] = d
    assert stages.origins(order, [*pairs, ("c", "d")], order, sketches)["d"] == "b"


def test_a_reused_template_is_no_copy_in_a_batch_on_either_engine(tmp_path: Path, renamed: Any) -> None:
    """A real article, its copy with a paragraph added, and its text with every name and number
    changed (two thirds of its 5-grams are still the article's): the copy joins the article's story as
    a near-duplicate, the renamed report is its own story, on the local engine and on Dask alike."""
    import json

    seed = sorted(SEEDS.glob("*.txt"))[1].read_text(encoding="utf-8")
    title, body = seed.split("\n", 1)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [
        {"id": "wire", "title": title, "text": body, "published": "2026-03-03"},
        {"id": "copy", "title": title, "text": body + "\nOur correspondent adds more.", "published": "2026-03-03"},
        {"id": "renamed", "title": renamed(title), "text": renamed(body), "published": "2026-03-04"},
    ]
    (corpus / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    engines: list[Any] = [LocalEngine()]
    if importlib.util.find_spec("distributed") is not None:
        from newsweave.engines.dask_engine import DaskEngine

        engines.append(DaskEngine(None, workers=1))
    seen = []
    for k, engine in enumerate(engines):
        try:
            with open_store(tmp_path / f"{k}.db") as store:
                report = run_batch(
                    store, [corpus], engine=engine, options=Options(clean=CleanOptions(boilerplate=False))
                )
                story = {a.source.rsplit("#", 1)[-1]: s.id for s in store.stories() for a in store.articles(s.id)}
        finally:
            engine.close()
        assert report.stored == 3 and report.near_duplicates == 1, engine
        assert story["L1"] == story["L2"] != story["L3"], engine
        seen.append(story)
    assert all(x == seen[0] for x in seen)


def test_cli_batch_local_and_option_errors(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    runner = CliRunner()
    db = str(tmp_path / "n.db")
    result = runner.invoke(app, ["batch", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    assert "stored 27" in result.output and "local" in result.output
    result = runner.invoke(app, ["batch", str(corpus), "--db", db, "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "--engine dask" in result.output
    result = runner.invoke(app, ["batch", str(corpus), "--db", db, "--workers", "0"])
    assert result.exit_code == 2


def test_options_are_used_by_every_partition(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    (corpus / "big.txt").write_text("word " * 5000, encoding="utf-8")
    from newsweave.config import IngestOptions

    with open_store(tmp_path / "n.db") as store:
        report = run_batch(store, [corpus], engine=LocalEngine(), options=Options(ingest=IngestOptions(max_bytes=4000)))
    assert {"too_large", "empty"} <= {r.reason for r in report.rejected}


def test_partitions_hold_few_files_and_few_bytes(tmp_path: Path) -> None:
    """Big JSONL files go to workers one by one (a partition of 16 of them would leave a worker idle);
    small files are grouped; the order of the files is kept."""
    from newsweave.engines import _partitions

    big = [tmp_path / f"big{i}.jsonl" for i in range(3)]
    small = [tmp_path / f"s{i:02d}.txt" for i in range(20)]
    for f in big:
        f.write_bytes(b"x" * (1 << 20))
    for f in small:
        f.write_text("a short article\n")
    parts = _partitions([*big, *small, tmp_path / "gone.txt"], 16)
    assert parts[:3] == [[str(f)] for f in big]
    assert [len(p) for p in parts[3:]] == [16, 5]
    assert [f for p in parts for f in p] == [str(f) for f in [*big, *small, tmp_path / "gone.txt"]]
