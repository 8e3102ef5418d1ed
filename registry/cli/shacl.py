"""``socle shacl``: validate any RDF data against any SHACL shapes, print a ``sh:ValidationReport``.

Exit codes: 0 the data conforms, 1 it does not (any result, as ``sh:conforms`` says), 2 bad input.
Heavy modules are imported inside the command; pySHACL only with ``--engine pyshacl``.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from registry.validate.report import ValidationResult


class Engine(StrEnum):
    """Engines ``socle shacl`` can run."""

    SOCLE = "socle"
    PYSHACL = "pyshacl"


class OutputFormat(StrEnum):
    """Serialisations of the report."""

    TURTLE = "turtle"
    JSON = "json"


def shacl(
    data: Annotated[list[Path], typer.Argument(help="RDF data files (merged into one graph).")],
    shapes: Annotated[Path, typer.Option("--shapes", "-s", help="SHACL shapes file.")],
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report as Turtle or JSON-LD.")
    ] = OutputFormat.TURTLE,
    engine: Annotated[
        Engine, typer.Option("--engine", "-e", help="socle (default) or the pySHACL reference.")
    ] = Engine.SOCLE,
) -> None:
    """Validate RDF data against SHACL shapes and print a standard sh:ValidationReport."""
    try:
        results = _validate(data, shapes, engine)
    except _BadInput as error:
        typer.echo(f"socle shacl: {error}", err=True)
        raise typer.Exit(2) from None
    from registry.validate.rdf_report import ReportFormat, render

    report_format = ReportFormat.JSON_LD if format is OutputFormat.JSON else ReportFormat.TURTLE
    typer.echo(render(results, report_format), nl=False)
    raise typer.Exit(1 if results else 0)


def _columns_from_bytes() -> int:
    """Inputs above this size take the vectorised path; below it, importing polars costs more than
    it saves. ``SOCLE_SHACL_COLUMNS_FROM`` changes it (0: always the vectorised path)."""
    try:
        return int(os.environ.get("SOCLE_SHACL_COLUMNS_FROM", "1000000"))
    except ValueError:
        return 1_000_000


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the parser reports the unreadable file


class _BadInput(Exception):
    """Input the command cannot use; its message is printed as one line."""


def _validate(data: list[Path], shapes: Path, engine: Engine) -> list[ValidationResult]:
    from registry.errors import SocleError
    from registry.validate.socle_engine.rdf_io import parse_file, parse_index_file

    try:
        shapes_graph = parse_file(shapes)
        if engine is Engine.PYSHACL:
            data_graph = None
            for path in data:
                data_graph = parse_file(path, data_graph)
            return _run_pyshacl(data_graph, shapes_graph)
        from registry.validate.socle_engine import SocleEngine

        socle = SocleEngine()
        compiled = socle.compile(shapes_graph)
        if sum(_size(path) for path in data) >= _columns_from_bytes():
            return socle.validate_files(data, compiled)  # the vectorised path
        # a small input: the node-by-node path (same results) spares the columns' start-up
        index = None
        for path in data:
            index = parse_index_file(path, index)
        assert index is not None
        return socle.validate_index(index, compiled)
    except SocleError as error:
        line = getattr(error, "line", None)
        where = f" (line {line})" if line else ""
        raise _BadInput(" ".join(f"{error.detail}{where}".split())) from None
    except RecursionError:
        raise _BadInput("input nested too deeply") from None
    except MemoryError:
        raise _BadInput("input too large for memory") from None


def _run_pyshacl(data: object, shapes: object) -> list[ValidationResult]:
    try:
        from registry.validate.pyshacl_engine import PyshaclEngine

        reference = PyshaclEngine()
    except ImportError:
        raise _BadInput("pySHACL is not installed (--engine pyshacl needs it)") from None
    try:
        return reference.validate(data, reference.compile(shapes))  # type: ignore[arg-type]
    except ImportError:
        raise _BadInput("pySHACL is not installed (--engine pyshacl needs it)") from None
    except Exception as error:  # pySHACL raises many kinds; the user gets one line
        raise _BadInput(f"pySHACL failed: {' '.join(str(error).split())[:300]}") from None
