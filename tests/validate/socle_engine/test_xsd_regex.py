"""Strict XSD lexical checks, value comparison, and XPath regex translation."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from registry.validate.socle_engine.errors import ShapesError
from registry.validate.socle_engine.regex import compile_xpath, matches
from registry.validate.socle_engine.xsd import comparable, compare, is_well_formed

X = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(
    ("lexical", "local", "ok"),
    [
        ("1_000", "integer", False),
        (" 5", "integer", False),
        ("+5", "integer", True),
        ("300", "byte", False),
        ("-128", "byte", True),
        ("NaN", "decimal", False),
        ("1.", "decimal", True),
        ("NaN", "double", True),
        ("1e5", "decimal", False),
        ("2022-10-18 12:35:49", "dateTime", False),
        ("2022-02-30T00:00:00", "dateTime", False),
        ("2024-02-29T24:00:00Z", "dateTime", True),
        ("2023-02-29", "date", False),
        ("2022-10-18T12:35:49", "dateTimeStamp", False),
        ("yes", "boolean", False),
        ("1", "boolean", True),
        ("P1Y2M3DT4H5M6.5S", "duration", True),
        ("P", "duration", False),
        ("PT", "duration", False),
        ("abc", "hexBinary", False),
        ("fr-FR", "language", True),
        ("anything", "string", True),
    ],
)
def test_lexical_spaces(lexical: str, local: str, ok: bool) -> None:
    assert is_well_formed(lexical, X + local) is ok


def _c(lexical: str, local: str) -> object:
    return comparable(Literal(lexical, datatype=URIRef(X + local), normalize=False))


def test_comparisons() -> None:
    assert compare(_c("1", "integer"), _c("1.5", "decimal")) == -1  # type: ignore[arg-type]
    assert compare(_c("2", "double"), _c("2", "integer")) == 0  # type: ignore[arg-type]
    assert compare(_c("a", "string"), _c("1", "integer")) is None  # type: ignore[arg-type]
    assert _c("x", "integer") is None
    early = _c("2020-01-01T00:00:00Z", "dateTime")
    late = _c("2020-01-01T01:00:00+00:30", "dateTime")
    assert compare(early, late) == -1  # type: ignore[arg-type]
    local = _c("2020-01-01T00:00:00", "dateTime")
    assert compare(local, early) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "pattern", "flags", "ok"),
    [
        ("75001\n", "^[0-9]{5}$", "", False),
        ("75001", "^[0-9]{5}$", "", True),
        ("a\nb", "^b$", "m", True),
        ("a\rb", "a.b", "", False),
        ("a\rb", "a.b", "s", True),
        ("ALDI", "aldi", "i", True),
        ("a b", "a b", "x", False),
        ("ab", "a b", "x", True),
        ("a.b", "a.b", "q", True),
        ("axb", "a.b", "q", False),
        ("xx75001yy", "[0-9]{5}", "", True),
    ],
)
def test_xpath_regex(value: str, pattern: str, flags: str, ok: bool) -> None:
    assert matches(value, pattern, flags) is ok


def test_bad_patterns_and_flags_are_refused() -> None:
    with pytest.raises(ShapesError):
        compile_xpath("([a-")
    with pytest.raises(ShapesError):
        compile_xpath("a", "g")
