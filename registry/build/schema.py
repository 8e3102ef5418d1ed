"""Loading a domain's LinkML module and reading it through one small, typed view."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from linkml_runtime.linkml_model.meta import (
    ClassDefinition,
    EnumDefinition,
    PermissibleValue,
    SlotDefinition,
)
from linkml_runtime.utils.schemaview import SchemaView

from registry.errors import NotFoundError, SchemaError

DOMAINS = ("core", "lighting", "waste", "water", "mobility")
"""Every module of the registry, core first."""

XSD = "http://www.w3.org/2001/XMLSchema#"
_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")


def annotation(element: Any, tag: str) -> str | None:
    """The value of an element's annotation ``tag``, or ``None``."""
    annotations = getattr(element, "annotations", None) or {}
    try:
        found = annotations[tag]
    except (KeyError, TypeError):
        return None
    value = getattr(found, "value", found)
    return None if value is None else str(value)


@dataclass(frozen=True)
class Bilingual:
    """French (the reference text) and English label and definition of one element."""

    label_fr: str
    label_en: str
    definition_fr: str
    definition_en: str


def bilingual(element: Any) -> Bilingual:
    """Read the registry's bilingual convention: ``title``/``description`` in French, English in
    ``annotations.label_en`` / ``annotations.definition_en``."""
    name = getattr(element, "name", None) or getattr(element, "text", "?")
    return Bilingual(
        label_fr=_norm(getattr(element, "title", None)) or str(name),
        label_en=_norm(annotation(element, "label_en")) or str(name),
        definition_fr=_norm(getattr(element, "description", None)) or "",
        definition_en=_norm(annotation(element, "definition_en")) or "",
    )


def _norm(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


class DomainSchema:
    """One LinkML module (with the modules it imports), read through SchemaView."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise NotFoundError(f"no LinkML module at {path}")
        self.path = path
        logging.getLogger("linkml_runtime").setLevel(logging.ERROR)
        try:
            self.view = SchemaView(str(path))
            _ = self.view.all_elements()
        except Exception as exc:  # LinkML raises many types on a broken module
            raise SchemaError(f"{path.name}: cannot load the LinkML module: {exc}") from exc
        if not _SEMVER.match(self.version):
            raise SchemaError(f"{path.name}: version {self.version!r} is not a semantic version")

    @classmethod
    def load(cls, vocab_dir: Path, domain: str) -> DomainSchema:
        """The module ``vocab_dir/<domain>.yaml``."""
        return cls(vocab_dir / f"{domain}.yaml")

    @property
    def name(self) -> str:
        return str(self.view.schema.name)

    @property
    def version(self) -> str:
        return str(self.view.schema.version or "")

    @property
    def status(self) -> str:
        return annotation(self.view.schema, "status") or "draft"

    @property
    def namespace(self) -> str:
        """The module's term namespace (``…/def/<domain>/``)."""
        return str(self.view.namespaces()[self.view.schema.default_prefix])

    @property
    def ontology_iri(self) -> str:
        return str(self.view.schema.id)

    @property
    def version_iri(self) -> str:
        return f"{self.ontology_iri}/{self.version}"

    @property
    def imports(self) -> list[str]:
        """Names of the registry modules this one imports (``linkml:types`` left out)."""
        return [i for i in (self.view.schema.imports or []) if ":" not in i]

    def imported_version(self, module: str) -> str:
        """The version of an imported registry module, as found beside this one."""
        return DomainSchema(self.path.parent / f"{module}.yaml").version

    @property
    def bilingual(self) -> Bilingual:
        schema = self.view.schema
        return Bilingual(
            label_fr=_norm(schema.title) or self.name,
            label_en=_norm(annotation(schema, "title_en")) or self.name,
            definition_fr=_norm(schema.description) or "",
            definition_en=_norm(annotation(schema, "description_en")) or "",
        )

    @cached_property
    def source_digest(self) -> str:
        """SHA-256 over this module's YAML and every registry module it imports."""
        digest = hashlib.sha256()
        for module in [*self.imports, self.name]:
            digest.update((self.path.parent / f"{module}.yaml").read_bytes())
        return digest.hexdigest()

    # --- elements -------------------------------------------------------------------------

    def own(self, element: Any) -> bool:
        """Whether ``element`` is defined in this module (not in an import)."""
        return bool(self.view.in_schema(element.name) == self.name)

    def classes(self, *, own_only: bool = False) -> list[ClassDefinition]:
        found = list(self.view.all_classes(imports=not own_only).values())
        return [c for c in found if not own_only or self.own(c)]

    def slots(self, *, own_only: bool = False) -> list[SlotDefinition]:
        found = list(self.view.all_slots(imports=not own_only).values())
        return [s for s in found if not own_only or self.own(s)]

    def enums(self, *, own_only: bool = False) -> list[EnumDefinition]:
        found = list(self.view.all_enums(imports=not own_only).values())
        return [e for e in found if not own_only or self.own(e)]

    def class_slots(self, cls: ClassDefinition) -> list[SlotDefinition]:
        """The slots of a class with inheritance and ``slot_usage`` applied."""
        return list(self.view.class_induced_slots(cls.name))

    def uri(self, element: Any) -> str:
        return str(self.view.get_uri(element, expand=True))

    def slot_uri(self, slot: SlotDefinition) -> str:
        return str(self.view.get_uri(self.view.get_slot(slot.name), expand=True))

    def expand(self, curie: str) -> str:
        return str(self.view.expand_curie(curie))

    def enum_value_uri(self, enum: EnumDefinition, code: str) -> str:
        """``{namespace}{Enum}/{code}``: where the value is published as a SKOS concept."""
        return f"{self.uri(enum)}/{code}"

    def permissible_values(self, enum: EnumDefinition) -> list[PermissibleValue]:
        return list((enum.permissible_values or {}).values())

    def is_class(self, name: str | None) -> bool:
        return bool(name) and name in self.view.all_classes()

    def is_enum(self, name: str | None) -> bool:
        return bool(name) and name in self.view.all_enums()

    def datatype_iri(self, slot: SlotDefinition) -> str | None:
        """The XSD (or other) datatype IRI of a slot whose range is a type, else ``None``."""
        if self.is_class(slot.range):
            return None
        if not slot.range or self.is_enum(slot.range):
            return f"{XSD}string"
        type_def = self.view.induced_type(slot.range)
        return self.expand(str(type_def.uri))

    def is_reference(self, slot: SlotDefinition) -> bool:
        """A class-valued slot written as the referenced record's identifier."""
        return self.is_class(slot.range) and not slot.inlined and not slot.inlined_as_list

    def is_inlined_object(self, slot: SlotDefinition) -> bool:
        return self.is_class(slot.range) and bool(slot.inlined or slot.inlined_as_list)

    def class_of_slot_owner(self, slot_name: str) -> list[ClassDefinition]:
        """The concrete or abstract classes that use a slot (directly or by inheritance)."""
        return [c for c in self.classes() if slot_name in self.view.class_slots(c.name)]


def load_domains(vocab_dir: Path) -> dict[str, DomainSchema]:
    """Every registry module in ``vocab_dir``, by name, core first."""
    found = {p.stem for p in vocab_dir.glob("*.yaml")}
    ordered = [d for d in DOMAINS if d in found] + sorted(found - set(DOMAINS))
    return {name: DomainSchema.load(vocab_dir, name) for name in ordered}
