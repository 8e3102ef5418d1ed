"""CSV templates: one header row per concrete class, as a French spreadsheet opens it."""

from __future__ import annotations

from linkml_runtime.linkml_model.meta import ClassDefinition

from registry.build.schema import DomainSchema


def template_columns(schema: DomainSchema, cls: ClassDefinition) -> list[str]:
    """The columns of a class: required slots first, then the others, in schema order."""
    slots = [s for s in schema.class_slots(cls) if not s.designates_type]
    slots = [s for s in slots if not schema.is_inlined_object(s)]
    required = [str(s.name) for s in slots if s.required]
    optional = [str(s.name) for s in slots if not s.required]
    return required + optional


def csv_template(schema: DomainSchema, cls: ClassDefinition) -> str:
    """``;``-separated header line (UTF-8 with BOM is added when the file is written)."""
    return ";".join(template_columns(schema, cls)) + "\r\n"


def template_classes(schema: DomainSchema) -> list[ClassDefinition]:
    """The module's own concrete classes (templates are per class of the domain)."""
    return [c for c in schema.classes(own_only=True) if not c.abstract]
