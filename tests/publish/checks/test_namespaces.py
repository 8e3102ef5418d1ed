"""The namespace check: a module defines terms in the registry's namespace, or an allowed one."""

from __future__ import annotations

from pathlib import Path

from registry.publish.checks.namespaces import check_namespaces
from tests.publish.checks.conftest import SHAPES_PREFIXES, WriteModule, shapes_bundle

BASE = "https://w3id.org/socle/"
OWN_SHAPES = SHAPES_PREFIXES + "parksshapes:Park a sh:NodeShape ; sh:targetClass parks:Park .\n"


def test_a_module_in_the_registrys_namespace_passes(write_module: WriteModule, tmp_path: Path) -> None:
    """Its class's exact_mappings to schema:Park is a reference, not a definition."""
    bundle = shapes_bundle(tmp_path / "bundle", OWN_SHAPES)
    assert check_namespaces(bundle, write_module(), base_uri=BASE) == []


def test_a_class_defined_as_schema_person_is_refused(write_module: WriteModule, tmp_path: Path) -> None:
    bundle = shapes_bundle(tmp_path / "bundle", OWN_SHAPES)
    schema = write_module({"class_uri: parks:Park": "class_uri: schema:Person"})
    (failure,) = check_namespaces(bundle, schema, base_uri=BASE)
    assert failure.check == "namespace"
    assert failure.element == "class Park"
    assert (
        "<http://schema.org/Person>" in failure.message_en
        and "https://w3id.org/socle/def/" in failure.message_en
    )
    assert "<http://schema.org/Person>" in failure.message_fr


def test_an_allowed_namespace_may_hold_the_modules_terms(write_module: WriteModule, tmp_path: Path) -> None:
    bundle = shapes_bundle(tmp_path / "bundle", OWN_SHAPES)
    schema = write_module({"class_uri: parks:Park": "class_uri: schema:Person"})
    assert check_namespaces(bundle, schema, base_uri=BASE, allowed_namespaces=["http://schema.org/"]) == []


def test_slots_enums_and_value_meanings_are_checked(write_module: WriteModule, tmp_path: Path) -> None:
    bundle = shapes_bundle(tmp_path / "bundle", OWN_SHAPES)
    schema = write_module(
        {
            "slot_uri: parks:gate_code": "slot_uri: schema:identifier",
            "  ParkKind:\n    title:": "  ParkKind:\n    enum_uri: schema:ParkKinds\n    title:",
            "      woodland:\n": "      woodland:\n        meaning: schema:Forest\n",
        }
    )
    failures = check_namespaces(bundle, schema, base_uri=BASE)
    assert [(f.element, f.message_en.split(" is not in")[0]) for f in failures] == [
        ("slot gate_code", "slot gate_code: its property IRI (slot_uri) <http://schema.org/identifier>"),
        ("enum ParkKind", "enum ParkKind: its enumeration IRI (enum_uri) <http://schema.org/ParkKinds>"),
        (
            "value ParkKind.woodland",
            "value ParkKind.woodland: its value IRI (meaning) <http://schema.org/Forest>",
        ),
    ]


def test_the_modules_id_and_default_prefix_follow_its_name(write_module: WriteModule, tmp_path: Path) -> None:
    bundle = shapes_bundle(tmp_path / "bundle", OWN_SHAPES)
    schema = write_module(
        {
            "id: https://w3id.org/socle/def/parks": "id: https://example.org/parks",
            "  parks: https://w3id.org/socle/def/parks/": "  parks: https://w3id.org/socle/def/parcs/",
        }
    )
    failures = check_namespaces(bundle, schema, base_uri=BASE)
    identity = [f for f in failures if f.element == "schema parks"]
    assert [f.message_en for f in identity] == [
        "The id of module parks is <https://example.org/parks>; it must be <https://w3id.org/socle/def/parks>.",
        "The default prefix (parks) of module parks is <https://w3id.org/socle/def/parcs/>; it must be "
        "<https://w3id.org/socle/def/parks/>.",
    ]


def test_a_shape_named_outside_the_namespace_is_refused(write_module: WriteModule, tmp_path: Path) -> None:
    turtle = OWN_SHAPES + "<http://schema.org/PersonShape> a sh:NodeShape ; sh:targetClass parks:Park .\n"
    (failure,) = check_namespaces(shapes_bundle(tmp_path / "bundle", turtle), write_module(), base_uri=BASE)
    assert failure.check == "namespace"
    assert failure.element == "<http://schema.org/PersonShape>"
    assert "http://schema.org/PersonShape" in failure.message_fr


def test_another_base_uri_moves_the_registrys_namespace(write_module: WriteModule, tmp_path: Path) -> None:
    bundle = shapes_bundle(tmp_path / "bundle", OWN_SHAPES)
    failures = check_namespaces(bundle, write_module(), base_uri="https://data.example.fr/")
    assert {f.element for f in failures} >= {
        "schema parks",
        "class Park",
        "<https://w3id.org/socle/def/parks/shapes/Park>",
    }
