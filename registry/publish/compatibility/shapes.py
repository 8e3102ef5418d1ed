"""Differences between two shapes graphs, shape by shape and constraint by constraint.

Shapes are matched by IRI (blank property shapes by their node shape and path). A constraint that
can reject data it accepted before (a new ``sh:minCount``, a lower ``sh:maxInclusive``, a new
``sh:pattern``, an ``sh:in`` member removed, a node shape targeting an existing class, a severity
raised to Violation) is *stricter*: major when its results are Violations, minor when they are only
warnings (warnings never make data invalid). Loosened or removed constraints are minor; names,
descriptions and messages are wording (patch).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from registry.build.namespaces import RDF, RDFS, SH
from registry.publish.compatibility.model import Change, Level

Compact = Callable[[str], str]

TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
WORDING = (SH.name, SH.description, SH.message, SH.group, RDFS.label, RDFS.comment)
# sh:order only lays out forms and reports: a slot added before others renumbers them all.
STRUCTURE = (RDF.type, SH.property, SH.path, SH.severity, SH.deactivated, SH.order, *TARGETS, *WORDING)
LOWER = (SH.minCount, SH.minInclusive, SH.minExclusive, SH.minLength)
UPPER = (SH.maxCount, SH.maxInclusive, SH.maxExclusive, SH.maxLength)
_NUMERIC_TYPES = ("integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger")


@dataclass
class _Shape:
    key: str
    is_property: bool
    path: str | None = None
    severity: str = str(SH.Violation)
    deactivated: bool = False
    targets: set[str] = field(default_factory=set)
    owners: set[str] = field(default_factory=set)
    constraints: dict[str, set[str]] = field(default_factory=dict)
    shown: dict[str, dict[str, str]] = field(default_factory=dict)  # predicate → canonical → display
    numbers: dict[str, Decimal] = field(default_factory=dict)
    wording: set[str] = field(default_factory=set)


def _canon(graph: Graph, node: Node, depth: int = 0) -> str:
    """A text that two graphs share exactly when the node's description is the same."""
    if isinstance(node, Literal):
        number = _decimal(node)
        if number is not None:
            return f"{number.normalize()}"
        return node.n3()
    if isinstance(node, URIRef) or depth > 20:
        return f"<{node}>"
    if (node, RDF.first, None) in graph:
        return "(" + " ".join(_canon(graph, item, depth + 1) for item in Collection(graph, node)) + ")"
    parts = sorted(f"<{p}> {_canon(graph, o, depth + 1)}" for p, o in graph.predicate_objects(node))
    return "[" + "; ".join(parts) + "]"


def _decimal(node: Node) -> Decimal | None:
    if not isinstance(node, Literal) or node.datatype is None:
        return None
    if str(node.datatype).rsplit("#", 1)[-1] not in _NUMERIC_TYPES:
        return None
    try:
        return Decimal(str(node))
    except InvalidOperation:
        return None


def _display(graph: Graph, node: Node, compact: Compact, depth: int = 0) -> str:
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, URIRef):
        return compact(str(node))
    if depth > 5:
        return "[…]"
    if (node, RDF.first, None) in graph:
        return "(" + " ".join(_display(graph, i, compact, depth + 1) for i in Collection(graph, node)) + ")"
    if (node, SH.select, None) in graph:
        return "SPARQL: " + " ".join(str(graph.value(node, SH.select)).split())
    parts = sorted(
        f"{compact(str(p))} {_display(graph, o, compact, depth + 1)}"
        for p, o in graph.predicate_objects(node)
    )
    return "[" + "; ".join(parts) + "]"


def _read(graph: Graph, compact: Compact) -> dict[str, _Shape]:
    shapes: dict[str, _Shape] = {}
    nodes: set[Node] = set(graph.subjects(RDF.type, SH.NodeShape))
    for target in TARGETS:
        nodes |= set(graph.subjects(target, None))
    nodes = {n for n in nodes if (n, SH.path, None) not in graph}
    node_keys: dict[Node, str] = {}
    for node in nodes:
        if isinstance(node, URIRef):
            key = str(node)
        else:
            key = (
                "["
                + " ".join(sorted(_canon(graph, t) for p in TARGETS for t in graph.objects(node, p)))
                + "]"
            )
        node_keys[node] = key
        shapes[key] = _describe(graph, node, key, False, compact)
    for node, key in node_keys.items():
        for prop in graph.objects(node, SH.property):
            path = graph.value(prop, SH.path)
            path_text = _display(graph, path, compact) if path is not None else "?"
            prop_key = (
                str(prop) if isinstance(prop, URIRef) else f"{key} {_canon(graph, path) if path else '?'}"
            )
            if prop_key not in shapes:
                shapes[prop_key] = _describe(graph, prop, prop_key, True, compact)
                shapes[prop_key].path = path_text
            shapes[prop_key].owners.add(key)
            shapes[prop_key].targets |= shapes[key].targets
    return shapes


def _describe(graph: Graph, node: Node, key: str, is_property: bool, compact: Compact) -> _Shape:
    shape = _Shape(key=key, is_property=is_property)
    severity = graph.value(node, SH.severity)
    if severity is not None:
        shape.severity = str(severity)
    shape.deactivated = str(graph.value(node, SH.deactivated) or "").lower() == "true"
    for target_predicate in TARGETS:
        for target in graph.objects(node, target_predicate):
            shape.targets.add(f"{target_predicate}|{target}")
    for predicate, obj in graph.predicate_objects(node):
        if predicate in WORDING:
            shape.wording.add(f"{predicate} {_canon(graph, obj)}")
            continue
        if predicate in STRUCTURE:
            continue
        p = str(predicate)
        if predicate == SH["in"] and (obj, RDF.first, None) in graph:
            for member in Collection(graph, obj):
                canonical = _canon(graph, member)
                shape.constraints.setdefault(p, set()).add(canonical)
                shape.shown.setdefault(p, {})[canonical] = _display(graph, member, compact)
            shape.constraints.setdefault(p, set())
            continue
        canonical = _canon(graph, obj)
        shape.constraints.setdefault(p, set()).add(canonical)
        shape.shown.setdefault(p, {})[canonical] = _display(graph, obj, compact)
        number = _decimal(obj)
        if number is not None:
            shape.numbers[p] = number
    return shape


def shape_changes(
    old: Graph, new: Graph, old_classes: set[str], compact: Compact
) -> list[tuple[str, Change]]:
    """Each difference, with the IRI (or key) of the shape it is about."""
    before, after = _read(old, compact), _read(new, compact)
    out: list[tuple[str, Change]] = []
    for key in sorted(before.keys() - after.keys()):
        shape = before[key]
        element = _element(shape, compact)
        out.append(
            (
                key,
                Change(
                    kind="shape-removed",
                    element=element,
                    level=Level.MINOR,
                    message_fr=(
                        f"La forme {element} est retirée : ses contraintes ne s'appliquent plus ; {_KEEPS_FR}"
                    ),
                    message_en=f"Shape {element} was removed: its constraints no longer apply; {_KEEPS_EN}",
                    before=key,
                ),
            )
        )
    for key in sorted(after.keys() - before.keys()):
        shape = after[key]
        element = _element(shape, compact)
        checks = _checks(shape, after)
        existing = _applies_to_existing(shape, old_classes)
        if checks and existing:
            level = Level.MAJOR if _violation(shape, after) else Level.MINOR
            fr_end, en_end = _effect(level)
        else:
            level, fr_end, en_end = Level.MINOR, _KEEPS_FR, _KEEPS_EN
        targets = ", ".join(sorted(compact(t.split("|", 1)[1]) for t in shape.targets)) or "—"
        out.append(
            (
                key,
                Change(
                    kind="shape-added",
                    element=element,
                    level=level,
                    message_fr=f"Nouvelle forme {element} (cible {targets}) : {fr_end}",
                    message_en=f"New shape {element} (targets {targets}): {en_end}",
                    after=key,
                ),
            )
        )
    for key in sorted(before.keys() & after.keys()):
        out.extend((key, c) for c in _compare(before[key], after[key], after, old_classes, compact))
    return out


_KEEPS_FR = "les données valides le restent."
_KEEPS_EN = "valid data stays valid."


def _effect(level: Level) -> tuple[str, str]:
    if level is Level.MAJOR:
        return (
            "des données valides jusqu'ici peuvent ne plus l'être.",
            "data that was valid may no longer validate.",
        )
    return (
        "des données sans avertissement jusqu'ici peuvent en recevoir un (elles restent valides).",
        "data that drew no warning may now draw one (it stays valid).",
    )


def _element(shape: _Shape, compact: Compact) -> str:
    if shape.key.startswith("http"):
        return compact(shape.key)
    if shape.is_property:
        owner = next(iter(sorted(shape.owners)), "")
        return f"{compact(owner) if owner.startswith('http') else owner} [{shape.path}]"
    return shape.key


def _checks(shape: _Shape, shapes: dict[str, _Shape]) -> bool:
    """Whether the shape (or a property shape it holds) constrains anything."""
    if shape.deactivated:
        return False
    if shape.constraints:
        return True
    return any(s.constraints and not s.deactivated for s in shapes.values() if shape.key in s.owners)


def _violation(shape: _Shape, shapes: dict[str, _Shape]) -> bool:
    if shape.severity == str(SH.Violation) and shape.constraints:
        return True
    return any(
        s.severity == str(SH.Violation) and s.constraints for s in shapes.values() if shape.key in s.owners
    )


def _applies_to_existing(shape: _Shape, old_classes: set[str]) -> bool:
    """False when every target is a class the old version did not have (no old data has it)."""
    if not shape.targets:
        return True
    for target in shape.targets:
        predicate, value = target.split("|", 1)
        if predicate != str(SH.targetClass) or value in old_classes:
            return True
    return False


def _compare(
    a: _Shape, b: _Shape, shapes: dict[str, _Shape], old_classes: set[str], compact: Compact
) -> list[Change]:
    element = _element(b, compact)
    where_fr = f"Forme {element}" + (f" ({b.path})" if b.path else "")
    where_en = f"Shape {element}" + (f" ({b.path})" if b.path else "")
    stricter = Level.MAJOR if b.severity == str(SH.Violation) else Level.MINOR
    if not _applies_to_existing(b, old_classes):
        stricter = Level.MINOR
    out: list[Change] = []

    def add(kind: str, level: Level, fr: str, en: str, before: str | None, after: str | None) -> None:
        out.append(Change(kind, element, level, f"{where_fr} : {fr}", f"{where_en}: {en}", before, after))

    if a.severity != b.severity:
        raised = _SEVERITY_RANK.get(b.severity, 3) > _SEVERITY_RANK.get(a.severity, 3)
        level = (Level.MAJOR if b.severity == str(SH.Violation) else Level.MINOR) if raised else Level.MINOR
        if not _applies_to_existing(b, old_classes):
            level = Level.MINOR
        sa, sb = compact(a.severity), compact(b.severity)
        fr_end, en_end = _effect(level) if raised else (_KEEPS_FR, _KEEPS_EN)
        add(
            "shape-severity",
            level,
            f"la gravité passe de {sa} à {sb} : {fr_end}",
            f"the severity changed from {sa} to {sb}: {en_end}",
            sa,
            sb,
        )
    if a.deactivated != b.deactivated:
        level = Level.MINOR if b.deactivated else stricter
        fr_end, en_end = (_KEEPS_FR, _KEEPS_EN) if b.deactivated else _effect(level)
        add(
            "shape-deactivated",
            level,
            f"{'désactivée' if b.deactivated else 'réactivée'} : {fr_end}",
            f"{'deactivated' if b.deactivated else 'reactivated'}: {en_end}",
            str(a.deactivated).lower(),
            str(b.deactivated).lower(),
        )
    new_targets, gone_targets = b.targets - a.targets, a.targets - b.targets
    if new_targets:
        shown = ", ".join(sorted(compact(t.split("|", 1)[1]) for t in new_targets))
        target_level = stricter if _checks(b, shapes) else Level.MINOR
        if not _applies_to_existing(_Shape(key="", is_property=False, targets=new_targets), old_classes):
            target_level = Level.MINOR
        fr_end, en_end = _effect(target_level) if target_level is Level.MAJOR else (_KEEPS_FR, _KEEPS_EN)
        add(
            "shape-target-added",
            target_level,
            f"vise aussi {shown} : {fr_end}",
            f"now also targets {shown}: {en_end}",
            None,
            shown,
        )
    if gone_targets:
        shown = ", ".join(sorted(compact(t.split("|", 1)[1]) for t in gone_targets))
        add(
            "shape-target-removed",
            Level.MINOR,
            f"ne vise plus {shown} : {_KEEPS_FR}",
            f"no longer targets {shown}: {_KEEPS_EN}",
            shown,
            None,
        )
    for predicate in sorted(a.constraints.keys() | b.constraints.keys()):
        out_of = _constraint(a, b, predicate, stricter, compact)
        for kind, level, fr, en, before, after in out_of:
            add(kind, level, fr, en, before, after)
    if a.wording != b.wording:
        add(
            "shape-wording",
            Level.PATCH,
            "noms, descriptions ou messages modifiés (rédaction seulement).",
            "names, descriptions or messages changed (wording only).",
            None,
            None,
        )
    return out


_SEVERITY_RANK = {str(SH.Info): 1, str(SH.Warning): 2, str(SH.Violation): 3}


def _constraint(
    a: _Shape, b: _Shape, predicate: str, stricter: Level, compact: Compact
) -> list[tuple[str, Level, str, str, str | None, str | None]]:
    name = compact(predicate)
    va, vb = a.constraints.get(predicate), b.constraints.get(predicate)
    shown_a = " ".join(sorted(a.shown.get(predicate, {}).values())) or None
    shown_b = " ".join(sorted(b.shown.get(predicate, {}).values())) or None
    strict_fr, strict_en = _effect(stricter)
    if va == vb:
        return []
    if va is None:
        return [
            (
                "shape-constraint-added",
                stricter,
                f"nouvelle contrainte {name} {shown_b} : {strict_fr}",
                f"new constraint {name} {shown_b}: {strict_en}",
                None,
                shown_b,
            )
        ]
    if vb is None:
        return [
            (
                "shape-constraint-removed",
                Level.MINOR,
                f"la contrainte {name} {shown_a} est retirée : {_KEEPS_FR}",
                f"the constraint {name} {shown_a} was removed: {_KEEPS_EN}",
                shown_a,
                None,
            )
        ]
    if predicate == str(SH["in"]):
        out = []
        gone = sorted(a.shown[predicate][c] for c in va - vb)
        added = sorted(b.shown[predicate][c] for c in vb - va)
        if gone:
            listed = ", ".join(f"'{g}'" for g in gone)
            out.append(
                (
                    "shape-constraint-tightened",
                    stricter,
                    f"{name} perd {listed} : {strict_fr}",
                    f"{name} lost {listed}: {strict_en}",
                    shown_a,
                    shown_b,
                )
            )
        if added:
            listed = ", ".join(f"'{g}'" for g in added)
            out.append(
                (
                    "shape-constraint-loosened",
                    Level.MINOR,
                    f"{name} accepte aussi {listed} : {_KEEPS_FR}",
                    f"{name} also accepts {listed}: {_KEEPS_EN}",
                    shown_a,
                    shown_b,
                )
            )
        return out
    bound = predicate in map(str, LOWER) or predicate in map(str, UPPER)
    na, nb = a.numbers.get(predicate), b.numbers.get(predicate)
    if bound and na is not None and nb is not None:
        tighter = nb > na if predicate in map(str, LOWER) else nb < na
        if tighter:
            return [
                (
                    "shape-constraint-tightened",
                    stricter,
                    f"{name} passe de {shown_a} à {shown_b} : {strict_fr}",
                    f"{name} tightened from {shown_a} to {shown_b}: {strict_en}",
                    shown_a,
                    shown_b,
                )
            ]
        return [
            (
                "shape-constraint-loosened",
                Level.MINOR,
                f"{name} passe de {shown_a} à {shown_b} : {_KEEPS_FR}",
                f"{name} loosened from {shown_a} to {shown_b}: {_KEEPS_EN}",
                shown_a,
                shown_b,
            )
        ]
    return [
        (
            "shape-constraint-changed",
            stricter,
            f"{name} passe de {shown_a} à {shown_b} : {strict_fr}",
            f"{name} changed from {shown_a} to {shown_b}: {strict_en}",
            shown_a,
            shown_b,
        )
    ]


def shape_classes(graph: Graph) -> set[str]:
    """Every class some shape of ``graph`` targets."""
    return {str(o) for o in graph.objects(None, SH.targetClass) if not isinstance(o, BNode)}
