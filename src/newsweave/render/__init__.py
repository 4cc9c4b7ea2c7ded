"""Turn a :class:`newsweave.model.Briefing` into output: JSON, Markdown, HTML, the terminal.

Rendering is pure: each function takes a briefing and returns text (or prints to a given console);
writing files is the caller's business. :func:`validate` checks JSON data against the shipped
``briefing.schema.json`` and checks that every mention quotes the exact words at its offsets.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.render.html import to_html
    from newsweave.render.jsonout import to_dict, to_json, validate
    from newsweave.render.markdown import to_markdown
    from newsweave.render.terminal import print_terminal

__all__ = ["print_terminal", "to_dict", "to_html", "to_json", "to_markdown", "validate"]

# Each renderer is imported when first asked for: JSON output need not load the HTML renderer.
_MODULES = {
    "to_html": "newsweave.render.html",
    "to_dict": "newsweave.render.jsonout",
    "to_json": "newsweave.render.jsonout",
    "validate": "newsweave.render.jsonout",
    "to_markdown": "newsweave.render.markdown",
    "print_terminal": "newsweave.render.terminal",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_MODULES[name]), name)
