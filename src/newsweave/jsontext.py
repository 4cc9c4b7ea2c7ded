"""JSON as newsweave writes it: UTF-8 text, not ASCII-escaped, safe to split into lines.

JSON leaves U+2028, U+2029 and U+0085 raw; a reader that splits on universal newlines (Python's
``str.splitlines``, many JSONL tools) takes them for line ends and cuts a record in two. They are
written as escapes: a JSON reader reads the same string back.
"""

from __future__ import annotations

import json
from typing import Any

LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def dumps(value: Any, *, indent: int | None = None, allow_nan: bool = True) -> str:
    """``json.dumps(value, ensure_ascii=False)`` with the line breaks above escaped."""
    return json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=allow_nan).translate(LINE_BREAKS)
