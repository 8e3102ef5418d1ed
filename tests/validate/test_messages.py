"""Messages in French and English: kept from the shapes, or written from the component and its parameters."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SH

from registry.config import PROJECT_ROOT
from registry.validate.messages import (
    WRITERS,
    Explainer,
    add_messages,
    display_term,
    generic_message,
    has_specific_message,
    parse_term,
    quote_value,
)
from registry.validate.report import Severity, ValidationResult

SHN = "http://www.w3.org/ns/shacl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "http://example.org/"

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

ex:Light a sh:NodeShape ; sh:targetClass ex:Streetlight ;
    sh:name "point lumineux"@fr, "street light"@en ;
    sh:property ex:Light-power, ex:Light-power-recommended, ex:Light-date, ex:Light-lamp, ex:Light-code,
        ex:Light-time, ex:Light-cabinet, ex:Light-address, ex:Light-from, ex:Light-kind, ex:Light-label,
        ex:Light-diameter, ex:Light-lang, ex:Light-fixed, ex:Light-nolabel .
ex:Light-power sh:path ex:nominal_power ; sh:datatype xsd:double ; sh:maxInclusive 2000 ;
    sh:minInclusive 0 ; sh:maxCount 1 ; sh:name "puissance nominale"@fr, "nominal power"@en .
ex:Light-power-recommended sh:path ex:nominal_power ; sh:minCount 1 ; sh:severity sh:Warning .
ex:Light-date sh:path ex:installation_date ; sh:datatype xsd:date ; sh:minCount 1 ;
    sh:name "date de pose"@fr, "installation date"@en .
ex:Light-lamp sh:path ex:lamp_technology ; sh:in ( "led" "metal_halide" "other" ) ;
    sh:name "technologie de la source"@fr, "lamp technology"@en .
ex:Light-code sh:path ex:insee ; sh:pattern "^[0-9]{5}$" ; sh:minLength 5 ; sh:maxLength 5 ;
    sh:name "code INSEE"@fr, "INSEE code"@en .
ex:Light-time sh:path ex:date_observed ; sh:pattern "(Z|[+-][0-9]{2}:[0-9]{2})$" ;
    sh:name "date de l'observation"@fr, "observation time"@en .
ex:Light-cabinet sh:path ex:control_cabinet ; sh:class ex:ControlCabinet ; sh:nodeKind sh:IRI ;
    sh:name "armoire"@fr, "cabinet"@en .
ex:Light-address sh:path ex:address ; sh:node ex:Address ; sh:name "adresse"@fr, "address"@en .
ex:Light-from sh:path ex:valid_from ; sh:lessThanOrEquals ex:valid_until ; sh:disjoint ex:other ;
    sh:name "début"@fr, "start"@en .
ex:Light-kind sh:path ex:kind ; sh:hasValue "street" ; sh:name "genre"@fr, "kind"@en .
ex:Light-label sh:path ex:label ; sh:uniqueLang true ; sh:languageIn ( "fr" "en" ) ;
    sh:name "libellé"@fr, "label"@en .
ex:Light-diameter sh:path ex:diameter ; sh:or ( [ sh:pattern "^80$" ] [ sh:pattern "^100$" ] ) ;
    sh:name "diamètre"@fr, "diameter"@en .
ex:Light-lang sh:path ex:comment ; sh:nodeKind sh:Literal .
ex:Light-fixed sh:path ex:height ; sh:maxInclusive 30 ;
    sh:message "Plus de 30 m : vérifiez l'unité."@fr, "Over 30 m: check the unit."@en .
ex:Light-nolabel sh:path ex:mast_height ; sh:minCount 1 .
ex:valid_until_shape sh:path ex:valid_until ; sh:name "fin"@fr, "end"@en .
ex:CabinetShape a sh:NodeShape ; sh:targetClass ex:ControlCabinet ;
    sh:name "armoire de commande"@fr, "control cabinet"@en .
ex:Address a sh:NodeShape ; sh:name "adresse postale"@fr, "postal address"@en .
ex:Future a sh:NodeShape ; sh:targetClass ex:Reading ; sh:name "relevé dans le passé"@fr,
    "reading in the past"@en ; sh:description "Un relevé n'est jamais daté du futur."@fr,
    "A reading is never dated in the future."@en ; sh:sparql ex:Future-sparql .
ex:Future-sparql sh:select "SELECT $this WHERE { }" .
ex:Templated a sh:NodeShape ; sh:sparql ex:Templated-sparql .
ex:Templated-sparql sh:select "SELECT $this ?value WHERE { }" ;
    sh:message "Valeur {?value} refusée."@fr, "Value {?value} refused."@en .
ex:IdUnique a sh:NodeShape ; sh:targetObjectsOf ex:identifier ;
    sh:property [ sh:path [ sh:inversePath ex:identifier ] ; sh:maxCount 1 ] .
ex:Light-id sh:path ex:identifier ; sh:name "identifiant"@fr, "identifier"@en .
"""


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(data=SHAPES, format="turtle")


def result(
    shape: str,
    component: str,
    path: str | None = None,
    value: str | None = None,
    *,
    focus: str = f"<{EX}light-1>",
    severity: Severity = Severity.VIOLATION,
    messages: tuple[tuple[str, str], ...] = (),
    source_constraint: str | None = None,
) -> ValidationResult:
    return ValidationResult(
        focus_node=focus,
        constraint_component=SHN + component,
        source_shape=shape if shape.startswith(("<", "_:")) else f"<{EX}{shape}>",
        severity=severity,
        result_path=f"<{EX}{path}>" if path and not path.startswith(("<", "^")) else path,
        value=value,
        messages=messages,
        source_constraint=source_constraint,
    )


def explain(shapes: rdflib.Graph, one: ValidationResult) -> tuple[str, str]:
    [done] = add_messages([one], shapes)
    fr, en = done.message("fr"), done.message("en")
    assert fr and en
    return fr, en


# --- values --------------------------------------------------------------------------------------


def test_values_are_shown_as_their_lexical_form() -> None:
    assert display_term(f'"2500"^^<{XSD}double>') == "2500"
    assert display_term('"a \\"quoted\\" \\\\ word\\nnext"') == 'a "quoted" \\ word\nnext'
    assert display_term('"rue"@fr') == "rue"
    assert display_term('"caf\\u00E9"') == "café"
    assert display_term("<urn:socle:data:VLB%20EP>") == "VLB EP"
    assert display_term("<http://example.org/x>") == "http://example.org/x"
    assert display_term("_:b0", "fr") == "(élément sans identifiant)"
    assert display_term("_:b0", "en") == "(unnamed element)"
    assert quote_value(f'"2500"^^<{XSD}double>') == "2500"
    assert quote_value(f'"12,5"^^<{XSD}double>') == '"12,5"'
    assert quote_value(f'"11/03/2025"^^<{XSD}date>') == '"11/03/2025"'
    assert parse_term('"x"@en').language == "en"


# --- one test per component family ---------------------------------------------------------------


def test_value_range(shapes: rdflib.Graph) -> None:
    fr, en = explain(
        shapes,
        result("Light-power", "MaxInclusiveConstraintComponent", "nominal_power", f'"2500"^^<{XSD}double>'),
    )
    assert fr == "puissance nominale : 2500 dépasse le maximum autorisé (2000)."
    assert en == "nominal power: 2500 is above the allowed maximum (2000)."
    fr, en = explain(
        shapes,
        result("Light-power", "MinInclusiveConstraintComponent", "nominal_power", f'"-3"^^<{XSD}double>'),
    )
    assert fr == "puissance nominale : -3 est inférieur au minimum autorisé (0)."
    assert en == "nominal power: -3 is below the allowed minimum (0)."


def test_value_type(shapes: rdflib.Graph) -> None:
    fr, en = explain(
        shapes,
        result(
            "Light-date", "DatatypeConstraintComponent", "installation_date", f'"11/03/2025"^^<{XSD}date>'
        ),
    )
    assert fr.startswith('date de pose : "11/03/2025" n\'est pas une date (attendu AAAA-MM-JJ')
    assert en.startswith('installation date: "11/03/2025" is not a date (expected YYYY-MM-DD')
    fr, en = explain(
        shapes, result("Light-cabinet", "NodeKindConstraintComponent", "control_cabinet", '"AC-1"')
    )
    assert fr == 'armoire : "AC-1" n\'est pas une référence à un élément (son identifiant).'
    assert en == 'cabinet: "AC-1" is not a reference to an element (its identifier).'


def test_in_lists_the_accepted_codes(shapes: rdflib.Graph) -> None:
    fr, en = explain(shapes, result("Light-lamp", "InConstraintComponent", "lamp_technology", '"sodium"'))
    assert fr == (
        'technologie de la source : "sodium" n\'est pas une valeur acceptée ; '
        "valeurs acceptées : led, metal_halide, other."
    )
    assert (
        en == 'lamp technology: "sodium" is not an accepted value; accepted values: led, metal_halide, other.'
    )


def test_cardinality(shapes: rdflib.Graph) -> None:
    fr, en = explain(shapes, result("Light-date", "MinCountConstraintComponent", "installation_date"))
    assert fr == "date de pose : valeur obligatoire manquante."
    assert en == "installation date: required value is missing."
    fr, en = explain(
        shapes,
        result(
            "Light-power-recommended",
            "MinCountConstraintComponent",
            "nominal_power",
            severity=Severity.WARNING,
        ),
    )
    # the recommended-value shape has no name of its own: its sibling on the same path gives it
    assert fr == "puissance nominale : valeur recommandée manquante."
    assert en == "nominal power: recommended value is missing."
    fr, en = explain(shapes, result("Light-power", "MaxCountConstraintComponent", "nominal_power"))
    assert fr == "puissance nominale : une seule valeur est permise, il y en a plusieurs."
    assert en == "nominal power: only one value is allowed, there are several."


def test_uniqueness_names_the_identifier(shapes: rdflib.Graph) -> None:
    shape = next(shapes.objects(rdflib.URIRef(EX + "IdUnique"), SH.property))
    one = result(shape.n3(), "MaxCountConstraintComponent", f"^<{EX}identifier>", focus='"VLB-EP-009005"')
    fr, en = explain(shapes, one)
    assert fr == 'l\'identifiant "VLB-EP-009005" est utilisé par plusieurs éléments.'
    assert en == 'the identifier "VLB-EP-009005" is used by more than one element.'


def test_uniqueness_found_by_path_when_the_blank_node_label_differs(shapes: rdflib.Graph) -> None:
    one = result("_:not-in-the-graph", "MaxCountConstraintComponent", f"^<{EX}identifier>", focus='"A-1"')
    fr, _ = explain(shapes, one)
    assert fr == 'l\'identifiant "A-1" est utilisé par plusieurs éléments.'


def test_string_rules(shapes: rdflib.Graph) -> None:
    fr, en = explain(shapes, result("Light-code", "PatternConstraintComponent", "insee", '"6926"'))
    assert fr == 'code INSEE : "6926" n\'a pas la forme attendue (motif ^[0-9]{5}$).'
    assert en == 'INSEE code: "6926" does not have the expected form (pattern ^[0-9]{5}$).'
    fr, en = explain(
        shapes,
        result(
            "Light-time",
            "PatternConstraintComponent",
            "date_observed",
            f'"2024-01-31T23:00:00"^^<{XSD}dateTime>',
        ),
    )
    assert "fuseau horaire" in fr and "+01:00" in fr
    assert "time zone" in en
    fr, en = explain(shapes, result("Light-code", "MinLengthConstraintComponent", "insee", '"69"'))
    assert fr == 'code INSEE : "69" est trop court (au moins 5 caractères).'
    assert en == 'INSEE code: "69" is too short (at least 5 characters).'
    fr, en = explain(shapes, result("Light-code", "MaxLengthConstraintComponent", "insee", '"692660"'))
    assert "trop long (au plus 5 caractères)" in fr and "too long (at most 5 characters)" in en


def test_property_pairs(shapes: rdflib.Graph) -> None:
    fr, en = explain(
        shapes,
        result(
            "Light-from", "LessThanOrEqualsConstraintComponent", "valid_from", f'"2024-11-01"^^<{XSD}date>'
        ),
    )
    assert fr == 'début : "2024-11-01" doit être inférieur ou égal à la valeur de « fin ».'
    assert en == 'start: "2024-11-01" must not be greater than the value of "end".'
    fr, en = explain(shapes, result("Light-from", "DisjointConstraintComponent", "valid_from", '"x"'))
    assert "« other »" in fr and '"other"' in en


def test_shape_based(shapes: rdflib.Graph) -> None:
    fr, en = explain(
        shapes,
        result("Light-cabinet", "ClassConstraintComponent", "control_cabinet", "<urn:socle:data:AC-9>"),
    )
    assert fr == "armoire : l'élément référencé \"AC-9\" n'est pas décrit comme « armoire de commande »."
    assert en == 'cabinet: the referenced element "AC-9" is not described as "control cabinet".'
    fr, en = explain(shapes, result("Light-address", "NodeConstraintComponent", "address", "_:b1"))
    assert fr == "adresse : la valeur ne respecte pas les règles de « adresse postale »."
    assert en == 'address: the value does not follow the rules of "postal address".'


def test_logical(shapes: rdflib.Graph) -> None:
    fr, en = explain(
        shapes, result("Light-diameter", "OrConstraintComponent", "diameter", f'"90"^^<{XSD}integer>')
    )
    assert fr == "diamètre : 90 ne correspond à aucune des possibilités acceptées (80, 100)."
    assert en == "diameter: 90 matches none of the accepted possibilities (80, 100)."


def test_other_core_components(shapes: rdflib.Graph) -> None:
    fr, en = explain(shapes, result("Light-kind", "HasValueConstraintComponent", "kind"))
    assert fr == 'genre : la valeur "street" est exigée.'
    assert en == 'kind: the value "street" is required.'
    fr, en = explain(shapes, result("Light-label", "LanguageInConstraintComponent", "label", '"Licht"@de'))
    assert fr == 'libellé : "Licht" n\'est pas dans une langue acceptée (fr, en).'
    fr, en = explain(shapes, result("Light-label", "UniqueLangConstraintComponent", "label", '"fr"'))
    assert "même langue" in fr and "same language" in en
    fr, en = explain(shapes, result("Light", "ClosedConstraintComponent", "colour", '"red"'))
    assert fr == 'propriété non prévue par le standard : colour (valeur "red").'


def test_sparql_uses_the_shape_description(shapes: rdflib.Graph) -> None:
    one = result(
        "Future",
        "SPARQLConstraintComponent",
        value=f'"2099-01-01"^^<{XSD}date>',
        source_constraint=f"<{EX}Future-sparql>",
    )
    fr, en = explain(shapes, one)
    assert fr == 'relevé dans le passé : Un relevé n\'est jamais daté du futur (valeur "2099-01-01").'
    assert en == 'reading in the past: A reading is never dated in the future (value "2099-01-01").'


def test_a_shape_message_in_both_languages_is_kept(shapes: rdflib.Graph) -> None:
    own = (("en", "Over 30 m: check the unit."), ("fr", "Plus de 30 m : vérifiez l'unité."))
    one = result("Light-fixed", "MaxInclusiveConstraintComponent", "height", '"40"', messages=own)
    [done] = add_messages([one], shapes)
    assert done.message("fr") == "Plus de 30 m : vérifiez l'unité."
    assert done.message("en") == "Over 30 m: check the unit."
    # a message without placeholders says the rule: it is the group summary too
    assert done.rule("fr") == "Plus de 30 m : vérifiez l'unité"


def test_a_message_in_one_language_is_completed(shapes: rdflib.Graph) -> None:
    one = result(
        "Light-power",
        "MaxInclusiveConstraintComponent",
        "nominal_power",
        '"2500"',
        messages=(("fr", "Trop puissant."), ("", "engine text")),
    )
    [done] = add_messages([one], shapes)
    assert done.messages == (
        ("fr", "Trop puissant."),
        ("en", 'nominal power: "2500" is above the allowed maximum (2000).'),
    )


def test_a_filled_template_is_kept_but_not_used_as_the_rule(shapes: rdflib.Graph) -> None:
    one = result(
        "Templated",
        "SPARQLConstraintComponent",
        value='"x"',
        source_constraint=f"<{EX}Templated-sparql>",
        messages=(("en", "Value x refused."), ("fr", "Valeur x refusée.")),
    )
    [done] = add_messages([one], shapes)
    assert done.message("fr") == "Valeur x refusée."
    assert "x" not in (done.rule("fr") or "")


def test_names_fall_back_to_the_slot(shapes: rdflib.Graph) -> None:
    fr, en = explain(shapes, result("Light-nolabel", "MinCountConstraintComponent", "mast_height"))
    assert fr == "mast_height : valeur obligatoire manquante."
    assert en == "mast_height: required value is missing."


def test_rule_messages_leave_the_value_out(shapes: rdflib.Graph) -> None:
    [a, b] = add_messages(
        [
            result(
                "Light-power", "MaxInclusiveConstraintComponent", "nominal_power", f'"2500"^^<{XSD}double>'
            ),
            result(
                "Light-power", "MaxInclusiveConstraintComponent", "nominal_power", f'"3100"^^<{XSD}double>'
            ),
        ],
        shapes,
    )
    assert a.rule_messages == b.rule_messages
    assert a.rule("en") == "nominal power is above the allowed maximum (2000)"
    assert a.rule("fr") == "puissance nominale : valeur au-dessus du maximum autorisé (2000)"


def test_unknown_component_gets_a_generic_but_useful_message(shapes: rdflib.Graph) -> None:
    one = ValidationResult(
        focus_node=f"<{EX}a>",
        constraint_component="http://example.org/MyComponent",
        source_shape=f"<{EX}Light-power>",
        result_path=f"<{EX}nominal_power>",
        value='"7"',
    )
    fr, en = explain(shapes, one)
    assert fr == 'puissance nominale : "7" ne respecte pas la règle « MyComponent ».'
    assert en == 'nominal power: "7" breaks the rule "MyComponent".'


# --- every component the committed shapes use ----------------------------------------------------

PARAMETERS = {
    "minCount": "MinCount",
    "maxCount": "MaxCount",
    "datatype": "Datatype",
    "nodeKind": "NodeKind",
    "pattern": "Pattern",
    "minInclusive": "MinInclusive",
    "maxInclusive": "MaxInclusive",
    "minExclusive": "MinExclusive",
    "maxExclusive": "MaxExclusive",
    "minLength": "MinLength",
    "maxLength": "MaxLength",
    "in": "In",
    "class": "Class",
    "node": "Node",
    "or": "Or",
    "and": "And",
    "xone": "Xone",
    "not": "Not",
    "equals": "Equals",
    "disjoint": "Disjoint",
    "lessThan": "LessThan",
    "lessThanOrEquals": "LessThanOrEquals",
    "hasValue": "HasValue",
    "languageIn": "LanguageIn",
    "uniqueLang": "UniqueLang",
    "closed": "Closed",
    "qualifiedMinCount": "QualifiedMinCount",
    "qualifiedMaxCount": "QualifiedMaxCount",
    "sparql": "SPARQL",
}


def _committed_shapes() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted(Path(PROJECT_ROOT / "shapes").glob("*/*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def test_every_component_of_the_committed_shapes_has_its_own_message() -> None:
    graph = _committed_shapes()
    explainer = Explainer(graph)
    from registry.validate.terms import path_to_sparql

    used: set[str] = set()
    checked = 0
    for local, component in PARAMETERS.items():
        for shape in set(graph.subjects(SH[local], None)):
            if local != "sparql" and (shape, SH.path, None) not in graph:
                continue  # a member of an sh:or list: results come from the shape holding the list
            path = graph.value(shape, SH.path)
            iri = SHN + component + "ConstraintComponent"
            used.add(iri)
            inverse = path is not None and (path, SH.inversePath, None) in graph
            one = ValidationResult(
                focus_node='"X-1"' if inverse else "<urn:socle:data:X-1>",
                constraint_component=iri,
                source_shape=shape.n3(),
                result_path=path_to_sparql(graph, path) if path is not None else None,
                value=None if local in {"minCount", "maxCount"} else '"bad value"',
            )
            rule = explainer.rule_for(one)
            assert rule.param(local) is not None, (shape, iri)
            message, summary = WRITERS[iri](rule, one)
            for text in (message.fr, message.en, summary.fr, summary.en):
                assert text, (shape, iri)
            assert message.fr != message.en, (shape, iri)
            generic, generic_summary = generic_message(rule, one)
            assert generic.fr != message.fr and generic.en != message.en, (shape, iri)
            assert generic_summary.fr != summary.fr and generic_summary.en != summary.en
            checked += 1
    assert checked > 500
    assert all(has_specific_message(iri) for iri in used)
    assert {SHN + "SPARQLConstraintComponent", SHN + "OrConstraintComponent"} <= used
