"""The static analysis for catastrophic backtracking, on known-bad and known-safe patterns, and on every
pattern the registry's modules and shapes use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from registry.build.schema import DomainSchema
from registry.publish.checks.patterns import linkml_patterns, shape_patterns
from registry.publish.checks.redos import MAX_POSITIONS, TooComplexError, find_ambiguity
from registry.validate.socle_engine.regex import compile_xpath

# Each with a text that, repeated, the pattern matches in exponentially many ways.
BAD = [
    (r"^(a+)+$", "a"),  # nested unbounded repeats
    (r"(a*)*$", "a"),
    (r"^(\d+)*$", "0"),
    (r"(\w+\s?)+$", "a"),  # nested, the body of varying length
    (r"^(\w+\.?)+@", "a"),
    (r"^([a-z]+\w*)+$", "a"),
    (r"(a|a)*$", "a"),  # alternatives matching the same text
    (r"(ab|ab)*$", "ba"),
    (r"(\d|\d\d)+$", "00"),
    (r"^(a|aa)+$", "aa"),
    (r"^(a+|b)+$", "a"),
    (r"(\w+\d+)+x", "0a"),  # adjacent repeats over overlapping sets inside a repeat
    (r"(x+x+)+y", "xx"),
    (r"(\s*,\s*)*$", ",\t\t"),
    (r"(a?b?)*$", "ba"),
    (r"(.*,)*$", ",a"),
    (r"(a|a){0,99}$", "a"),  # a large bound is as bad as none
    (r"(?i)(ab|AB)+$", "baba"),  # the same text under case folding
    (r"(?=(a+)+b)a", "a"),  # inside a look-ahead
]
SAFE = [
    r"^[0-9]{5}$",
    r"^[A-Z]{2}[0-9]{3}$",
    r"^(Z|[+-]\d\d:\d\d)$",
    r"^[a-z]+(-[a-z]+)*$",
    r"^[a-z]+(\.[a-z]+)*@",
    r"^\d{1,3}(\s\d{3})*$",
    r"(\d{14}\s?)+",
    r"^(a|b)*$",
    r"(ab)+",
    r"(?:a{2})*",
    r"\w+\w+$",  # quadratic at worst, not exponential
    r"^[^@]+@[^@]+$",
    r"(a|a){0,3}$",  # a small bound: at most 2^3 ways
    r"(?i)(a|A)+$",  # re reads (a|A) as the set [aA]
    r"(ab|AB)+$",
]


@pytest.mark.parametrize(("pattern", "pumped"), BAD)
def test_catastrophic_patterns_are_found(pattern: str, pumped: str) -> None:
    found = find_ambiguity(pattern)
    assert found is not None
    assert found.pumped == pumped


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_patterns_pass(pattern: str) -> None:
    assert find_ambiguity(pattern) is None


def test_a_pattern_that_is_not_a_regex_raises() -> None:
    with pytest.raises(re.error):
        find_ambiguity("(a")


def test_a_huge_pattern_is_too_complex_to_prove_safe() -> None:
    with pytest.raises(TooComplexError):
        find_ambiguity("[ab]{100}" * (MAX_POSITIONS // 100 + 1))


def test_every_pattern_of_the_registrys_modules_is_safe(
    schemas: dict[str, DomainSchema], bundles: dict[str, Path]
) -> None:
    uses = [use for schema in schemas.values() for use in linkml_patterns(schema)]
    for bundle in bundles.values():
        shapes = rdflib.Graph().parse(data=(bundle / "shapes.ttl").read_bytes(), format="turtle")
        uses += shape_patterns(shapes)
    patterns = {(use.pattern, use.flags) for use in uses}
    assert ("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$", "") in patterns  # core's identifier
    assert len(patterns) >= 15
    for pattern, flags in sorted(patterns):
        compiled = compile_xpath(pattern, flags)
        assert find_ambiguity(compiled.pattern, compiled.flags) is None, pattern
