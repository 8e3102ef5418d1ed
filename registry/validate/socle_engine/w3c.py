"""The W3C SHACL test suite, read from its manifests (used by the conformance tests and benchmarks).

A case passes when ``sh:conforms`` matches and the multiset of (focus node, result path, source
constraint component) is the same as expected; blank nodes are compared by the triples around them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Namespace
from rdflib.collection import Collection
from rdflib.term import Node

from registry.errors import SocleError
from registry.validate.report import ValidationResult
from registry.validate.socle_engine.engine import SocleEngine
from registry.validate.socle_engine.rdf_io import parse_file
from registry.validate.socle_engine.results import term_to_nt
from registry.validate.socle_engine.vocab import RDF, SH
from registry.validate.terms import path_to_sparql

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

Key = tuple[str, str | None, str]


@dataclass(frozen=True)
class Case:
    """One ``sht:Validate`` entry."""

    name: str
    manifest: Path
    data: Path
    shapes: Path
    expect_failure: bool
    conforms: bool
    results: tuple[Key, ...]

    def keys_of(self, results: list[ValidationResult], data: Graph) -> Counter[Key]:
        """Our results as comparison keys (blank nodes described by the data graph)."""
        structural = self.data == self.manifest
        return Counter(
            (_focus_key(data, r.focus_node, structural), r.result_path, r.constraint_component)
            for r in results
        )


def check(case: Case, *, columns: bool = False) -> str | None:
    """Run ``case`` through Socle's engine (node by node, or the vectorised path with
    ``columns``): ``None`` when it passes, else what differs."""
    engine = SocleEngine()
    data = parse_file(case.data)
    shapes = data if case.shapes == case.data else parse_file(case.shapes)
    try:
        if columns:
            from registry.validate.socle_engine.columns import ColumnData

            results = engine.validate_columns(ColumnData.from_triples(data), engine.compile(shapes))
        else:
            results = engine.validate_nodes(data, engine.compile(shapes))
    except SocleError as error:
        return None if case.expect_failure else f"raised {error}"
    if case.expect_failure:
        return "expected a failure, got a report"
    if (not results) != case.conforms:
        return f"conforms should be {case.conforms}"
    ours, expected = case.keys_of(results, data), Counter(case.results)
    if ours != expected:
        return f"unexpected {dict(ours - expected)}; missing {dict(expected - ours)}"
    return None


def cases(root: Path) -> Iterator[Case]:
    """Every case under the manifest at ``root`` (``mf:include`` followed), in manifest order."""
    yield from _cases(root / "manifest.ttl", root)


def _cases(manifest: Path, root: Path) -> Iterator[Case]:
    graph = parse_file(manifest)
    for include in graph.objects(None, MF.include):
        yield from _cases(_local(include), root)
    for entries in graph.objects(None, MF.entries):
        for entry in Collection(graph, entries):
            yield _case(graph, entry, manifest, root)


def _local(iri: Node | None) -> Path:
    if iri is None:
        raise ValueError("a test entry lacks its data or shapes graph")
    return Path(str(iri).removeprefix("file://"))


def _case(graph: Graph, entry: Node, manifest: Path, root: Path) -> Case:
    action = graph.value(entry, MF.action)
    result = graph.value(entry, MF.result)
    data = _local(graph.value(action, SHT.dataGraph))
    shapes = _local(graph.value(action, SHT.shapesGraph))
    name = f"{manifest.parent.relative_to(root)}/{str(entry).rsplit('/', 1)[-1]}"
    if result == SHT.Failure:
        return Case(name, manifest, data, shapes, True, False, ())
    conforms = str(graph.value(result, SH.conforms)) == "true"
    structural = data == manifest
    keys = tuple(
        (
            _node_key(graph, graph.value(r, SH.focusNode), structural),
            _path(graph, graph.value(r, SH.resultPath)),
            str(graph.value(r, SH.sourceConstraintComponent)),
        )
        for r in graph.objects(result, SH.result)
    )
    return Case(name, manifest, data, shapes, False, conforms, keys)


def _path(graph: Graph, node: Node | None) -> str | None:
    return path_to_sparql(graph, node) if node is not None else None


def _focus_key(data: Graph, focus: str, structural: bool) -> str:
    if focus.startswith("_:"):
        return _node_key(data, BNode(focus[2:]), structural)
    return focus


def _node_key(graph: Graph, node: Node | None, structural: bool) -> str:
    if node is None:
        return "(none)"
    if not isinstance(node, BNode):
        return term_to_nt(node)
    if not structural:
        return "_:"
    out = sorted(f"{p.n3()} {_shallow(o)}" for p, o in graph.predicate_objects(node))
    into = sorted(f"{_shallow(s)} {p.n3()}" for s, p in graph.subject_predicates(node))
    return "_:[" + "; ".join(out) + " | " + "; ".join(into) + "]"


def _shallow(node: Node) -> str:
    return "_:" if isinstance(node, BNode) else node.n3()


__all__ = ["RDF", "Case", "cases", "check"]
