"""``socle generate``: a vendor's kit for one version of a standard (Pydantic models, JSON Schema,
JSON-LD context, CSV templates), copied from the published release."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Kit(StrEnum):
    """What can be generated, and the release artifact it is."""

    PYDANTIC = "pydantic"
    JSONSCHEMA = "jsonschema"
    CONTEXT = "context"


ARTIFACTS = {Kit.PYDANTIC: "models.py", Kit.JSONSCHEMA: "schema.json", Kit.CONTEXT: "context.jsonld"}


def generate(
    kind: Annotated[Kit, typer.Argument(help="pydantic, jsonschema or context")],
    standard: Annotated[str, typer.Argument(help="lighting (the adopted version) or lighting@1.0.0")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Write the Pydantic models, JSON Schema or JSON-LD context of a version of a standard."""
    from registry.catalog.releases import open_catalog
    from registry.config import get_settings
    from registry.errors import SocleError

    settings = get_settings()
    try:
        release = open_catalog(settings).resolve(standard)
        data = release.artifact_path(ARTIFACTS[kind]).read_bytes()
    except SocleError as error:
        typer.echo(f"socle generate: {error.detail}", err=True)
        raise typer.Exit(2) from None
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        typer.echo(f"socle generate: cannot write {output}: {error.strerror}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{release.ref}: {ARTIFACTS[kind]} written to {output}", err=True)
