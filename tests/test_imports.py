"""``import newsweave`` stays light: no HTML extractor, no ML, no server, no CLI libraries.

Checked in a fresh interpreter, since this test process has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("trafilatura", "sklearn", "fastapi", "torch", "rich", "typer")


def _imported_after(statement: str) -> list[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = json.loads(out.stdout)
    return sorted({m.split(".")[0] for m in modules} & set(HEAVY))


@pytest.mark.parametrize("module", ["newsweave", "newsweave.pipeline"])
def test_import_does_not_pull_in_heavy_libraries(module: str) -> None:
    assert _imported_after(f"import {module}") == []


def test_the_check_sees_heavy_imports() -> None:
    # The CLI is an edge: it may import them, and the check must notice.
    assert {"rich", "typer"} <= set(_imported_after("import newsweave.cli"))
