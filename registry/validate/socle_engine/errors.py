"""Errors raised by the engine."""

from __future__ import annotations

from registry.errors import InputError


class ShapesError(InputError):
    """The shapes graph is ill-formed or uses what the engine refuses (a forbidden SPARQL form…)."""

    title = "Shapes graph refused"
