"""The SPARQL check: every query of the shapes parses and uses no SERVICE, FROM or GRAPH."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.publish.checks.sparql import check_sparql
from tests.publish.checks.conftest import SHAPES_PREFIXES, shapes_bundle

ELEMENT = "<https://w3id.org/socle/def/parks/shapes/Park-sparql>"


def _constraint(select: str, prefixes: bool = True) -> str:
    declared = " ; sh:prefixes parksshapes:prefixes" if prefixes else ""
    return SHAPES_PREFIXES + (
        "parksshapes:Park a sh:NodeShape ; sh:targetClass parks:Park ; sh:sparql parksshapes:Park-sparql .\n"
        f'parksshapes:Park-sparql sh:message "…"@fr{declared} ;\n'
        f'    sh:select """{select}""" .\n'
        'parksshapes:prefixes sh:declare [ sh:prefix "parks" ;\n'
        '    sh:namespace "https://w3id.org/socle/def/parks/"^^xsd:anyURI ] .\n'
    )


def _check(tmp_path: Path, turtle: str) -> list[tuple[str, str | None, str]]:
    return [(f.check, f.element, f.message_en) for f in check_sparql(shapes_bundle(tmp_path / "b", turtle))]


def test_a_plain_constraint_passes(tmp_path: Path) -> None:
    query = "SELECT $this ?value WHERE { $this parks:opened ?value . FILTER (?value > NOW()) }"
    assert _check(tmp_path, _constraint(query)) == []


def test_words_in_comments_strings_and_iris_do_not_count(tmp_path: Path) -> None:
    query = """
        # SERVICE, FROM and GRAPH are refused, but not in a comment
        SELECT $this ?value WHERE {
            $this parks:name ?value ; <https://example.org/GRAPH/service> ?other .
            FILTER (?value != "FROM NAMED <x> GRAPH SERVICE")
        }"""
    assert _check(tmp_path, _constraint(query)) == []


@pytest.mark.parametrize(
    ("query", "keyword"),
    [
        (
            "SELECT $this WHERE { SERVICE <https://example.org/sparql> { $this parks:name ?n } }",
            "SERVICE, which queries another endpoint",
        ),
        ("SELECT $this FROM <https://example.org/g> WHERE { $this parks:name ?n }", "FROM, which chooses"),
        (
            "SELECT $this FROM NAMED <https://example.org/g> WHERE { $this parks:name ?n }",
            "FROM NAMED, which",
        ),
        ("SELECT $this WHERE { GRAPH ?g { $this parks:name ?n } }", "GRAPH, which leaves the data graph"),
        (
            "SELECT $this WHERE { $this parks:name ?n . FILTER NOT EXISTS { GRAPH ?g { $this a ?c } } }",
            "GRAPH, which leaves the data graph",
        ),
        (
            "SELECT $this WHERE { { SELECT $this WHERE { SERVICE <https://ex.org/s> { $this a ?c } } } }",
            "SERVICE, which queries another endpoint",
        ),
    ],
)
def test_service_from_and_graph_are_refused(tmp_path: Path, query: str, keyword: str) -> None:
    ((check, element, message),) = _check(tmp_path, _constraint(query))
    assert (check, element) == ("sparql", ELEMENT)
    assert message.startswith(f"The sh:select query of {ELEMENT} uses {keyword}")


def test_a_query_that_does_not_parse_is_refused(tmp_path: Path) -> None:
    ((check, element, message),) = _check(tmp_path, _constraint("SELECT $this WHERE { $this parks:name }"))
    assert (check, element) == ("sparql", ELEMENT)
    assert message.startswith(f"The sh:select query of {ELEMENT} does not parse as SPARQL 1.1:")


def test_prefixes_come_from_sh_prefixes(tmp_path: Path) -> None:
    """Without its sh:prefixes, parks: is an undeclared prefix."""
    query = "SELECT $this WHERE { $this parks:name ?n }"
    ((_, _, message),) = _check(tmp_path, _constraint(query, prefixes=False))
    assert "does not parse" in message and "parks" in message


def test_validators_of_constraint_components_are_checked(tmp_path: Path) -> None:
    turtle = SHAPES_PREFIXES + (
        "parksshapes:Named a sh:ConstraintComponent ;\n"
        "    sh:parameter [ sh:path parksshapes:named ] ;\n"
        "    sh:propertyValidator parksshapes:Named-validator .\n"
        'parksshapes:Named-validator a sh:SPARQLAskValidator ; sh:ask """\n'
        '    ASK { GRAPH ?g { $this $PATH ?value } }""" .\n'
    )
    ((check, element, message),) = _check(tmp_path, turtle)
    assert (check, element) == ("sparql", "<https://w3id.org/socle/def/parks/shapes/Named-validator>")
    assert message.startswith(
        "The sh:ask query of <https://w3id.org/socle/def/parks/shapes/Named-validator> uses GRAPH"
    )


def test_a_query_the_engine_cannot_prepare_is_refused(tmp_path: Path) -> None:
    """rdflib reads a projection of an ungrouped variable; pyoxigraph, which runs constraints, does not."""
    query = "SELECT $this ?value WHERE { $this parks:name ?value } GROUP BY $this"
    ((check, element, message),) = _check(tmp_path, _constraint(query))
    assert (check, element) == ("sparql", ELEMENT)
    assert message.startswith(f"The sh:select query of {ELEMENT} is refused by the engine (pyoxigraph):")
    assert "unbound" in message
