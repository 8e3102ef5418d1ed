"""Each correction the build makes to LinkML's SHACL (docs/ARCHITECTURE.md), checked on the shapes."""

from __future__ import annotations

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

L = "https://w3id.org/socle/def/lighting/"
CORE = "https://w3id.org/socle/def/core/"
STREETLIGHT_SHAPE = URIRef(f"{L}shapes/Streetlight")


def _prop(shapes: rdflib.Graph, node_shape: URIRef, path: str) -> URIRef:
    found = [
        p
        for p in shapes.objects(node_shape, SH.property)
        if shapes.value(p, SH.path) == URIRef(path) and shapes.value(p, SH.severity) is None
    ]
    assert len(found) == 1, f"{node_shape} has {len(found)} violation-level shapes on {path}"
    return URIRef(found[0])


def test_shapes_are_open_and_named_apart_from_classes(shapes_graphs: dict[str, rdflib.Graph]) -> None:
    shapes = shapes_graphs["lighting"]
    assert not list(shapes.subjects(SH.closed, Literal(True)))
    assert (STREETLIGHT_SHAPE, SH.targetClass, URIRef(f"{L}Streetlight")) in shapes
    assert (URIRef(f"{L}Streetlight"), RDF.type, SH.NodeShape) not in shapes


def test_names_are_in_french_and_english(shapes_graphs: dict[str, rdflib.Graph]) -> None:
    shapes = shapes_graphs["lighting"]
    names = {(n.language, str(n)) for n in shapes.objects(STREETLIGHT_SHAPE, SH.name)}
    assert names == {("fr", "point lumineux"), ("en", "streetlight")}


def test_identifier_is_required_and_unique(shapes_graphs: dict[str, rdflib.Graph]) -> None:
    shapes = shapes_graphs["lighting"]
    identifier = _prop(shapes, STREETLIGHT_SHAPE, f"{CORE}identifier")
    assert shapes.value(identifier, SH.minCount) == Literal(1)
    assert shapes.value(identifier, SH.pattern) is not None
    unique = URIRef(f"{CORE}shapes/IdentifierUnique")
    assert (unique, SH.targetObjectsOf, URIRef(f"{CORE}identifier")) in shapes
    prop = shapes.value(unique, SH.property)
    assert isinstance(prop, BNode)
    path = shapes.value(prop, SH.path)
    assert shapes.value(path, SH.inversePath) == URIRef(f"{CORE}identifier")
    assert shapes.value(prop, SH.maxCount) == Literal(1)


def test_type_slot_is_not_a_property_shape(shapes_graphs: dict[str, rdflib.Graph]) -> None:
    assert not list(shapes_graphs["lighting"].subjects(SH.path, RDF.type))


def test_inlined_address_uses_the_address_shape(shapes_graphs: dict[str, rdflib.Graph]) -> None:
    shapes = shapes_graphs["lighting"]
    address = _prop(shapes, STREETLIGHT_SHAPE, f"{CORE}address")
    assert shapes.value(address, SH.node) == URIRef(f"{CORE}shapes/Address")
    assert shapes.value(address, SH["class"]) is None


def test_reference_class_is_a_warning_and_its_kind_a_violation(shapes_graphs: dict[str, rdflib.Graph]) -> None:
    shapes = shapes_graphs["lighting"]
    cabinet = _prop(shapes, STREETLIGHT_SHAPE, f"{L}control_cabinet")
    assert shapes.value(cabinet, SH.nodeKind) == SH.IRI
    assert shapes.value(cabinet, SH["class"]) is None
    warning = URIRef(f"{cabinet}/described")
    assert shapes.value(warning, SH["class"]) == URIRef(f"{L}ControlCabinet")
    assert shapes.value(warning, SH.severity) == SH.Warning
    assert {m.language for m in shapes.objects(warning, SH.message)} == {"fr", "en"}


def test_recommended_slots_warn_when_missing(shapes_graphs: dict[str, rdflib.Graph]) -> None:
    shapes = shapes_graphs["lighting"]
    warning = URIRef(f"{STREETLIGHT_SHAPE}/lamp_technology/recommended")
    assert shapes.value(warning, SH.minCount) == Literal(1)
    assert shapes.value(warning, SH.severity) == SH.Warning


def test_instants_need_a_time_zone(shapes_graphs: dict[str, rdflib.Graph]) -> None:
    shapes = shapes_graphs["lighting"]
    reading = _prop(shapes, URIRef(f"{L}shapes/EnergyReading"), f"{CORE}date_observed")
    assert shapes.value(reading, SH.datatype) == XSD.dateTime
    assert Literal("(Z|[+-][0-9]{2}:[0-9]{2})$") in set(shapes.objects(reading, SH.pattern))


def test_enum_slots_accept_codes_only(shapes_graphs: dict[str, rdflib.Graph]) -> None:
    shapes = shapes_graphs["lighting"]
    lamp = _prop(shapes, STREETLIGHT_SHAPE, f"{L}lamp_technology")
    codes = {str(v) for v in rdflib.collection.Collection(shapes, shapes.value(lamp, SH["in"]))}
    assert "led" in codes and "LED" not in codes
