"""What every face of a report shares: the language, the verdict in plain words, severities' names,
locations in the user's terms."""

from __future__ import annotations

import re
from typing import Literal

from registry.validate.messages import display_term, local_name
from registry.validate.report import Severity, SourceLocation, ValidationReport

Language = Literal["fr", "en"]
DEFAULT_LANGUAGE: Language = "fr"

_Q = re.compile(r"^q=([0-9.]+)$")


def choose_language(header: str | None) -> Language:
    """The report's language from an ``Accept-Language``-style value (``fr``, ``en``,
    ``fr-FR,en;q=0.8``, ``--lang en``): the preferred of French and English, French by default."""
    if not header:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        tag = fields[0].lower()
        weight = 1.0
        for parameter in fields[1:]:
            match = _Q.match(parameter.replace(" ", "").lower())
            if match:
                try:
                    weight = float(match.group(1))
                except ValueError:
                    weight = 0.0
        if tag and weight > 0:
            ranked.append((-weight, position, tag))
    for _, _, tag in sorted(ranked):
        primary = tag.split("-", 1)[0].split("_", 1)[0]
        if primary == "fr":
            return "fr"
        if primary == "en":
            return "en"
        if primary == "*":
            return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


SEVERITY_NAMES: dict[Severity, tuple[tuple[str, str], tuple[str, str]]] = {
    # (French singular, plural), (English singular, plural)
    Severity.VIOLATION: (("erreur", "erreurs"), ("error", "errors")),
    Severity.WARNING: (("avertissement", "avertissements"), ("warning", "warnings")),
    Severity.INFO: (("information", "informations"), ("note", "notes")),
}


def severity_name(severity: Severity, lang: str, count: int = 1) -> str:
    """``erreur``, ``avertissements``, ``warning``…"""
    fr, en = SEVERITY_NAMES[severity]
    singular, plural = fr if lang == "fr" else en
    return singular if count == 1 else plural


def severity_label(severity: Severity, lang: str) -> str:
    """The severity as a heading says it: ``Erreur`` / ``Error``."""
    return severity_name(severity, lang).capitalize()


def counted(report: ValidationReport, lang: str) -> str:
    """``3 erreurs, 1 avertissement`` (severities with no result left out)."""
    parts = [
        f"{count} {severity_name(severity, lang, count)}"
        for severity, count in report.counts.items()
        if count
    ]
    return ", ".join(parts)


def standard_name(report: ValidationReport) -> str:
    """``lighting 1.0.0`` (what the dataset was checked against), or ``""``."""
    checked = report.checked_against
    return " ".join(part for part in (checked.domain, checked.version) if part)


def verdict(report: ValidationReport, lang: str) -> str:
    """The verdict in plain words, first thing a producer reads."""
    against = standard_name(report)
    if lang == "fr":
        target = f" au standard {against}" if against else ""
        if report.conforms:
            return f"Le jeu de données est conforme{target}."
        if report.valid:
            return f"Le jeu de données est valide{target}, avec {counted(report, 'fr')} à examiner."
        return f"Le jeu de données n'est pas valide{target} : {counted(report, 'fr')}."
    target = f" {against}" if against else ""
    if report.conforms:
        return f"The dataset conforms to the standard{target}."
    if report.valid:
        return f"The dataset is valid for the standard{target}, with {counted(report, 'en')} to review."
    return f"The dataset is not valid for the standard{target}: {counted(report, 'en')}."


def component_name(iri: str) -> str:
    """``MaxInclusiveConstraintComponent`` from its IRI."""
    return local_name(iri)


def path_text(path: str | None) -> str | None:
    """A result path as a person reads it: the slot's local name (``^`` kept for inverse paths)."""
    if path is None:
        return None
    return re.sub(r"<([^>]*)>", lambda m: local_name(m.group(1)), path)


def focus_text(focus: str, lang: str) -> str:
    return display_term(focus, lang)


def location_text(location: SourceLocation | None) -> str:
    """``lights.csv:12 puissance_nominale`` (file:row column), ``data.json#/0/power``,
    ``data.ttl:7`` (file:line); ``""`` when unknown."""
    if location is None:
        return ""
    where = location.file or ""
    if location.row is not None:
        where += f":{location.row}"
    elif location.line is not None:
        where += f":{location.line}"
        if location.column is not None:
            where += f":{location.column}"
    if location.pointer:
        where += f"#{location.pointer}"
    if location.column_name:
        where = f"{where} {location.column_name}" if where else location.column_name
    return where.strip()
