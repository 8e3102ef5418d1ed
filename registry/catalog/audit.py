"""The audit log: every write to the catalogue, with who made it (DESIGN.md decision 14).

``record_audit`` adds the entry to the caller's session, so it commits or rolls back with the write
it describes: there is never a write without its entry, nor an entry for a write that failed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.catalog.db import Database
from registry.catalog.models import AuditEntry


def record_audit(
    session: Session, *, actor: str, action: str, target: str, detail: dict[str, Any] | None = None
) -> AuditEntry:
    """Add one entry (``action`` is ``noun.verb``: ``release.publish``, ``release.status``,
    ``token.create``, ``token.revoke``)."""
    entry = AuditEntry(actor=actor, action=action, target=target, detail=detail)
    session.add(entry)
    return entry


def audit_entries(db: Database, *, limit: int = 100, action: str | None = None) -> list[AuditEntry]:
    """The latest entries first."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    with db.read() as session:
        return list(session.scalars(query).all())
