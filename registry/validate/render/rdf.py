"""The report as the standard ``sh:ValidationReport`` graph (SHACL 3.6), in Turtle or JSON-LD.

Written by :mod:`registry.validate.rdf_report`; each result's messages become ``sh:resultMessage``
literals tagged ``@fr`` and ``@en``.
"""

from __future__ import annotations

from typing import Literal

from registry.validate.rdf_report import ReportFormat, render
from registry.validate.report import ValidationReport

RdfSyntax = Literal["turtle", "jsonld"]

MEDIA_TYPES: dict[str, str] = {"turtle": "text/turtle", "jsonld": "application/ld+json"}


def render_rdf(report: ValidationReport, syntax: RdfSyntax = "turtle") -> str:
    """The report graph in Turtle (``turtle``) or JSON-LD (``jsonld``)."""
    chosen = ReportFormat.JSON_LD if syntax == "jsonld" else ReportFormat.TURTLE
    return render(report.results, chosen)
