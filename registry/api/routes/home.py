"""The catalogue page and the health check."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from registry.api.deps import CatalogDep, TemplatesDep
from registry.api.pages import render_page
from registry.publish.pages import catalogue_rows

router = APIRouter(tags=["catalogue"])


@router.get("/", response_class=HTMLResponse, summary="The catalogue of standards")
def catalogue(request: Request, catalog: CatalogDep, templates: TemplatesDep) -> Response:
    """Every standard with its current version and status (computed on each request, so a status
    change shows at once; the strong ETag follows the page's content)."""
    rows = catalogue_rows(catalog)
    return render_page(request, templates, "catalogue.html", {"rows": rows}, vary=False)


@router.get("/health", summary="Liveness and the number of standards served")
def health(catalog: CatalogDep) -> dict[str, object]:
    return {"status": "ok", "standards": catalog.domains()}
