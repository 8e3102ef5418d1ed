"""The mobility standard covers the French IRVE schemas (v2.3, static and dynamic): every column is a
slot or a declared alias, every enumerated value a code or a declared alias of one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from registry.build.schema import DomainSchema

IRVE_DIR = Path(__file__).parent / "irve"
SCHEMAS = ["schema-statique.json", "schema-dynamique.json"]
COMBINED = {"coordonneesXY": ("latitude", "longitude")}
"""IRVE columns that hold several of our slots; ingestion splits them."""


def _fields(name: str) -> list[dict[str, Any]]:
    schema = json.loads((IRVE_DIR / name).read_text(encoding="utf-8"))
    assert str(schema["version"]).lstrip("v").startswith("2.3"), schema["version"]
    fields: list[dict[str, Any]] = schema["fields"]
    return fields


def _slots_by_spelling(schema: DomainSchema) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for cls in schema.classes():
        for slot in schema.class_slots(cls):
            for spelling in [str(slot.name), *(str(a) for a in slot.aliases or [])]:
                found.setdefault(spelling, []).append(slot)
    return found


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_irve_column_is_a_slot_or_an_alias(name: str, schemas: dict[str, DomainSchema]) -> None:
    fields = _fields(name)
    assert len(fields) >= 5
    spellings = _slots_by_spelling(schemas["mobility"])
    missing = [f["name"] for f in fields if f["name"] not in spellings and f["name"] not in COMBINED]
    assert missing == [], f"IRVE columns with no slot or alias in mobility: {missing}"
    for combined, parts in COMBINED.items():
        if any(f["name"] == combined for f in fields):
            assert all(part in spellings for part in parts)


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_irve_value_is_an_alias_of_one_of_our_codes(
    name: str, schemas: dict[str, DomainSchema]
) -> None:
    mobility = schemas["mobility"]
    spellings = _slots_by_spelling(mobility)
    enumerated = [f for f in _fields(name) if f.get("constraints", {}).get("enum")]
    assert enumerated, "the IRVE schema lists no enumerated column: wrong file?"
    problems = []
    for field in enumerated:
        ranges = {str(s.range) for s in spellings.get(field["name"], []) if mobility.is_enum(s.range)}
        if not ranges:
            problems.append(f"{field['name']}: its slot is not coded by an enumeration")
            continue
        for value in field["constraints"]["enum"]:
            ok = False
            for enum_name in ranges:
                for pv in mobility.permissible_values(mobility.view.get_enum(enum_name)):
                    if value == str(pv.text) or value in [str(a) for a in pv.aliases or []]:
                        ok = True
            if not ok:
                problems.append(f"{field['name']}: {value!r} is neither a code nor an alias")
    assert problems == [], "\n".join(problems)
