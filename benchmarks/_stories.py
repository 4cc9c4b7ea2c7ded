"""Multi-article stories for ``benchmarks/facts.py``: the seeds, ECB+ events and Multi-News stories.

Every story is read once, cleaned by the real pipeline (``clean_documents``) and cached in-process.
Three corpora:

* ``seeds``: ``examples/putin-mothers`` through ``read_inputs`` (one story);
* ``ecb``: every ECB+ dev event (``cluster``) with at least :data:`ECB_MIN_ARTICLES` articles, each
  article its title and text as scraped text, with the row's date. ECB+ texts carry the spaces of the
  corpus's tokeniser ("14. 1", "43 - 39", "U. S.", "year - old", "- -", "(. 535)", "9: 11"); they are
  undone here, in the benchmark's loader, never in the product (:func:`detokenize`);
* ``multinews``: every Multi-News dev story with at least :data:`MN_MIN_DOCUMENTS` documents.

A story is kept when at least :data:`MIN_CLEANED` articles survive cleaning. Each story carries a
``half`` label so that a method tuned on one half can be reported on the other: ECB+ ``odd``/``even``
by topic number, Multi-News ``even``/``odd`` by line index in the file (0-based); the seeds have none.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from newsweave.clean import clean_documents
from newsweave.ingest import read_inputs
from newsweave.model import Article, Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "examples" / "putin-mothers"
ECB_FILE = Path("ecbplus") / "dev.jsonl"
MN_FILE = Path("mds") / "multinews_dev.jsonl"

ECB_MIN_ARTICLES = 4
MN_MIN_DOCUMENTS = 3
MIN_CLEANED = 3
CORPORA = ("seeds", "ecb", "multinews")
# Stories left out because fewer than MIN_CLEANED articles survived cleaning, by corpus.
DROPPED: dict[str, list[str]] = {}


@dataclass
class Story:
    """One story, cleaned once.

    Attributes:
        name: unique, human-readable ("seeds", "ecb 13_ecb", "multinews L007").
        corpus: ``seeds``, ``ecb`` or ``multinews``.
        half: ``odd``/``even`` (ECB+ topic, Multi-News line index) or ``None`` for the seeds.
        articles: the cleaned articles.
        raw_documents: how many documents the story had before cleaning.
        meta: where it came from (cluster, topic, line, id).
    """

    name: str
    corpus: str
    half: str | None
    articles: list[Article]
    raw_documents: int
    meta: dict[str, Any] = field(default_factory=dict)


# -- ECB+ tokenisation artefacts ---------------------------------------------------------------------

# Words around a spaced hyphen that mark it as a dash between clauses ("for a while - at least"), not
# a compound ("year - old", "free - agent"). A chain "X - to - Y" is still a compound.
_DASH_WORDS = frozenset(
    "a an the and or but nor at in on of to for with by from as is was are were be been he she it they "
    "we i you that this which who whom whose not no so if then than when while where after before".split()
)
# ... except in these compounds: "check - in", "follow - up", "at - risk", "in - laws", "no - show".
_PARTICLES = frozenset("in up out off on down over by".split())
_PREFIXES = frozenset("at in no non on off out up down over by".split())

# Patterns of the corpus's tokeniser, counted before and after :func:`detokenize` (the run reports both).
ARTEFACTS: dict[str, re.Pattern[str]] = {
    "decimal '14. 1'": re.compile(r"(?<!\d)\d{1,3}\. \d"),
    "digits '43 - 39'": re.compile(r"\d - \d"),
    "initials 'U. S.'": re.compile(r"\b[A-Za-z]\. [A-Za-z]\."),
    "compound 'year - old'": re.compile(r"\b[A-Za-z]+ - [a-z]+ - [a-z]+\b|\byear - old\b"),
    "double dash '- -'": re.compile(r"- -"),
    "leading point '(. 535)'": re.compile(r"\(\. \d"),
    "leading point 'a. 38 caliber'": re.compile(r"\w\. \d{2,3}(?=[- ]+(?:caliber|calibre|[Mm]agnum)|,? with)"),
    "time '9: 11'": re.compile(r"(?<!\d)\d{1,2}: \d\d(?!\d)"),
    "closing quote ', \" '": re.compile(r"[,.?!] \"(?=\s|$)"),
    "thousands '20, 000'": re.compile(r"(?<!\d)\d{1,3}, \d{3}(?!\d)"),
    "apostrophe 'she’ s'": re.compile(r"\w’ (?:s|t|re|ve|ll|d|m)\b"),
    "any 'word - word'": re.compile(r"\w - \w"),
}


def _join_decimal(m: re.Match[str]) -> str:
    left = m.group(1)
    # "in 2009. 5 people ..." would be a sentence end after a year; ECB+ keeps sentences on lines,
    # but do not glue a year to the next number anyway.
    if len(left) == 4 and left.isdigit() and 1900 <= int(left) <= 2100:
        return m.group(0)
    return f"{left}.{m.group(2)}"


def _join_hyphens(line: str) -> str:
    """Join "w - w" into "w-w" for compounds, keep it for dashes between clauses."""
    parts = re.split(r"(?<=\w) - (?=\w)", line)
    if len(parts) == 1:
        return line
    out = parts[0]
    for i in range(1, len(parts)):
        left_word = re.search(r"[\w']+$", out)
        right_word = re.match(r"[\w']+", parts[i])
        lw = left_word.group(0) if left_word else ""
        rw = right_word.group(0) if right_word else ""
        # the chain continues after the right word ("year - old" in "30 - year - old"; "to" in "face - to - face")
        chain_right = i + 1 < len(parts) and re.fullmatch(r"[\w']+", parts[i]) is not None
        chain_left = i > 1 and re.fullmatch(r"[\w']+", parts[i - 1]) is not None
        digits = lw[-1:].isdigit() and rw[:1].isdigit()
        numeric = lw[-1:].isdigit() or rw[:1].isdigit()
        function = lw.lower() in _DASH_WORDS or rw.lower() in _DASH_WORDS
        if function and lw.islower() and rw.islower():
            particle = rw in _PARTICLES and lw not in _DASH_WORDS
            prefix = lw in _PREFIXES and rw not in _DASH_WORDS
            function = not (particle or prefix)
        dateline = len(lw) >= 2 and lw.isupper() and rw[:1].isupper() and not rw.isupper()
        if digits or numeric or ((chain_left or chain_right) and not dateline):
            join = True
        else:
            join = not function and not dateline
        out += ("-" if join else " - ") + parts[i]
    return out


def detokenize(text: str) -> str:
    """Undo the ECB+ tokeniser's spaces.

    "14. 1" -> "14.1", "43 - 39" -> "43-39", "U. S." -> "U.S.", "36 - year - old" -> "36-year-old",
    "- -" -> "--", "20, 000" -> "20,000", "(. 535)" -> "(.535)", "a. 38 - caliber" -> "a .38-caliber",
    "9: 11" -> "9:11", 'now, " he said' -> 'now," he said', "she’ s" -> "she’s". For the benchmark's
    loader only; the product never sees the spaced form.
    """
    t = re.sub(r"(?<=\s)- -(?=\s)", "--", text)
    t = re.sub(r"(?<!\d)(\d{1,4})\. (\d)", _join_decimal, t)
    t = re.sub(r"\(\. (\d)", r"(.\1", t)
    # "a. 38 - caliber" was "a .38-caliber"; "hit. 308, with" was "hit .308, with"
    t = re.sub(r"(\w)\. (\d{2,3})(?=[- ]+(?:caliber|calibre|[Mm]agnum)|,? with)", r"\1 .\2", t)
    prev = None
    while prev != t:  # "1, 000, 000" needs two passes
        prev = t
        t = re.sub(r"(?<!\d)(\d{1,3}(?:,\d{3})*), (\d{3})(?!\d)", r"\1,\2", t)
    t = re.sub(r"(?<!\d)(\d{1,2}): (\d\d)(?!\d)", r"\1:\2", t)
    prev = None
    while prev != t:  # "U. S. A." needs two passes
        prev = t
        t = re.sub(r"\b([A-Za-z])\. (?=[A-Za-z]\.)", r"\1.", t)
    t = "\n".join(_join_hyphens(line) for line in t.split("\n"))
    t = re.sub(r'([,.?!]) "(?=\s|$)', r'\1"', t)
    t = re.sub(r"(\w)’ (s|t|re|ve|ll|d|m)\b", r"\1’\2", t)
    return t


def artefact_counts(texts: Iterable[str]) -> dict[str, int]:
    """How often each tokeniser pattern of :data:`ARTEFACTS` occurs in the texts."""
    counts = dict.fromkeys(ARTEFACTS, 0)
    for t in texts:
        for name, pattern in ARTEFACTS.items():
            counts[name] += len(pattern.findall(t))
    return counts


# -- loaders ----------------------------------------------------------------------------------------


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def ecb_documents(rows: Iterable[dict[str, Any]], *, fix: bool = True) -> list[Document]:
    """ECB+ rows as scraped-text documents (title, newline, text), tokeniser spaces undone when ``fix``."""
    out = []
    for r in rows:
        content = (r.get("title") or "") + "\n" + r["text"]
        out.append(
            Document(
                id=r["id"],
                source=f"ecbplus/dev.jsonl#{r['id']}",
                content=detokenize(content) if fix else content,
                kind="text",
                published=r.get("date"),
            )
        )
    return out


_MN_SEPARATOR = re.compile(r"\s*\|\|\|\|\|\s*")


def multinews_text(doc: str) -> str:
    """A Multi-News document without the data set's artefacts ("|||||" separators, NEWLINE_CHAR)."""
    doc = doc.replace("NEWLINE_CHAR", "\n")
    return _MN_SEPARATOR.sub("\n", doc).strip()


def _clean(docs: list[Document]) -> list[Article]:
    return clean_documents(docs)[0]


@cache
def load_corpus(data: Path, corpus: str) -> tuple[Story, ...]:
    """Every story of one corpus, cleaned (cached for the life of the process)."""
    if corpus == "seeds":
        docs, _ = read_inputs([SEEDS_DIR])
        stories = [Story("seeds", "seeds", None, _clean(docs), len(docs), {"path": str(SEEDS_DIR)})]
    elif corpus == "ecb":
        clusters: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in _jsonl(data / ECB_FILE):
            clusters[row["cluster"]].append(row)
        stories = []
        for name in sorted(clusters, key=lambda c: (int(c.split("_")[0]), c)):
            rows = clusters[name]
            if len(rows) < ECB_MIN_ARTICLES:
                continue
            topic = int(rows[0]["topic"])
            stories.append(
                Story(
                    f"ecb {name}",
                    "ecb",
                    "odd" if topic % 2 else "even",
                    _clean(ecb_documents(rows)),
                    len(rows),
                    {"cluster": name, "topic": topic},
                )
            )
    elif corpus == "multinews":
        stories = []
        rank = 0
        for line, row in enumerate(_jsonl(data / MN_FILE)):
            documents = [multinews_text(d) for d in row["documents"]]
            documents = [d for d in documents if d]
            if len(documents) < MN_MIN_DOCUMENTS:
                continue
            docs = [
                Document(
                    id=f"{row['id']}-{i}",
                    source=f"mds/multinews_dev.jsonl#L{line + 1}:{i}",
                    content=d,
                    kind="text",
                )
                for i, d in enumerate(documents)
            ]
            stories.append(
                Story(
                    f"multinews L{line:03d}",
                    "multinews",
                    "even" if line % 2 == 0 else "odd",
                    _clean(docs),
                    len(docs),
                    # rank: position among the stories with enough documents, before cleaning
                    {"line": line, "id": row["id"], "rank": rank},
                )
            )
            rank += 1
    else:
        raise ValueError(f"unknown corpus {corpus!r}")
    DROPPED[corpus] = [
        f"{s.name} ({len(s.articles)} of {s.raw_documents} cleaned)" for s in stories if len(s.articles) < MIN_CLEANED
    ]
    return tuple(s for s in stories if len(s.articles) >= MIN_CLEANED)


def load_stories(data: Path, corpora: Iterable[str], limit: int | None = None) -> list[Story]:
    """The stories of the given corpora, in corpus order; ``limit`` keeps the first N of each corpus."""
    out: list[Story] = []
    for corpus in corpora:
        stories = list(load_corpus(data, corpus))
        out.extend(stories[:limit] if limit else stories)
    return out


def ecb_artefact_report(data: Path) -> dict[str, dict[str, int]]:
    """Tokeniser patterns in the ECB+ texts before and after :func:`detokenize`."""
    raw = [(r.get("title") or "") + "\n" + r["text"] for r in _jsonl(data / ECB_FILE)]
    return {"before": artefact_counts(raw), "after": artefact_counts(detokenize(t) for t in raw)}
