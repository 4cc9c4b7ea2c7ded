"""Bad and unusual inputs, as a new user's files have them: each gets one clear line naming the input
(or a silent repair that loses nothing), a stated exit code, and the good inputs beside it intact."""

from __future__ import annotations

import gzip
import inspect
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app

GOOD = (
    "The city council approved the new flood barrier on Friday after a long debate, officials said. "
    "The barrier cost 3 million euros and took four years to build, according to the mayor's office. "
    "Residents of the low-lying district had asked for it since the floods of 2019 damaged 400 homes."
)


@pytest.fixture
def runner() -> CliRunner:
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    return CliRunner()


def _rows(*texts: str) -> str:
    return "".join(json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in enumerate(texts))


def _errors(result: object) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(("error", "skipped"))]  # type: ignore[attr-defined]


# -- one bad row or file among good ones -------------------------------------------------------------


def test_a_lone_surrogate_in_a_jsonl_row_is_replaced_and_every_row_kept(runner: CliRunner, tmp_path: Path) -> None:
    rows = _rows(GOOD, GOOD.replace("Friday", "Monday"), GOOD.replace("Friday", "Sunday"))
    rows = rows.replace("new flood", "new \\ud800 flood", 1)  # JSON escapes a surrogate no UTF-8 text holds
    src = tmp_path / "rows.jsonl"
    src.write_text(rows)
    for command in (["clean", str(src), "--format", "jsonl"], ["brief", str(src), "--format", "json"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.stderr
    out = runner.invoke(app, ["clean", str(src), "--format", "jsonl"]).stdout.splitlines()
    assert len(out) == 3 and "new \ufffd flood" in json.loads(out[0])["text"]
    result = runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0 and "stored 3" in result.stderr


def test_a_truncated_jsonl_gz_keeps_the_rows_before_the_cut(runner: CliRunner, tmp_path: Path) -> None:
    data = gzip.compress(_rows(*(f"{GOOD} Report {i}." for i in range(60))).encode())
    src = tmp_path / "cut.jsonl.gz"
    src.write_bytes(data[: len(data) // 2])
    result = runner.invoke(app, ["clean", str(src), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    kept = len(result.stdout.splitlines())
    assert 0 < kept < 60
    assert _errors(result) == [f"skipped {src}: compressed data truncated after {kept} rows: the rest is lost"]


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8(runner: CliRunner, tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(folder + b"/in\xfe.jsonl", "wb") as fh:
        fh.write(_rows(GOOD, GOOD.replace("Friday", "Monday")).encode())
    src = os.fsdecode(folder + b"/in\xfe.jsonl")
    out = os.fsdecode(folder + b"/out\xff.json")
    result = runner.invoke(app, ["brief", src, "--format", "json", "--out", out])
    assert result.exit_code == 0, result.stderr
    data = json.loads(Path(out).read_text(encoding="utf-8"))
    assert data["articles"][0]["source"].endswith("in\\xfe.jsonl#L1")
    result = runner.invoke(app, ["ingest", src, "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0 and "stored 2" in result.stderr, result.stderr


def test_jsonl_output_escapes_what_line_readers_split_on(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(
        GOOD.replace("debate, ", "debate,\u2028").replace("mayor's", "mayor's\u0085").replace(". Res", ".\u2029Res")
    )
    result = runner.invoke(app, ["clean", str(src), "--format", "jsonl"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1  # str.splitlines splits on U+2028, U+2029 and U+0085
    text = json.loads(result.stdout)["text"]
    assert "\u2028" in text and "\u2029" in text and "\u0085" in text
