"""What the web pages show, computed from the catalogue (no web framework here)."""

from __future__ import annotations

from dataclasses import dataclass

import rdflib
from markdown_it import MarkdownIt
from rdflib.namespace import DCTERMS, OWL, RDF

from registry.catalog.releases import Release, ReleaseCatalog
from registry.publish.terms import vocabulary


@dataclass(frozen=True)
class CatalogueRow:
    domain: str
    title_fr: str
    title_en: str
    latest: str
    status: str
    versions: list[str]


def titles(release: Release) -> dict[str, str]:
    """The standard's title by language, from its vocabulary's ontology header."""
    graph = vocabulary(release)
    ontology = graph.value(predicate=RDF.type, object=OWL.Ontology)
    return {
        obj.language: str(obj)
        for obj in graph.objects(ontology, DCTERMS.title)
        if isinstance(obj, rdflib.Literal) and obj.language
    }


def catalogue_rows(catalog: ReleaseCatalog) -> list[CatalogueRow]:
    rows = []
    for domain in catalog.domains():
        latest = catalog.resolve(domain)
        names = titles(latest)
        rows.append(
            CatalogueRow(
                domain=domain,
                title_fr=names.get("fr", domain),
                title_en=names.get("en", domain),
                latest=latest.version,
                status=latest.status,
                versions=[r.version for r in catalog.releases(domain)],
            )
        )
    return rows


_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


def documentation_html(release: Release) -> str:
    """The release's Markdown documentation as HTML (raw HTML in the source is not passed through)."""
    text = release.artifact_path("documentation.md").read_text(encoding="utf-8")
    return str(_MARKDOWN.render(text))
