"""Hand-made example files (a producer's real export, a national example) and their sidecars: every
column is a slot or a declared alias of the stated class, and every coded value one of our codes or a
declared alias of one."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from registry.build.schema import DomainSchema
from registry.config import PROJECT_ROOT
from registry.ingest.headers import fold, resolve_column
from registry.ingest.records import enum_code

SIDECARS = sorted((PROJECT_ROOT / "examples").glob("*/**/*.expected.yaml"))


def _data_file(sidecar: Path) -> Path:
    """The file a ``<stem>.expected.yaml`` sidecar describes: ``<stem>.<ext>`` beside it."""
    stem = sidecar.name.removesuffix(".expected.yaml")
    found = [p for p in sidecar.parent.glob(f"{stem}.*") if p != sidecar and p.suffix != ".yaml"]
    assert len(found) == 1, f"{sidecar.name} must describe exactly one file, found {found}"
    return found[0]


def test_hand_made_examples_exist() -> None:
    assert any(s.parent.parent.name == "lighting" for s in SIDECARS), "the French CSV export is missing"


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: str(p.relative_to(PROJECT_ROOT / "examples")))
def test_hand_made_table_speaks_the_standard(sidecar: Path, schemas: dict[str, DomainSchema]) -> None:
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    data = _data_file(sidecar)
    assert isinstance(meta.get("expected"), list)
    if meta.get("format") != "csv":
        pytest.skip("only tables are checked here")
    domain = sidecar.relative_to(PROJECT_ROOT / "examples").parts[0]
    schema = schemas[domain]
    text = data.read_bytes().decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    header, body = rows[0], rows[1:]
    assert body, f"{data.name} has no data row"
    unknown = [h for h in header if resolve_column(schema, meta["class"], h) is None]
    combined = {"coordonneesxy"}
    assert [h for h in unknown if fold(h) not in combined] == [], f"columns that match no slot: {unknown}"
    for column, name in enumerate(header):
        found = resolve_column(schema, meta["class"], name)
        if found is None or not schema.is_enum(found[1].range):
            continue
        slot = found[1]
        codes = {str(pv.text) for pv in schema.permissible_values(schema.view.get_enum(slot.range))}
        for row in body:
            value = row[column].strip()
            if value:
                assert enum_code(schema, str(slot.range), value) in codes, f"{name}: {value!r}"
