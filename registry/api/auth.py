"""Who may write: bearer-token dependencies for the routes that change the catalogue.

``EditorDep`` lets editors and admins in, ``AdminDep`` admins only; a missing or unknown token is a
401 problem (with ``WWW-Authenticate: Bearer``), a token whose role is too low a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from registry.catalog.db import Database
from registry.catalog.models import TokenRole
from registry.catalog.tokens import Principal, authenticate


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _principal(role: TokenRole) -> Callable[[Request], Principal]:
    """A dependency giving the request's principal, refused unless its role covers ``role``."""

    def dependency(request: Request) -> Principal:
        principal = authenticate(get_database(request), request.headers.get("authorization"))
        principal.require(role)
        return principal

    return dependency


DatabaseDep = Annotated[Database, Depends(get_database)]
EditorDep = Annotated[Principal, Depends(_principal(TokenRole.EDITOR))]
AdminDep = Annotated[Principal, Depends(_principal(TokenRole.ADMIN))]
