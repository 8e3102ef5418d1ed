"""The pattern check: every sh:pattern of the shapes and every LinkML pattern compiles as an XPath
regular expression and cannot backtrack catastrophically."""

from __future__ import annotations

from pathlib import Path

from registry.publish.checks.patterns import check_patterns
from tests.publish.checks.conftest import SHAPES_PREFIXES, WriteModule, shapes_bundle


def _shapes(pattern: str, flags: str | None = None, name: str = "parksshapes:Park-name") -> str:
    flag = f' ; sh:flags "{flags}"' if flags is not None else ""
    return SHAPES_PREFIXES + (
        "parksshapes:Park a sh:NodeShape ; sh:targetClass parks:Park ; sh:property " + name + " .\n"
        f'{name} sh:path parks:name ; sh:pattern "{pattern}"{flag} .\n'
    )


def test_safe_patterns_pass(write_module: WriteModule, tmp_path: Path) -> None:
    bundle = shapes_bundle(tmp_path / "b", _shapes("^[A-Z]{2}[0-9]{2}$"))
    assert check_patterns(bundle, write_module()) == []


def test_a_catastrophic_shape_pattern_is_refused(write_module: WriteModule, tmp_path: Path) -> None:
    bundle = shapes_bundle(tmp_path / "b", _shapes("^([a-z]+\\\\s?)+$"))
    (failure,) = check_patterns(bundle, write_module())
    assert failure.check == "pattern"
    assert failure.element == "<https://w3id.org/socle/def/parks/shapes/Park-name>"
    assert "'^([a-z]+\\s?)+$'" in failure.message_en and "backtrack catastrophically" in failure.message_en
    assert (
        "« ^([a-z]+\\s?)+$ »" in failure.message_fr and "retour arrière catastrophique" in failure.message_fr
    )
    assert "the text 'a' repeated n times" in failure.message_en


def test_a_pattern_that_does_not_compile_is_refused(write_module: WriteModule, tmp_path: Path) -> None:
    bundle = shapes_bundle(tmp_path / "b", _shapes("^[0-9]{5$("))
    (failure,) = check_patterns(bundle, write_module())
    assert failure.check == "pattern"
    assert failure.element == "<https://w3id.org/socle/def/parks/shapes/Park-name>"
    assert (
        "'^[0-9]{5$('" in failure.message_en and "not a valid XPath regular expression" in failure.message_en
    )


def test_unknown_flags_are_refused(write_module: WriteModule, tmp_path: Path) -> None:
    bundle = shapes_bundle(tmp_path / "b", _shapes("^a$", flags="g"))
    (failure,) = check_patterns(bundle, write_module())
    assert "(sh:flags 'g')" in failure.message_en and "unknown sh:flags" in failure.message_en


def test_flags_are_compiled_as_the_engine_compiles_them(write_module: WriteModule, tmp_path: Path) -> None:
    """With the i flag, (ab|AB) is two spellings of the same text."""
    assert check_patterns(shapes_bundle(tmp_path / "b", _shapes("^(ab|AB)+$")), write_module()) == []
    (failure,) = check_patterns(
        shapes_bundle(tmp_path / "c", _shapes("^(ab|AB)+$", flags="i")), write_module()
    )
    assert "(sh:flags 'i')" in failure.message_en


def test_a_linkml_slot_pattern_is_named_by_its_slot(write_module: WriteModule, tmp_path: Path) -> None:
    """A pattern used in the module and in its shapes gives one failure, naming the LinkML slot."""
    schema = write_module({'pattern: "^[A-Z]{2}[0-9]{2}$"': 'pattern: "^(\\\\d|\\\\d\\\\d)+$"'})
    bundle = shapes_bundle(tmp_path / "b", _shapes("^(\\\\d|\\\\d\\\\d)+$"))
    (failure,) = check_patterns(bundle, schema)
    assert failure.element == "slot gate_code"
    assert "'^(\\d|\\d\\d)+$'" in failure.message_en
    assert "(also used by 1 other element(s))" in failure.message_en
    assert "(utilisé aussi par 1 autre(s) élément(s))" in failure.message_fr


def test_a_pattern_in_a_nested_shape_names_its_named_parent(
    write_module: WriteModule, tmp_path: Path
) -> None:
    turtle = SHAPES_PREFIXES + (
        "parksshapes:Park a sh:NodeShape ; sh:targetClass parks:Park ; sh:property [\n"
        '  sh:path parks:name ; sh:or ( [ sh:pattern "(a*)*$" ] [ sh:datatype xsd:string ] ) ] .\n'
    )
    (failure,) = check_patterns(shapes_bundle(tmp_path / "b", turtle), write_module())
    assert (
        failure.element
        == "<https://w3id.org/socle/def/parks/shapes/Park> (sh:path <https://w3id.org/socle/def/parks/name>)"
    )
