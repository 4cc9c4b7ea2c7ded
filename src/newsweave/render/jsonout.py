"""A :class:`Briefing` as plain JSON data, and the check that such data keeps newsweave's promise.

:func:`to_dict` produces exactly the shape of ``newsweave/schema/briefing.schema.json`` (plus a few
extra keys the schema allows: ``rejected``, ``stats``, and per-article ``detail``/``url``/``sha256``).
:func:`validate` checks data against that schema *and* checks that every mention points at the exact
words it quotes: ``articles[id].text[start:end] == text``.

The generic helpers here (:func:`plain`, :func:`iter_mentions`, :func:`describe_record`) are shared
by the Markdown, HTML and terminal renderers, so that records added to the analysis stage later
render without changes here.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from pathlib import PurePath
from typing import Any

import jsonschema

from newsweave.errors import OutputError, SchemaViolation
from newsweave.jsontext import dumps
from newsweave.model import Article, Briefing, Removed, Span, SummarySentence
from newsweave.words import count_words

SCHEMA_ID = "newsweave.briefing/1"
# The cross-source analysis sections, in the order they are rendered.
ANALYSIS_SECTIONS = ("claims", "quotes", "numbers", "conflicts", "timeline", "framing")
MENTION_KEYS = frozenset({"article", "start", "end", "text"})
# Which field of a generic record best names it, in order of preference.
_HEADING_KEYS = ("text", "about", "value", "speaker", "date", "article", "id")


def to_dict(briefing: Briefing) -> dict[str, Any]:
    """Serialise a briefing to plain data in the shape of ``briefing.schema.json``.

    Args:
        briefing: the briefing to serialise.

    Returns:
        A dict of JSON-compatible values (dicts, lists, str, int, float, bool, None).

    Raises:
        OutputError: an analysis record holds a value that has no JSON form.
    """
    data: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "story": {"id": briefing.story.id, "title": briefing.story.title, "date": briefing.story.date},
        "articles": [article_dict(a) for a in briefing.articles],
        "syndication": [{"articles": list(g.articles), "similarity": g.similarity} for g in briefing.syndication],
    }
    for name in ANALYSIS_SECTIONS:
        data[name] = [plain(record) for record in getattr(briefing, name)]
    data["coverage"] = plain(briefing.coverage)
    data["summary"] = [_summary_sentence(s) for s in briefing.summary]
    data["rejected"] = [{"source": r.source, "reason": r.reason, "message": r.message} for r in briefing.rejected]
    data["stats"] = plain(briefing.stats)
    data["writer"] = plain(briefing.writer)
    if briefing.not_reported:
        data["not_reported"] = [plain(r) for r in briefing.not_reported]
    return data


def to_json(briefing: Briefing, *, indent: int | None = 2) -> str:
    """Serialise a briefing to a JSON document (UTF-8 text, not ASCII-escaped, ending in a newline).

    Args:
        briefing: the briefing to serialise.
        indent: indentation of the JSON text; ``None`` for one line.

    Returns:
        The JSON text. It is not validated here: call :func:`validate` on :func:`to_dict`'s result.

    Raises:
        OutputError: a value has no JSON form (an unknown object, or a NaN/infinite float).
    """
    try:
        text = dumps(to_dict(briefing), indent=indent, allow_nan=False)
    except ValueError as exc:  # NaN or infinity: not JSON, and unreadable by most parsers
        raise OutputError(f"briefing has a value that JSON cannot hold: {exc}") from exc
    return text + "\n"


def validate(data: dict[str, Any]) -> None:
    """Check briefing data against ``briefing.schema.json`` and check every mention's offsets.

    A *mention* is any object, anywhere in the document, with ``article``, ``start``, ``end`` and
    ``text`` keys (summary evidence, claim mentions, conflict variants …). For each one,
    ``articles[article].text[start:end] == text`` must hold.

    Args:
        data: briefing data, as returned by :func:`to_dict` or read back from JSON.

    Raises:
        SchemaViolation: the data does not match the schema, two articles share an id, or a mention
            cites an unknown article or does not quote the words at its offsets. The message starts
            with the JSON path of the first problem.
    """
    try:
        _validator().validate(data)
    except jsonschema.ValidationError as exc:
        raise SchemaViolation(f"{exc.json_path}: {exc.message}") from exc
    texts: dict[str, str] = {}
    for i, article in enumerate(data["articles"]):
        if article["id"] in texts:
            raise SchemaViolation(f"$.articles[{i}].id: duplicate article id {article['id']!r}")
        texts[article["id"]] = article["text"]
    for path, mention in iter_mentions(data):
        _check_mention(path, mention, texts)


def plain(value: object) -> Any:
    """Turn records into JSON-compatible data, recursively (like :func:`dataclasses.asdict`).

    Dataclasses become dicts of their fields, tuples/lists/sets become lists, enums their values,
    paths strings. Unlike ``asdict`` the result never holds tuples, which JSON Schema would not
    accept as arrays.

    Args:
        value: a record, a container of records, or a JSON scalar.

    Returns:
        The same value as dicts, lists and JSON scalars.

    Raises:
        OutputError: a value has no JSON form.
    """
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Enum):
        return plain(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((plain(v) for v in value), key=repr)  # sorted: output must not depend on hashing
    if isinstance(value, PurePath):
        return str(value)
    raise OutputError(f"cannot serialise a {type(value).__name__} to JSON; use a dataclass or a JSON value")


def is_mention(value: object) -> bool:
    """Whether ``value`` is plain data shaped like a mention (has article, start, end and text keys)."""
    return isinstance(value, dict) and MENTION_KEYS <= value.keys()


def iter_mentions(data: object, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mention in plain data, with its JSON path, in document order.

    Args:
        data: plain data (see :func:`plain`).
        path: the JSON path of ``data`` itself.

    Yields:
        ``(path, mention)`` pairs; a mention nested in another mention is yielded too.
    """
    if isinstance(data, dict):
        if is_mention(data):
            yield path, data
        for key, value in data.items():
            yield from iter_mentions(value, f"{path}.{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_mentions(value, f"{path}[{i}]")


@dataclass(frozen=True)
class RecordView:
    """A generic view of an analysis record, for renderers that do not know its type.

    Attributes:
        heading: the record's text (or ``about``, ``value`` … whichever names it best).
        fields: its other fields as ``(name, value as text)`` pairs, in declaration order.
        mentions: the mentions it holds (plain dicts with article, start, end, text).
    """

    heading: str
    fields: tuple[tuple[str, str], ...]
    mentions: tuple[dict[str, Any], ...]


def describe_record(record: object) -> RecordView:
    """Describe a claim, quote, number, conflict, timeline entry or framing record generically.

    Args:
        record: a dataclass record (or a dict) from one of the analysis sections.

    Returns:
        Its heading, its other fields as text, and its mentions.

    Raises:
        OutputError: the record holds a value that has no JSON form.
    """
    data = plain(record)
    if not isinstance(data, dict):
        return RecordView(field_text(data), (), ())
    heading_key = next((k for k in _HEADING_KEYS if data.get(k) not in (None, "", [])), None)
    fields: list[tuple[str, str]] = []
    mentions: list[dict[str, Any]] = []
    for key, value in data.items():
        if key == heading_key:
            continue
        if is_mention(value):
            mentions.append(value)
        elif isinstance(value, list) and value and all(is_mention(v) for v in value):
            mentions.extend(value)
        else:
            fields.append((key, field_text(value)))
    heading = field_text(data[heading_key]) if heading_key else ""
    return RecordView(heading, tuple(fields), tuple(mentions))


def field_text(value: object) -> str:
    """A plain value as short text for humans: lists joined by commas, ``None`` as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(field_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def removed_counts(removed: Iterable[Removed]) -> str:
    """``"2 boilerplate, 1 duplicate"``: how many pieces were removed for each reason."""
    counts = Counter(r.reason for r in removed)
    return ", ".join(f"{n} {reason}" for reason, n in sorted(counts.items()))


def plural(n: int, noun: str) -> str:
    """``"1 piece"``, ``"3 pieces"``: a count with its noun (English ``-s`` plural only)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def word_count(text: str) -> int:
    """Number of words in ``text`` (:func:`newsweave.words.count_words`: scripts without spaces too)."""
    return count_words(text)


# -- internals ---------------------------------------------------------------------------------------


def article_dict(article: Article) -> dict[str, Any]:
    """An article as the briefing JSON (and the HTTP API) gives it: metadata, cleaned text, what was removed."""
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "published_evidence": article.published_evidence,
        "not_before": article.not_before,
        "url": article.url,
        "language": article.language,
        "machine_translated": article.machine_translated,
        "short": article.short,
        "sha256": article.sha256,
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason, "detail": r.detail} for r in article.removed],
    }


def _span(span: Span) -> dict[str, Any]:
    return {"article": span.article, "start": span.start, "end": span.end, "text": span.text}


def _summary_sentence(sentence: SummarySentence) -> dict[str, Any]:
    return {
        "text": sentence.text,
        "sources": list(sentence.sources),
        "evidence": [_span(e) for e in sentence.evidence],
        "independent_sources": sentence.independent_sources,
        "status": sentence.status,
        "claim": sentence.claim,
        "note": sentence.note,
        "claims": list(sentence.claims) or ([sentence.claim] if sentence.claim else []),
        "writer": sentence.writer,
        "verified": sentence.verified,
    }


@functools.cache  # the schema file ships with the package and never changes while running
def _validator() -> jsonschema.Draft202012Validator:
    schema_file = resources.files("newsweave") / "schema" / "briefing.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _check_mention(path: str, mention: dict[str, Any], texts: dict[str, str]) -> None:
    article, start, end, quoted = (mention[k] for k in ("article", "start", "end", "text"))
    if not isinstance(article, str) or article not in texts:
        raise SchemaViolation(f"{path}.article: no article has the id {article!r}")
    for key, offset in (("start", start), ("end", end)):
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise SchemaViolation(f"{path}.{key}: offset must be an integer, got {offset!r}")
    text = texts[article]
    if not 0 <= start <= end <= len(text):
        raise SchemaViolation(f"{path}: offsets {start}:{end} are outside article {article!r} (length {len(text)})")
    if text[start:end] != quoted:
        raise SchemaViolation(
            f"{path}: article {article!r} has {_clip(text[start:end])!r} at {start}:{end}, "
            f"but the mention quotes {_clip(quoted if isinstance(quoted, str) else repr(quoted))!r}"
        )


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
