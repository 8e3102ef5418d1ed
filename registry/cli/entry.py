"""The ``socle`` entry point: ``socle shacl`` starts without the rest of the command line."""

from __future__ import annotations

import sys


def main() -> None:
    """Dispatch ``socle shacl`` to its own small program, everything else to the Typer app."""
    if len(sys.argv) > 1 and sys.argv[1] == "shacl":
        from registry.cli.shacl import main as shacl_main

        raise SystemExit(shacl_main(sys.argv[2:]))
    from registry.cli.main import app

    app()
