"""``/sparql``: the read-only SPARQL 1.1 endpoint (protocol: GET ``?query=``, POST a query or a form).

Results as SPARQL JSON (default), XML, CSV or TSV for SELECT and ASK; Turtle (default), N-Triples,
RDF/XML or JSON-LD for CONSTRUCT and DESCRIBE, by ``Accept``. Updates and ``SERVICE`` are refused (400);
a query over the time limit is stopped (503).
"""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response

from registry.api.deps import CatalogDep, SettingsDep
from registry.api.negotiation import parse_accept
from registry.api.responses import cached
from registry.api.uploads import read_body
from registry.errors import UnsupportedFormatError
from registry.publish.sparql import (
    GRAPH_TYPES,
    MAX_QUERY_CHARS,
    RESULT_TYPES,
    QueryForm,
    QueryRefusedError,
    SparqlEndpoint,
    check_query,
    dataset_sources,
)

router = APIRouter(tags=["sparql"])

ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
}
SPARQL_QUERY = "application/sparql-query"
FORM = "application/x-www-form-urlencoded"


def result_media_type(form: QueryForm, accept: str | None) -> str:
    """SPARQL results (JSON by default) for SELECT and ASK; RDF (Turtle by default) otherwise."""
    offered = RESULT_TYPES if form in ("SELECT", "ASK") else GRAPH_TYPES
    for quality, _, media in parse_accept(accept or ""):
        if quality <= 0:
            continue
        media = ALIASES.get(media, media)
        if media in offered:
            return media
    return next(iter(offered))


def _endpoint(request: Request) -> SparqlEndpoint:
    endpoint: SparqlEndpoint | None = getattr(request.app.state, "sparql", None)
    if endpoint is None:
        raise QueryRefusedError("The SPARQL endpoint is not running.")
    return endpoint


async def _answer(
    request: Request,
    catalog: CatalogDep,
    base_uri: str,
    query: str | None,
    default_graphs: list[str],
    named_graphs: list[str],
) -> Response:
    if query is None:
        raise QueryRefusedError(
            "No query was given.",
            hint="Send ?query=… (GET), a form field query=…, or an application/sparql-query body (POST).",
        )
    form = check_query(query)
    media = result_media_type(form, request.headers.get("accept"))
    sources = await asyncio.to_thread(dataset_sources, catalog, base_uri)
    body = await _endpoint(request).run(
        sources, query, media, default_graphs=default_graphs, named_graphs=named_graphs
    )
    return cached(request, body, media)


@router.get("/sparql", summary="Run a read-only SPARQL query (?query=)")
async def sparql_get(
    request: Request,
    catalog: CatalogDep,
    settings: SettingsDep,
    query: str | None = Query(None, description="A SPARQL 1.1 SELECT, ASK, CONSTRUCT or DESCRIBE query."),
) -> Response:
    """Also reads the protocol's repeatable ``default-graph-uri`` and ``named-graph-uri`` (graph names of
    the store; nothing is fetched)."""
    params = request.query_params
    return await _answer(
        request,
        catalog,
        settings.base_uri,
        query,
        params.getlist("default-graph-uri"),
        params.getlist("named-graph-uri"),
    )


@router.post("/sparql", summary="Run a read-only SPARQL query (application/sparql-query or a form)")
async def sparql_post(request: Request, catalog: CatalogDep, settings: SettingsDep) -> Response:
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    body = await read_body(request, 4 * MAX_QUERY_CHARS)
    default_graphs = request.query_params.getlist("default-graph-uri")
    named_graphs = request.query_params.getlist("named-graph-uri")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise QueryRefusedError("The query is not UTF-8 text.") from None
    if content_type == SPARQL_QUERY:
        query: str | None = text
    elif content_type == FORM:
        fields = parse_qs(text, keep_blank_values=True)
        query = fields["query"][0] if fields.get("query") else None
        default_graphs += fields.get("default-graph-uri", [])
        named_graphs += fields.get("named-graph-uri", [])
        if any(name in fields for name in ("update", "using-graph-uri", "using-named-graph-uri")):
            raise QueryRefusedError("This endpoint is read-only: SPARQL updates are not accepted.")
    else:
        raise UnsupportedFormatError(
            f"A SPARQL query is sent as {SPARQL_QUERY} or {FORM}, not {content_type or 'no type'}.",
        )
    return await _answer(request, catalog, settings.base_uri, query, default_graphs, named_graphs)
