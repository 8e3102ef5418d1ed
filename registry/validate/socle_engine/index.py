"""An in-memory triple index with the few look-ups the evaluator needs, faster than rdflib's store.

Built once per validation, from an rdflib graph or straight from parsed triples (no rdflib graph at
all on the command line's path).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Graph
from rdflib.term import Node

_EMPTY: tuple[Node, ...] = ()

Triple = tuple[Node, Node, Node]


class GraphIndex:
    """Subject → predicate → objects and object → predicate → subjects, insertion-ordered."""

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._spo: dict[Node, dict[Node, list[Node]]] = {}
        self._ops: dict[Node, dict[Node, list[Node]]] = {}
        self._by_predicate: dict[Node, list[tuple[Node, Node]]] = {}
        self._count = 0
        self.add_all(triples)

    @classmethod
    def of(cls, graph: Graph | GraphIndex) -> GraphIndex:
        """The index of ``graph`` (itself when it is one already)."""
        return graph if isinstance(graph, GraphIndex) else cls(graph)

    def add_all(self, triples: Iterable[Triple]) -> None:
        spo, ops, by_predicate = self._spo, self._ops, self._by_predicate
        for s, p, o in triples:
            objects = spo.setdefault(s, {}).setdefault(p, [])
            if o in objects:
                continue
            objects.append(o)
            ops.setdefault(o, {}).setdefault(p, []).append(s)
            by_predicate.setdefault(p, []).append((s, o))
            self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Triple]:
        for s, predicates in self._spo.items():
            for p, objects in predicates.items():
                for o in objects:
                    yield s, p, o

    def objects(self, subject: Node, predicate: Node) -> Iterable[Node]:
        return self._spo.get(subject, {}).get(predicate, _EMPTY)

    def subjects(self, predicate: Node, obj: Node | None = None) -> Iterable[Node]:
        if obj is None:
            return dict.fromkeys(s for s, _ in self._by_predicate.get(predicate, ()))
        return self._ops.get(obj, {}).get(predicate, _EMPTY)

    def all_objects(self, predicate: Node) -> Iterable[Node]:
        return dict.fromkeys(o for _, o in self._by_predicate.get(predicate, ()))

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        for p, objects in self._spo.get(subject, {}).items():
            for o in objects:
                yield p, o
