"""Tests for newsweave.cli, in process through typer's CliRunner: outputs, exit codes, messages."""

from __future__ import annotations

import html
import inspect
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave import __version__, render
from newsweave.cli import app

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
CLEAN_KEYS = {"id", "source", "title", "published", "language", "machine_translated", "text", "removed"}


@pytest.fixture
def runner() -> CliRunner:
    """A runner that keeps stderr apart from stdout (click < 8.2 needs ``mix_stderr=False`` for that)."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    return CliRunner()


@pytest.fixture
def seed(example_dir: Path) -> Path:
    return example_dir / "001_50c34521cb357cb5.txt"


@pytest.mark.parametrize("fmt", ["json", "markdown", "html"])
def test_brief_writes_each_format_to_out(runner: CliRunner, example_dir: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"briefing.{fmt}"
    result = runner.invoke(app, ["brief", str(example_dir), "--format", fmt, "--out", str(out), "-n", "4"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # everything went to the file
    assert f"wrote {out}" in result.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        render.validate(data)
        assert [a["id"] for a in data["articles"]] == ["000", "001", "002", "003", "004"]
        assert len(data["summary"]) == 4
    elif fmt == "markdown":
        assert text.startswith("# 'We share your pain' - Vladimir Putin tells mothers of soldiers")
        assert "## Summary" in text
    else:
        assert text.startswith("<!DOCTYPE html>")
        assert html.escape("'We share your pain' - Vladimir Putin tells mothers") in text


def test_brief_json_goes_to_stdout_without_out(runner: CliRunner, example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "-f", "json", "--sentences", "2"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)  # nothing but the JSON document on stdout
    render.validate(data)
    assert len(data["summary"]) == 2


def test_brief_terminal_view(runner: CliRunner, example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir)])
    assert result.exit_code == 0, result.stderr
    assert "We share your pain" in result.stdout


def test_clean_jsonl_gives_one_object_per_input(runner: CliRunner, example_dir: Path) -> None:
    files = [example_dir / "000_b749a60d0badf251.txt", example_dir / "002_5ed231bf4f7a6f2e.txt"]
    result = runner.invoke(app, ["clean", *map(str, files), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert CLEAN_KEYS <= first.keys() and CLEAN_KEYS <= second.keys()
    assert (first["id"], second["id"]) == ("000", "002")
    assert (first["source"], second["source"]) == (str(files[0]), str(files[1]))
    assert (first["machine_translated"], second["machine_translated"]) == (True, False)
    assert first["language"] == "en"
    assert "Advertisement" not in second["text"]
    assert {"text": "Advertisement", "reason": "boilerplate"}.items() <= second["removed"][0].items()


def test_clean_text_format_shows_body_and_removed(runner: CliRunner, seed: Path) -> None:
    result = runner.invoke(app, ["clean", str(seed)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# 001  Putin to meet the mums of Russian soldiers on Mother’s Day")
    assert "Vladimir Putin will meet the mothers of Russian soldiers" in result.stdout
    assert "[boilerplate: donation appeal] Your support makes all the difference." in result.stdout


def test_missing_path_exits_2_with_one_line_naming_it(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "[draft]" / "nowhere.txt"  # brackets must not be eaten as console markup
    for command in ("brief", "clean"):
        result = runner.invoke(app, [command, str(missing)])
        assert result.exit_code == 2
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert str(missing) in lines[0]
        assert "NW101" in lines[0]


def test_folder_where_every_file_is_bad_exits_2(runner: CliRunner, write, tmp_path: Path) -> None:
    write("bad/empty.txt", b"")
    write("bad/photo.txt", PNG)
    result = runner.invoke(app, ["brief", str(tmp_path / "bad"), "-f", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "empty.txt (empty)" in result.stderr
    assert "photo.txt (binary)" in result.stderr


def test_folder_with_one_good_and_one_bad_file_exits_0_and_reports_the_bad_one(
    runner: CliRunner, write, tmp_path: Path, seed: Path
) -> None:
    write("story/001.txt", seed.read_bytes())
    bad = write("story/[old] photo.txt", PNG)
    result = runner.invoke(app, ["brief", str(tmp_path / "story"), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert f"skipped {bad}: binary data" in result.stderr
    data = json.loads(result.stdout)
    assert [a["id"] for a in data["articles"]] == ["001"]
    assert [r["source"] for r in data["rejected"]] == [str(bad)]


@pytest.mark.parametrize("value", ["0", "-3"])
def test_sentences_below_one_exits_2(runner: CliRunner, example_dir: Path, value: str) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--sentences", value])
    assert result.exit_code == 2
    assert "--sentences must be >= 1" in result.stderr


def test_max_bytes_rejects_big_files(runner: CliRunner, example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--max-bytes", "100"])
    assert result.exit_code == 2
    assert "too_large" in result.stderr


def test_terminal_format_refuses_out(runner: CliRunner, seed: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["brief", str(seed), "--out", str(tmp_path / "x.txt")])
    assert result.exit_code == 1
    assert "use json, markdown or html" in result.stderr
    assert not (tmp_path / "x.txt").exists()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == __version__
