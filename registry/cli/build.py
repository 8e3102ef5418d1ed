"""``socle build``: every artifact of every module, under ``build/<domain>/<version>/``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def build(
    domains: Annotated[
        list[str] | None, typer.Argument(help="Modules to build (default: every vocab/*.yaml).")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder.")] = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Also write the derived example files.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild unchanged bundles.")] = False,
) -> None:
    """Build vocabularies, shapes, context, JSON Schema, Pydantic models, templates and docs."""
    from registry.build.project import build_all
    from registry.config import get_settings
    from registry.errors import SocleError

    try:
        build_all(
            get_settings(),
            domains=domains or None,
            out_dir=out,
            examples=examples,
            force=force,
            report=typer.echo,
        )
    except SocleError as exc:
        typer.echo(f"error: {exc.detail}", err=True)
        raise typer.Exit(2) from exc
