"""Term descriptions read from a release's published vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from registry.catalog.releases import Release
from registry.errors import NotFoundError

QUDT_UCUM = rdflib.URIRef("http://qudt.org/schema/qudt/ucumCode")
SCHEMA_DOMAIN = rdflib.URIRef("http://schema.org/domainIncludes")
CODE_LIST = rdflib.URIRef("https://w3id.org/socle/def/core/codeList")


@lru_cache(maxsize=64)
def _vocabulary(path: Path, sha256: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=path.read_bytes(), format="nt")


def vocabulary(release: Release) -> rdflib.Graph:
    """The release's vocabulary graph (parsed once per artifact digest)."""
    path = release.artifact_path("vocabulary.nt")
    return _vocabulary(path, release.artifacts["vocabulary.nt"]["sha256"])


@dataclass
class TermView:
    """What a term page shows."""

    iri: str
    kind: str
    labels: dict[str, str]
    definitions: dict[str, str]
    facts: list[tuple[str, str, str | None]] = field(default_factory=list)
    """(label, text, link) rows."""
    values: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    """Code list values: (code, labels, iri)."""


def _by_lang(graph: rdflib.Graph, term: rdflib.term.Node, predicate: rdflib.URIRef) -> dict[str, str]:
    return {
        (o.language or ""): str(o) for o in graph.objects(term, predicate) if isinstance(o, rdflib.Literal)
    }


def describe(release: Release, iri: str) -> rdflib.Graph:
    """The term's concise description (its own triples; a code list with its values)."""
    graph = vocabulary(release)
    term = rdflib.URIRef(iri)
    if (term, None, None) not in graph:
        raise NotFoundError(f"{iri} is not a term of {release.ref}")
    out = rdflib.Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    subjects: list[rdflib.term.Node] = [term]
    if (term, RDF.type, SKOS.ConceptScheme) in graph:
        subjects += list(graph.subjects(SKOS.inScheme, term))
    for subject in subjects:
        for p, o in graph.predicate_objects(subject):
            out.add((subject, p, o))
    return out


def term_view(release: Release, iri: str) -> TermView:
    graph = vocabulary(release)
    term = rdflib.URIRef(iri)
    types = set(graph.objects(term, RDF.type))
    if not types:
        raise NotFoundError(f"{iri} is not a term of {release.ref}")
    kind = (
        "class"
        if OWL.Class in types
        else "code list"
        if SKOS.ConceptScheme in types
        else "code"
        if SKOS.Concept in types
        else "property"
    )
    labels = _by_lang(graph, term, RDFS.label) or _by_lang(graph, term, SKOS.prefLabel)
    view = TermView(iri=iri, kind=kind, labels=labels, definitions=_by_lang(graph, term, SKOS.definition))
    for predicate, name in (
        (RDFS.subClassOf, "subclass of / sous-classe de"),
        (RDFS.range, "range / portée"),
        (SCHEMA_DOMAIN, "used by / utilisé par"),
        (CODE_LIST, "code list / liste de codes"),
        (QUDT_UCUM, "unit (UCUM) / unité"),
        (SKOS.notation, "code"),
        (SKOS.inScheme, "in code list / dans la liste"),
        (SKOS.exactMatch, "exact match"),
        (SKOS.closeMatch, "close match"),
        (SKOS.hiddenLabel, "column names / noms de colonne"),
        (SKOS.altLabel, "accepted aliases / alias acceptés"),
    ):
        for value in sorted(graph.objects(term, predicate), key=str):
            link = str(value) if isinstance(value, rdflib.URIRef) else None
            view.facts.append((name, str(value), link))
    if kind == "class":
        for prop in sorted(graph.subjects(SCHEMA_DOMAIN, term), key=str):
            label = _by_lang(graph, prop, RDFS.label)
            view.facts.append(
                ("property / propriété", f"{label.get('fr', '')} / {label.get('en', '')}", str(prop))
            )
    if kind == "code list":
        for concept in sorted(graph.subjects(SKOS.inScheme, term), key=str):
            code = str(graph.value(concept, SKOS.notation))
            view.values.append((code, _by_lang(graph, concept, SKOS.prefLabel), str(concept)))
    return view
