"""Release check ``lint``: LinkML's own linter, then the registry's conventions of the models.

LinkML's linter runs with the rule set below, every rule at level ``error`` (a warning would not stop
a release, so none is asked for). The registry's conventions (docs/ARCHITECTURE.md, "Conventions of
the models") apply to every class, slot, enumeration and permissible value the module defines: a
French ``title`` and ``description`` and an English ``label_en`` and ``definition_en``, the English
not a copy of the French, each definition a sentence that does not restate its label; and every
numeric slot has a unit, or says in its ``unit`` annotation why it has none.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from registry.build.schema import DomainSchema, annotation, bilingual
from registry.publish.checks import CheckFailure

CHECK = "lint"
NUMERIC_RANGES = frozenset({"integer", "double", "float", "decimal"})

LINTER_RULES: dict[str, dict[str, Any]] = {
    "no_empty_title": {"level": "error"},
    # Enum codes are lower snake case in data (``led``, DESIGN.md decision 5), not upper snake.
    "permissible_values_format": {"level": "error", "format": "snake"},
    "recommended": {"level": "error"},
    "no_xsd_int_type": {"level": "error"},
    "no_invalid_slot_group": {"level": "error"},
    "no_invalid_slot_usage": {"level": "error"},
    "no_undeclared_slots": {"level": "error"},
    "no_undeclared_subsets": {"level": "error"},
    "no_undeclared_ranges": {"level": "error"},
    "one_identifier_per_class": {"level": "error"},
    "one_key_per_class": {"level": "error"},
    "root_type_checks": {"level": "error"},
    "standard_naming": {"level": "error"},
    # Records are a list of objects of any class, never wrapped in a container class.
    "tree_root_class": {"level": "disabled"},
    # Our prefixes name our own namespaces (``core`` is https://w3id.org/socle/def/core/, not VIVO's
    # core); the namespace check verifies where they point.
    "canonical_prefixes": {"level": "disabled"},
}
"""Every rule of LinkML 1.12's linter, each an error or turned off for a stated reason."""

_ELEMENT = re.compile(r"\b(Class|Slot|Enum|Type|Subset|Schema) '([^']+)'")


def check_lint(schema: DomainSchema) -> list[CheckFailure]:
    """LinkML's lint problems and the registry's convention breaches of ``schema``."""
    failures = linter_failures(schema)
    try:
        failures += convention_failures(schema)
    except Exception as error:  # LinkML raises many types on a broken module; the linter said why
        if not failures:
            name = f"schema {schema.name}"
            failures.append(
                CheckFailure(
                    check=CHECK,
                    element=name,
                    message_fr=f"Le module {schema.name} ne se lit pas en entier : {error}",
                    message_en=f"Module {schema.name} cannot be read in full: {error}",
                )
            )
    return failures


def linter_failures(schema: DomainSchema) -> list[CheckFailure]:
    """LinkML's linter over the module file (its metamodel validation included)."""
    failures = []
    for rule, message in _linter_problems(schema):
        found = _ELEMENT.search(message)
        element = f"{found[1].lower()} {found[2]}" if found else f"schema {schema.name}"
        failures.append(
            CheckFailure(
                check=CHECK,
                element=element,
                message_fr=f"Le linter LinkML (règle {rule}) signale, pour {element} : {message}",
                message_en=f"LinkML's linter (rule {rule}) reports, for {element}: {message}",
            )
        )
    return failures


def _linter_problems(schema: DomainSchema) -> list[tuple[str, str]]:
    """``(rule, message)`` of every error; when a rule crashes on a broken module (LinkML's range rule
    does on an undeclared slot), the rules are run one by one and the crash reported only if nothing
    else explains it."""
    try:
        return _lint(schema, LINTER_RULES)
    except Exception:  # a crashing rule must not hide the findings of the others
        pass
    found: dict[tuple[str, str], None] = {}
    crashes = []
    for rule, config in LINTER_RULES.items():
        if config["level"] == "disabled":
            continue
        try:
            found.update(dict.fromkeys(_lint(schema, {rule: config})))
        except Exception as error:  # the rule could not run on this module
            crashes.append((rule, f"the rule stopped on an error: {error}"))
    return list(found) or crashes


def _lint(schema: DomainSchema, rules: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    from linkml.linter.linter import Linter

    logging.getLogger("linkml_runtime").setLevel(logging.ERROR)
    return [
        (problem.rule_name or "linkml", problem.message)
        for problem in Linter({"rules": rules}).lint(str(schema.path))
        if str(problem.level) == "error"
    ]


def own_elements(schema: DomainSchema) -> list[tuple[str, Any]]:
    """``(name, element)`` of every class, slot, enumeration and permissible value the module defines;
    names read ``class Streetlight``, ``slot nominal_power``, ``enum LampTechnology``, ``value
    LampTechnology.led``."""
    found: list[tuple[str, Any]] = []
    found += [(f"class {c.name}", c) for c in schema.classes(own_only=True)]
    found += [(f"slot {s.name}", s) for s in schema.slots(own_only=True)]
    for enum in schema.enums(own_only=True):
        found.append((f"enum {enum.name}", enum))
        found += [(f"value {enum.name}.{v.text}", v) for v in schema.permissible_values(enum)]
    return found


def convention_failures(schema: DomainSchema) -> list[CheckFailure]:
    """Breaches of the bilingual and unit conventions, one per element and rule."""
    failures = [
        CheckFailure(check=CHECK, element=name, message_fr=f"{name} : {fr}", message_en=f"{name}: {en}")
        for name, element in own_elements(schema)
        for fr, en in bilingual_problems(element)
    ]
    for slot_name in unitless_slots(schema):
        name = f"slot {slot_name}"
        failures.append(
            CheckFailure(
                check=CHECK,
                element=name,
                message_fr=f"{name} : une quantité numérique a une unité (unit: {{ucum_code: …}}) ou dit "
                "pourquoi elle n'en a pas (annotation unit).",
                message_en=f"{name}: a numeric quantity has a unit (unit: {{ucum_code: …}}) or says "
                "why it has none (annotation unit).",
            )
        )
    return failures


def unitless_slots(schema: DomainSchema) -> list[str]:
    """Names of the module's numeric slots with neither a UCUM unit nor a ``unit`` note."""
    return [
        str(slot.name)
        for slot in schema.slots(own_only=True)
        if slot.range in NUMERIC_RANGES
        and not (getattr(slot.unit, "ucum_code", None) if slot.unit else None)
        and not annotation(slot, "unit")
    ]


def bilingual_problems(element: Any) -> Iterator[tuple[str, str]]:
    """What an element's French and English texts lack: ``(French, English)`` sentences."""
    texts = bilingual(element)
    if not getattr(element, "title", None) or not annotation(element, "label_en"):
        yield (
            "un libellé français (title) et un libellé anglais (annotation label_en) sont requis.",
            "a French title and an English label_en annotation are both required.",
        )
    if not texts.definition_fr or not texts.definition_en:
        yield (
            "une définition française (description) et une définition anglaise (annotation "
            "definition_en) sont requises.",
            "a French description and an English definition_en annotation are both required.",
        )
    if texts.definition_fr and texts.definition_fr == texts.definition_en:
        yield (
            "la définition anglaise est une copie de la française.",
            "the English definition is a copy of the French one.",
        )
    for lang_fr, lang_en, label, definition in (
        ("française", "French", texts.label_fr, texts.definition_fr),
        ("anglaise", "English", texts.label_en, texts.definition_en),
    ):
        if definition and definition.strip(" .").casefold() == label.casefold():
            yield (
                f"la définition {lang_fr} ne fait que répéter son libellé.",
                f"the {lang_en} definition only restates its label.",
            )
        if definition and len(definition.split()) < 3:
            yield (
                f"la définition {lang_fr} n'est pas une phrase : {definition!r}.",
                f"the {lang_en} definition is not a sentence: {definition!r}.",
            )
