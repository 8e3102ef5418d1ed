"""Status transitions on SQLite and on PostgreSQL: the four arrows of the graph, every other change
refused, concurrent changes from one state (exactly one wins), and one audit entry per write."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest

from registry.catalog.audit import audit_entries
from registry.catalog.governance import MAX_REASON, TRANSITIONS, allowed_next, change_status
from registry.catalog.models import ReleaseStatus
from registry.catalog.releases import ReleaseCatalog
from registry.catalog.tokens import create_token, revoke_token
from registry.errors import ConflictError, InputError, NotFoundError
from tests.catalog.test_db import engine  # noqa: F401  (the fixture, on every backend)
from tests.catalog.test_releases import bundle_at, counts, database, publish, releases  # noqa: F401

STATUSES = [s.value for s in ReleaseStatus]
ALLOWED = [(a.value, b.value) for a, targets in TRANSITIONS.items() for b in targets]


def test_the_graph_is_the_chain_of_statuses() -> None:
    assert ALLOWED == [
        ("draft", "candidate"),
        ("candidate", "standard"),
        ("standard", "deprecated"),
        ("deprecated", "retired"),
    ]


@pytest.mark.parametrize(("current", "wanted"), ALLOWED)
def test_an_allowed_transition_is_recorded_with_its_audit_entry(
    releases: ReleaseCatalog,  # noqa: F811
    bundles: dict[str, Path],
    tmp_path: Path,
    current: str,
    wanted: str,
) -> None:
    publish(releases, bundles, tmp_path, "1.0.0", current)
    change = change_status(
        releases, "lighting", "1.0.0", wanted, actor="council-admin", reason="  decided on 2026-03-01  "
    )
    assert (change.from_status, change.to_status, change.actor, change.reason) == (
        current,
        wanted,
        "council-admin",
        "decided on 2026-03-01",
    )
    release = releases.find("lighting", "1.0.0")
    assert release is not None and release.status == wanted
    history = releases.status_history("lighting", "1.0.0")
    assert [(c.from_status, c.to_status) for c in history] == [(None, current), (current, wanted)]
    assert history[-1] == change
    latest = audit_entries(releases.db)[0]
    assert (latest.actor, latest.action, latest.target, latest.detail) == (
        "council-admin",
        "release.status",
        "lighting@1.0.0",
        {"from": current, "to": wanted, "reason": "decided on 2026-03-01"},
    )


@pytest.mark.parametrize("current", STATUSES)
def test_every_other_transition_is_refused_naming_the_current_and_next_statuses(
    releases: ReleaseCatalog,  # noqa: F811
    bundles: dict[str, Path],
    tmp_path: Path,
    current: str,
) -> None:
    publish(releases, bundles, tmp_path, "1.0.0", current)
    before = counts(releases.db)
    refused = [s for s in STATUSES if (current, s) not in ALLOWED]
    assert current in refused
    for wanted in refused:
        with pytest.raises(ConflictError) as caught:
            change_status(releases, "lighting", "1.0.0", wanted, actor="admin", reason="try")
        detail = caught.value.detail
        assert detail.startswith(f"lighting 1.0.0 is {current}: ")
        following = allowed_next(current)
        if following:
            assert detail == f"lighting 1.0.0 is {current}: it can become {following[0]}, not {wanted}"
        else:
            assert (
                detail
                == f"lighting 1.0.0 is {current}: no status follows {current}, so it cannot become {wanted}"
            )
        assert caught.value.status == 409
    assert counts(releases.db) == before
    release = releases.find("lighting", "1.0.0")
    assert release is not None and release.status == current


def test_a_release_lives_its_whole_life_in_order(
    releases: ReleaseCatalog,  # noqa: F811
    bundles: dict[str, Path],
    tmp_path: Path,
) -> None:
    publish(releases, bundles, tmp_path, "1.0.0", "draft")
    for status in STATUSES[1:]:
        change_status(
            releases.db, "lighting", "1.0.0", status, actor=f"admin-{status}", reason=f"to {status}"
        )
    history = releases.status_history("lighting", "1.0.0")
    assert [(c.from_status, c.to_status, c.actor, c.reason) for c in history] == [
        (None, "draft", "editor@example.org", "lighting 1.0.0"),
        ("draft", "candidate", "admin-candidate", "to candidate"),
        ("candidate", "standard", "admin-standard", "to standard"),
        ("standard", "deprecated", "admin-deprecated", "to deprecated"),
        ("deprecated", "retired", "admin-retired", "to retired"),
    ]
    assert [c.changed_at for c in history] == sorted(c.changed_at for c in history)


@pytest.mark.parametrize(
    ("domain", "version", "status", "reason", "error", "message"),
    [
        ("lighting", "2.0.0", "standard", "why", NotFoundError, "lighting has no version 2.0.0"),
        ("waste", "1.0.0", "standard", "why", NotFoundError, "no standard named 'waste'"),
        ("lighting", "1.0.0", "adopted", "why", InputError, "'adopted' is not a status"),
        ("lighting", "1.0.0", "standard", "", InputError, "a status change needs a reason"),
        ("lighting", "1.0.0", "standard", " \n\t ", InputError, "a status change needs a reason"),
        (
            "lighting",
            "1.0.0",
            "standard",
            "x" * (MAX_REASON + 1),
            InputError,
            f"the reason is {MAX_REASON + 1} characters long; at most {MAX_REASON} are kept",
        ),
    ],
)
def test_bad_requests_are_refused_before_anything_is_written(
    releases: ReleaseCatalog,  # noqa: F811
    bundles: dict[str, Path],
    tmp_path: Path,
    domain: str,
    version: str,
    status: str,
    reason: str,
    error: type[Exception],
    message: str,
) -> None:
    publish(releases, bundles, tmp_path, "1.0.0", "candidate")
    before = counts(releases.db)
    with pytest.raises(error) as caught:
        change_status(releases, domain, version, status, actor="admin", reason=reason)
    assert str(caught.value) == message
    assert counts(releases.db) == before


def test_a_reason_of_the_maximum_length_is_kept_whole(
    releases: ReleaseCatalog,  # noqa: F811
    bundles: dict[str, Path],
    tmp_path: Path,
) -> None:
    publish(releases, bundles, tmp_path, "1.0.0", "candidate")
    reason = "é" * MAX_REASON
    change_status(releases, "lighting", "1.0.0", "standard", actor="admin", reason=reason)
    assert releases.status_history("lighting", "1.0.0")[-1].reason == reason


@pytest.mark.parametrize(("current", "wanted"), [("candidate", "standard"), ("standard", "deprecated")])
def test_concurrent_changes_from_one_state_let_exactly_one_through(
    releases: ReleaseCatalog,  # noqa: F811
    bundles: dict[str, Path],
    tmp_path: Path,
    current: str,
    wanted: str,
) -> None:
    """Eight administrators change the same release from the same state at once: one wins; the
    others then find it in the new state, from which the same change is not an arrow."""
    publish(releases, bundles, tmp_path, "1.0.0", current)
    outcomes: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def change(number: int) -> None:
        start.wait()
        try:
            change_status(releases, "lighting", "1.0.0", wanted, actor=f"admin-{number}", reason="race")
            outcome = "changed"
        except ConflictError as error:
            outcome = "conflict" if error.detail.startswith(f"lighting 1.0.0 is {wanted}: ") else error.detail
        except Exception as error:
            outcome = f"{type(error).__name__}: {error}"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=change, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert Counter(outcomes) == {"changed": 1, "conflict": 7}
    history = releases.status_history("lighting", "1.0.0")
    assert [(c.from_status, c.to_status) for c in history] == [(None, current), (current, wanted)]
    assert [e.action for e in audit_entries(releases.db)] == ["release.status", "release.publish"]


def test_every_write_leaves_exactly_one_audit_entry_with_its_actor(
    releases: ReleaseCatalog,  # noqa: F811
    bundles: dict[str, Path],
    tmp_path: Path,
) -> None:
    publish(releases, bundles, tmp_path, "1.0.0", "candidate")
    change_status(releases, "lighting", "1.0.0", "standard", actor="council", reason="adopted")
    info, _ = create_token(releases.db, name="alice", role="editor", actor="council")
    revoke_token(releases.db, info.id, actor="council-2")
    revoke_token(releases.db, info.id, actor="council-3")  # already revoked: not a write
    with pytest.raises(ConflictError):  # refused: not a write
        change_status(releases, "lighting", "1.0.0", "retired", actor="council", reason="too soon")
    with pytest.raises(InputError):
        create_token(releases.db, name="bob", role="owner", actor="council")

    entries = audit_entries(releases.db)
    assert [(e.actor, e.action, e.target) for e in entries] == [
        ("council-2", "token.revoke", f"token:{info.id}"),
        ("council", "token.create", f"token:{info.id}"),
        ("council", "release.status", "lighting@1.0.0"),
        ("editor@example.org", "release.publish", "lighting@1.0.0"),
    ]
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    assert entries[1].detail == {"name": "alice", "role": "editor"}
    assert [e.target for e in audit_entries(releases.db, action="token.create")] == [f"token:{info.id}"]
    assert [e.action for e in audit_entries(releases.db, limit=2)] == ["token.revoke", "token.create"]
