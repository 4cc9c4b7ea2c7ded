"""A store holds what the files hold: a rejected input can be tried again, the store can be cleaned
again when the cleaner changes, and a stored story is briefed as its files are."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.config import CleanOptions, Options
from newsweave.ingest import read_inputs
from newsweave.pipeline import brief_documents, brief_stored
from newsweave.store import open_store
from newsweave.store.ingest import ingest_paths, reclean

TEXT = (
    "The city council approved the new flood barrier on Friday after a long debate, officials said. "
    "The barrier cost 3 million euros and took four years to build, the mayor's office said. "
    "Residents of the low-lying district had asked for it since the floods of 2019 damaged 400 homes."
)


def _rows(tmp_path: Path) -> Path:
    src = tmp_path / "rows.jsonl"
    src.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n" + json.dumps({"id": "b", "text": TEXT[:95]}) + "\n")
    return src


def test_an_input_rejected_before_is_tried_again_not_called_a_duplicate(tmp_path: Path) -> None:
    src = _rows(tmp_path)
    strict = Options(clean=CleanOptions(min_body_words=30))
    with open_store(tmp_path / "s.db") as store:
        first = ingest_paths(store, [src], options=strict)
        assert (first.stored, first.duplicates, len(first.rejected)) == (1, 0, 1)
        again = ingest_paths(store, [src], options=Options(clean=CleanOptions(min_body_words=5)))
        assert (again.stored, again.duplicates, len(again.rejected)) == (1, 1, 0)
        assert store.counts()["articles"] == 2


def test_reclean_adds_what_a_new_cleaner_accepts_and_keeps_the_rest(tmp_path: Path) -> None:
    src = _rows(tmp_path)
    with open_store(tmp_path / "s.db") as store:
        ingest_paths(store, [src], options=Options(clean=CleanOptions(min_body_words=30)))
        before = {a.id: a.text for a in store.articles()}
        report = reclean(store, options=Options(clean=CleanOptions(min_body_words=5)))
        assert (len(report.added), report.unchanged, len(report.updated), len(report.still_rejected)) == (1, 1, 0, 0)
        after = {a.id: a for a in store.articles()}
        assert len(after) == 2 and all(after[aid].text == text for aid, text in before.items())
        assert all(store.article(aid)[1] is not None for aid in after)  # the new one joined a story
        # a cleaner that now finds no body in a stored article does not delete it
        strict = reclean(store, options=Options(clean=CleanOptions(min_body_words=500)))
        assert len(strict.dropped) == 2 and store.counts()["articles"] == 2
        # run twice, a re-clean changes nothing more
        assert reclean(store, options=Options(clean=CleanOptions(min_body_words=5))).unchanged == 2


def test_reclean_replaces_a_body_the_cleaner_now_reads_otherwise(tmp_path: Path) -> None:
    src = tmp_path / "page.txt"
    src.write_text("Subscribe to our newsletter\n\n" + TEXT + "\n\nShare this article on Facebook\n")
    with open_store(tmp_path / "s.db") as store:
        ingest_paths(store, [src], options=Options(clean=CleanOptions(boilerplate=False)))
        (kept,) = store.articles()
        assert "Subscribe" in kept.text
        report = reclean(store)
        (fresh,) = store.articles()
        assert report.updated == [kept.id] and "Subscribe" not in fresh.text and TEXT in fresh.text
        assert any("Subscribe" in r.text for r in fresh.removed)


def test_a_stored_story_is_briefed_as_its_files(example_dir: Path, tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        ingest_paths(store, [example_dir])
        (story,) = {s.id for s in store.stories()}
        stored = brief_stored(store.articles(story))
    documents, _ = read_inputs([example_dir])
    files = brief_documents(documents)

    def words(briefing: object) -> dict[str, int]:
        return {Path(a.source).name: len(a.text.split()) for a in briefing.articles}  # type: ignore[attr-defined]

    assert words(stored) == words(files)
    assert words(stored)["003_573818f81386d33f.txt"] == 451  # the second story glued on is removed in both
    assert [s.text for s in stored.summary] == [s.text for s in files.summary]
    assert len(stored.conflicts) == len(files.conflicts)


def test_short_news_items_are_kept_whole_and_cluster(shared_data: Path, tmp_path: Path) -> None:
    # headlines and a sentence or two, as feeds and aggregators deliver them (all 300 were rejected)
    lines = (shared_data / "googlenews" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[:300]
    src = tmp_path / "items.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open_store(tmp_path / "s.db") as store:
        report = ingest_paths(store, [src])
        assert report.stored >= 290, report.reasons()
        assert 10 <= store.counts()["stories"] < report.stored  # they group into stories
        stored = store.articles()
        assert all(a.text for a in stored) and sum(a.short for a in stored) >= 290  # the mark is kept
    documents, _ = read_inputs([src])
    briefing = brief_documents(documents[:20])
    assert len(briefing.articles) == 20 and all(a.short for a in briefing.articles)


def test_a_short_input_of_one_word_repeated_is_no_item(tmp_path: Path) -> None:
    src = tmp_path / "junk.txt"
    src.write_text("nothing " * 40)
    with open_store(tmp_path / "s.db") as store:
        report = ingest_paths(store, [src])
    assert (report.stored, report.reasons()["no_body"]) == (0, 1)
