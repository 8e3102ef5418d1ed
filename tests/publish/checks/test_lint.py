"""The lint check: LinkML's linter with the registry's rule set, and the registry's conventions."""

from __future__ import annotations

from registry.build.schema import DomainSchema
from registry.publish.checks import CheckFailure
from registry.publish.checks.lint import LINTER_RULES, check_lint, convention_failures, own_elements
from tests.publish.checks.conftest import WriteModule


def _only(failures: list[CheckFailure]) -> CheckFailure:
    assert len(failures) == 1, failures
    return failures[0]


def test_a_clean_module_passes(write_module: WriteModule) -> None:
    assert check_lint(write_module()) == []


def test_every_rule_is_an_error_or_turned_off() -> None:
    from linkml.linter.linter import get_named_config

    assert set(LINTER_RULES) == set(get_named_config("default")["rules"])
    assert {rule["level"] for rule in LINTER_RULES.values()} == {"error", "disabled"}
    assert {name for name, rule in LINTER_RULES.items() if rule["level"] == "disabled"} == {
        "tree_root_class",
        "canonical_prefixes",
    }


def test_linkml_linter_refuses_an_upper_case_code(write_module: WriteModule) -> None:
    failures = check_lint(write_module({"      woodland:\n": "      WOODLAND:\n"}))
    assert [(f.check, f.element) for f in failures] == [("lint", "enum ParkKind")] * 2
    for failure, rule in zip(failures, ("permissible_values_format", "standard_naming"), strict=True):
        assert rule in failure.message_en and "WOODLAND" in failure.message_en
        assert rule in failure.message_fr and "WOODLAND" in failure.message_fr


def test_linkml_linter_refuses_an_undeclared_slot(write_module: WriteModule) -> None:
    failures = check_lint(write_module({"      - gate_code\n": "      - gate_code\n      - opening_year\n"}))
    assert [f.element for f in failures] == ["slot opening_year"]
    assert "no_undeclared_slots" in failures[0].message_en and "'Park'" in failures[0].message_en


def test_an_element_without_english_definition_is_refused(write_module: WriteModule) -> None:
    schema = write_module({"      definition_en: Area of the park in square metres.\n": ""})
    failure = _only(check_lint(schema))
    assert failure.check == "lint"
    assert failure.element == "slot surface_area"
    assert "definition_en" in failure.message_en and "definition_en" in failure.message_fr


def test_a_value_without_french_title_is_refused(write_module: WriteModule) -> None:
    failure = _only(check_lint(write_module({"        title: bois\n": ""})))
    assert failure.element == "value ParkKind.woodland"
    assert "title" in failure.message_en and "label_en" in failure.message_en


def test_a_copied_translation_and_a_restated_label_are_refused(write_module: WriteModule) -> None:
    schema = write_module(
        {
            "definition_en: Category of the park by its main use.": (
                "definition_en: Catégorie du parc selon son usage principal."
            ),
            "description: Code inscrit sur le portail principal du parc.": "description: Code du portail.",
            "description: Petit espace planté et clos, conçu pour la promenade.": "description: Jardin clos.",
        }
    )
    failures = convention_failures(schema)
    assert {(f.element, f.message_en) for f in failures} == {
        ("slot park_kind", "slot park_kind: the English definition is a copy of the French one."),
        ("slot gate_code", "slot gate_code: the French definition only restates its label."),
        (
            "value ParkKind.garden",
            "value ParkKind.garden: the French definition is not a sentence: 'Jardin clos.'.",
        ),
    }


def test_a_numeric_slot_without_unit_is_refused(write_module: WriteModule) -> None:
    failure = _only(check_lint(write_module({"    unit:\n      ucum_code: m2\n": ""})))
    assert failure.element == "slot surface_area"
    assert "unit" in failure.message_en and "unité" in failure.message_fr


def test_own_elements_names_every_kind(write_module: WriteModule) -> None:
    names = [name for name, _ in own_elements(write_module())]
    assert names == [
        "class Park",
        "slot surface_area",
        "slot park_kind",
        "slot gate_code",
        "enum ParkKind",
        "value ParkKind.garden",
        "value ParkKind.woodland",
    ]


def test_imported_elements_are_not_the_modules_own(schemas: dict[str, DomainSchema]) -> None:
    names = {name for name, _ in own_elements(schemas["lighting"])}
    assert "class Streetlight" in names and "slot identifier" not in names
