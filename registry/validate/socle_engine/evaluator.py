"""The node-by-node evaluator: every shape, every focus node, every constraint (SHACL 3.4)."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph
from rdflib.term import Node

from registry.validate.socle_engine.compiler import CompiledGraph
from registry.validate.socle_engine.components import CHECKS
from registry.validate.socle_engine.index import GraphIndex
from registry.validate.socle_engine.model import Shape
from registry.validate.socle_engine.paths import evaluate
from registry.validate.socle_engine.results import RawResult
from registry.validate.socle_engine.sparql import SparqlRunner
from registry.validate.socle_engine.targets import ClassIndex, focus_nodes


class Validator:
    """One validation of one data graph against compiled shapes, with its caches."""

    def __init__(self, data: Graph | GraphIndex, shapes: CompiledGraph) -> None:
        self.data = GraphIndex.of(data)
        self.shapes = shapes
        self.classes = ClassIndex(self.data)
        self._sparql: SparqlRunner | None = None
        self._conforms: dict[tuple[Node, Node], bool] = {}
        self._in_progress: set[tuple[Node, Node]] = set()

    @property
    def sparql(self) -> SparqlRunner:
        if self._sparql is None:
            self._sparql = SparqlRunner(self.data, self.shapes.graph)
        return self._sparql

    def run(self) -> Iterator[RawResult]:
        """Every result of every targeted shape."""
        for shape in self.shapes.targeted:
            for focus in focus_nodes(self.data, self.classes, shape.targets):
                yield from self.check(shape, focus)

    def validate_shape(self, shape_node: Node, focus: Node) -> Iterator[RawResult]:
        """Results of validating ``focus`` against the shape at ``shape_node``."""
        shape = self.shapes.shapes.get(shape_node)
        if shape is not None:
            yield from self.check(shape, focus)

    def check(self, shape: Shape, focus: Node) -> Iterator[RawResult]:
        """Results of validating ``focus`` against ``shape`` (none when it is deactivated)."""
        if shape.deactivated:
            return
        values = [focus] if shape.path is None else evaluate(self.data, shape.path, focus)
        for constraint in shape.constraints:
            yield from CHECKS[type(constraint)](self, shape, constraint, focus, values)

    def conforms(self, node: Node, shape_node: Node) -> bool:
        """Whether ``node`` conforms to the shape (memoised; a recursive cycle conforms)."""
        key = (shape_node, node)
        known = self._conforms.get(key)
        if known is not None:
            return known
        if key in self._in_progress:
            return True  # SHACL leaves recursive shapes undefined; we stop the cycle here
        self._in_progress.add(key)
        try:
            result = next(iter(self.validate_shape(shape_node, node)), None) is None
        finally:
            self._in_progress.discard(key)
        self._conforms[key] = result
        return result

    def is_instance(self, node: Node, cls: Node) -> bool:
        return self.classes.is_instance(node, cls)
