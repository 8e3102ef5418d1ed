"""The JSON report: its exact shape on a fixture, languages, groups pointing at results."""

from __future__ import annotations

import json

from registry.validate.render.json import REPORT_FORMAT, render_json, report_document
from registry.validate.report import CheckedAgainst, ValidationReport

from .report_fixtures import LIGHTING, SH, XSD, mixed_report, small_report

EXPECTED = {
    "report_format": "socle-validation-report/1",
    "lang": "fr",
    "conforms": False,
    "valid": False,
    "verdict": "Le jeu de données n'est pas valide au standard lighting 1.0.0 : 1 erreur.",
    "counts": {"Violation": 1, "Warning": 0, "Info": 0, "total": 1},
    "checked_against": {
        "domain": "lighting",
        "version": "1.0.0",
        "shapes_digest": "a" * 64,
        "engine": "socle",
        "engine_version": "0.1.0",
        "input_digest": "b" * 64,
    },
    "notices": [
        {
            "code": "unknown-columns",
            "message": "Colonnes ignorées : couleur.",
            "messages": {"fr": "Colonnes ignorées : couleur.", "en": "Columns ignored: couleur."},
        }
    ],
    "groups": [
        {
            "severity": "Violation",
            "source_shape": f"<{LIGHTING}shapes/Streetlight/nominal_power>",
            "constraint_component": {
                "name": "MaxInclusiveConstraintComponent",
                "iri": SH + "MaxInclusiveConstraintComponent",
            },
            "path": f"<{LIGHTING}nominal_power>",
            "path_text": "nominal_power",
            "count": 1,
            "listed": 1,
            "rows": True,
            "columns": ["puissance_nominale"],
            "summary": "1 ligne — puissance nominale : valeur au-dessus du maximum autorisé (2000)"
            " (colonne puissance_nominale)",
            "summaries": {
                "fr": "1 ligne — puissance nominale : valeur au-dessus du maximum autorisé (2000)"
                " (colonne puissance_nominale)",
                "en": "1 row: nominal power is above the allowed maximum (2000) (column puissance_nominale)",
            },
            "rule": "puissance nominale : valeur au-dessus du maximum autorisé (2000)",
            "rules": {
                "fr": "puissance nominale : valeur au-dessus du maximum autorisé (2000)",
                "en": "nominal power is above the allowed maximum (2000)",
            },
            "results": [0],
        }
    ],
    "results": [
        {
            "severity": "Violation",
            "focus_node": "<urn:socle:data:VLB-EP-009001>",
            "focus_node_text": "VLB-EP-009001",
            "path": f"<{LIGHTING}nominal_power>",
            "path_text": "nominal_power",
            "value": f'"2500"^^<{XSD}double>',
            "value_text": "2500",
            "constraint_component": {
                "name": "MaxInclusiveConstraintComponent",
                "iri": SH + "MaxInclusiveConstraintComponent",
            },
            "source_shape": f"<{LIGHTING}shapes/Streetlight/nominal_power>",
            "source_constraint": None,
            "message": "puissance nominale : 2500 dépasse le maximum autorisé (2000).",
            "messages": {
                "fr": "puissance nominale : 2500 dépasse le maximum autorisé (2000).",
                "en": "nominal power: 2500 is above the allowed maximum (2000).",
            },
            "location": {
                "file": "lights.csv",
                "row": 12,
                "column_name": "puissance_nominale",
                "pointer": None,
                "line": None,
                "column": None,
            },
        }
    ],
}


def test_exact_shape() -> None:
    assert report_document(small_report(), "fr") == EXPECTED
    assert json.loads(render_json(small_report(), "fr")) == EXPECTED
    assert EXPECTED["report_format"] == REPORT_FORMAT


def test_english_and_text_not_ascii_escaped() -> None:
    document = report_document(small_report(), "en")
    assert document["lang"] == "en"
    assert document["verdict"] == "The dataset is not valid for the standard lighting 1.0.0: 1 error."
    assert document["results"][0]["message"] == "nominal power: 2500 is above the allowed maximum (2000)."
    assert document["notices"][0]["message"] == "Columns ignored: couleur."
    assert "dépasse" in render_json(small_report(), "fr")


def test_groups_point_at_results_and_respect_the_cap() -> None:
    report = mixed_report()
    document = report_document(report, "en", cap=2)
    assert [g["severity"] for g in document["groups"]] == ["Violation", "Violation", "Violation", "Warning"]
    lamp_group = document["groups"][0]
    assert lamp_group["count"] == 3 and lamp_group["listed"] == 2
    assert lamp_group["results"] == [2, 3]
    assert len(document["results"]) == len(report.results)
    warning = document["groups"][-1]
    assert warning["rows"] is False
    assert document["results"][0]["location"]["pointer"] == "/3"
    duplicate = document["results"][-1]
    assert duplicate["focus_node_text"] == "VLB-EP-009005"
    assert duplicate["path_text"] == "^identifier"
    assert duplicate["value"] is None and duplicate["value_text"] is None


def test_a_conforming_report() -> None:
    document = report_document(ValidationReport(results=(), checked_against=CheckedAgainst()), "fr")
    assert document["conforms"] is True and document["valid"] is True
    assert document["verdict"] == "Le jeu de données est conforme."
    assert document["groups"] == [] and document["results"] == []
