"""Differences between the LinkML elements of two versions of a module.

Classes, enumerations and their values, and slots *as induced per class* (inheritance and
``slot_usage`` applied): the same difference found in several classes is one change that names them.
Each change also says which generated shapes (``shape:``/``shapes-under:`` IRIs) and JSON-LD context
terms (``term:``) it explains, so that their own differences are not reported a second time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from registry.build.schema import DomainSchema, annotation, bilingual
from registry.publish.compatibility.model import Change, Level

MAPPINGS = ("exact_mappings", "close_mappings", "related_mappings", "narrow_mappings", "broad_mappings")


def element_changes(old: DomainSchema, new: DomainSchema) -> list[Change]:
    """Every difference between the elements of ``old`` and ``new`` (imports included)."""
    return [
        *_module(old, new),
        *_classes(old, new),
        *_enums(old, new),
        *_induced_slots(old, new),
    ]


# --- names -----------------------------------------------------------------------------------


def curie(schema: DomainSchema, name: str) -> str:
    """``lighting:Streetlight``: the element's name prefixed with the module that defines it."""
    try:
        module = schema.view.in_schema(name)
    except Exception:  # an element LinkML cannot place: take the module itself
        module = schema.name
    return f"{module}:{name}"


def node_shape_iri(schema: DomainSchema, class_name: str) -> str:
    """The generated node shape of a class (``{namespace}shapes/{Class}``, as the build names it)."""
    cls = schema.view.get_class(class_name)
    return schema.uri(cls).rsplit("/", 1)[0] + "/shapes/" + class_name


def _slot_shapes(schema: DomainSchema, class_name: str, slot: str) -> set[str]:
    node = node_shape_iri(schema, class_name)
    return {f"shape:{node}/{slot}", f"shape:{node}/{slot}/recommended", f"shape:{node}/{slot}/described"}


def _class_covers(schema: DomainSchema, class_name: str) -> set[str]:
    node = node_shape_iri(schema, class_name)
    covers = {f"shape:{node}", f"shapes-under:{node}", f"term:{class_name}"}
    for slot in schema.class_slots(schema.view.get_class(class_name)):
        covers.add(f"term:{slot.name}")
    return covers


def _q(value: object) -> str:
    return f"« {value} »"


def _e(value: object) -> str:
    return f"'{value}'"


def _join(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


# --- wording, aliases, mappings (shared by every kind of element) ----------------------------

_TEXTS = (
    ("label_fr", "label", "le libellé français", "the French label"),
    ("label_en", "label", "le libellé anglais", "the English label"),
    ("definition_fr", "definition", "la définition française", "the French definition"),
    ("definition_en", "definition", "la définition anglaise", "the English definition"),
)


def _wording(prefix: str, element: str, old: Any, new: Any, covers: set[str]) -> list[Change]:
    before, after = bilingual(old), bilingual(new)
    out: list[Change] = []
    for attr, what, fr, en in _TEXTS:
        a, b = getattr(before, attr), getattr(after, attr)
        if a == b:
            continue
        out.append(
            Change(
                kind=f"{prefix}-{what}",
                element=element,
                level=Level.PATCH,
                message_fr=f"{element} : {fr} change (rédaction seulement, sans effet sur les données).",
                message_en=f"{element}: {en} changed (wording only, no effect on data).",
                before=a or None,
                after=b or None,
                covers=frozenset(covers),
            )
        )
    return out


def _aliases(
    prefix: str, element: str, old: Any, new: Any, *, breaking: bool, use: tuple[str, str]
) -> list[Change]:
    """Aliases added (patch) and removed (major when producers' data uses them: ``breaking``)."""
    a, b = set(map(str, old.aliases or [])), set(map(str, new.aliases or []))
    out: list[Change] = []
    if b - a:
        out.append(
            Change(
                kind=f"{prefix}-aliases",
                element=element,
                level=Level.PATCH,
                message_fr=f"{element} : nouveaux synonymes {_join(map(_q, b - a))}.",
                message_en=f"{element}: new aliases {_join(map(_e, b - a))}.",
                before=_join(a) or None,
                after=_join(b) or None,
            )
        )
    if a - b:
        removed_fr, removed_en = _join(map(_q, a - b)), _join(map(_e, a - b))
        if breaking:
            fr = f"{element} : les synonymes {removed_fr} sont retirés : {use[0]}"
            en = f"{element}: the aliases {removed_en} were removed: {use[1]}"
        else:
            fr = f"{element} : les synonymes {removed_fr} sont retirés (sans effet sur les données)."
            en = f"{element}: the aliases {removed_en} were removed (no effect on data)."
        out.append(
            Change(
                kind=f"{prefix}-aliases",
                element=element,
                level=Level.MAJOR if breaking else Level.PATCH,
                message_fr=fr,
                message_en=en,
                before=_join(a) or None,
                after=_join(b) or None,
            )
        )
    return out


def _mapping_set(element: Any) -> set[str]:
    found: set[str] = set()
    for attr in MAPPINGS:
        for value in getattr(element, attr, None) or []:
            found.add(f"{attr.removesuffix('_mappings')}:{value}")
    meaning = getattr(element, "meaning", None)
    if meaning:
        found.add(f"meaning:{meaning}")
    return found


def _mappings(prefix: str, element: str, old: Any, new: Any) -> list[Change]:
    a, b = _mapping_set(old), _mapping_set(new)
    if a == b:
        return []
    parts_fr, parts_en = [], []
    if b - a:
        parts_fr.append(f"ajoutées : {_join(b - a)}")
        parts_en.append(f"added: {_join(b - a)}")
    if a - b:
        parts_fr.append(f"retirées : {_join(a - b)}")
        parts_en.append(f"removed: {_join(a - b)}")
    return [
        Change(
            kind=f"{prefix}-mappings",
            element=element,
            level=Level.PATCH,
            message_fr=(
                f"{element} : correspondances avec d'autres standards modifiées ({'; '.join(parts_fr)})."
            ),
            message_en=f"{element}: mappings to other standards changed ({'; '.join(parts_en)}).",
            before=_join(a) or None,
            after=_join(b) or None,
        )
    ]


# --- the module itself -----------------------------------------------------------------------


def _module(old: DomainSchema, new: DomainSchema) -> list[Change]:
    out: list[Change] = []
    name = new.name
    if old.namespace != new.namespace:
        out.append(
            Change(
                kind="module-iri",
                element=name,
                level=Level.MAJOR,
                message_fr=(
                    f"{name} : l'espace de noms passe de {old.namespace} à {new.namespace} : "
                    "toutes les IRI des termes changent."
                ),
                message_en=(
                    f"{name}: the namespace changed from {old.namespace} to {new.namespace}: "
                    "every term's IRI changes."
                ),
                before=old.namespace,
                after=new.namespace,
                covers=frozenset({f"term:{name}"}),
            )
        )
    a, b = old.bilingual, new.bilingual
    for attr, what, fr, en in _TEXTS:
        if getattr(a, attr) != getattr(b, attr):
            out.append(
                Change(
                    kind=f"module-{what}",
                    element=name,
                    level=Level.PATCH,
                    message_fr=f"{name} : {fr} du module change (rédaction seulement).",
                    message_en=f"{name}: {en} of the module changed (wording only).",
                    before=getattr(a, attr) or None,
                    after=getattr(b, attr) or None,
                )
            )
    return out


# --- classes ---------------------------------------------------------------------------------


def _classes(old: DomainSchema, new: DomainSchema) -> list[Change]:
    before = {str(c.name): c for c in old.classes()}
    after = {str(c.name): c for c in new.classes()}
    out: list[Change] = []
    for name in sorted(before.keys() - after.keys()):
        element = curie(old, name)
        out.append(
            Change(
                kind="class-removed",
                element=element,
                level=Level.MAJOR,
                message_fr=(
                    f"La classe {element} est supprimée : ses enregistrements ne seront plus "
                    "reconnus ni vérifiés."
                ),
                message_en=(
                    f"Class {element} was removed: its records will no longer be recognised or checked."
                ),
                before=name,
                covers=frozenset(_class_covers(old, name)),
            )
        )
    for name in sorted(after.keys() - before.keys()):
        element = curie(new, name)
        out.append(
            Change(
                kind="class-added",
                element=element,
                level=Level.MINOR,
                message_fr=f"Nouvelle classe {element} : les données existantes restent valides.",
                message_en=f"New class {element}: existing data stays valid.",
                after=name,
                covers=frozenset(_class_covers(new, name)),
            )
        )
    for name in sorted(before.keys() & after.keys()):
        out.extend(_class(old, new, before[name], after[name]))
    return out


def _class(old: DomainSchema, new: DomainSchema, a: Any, b: Any) -> list[Change]:
    name = str(b.name)
    element = curie(new, name)
    node = node_shape_iri(new, name)
    out: list[Change] = []
    old_uri, new_uri = old.uri(a), new.uri(b)
    if old_uri != new_uri:
        out.append(
            Change(
                kind="class-iri",
                element=element,
                level=Level.MAJOR,
                message_fr=(
                    f"{element} : l'IRI de la classe passe de {old_uri} à {new_uri} : les données "
                    "typées avec l'ancienne IRI ne seront plus reconnues."
                ),
                message_en=(
                    f"{element}: the class IRI changed from {old_uri} to {new_uri}: data typed with "
                    "the old IRI will no longer be recognised."
                ),
                before=old_uri,
                after=new_uri,
                covers=frozenset(_class_covers(old, name) | _class_covers(new, name)),
            )
        )
    if bool(a.abstract) != bool(b.abstract):
        if b.abstract:
            level, fr, en = (
                Level.MAJOR,
                f"{element} devient abstraite : ses enregistrements ne seront plus acceptés tels quels.",
                f"{element} became abstract: its records will no longer be accepted as they are.",
            )
        else:
            level, fr, en = (
                Level.MINOR,
                f"{element} n'est plus abstraite : on peut désormais en décrire des enregistrements.",
                f"{element} is no longer abstract: records of it can now be described.",
            )
        out.append(
            Change(
                kind="class-abstract",
                element=element,
                level=level,
                message_fr=fr,
                message_en=en,
                before=str(bool(a.abstract)).lower(),
                after=str(bool(b.abstract)).lower(),
                covers=frozenset({f"shape:{node}", f"shapes-under:{node}"}),
            )
        )
    parents_a = [str(a.is_a or ""), *sorted(map(str, a.mixins or []))]
    parents_b = [str(b.is_a or ""), *sorted(map(str, b.mixins or []))]
    if parents_a != parents_b:
        show_a = " + ".join(p for p in parents_a if p) or "—"
        show_b = " + ".join(p for p in parents_b if p) or "—"
        out.append(
            Change(
                kind="class-parent",
                element=element,
                level=Level.MINOR,
                message_fr=(
                    f"{element} : la classe parente passe de {show_a} à {show_b} (les emplacements "
                    "hérités qui changent sont listés à part)."
                ),
                message_en=(
                    f"{element}: its parent class changed from {show_a} to {show_b} (inherited slots "
                    "that change are listed separately)."
                ),
                before=show_a,
                after=show_b,
            )
        )
    described = {
        f"shape:{node_shape_iri(new, str(c.name))}/{s.name}/described"
        for c in new.classes()
        if not c.abstract
        for s in new.class_slots(c)
        if s.range == name
    }
    out.extend(_wording("class", element, a, b, {f"shape:{node}", *described}))
    out.extend(_aliases("class", element, a, b, breaking=False, use=("", "")))
    out.extend(_mappings("class", element, a, b))
    return out


# --- enumerations ----------------------------------------------------------------------------


def _enum_users(schema: DomainSchema) -> dict[str, set[str]]:
    """Enumeration name → the generated property shapes whose slot takes it as range."""
    users: dict[str, set[str]] = defaultdict(set)
    for cls in schema.classes():
        if cls.abstract:
            continue
        for slot in schema.class_slots(cls):
            if slot.range and schema.is_enum(slot.range):
                users[str(slot.range)] |= _slot_shapes(schema, str(cls.name), str(slot.name))
    return users


def _enums(old: DomainSchema, new: DomainSchema) -> list[Change]:
    before = {str(e.name): e for e in old.enums()}
    after = {str(e.name): e for e in new.enums()}
    users_old, users_new = _enum_users(old), _enum_users(new)
    out: list[Change] = []
    for name in sorted(before.keys() - after.keys()):
        element = curie(old, name)
        out.append(
            Change(
                kind="enum-removed",
                element=element,
                level=Level.MAJOR,
                message_fr=(
                    f"L'énumération {element} est supprimée : les données qui emploient ses valeurs ne "
                    "seront plus valides."
                ),
                message_en=(
                    f"Enumeration {element} was removed: data using its values will no longer validate."
                ),
                before=name,
                covers=frozenset(users_old[name] | users_new[name]),
            )
        )
    for name in sorted(after.keys() - before.keys()):
        element = curie(new, name)
        out.append(
            Change(
                kind="enum-added",
                element=element,
                level=Level.MINOR,
                message_fr=f"Nouvelle énumération {element} : les données existantes restent valides.",
                message_en=f"New enumeration {element}: existing data stays valid.",
                after=name,
                covers=frozenset(users_new[name]),
            )
        )
    for name in sorted(before.keys() & after.keys()):
        covers = users_old[name] | users_new[name]
        out.extend(_enum(old, new, before[name], after[name], covers))
    return out


def _enum(old: DomainSchema, new: DomainSchema, a: Any, b: Any, covers: set[str]) -> list[Change]:
    name = str(b.name)
    element = curie(new, name)
    out: list[Change] = []
    old_uri, new_uri = old.uri(a), new.uri(b)
    if old_uri != new_uri:
        out.append(
            Change(
                kind="enum-iri",
                element=element,
                level=Level.MAJOR,
                message_fr=(
                    f"{element} : l'IRI de l'énumération passe de {old_uri} à {new_uri} : les IRI de ses "
                    "valeurs changent."
                ),
                message_en=(
                    f"{element}: the enumeration's IRI changed from {old_uri} to {new_uri}: its values' "
                    "IRIs change."
                ),
                before=old_uri,
                after=new_uri,
            )
        )
    out.extend(_wording("enum", element, a, b, set()))
    out.extend(_aliases("enum", element, a, b, breaking=False, use=("", "")))
    out.extend(_mappings("enum", element, a, b))
    values_a = {str(v.text): v for v in old.permissible_values(a)}
    values_b = {str(v.text): v for v in new.permissible_values(b)}
    for code in sorted(values_a.keys() - values_b.keys()):
        out.append(
            Change(
                kind="enum-value-removed",
                element=f"{element}/{code}",
                level=Level.MAJOR,
                message_fr=(
                    f"{element} perd la valeur {_q(code)} : les données qui l'emploient ne seront plus "
                    "valides."
                ),
                message_en=f"{element} lost the value {_e(code)}: data using it will no longer validate.",
                before=code,
                covers=frozenset(covers),
            )
        )
    for code in sorted(values_b.keys() - values_a.keys()):
        out.append(
            Change(
                kind="enum-value-added",
                element=f"{element}/{code}",
                level=Level.MINOR,
                message_fr=f"{element} gagne la valeur {_q(code)} : les données existantes restent valides.",
                message_en=f"{element} gained the value {_e(code)}: existing data stays valid.",
                after=code,
                covers=frozenset(covers),
            )
        )
    for code in sorted(values_a.keys() & values_b.keys()):
        value_element = f"{element}/{code}"
        va, vb = values_a[code], values_b[code]
        out.extend(_wording("enum-value", value_element, va, vb, covers))
        out.extend(
            _aliases(
                "enum-value",
                value_element,
                va,
                vb,
                breaking=True,
                use=(
                    "les données qui les écrivent ne seront plus reconnues comme cette valeur.",
                    "data writing them will no longer be read as this value.",
                ),
            )
        )
        out.extend(_mappings("enum-value", value_element, va, vb))
    return out


# --- slots, as induced in each class -----------------------------------------------------------


@dataclass(frozen=True)
class _Delta:
    """One difference of one slot, before it is grouped across the classes that show it."""

    kind: str
    slot: str
    level: Level
    before: str | None
    after: str | None
    fr: str  # "{el}" stands for the element
    en: str


def _induced_slots(old: DomainSchema, new: DomainSchema) -> list[Change]:
    classes_a = {str(c.name): c for c in old.classes()}
    classes_b = {str(c.name): c for c in new.classes()}
    groups: dict[_Delta, list[str]] = defaultdict(list)
    for name in sorted(classes_a.keys() & classes_b.keys()):
        ca, cb = classes_a[name], classes_b[name]
        if ca.abstract and cb.abstract:
            continue
        slots_a = {str(s.name): s for s in old.class_slots(ca)}
        slots_b = {str(s.name): s for s in new.class_slots(cb)}
        for slot in sorted(slots_a.keys() | slots_b.keys()):
            for delta in _slot_deltas(old, new, slot, slots_a.get(slot), slots_b.get(slot)):
                groups[delta].append(name)
    out: list[Change] = []
    for delta, class_names in groups.items():
        covers = {f"term:{delta.slot}"}
        for name in class_names:
            covers |= _slot_shapes(new, name, delta.slot) | _slot_shapes(old, name, delta.slot)
        slot_schema = new if delta.slot in new.view.all_slots() else old
        if len(class_names) == 1:
            class_curie = curie(new, class_names[0])
            element = f"{class_curie}.{delta.slot}"
            text_fr = text_en = element
        else:
            element = curie(slot_schema, delta.slot)
            where = ", ".join(sorted(curie(new, n) for n in class_names))
            text_fr, text_en = f"{element} (dans {where})", f"{element} (in {where})"
        out.append(
            Change(
                kind=delta.kind,
                element=element,
                level=delta.level,
                message_fr=delta.fr.replace("{el}", text_fr),
                message_en=delta.en.replace("{el}", text_en),
                before=delta.before,
                after=delta.after,
                covers=frozenset(covers),
            )
        )
    return out


def _text(value: Any) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _slot_deltas(
    old: DomainSchema, new: DomainSchema, name: str, a: Any | None, b: Any | None
) -> list[_Delta]:
    if a is None and b is None:
        return []
    if b is None:
        return [
            _Delta(
                "slot-removed",
                name,
                Level.MAJOR,
                name,
                None,
                (
                    "{el} : l'emplacement est retiré : les valeurs données pour lui seront ignorées ou "
                    "signalées comme inconnues."
                ),
                "{el}: the slot was removed: values given for it will be ignored or reported as unknown.",
            )
        ]
    if a is None:
        if b.required:
            return [
                _Delta(
                    "slot-added",
                    name,
                    Level.MAJOR,
                    None,
                    "required",
                    (
                        "{el} : nouvel emplacement obligatoire : les enregistrements qui ne le donnent pas "
                        "ne seront plus valides."
                    ),
                    "{el}: new required slot: records without it will no longer validate.",
                )
            ]
        return [
            _Delta(
                "slot-added",
                name,
                Level.MINOR,
                None,
                "optional",
                "{el} : nouvel emplacement facultatif : les données existantes restent valides.",
                "{el}: new optional slot: existing data stays valid.",
            )
        ]
    out: list[_Delta] = []
    out.extend(_identity(old, new, name, a, b))
    out.extend(_range(old, new, name, a, b))
    out.extend(_flags(name, a, b))
    out.extend(_bounds(name, a, b))
    out.extend(_pattern_and_fixed(name, a, b))
    out.extend(_units(name, a, b))
    out.extend(_slot_texts(name, a, b))
    return out


_BREAKS = (
    "les données valides jusqu'ici peuvent ne plus l'être.",
    "data that was valid may no longer validate.",
)
_KEEPS = ("les données valides le restent.", "valid data stays valid.")


def _identity(old: DomainSchema, new: DomainSchema, name: str, a: Any, b: Any) -> list[_Delta]:
    out: list[_Delta] = []
    uri_a, uri_b = old.slot_uri(a), new.slot_uri(b)
    if uri_a != uri_b:
        out.append(
            _Delta(
                "slot-iri",
                name,
                Level.MAJOR,
                uri_a,
                uri_b,
                (
                    f"{{el}} : l'IRI de la propriété passe de {uri_a} à {uri_b} : les données écrites avec "
                    "l'ancienne IRI ne seront plus reconnues."
                ),
                (
                    f"{{el}}: the property IRI changed from {uri_a} to {uri_b}: data written with the old "
                    "IRI will no longer be recognised."
                ),
            )
        )
    for attr, fr, en in (
        ("identifier", "identifiant", "identifier"),
        ("key", "clé", "key"),
        ("designates_type", "désignation du type", "type designator"),
    ):
        if bool(getattr(a, attr, None)) != bool(getattr(b, attr, None)):
            before, after = _text(bool(getattr(a, attr, None))), _text(bool(getattr(b, attr, None)))
            out.append(
                _Delta(
                    f"slot-{attr.replace('_', '-')}",
                    name,
                    Level.MAJOR,
                    before,
                    after,
                    (
                        f"{{el}} : son rôle d'{fr} change ({before} → {after}) : la manière d'écrire les "
                        "données change."
                    ),
                    (
                        f"{{el}}: its role as {en} changed ({before} → {after}): the way data is written "
                        "changes."
                    ),
                )
            )
    inl_a = (bool(a.inlined), bool(a.inlined_as_list))
    inl_b = (bool(b.inlined), bool(b.inlined_as_list))
    if inl_a != inl_b and (old.is_class(a.range) or new.is_class(b.range)):
        before = "inlined" if any(inl_a) else "reference"
        after = "inlined" if any(inl_b) else "reference"
        if before != after:
            out.append(
                _Delta(
                    "slot-inlined",
                    name,
                    Level.MAJOR,
                    before,
                    after,
                    (
                        f"{{el}} : s'écrit désormais en "
                        f"{'objet imbriqué' if after == 'inlined' else 'référence'} : {_BREAKS[0]}"
                    ),
                    (
                        f"{{el}}: is now written as "
                        f"{'a nested object' if after == 'inlined' else 'a reference'}: {_BREAKS[1]}"
                    ),
                )
            )
    return out


def _range(old: DomainSchema, new: DomainSchema, name: str, a: Any, b: Any) -> list[_Delta]:
    range_a, range_b = str(a.range or ""), str(b.range or "")
    out: list[_Delta] = []
    if range_a != range_b:
        level = Level.MAJOR
        if old.is_enum(range_a) and new.is_enum(range_b):
            codes_a = {str(v.text) for v in old.permissible_values(old.view.get_enum(range_a))}
            codes_b = {str(v.text) for v in new.permissible_values(new.view.get_enum(range_b))}
            if codes_a <= codes_b:
                level = Level.MINOR
        elif (
            old.is_class(range_a)
            and new.is_class(range_b)
            and new.is_class(range_a)
            and range_b in new.view.class_ancestors(range_a)
        ):
            level = Level.MINOR
        consequence = _KEEPS if level is Level.MINOR else _BREAKS
        out.append(
            _Delta(
                "slot-range",
                name,
                level,
                range_a or None,
                range_b or None,
                f"{{el}} : le type de valeur passe de {range_a or '—'} à {range_b or '—'} : {consequence[0]}",
                f"{{el}}: its range changed from {range_a or '—'} to {range_b or '—'}: {consequence[1]}",
            )
        )
    else:
        dt_a, dt_b = old.datatype_iri(a), new.datatype_iri(b)
        if dt_a != dt_b:
            out.append(
                _Delta(
                    "slot-datatype",
                    name,
                    Level.MAJOR,
                    dt_a,
                    dt_b,
                    f"{{el}} : le type de données passe de {dt_a} à {dt_b} : {_BREAKS[0]}",
                    f"{{el}}: its datatype changed from {dt_a} to {dt_b}: {_BREAKS[1]}",
                )
            )
    any_a = _any_of(a)
    any_b = _any_of(b)
    if any_a != any_b:
        level = Level.MINOR if not any_b else Level.MAJOR
        consequence = _KEEPS if level is Level.MINOR else _BREAKS
        out.append(
            _Delta(
                "slot-any-of",
                name,
                level,
                any_a,
                any_b,
                f"{{el}} : les valeurs possibles (any_of) changent : {consequence[0]}",
                f"{{el}}: its alternatives (any_of) changed: {consequence[1]}",
            )
        )
    return out


def _any_of(slot: Any) -> str | None:
    parts = []
    for expression in slot.any_of or []:
        fields = {
            key: value
            for key, value in sorted(vars(expression).items())
            if value not in (None, [], {}, "") and not key.startswith("_")
        }
        parts.append(repr(fields))
    return " | ".join(parts) or None


def _flags(name: str, a: Any, b: Any) -> list[_Delta]:
    out: list[_Delta] = []
    if bool(a.required) != bool(b.required):
        if b.required:
            out.append(
                _Delta(
                    "slot-required",
                    name,
                    Level.MAJOR,
                    "false",
                    "true",
                    (
                        "{el} devient obligatoire : les enregistrements qui ne le donnent pas ne seront "
                        "plus valides."
                    ),
                    "{el} became required: records without it will no longer validate.",
                )
            )
        else:
            out.append(
                _Delta(
                    "slot-required",
                    name,
                    Level.MINOR,
                    "true",
                    "false",
                    f"{{el}} devient facultatif : {_KEEPS[0]}",
                    f"{{el}} became optional: {_KEEPS[1]}",
                )
            )
    if bool(a.recommended) != bool(b.recommended):
        now = bool(b.recommended)
        out.append(
            _Delta(
                "slot-recommended",
                name,
                Level.MINOR,
                _text(bool(a.recommended)),
                _text(now),
                (
                    (
                        "{el} devient recommandé : son absence donnera un avertissement, les données "
                        "restent valides."
                    )
                    if now
                    else f"{{el}} n'est plus recommandé : plus d'avertissement quand il manque ; {_KEEPS[0]}"
                ),
                (
                    "{el} became recommended: its absence will draw a warning; data stays valid."
                    if now
                    else f"{{el}} is no longer recommended: no warning when missing; {_KEEPS[1]}"
                ),
            )
        )
    if bool(a.multivalued) != bool(b.multivalued):
        if b.multivalued:
            out.append(
                _Delta(
                    "slot-multivalued",
                    name,
                    Level.MINOR,
                    "false",
                    "true",
                    f"{{el}} accepte désormais plusieurs valeurs : {_KEEPS[0]}",
                    f"{{el}} now accepts several values: {_KEEPS[1]}",
                )
            )
        else:
            out.append(
                _Delta(
                    "slot-multivalued",
                    name,
                    Level.MAJOR,
                    "true",
                    "false",
                    (
                        "{el} n'accepte plus qu'une valeur : les enregistrements qui en donnent plusieurs "
                        "ne seront plus valides."
                    ),
                    "{el} now accepts a single value: records giving several will no longer validate.",
                )
            )
    return out


def _bounds(name: str, a: Any, b: Any) -> list[_Delta]:
    out: list[_Delta] = []
    for attr, kind, lower_bound, fr, en in (
        ("minimum_value", "slot-minimum", True, "le minimum", "the minimum"),
        ("maximum_value", "slot-maximum", False, "le maximum", "the maximum"),
        (
            "minimum_cardinality",
            "slot-min-cardinality",
            True,
            "le nombre minimal de valeurs",
            "the minimum number of values",
        ),
        (
            "maximum_cardinality",
            "slot-max-cardinality",
            False,
            "le nombre maximal de valeurs",
            "the maximum number of values",
        ),
    ):
        va, vb = getattr(a, attr, None), getattr(b, attr, None)
        na, nb = _number(va), _number(vb)
        if na == nb:
            continue
        ta, tb = _text(va), _text(vb)
        if na is None:
            stricter = True
            fr_what, en_what = f"nouveau {fr.removeprefix('le ')} {tb}", f"new {en.removeprefix('the ')} {tb}"
        elif nb is None:
            stricter = False
            fr_what, en_what = f"{fr} ({ta}) est retiré", f"{en} ({ta}) was removed"
        else:
            stricter = nb > na if lower_bound else nb < na
            verb_fr = "monte" if nb > na else "baisse"
            verb_en = "went up" if nb > na else "went down"
            fr_what, en_what = f"{fr} {verb_fr} de {ta} à {tb}", f"{en} {verb_en} from {ta} to {tb}"
        if stricter:
            if nb is not None and attr in ("minimum_value", "maximum_value"):
                side_fr = "en dessous" if lower_bound else "au-dessus"
                side_en = "below" if lower_bound else "above"
                fr_end = f"les valeurs {side_fr} de {tb} ne seront plus valides."
                en_end = f"values {side_en} {tb} will no longer validate."
            else:
                fr_end, en_end = _BREAKS
            level = Level.MAJOR
        else:
            fr_end, en_end = _KEEPS
            level = Level.MINOR
        out.append(
            _Delta(
                kind, name, level, ta, tb, f"{{el}} : {fr_what} : {fr_end}", f"{{el}}: {en_what}: {en_end}"
            )
        )
    return out


def _pattern_and_fixed(name: str, a: Any, b: Any) -> list[_Delta]:
    out: list[_Delta] = []
    for attr, kind, fr, en in (
        ("pattern", "slot-pattern", "le motif", "the pattern"),
        ("equals_string", "slot-fixed-value", "la valeur imposée", "the fixed value"),
        ("equals_number", "slot-fixed-value", "la valeur imposée", "the fixed value"),
    ):
        ta, tb = _text(getattr(a, attr, None)), _text(getattr(b, attr, None))
        if ta == tb:
            continue
        if tb is None:
            out.append(
                _Delta(
                    kind,
                    name,
                    Level.MINOR,
                    ta,
                    None,
                    f"{{el}} : {fr} {_q(ta)} est retiré : {_KEEPS[0]}",
                    f"{{el}}: {en} {_e(ta)} was removed: {_KEEPS[1]}",
                )
            )
        elif ta is None:
            out.append(
                _Delta(
                    kind,
                    name,
                    Level.MAJOR,
                    None,
                    tb,
                    f"{{el}} : nouveau {fr.split(' ', 1)[1]} {_q(tb)} : {_BREAKS[0]}",
                    f"{{el}}: new {en.split(' ', 1)[1]} {_e(tb)}: {_BREAKS[1]}",
                )
            )
        else:
            out.append(
                _Delta(
                    kind,
                    name,
                    Level.MAJOR,
                    ta,
                    tb,
                    f"{{el}} : {fr} passe de {_q(ta)} à {_q(tb)} : {_BREAKS[0]}",
                    f"{{el}}: {en} changed from {_e(ta)} to {_e(tb)}: {_BREAKS[1]}",
                )
            )
    return out


def _ucum(slot: Any) -> str | None:
    unit = getattr(slot, "unit", None)
    code = getattr(unit, "ucum_code", None) if unit is not None else None
    return str(code) if code else None


def _units(name: str, a: Any, b: Any) -> list[_Delta]:
    out: list[_Delta] = []
    ua, ub = _ucum(a), _ucum(b)
    if ua != ub:
        show_a, show_b = ua or "—", ub or "—"
        out.append(
            _Delta(
                "slot-unit",
                name,
                Level.MAJOR,
                ua,
                ub,
                f"{{el}} : l'unité passe de {show_a} à {show_b} : les valeurs existantes changent de sens.",
                f"{{el}}: its unit changed from {show_a} to {show_b}: existing values change meaning.",
            )
        )
    for tag, kind, fr, en in (
        ("unece_code", "slot-unece-code", "le code UN/CEFACT de l'unité", "the unit's UN/CEFACT code"),
        ("unit", "slot-unit-note", "la note sur l'unité", "the note on the unit"),
    ):
        ta, tb = annotation(a, tag), annotation(b, tag)
        if ta != tb:
            out.append(
                _Delta(
                    kind,
                    name,
                    Level.PATCH,
                    ta,
                    tb,
                    f"{{el}} : {fr} change (documentation seulement).",
                    f"{{el}}: {en} changed (documentation only).",
                )
            )
    return out


def _slot_texts(name: str, a: Any, b: Any) -> list[_Delta]:
    out: list[_Delta] = []
    ta, tb = bilingual(a), bilingual(b)
    for attr, what, fr, en in _TEXTS:
        va, vb = getattr(ta, attr), getattr(tb, attr)
        if va != vb:
            out.append(
                _Delta(
                    f"slot-{what}",
                    name,
                    Level.PATCH,
                    va or None,
                    vb or None,
                    f"{{el}} : {fr} change (rédaction seulement, sans effet sur les données).",
                    f"{{el}}: {en} changed (wording only, no effect on data).",
                )
            )
    aliases_a, aliases_b = set(map(str, a.aliases or [])), set(map(str, b.aliases or []))
    if aliases_b - aliases_a:
        added = aliases_b - aliases_a
        out.append(
            _Delta(
                "slot-aliases",
                name,
                Level.PATCH,
                _join(aliases_a) or None,
                _join(aliases_b) or None,
                f"{{el}} : nouveaux noms de colonne acceptés {_join(map(_q, added))}.",
                f"{{el}}: new accepted column names {_join(map(_e, added))}.",
            )
        )
    if aliases_a - aliases_b:
        removed = aliases_a - aliases_b
        out.append(
            _Delta(
                "slot-aliases",
                name,
                Level.MAJOR,
                _join(aliases_a) or None,
                _join(aliases_b) or None,
                (
                    f"{{el}} : les noms de colonne {_join(map(_q, removed))} ne sont plus acceptés : les "
                    "fichiers qui les emploient ne seront plus lus pour cet emplacement."
                ),
                (
                    f"{{el}}: the column names {_join(map(_e, removed))} are no longer accepted: files "
                    "using them will no longer be read for this slot."
                ),
            )
        )
    ma, mb = _mapping_set(a), _mapping_set(b)
    if ma != mb:
        out.append(
            _Delta(
                "slot-mappings",
                name,
                Level.PATCH,
                _join(ma) or None,
                _join(mb) or None,
                "{el} : correspondances avec d'autres standards modifiées (sans effet sur les données).",
                "{el}: mappings to other standards changed (no effect on data).",
            )
        )
    return out
