"""Which face of a validation report a client asked for (``Accept``, ``?output=``) and in which
language (``Accept-Language``, ``?lang=``)."""

from __future__ import annotations

from enum import StrEnum

from registry.api.negotiation import parse_accept


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
