"""``socle validate``: check a producer's dataset against a standard, print a report a person can act on.

Exit codes: 0 no Violation (warnings are shown), 1 at least one Violation, 2 bad input (unknown
standard or version, a file that cannot be read, an input the registry refuses), always with one
line on stderr and never a traceback. Heavy modules are imported inside the command.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from registry.cli.options import Lang

if TYPE_CHECKING:
    from registry.catalog.releases import Release
    from registry.ingest.model import IngestOptions, InputFile
    from registry.validate.report import ValidationReport

BIG_INPUT_BYTES = 5 * 1024 * 1024
"""Inputs from this size on get progress lines on stderr even when it is not a terminal."""


class Output(StrEnum):
    """Faces of the report."""

    TEXT = "text"
    JSON = "json"
    TURTLE = "turtle"
    JSONLD = "jsonld"
    HTML = "html"


class Engine(StrEnum):
    """Engines the command can run."""

    SOCLE = "socle"
    PYSHACL = "pyshacl"


class InputFormatOption(StrEnum):
    """Formats the registry reads (else taken from the file name, else sniffed)."""

    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"
    RDFXML = "rdfxml"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"
    ODS = "ods"
    GEOJSON = "geojson"


class _BadInput(Exception):
    """Input the command cannot use; its message is printed as one line."""


def validate(
    files: Annotated[list[Path], typer.Argument(help="Dataset files (read together as one dataset).")],
    domain: Annotated[
        str,
        typer.Option(
            "--domain", "-d", help="Standard, optionally with a version: lighting or lighting@1.0.0."
        ),
    ],
    class_name: Annotated[
        str | None, typer.Option("--class", "-c", help="Class of each row or record (else inferred).")
    ] = None,
    base: Annotated[str | None, typer.Option("--base", help="Base IRI of the records' identifiers.")] = None,
    format: Annotated[
        InputFormatOption | None,
        typer.Option("--format", "-f", help="Input format (else from the file name)."),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="Spreadsheet sheet to read (else the first).")
    ] = None,
    engine: Annotated[
        Engine, typer.Option("--engine", "-e", help="socle (default) or the pySHACL reference.")
    ] = Engine.SOCLE,
    lang: Annotated[Lang, typer.Option("--lang", "-l", help="Language of the report.")] = Lang.FR,
    output: Annotated[
        Output, typer.Option("--output", "-o", help="text, json, turtle, jsonld or html.")
    ] = Output.TEXT,
) -> None:
    """Check a dataset against a standard; exit 0 when valid, 1 on violations, 2 on bad input."""
    import warnings

    # rdflib warns about each ill-typed literal it reads; the report names them better
    warnings.filterwarnings("ignore", category=UserWarning, module=r"rdflib\..*")
    try:
        report = _check(files, domain, class_name, base, format, sheet, engine)
    except _BadInput as error:
        typer.echo(f"socle validate: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(_render(report, output, lang.value), nl=False)
    raise typer.Exit(0 if report.valid else 1)


def _render(report: ValidationReport, output: Output, lang: str) -> str:
    if output is Output.JSON:
        from registry.validate.render.json import render_json

        return render_json(report, lang)
    if output in (Output.TURTLE, Output.JSONLD):
        from registry.validate.render.rdf import render_rdf

        return render_rdf(report, "jsonld" if output is Output.JSONLD else "turtle")
    if output is Output.HTML:
        from registry.validate.render.html import render_html

        return render_html(report, lang)
    from registry.validate.render.text import render_text

    return render_text(report, lang)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:500]


def _check(
    paths: list[Path],
    domain: str,
    class_name: str | None,
    base: str | None,
    format: InputFormatOption | None,
    sheet: str | None,
    engine: Engine,
) -> ValidationReport:
    from registry.errors import SocleError

    try:
        files, size = _read(paths)
        with _progress(size) as step:
            step("standards")
            release = _release(domain)
            options = _options(class_name, base, format, sheet)
            step("validation")
            return _run(files, release, options, engine)
    except SocleError as error:
        line = getattr(error, "line", None)
        where = f" (line {line})" if line and f"line {line}" not in error.detail else ""
        hint = f" {error.hint}" if error.hint else ""
        raise _BadInput(_one_line(f"{error.detail}{where}.{hint}".replace("..", "."))) from None
    except RecursionError:
        raise _BadInput("input nested too deeply") from None
    except MemoryError:
        raise _BadInput("input too large for memory") from None


def _read(paths: list[Path]) -> tuple[list[InputFile], int]:
    from registry.ingest.model import InputFile

    files: list[InputFile] = []
    size = 0
    for path in paths:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise _BadInput(f"{path}: no such file") from None
        except IsADirectoryError:
            raise _BadInput(f"{path}: is a directory, not a file") from None
        except OSError as error:
            raise _BadInput(f"{path}: cannot be read ({error.strerror or error})") from None
        size += len(data)
        files.append(InputFile(data=data, name=path.name))
    return files, size


def _release(domain: str) -> Release:
    from registry.catalog.releases import open_catalog
    from registry.config import get_settings

    return open_catalog(get_settings()).resolve(domain)


def _options(
    class_name: str | None, base: str | None, format: InputFormatOption | None, sheet: str | None
) -> IngestOptions:
    from registry.ingest.model import DEFAULT_BASE, IngestOptions, InputFormat

    return IngestOptions(
        format=InputFormat(format.value) if format is not None else None,
        class_name=class_name,
        base=base or DEFAULT_BASE,
        sheet=sheet,
    )


def _run(
    files: list[InputFile], release: Release, options: IngestOptions, engine: Engine
) -> ValidationReport:
    from registry.errors import SocleError
    from registry.validate.dataset import check_dataset

    try:
        return check_dataset(files, release, options=options, engine_name=engine.value)
    except (SocleError, RecursionError, MemoryError, _BadInput):
        raise
    except ImportError as error:
        raise _BadInput(f"engine {engine.value} is not available ({error})") from None
    except (ValueError, UnicodeDecodeError, SyntaxError) as error:
        # a parser's own error on input ingestion did not translate: still the input's fault
        raise _BadInput(f"the input cannot be read: {_one_line(str(error))}") from None
    except Exception as error:  # rdflib and others raise their own kinds on malformed input
        name = type(error).__name__
        raise _BadInput(f"the input cannot be read ({name}): {_one_line(str(error))}") from None


@contextmanager
def _progress(size: int) -> Iterator[Callable[[str], None]]:
    """Progress on stderr: a spinner on a terminal, plain lines for big inputs elsewhere."""
    tty = sys.stderr.isatty()
    if not tty and size < BIG_INPUT_BYTES:
        yield lambda _step: None
        return
    if not tty:
        yield lambda step: typer.echo(f"socle validate: {step}…", err=True)
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status("socle validate…") as status:
        yield lambda step: status.update(f"socle validate: {step}…")
