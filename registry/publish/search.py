"""Search over the terms of every standard's current release (``/search?q=``).

Every class, property, code list and code of each domain's current release (``catalog.resolve``) is
indexed with its French and English labels, its declared aliases (``skos:altLabel``, column names in
``skos:hiddenLabel``, the code's ``skos:notation`` and the IRI's local name) and its definitions.
Matching is accent-, case- and punctuation-insensitive: texts and queries are folded the same way
(``Éclairage``, ``ÉCLAIRAGE`` and ``eclairage`` are one word; ``defective_lamp`` is ``defective lamp``).

Results are ranked by how they match, best first: the exact label, an exact alias, a label starting
with the query, an alias starting with it, every query word starting a word of the label, of an
alias, then of a definition. The index is built once per catalogue state (the current releases and
their vocabularies' digests) and is cheap to rebuild.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from enum import IntEnum

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from registry.build.namespaces import VANN
from registry.catalog.releases import Release, ReleaseCatalog
from registry.errors import NotFoundError
from registry.publish.terms import vocabulary

_NON_WORD = re.compile(r"[^0-9a-z]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O"})
KIND_ORDER = {"class": 0, "code list": 1, "property": 2, "code": 3}


def fold(text: str) -> str:
    """``text`` without accents, case or punctuation: words of ``[0-9a-z]`` separated by one space."""
    text = _CAMEL.sub(" ", text.translate(_LIGATURES))
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", bare).strip()


class Match(IntEnum):
    """How a term matches a query; lower is better."""

    EXACT_LABEL = 0
    EXACT_ALIAS = 1
    LABEL_PREFIX = 2
    ALIAS_PREFIX = 3
    LABEL_WORDS = 4
    ALIAS_WORDS = 5
    DEFINITION_WORDS = 6


@dataclass(frozen=True)
class Entry:
    """One indexed term."""

    iri: str
    link: str
    kind: str
    domain: str
    version: str
    labels: dict[str, str]
    definitions: dict[str, str]
    aliases: tuple[str, ...]
    folded_labels: tuple[str, ...] = field(repr=False)
    folded_aliases: tuple[str, ...] = field(repr=False)
    folded_definitions: tuple[str, ...] = field(repr=False)

    def match(self, query: str, words: list[str]) -> Match | None:
        if query in self.folded_labels:
            return Match.EXACT_LABEL
        if query in self.folded_aliases:
            return Match.EXACT_ALIAS
        if any(label.startswith(query) for label in self.folded_labels):
            return Match.LABEL_PREFIX
        if any(alias.startswith(query) for alias in self.folded_aliases):
            return Match.ALIAS_PREFIX
        if any(_all_words(words, label) for label in self.folded_labels):
            return Match.LABEL_WORDS
        if any(_all_words(words, alias) for alias in self.folded_aliases):
            return Match.ALIAS_WORDS
        if any(_all_words(words, text) for text in self.folded_definitions):
            return Match.DEFINITION_WORDS
        return None


def _all_words(words: list[str], text: str) -> bool:
    """Every query word starts a word of ``text``."""
    return all(f" {word}" in f" {text}" for word in words)


@dataclass(frozen=True)
class Hit:
    entry: Entry
    match: Match

    def as_json(self) -> dict[str, object]:
        e = self.entry
        return {
            "iri": e.iri,
            "link": e.link,
            "kind": e.kind,
            "label": e.labels,
            "definition": e.definitions,
            "domain": e.domain,
            "version": e.version,
            "match": self.match.name.lower(),
        }


def _texts(graph: rdflib.Graph, term: rdflib.term.Node, *predicates: rdflib.URIRef) -> dict[str, str]:
    found: dict[str, str] = {}
    for predicate in predicates:
        for obj in sorted(graph.objects(term, predicate), key=str):
            if isinstance(obj, rdflib.Literal):
                found.setdefault(obj.language or "", str(obj))
        if found:
            break
    return found


def _kind(types: set[rdflib.term.Node]) -> str | None:
    if OWL.Class in types or RDFS.Class in types:
        return "class"
    if SKOS.ConceptScheme in types:
        return "code list"
    if SKOS.Concept in types:
        return "code"
    if types & {RDF.Property, OWL.DatatypeProperty, OWL.ObjectProperty}:
        return "property"
    return None


def release_entries(release: Release) -> list[Entry]:
    """The searchable terms of one release."""
    graph = vocabulary(release)
    ontology = graph.value(predicate=RDF.type, object=OWL.Ontology)
    namespace = str(graph.value(ontology, VANN.preferredNamespaceUri) or "") if ontology is not None else ""
    entries = []
    for term in sorted(set(graph.subjects(RDF.type, None)), key=str):
        if not isinstance(term, rdflib.URIRef) or term == ontology:
            continue
        kind = _kind(set(graph.objects(term, RDF.type)))
        if kind is None:
            continue
        iri = str(term)
        local = iri[len(namespace) :] if namespace and iri.startswith(namespace) else iri.rsplit("/", 1)[-1]
        labels = _texts(graph, term, RDFS.label, SKOS.prefLabel)
        definitions = _texts(graph, term, SKOS.definition, RDFS.comment)
        aliases = sorted(
            {
                str(o)
                for p in (SKOS.altLabel, SKOS.hiddenLabel, SKOS.notation)
                for o in graph.objects(term, p)
                if isinstance(o, rdflib.Literal)
            }
            | {local.rsplit("/", 1)[-1]}
        )
        entries.append(
            Entry(
                iri=iri,
                link=f"/def/{release.domain}/{local}",
                kind=kind,
                domain=release.domain,
                version=release.version,
                labels=labels,
                definitions=definitions,
                aliases=tuple(aliases),
                folded_labels=tuple(sorted({fold(t) for t in labels.values()} - {""})),
                folded_aliases=tuple(sorted({fold(t) for t in aliases} - {""})),
                folded_definitions=tuple(sorted({fold(t) for t in definitions.values()} - {""})),
            )
        )
    return entries


class SearchIndex:
    """The terms of a set of releases, searchable."""

    def __init__(self, releases: list[Release]) -> None:
        self.releases = releases
        self.entries = [entry for release in releases for entry in release_entries(release)]

    def search(self, text: str, *, domain: str | None = None, limit: int = 50) -> list[Hit]:
        query = fold(text)
        if not query:
            return []
        words = query.split()
        hits = []
        for entry in self.entries:
            if domain is not None and entry.domain != domain:
                continue
            found = entry.match(query, words)
            if found is not None:
                hits.append(Hit(entry, found))

        def rank(hit: Hit) -> tuple[int, int, int, str, str]:
            e = hit.entry
            shortest = min((len(label) for label in e.folded_labels), default=0)
            return (hit.match, shortest, KIND_ORDER.get(e.kind, 9), e.domain, e.iri)

        return sorted(hits, key=rank)[:limit]


_INDEXES: OrderedDict[tuple[tuple[str, str, str], ...], SearchIndex] = OrderedDict()
_LOCK = threading.Lock()


def current_releases(catalog: ReleaseCatalog) -> list[Release]:
    """Each domain's current release (latest adopted, else latest candidate)."""
    releases = []
    for domain in catalog.domains():
        try:
            releases.append(catalog.resolve(domain))
        except NotFoundError:  # only drafts or withdrawn versions: nothing current to search
            continue
    return releases


def search_index(catalog: ReleaseCatalog) -> SearchIndex:
    """The index of the catalogue's current releases, built once per catalogue state."""
    releases = current_releases(catalog)
    key = tuple((r.domain, r.version, r.artifacts["vocabulary.nt"]["sha256"]) for r in releases)
    with _LOCK:
        if key in _INDEXES:
            _INDEXES.move_to_end(key)
            return _INDEXES[key]
    index = SearchIndex(releases)
    with _LOCK:
        _INDEXES[key] = index
        while len(_INDEXES) > 4:
            _INDEXES.popitem(last=False)
    return index
