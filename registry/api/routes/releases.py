"""``/releases``: publishing a version of a standard (editor token), dry runs, and release records."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["releases"])
