"""Who may write: bearer-token dependencies for the routes that change the catalogue.

``EditorDep`` lets editors and admins in, ``AdminDep`` admins only; a missing or unknown token is a
401 problem (with ``WWW-Authenticate: Bearer``), a token whose role is too low a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPBearer

from registry.catalog.db import Database
from registry.catalog.models import TokenRole
from registry.catalog.tokens import Principal, authenticate


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


# Declares the scheme in the OpenAPI document only: the header is read and judged by
# ``authenticate`` so that every refusal is the registry's own problem+json.
bearer_scheme = HTTPBearer(
    auto_error=False, scheme_name="token", description="A Socle token: socle token create --role editor|admin"
)


def _principal(role: TokenRole) -> Callable[..., Principal]:
    """A dependency giving the request's principal, refused unless its role covers ``role``."""

    def dependency(
        request: Request, _declared: Annotated[object, Depends(bearer_scheme)] = None
    ) -> Principal:
        principal = authenticate(get_database(request), request.headers.get("authorization"))
        principal.require(role)
        return principal

    return dependency


DatabaseDep = Annotated[Database, Depends(get_database)]
EditorDep = Annotated[Principal, Depends(_principal(TokenRole.EDITOR))]
AdminDep = Annotated[Principal, Depends(_principal(TokenRole.ADMIN))]
