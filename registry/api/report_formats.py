"""Which face of a validation report a client asked for (``Accept``, ``?output=``) and in which
language (``Accept-Language``, ``?lang=``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from fastapi import Request, Response
from fastapi.templating import Jinja2Templates

from registry.api.negotiation import parse_accept
from registry.validate.render.common import choose_language
from registry.validate.render.html import report_context
from registry.validate.render.json import render_json
from registry.validate.render.rdf import render_rdf
from registry.validate.render.text import render_text
from registry.validate.report import ValidationReport


class ReportFormat(StrEnum):
    JSON = "application/json"
    HTML = "text/html"
    TURTLE = "text/turtle"
    JSONLD = "application/ld+json"
    TEXT = "text/plain"


_BY_NAME = {
    "json": ReportFormat.JSON,
    "html": ReportFormat.HTML,
    "turtle": ReportFormat.TURTLE,
    "ttl": ReportFormat.TURTLE,
    "jsonld": ReportFormat.JSONLD,
    "text": ReportFormat.TEXT,
}


def report_format(accept: str | None, requested: str | None = None) -> ReportFormat:
    """``?output=`` first, then the best ``Accept`` match; JSON by default."""
    if requested and requested.lower() in _BY_NAME:
        return _BY_NAME[requested.lower()]
    for quality, _, media in parse_accept(accept or ""):
        if quality <= 0:
            continue
        if media in {f.value for f in ReportFormat}:
            return ReportFormat(media)
        if media == "application/problem+json":
            return ReportFormat.JSON
        if media in ("*/*", "application/*"):
            return ReportFormat.JSON
    return ReportFormat.JSON


def render_report(
    request: Request,
    report: ValidationReport,
    templates: Jinja2Templates,
    *,
    output: str | None,
    lang: str | None,
) -> Response:
    """The report in the face the client asked for."""
    language = lang if lang in ("fr", "en") else choose_language(request.headers.get("accept-language"))
    chosen = report_format(request.headers.get("accept"), output)
    if chosen is ReportFormat.HTML:
        context: dict[str, Any] = report_context(report, language)
        return templates.TemplateResponse(request, "validate_result.html", context)
    if chosen is ReportFormat.TURTLE:
        return Response(render_rdf(report, "turtle"), media_type="text/turtle; charset=utf-8")
    if chosen is ReportFormat.JSONLD:
        return Response(render_rdf(report, "jsonld"), media_type="application/ld+json")
    if chosen is ReportFormat.TEXT:
        return Response(render_text(report, language), media_type="text/plain; charset=utf-8")
    return Response(render_json(report, language), media_type="application/json")
