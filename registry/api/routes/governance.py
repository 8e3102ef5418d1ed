"""Governance: status transitions of releases (admin), tokens (admin), the audit log (admin), and the
status history of each release published as RDF."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.convertors import Convertor, register_url_convertor

from registry.api.auth import AdminDep, DatabaseDep
from registry.api.deps import CatalogDep, SettingsDep
from registry.api.negotiation import FORMATS, HTML, negotiate
from registry.api.responses import cached
from registry.catalog.audit import audit_entries
from registry.catalog.governance import change_status
from registry.catalog.models import AuditEntry
from registry.catalog.releases import ReleaseCatalog, StatusChange
from registry.catalog.tokens import TokenInfo, create_token, list_tokens, revoke_token
from registry.publish.history import governance_graph, history_graph


class VersionConvertor(Convertor[str]):
    """A semantic version path segment (``1.0.0``), so that ``/def/{domain}/{Enum}/{code}`` paths
    are left to the definitions router."""

    regex = "[0-9]+\\.[0-9]+\\.[0-9]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("semver", VersionConvertor())

router = APIRouter(tags=["governance"])
FormatQuery = Query(None, description="ttl, jsonld, rdf or nt; overrides the Accept header.")
_NO_STORE = {"Cache-Control": "no-store"}


class StatusRequest(BaseModel):
    """A status change: the new status and why."""

    model_config = ConfigDict(extra="forbid")

    status: str = Field(description="draft, candidate, standard, deprecated or retired.")
    reason: str = Field(description="Why (the council's decision); 1 to 2000 characters.")


class TokenRequest(BaseModel):
    """A new bearer token: its holder's name and its role."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="The holder, as the audit log will name them.")
    role: str = Field(description="editor (publishes) or admin (also statuses and tokens).")


def _change(change: StatusChange) -> dict[str, Any]:
    return {
        "from_status": change.from_status,
        "to_status": change.to_status,
        "actor": change.actor,
        "reason": change.reason,
        "changed_at": change.changed_at.isoformat(),
    }


def release_history(catalog: ReleaseCatalog, domain: str, version: str) -> dict[str, Any]:
    """A release's current status and its transitions, oldest first (404 when unknown)."""
    release = catalog.resolve(f"{domain}@{version}")
    return {
        "domain": release.domain,
        "version": release.version,
        "status": release.status,
        "history": [_change(c) for c in catalog.status_history(release.domain, release.version)],
        "rdf": f"/def/{release.domain}/{release.version}/history",
    }


def _token(info: TokenInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "name": info.name,
        "role": info.role,
        "created_at": info.created_at.isoformat(),
        "revoked_at": info.revoked_at.isoformat() if info.revoked_at else None,
    }


def _audit(entry: AuditEntry) -> dict[str, Any]:
    at: datetime = entry.at
    return {
        "id": entry.id,
        "at": at.isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "target": entry.target,
        "detail": entry.detail,
    }


def _rdf_media(request: Request, format: str | None) -> str:
    """The negotiated RDF syntax; Turtle for a browser (these documents have no HTML page)."""
    media = negotiate(request.headers.get("accept"), format)
    return "text/turtle" if media == HTML else media


# --- statuses -------------------------------------------------------------------------------


@router.post(
    "/releases/{domain}/{version:semver}/status",
    summary="Change the status of a release (admin)",
    responses={401: {}, 403: {}, 404: {}, 409: {}, 422: {}},
)
def post_status(
    domain: str, version: str, body: StatusRequest, catalog: CatalogDep, principal: AdminDep
) -> dict[str, Any]:
    change_status(catalog, domain, version, body.status, actor=principal.actor, reason=body.reason)
    return release_history(catalog, domain, version)


@router.get("/releases/{domain}/{version:semver}/history", summary="The status history of a release")
def get_history(domain: str, version: str, catalog: CatalogDep) -> dict[str, Any]:
    return release_history(catalog, domain, version)


@router.get(
    "/def/{domain}/{version:semver}/history",
    summary="The status history of a release as RDF (ADMS status, PROV activities)",
)
def history_rdf(
    domain: str,
    version: str,
    request: Request,
    catalog: CatalogDep,
    settings: SettingsDep,
    format: str | None = FormatQuery,
) -> Response:
    release = catalog.resolve(f"{domain}@{version}")
    changes = catalog.status_history(release.domain, release.version)
    graph = history_graph(settings.base_uri, release.domain, release.version, release.status, changes)
    media = _rdf_media(request, format)
    body = graph.serialize(format=FORMATS[media].rdflib_format)
    # a history grows: clients revalidate (cheaply, with the strong ETag) before reusing it
    return cached(request, body, media, headers={"Cache-Control": "no-cache"})


@router.get("/governance", summary="The registry's governance vocabulary (statuses, status changes)")
def governance_vocabulary(
    request: Request, settings: SettingsDep, format: str | None = FormatQuery
) -> Response:
    media = _rdf_media(request, format)
    body = governance_graph(settings.base_uri).serialize(format=FORMATS[media].rdflib_format)
    return cached(request, body, media)


# --- tokens ---------------------------------------------------------------------------------


@router.post(
    "/tokens",
    status_code=201,
    summary="Create a bearer token (admin); its secret is shown once",
    responses={401: {}, 403: {}, 422: {}},
)
def post_token(
    body: TokenRequest, db: DatabaseDep, principal: AdminDep, response: Response
) -> dict[str, Any]:
    info, secret = create_token(db, name=body.name, role=body.role, actor=principal.actor)
    response.headers.update(_NO_STORE)
    return {**_token(info), "token": secret}


@router.get("/tokens", summary="Every token, without its secret (admin)", responses={401: {}, 403: {}})
def get_tokens(db: DatabaseDep, principal: AdminDep, response: Response) -> dict[str, Any]:
    response.headers.update(_NO_STORE)
    return {"tokens": [_token(t) for t in list_tokens(db)]}


@router.delete("/tokens/{token_id}", summary="Revoke a token (admin)", responses={401: {}, 403: {}, 404: {}})
def delete_token(token_id: int, db: DatabaseDep, principal: AdminDep, response: Response) -> dict[str, Any]:
    response.headers.update(_NO_STORE)
    return _token(revoke_token(db, token_id, actor=principal.actor))


# --- audit ----------------------------------------------------------------------------------

_ACTION = re.compile(r"^[a-z]+\.[a-z]+$")


@router.get("/audit", summary="The audit log, latest first (admin)", responses={401: {}, 403: {}})
def get_audit(
    db: DatabaseDep,
    principal: AdminDep,
    response: Response,
    limit: int = Query(100, ge=1, le=1000, description="How many entries, at most."),
    action: str | None = Query(
        None,
        pattern=_ACTION.pattern,
        description="Only this action: release.publish, release.status, token.create, token.revoke.",
    ),
) -> dict[str, Any]:
    response.headers.update(_NO_STORE)
    return {"entries": [_audit(e) for e in audit_entries(db, limit=limit, action=action)]}
