"""``/catalog``: the DCAT catalogue of every standard and version, negotiated like ``/def``."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Query, Request, Response

from registry.api.deps import CatalogDep, SettingsDep, TemplatesDep
from registry.api.negotiation import FORMATS, HTML, negotiate
from registry.api.responses import cached
from registry.publish.dcat import serialised_catalog
from registry.publish.pages import catalogue_rows

router = APIRouter(tags=["catalogue"])


@router.get("/catalog", summary="The DCAT-AP catalogue of every standard, version and download")
async def dcat_catalog(
    request: Request,
    catalog: CatalogDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    format: str | None = Query(None, description="ttl, jsonld, rdf, nt or html; overrides Accept."),
) -> Response:
    media = negotiate(request.headers.get("accept"), format)
    if media == HTML:
        rows = await asyncio.to_thread(catalogue_rows, catalog)
        return templates.TemplateResponse(
            request, "catalogue.html", {"rows": rows}, headers={"Vary": "Accept"}
        )
    body = await asyncio.to_thread(
        serialised_catalog, catalog, settings.base_uri, FORMATS[media].rdflib_format
    )
    return cached(request, body, media)
