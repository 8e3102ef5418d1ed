"""``socle diff OLD NEW``: what changed between two versions of a standard, and whether the declared
version bump is enough.

OLD and NEW are each a release (``lighting@1.0.0``, or ``lighting`` for the current one, read from
the data directory's bundles) or a LinkML module on disk (``vocab/lighting.yaml``, its imports beside
it, built in memory with the hand-written rules of ``--shapes``). A release and its module on disk
print the same. Exit codes: 0 the declared bump is enough, 1 it is too small, 2 bad input (one line
on stderr, never a traceback).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from registry.cli.options import Lang

if TYPE_CHECKING:
    from registry.catalog.releases import ReleaseCatalog
    from registry.publish.compatibility import ModuleVersion, Verdict


class Format(StrEnum):
    """Faces of the verdict."""

    TEXT = "text"
    JSON = "json"


class _BadInput(Exception):
    """Input the command cannot use; its message is printed as one line."""


def diff(
    old: Annotated[str, typer.Argument(help="Older version: lighting@1.0.0 or a LinkML file.")],
    new: Annotated[str, typer.Argument(help="Newer version: lighting@1.1.0 or vocab/lighting.yaml.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="text or json.")] = Format.TEXT,
    lang: Annotated[Lang, typer.Option("--lang", "-l", help="Language of the explanations.")] = Lang.FR,
    shapes: Annotated[
        Path | None,
        typer.Option("--shapes", help="Hand-written shapes for LinkML files (default: the project's)."),
    ] = None,
) -> None:
    """Compare two versions of a standard; exit 0 when the declared bump is enough, 1 when it is
    too small, 2 on bad input."""
    try:
        verdict = _verdict(old, new, shapes)
    except _BadInput as error:
        typer.echo(f"socle diff: {error}", err=True)
        raise typer.Exit(2) from None
    from registry.publish.compatibility.render import render_json, render_text

    render = render_json if format is Format.JSON else render_text
    typer.echo(render(verdict, lang.value), nl=False)
    raise typer.Exit(0 if verdict.acceptable else 1)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:500]


def _verdict(old: str, new: str, shapes: Path | None) -> Verdict:
    import logging

    from registry.errors import SocleError
    from registry.publish.compatibility import compare

    logging.getLogger("linkml").setLevel(logging.ERROR)
    catalog: list[ReleaseCatalog] = []
    try:
        return compare(_side(old, shapes, catalog), _side(new, shapes, catalog))
    except SocleError as error:
        hint = f" {error.hint}" if error.hint else ""
        raise _BadInput(_one_line(f"{error.detail}.{hint}".replace("..", "."))) from None
    except (OSError, ValueError, KeyError) as error:
        raise _BadInput(_one_line(f"cannot read the versions to compare: {error}")) from None


def _is_file_argument(argument: str) -> bool:
    return argument.endswith((".yaml", ".yml")) or "/" in argument or Path(argument).is_file()


def _side(argument: str, shapes: Path | None, catalog: list[ReleaseCatalog]) -> ModuleVersion:
    from registry.config import get_settings
    from registry.publish.compatibility import from_module, from_release

    settings = get_settings()
    if _is_file_argument(argument):
        path = Path(argument)
        if not path.is_file():
            raise _BadInput(f"{argument}: no such file")
        shapes_dir = shapes if shapes is not None else settings.shapes_dir
        return from_module(path, shapes_dir)
    if not catalog:
        from registry.catalog.releases import open_catalog

        catalog.append(open_catalog(settings))
    return from_release(catalog[0].resolve(argument))
