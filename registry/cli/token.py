"""``socle token create|list|revoke``: the bearer tokens of editors and administrators.

A local administrator's action on the data directory's catalogue. ``create`` prints the secret, and
nothing else, on stdout (it is shown once: ``TOKEN=$(socle token create --name alice --role
editor)``); what it did goes to stderr. Errors: one line on stderr, exit code 2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from registry.cli.admin import local_actor, reported

if TYPE_CHECKING:
    from registry.catalog.db import Database

app = typer.Typer(help="Create, list and revoke bearer tokens.", no_args_is_help=True)

ActorOption = Annotated[
    str | None,
    typer.Option("--actor", help="Who acts, for the audit log (default: cli: and your user name)."),
]


def _database() -> Database:
    from registry.catalog.db import open_database
    from registry.config import get_settings

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return open_database(settings)


@app.command("create")
def create(
    name: Annotated[str, typer.Option("--name", help="The holder, as the audit log will name them.")],
    role: Annotated[str, typer.Option("--role", help="editor (publishes) or admin (also statuses, tokens).")],
    actor: ActorOption = None,
) -> None:
    """Create a token; print its secret (shown once) on stdout."""
    from registry.catalog.tokens import create_token

    with reported("token create"):
        info, secret = create_token(_database(), name=name, role=role, actor=actor or local_actor())
    typer.echo(secret)
    typer.echo(
        f"token {info.id} created for {info.name} ({info.role}); keep it: it is not shown again", err=True
    )


@app.command("list")
def list_() -> None:
    """List tokens: id, role, name, when created, when revoked (never their secrets)."""
    from registry.catalog.tokens import list_tokens

    with reported("token list"):
        tokens = list_tokens(_database())
    if not tokens:
        typer.echo(
            "no tokens (create one with: socle token create --name NAME --role editor|admin)", err=True
        )
        return
    for token in tokens:
        created = token.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        revoked = (
            "revoked " + token.revoked_at.strftime("%Y-%m-%dT%H:%M:%SZ") if token.revoked_at else "active"
        )
        typer.echo(f"{token.id}\t{token.role}\t{token.name}\t{created}\t{revoked}")


@app.command("revoke")
def revoke(
    token_id: Annotated[int, typer.Argument(metavar="ID", help="The token's id (see socle token list).")],
    actor: ActorOption = None,
) -> None:
    """Revoke a token: it stops working at once."""
    from registry.catalog.tokens import revoke_token

    with reported("token revoke"):
        info = revoke_token(_database(), token_id, actor=actor or local_actor())
    typer.echo(f"token {info.id} ({info.name}, {info.role}) revoked")
