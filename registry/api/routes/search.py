"""``/search?q=``: accent- and case-insensitive search over every current term (JSON, or HTML)."""

from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, Query, Request, Response

from registry.api.deps import CatalogDep, TemplatesDep
from registry.api.negotiation import HTML, parse_accept
from registry.api.responses import cached
from registry.publish.search import search_index

router = APIRouter(tags=["catalogue"])
JSON = "application/json"


def _wants_html(accept: str | None, requested: str | None) -> bool:
    if requested:
        return requested.lower() in ("html", HTML)
    for quality, _, media in parse_accept(accept or ""):
        if quality <= 0:
            continue
        if media in (HTML, "application/xhtml+xml"):
            return True
        if media in (JSON, "application/*", "*/*"):
            return False
    return False


@router.get("/search", summary="Search the terms of every standard's current version")
async def search(
    request: Request,
    catalog: CatalogDep,
    templates: TemplatesDep,
    q: str = Query("", max_length=200, description="Words of a label, alias or definition (FR or EN)."),
    domain: str | None = Query(None, description="Only this standard's terms."),
    limit: int = Query(50, ge=1, le=500, description="At most this many results."),
    format: str | None = Query(None, description="json or html; overrides Accept."),
) -> Response:
    index = await asyncio.to_thread(search_index, catalog)
    hits = index.search(q, domain=domain, limit=limit) if q else []
    if _wants_html(request.headers.get("accept"), format):
        return templates.TemplateResponse(
            request,
            "search.html",
            {"q": q, "hits": hits, "domains": catalog.domains(), "domain": domain or ""},
            headers={"Vary": "Accept"},
        )
    body = {
        "query": q,
        "domain": domain,
        "count": len(hits),
        "results": [hit.as_json() for hit in hits],
    }
    return cached(request, json.dumps(body, ensure_ascii=False), JSON)
