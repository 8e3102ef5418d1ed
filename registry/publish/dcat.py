"""The DCAT catalogue of every standard and version (DCAT-AP 3), served at ``/catalog``.

One ``dcat:Catalog`` at ``{base}catalog``; each standard a ``dcat:DatasetSeries`` at ``{base}def/{domain}``
(its vocabulary's ontology IRI); each release a ``dcat:Dataset`` at its version IRI
``{base}def/{domain}/{version}``, ``dcat:inSeries`` its standard, with one ``dcat:Distribution`` per
artifact (``{version IRI}#{name}``): accessed at ``{base}def/{domain}/{version}/{name}``, downloaded there
or at the content-addressed ``{base}artifacts/{sha256}``, with its IANA media type, size and SHA-256.
The catalogue also lists the read-only SPARQL endpoint as a ``dcat:DataService``.

Each version's ``dct:issued`` is its release time, ``dct:modified`` its last status change and
``adms:status`` its current status (the exact status also as ``core:status``). Titles, descriptions
and the licence come from each vocabulary's ontology header. No blank nodes, so every serialisation of
one catalogue state (releases, statuses and when they changed) is the same bytes (and the same strong
ETag).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime

import rdflib
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, XSD
from sqlalchemy import func, select

from registry.build.namespaces import CORE
from registry.catalog.models import ReleaseRow, StatusChangeRow
from registry.catalog.releases import Release, ReleaseCatalog
from registry.publish.terms import vocabulary

ADMS = rdflib.Namespace("http://www.w3.org/ns/adms#")
ADMS_STATUS = rdflib.Namespace("http://purl.org/adms/status/")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
DCAT3 = rdflib.Namespace("http://www.w3.org/ns/dcat#")
"""DCAT 3 terms (rdflib's closed ``DCAT`` namespace predates them)."""
IANA = "http://www.iana.org/assignments/media-types/"
SPARQL_11_QUERY = rdflib.URIRef("https://www.w3.org/TR/sparql11-query/")
LANGUAGES = (
    rdflib.URIRef("http://publications.europa.eu/resource/authority/language/FRA"),
    rdflib.URIRef("http://publications.europa.eu/resource/authority/language/ENG"),
)

PUBLISHER_NAMES = {
    "fr": "Conseil national des données des territoires connectés",
    "en": "National council for smart-territory data",
}
CATALOG_TITLES = {
    "fr": "Socle — catalogue des standards de données des territoires connectés",
    "en": "Socle — catalogue of data standards for smart territories",
}
CATALOG_DESCRIPTIONS = {
    "fr": "Les standards de données partagés des territoires connectés, chacun dans toutes ses "
    "versions : vocabulaires RDF, formes SHACL, contextes JSON-LD, schémas JSON, modèles Python et "
    "gabarits CSV.",
    "en": "The shared data standards of smart territories, each in every version: RDF vocabularies, "
    "SHACL shapes, JSON-LD contexts, JSON Schemas, Python models and CSV templates.",
}
SPARQL_TITLES = {
    "fr": "Point d'accès SPARQL en lecture seule",
    "en": "Read-only SPARQL endpoint",
}
DEFAULT_LICENSE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

STATUS_IRIS = {
    "draft": ADMS_STATUS.UnderDevelopment,
    "candidate": ADMS_STATUS.UnderDevelopment,
    "standard": ADMS_STATUS.Completed,
    "deprecated": ADMS_STATUS.Deprecated,
    "retired": ADMS_STATUS.Withdrawn,
}
"""Socle's statuses on the ADMS status vocabulary (the exact status is also given as ``core:status``)."""

REGISTERED_MEDIA_TYPES = {
    # types the bundles use that IANA does not register: the registered type they are an instance of
    "application/schema+json": "application/json",
    "text/x-python": "text/plain",
}


def media_type_iri(media_type: str) -> rdflib.URIRef:
    """The IANA registry IRI of a media type (unregistered ones mapped to the type they refine)."""
    essence = media_type.split(";", 1)[0].strip().lower()
    return rdflib.URIRef(IANA + REGISTERED_MEDIA_TYPES.get(essence, essence))


Changed = dict[tuple[str, str], datetime]
"""When each release's status last changed, by ``(domain, version)``."""


def status_changed_at(catalog: ReleaseCatalog) -> Changed:
    """The time of each release's last status change (its publication if it never changed), in one
    query."""
    query = (
        select(ReleaseRow.domain, ReleaseRow.version, func.max(StatusChangeRow.changed_at))
        .join(StatusChangeRow, StatusChangeRow.release_id == ReleaseRow.id)
        .group_by(ReleaseRow.domain, ReleaseRow.version)
    )
    with catalog.db.read() as session:
        rows = session.execute(query).all()
    return {(domain, version): when for domain, version, when in rows if when is not None}


@dataclass(frozen=True)
class CatalogState:
    """What the catalogue is computed from: every release, its status, when it was released and when
    its status last changed, and its manifest's location."""

    base_uri: str
    releases: tuple[tuple[str, str, str, str, str, str], ...]

    @classmethod
    def of(cls, releases: list[Release], changed: Changed, base_uri: str) -> CatalogState:
        return cls(
            base_uri,
            tuple(
                (
                    r.domain,
                    r.version,
                    r.status,
                    str(r.directory),
                    _isoformat(r.created_at),
                    _isoformat(changed.get((r.domain, r.version))),
                )
                for r in releases
            ),
        )


def _isoformat(when: datetime | None) -> str:
    return when.astimezone(UTC).isoformat() if when is not None else ""


def _instant(when: datetime) -> rdflib.Literal:
    """An ``xsd:dateTime`` in UTC, to the second."""
    moment = when.astimezone(UTC).replace(microsecond=0)
    return rdflib.Literal(moment.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)


def _lang_literals(
    graph: rdflib.Graph, subject: rdflib.term.Node, predicate: rdflib.URIRef
) -> dict[str, str]:
    return {
        o.language: str(o)
        for o in graph.objects(subject, predicate)
        if isinstance(o, rdflib.Literal) and o.language
    }


def _add_texts(
    graph: rdflib.Graph, subject: rdflib.URIRef, predicate: rdflib.URIRef, texts: dict[str, str]
) -> None:
    for lang, text in sorted(texts.items()):
        graph.add((subject, predicate, rdflib.Literal(text, lang=lang)))


def _add_release(
    graph: rdflib.Graph,
    base_uri: str,
    release: Release,
    catalog_iri: rdflib.URIRef,
    modified: datetime | None,
) -> rdflib.URIRef:
    vocab = vocabulary(release)
    ontology = vocab.value(predicate=RDF.type, object=OWL.Ontology)
    titles = _lang_literals(vocab, ontology, DCTERMS.title) if ontology is not None else {}
    descriptions = _lang_literals(vocab, ontology, DCTERMS.description) if ontology is not None else {}
    titles = titles or {"en": release.domain}
    descriptions = descriptions or titles
    license_iri = vocab.value(ontology, DCTERMS.license) if ontology is not None else None
    licence = license_iri if isinstance(license_iri, rdflib.URIRef) else rdflib.URIRef(DEFAULT_LICENSE)
    publisher = rdflib.URIRef(f"{base_uri}catalog#publisher")

    series = rdflib.URIRef(f"{base_uri}def/{release.domain}")
    if (series, RDF.type, DCAT3.DatasetSeries) not in graph:
        graph.add((series, RDF.type, DCAT.Dataset))
        graph.add((series, RDF.type, DCAT3.DatasetSeries))
        _add_texts(graph, series, DCTERMS.title, titles)
        _add_texts(graph, series, DCTERMS.description, descriptions)
        graph.add((series, DCTERMS.identifier, rdflib.Literal(release.domain)))
        graph.add((series, DCTERMS.publisher, publisher))
        graph.add((series, DCTERMS.license, licence))
        graph.add((catalog_iri, DCAT.dataset, series))

    dataset = rdflib.URIRef(f"{base_uri}def/{release.domain}/{release.version}")
    graph.add((catalog_iri, DCAT.dataset, dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    _add_texts(graph, dataset, DCTERMS.title, {k: f"{v} {release.version}" for k, v in titles.items()})
    _add_texts(graph, dataset, DCTERMS.description, descriptions)
    graph.add((dataset, DCTERMS.identifier, rdflib.Literal(release.ref)))
    graph.add((dataset, OWL.versionInfo, rdflib.Literal(release.version)))
    graph.add((dataset, DCAT3.version, rdflib.Literal(release.version)))
    graph.add((dataset, DCAT3.inSeries, series))
    graph.add((dataset, DCAT.landingPage, dataset))
    graph.add((dataset, ADMS.status, STATUS_IRIS.get(release.status, ADMS_STATUS.UnderDevelopment)))
    graph.add((dataset, CORE.status, rdflib.Literal(release.status)))
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((dataset, DCTERMS.license, licence))
    graph.add((dataset, DCAT.keyword, rdflib.Literal(release.domain)))
    for language in LANGUAGES:
        graph.add((dataset, DCTERMS.language, language))
    if release.created_at is not None:
        graph.add((dataset, DCTERMS.issued, _instant(release.created_at)))
    last_change = modified or release.created_at
    if last_change is not None:
        graph.add((dataset, DCTERMS.modified, _instant(last_change)))
    for module, version in sorted(release.manifest.get("imports", {}).items()):
        graph.add((dataset, DCTERMS.requires, rdflib.URIRef(f"{base_uri}def/{module}/{version}")))

    for name, artifact in sorted(release.artifacts.items()):
        distribution = rdflib.URIRef(f"{dataset}#{name}")
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCTERMS.title, rdflib.Literal(name)))
        access = rdflib.URIRef(f"{dataset}/{name}")
        content = rdflib.URIRef(f"{base_uri}artifacts/{artifact['sha256']}")
        graph.add((distribution, DCAT.accessURL, access))
        graph.add((distribution, DCAT.downloadURL, access))
        graph.add((distribution, DCAT.downloadURL, content))
        media = media_type_iri(str(artifact["media_type"]))
        graph.add((distribution, DCAT.mediaType, media))
        graph.add((media, RDF.type, DCTERMS.MediaType))
        graph.add(
            (
                distribution,
                DCAT.byteSize,
                rdflib.Literal(int(artifact["size"]), datatype=XSD.nonNegativeInteger),
            )
        )
        checksum = rdflib.URIRef(f"{content}#sha256")
        graph.add((distribution, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((checksum, SPDX.checksumValue, rdflib.Literal(artifact["sha256"], datatype=XSD.hexBinary)))
        graph.add((distribution, DCTERMS.license, licence))
        graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    return dataset


def catalog_graph(catalog: ReleaseCatalog, base_uri: str) -> rdflib.Graph:
    """The DCAT catalogue of every release in ``catalog``, with IRIs under ``base_uri``."""
    return _catalog_graph(catalog.releases(), status_changed_at(catalog), base_uri)


def _catalog_graph(releases: list[Release], changed: Changed, base_uri: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("owl", OWL),
        ("adms", ADMS),
        ("spdx", SPDX),
        ("xsd", XSD),
        ("core", CORE),
    ):
        graph.bind(prefix, namespace, override=True, replace=True)
    catalog_iri = rdflib.URIRef(f"{base_uri}catalog")
    publisher = rdflib.URIRef(f"{base_uri}catalog#publisher")
    graph.add((catalog_iri, RDF.type, DCAT.Catalog))
    _add_texts(graph, catalog_iri, DCTERMS.title, CATALOG_TITLES)
    _add_texts(graph, catalog_iri, DCTERMS.description, CATALOG_DESCRIPTIONS)
    graph.add((catalog_iri, DCTERMS.publisher, publisher))
    graph.add((catalog_iri, FOAF.homepage, rdflib.URIRef(base_uri)))
    graph.add((catalog_iri, DCTERMS.license, rdflib.URIRef(DEFAULT_LICENSE)))
    graph.add((rdflib.URIRef(DEFAULT_LICENSE), RDF.type, DCTERMS.LicenseDocument))
    for language in LANGUAGES:
        graph.add((catalog_iri, DCTERMS.language, language))
    graph.add((publisher, RDF.type, FOAF.Agent))
    _add_texts(graph, publisher, FOAF.name, PUBLISHER_NAMES)

    service = rdflib.URIRef(f"{base_uri}sparql")
    graph.add((catalog_iri, DCAT.service, service))
    graph.add((service, RDF.type, DCAT.DataService))
    _add_texts(graph, service, DCTERMS.title, SPARQL_TITLES)
    graph.add((service, DCAT.endpointURL, service))
    graph.add((service, DCTERMS.conformsTo, SPARQL_11_QUERY))
    graph.add((service, DCTERMS.publisher, publisher))

    graph.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
    for release in releases:
        modified = changed.get((release.domain, release.version))
        dataset = _add_release(graph, base_uri, release, catalog_iri, modified)
        graph.add((service, DCAT.servesDataset, dataset))
    return graph


_CACHE: OrderedDict[tuple[CatalogState, str], bytes] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 16


def serialised_catalog(catalog: ReleaseCatalog, base_uri: str, rdflib_format: str) -> bytes:
    """The catalogue in one RDF syntax (an rdflib format name), computed once per catalogue state."""
    releases = catalog.releases()
    changed = status_changed_at(catalog)
    key = (CatalogState.of(releases, changed, base_uri), rdflib_format)
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    graph = _catalog_graph(releases, changed, base_uri)
    data = bytes(graph.serialize(format=rdflib_format, encoding="utf-8"))
    with _CACHE_LOCK:
        _CACHE[key] = data
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return data
