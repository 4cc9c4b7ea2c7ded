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


# -- encodings ---------------------------------------------------------------------------------------

QUOTED = (
    "The country\u2019s leader said on Friday that the \u201cnew plan\u201d would cut costs \u2013 and that 300 "
    "jobs would go. Officials agreed the budget was tight and that more talks would follow next week. "
)


def _cleaned(runner: CliRunner, path: Path) -> dict[str, object]:
    result = runner.invoke(app, ["clean", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16-le", "utf-16-be"])
def test_windows_1252_and_utf16_without_a_bom_are_read(runner: CliRunner, tmp_path: Path, encoding: str) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes((QUOTED * 2).encode(encoding))
    assert _cleaned(runner, src)["text"] == (QUOTED * 2).strip()


def test_a_windows_1252_line_in_a_utf8_file_is_read_as_windows_1252(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "mixed.txt"
    src.write_bytes(
        "The café owner said the town’s festival drew 3,000 visitors on Saturday, a record.\n".encode()
        + "He called it the \u201cbest year yet\u201d for the town\u2019s shops.\n".encode("cp1252")
        + ("Organisers said they would add a second stage next year with the mayor's funding. " * 2).encode()
    )
    text = _cleaned(runner, src)["text"]
    assert "café owner" in text and "town’s festival" in text and "\u201cbest year yet\u201d" in text


def test_zero_width_characters_do_not_split_words(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "zw.txt"
    src.write_text(GOOD.replace("council", "coun\u200bcil").replace("barrier", "bar\u00adrier"))
    text = _cleaned(runner, src)["text"]
    assert "council" in text and "barrier" in text and "coun cil" not in text


def test_an_article_in_chinese_is_not_rejected_for_want_of_spaces(runner: CliRunner, tmp_path: Path) -> None:
    zh = (
        "东京电力公司周四开始将福岛第一核电站的处理水排放入海，此举遭到中国和当地渔民的强烈反对。\n"
        "日本政府表示，经过稀释的处理水符合国际安全标准，国际原子能机构也在七月发布报告予以认可。\n"
        "中国外交部发言人在北京的记者会上说，日方此举是将风险转嫁给全世界，中方已宣布全面暂停进口日本水产品。\n"
        "东京电力公司计划在今年内分四批排放约三万一千二百吨处理水，整个排放过程预计将持续三十年左右。\n"
    )
    (tmp_path / "zh.txt").write_text(zh, encoding="utf-8")
    (tmp_path / "zh2.txt").write_text(zh.replace("周四", "周五"), encoding="utf-8")
    result = runner.invoke(app, ["brief", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 2 and data["articles"][0]["language"] == "zh"


# -- metadata ----------------------------------------------------------------------------------------


def test_a_published_value_that_is_no_date_is_set_aside_not_read_against_the_clock(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = tmp_path / "pub.jsonl"
    rows = [
        {"id": "a", "text": GOOD, "published": "yesterday"},
        {"id": "b", "text": GOOD.replace("Friday", "Monday"), "published": "not a date at all"},
        {"id": "c", "text": GOOD.replace("Friday", "Sunday"), "published": "2019-05-03"},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = runner.invoke(app, ["brief", str(src), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    by_id = {a["id"]: a for a in data["articles"]}
    assert by_id["c"]["published"] == "2019-05-03" and by_id["c"]["published_evidence"] == "published"
    for aid, given in (("a", "yesterday"), ("b", "not a date at all")):
        assert by_id[aid]["published"] in (None, "2019-05-03")  # never today's clock
        assert f"the given published value {given!r} is no date" in by_id[aid]["published_evidence"]
    assert all(entry["date"] < "2020" for entry in data["timeline"])


# -- nothing lost in silence ---------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [300, 3000])
def test_html_nested_beyond_the_parser_limit_keeps_its_text(runner: CliRunner, tmp_path: Path, depth: int) -> None:
    page = f"<p>{GOOD}</p>" * 2
    src = tmp_path / "deep.html"
    src.write_text(
        f"<html><head><title>Barrier</title></head><body>{'<div>' * depth}{page}{'</div>' * depth}</body></html>"
    )
    assert GOOD in _cleaned(runner, src)["text"]


def test_an_unreadable_sub_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsweave.ingest import read_inputs

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(GOOD)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(GOOD)
    real = os.scandir

    def scandir(path: object = ".") -> object:  # root reads every folder: a refusal is simulated
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    docs, rejected = read_inputs([tmp_path])
    assert [Path(d.source).name for d in docs] == ["a.txt"]
    assert [(r.reason, r.message) for r in rejected] == [("unreadable", "cannot read folder: Permission denied")]
    assert rejected[0].source.endswith("locked")


def _warc(gzipped: bool, pages: int = 5) -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for i in range(1, pages + 1):
        body = f"<html><head><title>Story {i}</title></head><body><p>Page {i}. {GOOD}</p></body></html>"
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"http://example.com/{i}", "response", payload=io.BytesIO(body.encode()), http_headers=http
            )
        )
    return out.getvalue()


def _pages(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    from newsweave.ingest import read_inputs

    docs, rejected = read_inputs([path])
    return [d.url or "" for d in docs], [(r.reason, r.message) for r in rejected]


def _bump_length(record: bytes, by: int) -> bytes:
    import re

    m = re.search(rb"Content-Length: (\d+)", record)
    assert m is not None
    return record[: m.start(1)] + str(int(m.group(1)) + by).encode() + record[m.end(1) :]


def test_a_garbled_warc_record_costs_only_itself(tmp_path: Path) -> None:
    records = [b"WARC/1.0" + r for r in _warc(False).split(b"WARC/1.0")[1:]]
    src = tmp_path / "g.warc"
    src.write_bytes(records[0] + b"WARZ/9.9" + records[1][len(b"WARC/1.0") :] + b"".join(records[2:]))
    urls, rejected = _pages(src)
    assert urls == [f"http://example.com/{i}" for i in (1, 3, 4, 5)]
    assert rejected == [("corrupt_record", "unreadable WARC record: first line b'WARZ/9.9'")]


@pytest.mark.parametrize("by", [500, -100])
def test_a_wrong_content_length_loses_no_record(tmp_path: Path, by: int) -> None:
    records = [b"WARC/1.0" + r for r in _warc(False).split(b"WARC/1.0")[1:]]
    src = tmp_path / "l.warc"
    src.write_bytes(records[0] + _bump_length(records[1], by) + b"".join(records[2:]))
    from newsweave.ingest import read_inputs

    docs, rejected = read_inputs([src])
    assert [d.url for d in docs] == [f"http://example.com/{i}" for i in range(1, 6)] and rejected == []
    second = docs[1]
    assert second.content.rstrip().endswith("</html>") and "Page 3" not in second.content
    assert any("Content-Length said" in w for w in second.warnings)


def test_a_truncated_warc_gz_keeps_no_partial_page_and_says_so(tmp_path: Path) -> None:
    data = _warc(True)
    src = tmp_path / "t.warc.gz"
    src.write_bytes(data[: int(len(data) * 0.7)])
    urls, rejected = _pages(src)
    assert urls == [f"http://example.com/{i}" for i in range(1, len(urls) + 1)] and 1 <= len(urls) < 5
    assert rejected == [
        ("truncated_record", "the archive ends inside this record (a truncated file): its page is not kept")
    ]
