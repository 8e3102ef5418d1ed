"""The :class:`SocleEngine`: the SHACL engine Socle runs by default."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from rdflib import Graph

from registry.validate.report import ValidationResult
from registry.validate.socle_engine.compiler import CompiledGraph, compile_graph
from registry.validate.socle_engine.evaluator import Validator
from registry.validate.socle_engine.index import GraphIndex

ENGINE_VERSION = "0.1.0"


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
        """Compile a shapes graph; raises :class:`ShapesError` when it is ill-formed."""
        return SocleShapes(compiled=compile_graph(shapes), digest=shapes_digest(shapes))

    def validate(self, data: Graph, shapes: SocleShapes) -> list[ValidationResult]:
        """Validate ``data``: every result, in no particular order."""
        raw = Validator(data, shapes.compiled).run()
        return [r.to_result() for r in raw]

    def validate_index(self, data: GraphIndex, shapes: SocleShapes) -> list[ValidationResult]:
        """Validate data already loaded into a :class:`GraphIndex` (no rdflib graph needed)."""
        return self.validate(data, shapes)  # type: ignore[arg-type]
