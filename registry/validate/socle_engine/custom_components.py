"""SPARQL-based constraint components (SHACL 6): declared in the shapes graph, run as built-ins."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from registry.validate.socle_engine import model as m
from registry.validate.socle_engine.errors import ShapesError
from registry.validate.socle_engine.paths import Path, to_sparql
from registry.validate.socle_engine.sparql import prologue_for
from registry.validate.socle_engine.sparql_text import check_query, substitute_path, uses_variable
from registry.validate.socle_engine.vocab import RDF, RDFS, SH, is_true


@dataclass(frozen=True)
class Parameter:
    path: URIRef
    name: str
    optional: bool


@dataclass(frozen=True)
class Component:
    """A declared ``sh:ConstraintComponent`` with its parameters and validators."""

    iri: Node
    parameters: tuple[Parameter, ...]
    validator: Node | None
    node_validator: Node | None
    property_validator: Node | None


def catalogue(shapes: Graph) -> tuple[Component, ...]:
    """Every constraint component declared in the shapes graph."""
    found = []
    classes = set(shapes.transitive_subjects(RDFS.subClassOf, SH.ConstraintComponent))
    declared = {iri for cls in classes for iri in shapes.subjects(RDF.type, cls)}
    for iri in sorted(declared, key=str):
        parameters = []
        for declaration in shapes.objects(iri, SH.parameter):
            path = shapes.value(declaration, SH.path)
            if not isinstance(path, URIRef):
                raise ShapesError(f"a parameter of {iri.n3()} needs an IRI sh:path")
            name = _local_name(path)
            optional = any(is_true(v) for v in shapes.objects(declaration, SH.optional))
            parameters.append(Parameter(path, name, optional))
        found.append(
            Component(
                iri=iri,
                parameters=tuple(parameters),
                validator=shapes.value(iri, SH.validator),
                node_validator=shapes.value(iri, SH.nodeValidator),
                property_validator=shapes.value(iri, SH.propertyValidator),
            )
        )
    return tuple(found)


def _local_name(iri: URIRef) -> str:
    text = str(iri)
    for separator in ("#", "/", ":"):
        if separator in text:
            text = text.rsplit(separator, 1)[-1]
    return text


def constraints_for(
    shapes: Graph, node: Node, path: Path | None, components: tuple[Component, ...]
) -> Iterator[m.Constraint]:
    """The constraints ``node`` declares by giving values to every mandatory parameter."""
    for comp in components:
        values = {p.name: list(shapes.objects(node, p.path)) for p in comp.parameters}
        if not comp.parameters or any(not values[p.name] for p in comp.parameters if not p.optional):
            continue
        validator = _validator(comp, path)
        if validator is None:
            continue
        query, ask = _query(shapes, comp, validator, path)
        messages = tuple(o for o in shapes.objects(validator, SH.message) if isinstance(o, Literal))
        present = [(name, vals) for name, vals in values.items() if vals]
        for combination in itertools.product(*(vals for _, vals in present)):
            parameters = tuple((name, value) for (name, _), value in zip(present, combination, strict=True))
            assert isinstance(comp.iri, URIRef)
            yield m.ComponentConstraint(comp.iri, query, ask, parameters, messages, validator)


def _validator(comp: Component, path: Path | None) -> Node | None:
    specific = comp.property_validator if path is not None else comp.node_validator
    return specific if specific is not None else comp.validator


def _query(shapes: Graph, comp: Component, validator: Node, path: Path | None) -> tuple[str, bool]:
    ask = shapes.value(validator, SH.ask)
    select = shapes.value(validator, SH.select)
    text = ask if ask is not None else select
    if text is None:
        raise ShapesError(f"validator {validator.n3()} of {comp.iri.n3()} has no sh:ask/sh:select")
    where = f"validator {validator.n3()} of {comp.iri.n3()}"
    names = tuple(p.name for p in comp.parameters)
    query = str(text)
    check_query(query, where=where, parameters=names)
    if path is not None:
        query = substitute_path(query, to_sparql(path))
    elif uses_variable(query, "PATH"):
        raise ShapesError(f"{where}: $PATH used for a node shape")
    return prologue_for(shapes, validator, where) + query, ask is not None
