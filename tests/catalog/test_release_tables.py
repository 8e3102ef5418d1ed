"""The release tables: the unique (domain, version) pair lets exactly one of many concurrent releases
of one version in, on SQLite and on PostgreSQL; statuses and roles outside their lists are refused."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from registry.catalog.db import upgrade
from registry.catalog.models import ArtifactRow, AuditEntry, ReleaseRow, StatusChangeRow, TokenRow
from tests.catalog.test_db import engine  # noqa: F401  (the fixture, on every backend)


def _release(version: str = "1.1.0", status: str = "candidate") -> ReleaseRow:
    return ReleaseRow(
        domain="lighting",
        version=version,
        status=status,
        core_version="1.0.0",
        source_digest="0" * 64,
        created_at=datetime.now(UTC),
        created_by="editor@example.org",
    )


def test_fifty_concurrent_releases_of_one_version_let_exactly_one_in(engine: Engine) -> None:  # noqa: F811
    upgrade(engine)
    outcomes: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(50)

    def publish() -> None:
        start.wait()
        try:
            with Session(engine) as session, session.begin():
                session.add(_release())
            outcome = "created"
        except IntegrityError:
            outcome = "conflict"
        except Exception as error:
            outcome = f"refused: {type(error).__name__}"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=publish) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes.count("created") == 1
    assert len(outcomes) == 50
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(ReleaseRow)) == 1


def test_a_release_keeps_its_artifacts_history_and_audit(engine: Engine) -> None:  # noqa: F811
    upgrade(engine)
    with Session(engine) as session, session.begin():
        release = _release("2.0.0")
        session.add(release)
        session.flush()
        session.add(
            ArtifactRow(
                release_id=release.id, name="shapes.ttl", sha256="a" * 64, media_type="text/turtle", size=10
            )
        )
        session.add(
            StatusChangeRow(
                release_id=release.id,
                from_status=None,
                to_status="candidate",
                actor="editor",
                reason="first release",
            )
        )
        session.add(TokenRow(name="council", role="admin", token_hash="h" * 64))
        session.add(
            AuditEntry(actor="editor", action="publish", target="lighting@2.0.0", detail={"artifacts": 1})
        )
    with Session(engine) as session:
        assert session.scalar(select(ArtifactRow.name)) == "shapes.ttl"
        assert session.scalar(select(StatusChangeRow.reason)) == "first release"
        assert session.scalar(select(AuditEntry.detail)) == {"artifacts": 1}


@pytest.mark.parametrize(
    "row",
    [
        lambda: _release("3.0.0", status="adopted"),
        lambda: TokenRow(name="x", role="superuser", token_hash="z" * 64),
    ],
)
def test_values_outside_their_lists_are_refused(engine: Engine, row: object) -> None:  # noqa: F811
    upgrade(engine)
    with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
        session.add(row())  # type: ignore[operator]
