"""Column headers and JSON keys in the producer's words: slot names or their declared aliases."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

from linkml_runtime.linkml_model.meta import SlotDefinition

from registry.build.schema import DomainSchema
from registry.errors import InputError


def fold(text: str) -> str:
    """Case-, accent- and separator-insensitive form of a header (``Puissance nominale`` =
    ``puissance_nominale``)."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "_".join(bare.replace("-", " ").replace("_", " ").split())


@lru_cache(maxsize=512)
def header_index(schema: DomainSchema, class_name: str) -> dict[str, SlotDefinition]:
    """Every accepted spelling of a class's slots, folded, to its slot (names win over aliases)."""
    cls = schema.view.get_class(class_name)
    index: dict[str, SlotDefinition] = {}
    slots = [s for s in schema.class_slots(cls) if not s.designates_type]
    for slot in slots:
        for alias in slot.aliases or []:
            index.setdefault(fold(str(alias)), slot)
    for slot in slots:
        index[fold(str(slot.name))] = slot
    return index


def resolve_header(schema: DomainSchema, class_name: str, header: str) -> SlotDefinition | None:
    """The slot a column or key stands for, or ``None`` (an unknown column: one warning, never a
    violation)."""
    return header_index(schema, class_name).get(fold(header))


def resolve_column(schema: DomainSchema, class_name: str, header: str) -> tuple[str, SlotDefinition] | None:
    """A column of a (possibly denormalised) table: a slot of the row's class, else a slot of a class
    the row references (IRVE repeats the station's fields on each charging point's row)."""
    slot = resolve_header(schema, class_name, header)
    if slot is not None:
        return class_name, slot
    cls = schema.view.get_class(class_name)
    for reference in schema.class_slots(cls):
        if schema.is_reference(reference):
            target = str(reference.range)
            slot = resolve_header(schema, target, header)
            if slot is not None:
                return target, slot
    return None


def concrete_classes(schema: DomainSchema) -> list[str]:
    """The classes a record can be an instance of (neither abstract nor a mixin), by name."""
    return [str(c.name) for c in schema.classes() if not c.abstract and not c.mixin]


def infer_class(schema: DomainSchema, headers: list[str], *, understood: Callable[[str, str], bool]) -> str:
    """The one class every header belongs to (``understood(class, header)``), or an error asking for
    ``class=`` that lists the candidates."""
    named = [h for h in headers if h.strip()]
    matches = [c for c in concrete_classes(schema) if named and all(understood(c, h) for h in named)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        detail = f"its columns fit several classes of {schema.name} ({', '.join(sorted(matches))})"
    else:
        detail = f"its columns do not all belong to one class of {schema.name}"
    raise InputError(
        f"Cannot tell which kind of record the file holds: {detail}.",
        hint="Say it with class= (--class), e.g. class="
        + (sorted(matches)[0] if matches else concrete_classes(schema)[0])
        + ".",
    )
