"""Changelogs: each standard's page of releases with their compatibility verdicts, and an Atom feed."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["catalogue"])
