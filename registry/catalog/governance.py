"""The life of a release (DESIGN.md decision 8): ``draft → candidate → standard → deprecated → retired``.

Only those arrows exist; any other change is refused with :class:`ConflictError` naming the current
status and what may follow it. A change is made by an administrator, with a reason, in one
transaction: the release's current status is re-read under the write lock (``BEGIN IMMEDIATE`` on
SQLite, ``SELECT … FOR UPDATE`` on PostgreSQL) and updated only if it is still that status, so two
administrators changing the same release at once cannot both succeed from the same state. The
transition's row (who, when, why) and its audit entry are written in the same transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult, select, update

from registry.catalog.audit import record_audit
from registry.catalog.db import Database
from registry.catalog.models import ReleaseRow, ReleaseStatus, StatusChangeRow
from registry.catalog.releases import ReleaseCatalog, StatusChange, version_key
from registry.errors import ConflictError, InputError, NotFoundError

TRANSITIONS: dict[ReleaseStatus, tuple[ReleaseStatus, ...]] = {
    ReleaseStatus.DRAFT: (ReleaseStatus.CANDIDATE,),
    ReleaseStatus.CANDIDATE: (ReleaseStatus.STANDARD,),
    ReleaseStatus.STANDARD: (ReleaseStatus.DEPRECATED,),
    ReleaseStatus.DEPRECATED: (ReleaseStatus.RETIRED,),
    ReleaseStatus.RETIRED: (),
}
"""The only allowed transitions: each status and the statuses that may follow it."""

MAX_REASON = 2000
AUDIT_ACTION = "release.status"


def allowed_next(status: str) -> tuple[str, ...]:
    """The statuses a release in ``status`` may move to (none after ``retired``)."""
    return tuple(s.value for s in TRANSITIONS[ReleaseStatus(status)])


def parse_status(value: str) -> ReleaseStatus:
    """``"standard"`` → :attr:`ReleaseStatus.STANDARD`; anything else is an :class:`InputError`."""
    try:
        return ReleaseStatus(value.strip().lower())
    except ValueError:
        raise InputError(
            f"{value!r} is not a status",
            hint="Statuses: " + " → ".join(s.value for s in ReleaseStatus) + ".",
        ) from None


def check_reason(reason: str | None) -> str:
    """The reason, stripped; refused when empty or longer than :data:`MAX_REASON` characters."""
    text = (reason or "").strip()
    if not text:
        raise InputError(
            "a status change needs a reason",
            hint="Say why, for the record: the council's decision, its date, what replaces the version.",
        )
    if len(text) > MAX_REASON:
        raise InputError(
            f"the reason is {len(text)} characters long; at most {MAX_REASON} are kept",
            hint="Summarise it, and link to the full decision.",
        )
    return text


def refusal(domain: str, version: str, current: str, wanted: str) -> ConflictError:
    """The error for a transition outside the graph, naming the current status and the next one(s)."""
    following = allowed_next(current)
    if following:
        detail = f"{domain} {version} is {current}: it can become {' or '.join(following)}, not {wanted}"
        hint = f"Statuses follow one another: {' → '.join(s.value for s in ReleaseStatus)}."
    else:
        detail = f"{domain} {version} is {current}: no status follows {current}, so it cannot become {wanted}"
        hint = "A retired version stays downloadable and validatable; publish a new version instead."
    return ConflictError(detail, hint=hint)


def change_status(
    catalog_or_db: ReleaseCatalog | Database,
    domain: str,
    version: str,
    to_status: str,
    *,
    actor: str,
    reason: str,
) -> StatusChange:
    """Move ``domain@version`` to ``to_status`` and return the recorded transition.

    Raises :class:`NotFoundError` (unknown release), :class:`ConflictError` (a transition outside the
    graph, or the release changed meanwhile) and :class:`InputError` (unknown status, missing or
    too long reason).
    """
    db = catalog_or_db.db if isinstance(catalog_or_db, ReleaseCatalog) else catalog_or_db
    wanted = parse_status(to_status)
    why = check_reason(reason)
    with db.write() as session:
        row = session.scalars(
            select(ReleaseRow)
            .where(ReleaseRow.domain == domain, ReleaseRow.version == version)
            .with_for_update()
        ).one_or_none()
        if row is None:
            versions = session.scalars(select(ReleaseRow.version).where(ReleaseRow.domain == domain)).all()
            if not versions:
                raise NotFoundError(f"no standard named {domain!r}", hint="The standards are listed at /.")
            raise NotFoundError(
                f"{domain} has no version {version}",
                hint="Known versions: " + ", ".join(sorted(versions, key=version_key)) + ".",
            )
        current = row.status
        if wanted not in TRANSITIONS[ReleaseStatus(current)]:
            raise refusal(domain, version, current, wanted.value)
        changed: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            update(ReleaseRow)
            .where(ReleaseRow.id == row.id, ReleaseRow.status == current)
            .values(status=wanted.value)
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount != 1:  # pragma: no cover  (the lock above makes this unreachable)
            raise ConflictError(
                f"{domain} {version} changed status while this change was being made",
                hint="Read its history and try again.",
            )
        change = StatusChangeRow(
            release_id=row.id, from_status=current, to_status=wanted.value, actor=actor, reason=why
        )
        session.add(change)
        record_audit(
            session,
            actor=actor,
            action=AUDIT_ACTION,
            target=f"{domain}@{version}",
            detail={"from": current, "to": wanted.value, "reason": why},
        )
        session.flush()
        return StatusChange(
            change.from_status, change.to_status, change.actor, change.reason, change.changed_at
        )
