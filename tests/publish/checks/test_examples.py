"""The examples check: each of the release's examples gives, against the built bundle, what it states."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.build.bundle import build_bundle
from registry.build.schema import DomainSchema
from registry.config import PROJECT_ROOT
from registry.publish.checks.examples import check_examples
from tests.publish.checks.conftest import WriteModule

LIGHT = """\
  - type: Streetlight
    identifier: SL-1
    latitude: 45.7702
    longitude: 4.8801
    lamp_technology: led
    nominal_power: {power}
"""
POWER = "<https://w3id.org/socle/def/lighting/nominal_power>"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _case(power: int, *, why: str | None = None, expected: str | None = None) -> str:
    text = f"why: {why}\n" if why else ""
    text += "records:\n" + LIGHT.format(power=power)
    return text + (f"expected:\n{expected}" if expected else "")


@pytest.fixture()
def lighting(bundles: dict[str, Path], schemas: dict[str, DomainSchema]) -> tuple[Path, DomainSchema]:
    return bundles["lighting"], schemas["lighting"]


def test_no_examples_no_failure(lighting: tuple[Path, DomainSchema], tmp_path: Path) -> None:
    bundle, schema = lighting
    assert check_examples(bundle, schema, None) == []
    assert check_examples(bundle, schema, tmp_path / "absent") == []


def test_examples_that_give_what_they_state_pass(lighting: tuple[Path, DomainSchema], tmp_path: Path) -> None:
    bundle, schema = lighting
    _write(tmp_path, "valid/Streetlight-ok.yaml", _case(35))
    _write(tmp_path, "invalid/Streetlight-no-expected.yaml", _case(2500, why="Too strong."))
    expected = "  - focus: SL-1\n    path: nominal_power\n    component: MaxInclusiveConstraintComponent\n"
    _write(tmp_path, "invalid/Streetlight-stated.yaml", _case(2500, why="Too strong.", expected=expected))
    assert check_examples(bundle, schema, tmp_path) == []


def test_a_valid_example_with_a_violation_fails(lighting: tuple[Path, DomainSchema], tmp_path: Path) -> None:
    bundle, schema = lighting
    _write(tmp_path, "valid/Streetlight-too-strong.yaml", _case(2500))
    (failure,) = check_examples(bundle, schema, tmp_path)
    assert failure.check == "examples"
    assert failure.element == "valid/Streetlight-too-strong.yaml"
    assert failure.message_en.startswith(
        "The valid example valid/Streetlight-too-strong.yaml gives 1 violation(s): <urn:socle:data:SL-1>: "
    )
    assert "2500" in failure.message_en and "2500" in failure.message_fr


def test_an_invalid_example_must_give_exactly_its_stated_results(
    lighting: tuple[Path, DomainSchema], tmp_path: Path
) -> None:
    bundle, schema = lighting
    expected = "  - focus: SL-1\n    path: nominal_power\n    component: MinInclusiveConstraintComponent\n"
    _write(tmp_path, "invalid/Streetlight-wrong.yaml", _case(2500, why="Too strong.", expected=expected))
    (failure,) = check_examples(bundle, schema, tmp_path)
    assert failure.element == "invalid/Streetlight-wrong.yaml"
    assert failure.message_en == (
        "The invalid example invalid/Streetlight-wrong.yaml does not give exactly the results it states; "
        f"missing: <urn:socle:data:SL-1> {POWER} MinInclusiveConstraintComponent (Violation); "
        f"unexpected: <urn:socle:data:SL-1> {POWER} MaxInclusiveConstraintComponent (Violation)."
    )


def test_an_invalid_example_without_violation_fails(
    lighting: tuple[Path, DomainSchema], tmp_path: Path
) -> None:
    bundle, schema = lighting
    _write(tmp_path, "invalid/Streetlight-fine.yaml", _case(35, why="It is not."))
    (failure,) = check_examples(bundle, schema, tmp_path)
    assert failure.element == "invalid/Streetlight-fine.yaml"
    assert failure.message_en == (
        "The invalid example invalid/Streetlight-fine.yaml gives no violation: it should fail."
    )


def test_a_hand_made_file_gives_its_sidecars_results(
    lighting: tuple[Path, DomainSchema], tmp_path: Path
) -> None:
    bundle, schema = lighting
    _write(
        tmp_path,
        "valid/export.csv",
        "identifier;latitude;longitude;lamp_technology;nominal_power\nSL-1;45,77;4,88;led;2500\n",
    )
    _write(tmp_path, "valid/export.expected.yaml", "format: csv\nclass: Streetlight\nexpected: []\n")
    _write(tmp_path, "valid/lonely.expected.yaml", "format: csv\nclass: Streetlight\nexpected: []\n")
    failures = check_examples(bundle, schema, tmp_path)
    assert [f.element for f in failures] == ["valid/export.expected.yaml", "valid/lonely.expected.yaml"]
    assert failures[0].message_en == (
        "The valid example valid/export.expected.yaml does not give exactly the results it states; missing: "
        f"none; unexpected: <urn:socle:data:SL-1> {POWER} MaxInclusiveConstraintComponent (Violation)."
    )
    assert failures[1].message_en == (
        "The valid example valid/lonely.expected.yaml cannot be checked: "
        "it must sit beside exactly one file of the same name"
    )


def test_an_example_that_cannot_be_read_fails(lighting: tuple[Path, DomainSchema], tmp_path: Path) -> None:
    bundle, schema = lighting
    _write(tmp_path, "valid/Streetlight-broken.yaml", "records: not a list\n")
    (failure,) = check_examples(bundle, schema, tmp_path)
    assert failure.element == "valid/Streetlight-broken.yaml"
    assert failure.message_en.startswith("The valid example valid/Streetlight-broken.yaml cannot be checked:")


def test_a_bundle_rebuilt_in_place_is_read_afresh(write_module: WriteModule, tmp_path: Path) -> None:
    examples = tmp_path / "examples"
    records = "records:\n  - type: Park\n    identifier: P-1\n    gate_code: AB12\n"
    _write(examples, "valid/Park-gate.yaml", records)
    schema = write_module()
    bundle = build_bundle(schema, PROJECT_ROOT / "shapes", tmp_path / "out")
    assert check_examples(bundle, schema, examples) == []
    schema = write_module({'pattern: "^[A-Z]{2}[0-9]{2}$"': 'pattern: "^[0-9]{4}$"'})
    assert build_bundle(schema, PROJECT_ROOT / "shapes", tmp_path / "out") == bundle
    (failure,) = check_examples(bundle, schema, examples)
    assert "AB12" in failure.message_en
