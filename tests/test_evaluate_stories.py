"""``newsweave eval stories``: B-cubed, stream order, the baseline, reading data, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.cluster import StoryItem
from newsweave.errors import DatasetError
from newsweave.evaluate import stories as S


def test_bcubed_on_known_cases() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert S.bcubed(gold, gold) == (1.0, 1.0, 1.0)
    p, r, f = S.bcubed({"a": "1", "b": "1", "c": "1", "d": "1"}, gold)  # all in one
    assert (p, r) == (0.5, 1.0) and f == pytest.approx(2 / 3)
    p, r, _ = S.bcubed({"a": "1", "b": "2", "c": "3", "d": "4"}, gold)  # all apart
    assert (p, r) == (1.0, 0.5)


def test_rows_stream_in_date_order_undated_first_ties_in_file_order() -> None:
    rows = [S.Row("a", "", "t", "2024-01-02", "x"), S.Row("b", "", "t", None, "x"),
            S.Row("c", "", "t", "2024-01-01", "y"), S.Row("d", "", "t", "2024-01-01", "y")]  # fmt: skip
    assert [r.id for r in S.stream_order(rows)] == ["b", "c", "d", "a"]


def test_bad_rows_are_skipped_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    good = {"id": "1", "text": "Floods hit the valley.", "cluster": "k"}
    path.write_text(
        "\n".join([json.dumps(good), "{oops", json.dumps({"id": "2", "text": ""}), json.dumps({"id": "3", "text": "x"}),
                   json.dumps(good)]) + "\n", encoding="utf-8")  # fmt: skip
    rows, skipped = S.read_dataset(path)
    assert [r.id for r in rows] == ["1"]
    assert [s.split(":")[0] for s in skipped] == ["line 2", "line 3", "line 4", "line 5"]
    assert "cluster" in skipped[2] and "repeats" in skipped[3]
    with pytest.raises(DatasetError):
        S.read_dataset(tmp_path / "missing.jsonl")


def test_the_baseline_groups_same_story_texts() -> None:
    base = S.TfidfSinglePass()
    texts = [
        "Storm floods the river valley and closes the bridge near the old mill.",
        "The river valley storm closes the bridge; floods reach the old mill.",
        "Chess champion wins the title after a long final game in Madrid.",
    ]
    labels = [base.add(StoryItem(str(i), "", t)) for i, t in enumerate(texts)]
    assert labels[0] == labels[1] != labels[2]


def test_evaluate_on_ecbplus_rows_scores_both_systems(shared_data: Path) -> None:
    rows, _ = S.read_dataset(shared_data / "ecbplus" / "dev.jsonl", limit=80)
    report = S.evaluate(rows)
    assert set(report.scores) == {"newsweave", "tfidf"}
    for sc in report.scores.values():
        assert 0 < sc["precision"] <= 1 and 0 < sc["recall"] <= 1 and sc["articles_per_second"] > 0
    assert set(report.assignments) == {r.id for r in rows}


def test_cli_json_and_errors(shared_data: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    path = shared_data / "googlenews" / "dev.jsonl"
    result = runner.invoke(app, ["eval", "stories", str(path), "--limit", "200", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["scores"]) == {"newsweave", "tfidf"} and len(data["assignments"]) == 200
    result = runner.invoke(app, ["eval", "stories", str(path), "--limit", "50"])
    assert result.exit_code == 0 and "B-cubed" in result.stdout
    result = runner.invoke(app, ["eval", "stories", str(path), "--systems", "kmeans"])
    assert result.exit_code == 2 and "kmeans" in result.output
    result = runner.invoke(app, ["eval", "stories", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
