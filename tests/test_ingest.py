"""Tests for newsweave.ingest: formats, ids, folders, encodings, and every kind of bad input."""

from __future__ import annotations

import gzip
import hashlib
import json
import tracemalloc
from pathlib import Path

import pytest

from newsweave.config import IngestOptions
from newsweave.errors import InputError, NoArticles, OptionsError, SourceNotFound
from newsweave.ingest import decode, read_inputs
from newsweave.model import Document, Rejected

ARTICLE = (
    "Flood waters forced 1,200 people from their homes in Valencia on Tuesday.\n"
    "Regional officials said the Turia river rose by two metres overnight.\n"
    "Emergency crews rescued 40 people from rooftops, the civil protection agency said.\n"
)
# The same article with what a single-byte encoding must get right: curly quotes, an em dash, accents.
ACCENTED = (
    "The café “Chez René” reopened on Monday — a year after the fire, the mayor said.\n"
    "“It’s the heart of the neighbourhood,” said Zoë Müller, who has run the bakery next door since 1998.\n"
    "Residents queued from 7am for the first crème brûlée served on the terrace.\n"
)
# Latin-1 has no curly quotes or dashes: the same article with straight ones.
ACCENTED_LATIN1 = (
    'The café "Chez René" reopened on Monday - a year after the fire, the mayor said.\n'
    '"It\'s the heart of the neighbourhood," said Zoë Müller, who has run the bakery next door since 1998.\n'
    "Residents queued from 7am for the first crème brûlée served on the terrace.\n"
)
RUSSIAN_PAGE = (
    '<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta charset="windows-1251">\n'
    "<title>Путин встретился с матерями военнослужащих</title>\n</head>\n<body>\n<article>\n"
    "<h1>Путин встретился с матерями военнослужащих</h1>\n"
    "<p>Президент России Владимир Путин в пятницу встретился в Ново-Огарёве с матерями "
    "военнослужащих, участвующих в специальной военной операции.</p>\n"
    "<p>«Мы разделяем вашу боль», — сказал президент, открывая встречу.</p>\n"
    "</article>\n</body>\n</html>\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def _only(items: list[Rejected], source: Path) -> Rejected:
    found = [r for r in items if r.source == str(source)]
    assert len(found) == 1, f"expected one rejection for {source}, got {items}"
    return found[0]


# -- formats -----------------------------------------------------------------------------------------


def test_reads_plain_text_as_is(write) -> None:
    path = write("flood.txt", ARTICLE)
    docs, rejected = read_inputs([path])
    assert rejected == []
    (doc,) = docs
    assert doc == Document(
        id="flood",
        source=str(path),
        content=ARTICLE,
        kind="text",
        encoding="utf-8",
        sha256=hashlib.sha256(ARTICLE.encode()).hexdigest(),
    )


def test_reads_html_and_sniffs_html_without_a_suffix(write) -> None:
    page = "<!DOCTYPE html><html><body><p>" + ARTICLE + "</p></body></html>"
    html = write("page.html", page)
    sniffed = write("page-without-suffix", page)
    docs, rejected = read_inputs([html, sniffed])
    assert rejected == []
    assert [(d.id, d.kind, d.content) for d in docs] == [
        ("page", "html", page),
        ("page-without-suffix", "html", page),
    ]


def test_reads_gzipped_html(write) -> None:
    page = "<html><head><title>Floods</title></head><body><p>" + ARTICLE + "</p></body></html>"
    raw = page.encode("utf-8")
    path = write("story.html.gz", gzip.compress(raw))
    (doc,), rejected = read_inputs([path])
    assert rejected == []
    assert (doc.id, doc.kind, doc.content) == ("story", "html", page)


def test_reads_jsonl_text_and_html_rows_with_metadata(write) -> None:
    rows = [
        {
            "id": "reuters-1",
            "text": ARTICLE,
            "url": "https://www.reuters.com/world/valencia-floods",
            "title": "Floods force 1,200 from homes in Valencia",
            "published": "2024-10-29",
            "outlet": "Reuters",
        },
        {"html": "<html><body><p>" + ARTICLE + "</p></body></html>", "url": "https://example.org/a"},
        {"text": ARTICLE, "date": "2024-10-30"},
    ]
    path = write("feed.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    docs, rejected = read_inputs([path])
    assert rejected == []
    first, second, third = docs
    assert (first.id, first.kind, first.content) == ("reuters-1", "text", ARTICLE)
    assert (first.url, first.title, first.published, first.outlet) == (
        "https://www.reuters.com/world/valencia-floods",
        "Floods force 1,200 from homes in Valencia",
        "2024-10-29",
        "Reuters",
    )
    assert first.source == f"{path}#L1"
    # a row without an id is named by its content (the same rows in another order are the same
    # articles); its line stays in the source
    line2, line3 = path.read_bytes().splitlines()[1:3]
    assert (second.id, second.kind, second.url) == (
        f"feed-{hashlib.sha256(line2).hexdigest()[:10]}",
        "html",
        "https://example.org/a",
    )
    assert second.source == f"{path}#L2" and second.title is None
    assert second.content == rows[1]["html"]
    assert third.id == f"feed-{hashlib.sha256(line3).hexdigest()[:10]}"
    assert third.published == "2024-10-30"  # "date" stands in for "published"
    assert third.sha256 == hashlib.sha256(line3).hexdigest()
    reversed_path = write("feed.jsonl", "\n".join(json.dumps(r) for r in reversed(rows)) + "\n")
    assert sorted(d.id for d in read_inputs([reversed_path])[0]) == sorted(d.id for d in docs)


# -- ids and folders ---------------------------------------------------------------------------------


def test_seed_file_names_give_short_ids(example_dir: Path, seed_documents: list[Document]) -> None:
    assert [d.id for d in seed_documents] == ["000", "001", "002", "003", "004"]
    assert seed_documents[0].source == str(example_dir / "000_b749a60d0badf251.txt")
    assert all(d.kind == "text" and d.encoding == "utf-8" for d in seed_documents)


def test_clashing_ids_are_made_unique_and_stable(write) -> None:
    paths = [
        write("a/000_aaaa.txt", ARTICLE),
        write("b/000_bbbb.txt", ARTICLE),
        write("c/story.txt", ARTICLE),
        write("d/story.txt", ARTICLE),
    ]
    docs, _ = read_inputs(paths)
    assert [d.id for d in docs] == ["000_aaaa", "000_bbbb", "story", "story-2"]
    again, _ = read_inputs(paths)
    assert [d.id for d in again] == [d.id for d in docs]


def test_folders_are_read_recursively_in_name_order_and_other_files_reported(write, tmp_path: Path) -> None:
    write("story/01.txt", ARTICLE)
    write("story/02/03.html", "<html><body><p>" + ARTICLE + "</p></body></html>")
    write("story/04.jsonl", json.dumps({"text": ARTICLE}) + "\n")
    readme = write("story/README.md", "# notes\n")
    image = write("story/02/photo.png", PNG)
    write("story/.DS_Store", b"\x00\x00\x00\x01Bud1")  # hidden files are not articles, nor reported
    docs, rejected = read_inputs([tmp_path / "story"])
    assert [Path(d.source.split("#")[0]).relative_to(tmp_path / "story").as_posix() for d in docs] == [
        "01.txt",
        "02/03.html",
        "04.jsonl",
    ]
    assert sorted((r.source, r.reason) for r in rejected) == sorted(
        [(str(readme), "unsupported"), (str(image), "unsupported")]
    )
    assert ".md" in _only(rejected, readme).message


def test_a_file_named_explicitly_is_read_whatever_its_suffix(write) -> None:
    path = write("notes.md", ARTICLE)
    (doc,), rejected = read_inputs([path])
    assert rejected == []
    assert (doc.kind, doc.content) == ("text", ARTICLE)


# -- encodings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", ACCENTED),
        ("latin-1", ACCENTED_LATIN1),
        ("utf-16", ACCENTED),  # Python writes the byte-order mark
        ("utf-8-sig", ACCENTED),
    ],
)
def test_encodings_are_detected_and_decoded_exactly(write, encoding: str, text: str) -> None:
    raw = text.encode(encoding)
    if encoding.startswith("utf"):
        assert raw[:2] in (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb")  # the BOM is there
    path = write(f"article-{encoding}.txt", raw)
    (doc,), rejected = read_inputs([path])
    assert rejected == []
    assert doc.content == text
    assert doc.warnings == ()
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()  # hash of the bytes, not of the decoded text


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        # Short Western and Central European texts where cp1250 and cp1252 tie on detection scores.
        (
            "latin-1",
            "El Gobierno anunció el martes una rebaja del IVA de los alimentos básicos este año. "
            "La medida costará unos 700 millones de euros, según el ministerio de Hacienda.",
        ),
        (
            "cp1252",
            "Le café a rouvert lundi, a déclaré le maire. Les habitants ont salué la réouverture "
            "d’un lieu très apprécié du quartier.",
        ),
        (
            "cp1250",
            "Vláda schválila ve středu návrh zákona o podpoře bydlení. Ministr řekl, že peníze "
            "dostanou především mladé rodiny. Šéf opozice návrh kritizoval.",
        ),
        (
            "cp1250",
            "Prezydent spotkał się w środę z przedstawicielami samorządów. Rozmowy dotyczyły "
            "źródeł finansowania żłobków w małych gminach.",
        ),
    ],
)
def test_single_byte_european_encodings_are_not_confused(encoding: str, text: str) -> None:
    decoded, _enc, warnings = decode(text.encode(encoding))
    assert decoded == text
    assert warnings == []


def test_html_meta_charset_is_honoured(write) -> None:
    raw = RUSSIAN_PAGE.encode("windows-1251")
    path = write("putin.html", raw)
    (doc,), rejected = read_inputs([path])
    assert rejected == []
    assert doc.kind == "html"
    assert doc.encoding == "windows-1251"
    assert doc.content == RUSSIAN_PAGE
    assert "«Мы разделяем вашу боль»" in doc.content


def test_a_few_broken_bytes_in_utf8_are_replaced_with_a_warning(write) -> None:
    raw = (ACCENTED * 3).encode("utf-8") + b"\xe2\x80"  # truncated at the end, as scrapers do
    (doc,), rejected = read_inputs([write("cut.txt", raw)])
    assert rejected == []
    assert doc.content == ACCENTED * 3 + "\ufffd"
    assert doc.encoding == "utf-8"
    assert len(doc.warnings) == 1 and "replaced" in doc.warnings[0]


# -- bad input: each is rejected with a reason, and the good files of the run are still read --------


def _read_with_good(write, bad: Path, **options: int) -> tuple[list[Document], list[Rejected]]:
    good = write("good.txt", ARTICLE)
    docs, rejected = read_inputs([good, bad], options=IngestOptions(**options))
    assert [d.source for d in docs] == [str(good)]
    assert docs[0].content == ARTICLE
    return docs, rejected


def test_empty_file(write) -> None:
    bad = write("empty.txt", b"")
    _, rejected = _read_with_good(write, bad)
    r = _only(rejected, bad)
    assert r.reason == "empty"
    assert "empty" in r.message


def test_whitespace_only_file(write) -> None:
    bad = write("blank.txt", " \n\t\r\n  \n")
    _, rejected = _read_with_good(write, bad)
    assert _only(rejected, bad).reason == "empty"


@pytest.mark.parametrize(
    "content",
    [PNG, b"Flood waters\x00\x00\x00 forced\x00 1,200 people\x00" * 20],
    ids=["png-header", "nul-bytes"],
)
def test_binary_file(write, content: bytes) -> None:
    bad = write("photo.txt", content)
    _, rejected = _read_with_good(write, bad)
    r = _only(rejected, bad)
    assert r.reason == "binary"
    assert "binary" in r.message


def test_file_over_the_size_limit(write) -> None:
    bad = write("huge.txt", ARTICLE * 10)
    _, rejected = _read_with_good(write, bad, max_bytes=len(ARTICLE) + 10)
    r = _only(rejected, bad)
    assert r.reason == "too_large"
    assert "--max-bytes" in r.message  # says how to get past it


def test_gzipped_file_over_the_size_limit_once_decompressed(write) -> None:
    bad = write("bomb.html.gz", gzip.compress(b"<html><body><p>" + b"a " * 50_000 + b"</p></body></html>"))
    assert bad.stat().st_size < 1_000
    _, rejected = _read_with_good(write, bad, max_bytes=10_000)
    assert _only(rejected, bad).reason == "too_large"


def test_corrupt_gzip(write) -> None:
    page = b"<html><body><p>" + ARTICLE.encode() + b"</p></body></html>"
    bad = write("broken.html.gz", gzip.compress(page)[:30])
    _, rejected = _read_with_good(write, bad)
    assert _only(rejected, bad).reason == "corrupt"


def test_a_50_mb_file_is_rejected_without_being_read(write) -> None:
    bad = write("dump.txt", b"")
    with bad.open("r+b") as fh:
        fh.truncate(50_000_000)  # sparse: 50 MB on paper, nothing on disk
    tracemalloc.start()
    try:
        _, rejected = _read_with_good(write, bad)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    r = _only(rejected, bad)
    assert r.reason == "too_large"
    assert "50.0 MB" in r.message
    assert peak < 5_000_000, f"{peak / 1e6:.1f} MB allocated: the file was read"


def test_a_50_mb_jsonl_line_is_rejected_without_being_read(write) -> None:
    bad = write("feed.jsonl", json.dumps({"text": ARTICLE}) + "\n")
    with bad.open("r+b") as fh:
        fh.seek(0, 2)
        fh.truncate(50_000_000)  # line 2: 50 MB of NULs, no newline
    tracemalloc.start()
    try:
        docs, rejected = read_inputs([bad], options=IngestOptions(max_bytes=1_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.content for d in docs] == [ARTICLE]
    r = _only(rejected, Path(f"{bad}#L2"))
    assert r.reason == "too_large"
    assert peak < 10_000_000, f"{peak / 1e6:.1f} MB allocated: the line was read whole"


def test_undecodable_bytes(write) -> None:
    bad = write("garbage.txt", bytes(range(0x80, 0x100)) * 20)
    _, rejected = _read_with_good(write, bad)
    r = _only(rejected, bad)
    assert r.reason == "undecodable"
    assert "undecodable" in r.message


def test_invalid_jsonl_line_is_reported_with_its_number_and_other_lines_are_read(write) -> None:
    lines = [
        json.dumps({"id": "a", "text": ARTICLE}),
        '{"id": "b", "text": "Flood waters forced 1,200 people from their',  # cut mid-row
        "",
        json.dumps({"id": "c", "text": ARTICLE}),
    ]
    path = write("feed.jsonl", "\n".join(lines) + "\n")
    docs, rejected = read_inputs([path])
    assert [d.id for d in docs] == ["a", "c"]
    assert [d.source for d in docs] == [f"{path}#L1", f"{path}#L4"]
    r = _only(rejected, Path(f"{path}#L2"))
    assert r.reason == "invalid_jsonl"
    assert "line 2" in r.message


@pytest.mark.parametrize(
    "row",
    [{"id": "x", "title": "Floods", "url": "https://example.org"}, {"id": "x", "text": 42}, ["a", "list"]],
    ids=["no-text-or-html", "text-not-a-string", "not-an-object"],
)
def test_jsonl_row_without_text_or_html(write, row: object) -> None:
    path = write("feed.jsonl", json.dumps({"id": "ok", "text": ARTICLE}) + "\n" + json.dumps(row) + "\n")
    docs, rejected = read_inputs([path])
    assert [d.id for d in docs] == ["ok"]
    r = _only(rejected, Path(f"{path}#L2"))
    assert r.reason == "invalid_jsonl"
    assert "line 2" in r.message


def test_jsonl_row_with_empty_text(write) -> None:
    rows = [{"id": "ok", "text": ARTICLE}, {"text": "  "}]
    path = write("feed.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    docs, rejected = read_inputs([path])
    assert [d.id for d in docs] == ["ok"]
    assert _only(rejected, Path(f"{path}#L2")).reason == "empty"


def test_missing_path_raises_source_not_found(write, tmp_path: Path) -> None:
    good = write("good.txt", ARTICLE)
    missing = tmp_path / "no-such-folder"
    with pytest.raises(SourceNotFound) as info:
        read_inputs([good, missing])
    assert info.value.source == str(missing)
    assert str(missing) in str(info.value)
    assert isinstance(info.value, InputError) and info.value.exit_code == 2


def test_folder_with_no_usable_article_raises_no_articles(write, tmp_path: Path) -> None:
    write("bad/empty.txt", b"")
    write("bad/photo.txt", PNG)
    write("bad/notes.md", "# nothing here\n")
    with pytest.raises(NoArticles) as info:
        read_inputs([tmp_path / "bad"])
    message = str(info.value)
    assert "empty.txt (empty)" in message
    assert "photo.txt (binary)" in message


def test_empty_folder_raises_no_articles(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    with pytest.raises(NoArticles, match="empty_folder"):
        read_inputs([tmp_path / "nothing"])


def test_ingest_options_reject_a_nonsense_limit() -> None:
    with pytest.raises(OptionsError, match="max_bytes"):
        IngestOptions(max_bytes=0)
