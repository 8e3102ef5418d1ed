"""``check_release``: every check over one release; the registry's five modules pass them all."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.build.schema import DomainSchema
from registry.config import PROJECT_ROOT
from registry.publish.checks import check_release
from tests.conftest import DOMAINS
from tests.publish.checks.conftest import SHAPES_PREFIXES, WriteModule, shapes_bundle

BASE = "https://w3id.org/socle/"


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_registrys_modules_pass_every_check(
    domain: str, bundles: dict[str, Path], schemas: dict[str, DomainSchema]
) -> None:
    examples = PROJECT_ROOT / "examples" / domain
    assert examples.is_dir() or domain == "core"
    failures = check_release(bundles[domain], schemas[domain], examples_dir=examples, base_uri=BASE)
    assert [f.to_dict() for f in failures] == []


def test_every_check_reports_in_one_list(write_module: WriteModule, tmp_path: Path) -> None:
    schema = write_module(
        {
            "class_uri: parks:Park": "class_uri: schema:Person",
            'pattern: "^[A-Z]{2}[0-9]{2}$"': 'pattern: "^([A-Z]+[0-9]?)+$"',
            "      definition_en: Wooded space left close to its natural state.\n": "",
        }
    )
    turtle = SHAPES_PREFIXES + (
        "parksshapes:Park a sh:NodeShape ; sh:targetClass parks:Park ; sh:sparql [\n"
        '  sh:select "SELECT $this WHERE { GRAPH ?g { $this a ?c } }" ] .\n'
    )
    examples = tmp_path / "examples"
    (examples / "invalid").mkdir(parents=True)
    (examples / "invalid" / "Park-empty.yaml").write_text("records: []\n", encoding="utf-8")
    bundle = shapes_bundle(tmp_path / "bundle", turtle)
    (bundle / "manifest.json").write_text('{"artifacts": []}', encoding="utf-8")
    failures = check_release(bundle, schema, examples_dir=examples, base_uri=BASE)
    assert [(f.check, f.element) for f in failures] == [
        ("lint", "value ParkKind.woodland"),
        ("namespace", "class Park"),
        ("pattern", "slot gate_code"),
        ("sparql", "<https://w3id.org/socle/def/parks/shapes/Park> (a nested shape)"),
        ("examples", "invalid/Park-empty.yaml"),
    ]
    assert all(f.message_fr and f.message_en for f in failures)
