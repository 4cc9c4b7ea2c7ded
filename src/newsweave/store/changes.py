"""What changed in a story's briefing since the last one written from the store (``brief --since``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsweave.store.base import StoryChangeRow
from newsweave.store.sqlite import SavedBriefing


def changes(
    previous: SavedBriefing | None,
    current: Mapping[str, Any],
    *,
    story: str | None = None,
    history: Sequence[StoryChangeRow] = (),
) -> dict[str, Any]:
    """Compare a new briefing (as JSON data) with the previous one of the same story.

    Args:
        previous: the story's previous briefing, if any.
        current: the new briefing.
        story: the story's id, with ``history`` its recorded merges and splits
            (:meth:`~newsweave.store.base.Store.story_changes`).

    Returns:
        ``previous`` (when it was written, or ``None`` for a first briefing), the articles added and
        removed (ids), the summary sentences new and gone (texts), the claims and conflicts new and
        gone (texts), and the claims still there whose support changed (``claims_changed``: text,
        status and independent sources before and after: a single-source claim another outlet now
        confirms, a consensus that became contested), so a reader sees what the new articles brought;
        ``story_changes``: the merges and splits since the previous briefing (all for a first one),
        each ``{kind, story, other, articles, at, day}`` and ``said``, a sentence for this story.
    """
    now_articles = [a["id"] for a in current.get("articles", [])]
    since = previous.created_at if previous is not None else ""
    events = [_event(row, story) for row in history if row.at > since]
    if previous is None:
        return {"previous": None, "articles_added": now_articles, "articles_removed": [], "story_changes": events}
    before = previous.briefing

    def texts(data: Mapping[str, Any], key: str) -> list[str]:
        return [x.get("text") or x.get("about") or "" for x in data.get(key, [])]

    out: dict[str, Any] = {
        "previous": previous.created_at,
        "articles_added": [a for a in now_articles if a not in previous.articles],
        "articles_removed": [a for a in previous.articles if a not in now_articles],
    }
    for key in ("summary", "claims", "conflicts"):
        old, new = texts(before, key), texts(current, key)
        out[f"{key}_new"] = [t for t in new if t not in old]
        out[f"{key}_gone"] = [t for t in old if t not in new]
    out["claims_changed"] = _support_changes(before.get("claims", []), current.get("claims", []))
    out["story_changes"] = events
    return out


def _event(row: StoryChangeRow, story: str | None) -> dict[str, Any]:
    """A recorded merge or split as data, with a sentence that tells it from ``story``'s side."""
    n = f"{row.articles} article{'' if row.articles == 1 else 's'}"
    when = f" (stream date {row.day})" if row.day else ""
    if row.kind == "merge":
        said = f"Story {row.other_id} ({n}) was merged into this story{when}."
    elif row.other_id == story:
        said = f"This story was split off from story {row.story_id} ({n} of another event){when}."
    else:
        said = f"{n.capitalize()} of another event left this story to form story {row.other_id}{when}."
    return {
        "kind": row.kind,
        "story": row.story_id,
        "other": row.other_id,
        "articles": row.articles,
        "at": row.at,
        "day": row.day,
        "said": said,
    }


def _support_changes(before: list[Mapping[str, Any]], after: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    def support(claim: Mapping[str, Any]) -> dict[str, Any]:
        return {"status": claim.get("status"), "independent_sources": claim.get("independent_sources")}

    old = {c.get("text"): support(c) for c in before}
    return [
        {"text": c.get("text"), "before": old[c.get("text")], "after": support(c)}
        for c in after
        if c.get("text") in old and old[c.get("text")] != support(c)
    ]


def render_changes(change: Mapping[str, Any]) -> str:
    """The changes as Markdown, for the terminal and Markdown outputs."""
    history = [e["said"] for e in change.get("story_changes") or []]
    if change.get("previous") is None:
        text = f"## Changes\n\nFirst briefing of this story ({len(change['articles_added'])} articles).\n"
        return text + "".join(f"\n- {x}" for x in history) + ("\n" if history else "")
    lines = [f"## Changes since {change['previous']}", ""]
    if history:
        lines += [f"**The story itself** ({len(history)}):", *(f"- {x}" for x in history), ""]
    labels = {
        "articles_added": "New articles",
        "articles_removed": "Articles no longer in the story",
        "summary_new": "New in the summary",
        "summary_gone": "No longer in the summary",
        "claims_new": "New claims",
        "conflicts_new": "New conflicts",
    }
    shown = dict(change)
    shown["claims_changed"] = [
        f"{c['text']} ({_support(c['before'])} → {_support(c['after'])})" for c in change.get("claims_changed") or []
    ]
    labels["claims_changed"] = "Claims whose support changed"
    for key, label in labels.items():
        items = shown.get(key) or []
        if items:
            lines.append(f"**{label}** ({len(items)}):")
            lines.extend(f"- {x}" for x in items[:20])
            if len(items) > 20:
                lines.append(f"- … and {len(items) - 20} more")
            lines.append("")
    if len(lines) == 2:
        lines.append("Nothing changed.")
    return "\n".join(lines) + "\n"


def _support(s: Mapping[str, Any]) -> str:
    n = s.get("independent_sources")
    return f"{str(s.get('status', '?')).replace('_', ' ')}, {n} independent source{'' if n == 1 else 's'}"
