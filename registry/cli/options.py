"""Option values shared by several commands."""

from __future__ import annotations

from enum import StrEnum


class Lang(StrEnum):
    """Languages of reports and verdicts (French is the reference language)."""

    FR = "fr"
    EN = "en"
