"""Release check ``pattern``: every regular expression of the release compiles and cannot backtrack
catastrophically.

The patterns are every ``sh:pattern`` of the bundle's ``shapes.ttl`` (with its ``sh:flags``) and every
``pattern`` of the module's own slots, slot usages, attributes and types. Each is compiled as the
validation engine compiles XPath regular expressions (:func:`compile_xpath`) and the compiled Python
regex is analysed statically by :mod:`registry.publish.checks.redos`. A pattern used in several
places gives one failure, naming the first place (the LinkML element, where there is one).

No package on the registry does this job well: regexploit (last release 2021) misses overlapping
alternatives such as ``(\\d|\\d\\d)+``; redoctor (0.1) takes a second per pattern and misses
``(\\w+\\d+)+``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib.namespace import SH
from rdflib.term import Node

from registry.build.schema import DomainSchema
from registry.publish.checks import CheckFailure
from registry.publish.checks.redos import TooComplexError, find_ambiguity
from registry.validate.socle_engine.errors import ShapesError
from registry.validate.socle_engine.regex import compile_xpath

CHECK = "pattern"


@dataclass(frozen=True)
class PatternUse:
    """One regular expression of the release and where it is declared."""

    pattern: str
    flags: str
    element: str


def check_patterns(bundle: Path, schema: DomainSchema) -> list[CheckFailure]:
    """One failure per distinct pattern (and flags) that does not compile or can backtrack
    catastrophically."""
    shapes = rdflib.Graph().parse(data=(bundle / "shapes.ttl").read_bytes(), format="turtle")
    uses: dict[tuple[str, str], list[str]] = {}
    for use in [*linkml_patterns(schema), *shape_patterns(shapes)]:
        uses.setdefault((use.pattern, use.flags), []).append(use.element)
    failures = []
    for (pattern, flags), elements in uses.items():
        failure = pattern_failure(pattern, flags, elements[0], len(elements) - 1)
        if failure is not None:
            failures.append(failure)
    return failures


def pattern_failure(pattern: str, flags: str, element: str, others: int = 0) -> CheckFailure | None:
    """Why ``pattern`` (with XPath ``flags``) declared at ``element`` is refused, or ``None``."""
    shown = f"« {pattern} »" + (f" (sh:flags « {flags} »)" if flags else "")
    shown_en = f"'{pattern}'" + (f" (sh:flags '{flags}')" if flags else "")
    also_fr = f" (utilisé aussi par {others} autre(s) élément(s))" if others else ""
    also_en = f" (also used by {others} other element(s))" if others else ""
    try:
        compiled = compile_xpath(pattern, flags)
    except ShapesError as error:
        return CheckFailure(
            check=CHECK,
            element=element,
            message_fr=f"Le motif {shown} de {element}{also_fr} n'est pas une expression régulière "
            f"XPath valide : {error.detail}",
            message_en=f"The pattern {shown_en} of {element}{also_en} is not a valid XPath regular "
            f"expression: {error.detail}",
        )
    try:
        ambiguity = find_ambiguity(compiled.pattern, compiled.flags)
    except TooComplexError as error:
        return CheckFailure(
            check=CHECK,
            element=element,
            message_fr=f"Le motif {shown} de {element}{also_fr} est trop complexe pour qu'on prouve qu'il "
            f"ne peut pas provoquer de retour arrière catastrophique ({error}) ; simplifiez-le.",
            message_en=f"The pattern {shown_en} of {element}{also_en} is too complex to be proven free of "
            f"catastrophic backtracking ({error}); simplify it.",
        )
    except re.error as error:  # the engine's translation produced something Python cannot read
        return CheckFailure(
            check=CHECK,
            element=element,
            message_fr=f"Le motif {shown} de {element}{also_fr} ne se compile pas : {error}",
            message_en=f"The pattern {shown_en} of {element}{also_en} does not compile: {error}",
        )
    if ambiguity is None:
        return None
    text = repr(ambiguity.pumped)
    return CheckFailure(
        check=CHECK,
        element=element,
        message_fr=f"Le motif {shown} de {element}{also_fr} peut provoquer un retour arrière "
        f"catastrophique : le texte {text} répété n fois s'y lit de 2^n façons (répétitions imbriquées, "
        "ou alternatives ou répétitions voisines qui se recouvrent), et une valeur qui échoue les essaie "
        "toutes. Réécrivez-le pour qu'un texte ne s'y lise que d'une façon.",
        message_en=f"The pattern {shown_en} of {element}{also_en} can backtrack catastrophically: the "
        f"text {text} repeated n times matches it in 2^n ways (nested repeats, or overlapping "
        "alternatives or adjacent repeats), and a value that fails tries them all. Rewrite it so "
        "that a text matches it in one way only.",
    )


def linkml_patterns(schema: DomainSchema) -> Iterator[PatternUse]:
    """The ``pattern`` of the module's own slots, slot usages, attributes and types."""
    view = schema.view
    for slot in schema.slots(own_only=True):
        if slot.pattern:
            yield PatternUse(str(slot.pattern), "", f"slot {slot.name}")
    for cls in schema.classes(own_only=True):
        for kind, slots in (("slot_usage", cls.slot_usage), ("attribute", cls.attributes)):
            for name, slot in (slots or {}).items():
                if getattr(slot, "pattern", None):
                    yield PatternUse(str(slot.pattern), "", f"class {cls.name}, {kind} {name}")
    for type_ in view.all_types(imports=False).values():
        if type_.pattern and schema.own(type_):
            yield PatternUse(str(type_.pattern), "", f"type {type_.name}")


def shape_patterns(shapes: rdflib.Graph) -> Iterator[PatternUse]:
    """Every ``sh:pattern`` of a shapes graph, with its ``sh:flags``."""
    for node, value in sorted(shapes.subject_objects(SH.pattern)):
        flags = shapes.value(node, SH.flags)
        yield PatternUse(str(value), "" if flags is None else str(flags), describe_shape(shapes, node))


def describe_shape(shapes: rdflib.Graph, node: Node) -> str:
    """A shape's IRI; for a blank node, the named shape that holds it and its path."""
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    path = None
    current: Node | None = node
    seen: set[Node] = set()
    while isinstance(current, rdflib.BNode) and current not in seen:  # up through lists and shapes
        seen.add(current)
        path = path or shapes.value(current, SH.path)
        current = next(iter(sorted(shapes.subjects(None, current), key=str)), None)
    where = f"sh:path <{path}>" if isinstance(path, rdflib.URIRef) else "a nested shape"
    return f"<{current}> ({where})" if isinstance(current, rdflib.URIRef) else where
