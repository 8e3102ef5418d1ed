"""CSV templates and documentation of each bundle."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.build.csv_template import template_classes, template_columns
from registry.build.schema import DomainSchema
from tests.conftest import DOMAINS


@pytest.mark.parametrize("domain", DOMAINS)
def test_one_template_per_concrete_class_with_required_columns_first(
    domain: str, schemas: dict[str, DomainSchema], bundles: dict[str, Path]
) -> None:
    schema = schemas[domain]
    for cls in template_classes(schema):
        raw = (bundles[domain] / f"template-{cls.name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "spreadsheets need the BOM to read UTF-8"
        header = raw.decode("utf-8-sig").strip().split(";")
        assert header == template_columns(schema, cls)
        required = [s.name for s in schema.class_slots(cls) if s.required and not s.designates_type]
        assert header[: len(required)] == [str(r) for r in required]
        assert "type" not in header


@pytest.mark.parametrize("domain", DOMAINS)
def test_documentation_lists_every_class_and_code(
    domain: str, schemas: dict[str, DomainSchema], bundles: dict[str, Path]
) -> None:
    text = (bundles[domain] / "documentation.md").read_text(encoding="utf-8")
    schema = schemas[domain]
    for cls in schema.classes(own_only=True):
        assert f"### {cls.name}" in text
    for enum in schema.enums(own_only=True):
        for value in schema.permissible_values(enum):
            assert f"`{value.text}`" in text
