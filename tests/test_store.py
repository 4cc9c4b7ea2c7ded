"""The store: schema and migrations, idempotent ingest, raw bytes kept, stories, faults, the CLI."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.cluster import ClusterOptions, StoryClusterer, StoryItem
from newsweave.config import Options
from newsweave.errors import StoreError, StoryNotFound
from newsweave.ingest import read_inputs
from newsweave.model import Document, Rejected
from newsweave.store import open_store
from newsweave.store.ingest import count_sources, ingest_documents, ingest_paths, restore_clusterer
from newsweave.store.schema import MIGRATIONS
from newsweave.store.sqlite import SQLiteStore

BODY = (
    "The regional council approved a new flood defence plan on Tuesday after months of debate. "
    "The plan adds two kilometres of barriers along the river and a pumping station near the old port. "
    "Council leader Maria Jensen said the work would start in spring and take three years to finish. "
    "Residents of the lower town, which flooded twice last winter, welcomed the vote but asked for faster work."
)
OTHER = (
    "A new museum of maritime history opened its doors in the harbour district on Saturday. "
    "Its collection includes three restored fishing boats and a century of photographs of the port. "
    "The director, Tomas Berg, said ten thousand visitors were expected in the first month. "
    "Entry is free for children under twelve, and the cafe on the roof overlooks the water."
)


def test_a_new_store_has_the_schema_in_wal_mode(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.counts() == {"raw": 0, "articles": 0, "stories": 0, "rejected": 0, "briefings": 0}
    db = sqlite3.connect(tmp_path / "n.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with open_store(f"sqlite:///{tmp_path / 'n.db'}") as store:  # reopening migrates nothing
        assert store.schema_version == len(MIGRATIONS)


def test_files_that_are_not_stores_are_refused_untouched(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(garbage)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a newsweave store"):
        open_store(other)
    newer = tmp_path / "newer.db"
    with open_store(newer) as store:
        store._db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="upgrade newsweave"):
        open_store(newer)
    with pytest.raises(StoreError, match="PostgreSQL"):
        open_store("postgresql://localhost/news")


def test_ingest_is_idempotent_and_keeps_the_raw_bytes(example_dir: Path, tmp_path: Path, bulk_lookups) -> None:
    with open_store(tmp_path / "n.db") as store:
        first = ingest_paths(store, [example_dir])
        assert (first.stored, first.duplicates, first.rejected) == (5, 0, [])
        again = ingest_paths(store, [example_dir])
        assert (again.stored, again.duplicates) == (0, 5)
        assert store.counts()["articles"] == 5 and store.counts()["raw"] == 5
        for article in store.articles():
            raw = store.raw(article.sha256)
            assert raw is not None and hashlib.sha256(raw).hexdigest() == article.sha256
            assert article.removed or article.text  # what cleaning removed is kept with the article
        source = (example_dir / next(p.name for p in example_dir.iterdir() if p.name.startswith("002"))).read_bytes()
        assert hashlib.sha256(source).hexdigest() in {a.sha256 for a in store.articles()}
        bulk_lookups(store)


def test_a_bulk_write_reads_back_as_one_by_one(tmp_path: Path, bulk_write) -> None:
    with open_store(tmp_path / "n.db") as store:
        bulk_write(store)


def test_the_seeds_are_one_story(example_dir: Path, tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        report = ingest_paths(store, [example_dir])
        count_sources(store)
        stories = store.stories()
    biggest = max(stories, key=lambda s: s.articles)
    assert biggest.articles >= 4 and biggest.id in report.stories
    assert biggest.sources <= biggest.articles  # syndicated copies count once
    assert biggest.title and biggest.first_date


def test_bad_inputs_are_recorded_with_reasons_and_the_rest_is_stored(write, tmp_path: Path) -> None:
    write("in/good.txt", BODY)
    write("in/empty.txt", "")
    write("in/binary.txt", bytes(range(256)) * 20)
    write("in/rows.jsonl", "\n".join([json.dumps({"text": OTHER, "title": "Museum"}), "{broken", json.dumps({"x": 1})]))
    write("in/nav.html", "<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body></html>")
    with open_store(tmp_path / "n.db") as store:
        report = ingest_paths(store, [tmp_path / "in"])
        assert report.stored == 2
        assert report.reasons() == {"empty": 1, "binary": 1, "invalid_jsonl": 2, "no_body": 1}
        assert store.counts()["rejected"] == 5 and store.counts()["articles"] == 2


def test_the_same_text_in_other_bytes_is_a_duplicate(write, tmp_path: Path) -> None:
    write("a.jsonl", json.dumps({"text": BODY, "url": "https://a.example/1"}) + "\n")
    write("b.jsonl", json.dumps({"text": BODY, "url": "https://b.example/2"}) + "\n")  # other bytes, same article
    with open_store(tmp_path / "n.db") as store:
        report = ingest_paths(store, [tmp_path / "a.jsonl", tmp_path / "b.jsonl"])
    assert (report.stored, report.duplicates) == (1, 1)


def _documents(n: int) -> list[Document]:
    docs = []
    for i in range(n):
        text = (BODY if i % 2 else OTHER) + f"\nUpdate {i}: officials gave figure {i * 37} in a statement."
        data = text.encode()
        docs.append(Document(f"d{i}", f"gen/{i}.txt", text, "text", sha256=hashlib.sha256(data).hexdigest(), raw=data))
    return docs


def test_a_crash_mid_ingest_loses_only_the_open_batch_and_a_rerun_completes(tmp_path: Path) -> None:
    docs = _documents(9)

    def crashing() -> Iterator[Document | Rejected]:
        yield from docs[:5]
        raise RuntimeError("disk on fire")

    with open_store(tmp_path / "n.db") as store:
        with pytest.raises(RuntimeError):
            ingest_documents(store, crashing(), batch=2)
        assert store.counts()["articles"] == 4  # two committed batches of two; the fifth was rolled back
        report = ingest_documents(store, iter(docs), batch=2)
        assert (report.stored, report.duplicates) == (5, 4)
        articles = store.articles()
        assert len(articles) == 9 and len({a.sha256 for a in articles}) == 9
        assert all(row.articles > 0 for row in store.stories())
        stored = {a.id for a in articles}
    with open_store(tmp_path / "n.db") as store:  # the clusterer comes back knowing every stored article
        saved = store.load_clusterer()
        assert saved is not None and saved[1] == store.last_seq()
        assert stored <= set(restore_clusterer(store).assignments())


def test_two_writers_interleaved_leave_every_article_in_the_clusterer(tmp_path: Path) -> None:
    """`serve` and `ingest --watch` on one store: another writer's batch lands between two of this
    run's batches. This run must continue from the store's clusterer, not overwrite it with its own."""
    docs = _documents(10)
    path = tmp_path / "n.db"

    def interleaved() -> Iterator[Document | Rejected]:
        yield from docs[:2]
        with open_store(path) as other:  # a second writer commits between this run's two batches
            ingest_documents(other, iter(docs[6:]), batch=2)
        yield from docs[2:6]

    with open_store(path) as store:
        ingest_documents(store, interleaved(), batch=2)
        stored = {a.id for a in store.articles()}
        assert len(stored) == 10
        story_of = {a.id: s.id for s in store.stories() for a in store.articles(s.id)}
    with open_store(path) as store:
        saved = store.load_clusterer()
        assert saved is not None and saved[1] == store.last_seq()
        clusterer = restore_clusterer(store)
        assert stored <= set(clusterer.assignments())  # the other writer's four are not lost to it
        assert {a: clusterer.assignments()[a] for a in stored} == story_of


def test_open_stories_bound_changes_on_a_store_that_has_stories(tmp_path: Path) -> None:
    """How many stories stay open bounds memory: a later run may set it (`--open-stories`); the other
    options stay the store's, and the new bound is saved with the state."""
    docs = _documents(6)
    with open_store(tmp_path / "n.db") as store:
        ingest_documents(store, iter(docs[:3]), cluster=ClusterOptions(threshold=0.3), batch=2)
        assert restore_clusterer(store, ClusterOptions(threshold=0.5)).options.threshold == 0.3
        restored = restore_clusterer(store, ClusterOptions(max_active=7)).options
        assert (restored.max_active, restored.threshold) == (7, 0.3)
        ingest_documents(store, iter(docs[3:]), cluster=ClusterOptions(max_active=7), batch=2)
        assert restore_clusterer(store).options == restored


def test_open_stories_below_one_is_refused_before_a_store_is_made(tmp_path: Path, example_dir: Path) -> None:
    for command in ("ingest", "batch"):
        db = tmp_path / f"{command}.db"
        result = CliRunner().invoke(app, [command, str(example_dir), "--db", str(db), "--open-stories", "0"])
        assert result.exit_code == 2, result.output
        assert "--open-stories must be >= 1, got 0" in result.stderr
        assert not db.exists()


def test_the_clusterer_state_is_stored_compressed_and_read_back_whole(tmp_path: Path) -> None:
    docs = _documents(6)
    with open_store(tmp_path / "n.db") as store:
        ingest_documents(store, iter(docs), batch=2)
        text, packed = store._x("SELECT state, packed FROM clusterer WHERE id = 1").fetchone()
        saved = store.load_clusterer()
        assert text == "" and packed and saved is not None
        state, seq = saved
        assert seq == store.last_seq() and state == restore_clusterer(store).to_state()
        assert len(packed) < len(json.dumps(state)) / 2


def test_articles_stored_after_the_last_state_save_are_replayed(tmp_path: Path) -> None:
    docs = _documents(6)
    with open_store(tmp_path / "n.db") as store:
        ingest_documents(store, iter(docs[:3]), batch=1)
        early = store.load_clusterer()
        ingest_documents(store, iter(docs[3:]), batch=1)
        assert early is not None
        state, seq = early  # as if the run had died after storing the last three, before saving state
        # (written as stores before schema 5 held it: plain JSON, nothing packed)
        wrapped = json.dumps({"seq": seq, "state": state})
        store._x("UPDATE clusterer SET state = ?, packed = NULL WHERE id = 1", (wrapped,))
        replayed = restore_clusterer(store).assignments()
        never_stopped = {a.id: s.id for s in store.stories() for a in store.articles(s.id)}
        assert len(never_stopped) == 6
        assert {a: replayed[a] for a in never_stopped} == never_stopped


def test_kill_9_during_ingest_then_rerun_stores_everything_once(tmp_path: Path) -> None:
    folder = tmp_path / "feed"
    folder.mkdir()
    for doc in _documents(400):
        (folder / f"{doc.id}.txt").write_bytes(doc.raw or b"")
    db = tmp_path / "n.db"
    cmd = [sys.executable, "-m", "newsweave", "ingest", str(folder), "--db", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:  # kill it once some batch is committed
        if db.exists() and _articles(db) > 0:
            break
        time.sleep(0.05)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _articles(db) == 400
    with open_store(db) as store:
        assert len({a.sha256 for a in store.articles()}) == 400


def _articles(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        return int(con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_cli_ingest_stories_brief_and_since(example_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "n.db")
    half = tmp_path / "half"
    half.mkdir()
    names = sorted(p.name for p in example_dir.iterdir())
    for name in names[:3]:
        shutil.copy(example_dir / name, half / name)
    result = runner.invoke(app, ["ingest", str(half), "--db", db])
    assert result.exit_code == 0, result.output
    assert "stored 3, duplicate 0, rejected 0" in result.output
    listed = json.loads(runner.invoke(app, ["stories", "--db", db, "--format", "json"]).stdout)
    story = max(listed, key=lambda s: s["articles"])["id"]
    first = runner.invoke(app, ["brief", "--db", db, "--story", story, "--format", "json", "--since"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["since"]["previous"] is None
    result = runner.invoke(app, ["ingest", str(example_dir), "--db", db])  # the folder grew
    assert "stored 2, duplicate 3" in result.output
    listed = json.loads(runner.invoke(app, ["stories", "--db", db, "--format", "json"]).stdout)
    story = max(listed, key=lambda s: s["articles"])["id"]
    second = runner.invoke(app, ["brief", "--db", db, "--story", story, "--format", "markdown", "--since"])
    assert second.exit_code == 0, second.output
    assert "## Changes since" in second.stdout and "New articles" in second.stdout
    table = runner.invoke(app, ["stories", "--db", db])
    assert table.exit_code == 0 and story in table.stdout
    with open_store(db) as store:
        saved = store.last_briefing(story)
        assert saved is not None and set(saved.articles) == {a.id for a in store.articles(story)}


def test_cli_store_errors_are_clear(example_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "n.db")
    result = runner.invoke(app, ["stories", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2 and "NW402" in result.output
    runner.invoke(app, ["ingest", str(example_dir), "--db", db])
    result = runner.invoke(app, ["brief", "--db", db, "--story", "nope"])
    assert result.exit_code == 2 and "NW401" in result.output
    result = runner.invoke(app, ["brief", "--db", db])
    assert result.exit_code == 2 and "--story" in result.output
    result = runner.invoke(app, ["brief", str(example_dir), "--since"])
    assert result.exit_code == 2 and "--since" in result.output
    result = runner.invoke(app, ["ingest", str(tmp_path / "nothing-here"), "--db", db])
    assert result.exit_code == 2


def test_story_lookup_raises_story_not_found(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "n.db") as store, pytest.raises(StoryNotFound):
        store.story("s999")


def test_options_reach_the_cleaner(write, tmp_path: Path) -> None:
    write("in/short.txt", "Too short.")
    with open_store(tmp_path / "n.db") as store:
        report = ingest_paths(store, [tmp_path / "in"], options=Options())
    assert report.reasons() == {"no_body": 1}
    docs, _ = read_inputs([tmp_path / "in"])
    assert docs[0].raw == b"Too short."


def test_no_clean_keeps_pre_extracted_text_as_given(write, tmp_path: Path) -> None:
    from newsweave.config import CleanOptions

    text = BODY + "\nSubscribe to our newsletter for the latest news!\nShare this article"
    write("in/a.jsonl", json.dumps({"text": text, "title": "Flood plan"}) + "\n")
    with open_store(tmp_path / "clean.db") as store:
        ingest_paths(store, [tmp_path / "in"])
        (cleaned,) = store.articles()
    with open_store(tmp_path / "plain.db") as store:
        ingest_paths(store, [tmp_path / "in"], options=Options(clean=CleanOptions(boilerplate=False)))
        (plain,) = store.articles()
    assert "Subscribe" not in cleaned.text and cleaned.removed
    assert "Subscribe to our newsletter" in plain.text and plain.removed == () and plain.language == "en"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "cli.db"), "--no-clean"])
    assert result.exit_code == 0 and "stored 1" in result.output


def test_since_reports_claims_whose_support_changed() -> None:
    from newsweave.store.changes import changes, render_changes
    from newsweave.store.sqlite import SavedBriefing

    claim = {"id": "c1", "text": "The dam broke on Tuesday.", "mentions": [], "sources": ["a"]}
    before = {"articles": [{"id": "a"}], "claims": [{**claim, "independent_sources": 1, "status": "single_source"}]}
    after = {
        "articles": [{"id": "a"}, {"id": "b"}],
        "claims": [{**claim, "sources": ["a", "b"], "independent_sources": 2, "status": "consensus"}],
    }
    change = changes(SavedBriefing(1, "s1", "2026-01-01T00:00:00+00:00", ("a",), before), after)
    assert change["articles_added"] == ["b"]
    assert change["claims_new"] == [] and change["claims_changed"] == [
        {
            "text": "The dam broke on Tuesday.",
            "before": {"status": "single_source", "independent_sources": 1},
            "after": {"status": "consensus", "independent_sources": 2},
        }
    ]
    text = render_changes(change)
    assert "Claims whose support changed" in text
    assert "single source, 1 independent source → consensus, 2 independent sources" in text


def test_since_tells_what_happened_to_the_story_itself() -> None:
    from newsweave.store.base import StoryChangeRow
    from newsweave.store.changes import changes, render_changes
    from newsweave.store.sqlite import SavedBriefing
    from newsweave.web.views import changes_section

    history = [
        StoryChangeRow("2025-12-31T00:00:00+00:00", "2025-12-30", "merge", "s1", "s7", 4),  # before: not new
        StoryChangeRow("2026-01-02T00:00:00+00:00", "2026-01-02", "merge", "s1", "s9", 3),
        StoryChangeRow("2026-01-03T00:00:00+00:00", "2026-01-03", "split", "s1", "s12", 1),
    ]
    data = {"articles": [{"id": "a"}, {"id": "b"}]}
    previous = SavedBriefing(1, "s1", "2026-01-01T00:00:00+00:00", ("a",), {"articles": [{"id": "a"}]})
    change = changes(previous, data, story="s1", history=history)
    assert [e["said"] for e in change["story_changes"]] == [
        "Story s9 (3 articles) was merged into this story (stream date 2026-01-02).",
        "1 article of another event left this story to form story s12 (stream date 2026-01-03).",
    ]
    assert "**The story itself** (2):" in render_changes(change)
    assert "Story s9 (3 articles) was merged into this story" in changes_section(change, {})
    # the new story, seen from its side; a first briefing lists the whole history
    split_off = changes(None, data, story="s12", history=history[2:])
    assert split_off["story_changes"][0]["said"].startswith("This story was split off from story s1 (1 article of")
    assert "This story was split off" in render_changes(split_off)


def test_a_store_fed_in_any_order_and_batch_size_lists_and_briefs_the_same(example_dir: Path, tmp_path: Path) -> None:
    """The seeds ingested in file order in one batch, and in reverse one by one: the same story title
    in the listing and the same briefing (issue "Same articles, same briefing")."""
    runner = CliRunner()
    files = sorted(str(p) for p in example_dir.iterdir() if p.suffix == ".txt")
    briefs, titles = [], []
    for name, batches in (("fwd", [files]), ("rev", [[f] for f in reversed(files)])):
        db = str(tmp_path / f"{name}.db")
        for batch in batches:
            assert runner.invoke(app, ["ingest", *batch, "--db", db]).exit_code == 0
        (story,) = json.loads(runner.invoke(app, ["stories", "--db", db, "--format", "json"]).stdout)
        titles.append(story["title"])
        result = runner.invoke(app, ["brief", "--db", db, "--story", story["id"], "--format", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        data.pop("stats", None)
        data["articles"] = sorted(data["articles"], key=lambda a: a["id"])
        briefs.append(json.dumps(data, sort_keys=True))
    assert titles[0] == titles[1]
    assert briefs[0] == briefs[1]


def test_since_puts_what_the_new_articles_bring_first(example_dir: Path) -> None:
    from newsweave.clean import clean_documents
    from newsweave.ingest import read_inputs
    from newsweave.pipeline import brief_stored

    docs, _ = read_inputs([example_dir])
    articles, _ = clean_documents(docs)
    told = {"000", "001", "002"}
    plain = brief_stored(articles)
    since = brief_stored(articles, told=told)
    assert sorted(s.text for s in since.summary) == sorted(s.text for s in plain.summary)
    old = [all(e.article in told for e in s.evidence) for s in since.summary]
    assert old == sorted(old) and not all(old) and any(old)  # the new first, then what was told before
    assert [s.text for s in brief_stored(articles).summary] == [s.text for s in plain.summary]


def _ecb_documents(shared_data: Path, topics: set[str], seed: int) -> list[Document]:
    import random

    rows = [json.loads(line) for line in (shared_data / "ecbplus" / "dev.jsonl").open(encoding="utf-8")]
    rows = [r for r in rows if r["id"].split("_")[0] in topics]
    random.Random(seed).shuffle(rows)  # arrival in no order: the clusterer merges and splits stories
    docs = []
    for r in rows:
        data = json.dumps({"title": r.get("title"), "text": r["text"], "published": r.get("date")}).encode()
        doc = Document(r["id"], f"ecb/{r['id']}.json", r["text"], "text", title=r.get("title"), published=r.get("date"))
        docs.append(dataclasses.replace(doc, sha256=hashlib.sha256(data).hexdigest(), raw=data))
    return docs


@pytest.mark.parametrize("path", ["ingest", "batch"])
def test_merges_splits_and_closes_reach_the_store_batch_by_batch(shared_data: Path, tmp_path: Path, path: str) -> None:
    """The store follows the clusterer from what it reports, batch by batch: every article's story is the
    clusterer's, merges and splits are recorded, closed stories are marked closed, and a merged story's
    id says where its articles went."""
    from newsweave.config import CleanOptions
    from newsweave.engines import LocalEngine, run_batch

    docs = _ecb_documents(shared_data, {"1", "7", "12", "24", "25"}, seed=1)
    db = tmp_path / "s.db"
    opts = Options(clean=CleanOptions(boilerplate=False))
    with open_store(db) as store:
        if path == "ingest":
            ingest_documents(store, docs, options=opts, batch=7)
        else:
            corpus = tmp_path / "corpus"
            corpus.mkdir()
            for k in range(0, len(docs), 10):  # one JSONL file per ten articles, in arrival order
                rows = [{"title": d.title, "text": d.content, "published": d.published} for d in docs[k : k + 10]]
                (corpus / f"part{k:04d}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
            run_batch(store, [corpus], engine=LocalEngine(), options=opts, slice_items=9, partition_files=5)
        clusterer = restore_clusterer(store)  # it keeps the open stories' articles only
        articles = store.articles()
        stored = {a.id: store.article(a.id)[1] for a in articles}
        assert len(stored) > 100
        known = clusterer.assignments()  # (batch: a near-copy is not clustered, it is stored in its origin's story)
        assert known and {a: s for a, s in stored.items() if a in known} == {a: known[a] for a in stored if a in known}
        if path == "ingest":  # a clusterer that keeps everything, fed the same articles in the same order
            reference = StoryClusterer()
            for a in articles:
                reference.add(StoryItem(a.id, a.title or "", a.text, a.published))
            assert stored == reference.assignments()
        history = [c for s in store.stories() for c in store.story_changes(s.id)]
        assert {c.kind for c in history} >= {"split"} or {c.kind for c in history} >= {"merge"}
        open_now = {s["sid"] for s in clusterer.to_state()["stories"]}
        listed = {s.id: s.open for s in store.stories()}
        assert listed == {sid: sid in open_now for sid in listed}
        assert not all(listed.values())  # the stream spans years: stories closed
        assert set(stored.values()) == set(listed)  # every article in a listed story, every story holds one
        merged = [c for c in history if c.kind == "merge"]
        for c in merged:
            assert c.other_id not in listed
            with pytest.raises(StoryNotFound, match="was merged into story"):
                store.story(c.other_id)


def test_a_repaired_story_reaches_the_store_as_a_split(shared_data: Path, tmp_path: Path) -> None:
    """The repair pass cuts stories that one early item bridged (real GoogleNews items of two pairs of
    unrelated stories, in a shuffled order): the store follows, and says so in the story's history."""
    from newsweave.config import CleanOptions
    from newsweave.evaluate.stories import read_dataset, stream_order

    rows, _ = read_dataset(shared_data / "googlenews" / "dev.jsonl")
    wanted = {"18", "14", "118", "102"}
    docs = []
    for r in stream_order(rows, shuffle=3):
        if r.cluster in wanted:
            data = json.dumps({"title": r.title, "text": r.text, "published": r.date}).encode()
            doc = Document(r.id, f"gn/{r.id}.json", r.text, "text", title=r.title, published=r.date)
            docs.append(dataclasses.replace(doc, sha256=hashlib.sha256(data).hexdigest(), raw=data))
    gold = {f"gn/{r.id}.json": r.cluster for r in rows if r.cluster in wanted}
    with open_store(tmp_path / "s.db") as store:
        ingest_documents(store, docs, options=Options(clean=CleanOptions(boilerplate=False)), batch=7)
        articles = store.articles()
        stored = {a.id: store.article(a.id)[1] for a in articles}
        reference = StoryClusterer()
        for a in articles:
            reference.add(StoryItem(a.id, a.title or "", a.text, a.published))
        assert stored == reference.assignments()
        history = [c for s in store.stories() for c in store.story_changes(s.id)]
        assert any(c.kind == "split" for c in history)
        # each story holds (mostly) one of the four: the bridged pairs came apart
        by_story: dict[str, list[str]] = {}
        for a in articles:
            by_story.setdefault(stored[a.id], []).append(gold[a.source])
        big = [labels for labels in by_story.values() if len(labels) > 5]
        assert len(big) >= 4 and all(max(map(labels.count, labels)) >= 0.95 * len(labels) for labels in big)
