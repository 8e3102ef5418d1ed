"""Differences in the shapes themselves (hand-written rules): stricter, looser, severity, new shapes;
and a release read from its bundle against the same module read from its YAML."""

from __future__ import annotations

from dataclasses import replace as dc_replace
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from registry.catalog.releases import Release
from registry.publish.compatibility import Change, Level, ModuleVersion, compare, from_release

LS = "https://w3id.org/socle/def/lighting/shapes/"
COLOR = URIRef(LS + "LightNuisance-color_temperature")


def summary(changes: tuple[Change, ...]) -> list[tuple[str, str, Level]]:
    return sorted((c.kind, c.element, c.level) for c in changes)


def edited(base: ModuleVersion, turtle: str = "", edit: object = None) -> ModuleVersion:
    graph = Graph()
    for triple in base.shapes:
        graph.add(triple)
    if callable(edit):
        edit(graph)
    if turtle:
        graph.parse(data=turtle, format="turtle")
    return dc_replace(base, shapes=graph)


def test_severity_raised_to_violation_is_major(base: ModuleVersion) -> None:
    new = edited(base, edit=lambda g: g.remove((COLOR, SH.severity, SH.Warning)))
    verdict = compare(base, new)
    assert summary(verdict.changes) == [
        ("shape-severity", "lightingshapes:LightNuisance-color_temperature", Level.MAJOR)
    ]
    assert (verdict.changes[0].before, verdict.changes[0].after) == ("sh:Warning", "sh:Violation")
    back = compare(new, base)
    assert summary(back.changes) == [
        ("shape-severity", "lightingshapes:LightNuisance-color_temperature", Level.MINOR)
    ]


def test_tightened_bound_on_a_warning_is_minor(base: ModuleVersion) -> None:
    def edit(graph: Graph) -> None:
        graph.set((COLOR, SH.maxInclusive, Literal(2700)))

    verdict = compare(base, edited(base, edit=edit))
    assert summary(verdict.changes) == [
        ("shape-constraint-tightened", "lightingshapes:LightNuisance-color_temperature", Level.MINOR)
    ]
    assert (verdict.changes[0].before, verdict.changes[0].after) == ("3000", "2700")


def test_new_constraints_at_violation_are_major(base: ModuleVersion) -> None:
    prop = URIRef(LS + "ScheduleDates-valid_from")

    def edit(graph: Graph) -> None:
        graph.add((prop, SH.minCount, Literal(1)))
        graph.add((prop, SH.pattern, Literal("^2")))

    verdict = compare(base, edited(base, edit=edit))
    assert summary(verdict.changes) == [
        ("shape-constraint-added", "lightingshapes:ScheduleDates-valid_from", Level.MAJOR),
        ("shape-constraint-added", "lightingshapes:ScheduleDates-valid_from", Level.MAJOR),
    ]
    assert {c.after for c in verdict.changes} == {"1", "^2"}
    assert any("sh:minCount" in c.message_en for c in verdict.changes)


def test_removed_in_member_is_major_added_member_minor(base: ModuleVersion) -> None:
    turtle = f"""
    @prefix sh: <http://www.w3.org/ns/shacl#> .
    <{LS}Extra> a sh:NodeShape ; sh:targetClass <https://w3id.org/socle/def/lighting/Streetlight> ;
        sh:property <{LS}Extra-status> .
    <{LS}Extra-status> sh:path <https://w3id.org/socle/def/lighting/operational_status> ;
        sh:in ( "ok" "unknown" "switched_off" ) .
    """
    narrower = turtle.replace('"switched_off" ', "").replace('"unknown"', '"unknown" "other"')
    verdict = compare(edited(base, turtle), edited(base, narrower))
    assert summary(verdict.changes) == [
        ("shape-constraint-loosened", "lightingshapes:Extra-status", Level.MINOR),
        ("shape-constraint-tightened", "lightingshapes:Extra-status", Level.MAJOR),
    ]
    tightened = next(c for c in verdict.changes if c.kind == "shape-constraint-tightened")
    assert "'switched_off'" in tightened.message_en


def test_new_node_shape_on_an_existing_class_is_major(base: ModuleVersion) -> None:
    turtle = f"""
    @prefix sh: <http://www.w3.org/ns/shacl#> .
    <{LS}Naming> a sh:NodeShape ; sh:targetClass <https://w3id.org/socle/def/lighting/ControlCabinet> ;
        sh:property [ sh:path <https://w3id.org/socle/def/core/name> ; sh:minCount 1 ] .
    """
    verdict = compare(base, edited(base, turtle))
    kinds = summary(verdict.changes)
    assert ("shape-added", "lightingshapes:Naming", Level.MAJOR) in kinds
    assert verdict.required is Level.MAJOR
    warning = turtle.replace("sh:minCount 1 ]", "sh:minCount 1 ; sh:severity sh:Warning ]")
    assert compare(base, edited(base, warning)).required is Level.MINOR
    removed = compare(edited(base, turtle), base)
    assert removed.required is Level.MINOR


def test_a_release_and_its_module_on_disk_compare_equal(
    base: ModuleVersion, bundles: dict[str, Path]
) -> None:
    release = Release(domain="lighting", version="1.0.0", status="candidate", directory=bundles["lighting"])
    published = from_release(release)
    assert compare(published, base).changes == ()
    assert compare(base, published).changes == ()
