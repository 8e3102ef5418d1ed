"""The human documentation of a module, as Markdown (French and English side by side)."""

from __future__ import annotations

from linkml_runtime.linkml_model.meta import SlotDefinition

from registry.build.schema import DomainSchema, annotation, bilingual


def _cardinality(slot: SlotDefinition) -> str:
    low = "1" if slot.required else "0"
    high = "*" if slot.multivalued else "1"
    return f"{low}..{high}"


def _unit(slot: SlotDefinition) -> str:
    unit = getattr(slot, "unit", None)
    if unit is not None and getattr(unit, "ucum_code", None):
        return f"`{unit.ucum_code}`"
    return annotation(slot, "unit") or ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def documentation_markdown(schema: DomainSchema) -> str:
    """The module's documentation: classes with their slots, then code lists."""
    texts = schema.bilingual
    lines = [
        f"# {texts.label_fr} / {texts.label_en}",
        "",
        f"Version {schema.version} — status `{schema.status}` — namespace `{schema.namespace}`",
        "",
        texts.definition_fr,
        "",
        f"*{texts.definition_en}*",
        "",
        "## Classes",
        "",
    ]
    for cls in schema.classes(own_only=True):
        ct = bilingual(cls)
        parent = f" (sous-classe de / subclass of `{cls.is_a}`)" if cls.is_a else ""
        lines += [
            f"### {cls.name}{parent}",
            "",
            f"`{schema.uri(cls)}`",
            "",
            f"**{ct.label_fr}** — {ct.definition_fr}",
            "",
            f"**{ct.label_en}** — *{ct.definition_en}*",
            "",
            "| slot | libellé / label | type | card. | unité / unit | alias |",
            "|---|---|---|---|---|---|",
        ]
        for slot in schema.class_slots(cls):
            if slot.designates_type:
                continue
            st = bilingual(slot)
            aliases = ", ".join(f"`{a}`" for a in slot.aliases or [])
            lines.append(
                f"| `{slot.name}` | {_cell(st.label_fr)} / {_cell(st.label_en)} | "
                f"`{slot.range}` | {_cardinality(slot)} | {_cell(_unit(slot))} | {aliases} |"
            )
        lines.append("")
    enums = schema.enums(own_only=True)
    if enums:
        lines += ["## Listes de codes / Code lists", ""]
    for enum in enums:
        et = bilingual(enum)
        lines += [
            f"### {enum.name}",
            "",
            f"`{schema.uri(enum)}` — **{et.label_fr}** / **{et.label_en}**",
            "",
            "| code | libellé | label | alias |",
            "|---|---|---|---|",
        ]
        for value in schema.permissible_values(enum):
            vt = bilingual(value)
            aliases = ", ".join(f"`{a}`" for a in value.aliases or [])
            lines.append(
                f"| `{value.text}` | {_cell(vt.label_fr)} | {_cell(vt.label_en)} | {aliases} |"
            )
        lines.append("")
    return "\n".join(lines)
