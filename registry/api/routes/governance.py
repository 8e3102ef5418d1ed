"""Governance: status transitions of releases (admin), tokens (admin), the audit log (admin), and the
status history of each release published as RDF."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["governance"])
