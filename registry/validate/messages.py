"""Messages in French and English for every result, written for the person who has to fix the data.

A shape's own ``sh:message`` is kept when it has one in each language (a focus node that is a value,
as in the identifier-uniqueness rule, is then named in front of it). Otherwise the message is written
here from the constraint component and the constraint's parameters read from the shapes graph: the
property shape's ``sh:name`` in the message's language (else a sibling shape's name for the same
path, else the path's local name), the offending value as its lexical form, and the limit, pattern,
list of codes, datatype or count the rule asks for::

    puissance nominale : 2500 dépasse le maximum autorisé (2000).
    nominal power: 2500 is above the allowed maximum (2000).

Each result also gets ``rule_messages``: the same rule without the value (« puissance nominale
dépasse le maximum autorisé (2000) »), which grouped reports use as their summary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDFS, SH
from rdflib.term import Node

from registry.validate.report import Severity, ValidationResult

LANGUAGES = ("fr", "en")
XSD = "http://www.w3.org/2001/XMLSchema#"
SH_NS = str(SH)
DATA_BASE = "urn:socle:data:"
MAX_LISTED_CODES = 15
TIME_ZONE_PATTERNS = frozenset({"(Z|[+-][0-9]{2}:[0-9]{2})$", "(Z|[+-]\\d{2}:\\d{2})$"})

_NUMERIC = frozenset(
    XSD + name
    for name in [
        "integer",
        "decimal",
        "double",
        "float",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
)
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_SIMPLE_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


# ---------------------------------------------------------------------------------------------
# Terms as the report model carries them (N-Triples) → what a person reads
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """An N-Triples term split into its parts."""

    kind: str
    """``iri``, ``bnode`` or ``literal``."""
    text: str
    """The IRI, the blank node label or the literal's lexical form."""
    datatype: str | None = None
    language: str | None = None


def parse_term(nt: str) -> Term:
    """Split a term in N-Triples syntax (``<…>``, ``_:b``, ``"…"@fr``, ``"…"^^<…>``)."""
    nt = nt.strip()
    if nt.startswith("<") and nt.endswith(">"):
        return Term("iri", nt[1:-1])
    if nt.startswith("_:"):
        return Term("bnode", nt[2:])
    if nt.startswith('"'):
        end = _closing_quote(nt)
        lexical = _ESCAPE.sub(_unescape, nt[1:end])
        rest = nt[end + 1 :]
        if rest.startswith("@"):
            return Term("literal", lexical, language=rest[1:])
        if rest.startswith("^^<") and rest.endswith(">"):
            return Term("literal", lexical, datatype=rest[3:-1])
        return Term("literal", lexical, datatype=XSD + "string")
    return Term("literal", nt)


def _closing_quote(nt: str) -> int:
    index = 1
    while index < len(nt):
        if nt[index] == "\\":
            index += 2
            continue
        if nt[index] == '"':
            return index
        index += 1
    return len(nt)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "uU" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _SIMPLE_ESCAPES.get(code, code)


def display_term(nt: str | None, lang: str = "fr") -> str:
    """A term as a person reads it: a literal's lexical form, an IRI without brackets (a record's
    identifier when the IRI is one Socle made), a blank node as an unnamed element."""
    if nt is None:
        return ""
    term = parse_term(nt)
    if term.kind == "literal":
        return term.text
    if term.kind == "bnode":
        return "(élément sans identifiant)" if lang == "fr" else "(unnamed element)"
    if term.text.startswith(DATA_BASE):
        return unquote(term.text[len(DATA_BASE) :])
    return term.text


def quote_value(nt: str | None, lang: str = "fr") -> str:
    """A value as a message shows it: numbers bare, text and dates in quotes."""
    if nt is None:
        return ""
    term = parse_term(nt)
    shown = display_term(nt, lang)
    if term.kind == "literal" and term.datatype in _NUMERIC and _NUMBER.match(term.text):
        return shown
    if term.kind == "bnode":
        return shown
    return f'"{shown}"'


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or ``/``)."""
    iri = iri.strip("<>")
    return re.split(r"[#/:]", iri.rstrip("/#"))[-1] or iri


def _path_iris(path: str | None) -> list[str]:
    return re.findall(r"<([^>]*)>", path or "")


# ---------------------------------------------------------------------------------------------
# What a rule says: names and parameters read from the shapes graph
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Texts:
    """A French and an English text."""

    fr: str
    en: str

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class Rule:
    """Everything a message needs besides the value: the shape, its names, its parameters."""

    shape: Node | None
    component: str
    path: str | None
    severity: Severity
    name: Texts
    graph: rdflib.Graph
    names: ShapeNames
    _lists: dict[str, tuple[Node, ...]] = field(default_factory=dict, compare=False, repr=False)
    """``param_list``'s answers: a rule lives as long as its explainer, the shapes never change."""

    def param(self, local: str) -> Node | None:
        if self.shape is None:
            return None
        return self.graph.value(self.shape, SH[local])

    def param_text(self, local: str, lang: str = "fr") -> str:
        value = self.param(local)
        if value is None:
            return "?"
        if isinstance(value, Literal):
            return str(value)
        if isinstance(value, URIRef):
            return self.names.for_iri(str(value), lang)
        return str(value)

    def param_list(self, local: str) -> list[Node]:
        found = self._lists.get(local)
        if found is None:
            found = self._lists[local] = tuple(self._read_list(local))
        return list(found)

    def _read_list(self, local: str) -> list[Node]:
        node = self.param(local)
        if node is None:
            return []
        try:
            return list(Collection(self.graph, node))
        except Exception:  # a malformed list: the message says less, never fails
            return []

    @property
    def inverse(self) -> bool:
        return bool(self.path) and str(self.path).startswith("^")


def _pair_key(pair: tuple[Node, Node]) -> tuple[bool, str, str]:
    """Named nodes first, then in the order of their text (blank nodes last: their labels vary)."""
    return (isinstance(pair[0], BNode), str(pair[0]), str(pair[1]))


class ShapeNames:
    """Names of shapes, properties and classes in French and English, looked up once."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph
        self._by_path: dict[str, dict[str, str]] = {}
        self._by_class: dict[str, dict[str, str]] = {}
        # sorted, so that two shapes naming one path differently give every process the same name
        for shape, name in sorted(graph.subject_objects(SH.name), key=_pair_key):
            if not isinstance(name, Literal) or name.language not in LANGUAGES:
                continue
            path = graph.value(shape, SH.path)
            if isinstance(path, URIRef):
                self._by_path.setdefault(str(path), {}).setdefault(name.language, str(name))
            for target in graph.objects(shape, SH.targetClass):
                self._by_class.setdefault(str(target), {}).setdefault(name.language, str(name))
        for cls, label in sorted(graph.subject_objects(RDFS.label), key=_pair_key):
            if isinstance(label, Literal) and label.language in LANGUAGES:
                self._by_class.setdefault(str(cls), {}).setdefault(label.language, str(label))

    def own(self, shape: Node | None) -> dict[str, str]:
        if shape is None:
            return {}
        found: dict[str, str] = {}
        for name in self.graph.objects(shape, SH.name):
            if isinstance(name, Literal) and name.language in LANGUAGES:
                found.setdefault(name.language, str(name))
        return found

    def for_shape(self, shape: Node | None, path: str | None) -> Texts:
        """A property shape's name: its own, else a sibling's for the same path, else the slot."""
        own = self.own(shape)
        if shape is not None and len(own) < len(LANGUAGES):
            path_node = self.graph.value(shape, SH.path)
            for parent in self.graph.subjects(SH.property, shape):
                for sibling in self.graph.objects(parent, SH.property):
                    if sibling != shape and self.graph.value(sibling, SH.path) == path_node:
                        for lang, text in self.own(sibling).items():
                            own.setdefault(lang, text)
        iris = _path_iris(path)
        if len(own) < len(LANGUAGES) and iris:
            for lang, text in self._by_path.get(iris[-1], {}).items():
                own.setdefault(lang, text)
        fallback = local_name(iris[-1]) if iris else (local_name(str(shape)) if shape is not None else "")
        return Texts(own.get("fr", fallback), own.get("en", fallback))

    def for_iri(self, iri: str, lang: str) -> str:
        """A property's or a class's name in ``lang``, else its local name."""
        names = self._by_path.get(iri) or self._by_class.get(iri) or {}
        return names.get(lang) or local_name(iri)

    def for_class(self, iri: str, lang: str) -> str:
        names = self._by_class.get(iri) or {}
        return names.get(lang) or local_name(iri)

    def for_node_shape(self, shape: Node, lang: str) -> str:
        own = self.own(shape)
        if lang in own:
            return own[lang]
        target = self.graph.value(shape, SH.targetClass)
        if target is not None:
            return self.for_class(str(target), lang)
        return local_name(str(shape))


# ---------------------------------------------------------------------------------------------
# One writer per constraint component: (message with the value, rule without it) in FR and EN
# ---------------------------------------------------------------------------------------------

Writer = Callable[[Rule, ValidationResult], tuple[Texts, Texts]]
"""A component's writer: the message (with the value) and the rule (without it)."""

WRITERS: dict[str, Writer] = {}


def writes(*components: str) -> Callable[[Writer], Writer]:
    def register(writer: Writer) -> Writer:
        for component in components:
            WRITERS[SH_NS + component] = writer
        return writer

    return register


def _v(result: ValidationResult, lang: str) -> str:
    return quote_value(result.value, lang)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "»")) else text + "."


@writes("MinCountConstraintComponent")
def _min_count(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    n = rule.param_text("minCount")
    fr, en = rule.name.fr, rule.name.en
    if n == "1" and result.severity is not Severity.VIOLATION:
        rule_texts = Texts(f"{fr} : valeur recommandée manquante", f"{en} is missing (recommended)")
        message = Texts(f"{fr} : valeur recommandée manquante.", f"{en}: recommended value is missing.")
    elif n == "1":
        rule_texts = Texts(f"{fr} : valeur obligatoire manquante", f"{en} is missing")
        message = Texts(f"{fr} : valeur obligatoire manquante.", f"{en}: required value is missing.")
    else:
        rule_texts = Texts(f"{fr} : moins de {n} valeurs", f"{en}: fewer than {n} values")
        message = Texts(
            f"{fr} : au moins {n} valeurs sont attendues.", f"{en}: at least {n} values are required."
        )
    return message, rule_texts


@writes("MaxCountConstraintComponent")
def _max_count(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    n = rule.param_text("maxCount")
    fr, en = rule.name.fr, rule.name.en
    focus = parse_term(result.focus_node)
    if rule.inverse and focus.kind == "literal":
        shown = f'"{focus.text}"'
        iris = _path_iris(rule.path)
        if iris and local_name(iris[-1]) == "identifier":
            return (
                Texts(
                    f"l'identifiant {shown} est utilisé par plusieurs éléments.",
                    f"the identifier {shown} is used by more than one element.",
                ),
                Texts(
                    "identifiant utilisé par plusieurs éléments",
                    "identifier used by more than one element",
                ),
            )
        return (
            Texts(
                f"{fr} : la valeur {shown} est utilisée par plus de {n} élément(s).",
                f"{en}: the value {shown} is used by more than {n} element(s).",
            ),
            Texts(
                f"{fr} : valeur utilisée par plus de {n} élément(s)",
                f"{en}: value used by more than {n} element(s)",
            ),
        )
    if n == "1":
        return (
            Texts(
                f"{fr} : une seule valeur est permise, il y en a plusieurs.",
                f"{en}: only one value is allowed, there are several.",
            ),
            Texts(f"{fr} : plusieurs valeurs au lieu d'une", f"{en} has several values instead of one"),
        )
    return (
        Texts(
            f"{fr} : au plus {n} valeurs sont permises, il y en a davantage.",
            f"{en}: at most {n} values are allowed, there are more.",
        ),
        Texts(f"{fr} : plus de {n} valeurs", f"{en} has more than {n} values"),
    )


DATATYPES: dict[str, Texts] = {
    "date": Texts(
        "une date (attendu AAAA-MM-JJ, par exemple 2025-03-11)",
        "a date (expected YYYY-MM-DD, for example 2025-03-11)",
    ),
    "dateTime": Texts(
        "une date et heure (attendu AAAA-MM-JJThh:mm:ss avec fuseau, par exemple 2025-03-11T08:30:00+01:00)",
        "a date and time (expected YYYY-MM-DDThh:mm:ss with a time zone, "
        "for example 2025-03-11T08:30:00+01:00)",
    ),
    "dateTimeStamp": Texts(
        "une date et heure avec fuseau (par exemple 2025-03-11T08:30:00+01:00)",
        "a date and time with a time zone (for example 2025-03-11T08:30:00+01:00)",
    ),
    "time": Texts("une heure (attendu hh:mm:ss, par exemple 22:30:00)", "a time (expected hh:mm:ss)"),
    "gYear": Texts("une année (attendu AAAA)", "a year (expected YYYY)"),
    "double": Texts("un nombre (par exemple 12.5)", "a number (for example 12.5)"),
    "float": Texts("un nombre (par exemple 12.5)", "a number (for example 12.5)"),
    "decimal": Texts("un nombre décimal (par exemple 12.5)", "a decimal number (for example 12.5)"),
    "integer": Texts("un nombre entier (par exemple 12)", "a whole number (for example 12)"),
    "nonNegativeInteger": Texts("un nombre entier positif ou nul", "a whole number, zero or more"),
    "positiveInteger": Texts("un nombre entier strictement positif", "a whole number above zero"),
    "boolean": Texts("un booléen (true ou false)", "a boolean (true or false)"),
    "string": Texts("un texte simple (sans langue ni type)", "plain text (no language or type)"),
    "anyURI": Texts("une adresse (URI)", "an address (URI)"),
    "langString": Texts("un texte avec sa langue", "a text with its language"),
}


def datatype_texts(iri: str) -> Texts:
    """How a datatype is named in a message ("une date (attendu AAAA-MM-JJ…)")."""
    name = local_name(iri)
    return DATATYPES.get(name) or Texts(f"une valeur de type {name}", f"a value of type {name}")


@writes("DatatypeConstraintComponent")
def _datatype(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    expected = rule.param("datatype")
    kind = datatype_texts(str(expected) if expected is not None else "?")
    fr, en = rule.name.fr, rule.name.en
    return (
        Texts(
            f"{fr} : {_v(result, 'fr')} n'est pas {kind.fr}.", f"{en}: {_v(result, 'en')} is not {kind.en}."
        ),
        Texts(f"{fr} : valeur qui n'est pas {kind.fr}", f"{en} is not {kind.en}"),
    )


NODE_KINDS: dict[str, Texts] = {
    "IRI": Texts(
        "une référence à un élément (son identifiant)", "a reference to an element (its identifier)"
    ),
    "Literal": Texts(
        "une valeur simple (texte, nombre ou date), pas un élément",
        "a simple value (text, number or date), not an element",
    ),
    "BlankNode": Texts("un élément décrit sur place", "an element described in place"),
    "BlankNodeOrIRI": Texts("un élément ou une référence à un élément", "an element or a reference to one"),
    "BlankNodeOrLiteral": Texts(
        "une valeur simple ou un élément décrit sur place", "a simple value or an element described in place"
    ),
    "IRIOrLiteral": Texts("une valeur simple ou une référence", "a simple value or a reference"),
}


@writes("NodeKindConstraintComponent")
def _node_kind(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    kind_node = rule.param("nodeKind")
    kind = NODE_KINDS.get(local_name(str(kind_node)) if kind_node is not None else "", NODE_KINDS["Literal"])
    fr, en = rule.name.fr, rule.name.en
    return (
        Texts(
            f"{fr} : {_v(result, 'fr')} n'est pas {kind.fr}.", f"{en}: {_v(result, 'en')} is not {kind.en}."
        ),
        Texts(f"{fr} : valeur qui n'est pas {kind.fr}", f"{en} is not {kind.en}"),
    )


@writes("PatternConstraintComponent")
def _pattern(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    pattern = rule.param_text("pattern")
    fr, en = rule.name.fr, rule.name.en
    if pattern in TIME_ZONE_PATTERNS:
        return (
            Texts(
                f"{fr} : {_v(result, 'fr')} n'indique pas de fuseau horaire "
                "(ajoutez Z ou un décalage comme +01:00).",
                f"{en}: {_v(result, 'en')} has no time zone (add Z or an offset such as +01:00).",
            ),
            Texts(f"{fr} : fuseau horaire manquant", f"{en} has no time zone"),
        )
    return (
        Texts(
            f"{fr} : {_v(result, 'fr')} n'a pas la forme attendue (motif {pattern}).",
            f"{en}: {_v(result, 'en')} does not have the expected form (pattern {pattern}).",
        ),
        Texts(
            f"{fr} : valeur qui n'a pas la forme attendue (motif {pattern})",
            f"{en} does not have the expected form (pattern {pattern})",
        ),
    )


def _range(local: str, fr_text: str, fr_rule: str, en_text: str) -> Writer:
    def write(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
        limit = rule.param_text(local)
        fr, en = rule.name.fr, rule.name.en
        return (
            Texts(
                f"{fr} : {_v(result, 'fr')} {fr_text.format(limit)}.",
                f"{en}: {_v(result, 'en')} {en_text.format(limit)}.",
            ),
            Texts(f"{fr} : {fr_rule.format(limit)}", f"{en} {en_text.format(limit)}"),
        )

    return write


WRITERS[SH_NS + "MinInclusiveConstraintComponent"] = _range(
    "minInclusive",
    "est inférieur au minimum autorisé ({})",
    "valeur inférieure au minimum autorisé ({})",
    "is below the allowed minimum ({})",
)
WRITERS[SH_NS + "MaxInclusiveConstraintComponent"] = _range(
    "maxInclusive",
    "dépasse le maximum autorisé ({})",
    "valeur au-dessus du maximum autorisé ({})",
    "is above the allowed maximum ({})",
)
WRITERS[SH_NS + "MinExclusiveConstraintComponent"] = _range(
    "minExclusive",
    "doit être strictement supérieur à {}",
    "valeur qui n'est pas strictement supérieure à {}",
    "must be greater than {}",
)
WRITERS[SH_NS + "MaxExclusiveConstraintComponent"] = _range(
    "maxExclusive",
    "doit être strictement inférieur à {}",
    "valeur qui n'est pas strictement inférieure à {}",
    "must be less than {}",
)
WRITERS[SH_NS + "MinLengthConstraintComponent"] = _range(
    "minLength",
    "est trop court (au moins {} caractères)",
    "texte trop court (au moins {} caractères)",
    "is too short (at least {} characters)",
)
WRITERS[SH_NS + "MaxLengthConstraintComponent"] = _range(
    "maxLength",
    "est trop long (au plus {} caractères)",
    "texte trop long (au plus {} caractères)",
    "is too long (at most {} characters)",
)


def _listed(nodes: list[Node], lang: str) -> str:
    shown = [str(n) if isinstance(n, Literal | URIRef) else n.n3() for n in nodes[:MAX_LISTED_CODES]]
    more = len(nodes) - len(shown)
    if more > 0:
        shown.append(f"… ({more} autres)" if lang == "fr" else f"… ({more} more)")
    return ", ".join(shown)


@writes("InConstraintComponent")
def _in(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    codes = rule.param_list("in")
    fr, en = rule.name.fr, rule.name.en
    return (
        Texts(
            f"{fr} : {_v(result, 'fr')} n'est pas une valeur acceptée ; valeurs acceptées : "
            f"{_listed(codes, 'fr')}.",
            f"{en}: {_v(result, 'en')} is not an accepted value; accepted values: {_listed(codes, 'en')}.",
        ),
        Texts(
            f"{fr} : valeur non acceptée (valeurs acceptées : {_listed(codes, 'fr')})",
            f"{en}: value not accepted (accepted values: {_listed(codes, 'en')})",
        ),
    )


@writes("ClassConstraintComponent")
def _class(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    cls = rule.param("class")
    fr_class = rule.names.for_class(str(cls), "fr") if cls is not None else "?"
    en_class = rule.names.for_class(str(cls), "en") if cls is not None else "?"
    fr, en = rule.name.fr, rule.name.en
    return (
        Texts(
            f"{fr} : l'élément référencé {_v(result, 'fr')} n'est pas décrit comme « {fr_class} ».",
            f'{en}: the referenced element {_v(result, "en")} is not described as "{en_class}".',
        ),
        Texts(
            f"{fr} : élément référencé non décrit comme « {fr_class} »",
            f'{en}: referenced element not described as "{en_class}"',
        ),
    )


@writes("NodeConstraintComponent")
def _node(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    target = rule.param("node")
    fr_shape = rule.names.for_node_shape(target, "fr") if target is not None else "?"
    en_shape = rule.names.for_node_shape(target, "en") if target is not None else "?"
    fr, en = rule.name.fr, rule.name.en
    value_fr = "la valeur" if parse_term(result.value or '""').kind == "bnode" else _v(result, "fr")
    value_en = "the value" if parse_term(result.value or '""').kind == "bnode" else _v(result, "en")
    return (
        Texts(
            f"{fr} : {value_fr} ne respecte pas les règles de « {fr_shape} ».",
            f'{en}: {value_en} does not follow the rules of "{en_shape}".',
        ),
        Texts(
            f"{fr} : valeur qui ne respecte pas les règles de « {fr_shape} »",
            f'{en} breaks the rules of "{en_shape}"',
        ),
    )


def _describe_alternative(rule: Rule, member: Node, lang: str) -> str:
    graph = rule.graph
    pattern = graph.value(member, SH.pattern)
    if isinstance(pattern, Literal):
        match = re.fullmatch(r"\^([^\\^$.*+?()\[\]{}|]*)\$", str(pattern))
        if match:
            return match.group(1)
    for local in ("hasValue",):
        value = graph.value(member, SH[local])
        if value is not None:
            return str(value)
    codes = graph.value(member, SH["in"])
    if codes is not None:
        return _listed(list(Collection(graph, codes)), lang)
    datatype = graph.value(member, SH.datatype)
    if datatype is not None:
        return datatype_texts(str(datatype)).get(lang)
    cls = graph.value(member, SH["class"])
    if cls is not None:
        return rule.names.for_class(str(cls), lang)
    return rule.names.for_node_shape(member, lang)


@writes("OrConstraintComponent")
def _or(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    members = rule.param_list("or")
    fr_alt = ", ".join(_describe_alternative(rule, m, "fr") for m in members)
    en_alt = ", ".join(_describe_alternative(rule, m, "en") for m in members)
    fr, en = rule.name.fr, rule.name.en
    return (
        Texts(
            f"{fr} : {_v(result, 'fr')} ne correspond à aucune des possibilités acceptées ({fr_alt}).",
            f"{en}: {_v(result, 'en')} matches none of the accepted possibilities ({en_alt}).",
        ),
        Texts(
            f"{fr} : valeur hors des possibilités acceptées ({fr_alt})",
            f"{en}: value outside the accepted possibilities ({en_alt})",
        ),
    )


@writes("AndConstraintComponent")
def _and(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    fr, en = rule.name.fr, rule.name.en
    return (
        Texts(
            f"{fr} : {_v(result, 'fr')} ne respecte pas toutes les règles exigées ensemble.",
            f"{en}: {_v(result, 'en')} does not follow all the rules required together.",
        ),
        Texts(f"{fr} : règles exigées ensemble non respectées", f"{en}: rules required together not met"),
    )


@writes("XoneConstraintComponent")
def _xone(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    members = rule.param_list("xone")
    fr_alt = ", ".join(_describe_alternative(rule, m, "fr") for m in members)
    en_alt = ", ".join(_describe_alternative(rule, m, "en") for m in members)
    fr, en = rule.name.fr, rule.name.en
    return (
        Texts(
            f"{fr} : {_v(result, 'fr')} doit correspondre à exactement une possibilité ({fr_alt}).",
            f"{en}: {_v(result, 'en')} must match exactly one possibility ({en_alt}).",
        ),
        Texts(
            f"{fr} : ne correspond pas à exactement une possibilité ({fr_alt})",
            f"{en}: does not match exactly one possibility ({en_alt})",
        ),
    )


@writes("NotConstraintComponent")
def _not(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    fr, en = rule.name.fr, rule.name.en
    return (
        Texts(
            f"{fr} : {_v(result, 'fr')} a une forme que la règle interdit.",
            f"{en}: {_v(result, 'en')} has a form the rule forbids.",
        ),
        Texts(f"{fr} : forme interdite", f"{en}: forbidden form"),
    )


def _pair(local: str, fr_text: str, fr_rule: str, en_text: str) -> Writer:
    def write(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
        other = rule.param(local)
        fr_other = rule.names.for_iri(str(other), "fr") if other is not None else "?"
        en_other = rule.names.for_iri(str(other), "en") if other is not None else "?"
        fr, en = rule.name.fr, rule.name.en
        return (
            Texts(
                f"{fr} : {_v(result, 'fr')} {fr_text} « {fr_other} ».",
                f'{en}: {_v(result, "en")} {en_text} "{en_other}".',
            ),
            Texts(f"{fr} : {fr_rule} « {fr_other} »", f'{en} {en_text} "{en_other}"'),
        )

    return write


WRITERS[SH_NS + "EqualsConstraintComponent"] = _pair(
    "equals", "doit être égal à la valeur de", "valeur différente de celle de", "must equal the value of"
)
WRITERS[SH_NS + "DisjointConstraintComponent"] = _pair(
    "disjoint",
    "ne doit pas être aussi la valeur de",
    "valeur identique à celle de",
    "must not also be the value of",
)
WRITERS[SH_NS + "LessThanConstraintComponent"] = _pair(
    "lessThan",
    "doit être strictement inférieur à la valeur de",
    "valeur qui n'est pas strictement inférieure à celle de",
    "must be less than the value of",
)
WRITERS[SH_NS + "LessThanOrEqualsConstraintComponent"] = _pair(
    "lessThanOrEquals",
    "doit être inférieur ou égal à la valeur de",
    "valeur supérieure à celle de",
    "must not be greater than the value of",
)


@writes("UniqueLangConstraintComponent")
def _unique_lang(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    fr, en = rule.name.fr, rule.name.en
    lang = _v(result, "fr")
    return (
        Texts(
            f"{fr} : plusieurs valeurs dans la même langue ({lang}).",
            f"{en}: several values in the same language ({lang}).",
        ),
        Texts(f"{fr} : plusieurs valeurs dans la même langue", f"{en}: several values in one language"),
    )


@writes("LanguageInConstraintComponent")
def _language_in(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    accepted = _listed(rule.param_list("languageIn"), "fr")
    fr, en = rule.name.fr, rule.name.en
    return (
        Texts(
            f"{fr} : {_v(result, 'fr')} n'est pas dans une langue acceptée ({accepted}).",
            f"{en}: {_v(result, 'en')} is not in an accepted language ({accepted}).",
        ),
        Texts(f"{fr} : langue non acceptée ({accepted})", f"{en}: language not accepted ({accepted})"),
    )


@writes("HasValueConstraintComponent")
def _has_value(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    expected = rule.param("hasValue")
    shown = f'"{expected}"' if isinstance(expected, Literal) else str(expected)
    fr, en = rule.name.fr, rule.name.en
    return (
        Texts(f"{fr} : la valeur {shown} est exigée.", f"{en}: the value {shown} is required."),
        Texts(f"{fr} : valeur {shown} absente", f"{en}: value {shown} missing"),
    )


@writes("ClosedConstraintComponent")
def _closed(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    iris = _path_iris(result.result_path)
    prop = local_name(iris[-1]) if iris else "?"
    return (
        Texts(
            f"propriété non prévue par le standard : {prop} (valeur {_v(result, 'fr')}).",
            f"property not part of the standard: {prop} (value {_v(result, 'en')}).",
        ),
        Texts(f"propriété non prévue par le standard : {prop}", f"property not part of the standard: {prop}"),
    )


def _qualified(local: str, fr_text: str, en_text: str) -> Writer:
    def write(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
        n = rule.param_text(local)
        target = rule.param("qualifiedValueShape")
        fr_shape = rule.names.for_node_shape(target, "fr") if target is not None else "?"
        en_shape = rule.names.for_node_shape(target, "en") if target is not None else "?"
        fr, en = rule.name.fr, rule.name.en
        return (
            Texts(
                f"{fr} : {fr_text.format(n)} conformes à « {fr_shape} ».",
                f'{en}: {en_text.format(n)} matching "{en_shape}".',
            ),
            Texts(
                f"{fr} : {fr_text.format(n)} conformes à « {fr_shape} »",
                f'{en}: {en_text.format(n)} matching "{en_shape}"',
            ),
        )

    return write


WRITERS[SH_NS + "QualifiedMinCountConstraintComponent"] = _qualified(
    "qualifiedMinCount", "au moins {} valeur(s) attendue(s)", "at least {} value(s) required"
)
WRITERS[SH_NS + "QualifiedMaxCountConstraintComponent"] = _qualified(
    "qualifiedMaxCount", "au plus {} valeur(s) permise(s)", "at most {} value(s) allowed"
)


@writes("SPARQLConstraintComponent")
def _sparql(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    fr, en = rule.name.fr, rule.name.en
    descriptions: dict[str, str] = {}
    if rule.shape is not None:
        for text in rule.graph.objects(rule.shape, SH.description):
            if isinstance(text, Literal) and text.language in LANGUAGES:
                descriptions.setdefault(text.language, str(text))
    fr_rule = descriptions.get("fr", "règle non respectée")
    en_rule = descriptions.get("en", "rule not met")
    value_fr = f" (valeur {_v(result, 'fr')})" if result.value is not None else ""
    value_en = f" (value {_v(result, 'en')})" if result.value is not None else ""
    return (
        Texts(
            _sentence(f"{fr} : {fr_rule.rstrip('.')}{value_fr}"),
            _sentence(f"{en}: {en_rule.rstrip('.')}{value_en}"),
        ),
        Texts(f"{fr} : {fr_rule.rstrip('.')}", f"{en}: {en_rule.rstrip('.')}"),
    )


def generic_message(rule: Rule, result: ValidationResult) -> tuple[Texts, Texts]:
    """Any other component (a custom one): the rule's name and the value."""
    component = local_name(rule.component).removesuffix("ConstraintComponent")
    fr, en = rule.name.fr, rule.name.en
    value_fr = f" {_v(result, 'fr')}" if result.value is not None else ""
    value_en = f" {_v(result, 'en')}" if result.value is not None else ""
    return (
        Texts(
            f"{fr} :{value_fr} ne respecte pas la règle « {component} ».",
            f'{en}:{value_en} breaks the rule "{component}".',
        ),
        Texts(f"{fr} : règle « {component} » non respectée", f'{en}: rule "{component}" not met'),
    )


def has_specific_message(component: str) -> bool:
    """Whether ``component`` (an IRI) has a message of its own rather than the generic one."""
    return component in WRITERS


# ---------------------------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------------------------


_MAX_RULES = 4096
"""Rules an ``Explainer`` remembers (it lives as long as its release in a worker)."""


class Explainer:
    """Writes messages for results of one shapes graph (names and rules looked up once; the shapes
    graph is never changed afterwards, so one explainer serves every request of a release)."""

    def __init__(self, shapes: rdflib.Graph) -> None:
        self.graph = shapes
        self.names = ShapeNames(shapes)
        self._rules: dict[tuple[str, str, str | None, Severity], Rule] = {}

    def rule_for(self, result: ValidationResult) -> Rule:
        key = result.rule_key
        rule = self._rules.get(key)
        if rule is None:
            shape = self._shape_node(result.source_shape, result)
            rule = Rule(
                shape=shape,
                component=result.constraint_component,
                path=result.result_path,
                severity=result.severity,
                name=self._name(shape, result),
                graph=self.graph,
                names=self.names,
            )
            if len(self._rules) >= _MAX_RULES:  # an engine's fresh blank nodes must not grow it forever
                self._rules.clear()
            self._rules[key] = rule
        return rule

    def _name(self, shape: Node | None, result: ValidationResult) -> Texts:
        if result.result_path is None and shape is not None:
            return Texts(self.names.for_node_shape(shape, "fr"), self.names.for_node_shape(shape, "en"))
        return self.names.for_shape(shape, result.result_path)

    def _shape_node(self, nt: str, result: ValidationResult) -> Node | None:
        term = parse_term(nt)
        node: Node = URIRef(term.text) if term.kind == "iri" else BNode(term.text)
        if (node, None, None) in self.graph:
            return node
        return self._shape_by_path(result)

    def _shape_by_path(self, result: ValidationResult) -> Node | None:
        """A shape whose labels did not survive (an engine's own blank node): one with the same
        path and the component's parameter."""
        from registry.validate.terms import path_to_sparql

        parameter = _COMPONENT_PARAMETERS.get(result.constraint_component)
        for shape, path in sorted(self.graph.subject_objects(SH.path), key=_pair_key):
            try:
                if path_to_sparql(self.graph, path) != result.result_path:
                    continue
            except ValueError:
                continue
            if parameter is None or (shape, SH[parameter], None) in self.graph:
                return shape
        return None

    def _fixed_messages(self, rule: Rule, result: ValidationResult) -> dict[str, str]:
        """The shape's own ``sh:message`` per language when none is a template (then it says the
        rule without the value, and serves as the rule's summary)."""
        found: dict[str, str] = {}
        holders = [rule.shape]
        if result.source_constraint is not None:
            term = parse_term(result.source_constraint)
            holders.append(URIRef(term.text) if term.kind == "iri" else BNode(term.text))
        for holder in holders:
            if holder is None:
                continue
            for text in self.graph.objects(holder, SH.message):
                if not isinstance(text, Literal) or text.language not in LANGUAGES:
                    continue
                if re.search(r"\{[?$]", str(text)):
                    return {}
                found.setdefault(text.language, str(text))
        return found

    def explain(self, result: ValidationResult) -> ValidationResult:
        rule = self.rule_for(result)
        writer = WRITERS.get(result.constraint_component, generic_message)
        message, rule_texts = writer(rule, result)
        own = {lang: text for lang, text in result.messages if lang in LANGUAGES}
        fixed = self._fixed_messages(rule, result)
        if all(lang in fixed for lang in LANGUAGES):
            rule_texts = Texts(fixed["fr"].rstrip(". "), fixed["en"].rstrip(". "))
        if all(lang in own for lang in LANGUAGES):
            focus = parse_term(result.focus_node)
            if focus.kind == "literal" and f'"{focus.text}"' not in own["fr"]:
                own = {
                    lang: f'"{focus.text}" : {text}' if lang == "fr" else f'"{focus.text}": {text}'
                    for lang, text in own.items()
                }
            messages = own
        else:
            messages = {lang: own.get(lang) or message.get(lang) for lang in LANGUAGES}
        others = tuple((lang, text) for lang, text in result.messages if lang and lang not in LANGUAGES)
        return replace(
            result,
            messages=tuple((lang, messages[lang]) for lang in LANGUAGES) + others,
            rule_messages=tuple((lang, rule_texts.get(lang)) for lang in LANGUAGES),
        )


_COMPONENT_PARAMETERS = {
    SH_NS + f"{name[0].upper()}{name[1:]}ConstraintComponent": name
    for name in [
        "minCount",
        "maxCount",
        "datatype",
        "nodeKind",
        "pattern",
        "minInclusive",
        "maxInclusive",
        "minExclusive",
        "maxExclusive",
        "minLength",
        "maxLength",
        "in",
        "class",
        "node",
        "or",
        "and",
        "xone",
        "not",
        "equals",
        "disjoint",
        "lessThan",
        "lessThanOrEquals",
        "uniqueLang",
        "languageIn",
        "hasValue",
        "closed",
    ]
}
_COMPONENT_PARAMETERS[SH_NS + "QualifiedMinCountConstraintComponent"] = "qualifiedMinCount"
_COMPONENT_PARAMETERS[SH_NS + "QualifiedMaxCountConstraintComponent"] = "qualifiedMaxCount"
_COMPONENT_PARAMETERS[SH_NS + "SPARQLConstraintComponent"] = "sparql"


def add_messages(results: list[ValidationResult], shapes: rdflib.Graph) -> list[ValidationResult]:
    """The results, each with a French and an English message and the rule it breaks."""
    if not results:
        return results
    explainer = Explainer(shapes)
    return [explainer.explain(result) for result in results]
