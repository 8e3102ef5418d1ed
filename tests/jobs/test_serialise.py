"""A stored report reads back equal to the report that was stored."""

from __future__ import annotations

import json

import pytest

from registry.jobs.serialise import FORMAT, dumps, loads, report_from_dict, report_to_dict
from registry.validate.report import (
    CheckedAgainst,
    Notice,
    Severity,
    SourceLocation,
    ValidationReport,
    ValidationResult,
)

REPORT = ValidationReport(
    results=(
        ValidationResult(
            focus_node="<urn:socle:data:VLB-0001>",
            constraint_component="http://www.w3.org/ns/shacl#DatatypeConstraintComponent",
            source_shape="<https://w3id.org/socle/def/lighting/shapes/Streetlight/power>",
            severity=Severity.VIOLATION,
            result_path="<https://w3id.org/socle/def/lighting/power>",
            value='"douze"^^<http://www.w3.org/2001/XMLSchema#double>',
            messages=(("fr", "puissance : « douze » n'est pas un nombre"), ("en", "power: not a number")),
            location=SourceLocation(file="lampadaires.csv", row=12, column_name="puissance_nominale"),
        ),
        ValidationResult(
            focus_node="_:b0",
            constraint_component="http://www.w3.org/ns/shacl#MinCountConstraintComponent",
            source_shape="_:b1",
            severity=Severity.WARNING,
        ),
    ),
    checked_against=CheckedAgainst(
        domain="lighting", version="1.0.0", shapes_digest="ab" * 32, engine="socle", engine_version="0.1.0"
    ),
    notices=(Notice("ignored-columns", "Colonnes ignorées : x", "Ignored columns: x"),),
)


def test_a_report_reads_back_equal() -> None:
    assert loads(dumps(REPORT)) == REPORT
    assert loads(dumps(ValidationReport(results=()))) == ValidationReport(results=())


def test_the_document_is_plain_json_with_the_derived_verdicts() -> None:
    document = json.loads(dumps(REPORT))
    assert document["format"] == FORMAT
    assert document["valid"] is False and document["conforms"] is False
    assert document["counts"] == {"Violation": 1, "Warning": 1, "Info": 0}
    assert document["results"][0]["severity"] == "Violation"
    assert document["results"][0]["location"]["column_name"] == "puissance_nominale"
    assert "«" in dumps(REPORT).decode("utf-8")


def test_an_unknown_document_is_refused() -> None:
    with pytest.raises(ValueError, match="not a stored validation report"):
        report_from_dict({"results": []})
    data = report_to_dict(REPORT)
    data["format"] = "something-else/9"
    with pytest.raises(ValueError):
        report_from_dict(data)
