"""Changelogs: each standard's page of releases with their compatibility verdicts, and Atom feeds.

``/def/{domain}/changelog`` answers in HTML, or in JSON for ``Accept: application/json`` (or
``?format=json``); ``/feed.atom`` (every standard) and ``/def/{domain}/feed.atom`` are Atom feeds.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Query, Request, Response

from registry.api.deps import CatalogDep, SettingsDep, TemplatesDep
from registry.api.negotiation import parse_accept
from registry.api.pages import render_page
from registry.api.responses import cached
from registry.catalog.releases import Release
from registry.publish.changelog import changelog_json, release_notes
from registry.publish.feed import ATOM_MEDIA_TYPE, FeedInfo, atom_feed
from registry.publish.pages import domain_view, status_label, titles

router = APIRouter(tags=["catalogue"])
JSON = "application/json"
FEED_TITLE = "Socle — versions publiées des standards / Released versions of the standards"


def wants_json(accept: str | None, requested: str | None) -> bool:
    """``?format=json|html`` first, then the first of JSON and HTML that ``Accept`` prefers."""
    if requested:
        return requested.lower() in ("json", JSON)
    for quality, _, media in parse_accept(accept or ""):
        if quality <= 0:
            continue
        if media == JSON:
            return True
        if media in ("text/html", "application/xhtml+xml", "text/*", "*/*"):
            return False
    return False


@router.get("/def/{domain}/changelog", summary="Every release of a standard, newest first, with its changes")
def changelog(
    domain: str,
    request: Request,
    catalog: CatalogDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    format: str | None = Query(None, description="json or html; overrides the Accept header."),
) -> Response:
    view = domain_view(catalog, domain)
    if wants_json(request.headers.get("accept"), format):
        body = _json_bytes(changelog_json(domain, view.notes, settings.base_uri))
        return cached(request, body, JSON)
    context = {"view": view, "status_label": status_label}
    return render_page(request, templates, "changelog.html", context)


@router.get("/def/{domain}/feed.atom", summary="An Atom feed of a standard's releases")
def domain_feed(domain: str, request: Request, catalog: CatalogDep, settings: SettingsDep) -> Response:
    view = domain_view(catalog, domain)
    site = str(request.base_url)
    info = FeedInfo(
        id=f"{settings.base_uri}def/{domain}/feed.atom",
        title=f"{view.titles.get('fr', domain)} — versions publiées / released versions",
        self_url=f"{site}def/{domain}/feed.atom",
        page_url=f"{site}def/{domain}/changelog",
        site_url=site,
    )
    body = atom_feed(info, view.notes, {domain: view.titles.get("fr", domain)}, settings.base_uri)
    return cached(request, body, ATOM_MEDIA_TYPE, vary=False)


@router.get("/feed.atom", summary="An Atom feed of every standard's releases")
def feed(request: Request, catalog: CatalogDep, settings: SettingsDep) -> Response:
    site = str(request.base_url)
    info = FeedInfo(
        id=f"{settings.base_uri}feed.atom",
        title=FEED_TITLE,
        self_url=f"{site}feed.atom",
        page_url=site,
        site_url=site,
    )
    releases = catalog.releases()
    body = atom_feed(info, release_notes(releases), _titles(releases), settings.base_uri)
    return cached(request, body, ATOM_MEDIA_TYPE, vary=False)


def _titles(releases: list[Release]) -> dict[str, str]:
    """Each standard's French title, from its newest release."""
    newest = {release.domain: release for release in releases}  # in version order: the last one wins
    return {domain: titles(release).get("fr", domain) for domain, release in newest.items()}


def _json_bytes(document: object) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
