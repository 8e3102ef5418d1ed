"""Terminal text: verdict, counts, groups, locations as file:row column, control characters escaped."""

from __future__ import annotations

from dataclasses import replace

from registry.validate.render.common import choose_language, location_text
from registry.validate.render.text import render_text
from registry.validate.report import SourceLocation, ValidationReport

from .report_fixtures import POWER, mixed_report, small_report


def test_verdict_counts_and_locations() -> None:
    text = render_text(small_report(), "fr")
    lines = text.splitlines()
    assert lines[0] == "Le jeu de données n'est pas valide au standard lighting 1.0.0 : 1 erreur."
    assert lines[1].startswith("Vérifié avec : lighting 1.0.0 · moteur socle 0.1.0 · formes aaaaaaaaaaaa")
    assert "  - Colonnes ignorées : couleur." in lines
    assert "Règles non respectées (1 erreur) :" in lines
    assert (
        "  [Erreur] 1 ligne — puissance nominale : valeur au-dessus du maximum autorisé (2000)"
        " (colonne puissance_nominale)" in lines
    )
    assert (
        "      lights.csv:12 puissance_nominale: "
        "puissance nominale : 2500 dépasse le maximum autorisé (2000)." in lines
    )


def test_english_order_and_cap() -> None:
    text = render_text(mixed_report(), "en", cap=1)
    assert text.startswith("The dataset is not valid for the standard lighting 1.0.0: 5 errors, 1 warning.")
    assert text.index("[Error]") < text.index("[Warning]")
    assert "      … and 2 more" in text
    assert "lights.json#/3: lamp technology: recommended value is missing." in text
    assert "lights.ttl:7:1: the identifier" in text


def test_valid_with_warnings_and_conforming() -> None:
    warning_only = ValidationReport(results=(mixed_report().results[0],))
    assert render_text(warning_only, "en").startswith("The dataset is valid for the standard, with 1 warning")
    assert render_text(ValidationReport(results=()), "fr") == "Le jeu de données est conforme.\n"


def test_control_characters_never_reach_the_terminal() -> None:
    hostile = replace(POWER, messages=(("en", "bad \x1b[31mred\x1b[0m\nnext"),))
    text = render_text(ValidationReport(results=(hostile,)), "en")
    assert "\x1b" not in text
    assert "\\x1b[31mred" in text and "⏎" in text


def test_location_text() -> None:
    assert location_text(SourceLocation(file="a.csv", row=12, column_name="date_maj")) == "a.csv:12 date_maj"
    assert location_text(SourceLocation(file="a.ttl", line=3)) == "a.ttl:3"
    assert location_text(SourceLocation(file="a.json", pointer="/0/x")) == "a.json#/0/x"
    assert location_text(SourceLocation(row=4)) == ":4"
    assert location_text(None) == ""


def test_choose_language() -> None:
    assert choose_language(None) == "fr"
    assert choose_language("") == "fr"
    assert choose_language("en") == "en"
    assert choose_language("fr") == "fr"
    assert choose_language("fr-FR,en;q=0.8") == "fr"
    assert choose_language("en-GB,fr;q=0.9") == "en"
    assert choose_language("de-DE,en;q=0.5,fr;q=0.7") == "fr"
    assert choose_language("de,en;q=0.5") == "en"
    assert choose_language("fr;q=0,en") == "en"
    assert choose_language("de") == "fr"
    assert choose_language("*") == "fr"
    assert choose_language("EN-us") == "en"
    assert choose_language("en;q=abc") == "en"
