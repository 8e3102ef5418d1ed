"""The catalogue page and the health check."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from registry.api.deps import CatalogDep, TemplatesDep
from registry.publish.pages import catalogue_rows

router = APIRouter(tags=["catalogue"])


@router.get("/", response_class=HTMLResponse, summary="The catalogue of standards")
def catalogue(request: Request, catalog: CatalogDep, templates: TemplatesDep) -> HTMLResponse:
    rows = catalogue_rows(catalog)
    return templates.TemplateResponse(request, "catalogue.html", {"rows": rows})


@router.get("/health", summary="Liveness and the number of standards served")
def health(catalog: CatalogDep) -> dict[str, object]:
    return {"status": "ok", "standards": catalog.domains()}
