"""``socle token create|list|revoke``: the bearer tokens of editors and administrators."""

from __future__ import annotations

import typer

app = typer.Typer(help="Create, list and revoke bearer tokens.", no_args_is_help=True)
