"""Example datasets: one YAML source per case, every other format derived from it by code.

See ``examples/README.md`` for the source format. :func:`derived_files` gives the text of each
derived file; ``socle build --examples`` writes them and the tests check they have not drifted.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from registry.build.schema import DomainSchema
from registry.build.turtle import faithful_turtle
from registry.ingest.model import DEFAULT_BASE
from registry.ingest.records import RecordLifter, record_iri

SH = "http://www.w3.org/ns/shacl#"
DERIVED_SUFFIXES = (".json", ".jsonld", ".ttl", ".csv", ".geojson")


@dataclass(frozen=True)
class ExpectedResult:
    """One result an invalid example must produce (terms in N-Triples syntax)."""

    focus_node: str
    result_path: str | None
    constraint_component: str
    severity: str = "Violation"


@dataclass(frozen=True)
class ExampleCase:
    """One example case, read from its YAML source."""

    domain: str
    source: Path
    valid: bool
    records: list[dict[str, Any]]
    why: str | None = None
    expected: list[dict[str, Any]] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return self.source.stem

    @property
    def main_class(self) -> str:
        return self.stem.split("-", 1)[0]

    def derived_path(self, suffix: str) -> Path:
        return self.source.with_suffix(suffix)

    def expected_results(
        self, schema: DomainSchema, base: str = DEFAULT_BASE
    ) -> list[ExpectedResult]:
        return [resolve_expected(schema, item, base) for item in self.expected]


def resolve_expected(schema: DomainSchema, item: Mapping[str, Any], base: str) -> ExpectedResult:
    """Turn a sidecar's ``focus``/``path``/``component`` into N-Triples terms."""
    focus = str(item["focus"])
    focus_term = focus if focus.startswith(("<", "_:", '"')) else f"<{record_iri(base, focus)}>"
    path = item.get("path")
    path_term: str | None = None
    if path is not None:
        path = str(path)
        if path.startswith(("<", "^", "(")):
            path_term = path
        else:
            path_term = f"<{schema.slot_uri(schema.view.get_slot(path))}>"
    component = str(item["component"])
    if not component.startswith("http"):
        component = SH + component
    return ExpectedResult(
        focus_node=focus_term,
        result_path=path_term,
        constraint_component=component,
        severity=str(item.get("severity", "Violation")),
    )


def read_case(domain: str, source: Path) -> ExampleCase:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise ValueError(f"{source}: an example source needs a 'records' list")
    return ExampleCase(
        domain=domain,
        source=source,
        valid=source.parent.name == "valid",
        records=list(data["records"]),
        why=data.get("why"),
        expected=list(data.get("expected") or []),
    )


def iter_cases(examples_dir: Path, domain: str | None = None) -> Iterator[ExampleCase]:
    """Every YAML source under ``examples/<domain>/{valid,invalid}/``, sorted."""
    domains = [domain] if domain else sorted(p.name for p in examples_dir.iterdir() if p.is_dir())
    for name in domains:
        for kind in ("valid", "invalid"):
            folder = examples_dir / name / kind
            if not folder.is_dir():
                continue
            for source in sorted(folder.glob("*.yaml")):
                if not source.name.endswith(".expected.yaml"):
                    yield read_case(name, source)


def context_url(schema: DomainSchema, base_uri: str = "https://w3id.org/socle/") -> str:
    """Where a version's JSON-LD context is published."""
    return f"{base_uri}def/{schema.name}/{schema.version}/context.jsonld"


def derived_files(case: ExampleCase, schema: DomainSchema) -> dict[str, str]:
    """The text of every derived file of a case, by suffix."""
    lifter = RecordLifter(schema)
    records = case.records
    out = {
        ".json": _json(records),
        ".jsonld": _json(lifter.to_jsonld(records, context=context_url(schema))),
        ".ttl": faithful_turtle(lifter.to_graph(records)),
    }
    classes = {r.get("type") for r in records}
    flat = all(not isinstance(v, dict | list) for r in records for v in r.values())
    if len(classes) == 1 and flat:
        out[".csv"] = _csv(records)
    if all("latitude" in r and "longitude" in r for r in records):
        out[".geojson"] = _geojson(records)
    return out


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _csv(records: list[dict[str, Any]]) -> str:
    columns: list[str] = []
    for record in records:
        columns += [k for k in record if k != "type" and k not in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(c)) for c in columns])
    return buffer.getvalue()


def _geojson(records: list[dict[str, Any]]) -> str:
    features = []
    for record in records:
        properties = {k: v for k, v in record.items() if k not in {"latitude", "longitude"}}
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [record["longitude"], record["latitude"]],
                },
                "properties": properties,
            }
        )
    return _json({"type": "FeatureCollection", "features": features})


def write_derived(case: ExampleCase, schema: DomainSchema) -> list[Path]:
    """Write every derived file of a case (and remove stale ones); the paths written."""
    texts = derived_files(case, schema)
    written = []
    for suffix in DERIVED_SUFFIXES:
        path = case.derived_path(suffix)
        if suffix in texts:
            path.write_text(texts[suffix], encoding="utf-8")
            written.append(path)
        elif path.exists():
            path.unlink()
    return written
