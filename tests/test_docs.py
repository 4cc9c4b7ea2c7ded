"""Every command of the CLI, and every option of each, is documented in README.md.

The command list is taken from the typer app itself, so a new command or option fails here until the
README says what it does.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer

from newsweave.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
# Typer builds click(-compatible) command objects; recent typer vendors click, so duck-type them.


def _walk(group: Any, prefix: str = "") -> dict[str, Any]:
    """Every command by its full name ("brief", "eval summaries"), groups included."""
    out: dict[str, Any] = {}
    for name, command in getattr(group, "commands", {}).items():
        out[prefix + name] = command
        out.update(_walk(command, prefix + name + " "))
    return out


COMMANDS: dict[str, Any] = _walk(typer.main.get_command(app))
OPTIONS = [
    (name, param)
    for name, command in COMMANDS.items()
    for param in command.params
    if getattr(param, "param_type_name", "") == "option"
]


def _choices(option: Any) -> list[str]:
    """The values a choice option takes (``--format json|markdown|…``), or ``[]``."""
    declared = getattr(getattr(option, "type", None), "choices", None)
    if declared:
        return [str(c) for c in declared]
    annotation = getattr(getattr(option, "type_descriptor", None), "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(m.value) for m in annotation]
    return []


@pytest.fixture(scope="module")
def readme() -> str:
    if not README.is_file():
        pytest.fail(f"README.md is missing at {README}: it must document every command and option")
    return README.read_text(encoding="utf-8")


def _mentions(readme: str, command: str) -> list[str]:
    """README lines that name the command (``newsweave brief`` in a synopsis, a bullet, prose)."""
    return [line for line in readme.splitlines() if f"newsweave {command}" in line]


def test_the_app_has_commands() -> None:
    assert {"brief", "clean", "version"} <= COMMANDS.keys()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented(readme: str, command: str) -> None:
    assert _mentions(readme, command), f"README.md never mentions `newsweave {command}`"


@pytest.mark.parametrize(("command", "option"), OPTIONS, ids=[f"{name}{param.opts[0]}" for name, param in OPTIONS])
def test_every_option_is_documented_with_its_command(readme: str, command: str, option: Any) -> None:
    flag = max(option.opts, key=len)  # "--format", not "-f"
    lines = _mentions(readme, command)
    assert any(flag in line for line in lines), (
        f"README.md has no line naming both `newsweave {command}` and `{flag}` (e.g. its synopsis)"
    )
    for choice in _choices(option):
        assert any(choice in line for line in lines if flag in line), (
            f"README.md does not list `{choice}` among the values of `newsweave {command} {flag}`"
        )
