"""The console entry point (``newsweave`` and ``python -m newsweave``).

``newsweave version`` is answered here, before the command-line libraries load (typer alone, with the
pydantic adapters it builds for every parameter, costs about 0.15 s); every other command goes to
:mod:`newsweave.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line."""
    if sys.argv[1:] == ["version"]:
        from newsweave import __version__

        print(__version__)
        return
    from newsweave.cli import app

    app()
