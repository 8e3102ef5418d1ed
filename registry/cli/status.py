"""``socle status lighting@1.0.0 standard --reason "…"``: move a release along its life.

A local administrator's action on the data directory's catalogue (``SOCLE_DATA_DIR``, or the
database of ``SOCLE_DATABASE_URL``): draft → candidate → standard → deprecated → retired, nothing
else. Exit 0 with one line saying what changed; 2 with one line on stderr for an unknown release, a
refused transition or a missing reason.
"""

from __future__ import annotations

from typing import Annotated

import typer

from registry.cli.admin import fail, local_actor, reported


def status(
    release: Annotated[
        str, typer.Argument(metavar="RELEASE", help="The release, with its exact version: lighting@1.0.0.")
    ],
    new_status: Annotated[
        str, typer.Argument(metavar="STATUS", help="draft, candidate, standard, deprecated or retired.")
    ],
    reason: Annotated[
        str | None, typer.Option("--reason", "-r", help="Why (the council's decision); required.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Who decides (default: cli: and your user name).")
    ] = None,
) -> None:
    """Change the status of a release (draft → candidate → standard → deprecated → retired)."""
    import logging

    from registry.catalog.governance import change_status, check_reason, parse_status
    from registry.catalog.releases import open_catalog, parse_reference
    from registry.config import get_settings

    logging.getLogger("linkml").setLevel(logging.ERROR)
    with reported("status"):
        domain, version = parse_reference(release)
        if version is None:
            raise fail("status", f"name the exact version of {domain}: {domain}@1.0.0, for instance")
        wanted = parse_status(new_status)
        why = check_reason(reason)
        who = (actor or "").strip() or local_actor()
        catalog = open_catalog(get_settings())
        change = change_status(catalog, domain, version, wanted.value, actor=who, reason=why)
    typer.echo(f"{domain} {version}: {change.from_status} → {change.to_status} (by {change.actor})")
