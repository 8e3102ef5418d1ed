"""``socle shacl``: validate any RDF data against any SHACL shapes, print a ``sh:ValidationReport``.

Exit codes: 0 the data conforms, 1 it does not (any result, as ``sh:conforms`` says), 2 bad input.
Like pySHACL's own command, it is a small program: its options are parsed with ``argparse`` and the
``socle`` entry point (:mod:`registry.cli.entry`) runs it without loading the rest of the command line
(Typer, pydantic); heavy modules are imported inside, pySHACL only with ``--engine pyshacl``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

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


def parser() -> argparse.ArgumentParser:
    """The command's options."""
    found = argparse.ArgumentParser(
        prog="socle shacl",
        description="Validate RDF data against SHACL shapes and print a standard sh:ValidationReport.",
        epilog="Exit codes: 0 the data conforms, 1 it does not, 2 bad input.",
    )
    found.add_argument("data", nargs="+", type=Path, help="RDF data files (merged into one graph)")
    found.add_argument("-s", "--shapes", required=True, type=Path, help="SHACL shapes file")
    found.add_argument(
        "-f",
        "--format",
        choices=[f.value for f in OutputFormat],
        default="turtle",
        help="report as Turtle or JSON-LD",
    )
    found.add_argument(
        "-e",
        "--engine",
        choices=[e.value for e in Engine],
        default="socle",
        help="socle, or the pySHACL reference",
    )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; the exit code."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:  # usage errors and --help
        return int(exit_.code or 0) and 2
    try:
        results = _validate(list(args.data), args.shapes, Engine(args.engine))
    except _BadInput as error:
        print(f"socle shacl: {error}", file=sys.stderr)
        return 2
    from registry.validate.rdf_report import ReportFormat, render

    report_format = ReportFormat.JSON_LD if args.format == OutputFormat.JSON else ReportFormat.TURTLE
    sys.stdout.write(render(results, report_format))
    sys.stdout.flush()
    return 1 if results else 0


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
