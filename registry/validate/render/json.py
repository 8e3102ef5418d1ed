"""The report as a JSON document, stable for programs (the service's ``application/json`` answer and
``socle validate --output json``).

Shape (``report_format`` names it; keys are never removed within a version, only added)::

    {
      "report_format": "socle-validation-report/1",
      "lang": "fr",                         # language of every "message", "summary" and "verdict"
      "conforms": false,                    # SHACL's sh:conforms: no result at all
      "valid": false,                       # no result of severity Violation (exit codes follow it)
      "verdict": "Le jeu de données n'est pas valide …",
      "counts": {"Violation": 1, "Warning": 0, "Info": 0, "total": 1},
      "checked_against": {"domain": "lighting", "version": "1.0.0", "shapes_digest": "…",
                          "engine": "socle", "engine_version": "0.1.0", "input_digest": "…"},
      "notices": [{"code": "…", "message": "…", "messages": {"fr": "…", "en": "…"}}],
      "groups": [{
        "severity": "Violation",
        "source_shape": "<…/shapes/Streetlight/nominal_power>",
        "constraint_component": {"name": "MaxInclusiveConstraintComponent", "iri": "http://…#…"},
        "path": "<…/nominal_power>", "path_text": "nominal_power",
        "count": 412, "listed": 20,
        "rows": true,                         # every result points at a table row
        "columns": ["puissance_nominale"],    # the producer's own headers
        "summary": "412 lignes — …", "summaries": {"fr": "…", "en": "…"},
        "rule": "…", "rules": {"fr": "…", "en": "…"},
        "results": [0, 3, …]                  # indexes into "results" (at most `cap`)
      }],
      "results": [{
        "severity": "Violation",
        "focus_node": "<urn:socle:data:VLB-EP-009001>", "focus_node_text": "VLB-EP-009001",
        "path": "<…/nominal_power>", "path_text": "nominal_power",
        "value": "\\"2500\\"^^<…#double>", "value_text": "2500",
        "constraint_component": {"name": "…", "iri": "…"},
        "source_shape": "<…>", "source_constraint": null,
        "message": "…", "messages": {"fr": "…", "en": "…"},
        "location": {"file": "lights.csv", "row": 12, "column_name": "puissance_nominale",
                     "pointer": null, "line": null, "column": null} | null
      }]
    }

Terms (``focus_node``, ``value``, ``source_shape``) are in N-Triples syntax and paths in SPARQL
property-path syntax, as in the report model; the ``*_text`` keys are what a person reads.
"""

from __future__ import annotations

import json
from typing import Any

from registry.validate.grouping import DEFAULT_CAP, ResultGroup, group_results
from registry.validate.messages import LANGUAGES, display_term
from registry.validate.render.common import component_name, path_text, verdict
from registry.validate.report import Severity, SourceLocation, ValidationReport, ValidationResult

REPORT_FORMAT = "socle-validation-report/1"


def report_document(report: ValidationReport, lang: str = "fr", *, cap: int = DEFAULT_CAP) -> dict[str, Any]:
    """The report as a JSON-ready dictionary (see the module's documentation for its shape)."""
    counts = report.counts
    checked = report.checked_against
    return {
        "report_format": REPORT_FORMAT,
        "lang": lang,
        "conforms": report.conforms,
        "valid": report.valid,
        "verdict": verdict(report, lang),
        "counts": {severity.value: counts[severity] for severity in Severity}
        | {"total": len(report.results)},
        "checked_against": {
            "domain": checked.domain,
            "version": checked.version,
            "shapes_digest": checked.shapes_digest,
            "engine": checked.engine,
            "engine_version": checked.engine_version,
            "input_digest": checked.input_digest,
        },
        "notices": [
            {
                "code": notice.code,
                "message": notice.message(lang),
                "messages": {"fr": notice.message_fr, "en": notice.message_en},
            }
            for notice in report.notices
        ],
        "groups": [_group(group, lang) for group in group_results(report.results, cap)],
        "results": [_result(result, lang) for result in report.results],
    }


def render_json(
    report: ValidationReport, lang: str = "fr", *, cap: int = DEFAULT_CAP, indent: int | None = 2
) -> str:
    """The report as JSON text (UTF-8, not ASCII-escaped)."""
    return json.dumps(report_document(report, lang, cap=cap), ensure_ascii=False, indent=indent) + "\n"


def _component(iri: str) -> dict[str, str]:
    return {"name": component_name(iri), "iri": iri}


def _texts(pairs: tuple[tuple[str, str], ...]) -> dict[str, str | None]:
    by_lang = dict(pairs)
    return {lang: by_lang.get(lang) for lang in LANGUAGES}


def _group(group: ResultGroup, lang: str) -> dict[str, Any]:
    return {
        "severity": group.severity.value,
        "source_shape": group.source_shape,
        "constraint_component": _component(group.constraint_component),
        "path": group.result_path,
        "path_text": path_text(group.result_path),
        "count": group.count,
        "listed": len(group.members),
        "rows": group.rows,
        "columns": list(group.column_names),
        "summary": group.summary(lang),
        "summaries": {other: group.summary(other) for other in LANGUAGES},
        "rule": group.rule(lang),
        "rules": {other: group.rule(other) for other in LANGUAGES},
        "results": list(group.member_indexes),
    }


def _result(result: ValidationResult, lang: str) -> dict[str, Any]:
    return {
        "severity": result.severity.value,
        "focus_node": result.focus_node,
        "focus_node_text": display_term(result.focus_node, lang),
        "path": result.result_path,
        "path_text": path_text(result.result_path),
        "value": result.value,
        "value_text": display_term(result.value, lang) if result.value is not None else None,
        "constraint_component": _component(result.constraint_component),
        "source_shape": result.source_shape,
        "source_constraint": result.source_constraint,
        "message": result.message(lang),
        "messages": _texts(result.messages),
        "location": _location(result.location),
    }


def _location(location: SourceLocation | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {
        "file": location.file,
        "row": location.row,
        "column_name": location.column_name,
        "pointer": location.pointer,
        "line": location.line,
        "column": location.column,
    }
