"""``newsweave eval summaries``: ROUGE of the summariser on a multi-document benchmark, beside the
classic baselines scored in the same run.

A data set is JSONL, one story a line: ``{"id", "documents": [str, ...], "summaries": [str, ...]}``
(the format of ../shared/data/mds/). Every system sees the same sentences (newsweave's splitter) and
its output is cut to the same word budget before scoring:

- ``newsweave``: :func:`newsweave.brief.extractive.summarize` on the documents as given;
- ``lead``: the first sentence of each document in turn, then the second … (the usual MDS lead);
- ``lead-first``: the first document's sentences, then the next document's (often stronger);
- ``lexrank`` and ``textrank``: sumy's implementations, sentences taken by rank until the budget.

Scores are ``rouge-score``'s F1 x 100 with stemming, ``rougeLsum`` over newline-separated sentences;
with several references the best is kept (``score_multi``). Speed is stories per second of the
summariser alone (scoring excluded), on one core.

``rouge-score`` and ``sumy`` are the ``eval`` extra (``pip install "newsweave[eval]"``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.brief.extractive import summarize
from newsweave.config import SummaryOptions
from newsweave.dedup import find_syndication
from newsweave.errors import DatasetError, MissingExtra
from newsweave.evaluate import jsonl_rows
from newsweave.model import Article
from newsweave.sentences import split_sentences

SYSTEMS = ("newsweave", "lead", "lead-first", "lexrank", "textrank")
METRICS = ("rouge1", "rouge2", "rougeLsum")


@dataclass(frozen=True)
class Story:
    """One benchmark story: its documents and human reference summaries."""

    id: str
    documents: tuple[str, ...]
    summaries: tuple[str, ...]


@dataclass
class Report:
    """Scores per system (mean F1 x 100 per metric, and stories per second) and newsweave's summaries."""

    words: int
    stories: int
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    summaries: list[dict[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` output."""
        return {
            "words": self.words,
            "n": self.stories,
            "scores": self.scores,
            "stories": self.summaries,
            "skipped": self.skipped,
        }


def read_dataset(path: str | Path, *, limit: int | None = None) -> tuple[list[Story], list[str]]:
    """Read a benchmark JSONL file.

    Args:
        path: the file.
        limit: read at most this many stories.

    Returns:
        The stories, and one message per line that could not be used (the rest is still read).

    Raises:
        DatasetError: the file does not exist or holds no usable story.
    """
    p = Path(path)
    stories: list[Story] = []
    skipped: list[str] = []
    for n, row in jsonl_rows(p, skipped, shape="{id, documents, summaries}"):
        if limit is not None and len(stories) >= limit:
            break
        problem = _row_problem(row)
        if problem:
            skipped.append(f"line {n}: {problem}")
            continue
        docs = tuple(d for d in row["documents"] if d.strip())
        stories.append(Story(str(row.get("id", f"line-{n}")), docs, tuple(row["summaries"])))
    if not stories:
        first = f" ({skipped[0]})" if skipped else ""
        raise DatasetError(f"no usable story in the file{first}", source=str(p))
    return stories, skipped


def _row_problem(row: object) -> str | None:
    if not isinstance(row, dict):
        return "not a JSON object"
    docs, refs = row.get("documents"), row.get("summaries")
    if not isinstance(docs, list) or not all(isinstance(d, str) for d in docs) or not any(d.strip() for d in docs):
        return '"documents" must be a non-empty list of strings'
    if not isinstance(refs, list) or not refs or not all(isinstance(r, str) and r.strip() for r in refs):
        return '"summaries" must be a non-empty list of strings'
    return None


# -- systems -----------------------------------------------------------------------------------------


def _articles(story: Story) -> list[Article]:
    return [Article(id=f"d{i}", source=f"{story.id}#d{i}", text=t) for i, t in enumerate(story.documents)]


def _sentences(story: Story) -> list[list[str]]:
    return [[s.text for s in split_sentences(a)] for a in _articles(story)]


def newsweave_summary(story: Story, words: int) -> list[str]:
    """newsweave's extractive summary of a story, its last sentence allowed to cross the budget."""
    articles = _articles(story)
    syndication = find_syndication(articles) if len(articles) > 1 else ()
    opts = SummaryOptions(sentences=None, words=words)
    return [s.text for s in summarize(articles, syndication, options=opts, overflow=True)]


def lead_summary(story: Story, words: int) -> list[str]:
    """The first sentence of each document in turn, then the second, …"""
    docs = _sentences(story)
    out = [d[k] for k in range(max(map(len, docs), default=0)) for d in docs if k < len(d)]
    return _fill(out, words)


def lead_first_summary(story: Story, words: int) -> list[str]:
    """The documents' sentences in order, first document first."""
    return _fill([s for d in _sentences(story) for s in d], words)


def _fill(sentences: Iterable[str], words: int) -> list[str]:
    out, used = [], 0
    for s in sentences:
        if used >= words:
            break
        out.append(s)
        used += len(s.split())
    return out


class _Tokenizer:
    """sumy's tokenizer interface over newsweave's sentences (sumy's own needs NLTK data downloads)."""

    language = "english"
    _word = re.compile(r"\w+", re.U)

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph]

    def to_words(self, sentence: str) -> list[str]:
        return self._word.findall(sentence)


def sumy_system(name: str) -> Callable[[Story, int], list[str]]:
    """A sumy summariser (``lexrank`` or ``textrank``): sentences by rank until the budget, in
    document order (as sumy returns them)."""
    try:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError as exc:
        raise MissingExtra('the baselines need sumy: pip install "newsweave[eval]"') from exc
    cls = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[name]
    tokenizer = _Tokenizer()

    def run(story: Story, words: int) -> list[str]:
        sents = [s for d in _sentences(story) for s in d]
        if not sents:
            return []
        doc = ObjectDocumentModel([Paragraph([SumySentence(s, tokenizer) for s in sents])])
        summarizer = cls(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")

        def until_budget(infos: list[Any]) -> list[Any]:  # sumy calls this with sentences best first
            out, used = [], 0
            for info in infos:
                if used >= words:
                    break
                out.append(info)
                used += len(str(info.sentence).split())
            return out

        return [str(s) for s in summarizer(doc, until_budget)]

    return run


def system(name: str) -> Callable[[Story, int], list[str]]:
    """The summariser called ``name`` (one of :data:`SYSTEMS`)."""
    if name == "newsweave":
        return newsweave_summary
    if name == "lead":
        return lead_summary
    if name == "lead-first":
        return lead_first_summary
    if name in ("lexrank", "textrank"):
        return sumy_system(name)
    raise DatasetError(f"unknown system {name!r}; choose from {', '.join(SYSTEMS)}")


# -- scoring -----------------------------------------------------------------------------------------


def cut(sentences: Sequence[str], words: int) -> list[str]:
    """The sentences cut to ``words`` words in all (the last one shortened)."""
    out, used = [], 0
    for s in sentences:
        if used >= words:
            break
        w = s.split()[: words - used]
        out.append(" ".join(w))
        used += len(w)
    return out


def _scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:
        raise MissingExtra('scoring needs rouge-score: pip install "newsweave[eval]"') from exc
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def _lines(text: str) -> str:
    return "\n".join(s.text for s in split_sentences(Article(id="ref", source="ref", text=text)))


def evaluate(
    stories: Sequence[Story],
    *,
    words: int = 250,
    systems: Sequence[str] = SYSTEMS,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Run every system over every story and score it against the references.

    Args:
        stories: from :func:`read_dataset`.
        words: the budget every summary is cut to.
        systems: which of :data:`SYSTEMS` to run (newsweave's summaries are kept for the report).
        progress: called after each story of each system with the system's name.

    Returns:
        The report.
    """
    scorer = _scorer()
    refs = [[_lines(r) for r in s.summaries] for s in stories]
    report = Report(words=words, stories=len(stories))
    for name in systems:
        run = system(name)
        outputs = []
        elapsed = 0.0
        for story in stories:
            t0 = time.perf_counter()
            out = cut(run(story, words), words)
            elapsed += time.perf_counter() - t0
            outputs.append(out)
            if progress:
                progress(name)
        totals = dict.fromkeys(METRICS, 0.0)
        for out, ref in zip(outputs, refs, strict=True):
            scores = scorer.score_multi(ref, "\n".join(out))
            for m in METRICS:
                totals[m] += scores[m].fmeasure
        report.scores[name] = {m: round(100 * v / max(len(stories), 1), 2) for m, v in totals.items()}
        report.scores[name]["stories_per_second"] = round(len(stories) / elapsed, 1) if elapsed else 0.0
        if name == "newsweave":
            report.summaries = [{"id": s.id, "summary": " ".join(o)} for s, o in zip(stories, outputs, strict=True)]
    return report
