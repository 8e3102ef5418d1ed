"""Bearer tokens with roles (DESIGN.md decision 14): an editor publishes, an admin also changes
statuses and manages tokens.

A token is 32 random bytes (``secrets.token_urlsafe``) behind a ``socle_`` prefix, shown once when it
is created; the catalogue keeps only its SHA-256. A slow password hash (bcrypt, argon2) protects
low-entropy secrets from guessing; a 256-bit random token cannot be guessed, so a fast hash is
enough and keeps every authenticated request cheap. Lookups are by hash, compared in the database.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from registry.catalog.audit import record_audit
from registry.catalog.db import Database
from registry.catalog.models import TokenRole, TokenRow, utcnow
from registry.errors import ForbiddenError, InputError, NotFoundError, UnauthorizedError

TOKEN_PREFIX = "socle_"
_RANK = {TokenRole.EDITOR: 1, TokenRole.ADMIN: 2}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Principal:
    """Who is making a request: a token's name and role (``actor`` is what the audit log records)."""

    token_id: int | None
    name: str
    role: TokenRole

    @property
    def actor(self) -> str:
        return self.name

    def require(self, role: TokenRole) -> None:
        """Raise :class:`ForbiddenError` unless this principal's role covers ``role``."""
        if _RANK[self.role] < _RANK[role]:
            raise ForbiddenError(
                f"this action needs an {role.value} token; {self.name!r} is an {self.role.value}",
                hint=f"Ask a council administrator for an {role.value} token.",
            )


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed (never its secret)."""

    id: int
    name: str
    role: str
    created_at: datetime
    revoked_at: datetime | None


def _info(row: TokenRow) -> TokenInfo:
    return TokenInfo(row.id, row.name, row.role, row.created_at, row.revoked_at)


def create_token(db: Database, *, name: str, role: str, actor: str) -> tuple[TokenInfo, str]:
    """A new token for ``name`` with ``role``: its listing and its secret (shown once)."""
    try:
        chosen = TokenRole(role)
    except ValueError:
        raise InputError(
            f"{role!r} is not a role", hint="Roles: " + ", ".join(r.value for r in TokenRole)
        ) from None
    name = name.strip()
    if not name or len(name) > 128:
        raise InputError("a token needs a name of 1 to 128 characters", hint="Name it after its holder.")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.write() as session:
        row = TokenRow(name=name, role=chosen.value, token_hash=hash_token(secret))
        session.add(row)
        session.flush()
        record_audit(
            session,
            actor=actor,
            action="token.create",
            target=f"token:{row.id}",
            detail={"name": name, "role": role},
        )
        info = _info(row)
    return info, secret


def revoke_token(db: Database, token_id: int, *, actor: str) -> TokenInfo:
    """Revoke a token (it stops working at once; its row stays for the audit trail)."""
    with db.write() as session:
        row = session.get(TokenRow, token_id)
        if row is None:
            raise NotFoundError(f"no token {token_id}", hint="List tokens with: socle token list")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            record_audit(
                session,
                actor=actor,
                action="token.revoke",
                target=f"token:{row.id}",
                detail={"name": row.name},
            )
        return _info(row)


def list_tokens(db: Database) -> list[TokenInfo]:
    with db.read() as session:
        return [_info(row) for row in session.scalars(select(TokenRow).order_by(TokenRow.id)).all()]


def authenticate(db: Database, authorization: str | None) -> Principal:
    """The principal behind an ``Authorization: Bearer …`` header, or :class:`UnauthorizedError`."""
    if not authorization:
        raise UnauthorizedError(
            "this action needs a bearer token",
            hint="Send the header Authorization: Bearer <token> (an administrator creates tokens "
            "with: socle token create).",
        )
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise UnauthorizedError(
            "the Authorization header is not a bearer token", hint="Send Authorization: Bearer <token>."
        )
    with db.read() as session:
        row = session.scalars(select(TokenRow).where(TokenRow.token_hash == hash_token(token))).one_or_none()
    if row is None or row.revoked_at is not None:
        raise UnauthorizedError(
            "the bearer token is unknown or revoked", hint="Ask a council administrator for a new token."
        )
    return Principal(token_id=row.id, name=row.name, role=TokenRole(row.role))
