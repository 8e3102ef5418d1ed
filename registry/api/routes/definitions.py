"""``/def/…``: vocabularies, versions, artifacts and terms, with content negotiation."""

from __future__ import annotations

import re

import rdflib
from fastapi import APIRouter, Query, Request, Response
from rdflib.namespace import OWL, RDFS

from registry.api.deps import CatalogDep, SettingsDep, TemplatesDep
from registry.api.lifecycle import lifecycle_headers
from registry.api.negotiation import FORMATS, HTML, negotiate
from registry.api.pages import render_page
from registry.api.responses import cached
from registry.catalog.releases import Release, ReleaseCatalog
from registry.errors import NotFoundError
from registry.publish.pages import documentation_html, domain_view, status_label, titles, version_view
from registry.publish.terms import describe, term_view

router = APIRouter(prefix="/def", tags=["definitions"])
_VERSION = re.compile(r"^[0-9]+\.[0-9]+\.[0-9]+$")
FormatQuery = Query(None, description="ttl, jsonld, rdf, nt or html; overrides the Accept header.")


def _vocabulary_response(
    request: Request, catalog: ReleaseCatalog, release: Release, media: str, templates: TemplatesDep
) -> Response:
    lifecycle = lifecycle_headers(catalog, release)
    if media == HTML:
        context = {
            "release": release,
            "view": version_view(catalog, release),
            "titles": titles(release),
            "status_label": status_label,
            "documentation": documentation_html(release, shift=1),
            "artifacts": sorted(release.artifacts.values(), key=lambda a: a["name"]),
        }
        return render_page(request, templates, "version.html", context, headers=lifecycle)
    fmt = FORMATS[media]
    body = release.artifact_path(f"vocabulary.{fmt.suffix}").read_bytes()
    return cached(
        request,
        body,
        media,
        headers={
            "Content-Location": f"/def/{release.domain}/{release.version}/vocabulary.{fmt.suffix}",
            **lifecycle,
        },
    )


@router.get("/{domain}", summary="The latest adopted (else candidate) version of a vocabulary")
def latest_vocabulary(
    domain: str,
    request: Request,
    catalog: CatalogDep,
    templates: TemplatesDep,
    format: str | None = FormatQuery,
) -> Response:
    media = negotiate(request.headers.get("accept"), format)
    if media == HTML:
        view = domain_view(catalog, domain)
        lifecycle = lifecycle_headers(catalog, view.current) if view.current is not None else {}
        context = {"view": view, "status_label": status_label}
        return render_page(request, templates, "domain.html", context, headers=lifecycle)
    release = catalog.resolve(domain)
    return _vocabulary_response(request, catalog, release, media, templates)


@router.get("/{domain}/{segment}", summary="A version of a vocabulary, or one of its terms")
def version_or_term(
    domain: str,
    segment: str,
    request: Request,
    catalog: CatalogDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    format: str | None = FormatQuery,
) -> Response:
    media = negotiate(request.headers.get("accept"), format)
    if _VERSION.match(segment):
        release = catalog.resolve(f"{domain}@{segment}")
        return _vocabulary_response(request, catalog, release, media, templates)
    return _term_response(request, catalog, settings.base_uri, domain, segment, media, templates)


@router.get("/{domain}/{first}/{second}", summary="An artifact of a version, or a code of a code list")
def artifact_or_code(
    domain: str,
    first: str,
    second: str,
    request: Request,
    catalog: CatalogDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    format: str | None = FormatQuery,
) -> Response:
    if _VERSION.match(first):
        release = catalog.resolve(f"{domain}@{first}")
        path = release.artifact_path(second)
        artifact = release.artifacts[second]
        media = artifact["media_type"]
        return cached(
            request,
            path.read_bytes(),
            media,
            vary=False,
            headers={
                "Content-Disposition": f'inline; filename="{domain}-{release.version}-{second}"',
                **lifecycle_headers(catalog, release),
            },
        )
    media = negotiate(request.headers.get("accept"), format)
    return _term_response(request, catalog, settings.base_uri, domain, f"{first}/{second}", media, templates)


def _find_term(catalog: ReleaseCatalog, domain: str, iri: str) -> tuple[Release, bool]:
    """The newest release that defines the term, and whether that is the current one."""
    current = catalog.resolve(domain)
    candidates = [current] + [r for r in reversed(catalog.releases(domain)) if r != current]
    for release in candidates:
        try:
            describe(release, iri)
        except NotFoundError:
            continue
        return release, release == current
    raise NotFoundError(
        f"{domain} defines no term {iri.rsplit('/def/', 1)[-1]!r}",
        hint=f"The vocabulary and its terms are listed at /def/{domain}.",
    )


def _term_response(
    request: Request,
    catalog: ReleaseCatalog,
    base_uri: str,
    domain: str,
    local: str,
    media: str,
    templates: TemplatesDep,
) -> Response:
    iri = f"{base_uri}def/{domain}/{local}"
    release, current = _find_term(catalog, domain, iri)
    headers = {"Vary": "Accept"}
    if not current:
        # removed from the current version: still served, from the last version that defined it
        headers["Deprecation"] = "true"
        headers["Link"] = f'</def/{release.domain}/{release.version}>; rel="describedby"'
    if media == HTML:
        view = term_view(release, iri)
        return templates.TemplateResponse(
            request,
            "term.html",
            {"term": view, "release": release, "current": current},
            headers=headers,
        )
    graph = describe(release, iri)
    if not current:
        term = rdflib.URIRef(iri)
        graph.add((term, OWL.deprecated, rdflib.Literal(True)))
        graph.add(
            (term, RDFS.isDefinedBy, rdflib.URIRef(f"{base_uri}def/{release.domain}/{release.version}"))
        )
    body = graph.serialize(format=FORMATS[media].rdflib_format)
    return cached(request, body, media, headers={k: v for k, v in headers.items() if k != "Vary"})
