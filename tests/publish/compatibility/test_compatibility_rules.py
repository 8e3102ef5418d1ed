"""Each kind of edit of the lighting module, classified exactly: kind, element, level, and the verdict."""

from __future__ import annotations

from dataclasses import replace as dc_replace

import pytest

from registry.errors import InputError
from registry.publish.compatibility import (
    Change,
    Level,
    ModuleVersion,
    compare,
    declared_bump,
    verdict_from_dict,
)

from .conftest import MakeVariant, replace, without_block


def summary(changes: tuple[Change, ...]) -> list[tuple[str, str, Level]]:
    return sorted((c.kind, c.element, c.level) for c in changes)


def same(text: str) -> str:
    return text


def test_identical_modules_have_no_change(base: ModuleVersion) -> None:
    verdict = compare(base, base)
    assert verdict.changes == ()
    assert verdict.required is Level.NONE and verdict.declared is Level.NONE
    assert verdict.acceptable and verdict.offending == ()
    assert "No change" in verdict.summary("en") and "Aucun changement" in verdict.summary("fr")


def test_a_patch_release_without_change_is_acceptable(base: ModuleVersion, variant: MakeVariant) -> None:
    verdict = compare(base, variant(same, "1.0.1"))
    assert verdict.changes == () and verdict.declared is Level.PATCH and verdict.acceptable


def test_removed_enum_value_is_major_and_named(base: ModuleVersion, variant: MakeVariant) -> None:
    def edit(text: str) -> str:
        return without_block(text, "      mercury_vapour:\n", "      other:\n")

    verdict = compare(base, variant(edit, "1.1.0"))
    assert summary(verdict.changes) == [
        ("enum-value-removed", "lighting:LampTechnology/mercury_vapour", Level.MAJOR)
    ]
    [change] = verdict.changes
    assert change.before == "mercury_vapour" and change.after is None
    assert change.message_en == (
        "lighting:LampTechnology lost the value 'mercury_vapour': data using it will no longer validate."
    )
    assert "« mercury_vapour »" in change.message_fr and "lighting:LampTechnology" in change.message_fr
    assert verdict.required is Level.MAJOR and verdict.declared is Level.MINOR
    assert not verdict.acceptable
    assert verdict.offending == (change,)
    assert "Refused" in verdict.summary("en") and "Refusé" in verdict.summary("fr")

    accepted = compare(base, variant(edit, "2.0.0"))
    assert accepted.acceptable and accepted.declared is Level.MAJOR and accepted.offending == ()
    assert summary(accepted.changes) == summary(verdict.changes)


def test_added_enum_value_is_minor(base: ModuleVersion, variant: MakeVariant) -> None:
    def edit(text: str) -> str:
        return replace(
            text,
            "      other:\n        title: autre\n",
            "      induction:\n        title: induction\n        description: Lampe à induction.\n"
            "        annotations:\n          label_en: induction\n"
            "          definition_en: Induction lamp.\n"
            "      other:\n        title: autre\n",
        )

    verdict = compare(base, variant(edit, "1.1.0"))
    assert summary(verdict.changes) == [
        ("enum-value-added", "lighting:LampTechnology/induction", Level.MINOR)
    ]
    assert verdict.acceptable
    assert not compare(base, variant(edit, "1.0.1")).acceptable


NEW_SLOT = """  mounting_type:
    slot_uri: lighting:mounting_type
    range: string
    title: type de support
    description: Nature du support du point lumineux.
    annotations:
      label_en: mounting type
      definition_en: Kind of support the light point stands on.
"""


def _with_new_slot(required: bool) -> object:
    def edit(text: str) -> str:
        slot = NEW_SLOT + ("    required: true\n" if required else "")
        text = replace(text, "slots:\n  lamp_technology:\n", "slots:\n" + slot + "  lamp_technology:\n")
        return replace(
            text, "      - upward_light_ratio\n", "      - upward_light_ratio\n      - mounting_type\n"
        )

    return edit


def test_new_optional_slot_is_minor(base: ModuleVersion, variant: MakeVariant) -> None:
    verdict = compare(base, variant(_with_new_slot(False), "1.1.0"))
    assert summary(verdict.changes) == [("slot-added", "lighting:Streetlight.mounting_type", Level.MINOR)]
    assert verdict.acceptable and verdict.required is Level.MINOR


def test_new_required_slot_is_major(base: ModuleVersion, variant: MakeVariant) -> None:
    verdict = compare(base, variant(_with_new_slot(True), "1.1.0"))
    assert summary(verdict.changes) == [("slot-added", "lighting:Streetlight.mounting_type", Level.MAJOR)]
    assert "records without it will no longer validate" in verdict.changes[0].message_en
    assert not verdict.acceptable


def test_narrowed_maximum_is_major_and_names_every_class(base: ModuleVersion, variant: MakeVariant) -> None:
    def edit(text: str) -> str:
        return replace(text, "    maximum_value: 2000\n", "    maximum_value: 1500\n")

    verdict = compare(base, variant(edit, "1.1.0"))
    assert summary(verdict.changes) == [("slot-maximum", "lighting:nominal_power", Level.MAJOR)]
    [change] = verdict.changes
    assert (change.before, change.after) == ("2000", "1500")
    assert "lighting:Streetlight" in change.message_en and "lighting:LuminaireModel" in change.message_en
    assert "values above 1500 will no longer validate" in change.message_en


def test_loosened_maximum_in_one_class_is_minor(base: ModuleVersion, variant: MakeVariant) -> None:
    def edit(text: str) -> str:
        return replace(text, "    maximum_value: 60\n", "    maximum_value: 80\n")

    verdict = compare(base, variant(edit, "1.1.0"))
    assert summary(verdict.changes) == [
        ("slot-maximum", "lighting:Streetlight.light_point_height", Level.MINOR)
    ]
    assert verdict.acceptable


def test_changed_unit_is_major(base: ModuleVersion, variant: MakeVariant) -> None:
    def edit(text: str) -> str:
        return replace(text, "    unit:\n      ucum_code: m\n", "    unit:\n      ucum_code: cm\n")

    verdict = compare(base, variant(edit, "1.1.0"))
    assert summary(verdict.changes) == [("slot-unit", "lighting:Streetlight.light_point_height", Level.MAJOR)]
    assert (verdict.changes[0].before, verdict.changes[0].after) == ("m", "cm")
    assert not verdict.acceptable


def test_changed_datatype_is_major(base: ModuleVersion, variant: MakeVariant) -> None:
    def edit(text: str) -> str:
        return replace(
            text,
            "  light_point_height:\n    slot_uri: lighting:light_point_height\n    range: double\n",
            "  light_point_height:\n    slot_uri: lighting:light_point_height\n    range: integer\n",
        )

    verdict = compare(base, variant(edit, "2.0.0"))
    assert summary(verdict.changes) == [
        ("slot-range", "lighting:Streetlight.light_point_height", Level.MAJOR)
    ]
    assert (verdict.changes[0].before, verdict.changes[0].after) == ("double", "integer")
    assert verdict.acceptable


def test_labels_only_is_patch(base: ModuleVersion, variant: MakeVariant) -> None:
    def edit(text: str) -> str:
        text = replace(text, "    title: point lumineux\n", "    title: point d'éclairage\n")
        return replace(text, "      label_en: lamp technology\n", "      label_en: light source technology\n")

    verdict = compare(base, variant(edit, "1.0.1"))
    assert summary(verdict.changes) == [
        ("class-label", "lighting:Streetlight", Level.PATCH),
        ("slot-label", "lighting:lamp_technology", Level.PATCH),
    ]
    assert verdict.required is Level.PATCH and verdict.acceptable
    unchanged_version = compare(base, variant(edit, "1.0.0"))
    assert not unchanged_version.acceptable and unchanged_version.declared is Level.NONE


def test_removed_class_is_major(base: ModuleVersion, variant: MakeVariant) -> None:
    def edit(text: str) -> str:
        return without_block(text, "  LightingSchedule:\n", "  EnergyReading:\n")

    verdict = compare(base, variant(edit, "1.1.0"))
    assert summary(verdict.changes) == [("class-removed", "lighting:LightingSchedule", Level.MAJOR)]
    assert not verdict.acceptable
    assert compare(base, variant(edit, "2.0.0")).acceptable


def test_required_to_optional_and_single_valued(base: ModuleVersion, variant: MakeVariant) -> None:
    def edit(text: str) -> str:
        return replace(
            text,
            "    range: string\n    required: true\n    title: fabricant\n",
            "    range: string\n    title: fabricant\n",
        )

    verdict = compare(base, variant(edit, "1.1.0"))
    assert summary(verdict.changes) == [
        ("slot-required", "lighting:LuminaireModel.manufacturer_name", Level.MINOR)
    ]
    reverse = compare(variant(edit, "1.1.0"), variant(same, "1.2.0"))
    assert summary(reverse.changes) == [
        ("slot-required", "lighting:LuminaireModel.manufacturer_name", Level.MAJOR)
    ]


def test_aliases_added_are_patch_removed_are_major(base: ModuleVersion, variant: MakeVariant) -> None:
    def edit(text: str) -> str:
        text = replace(text, "        aliases: [LED, DEL]\n", "        aliases: [LED]\n")
        return replace(text, "aliases: [flux_lumineux]", "aliases: [flux_lumineux, flux]")

    verdict = compare(base, variant(edit, "2.0.0"))
    assert summary(verdict.changes) == [
        ("enum-value-aliases", "lighting:LampTechnology/led", Level.MAJOR),
        ("slot-aliases", "lighting:luminous_flux", Level.PATCH),
    ]


def test_new_pattern_is_major(base: ModuleVersion, variant: MakeVariant) -> None:
    def edit(text: str) -> str:
        return replace(
            text,
            "    range: string\n    required: true\n    title: nom commercial\n",
            "    range: string\n    required: true\n    pattern: '^[A-Z]'\n    title: nom commercial\n",
        )

    verdict = compare(base, variant(edit, "1.1.0"))
    assert summary(verdict.changes) == [("slot-pattern", "lighting:LuminaireModel.model_name", Level.MAJOR)]


def test_downgrade_is_refused(base: ModuleVersion, variant: MakeVariant) -> None:
    verdict = compare(variant(same, "1.1.0"), base)
    assert verdict.downgrade and not verdict.acceptable
    assert "lower than" in verdict.summary("en")


def test_two_modules_cannot_be_compared(base: ModuleVersion) -> None:
    from registry.config import PROJECT_ROOT
    from registry.publish.compatibility import from_module

    waste = from_module(PROJECT_ROOT / "vocab" / "waste.yaml", PROJECT_ROOT / "shapes")
    with pytest.raises(InputError, match="different modules"):
        compare(base, waste)


@pytest.mark.parametrize(
    ("old", "new", "level"),
    [
        ("1.0.0", "1.0.0", Level.NONE),
        ("1.0.0", "1.0.1", Level.PATCH),
        ("1.0.3", "1.1.0", Level.MINOR),
        ("1.4.2", "2.0.0", Level.MAJOR),
        ("2.0.0", "1.9.9", Level.NONE),
    ],
)
def test_declared_bump(old: str, new: str, level: Level) -> None:
    assert declared_bump(old, new) is level


def test_context_terms_removed_or_remapped(base: ModuleVersion) -> None:
    terms = dict(base.context["@context"])
    del terms["luminous_flux"]
    terms["nominal_power"] = {"@id": "lighting:power", "@type": "xsd:double"}
    terms["extra_term"] = "lighting:extra_term"
    changed = dc_replace(base, context={"@context": terms})
    verdict = compare(base, changed)
    assert summary(verdict.changes) == [
        ("context-term-added", "context.jsonld#extra_term", Level.MINOR),
        ("context-term-remapped", "context.jsonld#nominal_power", Level.MAJOR),
        ("context-term-removed", "context.jsonld#luminous_flux", Level.MAJOR),
    ]


def test_a_verdict_reads_back_from_its_dictionary(base: ModuleVersion, variant: MakeVariant) -> None:
    def edit(text: str) -> str:
        return without_block(text, "      mercury_vapour:\n", "      other:\n")

    verdict = compare(base, variant(edit, "1.1.0"))
    assert verdict.offending, "a refused verdict, with its offending change"
    again = verdict_from_dict(verdict.to_dict())
    assert again == verdict
    assert [c.before for c in again.changes] == [c.before for c in verdict.changes]
