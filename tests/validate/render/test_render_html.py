"""The HTML report: verdict first, languages, accessible tables, hostile values shown as text."""

from __future__ import annotations

import re

from registry.validate.render.html import render_html, report_context
from registry.validate.report import ValidationReport

from .report_fixtures import HOSTILE, mixed_report, small_report


def test_hostile_values_are_inert_text() -> None:
    page = render_html(mixed_report(), "fr")
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in page
    assert "<code>=cmd|&#39;/c calc&#39;!A1</code>" in page
    assert "onerror=" not in re.sub(r"&lt;img[^<]*", "", page)
    for value in HOSTILE:
        assert value not in page or value.startswith("=") is False


def test_verdict_first_and_language_attributes() -> None:
    page = render_html(small_report(), "fr")
    main = page[page.index("<main") :]
    assert re.search(r'<div class="report" lang="fr">\s*<h1 id="verdict"', main)
    assert "Le jeu de données n&#39;est pas valide au standard lighting 1.0.0 : 1 erreur." in page
    english = render_html(small_report(), "en")
    assert '<div class="report" lang="en">' in english
    assert "The dataset is not valid for the standard lighting 1.0.0: 1 error." in english
    assert "Columns ignored: couleur." in english


def test_tables_have_captions_and_scoped_headers() -> None:
    page = render_html(mixed_report(), "en")
    assert page.count("<caption>") == 1 + 4  # counts, then one table per rule
    assert '<th scope="col">Row</th>' in page and '<th scope="col">Column</th>' in page
    assert '<th scope="col">Value</th>' in page and '<th scope="col">Message</th>' in page
    assert "<th>" not in page
    assert "<td>12</td>" in page and "<code>puissance_nominale</code>" in page


def test_identifier_used_twice_shows_the_identifier_as_value() -> None:
    rows = [row for group in report_context(mixed_report(), "fr")["groups"] for row in group["rows"]]
    duplicate = next(row for row in rows if row["element"] == "VLB-EP-009005")
    assert duplicate["value"] == "VLB-EP-009005"
    assert duplicate["where"] == "lights.ttl:7:1"


def test_cap_says_how_many_are_not_listed() -> None:
    page = render_html(mixed_report(), "en", cap=1)
    assert "… and 2 more result(s) of this rule, in the JSON report." in page


def test_conforming_report_has_no_result_table() -> None:
    page = render_html(ValidationReport(results=()), "fr")
    assert "Le jeu de données est conforme." in page
    assert "rule-1" not in page
