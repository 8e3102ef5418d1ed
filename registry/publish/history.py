"""The status history of a release, published as RDF (DESIGN.md decision 8).

Served at ``{base}def/{domain}/{version}/history``. The release (its version IRI) gets its status as
``adms:status``, on the ADMS status vocabulary where one of its concepts means the same thing
(draft: under development; standard: completed; deprecated; retired: withdrawn) and on the
registry's own status IRI otherwise (a candidate, under public consultation), and always as
``gov:status``, the registry's own concept. Each transition is a ``prov:Activity`` (and a
``gov:StatusChange``) at ``{history}#change-{n}``: when (``prov:startedAtTime`` =
``prov:endedAtTime``, and ``dcterms:date``), who (``prov:wasAssociatedWith`` a ``prov:Agent`` named
by ``foaf:name``), why (``rdfs:comment``), and from which status to which (``gov:fromStatus``,
``gov:toStatus``; publication has no ``fromStatus``).

The registry's own terms form a small hash-namespace vocabulary at ``{base}governance``
(:func:`governance_graph`): the concept scheme of statuses, one ``skos:Concept`` per status mapped to
ADMS, the class ``gov:StatusChange`` and its properties, all labelled in French and English.
No blank nodes: one history gives the same bytes (and the same strong ETag) every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

import rdflib
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from registry.catalog.models import ReleaseStatus
from registry.catalog.releases import StatusChange

ADMS = rdflib.Namespace("http://www.w3.org/ns/adms#")
ADMS_STATUS = rdflib.Namespace("http://purl.org/adms/status/")

ADMS_EQUIVALENTS = {
    ReleaseStatus.DRAFT: ADMS_STATUS.UnderDevelopment,
    ReleaseStatus.STANDARD: ADMS_STATUS.Completed,
    ReleaseStatus.DEPRECATED: ADMS_STATUS.Deprecated,
    ReleaseStatus.RETIRED: ADMS_STATUS.Withdrawn,
}
"""Statuses an ADMS status concept means exactly; a candidate is only a narrower kind of
``UnderDevelopment`` (a release under public consultation)."""

STATUS_TEXTS: dict[ReleaseStatus, tuple[str, str, str, str]] = {
    ReleaseStatus.DRAFT: (
        "brouillon",
        "draft",
        "Version en cours de rédaction, publiée pour relecture.",
        "Version being written, published for review.",
    ),
    ReleaseStatus.CANDIDATE: (
        "candidat",
        "candidate",
        "Version soumise à la consultation publique, en attente d'adoption par le conseil.",
        "Version under public consultation, awaiting the council's adoption.",
    ),
    ReleaseStatus.STANDARD: (
        "standard",
        "standard",
        "Version adoptée par le conseil : la référence à suivre.",
        "Version adopted by the council: the reference to follow.",
    ),
    ReleaseStatus.DEPRECATED: (
        "obsolète",
        "deprecated",
        "Version encore servie et utilisable, qu'une version plus récente remplace.",
        "Version still served and usable, replaced by a newer one.",
    ),
    ReleaseStatus.RETIRED: (
        "retiré",
        "retired",
        "Version qui n'est plus recommandée, gardée téléchargeable pour les données existantes.",
        "Version no longer recommended, kept downloadable for existing data.",
    ),
}

_TERMS: dict[str, tuple[rdflib.URIRef, str, str, str, str]] = {
    "StatusChange": (
        OWL.Class,
        "changement de statut",
        "status change",
        "Passage d'une version d'un standard d'un statut au suivant, décidé par un administrateur.",
        "Move of a version of a standard from one status to the next, decided by an administrator.",
    ),
    "ReleaseStatus": (
        SKOS.ConceptScheme,
        "statuts d'une version",
        "release statuses",
        "Étapes de la vie d'une version : brouillon, candidat, standard, obsolète, retiré.",
        "Stages in the life of a version: draft, candidate, standard, deprecated, retired.",
    ),
    "status": (
        OWL.ObjectProperty,
        "statut",
        "status",
        "Statut actuel de la version dans le registre.",
        "Current status of the version in the registry.",
    ),
    "statusChange": (
        OWL.ObjectProperty,
        "changement de statut",
        "status change",
        "Un changement de statut qu'a connu la version.",
        "A status change the version went through.",
    ),
    "fromStatus": (
        OWL.ObjectProperty,
        "statut de départ",
        "from status",
        "Statut de la version avant le changement.",
        "Status of the version before the change.",
    ),
    "toStatus": (
        OWL.ObjectProperty,
        "statut d'arrivée",
        "to status",
        "Statut de la version après le changement.",
        "Status of the version after the change.",
    ),
}


def governance_namespace(base_uri: str) -> rdflib.Namespace:
    """``{base}governance#``: the registry's own governance terms."""
    return rdflib.Namespace(f"{base_uri}governance#")


def status_iri(base_uri: str, status: str) -> rdflib.URIRef:
    """The registry's own concept for ``status``."""
    return governance_namespace(base_uri)[ReleaseStatus(status).value]


def adms_status(base_uri: str, status: str) -> rdflib.URIRef:
    """The ADMS status concept meaning ``status``, else the registry's own concept."""
    chosen = ReleaseStatus(status)
    return ADMS_EQUIVALENTS.get(chosen, status_iri(base_uri, chosen))


def _graph(base_uri: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    for prefix, namespace in (
        ("adms", ADMS),
        ("admsstatus", ADMS_STATUS),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("gov", governance_namespace(base_uri)),
        ("owl", OWL),
        ("prov", PROV),
        ("rdfs", RDFS),
        ("skos", SKOS),
    ):
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def governance_graph(base_uri: str) -> rdflib.Graph:
    """The vocabulary at ``{base}governance``: statuses as SKOS concepts, and the terms of a history."""
    graph = _graph(base_uri)
    gov = governance_namespace(base_uri)
    ontology = rdflib.URIRef(f"{base_uri}governance")
    graph.add((ontology, RDF.type, OWL.Ontology))
    graph.add((ontology, DCTERMS.title, rdflib.Literal("Gouvernance des standards de Socle", lang="fr")))
    graph.add((ontology, DCTERMS.title, rdflib.Literal("Governance of Socle's standards", lang="en")))
    for name, (kind, label_fr, label_en, definition_fr, definition_en) in _TERMS.items():
        term = gov[name]
        graph.add((term, RDF.type, kind))
        graph.add((term, RDFS.isDefinedBy, ontology))
        _texts(graph, term, label_fr, label_en, definition_fr, definition_en)
    graph.add((gov.StatusChange, RDFS.subClassOf, PROV.Activity))
    graph.add((gov.statusChange, RDFS.range, gov.StatusChange))
    for prop in (gov.fromStatus, gov.toStatus):
        graph.add((prop, RDFS.domain, gov.StatusChange))
        graph.add((prop, RDFS.range, SKOS.Concept))
    graph.add((gov.status, RDFS.range, SKOS.Concept))
    scheme = gov.ReleaseStatus
    for status in ReleaseStatus:
        concept = gov[status.value]
        label_fr, label_en, definition_fr, definition_en = STATUS_TEXTS[status]
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((scheme, SKOS.hasTopConcept, concept))
        graph.add((concept, SKOS.notation, rdflib.Literal(status.value)))
        graph.add((concept, SKOS.prefLabel, rdflib.Literal(label_fr, lang="fr")))
        graph.add((concept, SKOS.prefLabel, rdflib.Literal(label_en, lang="en")))
        graph.add((concept, SKOS.definition, rdflib.Literal(definition_fr, lang="fr")))
        graph.add((concept, SKOS.definition, rdflib.Literal(definition_en, lang="en")))
        if status in ADMS_EQUIVALENTS:
            graph.add((concept, SKOS.exactMatch, ADMS_EQUIVALENTS[status]))
        else:
            graph.add((concept, SKOS.broadMatch, ADMS_STATUS.UnderDevelopment))
    return graph


def _texts(
    graph: rdflib.Graph, term: rdflib.URIRef, label_fr: str, label_en: str, def_fr: str, def_en: str
) -> None:
    graph.add((term, RDFS.label, rdflib.Literal(label_fr, lang="fr")))
    graph.add((term, RDFS.label, rdflib.Literal(label_en, lang="en")))
    graph.add((term, SKOS.definition, rdflib.Literal(def_fr, lang="fr")))
    graph.add((term, SKOS.definition, rdflib.Literal(def_en, lang="en")))


def history_iri(base_uri: str, domain: str, version: str) -> str:
    return f"{base_uri}def/{domain}/{version}/history"


def history_graph(
    base_uri: str, domain: str, version: str, status: str, changes: Sequence[StatusChange]
) -> rdflib.Graph:
    """The release's current status and every transition it went through (publication first)."""
    graph = _graph(base_uri)
    gov = governance_namespace(base_uri)
    release = rdflib.URIRef(f"{base_uri}def/{domain}/{version}")
    document = history_iri(base_uri, domain, version)
    graph.add((rdflib.URIRef(document), DCTERMS.subject, release))
    graph.add((release, ADMS.status, adms_status(base_uri, status)))
    graph.add((release, gov.status, status_iri(base_uri, status)))
    for number, change in enumerate(changes, start=1):
        activity = rdflib.URIRef(f"{document}#change-{number}")
        agent = rdflib.URIRef(f"{document}#agent-{quote(change.actor, safe='')}")
        when = rdflib.Literal(change.changed_at.isoformat(), datatype=XSD.dateTime)
        graph.add((release, gov.statusChange, activity))
        graph.add((activity, RDF.type, PROV.Activity))
        graph.add((activity, RDF.type, gov.StatusChange))
        graph.add((activity, PROV.startedAtTime, when))
        graph.add((activity, PROV.endedAtTime, when))
        graph.add((activity, DCTERMS.date, when))
        graph.add((activity, PROV.used, release))
        graph.add((activity, PROV.wasAssociatedWith, agent))
        graph.add((agent, RDF.type, PROV.Agent))
        graph.add((agent, FOAF.name, rdflib.Literal(change.actor)))
        graph.add((activity, RDFS.comment, rdflib.Literal(change.reason)))
        if change.from_status is not None:
            graph.add((activity, gov.fromStatus, status_iri(base_uri, change.from_status)))
        graph.add((activity, gov.toStatus, status_iri(base_uri, change.to_status)))
    return graph
