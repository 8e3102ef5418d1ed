"""The :class:`SocleEngine`: the SHACL engine Socle runs by default."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from registry.validate.report import ValidationResult
from registry.validate.socle_engine.compiler import CompiledGraph, compile_graph
from registry.validate.socle_engine.evaluator import Validator
from registry.validate.socle_engine.index import GraphIndex

if TYPE_CHECKING:
    from registry.validate.socle_engine.columns import ColumnData

ENGINE_VERSION = "0.2.0"
COLUMNS_FROM_TRIPLES = 50_000
"""Graphs from this size on are validated with the vectorised path."""
_CACHE_SIZE = 32
_COMPILED: dict[str, SocleShapes] = {}
_CACHE_LOCK = threading.Lock()


@dataclass(frozen=True)
class SocleShapes:
    """A shapes graph compiled once, reusable across validations and threads (never mutated)."""

    compiled: CompiledGraph
    digest: str


def shapes_digest(shapes: Graph) -> str:
    """SHA-256 over the sorted N-Triples of a shapes graph (blank nodes as parsed)."""
    lines = sorted(shapes.serialize(format="nt").splitlines())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


class SocleEngine:
    """Socle's own SHACL engine: SHACL Core and SHACL-SPARQL ``sh:select`` constraints.

    Parse data with :func:`registry.validate.socle_engine.parse_graph` (or rdflib with literal
    normalisation off): rdflib's default parsing rewrites ill-typed literals before we can see them.
    """

    name = "socle"
    version = ENGINE_VERSION

    def compile(self, shapes: Graph) -> SocleShapes:
        """Compile a shapes graph (once per process and digest); raises :class:`ShapesError`."""
        digest = shapes_digest(shapes)
        with _CACHE_LOCK:
            cached = _COMPILED.get(digest)
        if cached is not None:
            return cached
        compiled = SocleShapes(compiled=compile_graph(shapes), digest=digest)
        with _CACHE_LOCK:
            if len(_COMPILED) >= _CACHE_SIZE:
                _COMPILED.pop(next(iter(_COMPILED)))
            return _COMPILED.setdefault(digest, compiled)

    def validate(self, data: Graph, shapes: SocleShapes) -> list[ValidationResult]:
        """Validate ``data``: every result, in no particular order. Large graphs take the
        vectorised path, small ones the node-by-node path (the same results either way)."""
        if len(data) >= COLUMNS_FROM_TRIPLES:
            from registry.validate.socle_engine.columns import ColumnData

            try:
                columns = ColumnData.from_triples(data)
            except (ValueError, TypeError):
                columns = None  # a term pyoxigraph does not accept (a blank node label…)
            if columns is not None:
                return self.validate_columns(columns, shapes)
        return self.validate_nodes(data, shapes)

    def validate_nodes(self, data: Graph, shapes: SocleShapes) -> list[ValidationResult]:
        """Validate ``data`` with the node-by-node path."""
        raw = Validator(data, shapes.compiled).run()
        return [r.to_result() for r in raw]

    def validate_columns(self, data: ColumnData, shapes: SocleShapes) -> list[ValidationResult]:
        """Validate columnar data with the vectorised path (same results as :meth:`validate`)."""
        from registry.validate.socle_engine.vectorised import ColumnValidator

        return [r.to_result() for r in ColumnValidator(data, shapes.compiled).run()]

    def validate_files(self, paths: Sequence[Path], shapes: SocleShapes) -> list[ValidationResult]:
        """Parse RDF files straight into columns and validate them (the command line's path)."""
        from registry.validate.socle_engine.columns import ColumnData

        return self.validate_columns(ColumnData.from_files(paths), shapes)

    def validate_index(self, data: GraphIndex, shapes: SocleShapes) -> list[ValidationResult]:
        """Validate data already loaded into a :class:`GraphIndex` (no rdflib graph needed)."""
        return self.validate_nodes(data, shapes)  # type: ignore[arg-type]
