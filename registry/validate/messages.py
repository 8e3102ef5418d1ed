"""Messages in French and English for every result (provisional: shapes' own sh:message only)."""

from __future__ import annotations

import rdflib

from registry.validate.report import ValidationResult


def add_messages(results: list[ValidationResult], shapes: rdflib.Graph) -> list[ValidationResult]:
    """The results, each with a French and an English message."""
    return results
