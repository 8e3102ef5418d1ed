"""``socle shacl``: validate any RDF data against any SHACL shapes (placeholder until the engine lands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def shacl(
    data: Annotated[list[Path], typer.Argument(help="RDF data files.")],
    shapes: Annotated[Path, typer.Option("--shapes", help="SHACL shapes file.")],
) -> None:
    """Validate RDF data against SHACL shapes and print a sh:ValidationReport."""
    typer.echo("socle shacl is not available yet", err=True)
    raise typer.Exit(2)
