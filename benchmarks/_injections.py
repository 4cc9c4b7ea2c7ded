"""The stories of ``benchmarks/analysis.py`` and the controlled changes injected into them.

A story is the seeds or one ECB+ event with at least ``MIN_ARTICLES`` articles, cleaned and analysed
by the real pipeline; an :class:`Injection` is one change (a number, a date, a speaker) written into
one mention of a statement two independent sources carry. ``analysis.py`` scores what the analysis
finds after each change.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _mutate import changed_date, changed_number

from newsweave.analyze import dates as D
from newsweave.analyze import numbers as N
from newsweave.analyze import quotes as Q
from newsweave.analyze.dating import infer_article_dates
from newsweave.analyze.people import story_context
from newsweave.analyze.run import Analysis, analyze
from newsweave.analyze.speakers import names_match, parse_speaker
from newsweave.clean import clean_documents
from newsweave.dedup import find_syndication
from newsweave.ingest import read_inputs
from newsweave.model import Article, Conflict, Document, Span
from newsweave.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "putin-mothers"
ECB_FILE = Path("ecbplus") / "dev.jsonl"
# An ECB+ event needs this many articles to be a multi-source story worth injecting into.
MIN_ARTICLES = 4
# Outside name used when the story names no other person (and for every other speaker injection).
OUTSIDE_NAME = "John Smith"

Region = tuple[int, int]


# -- stories -----------------------------------------------------------------------------------------


@dataclass
class Story:
    """One story, cleaned once: the baseline every injection into it is compared with."""

    name: str
    articles: list[Article]
    baseline: Analysis | None = None
    origin: dict[str, str] = field(default_factory=dict)


def ecb_rows(data: Path) -> list[dict[str, Any]]:
    """The ECB+ dev rows, in file order."""
    with (data / ECB_FILE).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def ecb_documents(rows: Iterable[dict[str, Any]]) -> list[Document]:
    """ECB+ rows as the documents a user would give: title and text as scraped text, with the row's date."""
    return [
        Document(
            id=r["id"],
            source=f"ecbplus/dev.jsonl#{r['id']}",
            content=(r.get("title") or "") + "\n" + r["text"],
            kind="text",
            published=r.get("date"),
        )
        for r in rows
    ]


def load_stories(data: Path, limit: int | None) -> list[Story]:
    """The seeds, then every ECB+ event (cluster) with at least :data:`MIN_ARTICLES` articles."""
    seed_docs, _ = read_inputs([SEEDS])
    stories = [Story("seeds", clean_documents(seed_docs)[0])]
    clusters: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in ecb_rows(data):
        clusters[row["cluster"]].append(row)

    def order(name: str) -> tuple[int, str]:
        return int(name.split("_")[0]), name

    for name in sorted(clusters, key=order):
        if len(clusters[name]) >= MIN_ARTICLES:
            stories.append(Story(f"ecb+ {name}", clean_documents(ecb_documents(clusters[name]))[0]))
    stories = [s for s in stories if len(s.articles) >= 2]
    return stories[:limit] if limit else stories


def run_analysis(articles: Sequence[Article]) -> Analysis:
    """Syndication and cross-source analysis of cleaned articles, as the pipeline runs them."""
    return analyze(articles, find_syndication(articles))


# -- injections -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Injection:
    """One controlled change to one article of a story.

    Attributes:
        story, kind, subtype: where, and what kind of change (``number``, ``date``, ``attribution``).
        article: the article changed; ``start``/``end`` the replaced characters of its cleaned text.
        old, new: the words replaced and their replacement.
        regions: character ranges of the *modified* text a detection must overlap.
        sentence: the changed sentence before the change; partner: the other source's words.
        partner_span: where the other source writes them (its quotation, for an attribution).
    """

    story: str
    kind: str
    subtype: str
    article: str
    start: int
    end: int
    old: str
    new: str
    regions: tuple[Region, ...]
    sentence: str
    partner: str
    partner_span: Span

    def apply(self, articles: Sequence[Article]) -> list[Article]:
        """The story's articles with this change made (every other article unchanged)."""
        out = []
        for a in articles:
            if a.id == self.article:
                assert a.text[self.start : self.end] == self.old
                a = dataclasses.replace(a, text=a.text[: self.start] + self.new + a.text[self.end :])
            out.append(a)
        return out


def _inside(span: Span, start: int, end: int) -> bool:
    return start <= span.start and span.end <= end


def overlaps(span: Span, region: Region) -> bool:
    return span.start < region[1] and region[0] < span.end


def _in_conflict(span: Span, conflicts: Iterable[Conflict], kind: str) -> bool:
    return any(
        c.kind == kind and any(v.article == span.article and overlaps(v, (span.start, span.end)) for v in c.variants)
        for c in conflicts
    )


def _injection(story: Story, kind: str, subtype: str, span: Span, rel: tuple[int, int, str], **kw: Any) -> Injection:
    start, end = span.start + rel[0], span.start + rel[1]
    new = rel[2]
    return Injection(
        story=story.name,
        kind=kind,
        subtype=subtype,
        article=span.article,
        start=start,
        end=end,
        old=span.text[rel[0] : rel[1]],
        new=new,
        regions=kw.pop("regions", None) or ((start, start + len(new)),),
        **kw,
    )


def number_injections(story: Story, skipped: Counter[str]) -> list[Injection]:
    """One candidate per quantity that an independent source's mention of the same statement shares."""
    base = story.baseline
    assert base is not None
    origin = story.origin
    by_id = {a.id: a for a in story.articles}
    quantities = {a.id: N.extract_quantities(a) for a in story.articles}
    found: list[Injection] = []
    seen: set[tuple[str, int]] = set()  # quantities already taken or turned down
    for st in base.statements:
        if len({origin[m.article] for m in st.mentions}) < 2:
            continue
        per = [(m, [q for q in quantities[m.article] if _inside(q.span, m.start, m.end)]) for m in st.mentions]
        for ma, qa in per:
            for mb, qb in per:
                if origin[ma.article] == origin[mb.article]:
                    continue
                for a in qa:
                    partner = next((b for b in qb if N.compare(a, b) == "same"), None)
                    key = (a.span.article, a.span.start)
                    if partner is None or key in seen:
                        continue
                    seen.add(key)
                    if _in_conflict(a.span, base.conflicts, "number"):
                        skipped["number: already in a baseline conflict"] += 1
                        continue
                    if sum(N.compare(a, x) == "same" for x in qa) > 1:
                        skipped["number: the sentence carries the value twice (ambiguous)"] += 1
                        continue
                    rel = changed_number(a.span.text, a.value, avoid=[x.value for x in qa + qb])
                    if rel is None:
                        skipped["number: vague, range or form not rewritten"] += 1
                        continue
                    assert by_id[a.span.article].text[a.span.start : a.span.end] == a.span.text
                    subtype = "no unit" if a.unit is None else "hedged" if a.hedge or partner.hedge else "exact"
                    found.append(
                        _injection(
                            story,
                            "number",
                            subtype,
                            a.span,
                            rel,
                            sentence=ma.text,
                            partner=partner.span.text,
                            partner_span=partner.span,
                        )
                    )
    return found


def date_injections(story: Story, skipped: Counter[str]) -> list[Injection]:
    """One candidate per day-precise date that an independent source's mention of the same statement shares."""
    base = story.baseline
    assert base is not None
    origin = story.origin
    anchors = infer_article_dates(story.articles)
    years = Counter(d.year for d in anchors.values() if d is not None)
    story_year = years.most_common(1)[0][0] if years else None
    mentions = {
        a.id: D.extract_dates(a, anchors.get(a.id), story_year=story_year, sentences=split_sentences(a))
        for a in story.articles
    }
    found: list[Injection] = []
    seen: set[tuple[str, int]] = set()  # date mentions already taken or turned down
    for st in base.statements:
        if len({origin[m.article] for m in st.mentions}) < 2:
            continue
        per = [(m, [d for d in mentions[m.article] if _inside(d.span, m.start, m.end)]) for m in st.mentions]
        for ma, da in per:
            for mb, db in per:
                if origin[ma.article] == origin[mb.article]:
                    continue
                for a in da:
                    partner = next((b for b in db if b.date == a.date), None)
                    key = (a.span.article, a.span.start)
                    if partner is None or key in seen:
                        continue
                    seen.add(key)
                    if len(a.date) != 10:
                        skipped[f"date: shared at {'month' if len(a.date) == 7 else 'year'} precision only"] += 1
                        continue
                    if _in_conflict(a.span, base.conflicts, "date"):
                        skipped["date: already in a baseline conflict"] += 1
                        continue
                    if sum(d.date == a.date for d in da) > 1:
                        skipped["date: the sentence carries the date twice (ambiguous)"] += 1
                        continue
                    change = changed_date(a.span.text, a.date)
                    if change is None:
                        skipped["date: form not rewritten"] += 1
                        continue
                    start, end, new, subtype = change
                    found.append(
                        _injection(
                            story,
                            "date",
                            subtype,
                            a.span,
                            (start, end, new),
                            sentence=ma.text,
                            partner=partner.span.text,
                            partner_span=partner.span,
                        )
                    )
    return found


_FULL_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z'’]+)+")


def _story_people(articles: Sequence[Article]) -> list[str]:
    """Full names (two words or more) of the story's speakers and titled people, in order of appearance."""
    seen: dict[str, None] = {}
    for a in articles:
        for m in Q.extract_quotes(a):
            if m.name and m.attribution == "direct":
                seen.setdefault(m.name, None)
    for titled in story_context(articles):
        p = parse_speaker(titled)
        if p.name and p.group not in ("media", "institution"):
            seen.setdefault(p.name, None)
    return [n for n in seen if _FULL_NAME.fullmatch(n) and parse_speaker(n).kind == "name"]


def attribution_injections(story: Story, rng: random.Random, skipped: Counter[str]) -> list[Injection]:
    """One candidate per directly attributed, named mention of a quotation two independent sources carry."""
    base = story.baseline
    assert base is not None
    origin = story.origin
    by_id = {a.id: a for a in story.articles}
    mentions = {(m.article, m.quote.start): m for a in story.articles for m in Q.extract_quotes(a)}
    people = _story_people(story.articles)
    found: list[Injection] = []
    for quote in base.quotes:
        spoken = [(s, spk) for s, spk in zip(quote.mentions, quote.speakers, strict=False) if spk]
        if len({origin[s.article] for s, _ in spoken}) < 2:
            continue
        if any(_in_conflict(s, base.conflicts, "attribution") for s in quote.mentions):
            skipped["attribution: already in a baseline conflict"] += 1
            continue
        for span, _ in spoken:
            m = mentions.get((span.article, span.start))
            if m is None or m.attribution != "direct" or m.speaker_span is None or m.cue is None:
                skipped["attribution: not a direct attribution"] += 1
                continue
            if not _inside(m.speaker_span, m.cue.start, m.cue.end):
                skipped["attribution: speaker outside the cue"] += 1
                continue
            parsed = parse_speaker(m.speaker_span.text)
            if parsed.kind != "name" or not parsed.name:
                skipped["attribution: the speaker is a description, not a name"] += 1
                continue
            others = [
                (s, spk)
                for s, spk in spoken
                if origin[s.article] != origin[span.article] and parse_speaker(spk).kind == "name"
            ]
            if not others:
                skipped["attribution: no independent source names the speaker"] += 1
                continue
            at = m.speaker_span.text.rfind(parsed.name)
            if at < 0:
                skipped["attribution: name not found in the speaker's words"] += 1
                continue
            named = [parsed.name, *(parse_speaker(o).name or "" for _, o in others)]
            pool = [p for p in people if not any(names_match(p, n) for n in named if n)]
            if pool and len(found) % 2 == 0:
                new_name, subtype = rng.choice(pool), "story person"
            else:
                new_name, subtype = OUTSIDE_NAME, "outside name"
            name_start = m.speaker_span.start + at
            name_end = name_start + len(parsed.name)
            assert by_id[span.article].text[name_start:name_end] == parsed.name
            delta = len(new_name) - len(parsed.name)
            quote_start = m.quote.start + (delta if m.quote.start >= name_end else 0)
            quote_end = m.quote.end + (delta if m.quote.start >= name_end else 0)
            regions = ((name_start, name_start + len(new_name)), (quote_start, quote_end))
            sentence_span = m.sentence
            rel = (name_start - sentence_span.start, name_end - sentence_span.start, new_name)
            found.append(
                _injection(
                    story,
                    "attribution",
                    subtype,
                    sentence_span,
                    rel,
                    regions=regions,
                    sentence=m.sentence.text,
                    partner=others[0][1],
                    partner_span=others[0][0],
                )
            )
    return found
