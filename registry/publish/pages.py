"""What the web pages show, computed from the catalogue (no web framework here)."""

from __future__ import annotations

from dataclasses import dataclass

import rdflib
from markdown_it import MarkdownIt
from rdflib.namespace import DCTERMS, OWL, RDF

from registry.catalog.models import ReleaseStatus
from registry.catalog.releases import Release, ReleaseCatalog, StatusChange, choose_current
from registry.errors import NotFoundError
from registry.publish.changelog import ReleaseNote, release_notes
from registry.publish.terms import vocabulary

STATUS_LABELS = {
    ReleaseStatus.DRAFT.value: ("brouillon", "draft"),
    ReleaseStatus.CANDIDATE.value: ("candidate", "candidate"),
    ReleaseStatus.STANDARD.value: ("adoptée", "standard"),
    ReleaseStatus.DEPRECATED.value: ("obsolète", "deprecated"),
    ReleaseStatus.RETIRED.value: ("retirée", "retired"),
}
"""Each status of a version as the pages say it, in French and in English."""
ENDED = (ReleaseStatus.DEPRECATED.value, ReleaseStatus.RETIRED.value)


@dataclass(frozen=True)
class CatalogueRow:
    domain: str
    title_fr: str
    title_en: str
    latest: str
    status: str
    versions: list[str]

    @property
    def status_fr(self) -> str:
        return status_label(self.status, "fr")

    @property
    def status_en(self) -> str:
        return status_label(self.status, "en")


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
    """One row per standard: its current version (the newest one when none is adopted or candidate,
    so that a standard whose versions are all retired is still listed)."""
    by_domain: dict[str, list[Release]] = {}
    for release in catalog.releases():  # by domain, then version
        by_domain.setdefault(release.domain, []).append(release)
    rows = []
    for domain, releases in by_domain.items():
        latest = choose_current(releases) or releases[-1]
        names = titles(latest)
        rows.append(
            CatalogueRow(
                domain=domain,
                title_fr=names.get("fr", domain),
                title_en=names.get("en", domain),
                latest=latest.version,
                status=latest.status,
                versions=[r.version for r in releases],
            )
        )
    return rows


def status_label(status: str, lang: str) -> str:
    """``deprecated`` → ``obsolète`` (``fr``) or ``deprecated`` (``en``)."""
    french, english = STATUS_LABELS.get(status, (status, status))
    return french if lang == "fr" else english


@dataclass(frozen=True)
class DomainView:
    """A standard's page: its titles, its current version, and every release newest first."""

    domain: str
    titles: dict[str, str]
    current: Release | None
    notes: list[ReleaseNote]


def _releases_of(catalog: ReleaseCatalog, domain: str) -> list[Release]:
    releases = catalog.releases(domain)
    if not releases:
        raise NotFoundError(
            f"no standard named {domain!r}",
            hint="Known standards: " + (", ".join(catalog.domains()) or "none"),
        )
    return releases


def domain_view(catalog: ReleaseCatalog, domain: str) -> DomainView:
    releases = _releases_of(catalog, domain)
    current = choose_current(releases)
    return DomainView(
        domain=domain,
        titles=titles(current or releases[-1]),
        current=current,
        notes=release_notes(releases),
    )


@dataclass(frozen=True)
class VersionView:
    """A version's page beyond its documentation: its status history, its changelog, and the version
    in force when it is deprecated or retired."""

    release: Release
    note: ReleaseNote
    history: list[StatusChange]
    current: Release | None

    @property
    def ended(self) -> bool:
        return self.release.status in ENDED


def version_view(catalog: ReleaseCatalog, release: Release) -> VersionView:
    current = choose_current(catalog.releases(release.domain))
    return VersionView(
        release=release,
        note=ReleaseNote.of(release),
        history=catalog.status_history(release.domain, release.version),
        current=current if current != release else None,
    )


_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


def documentation_html(release: Release, shift: int = 0) -> str:
    """The release's Markdown documentation as HTML (raw HTML in the source is not passed through),
    its headings ``shift`` levels lower (so that it fits under the page's own headings)."""
    text = release.artifact_path("documentation.md").read_text(encoding="utf-8")
    tokens = _MARKDOWN.parse(text)
    if shift:
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(6, int(token.tag[1:]) + shift)}"
    return str(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {}))
