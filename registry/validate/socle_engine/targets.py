"""Focus nodes of a shape's targets (SHACL 2.1.3); SHACL instances via ``rdfs:subClassOf*``."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib.term import Node

from registry.validate.socle_engine.index import GraphIndex
from registry.validate.socle_engine.model import Targets
from registry.validate.socle_engine.vocab import RDF, RDFS


class ClassIndex:
    """Subclass and superclass closures over a data graph, computed on demand and cached."""

    def __init__(self, data: GraphIndex) -> None:
        self._data = data
        self._sub: dict[Node, frozenset[Node]] = {}
        self._super: dict[Node, frozenset[Node]] = {}

    def subclasses(self, cls: Node) -> frozenset[Node]:
        """``cls`` and every class below it (reflexive, transitive)."""
        if cls not in self._sub:
            self._sub[cls] = self._closure(cls, inverse=True)
        return self._sub[cls]

    def superclasses(self, cls: Node) -> frozenset[Node]:
        """``cls`` and every class above it (reflexive, transitive)."""
        if cls not in self._super:
            self._super[cls] = self._closure(cls, inverse=False)
        return self._super[cls]

    def _closure(self, start: Node, *, inverse: bool) -> frozenset[Node]:
        seen = {start}
        frontier = [start]
        while frontier:
            node = frontier.pop()
            step = (
                self._data.subjects(RDFS.subClassOf, node)
                if inverse
                else self._data.objects(node, RDFS.subClassOf)
            )
            for other in step:
                if other not in seen:
                    seen.add(other)
                    frontier.append(other)
        return frozenset(seen)

    def is_instance(self, node: Node, cls: Node) -> bool:
        """Whether ``node`` is a SHACL instance of ``cls`` in the data graph."""
        return any(cls in self.superclasses(t) for t in self._data.objects(node, RDF.type))

    def instances(self, cls: Node) -> Iterator[Node]:
        """Every SHACL instance of ``cls`` (may repeat)."""
        for sub in self.subclasses(cls):
            yield from self._data.subjects(RDF.type, sub)


def focus_nodes(data: GraphIndex, classes: ClassIndex, targets: Targets) -> list[Node]:
    """The focus nodes of ``targets`` in ``data``, each once, in a stable order."""
    found: dict[Node, None] = dict.fromkeys(targets.nodes)
    for cls in targets.classes:
        found.update(dict.fromkeys(classes.instances(cls)))
    for predicate in targets.subjects_of:
        found.update(dict.fromkeys(data.subjects(predicate)))
    for predicate in targets.objects_of:
        found.update(dict.fromkeys(data.all_objects(predicate)))
    return list(found)
