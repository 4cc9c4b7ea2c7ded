"""``import newsweave`` stays light: no HTML extractor, no ML, no server, no CLI libraries.

Checked in a fresh interpreter, since this test process has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("trafilatura", "sklearn", "fastapi", "torch", "rich", "typer", "scipy", "dask", "httpx", "uvicorn")


def _imported_after(statement: str) -> list[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = json.loads(out.stdout)
    return sorted({m.split(".")[0] for m in modules} & set(HEAVY))


@pytest.mark.parametrize("module", ["newsweave", "newsweave.pipeline"])
def test_import_does_not_pull_in_heavy_libraries(module: str) -> None:
    assert _imported_after(f"import {module}") == []


def test_newsweave_version_answers_before_the_cli_libraries_load() -> None:
    code = (
        "import json, sys\nsys.argv = ['newsweave', 'version']\nfrom newsweave.entry import main\nmain()\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    from newsweave import __version__

    assert out[0] == __version__
    assert not {m.split(".")[0] for m in json.loads(out[1])} & set(HEAVY)
    assert "newsweave.brief.llm" not in json.loads(out[1])


def test_the_check_sees_heavy_imports() -> None:
    # The CLI is an edge: it may import them, and the check must notice.
    assert {"rich", "typer"} <= set(_imported_after("import newsweave.cli"))


def _newsweave_imports(path: str) -> set[str]:
    """The newsweave modules a source file imports, at any depth of the file (functions included)."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsweave"):
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("newsweave")}
    return out


def test_the_web_package_is_layered_without_a_circle() -> None:
    import newsweave.web as web

    root = web.__path__[0]
    api, pages, common = (_newsweave_imports(f"{root}/{m}.py") for m in ("api", "pages", "common"))
    assert not {"newsweave.web.app", "newsweave.web.pages"} & api
    assert not {"newsweave.web.app", "newsweave.web.api"} & pages
    assert not {m for m in common if m.startswith(("newsweave.web.app", "newsweave.web.api", "newsweave.web.pages"))}
    # the analysis core imports no edge either
    import newsweave.analyze as analyze

    for name in ("doc", "facts", "conflicts", "run"):
        assert not {m for m in _newsweave_imports(f"{analyze.__path__[0]}/{name}.py") if m.startswith("newsweave.web")}
