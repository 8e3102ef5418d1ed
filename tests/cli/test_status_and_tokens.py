"""``socle status`` and ``socle token``, run as real processes over a seeded data directory: one line
on success (exit 0), one line on stderr and exit 2 on refusal, never a traceback; a token's secret
alone on stdout."""

from __future__ import annotations

import getpass
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.catalog.audit import audit_entries
from registry.catalog.db import Database
from registry.catalog.releases import ReleaseCatalog, open_catalog
from registry.catalog.tokens import authenticate
from registry.config import PROJECT_ROOT, Settings
from registry.errors import UnauthorizedError
from tests.conftest import seeded_data_dir

SOCLE = PROJECT_ROOT / ".venv" / "bin" / "socle"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> Path:
    return seeded_data_dir(tmp_path_factory.mktemp("admin-data"), bundles)


@pytest.fixture(scope="module")
def db(data_dir: Path) -> Iterator[Database]:
    """The data directory's catalogue, bootstrapped (as the commands would), so that each test
    starts from the five releases whatever the order the tests run in."""
    database = open_catalog(Settings(data_dir=data_dir)).db
    yield database
    database.dispose()


def socle(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOCLE_")}
    env["SOCLE_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [str(SOCLE), *args], capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=300
    )


def refused(done: subprocess.CompletedProcess[str], command: str) -> str:
    """The one line of a refusal (exit 2, nothing on stdout, no traceback)."""
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"socle {command}: ")
    return lines[0]


def test_status_moves_a_release_and_records_who_and_why(data_dir: Path, db: Database) -> None:
    done = socle(
        data_dir,
        "status",
        "lighting@1.0.0",
        "standard",
        "--reason",
        "Adopted on 2026-03-01.",
        "--actor",
        "council",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "lighting 1.0.0: candidate → standard (by council)\n"
    catalog = ReleaseCatalog(db, data_dir)
    assert catalog.resolve("lighting@1.0.0").status == "standard"
    last = catalog.status_history("lighting", "1.0.0")[-1]
    assert (last.from_status, last.to_status, last.actor, last.reason) == (
        "candidate",
        "standard",
        "council",
        "Adopted on 2026-03-01.",
    )
    entry = audit_entries(db, action="release.status", limit=1)[0]
    assert (entry.actor, entry.target) == ("council", "lighting@1.0.0")


def test_the_actor_defaults_to_the_operating_system_user(data_dir: Path, db: Database) -> None:
    done = socle(data_dir, "status", "waste@1.0.0", "standard", "--reason", "Adopted.")
    assert done.returncode == 0, done.stderr
    actor = f"cli:{getpass.getuser()}"
    assert done.stdout == f"waste 1.0.0: candidate → standard (by {actor})\n"
    assert ReleaseCatalog(db, data_dir).status_history("waste", "1.0.0")[-1].actor == actor


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("water@1.0.0", "retired", "--reason", "too soon"),
            "water 1.0.0 is candidate: it can become standard, not retired.",
        ),
        (("water@9.0.0", "standard", "--reason", "why"), "water has no version 9.0.0."),
        (("water@1.0.0", "standard"), "a status change needs a reason."),
        (("water@1.0.0", "adopted", "--reason", "why"), "'adopted' is not a status."),
        (
            ("water", "standard", "--reason", "why"),
            "name the exact version of water: water@1.0.0, for instance",
        ),
    ],
)
def test_a_refused_status_change_is_one_line_and_exit_2(
    data_dir: Path, db: Database, args: tuple[str, ...], message: str
) -> None:
    before = len(audit_entries(db, limit=1000))
    line = refused(socle(data_dir, "status", *args), "status")
    assert line.startswith(f"socle status: {message}")
    assert ReleaseCatalog(db, data_dir).resolve("water@1.0.0").status == "candidate"
    assert len(audit_entries(db, limit=1000)) == before


def test_token_create_prints_only_the_secret_which_then_authenticates(data_dir: Path, db: Database) -> None:
    done = socle(data_dir, "token", "create", "--name", "alice", "--role", "editor", "--actor", "council")
    assert done.returncode == 0, done.stderr
    secret = done.stdout.removesuffix("\n")
    assert "\n" not in secret and secret.startswith("socle_")
    assert secret not in done.stderr
    principal = authenticate(db, f"Bearer {secret}")
    assert (principal.name, principal.role.value) == ("alice", "editor")
    assert f"token {principal.token_id} created for alice (editor)" in done.stderr
    entry = audit_entries(db, action="token.create", limit=1)[0]
    assert (entry.actor, entry.target) == ("council", f"token:{principal.token_id}")

    listed = socle(data_dir, "token", "list")
    assert listed.returncode == 0, listed.stderr
    assert secret not in listed.stdout
    row = listing_row(listed.stdout, principal.token_id)
    assert row[1:3] == ["editor", "alice"] and row[4] == "active"

    revoked = socle(data_dir, "token", "revoke", str(principal.token_id))
    assert revoked.returncode == 0, revoked.stderr
    assert revoked.stdout == f"token {principal.token_id} (alice, editor) revoked\n"
    with pytest.raises(UnauthorizedError):
        authenticate(db, f"Bearer {secret}")
    entry = audit_entries(db, action="token.revoke", limit=1)[0]
    assert (entry.actor, entry.target) == (f"cli:{getpass.getuser()}", f"token:{principal.token_id}")
    assert listing_row(socle(data_dir, "token", "list").stdout, principal.token_id)[4].startswith("revoked ")


def listing_row(listing: str, token_id: int | None) -> list[str]:
    """The tab-separated fields of one token in ``socle token list``."""
    [row] = [
        fields for fields in (line.split("\t") for line in listing.splitlines()) if fields[0] == str(token_id)
    ]
    return row


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "--name", "bob", "--role", "owner"), "socle token create: 'owner' is not a role."),
        (("revoke", "9999"), "socle token revoke: no token 9999."),
    ],
)
def test_a_refused_token_command_is_one_line_and_exit_2(
    data_dir: Path, args: tuple[str, ...], message: str
) -> None:
    line = refused(socle(data_dir, "token", *args), f"token {args[0]}")
    assert line.startswith(message)
