"""``socle publish MODULE.yaml [--dry-run]``: build, check and release a version of a standard."""

from __future__ import annotations

import typer


def publish() -> None:
    """Release a version of a standard (not available yet)."""
    typer.echo("socle publish: not available yet", err=True)
    raise typer.Exit(2)
