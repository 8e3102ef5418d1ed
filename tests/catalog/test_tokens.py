"""Bearer tokens on SQLite and on PostgreSQL: only a hash is stored, the secret authenticates until it
is revoked, roles rank editor below admin."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from registry.catalog.audit import audit_entries
from registry.catalog.db import Database
from registry.catalog.models import TokenRole, TokenRow
from registry.catalog.tokens import (
    TOKEN_PREFIX,
    Principal,
    authenticate,
    create_token,
    list_tokens,
    revoke_token,
)
from registry.errors import ForbiddenError, InputError, NotFoundError, UnauthorizedError
from tests.catalog.test_db import engine  # noqa: F401  (the fixture, on every backend)
from tests.catalog.test_releases import database  # noqa: F401


def test_only_the_hash_of_a_token_is_stored(database: Database) -> None:  # noqa: F811
    info, secret = create_token(database, name="  alice  ", role="editor", actor="council")
    assert secret.startswith(TOKEN_PREFIX) and len(secret) >= len(TOKEN_PREFIX) + 43
    assert (info.name, info.role, info.revoked_at) == ("alice", "editor", None)
    with database.read() as session:
        row = session.scalars(select(TokenRow)).one()
        stored = [str(getattr(row, c.key)) for c in TokenRow.__table__.columns]
    assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert not [value for value in stored if secret in value or secret[len(TOKEN_PREFIX) :] in value]
    assert list_tokens(database) == [info]
    assert not hasattr(info, "token_hash") and not hasattr(info, "secret")


def test_two_tokens_never_share_a_secret(database: Database) -> None:  # noqa: F811
    secrets = {
        create_token(database, name=f"holder {n}", role="editor", actor="council")[1] for n in range(5)
    }
    assert len(secrets) == 5


def test_a_token_authenticates_its_holder_with_its_role(database: Database) -> None:  # noqa: F811
    editor, editor_secret = create_token(database, name="alice", role="editor", actor="council")
    admin, admin_secret = create_token(database, name="root", role="admin", actor="council")
    assert authenticate(database, f"Bearer {editor_secret}") == Principal(
        editor.id, "alice", TokenRole.EDITOR
    )
    assert authenticate(database, f"bearer   {admin_secret} ") == Principal(admin.id, "root", TokenRole.ADMIN)
    assert authenticate(database, f"Bearer {admin_secret}").actor == "root"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "this action needs a bearer token"),
        ("", "this action needs a bearer token"),
        ("Basic YWxpY2U6c2VjcmV0", "the Authorization header is not a bearer token"),
        ("Bearer", "the Authorization header is not a bearer token"),
        ("Bearer socle_not-a-token", "the bearer token is unknown or revoked"),
    ],
)
def test_a_missing_malformed_or_unknown_token_is_refused(
    database: Database,  # noqa: F811
    header: str | None,
    message: str,
) -> None:
    create_token(database, name="alice", role="admin", actor="council")
    with pytest.raises(UnauthorizedError) as caught:
        authenticate(database, header)
    assert (caught.value.detail, caught.value.status) == (message, 401)


def test_a_revoked_token_stops_working_at_once_and_stays_listed(database: Database) -> None:  # noqa: F811
    info, secret = create_token(database, name="alice", role="admin", actor="council")
    _, other = create_token(database, name="bob", role="editor", actor="council")
    revoked = revoke_token(database, info.id, actor="council")
    assert revoked.revoked_at is not None and revoked.revoked_at <= datetime.now(UTC)
    with pytest.raises(UnauthorizedError, match="unknown or revoked"):
        authenticate(database, f"Bearer {secret}")
    assert authenticate(database, f"Bearer {other}").name == "bob"
    assert [(t.name, t.revoked_at is not None) for t in list_tokens(database)] == [
        ("alice", True),
        ("bob", False),
    ]
    assert revoke_token(database, info.id, actor="council").revoked_at == revoked.revoked_at
    with pytest.raises(NotFoundError, match="no token 999"):
        revoke_token(database, 999, actor="council")


def test_an_editor_may_publish_but_not_administer() -> None:
    editor = Principal(1, "alice", TokenRole.EDITOR)
    admin = Principal(2, "root", TokenRole.ADMIN)
    editor.require(TokenRole.EDITOR)
    admin.require(TokenRole.EDITOR)
    admin.require(TokenRole.ADMIN)
    with pytest.raises(ForbiddenError) as caught:
        editor.require(TokenRole.ADMIN)
    assert caught.value.status == 403
    assert caught.value.detail == "this action needs an admin token; 'alice' is an editor"


@pytest.mark.parametrize(
    ("name", "role", "message"),
    [
        ("alice", "owner", "'owner' is not a role"),
        ("alice", "", "'' is not a role"),
        ("   ", "editor", "a token needs a name of 1 to 128 characters"),
        ("x" * 129, "admin", "a token needs a name of 1 to 128 characters"),
    ],
)
def test_a_token_needs_a_known_role_and_a_name(
    database: Database,  # noqa: F811
    name: str,
    role: str,
    message: str,
) -> None:
    with pytest.raises(InputError) as caught:
        create_token(database, name=name, role=role, actor="council")
    assert caught.value.detail == message
    assert list_tokens(database) == []
    assert audit_entries(database) == []
