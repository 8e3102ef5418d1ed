"""The report as an HTML page (``registry/web/templates/report.html``, extending ``base.html``).

Jinja2 autoescapes everything: a cell holding ``<script>``, ``<img onerror=…>`` or a spreadsheet
formula (``=cmd|'/c calc'!A1``) is shown as text. The web service renders the same template with
:func:`report_context`; :func:`render_html` writes a whole page without a request (the CLI).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from registry.validate.grouping import DEFAULT_CAP, group_results
from registry.validate.messages import display_term
from registry.validate.render.common import (
    location_text,
    path_text,
    severity_label,
    standard_name,
    verdict,
)
from registry.validate.report import Severity, SourceLocation, ValidationReport, ValidationResult

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "web" / "templates"
TEMPLATE = "report.html"

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Rapport de validation",
        "checked_against": "Vérifié avec :",
        "counts": "Résultats par gravité",
        "counts_caption": "Nombre de résultats par gravité",
        "severity": "Gravité",
        "count": "Nombre",
        "notices": "À savoir",
        "groups": "Règles non respectées",
        "results": "Détail par règle",
        "element": "Élément",
        "row": "Ligne",
        "column": "Colonne",
        "value": "Valeur",
        "message": "Message",
        "engine": "moteur",
        "shapes": "formes",
        "input": "données",
        "unlisted": "… et {n} autre(s) résultat(s) de cette règle, dans le rapport JSON.",
    },
    "en": {
        "title": "Validation report",
        "checked_against": "Checked against:",
        "counts": "Results by severity",
        "counts_caption": "Number of results by severity",
        "severity": "Severity",
        "count": "Count",
        "notices": "Notices",
        "groups": "Rules broken",
        "results": "Details by rule",
        "element": "Element",
        "row": "Row",
        "column": "Column",
        "value": "Value",
        "message": "Message",
        "engine": "engine",
        "shapes": "shapes",
        "input": "input",
        "unlisted": "… and {n} more result(s) of this rule, in the JSON report.",
    },
}


def report_context(report: ValidationReport, lang: str = "fr", *, cap: int = DEFAULT_CAP) -> dict[str, Any]:
    """Everything ``report.html`` needs (values as plain strings: the template escapes them)."""
    lang = "en" if lang == "en" else "fr"
    t = LABELS[lang]
    checked = report.checked_against
    facts = [standard_name(report)]
    if checked.engine:
        facts.append(f"{t['engine']} {checked.engine} {checked.engine_version}".strip())
    if checked.shapes_digest:
        facts.append(f"{t['shapes']} {checked.shapes_digest[:12]}")
    if checked.input_digest:
        facts.append(f"{t['input']} {checked.input_digest[:12]}")
    groups = []
    for group in group_results(report.results, cap):
        groups.append(
            {
                "severity": severity_label(group.severity, lang),
                "violation": group.severity is Severity.VIOLATION,
                "summary": group.summary(lang),
                "count": group.count,
                "rows": [_row(member, lang) for member in group.members],
                "unlisted": group.unlisted,
                "unlisted_text": t["unlisted"].format(n=group.unlisted),
            }
        )
    return {
        "lang": lang,
        "t": t,
        "verdict": verdict(report, lang),
        "valid": report.valid,
        "conforms": report.conforms,
        "checked_against": " · ".join(fact for fact in facts if fact),
        "counts": [(severity_label(severity, lang), count) for severity, count in report.counts.items()],
        "notices": [notice.message(lang) for notice in report.notices],
        "groups": groups,
    }


def _row(result: ValidationResult, lang: str) -> dict[str, Any]:
    location = result.location or SourceLocation()
    value = result.value
    if value is None and result.focus_node.startswith('"'):
        value = result.focus_node  # a value targeted by itself (an identifier used twice)
    return {
        "element": display_term(result.focus_node, lang),
        "where": _where(location),
        "column": location.column_name or path_text(result.result_path) or "",
        "value": display_term(value, lang) if value is not None else None,
        "message": result.message(lang) or "",
    }


def _where(location: SourceLocation) -> str:
    if location.row is not None:
        return f"{location.row}"
    return location_text(
        SourceLocation(
            file=location.file, line=location.line, column=location.column, pointer=location.pointer
        )
    )


def _static_url(name: str, **params: Any) -> str:
    return f"/static/{params.get('path', '')}" if name == "static" else "/"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The templates, autoescaped, with a ``url_for`` that needs no request."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["url_for"] = _static_url
    return env


def render_html(
    report: ValidationReport,
    lang: str = "fr",
    *,
    cap: int = DEFAULT_CAP,
    url_for: Callable[..., str] | None = None,
) -> str:
    """A whole HTML page of the report."""
    context = report_context(report, lang, cap=cap)
    if url_for is not None:
        context["url_for"] = url_for
    return environment().get_template(TEMPLATE).render(context)
