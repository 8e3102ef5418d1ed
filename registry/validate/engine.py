"""The engine interface: compiled shapes in, data graph in, results out.

The service and the CLI choose an engine by name (:func:`get_engine`); an engine never fetches
anything and never imports another engine.
"""

from __future__ import annotations

from typing import Protocol, TypeVar, runtime_checkable

import rdflib

from registry.validate.report import ValidationResult


@runtime_checkable
class CompiledShapes(Protocol):
    """Shapes prepared once by an engine and reused for many validations."""

    @property
    def digest(self) -> str:
        """SHA-256 of the shapes graph's canonical N-Triples."""
        ...


ShapesT = TypeVar("ShapesT", bound=CompiledShapes)


class ShaclEngine(Protocol[ShapesT]):
    """A SHACL validator, generic over its own compiled-shapes type."""

    name: str
    version: str

    def compile(self, shapes: rdflib.Graph) -> ShapesT:
        """Prepare a shapes graph (parsed by the caller from bytes it holds) for validation."""
        ...

    def validate(self, data: rdflib.Graph, shapes: ShapesT) -> list[ValidationResult]:
        """Validate ``data`` against ``shapes``; the results in no particular order."""
        ...
