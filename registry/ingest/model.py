"""The ingestion seam: what a producer's input is, how it is read, and what comes out.

``registry.ingest.ingest(files, schema, options)`` turns one or more files into one RDF graph of the
chosen standard, keeping where every record and value came from in the producer's own terms, so that
a report can say "column ``puissance_nominale``, row 12" rather than a slot IRI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import rdflib

from registry.validate.report import Notice, SourceLocation, ValidationResult

__all__ = [
    "DEFAULT_BASE",
    "IngestOptions",
    "Ingested",
    "InputFile",
    "InputFormat",
    "Notice",
    "SourceMap",
]

DEFAULT_BASE = "urn:socle:data:"
"""Base of record IRIs when the producer gives none (never the server's working directory)."""


class InputFormat(StrEnum):
    """Every format the registry reads."""

    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"
    RDFXML = "rdfxml"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"
    ODS = "ods"
    GEOJSON = "geojson"


@dataclass(frozen=True)
class InputFile:
    """One uploaded or named file, as bytes we hold (never a path or URL handed to a parser)."""

    data: bytes
    name: str | None = None
    content_type: str | None = None


@dataclass(frozen=True)
class IngestOptions:
    """How to read the input: ``format=``, ``class=``, ``base=``, ``sheet=`` of the API and CLI."""

    format: InputFormat | None = None
    class_name: str | None = None
    base: str = DEFAULT_BASE
    sheet: str | None = None
    delimiter: str | None = None
    """CSV separator (``;``, ``,`` or a tab); detected from the header and first rows when absent."""
    crs: str | None = None
    """Coordinate system of plain ``x``/``y`` columns (``EPSG:2154`` for Lambert-93); columns named
    ``x_l93``/``y_l93`` say it themselves."""


@dataclass
class SourceMap:
    """Where nodes and values came from, keyed by terms in N-Triples syntax."""

    nodes: dict[str, SourceLocation] = field(default_factory=dict)
    """A record's node → its row (tables), JSON pointer (JSON) or line (RDF, where known)."""
    columns: dict[tuple[str, str], str] = field(default_factory=dict)
    """(node, predicate IRI) → the column header or key the producer wrote for that value."""
    identifiers: dict[str, list[SourceLocation]] = field(default_factory=dict)
    """An identifier literal → every record that carries it (for uniqueness results)."""
    pointers: dict[tuple[str, str], str] = field(default_factory=dict)
    """(node, predicate IRI) → the JSON pointer of that value (``/3/nominal_power``), for JSON input."""

    def locate(self, result: ValidationResult) -> SourceLocation | None:
        """The result's location in the producer's terms (row and column header for tables)."""
        if result.focus_node in self.identifiers:
            first = self.identifiers[result.focus_node][0]
            return first
        where = self.nodes.get(result.focus_node)
        if where is None:
            return None
        path = result.result_path
        if path and path.startswith("<") and path.endswith(">"):
            header = self.columns.get((result.focus_node, path[1:-1]))
            if header is not None:
                return SourceLocation(
                    file=where.file,
                    line=where.line,
                    column=where.column,
                    row=where.row,
                    column_name=header,
                    pointer=self.pointers.get((result.focus_node, path[1:-1]), where.pointer),
                )
        return where


@dataclass
class Ingested:
    """A dataset read into RDF."""

    graph: rdflib.Graph
    formats: list[InputFormat]
    source_map: SourceMap = field(default_factory=SourceMap)
    notices: list[Notice] = field(default_factory=list)
    results: list[ValidationResult] = field(default_factory=list)
    """Findings of the reading itself, reported like SHACL results (denormalised rows that disagree)."""
    input_digest: str = ""
    """SHA-256 over the input files' bytes, in order."""
