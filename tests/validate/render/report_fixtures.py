"""Reports built by hand for the renderer tests (messages as add_messages writes them)."""

from __future__ import annotations

from registry.validate.report import (
    CheckedAgainst,
    Notice,
    Severity,
    SourceLocation,
    ValidationReport,
    ValidationResult,
)

SH = "http://www.w3.org/ns/shacl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
LIGHTING = "https://w3id.org/socle/def/lighting/"
HOSTILE = ("=cmd|'/c calc'!A1", "<script>alert(1)</script>", '<img src=x onerror="alert(2)">')

CHECKED = CheckedAgainst(
    domain="lighting",
    version="1.0.0",
    shapes_digest="a" * 64,
    engine="socle",
    engine_version="0.1.0",
    input_digest="b" * 64,
)

POWER = ValidationResult(
    focus_node="<urn:socle:data:VLB-EP-009001>",
    constraint_component=SH + "MaxInclusiveConstraintComponent",
    source_shape=f"<{LIGHTING}shapes/Streetlight/nominal_power>",
    severity=Severity.VIOLATION,
    result_path=f"<{LIGHTING}nominal_power>",
    value=f'"2500"^^<{XSD}double>',
    messages=(
        ("fr", "puissance nominale : 2500 dépasse le maximum autorisé (2000)."),
        ("en", "nominal power: 2500 is above the allowed maximum (2000)."),
    ),
    location=SourceLocation(file="lights.csv", row=12, column_name="puissance_nominale"),
    rule_messages=(
        ("fr", "puissance nominale : valeur au-dessus du maximum autorisé (2000)"),
        ("en", "nominal power is above the allowed maximum (2000)"),
    ),
)

NOTICE = Notice(
    code="unknown-columns",
    message_fr="Colonnes ignorées : couleur.",
    message_en="Columns ignored: couleur.",
)


def lamp(value: str, row: int) -> ValidationResult:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return ValidationResult(
        focus_node=f"<urn:socle:data:VLB-EP-{row:06d}>",
        constraint_component=SH + "InConstraintComponent",
        source_shape=f"<{LIGHTING}shapes/Streetlight/lamp_technology>",
        result_path=f"<{LIGHTING}lamp_technology>",
        value=f'"{escaped}"',
        messages=(
            ("fr", f'technologie de la source : "{value}" n\'est pas une valeur acceptée.'),
            ("en", f'lamp technology: "{value}" is not an accepted value.'),
        ),
        location=SourceLocation(file="lights.csv", row=row, column_name="technologie"),
        rule_messages=(
            ("fr", "technologie : valeur non acceptée"),
            ("en", "lamp technology: value not accepted"),
        ),
    )


MISSING_LAMP = ValidationResult(
    focus_node="<urn:socle:data:VLB-EP-000007>",
    constraint_component=SH + "MinCountConstraintComponent",
    source_shape=f"<{LIGHTING}shapes/Streetlight/lamp_technology/recommended>",
    severity=Severity.WARNING,
    result_path=f"<{LIGHTING}lamp_technology>",
    messages=(
        ("fr", "technologie de la source : valeur recommandée manquante."),
        ("en", "lamp technology: recommended value is missing."),
    ),
    location=SourceLocation(file="lights.json", pointer="/3"),
    rule_messages=(
        ("fr", "technologie : valeur recommandée manquante"),
        ("en", "lamp technology is missing"),
    ),
)

DUPLICATE = ValidationResult(
    focus_node='"VLB-EP-009005"',
    constraint_component=SH + "MaxCountConstraintComponent",
    source_shape="_:unique",
    result_path="^<https://w3id.org/socle/def/core/identifier>",
    messages=(
        ("fr", 'l\'identifiant "VLB-EP-009005" est utilisé par plusieurs éléments.'),
        ("en", 'the identifier "VLB-EP-009005" is used by more than one element.'),
    ),
    location=SourceLocation(file="lights.ttl", line=7, column=1),
)


def small_report() -> ValidationReport:
    return ValidationReport(results=(POWER,), checked_against=CHECKED, notices=(NOTICE,))


def mixed_report() -> ValidationReport:
    results = (
        MISSING_LAMP,
        POWER,
        *(lamp(value, 20 + n) for n, value in enumerate(HOSTILE)),
        DUPLICATE,
    )
    return ValidationReport(results=results, checked_against=CHECKED, notices=(NOTICE,))
