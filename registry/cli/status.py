"""``socle status lighting@1.0.0 standard --reason "…"``: move a release along its life."""

from __future__ import annotations

import typer


def status() -> None:
    """Change the status of a release (not available yet)."""
    typer.echo("socle status: not available yet", err=True)
    raise typer.Exit(2)
