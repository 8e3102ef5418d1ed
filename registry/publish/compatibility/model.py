"""What a comparison of two versions produces: changes, their level, and the verdict on the bump."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")


class Level(StrEnum):
    """The version bump a change calls for, by its effect on data that was valid before."""

    NONE = "none"
    PATCH = "patch"
    MINOR = "minor"
    MAJOR = "major"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def name_in(self, lang: str) -> str:
        """``major`` / ``majeure`` …: the level as a sentence says it."""
        return (_NAMES_FR if lang == "fr" else _NAMES_EN)[self]


_RANK = {Level.NONE: 0, Level.PATCH: 1, Level.MINOR: 2, Level.MAJOR: 3}
_NAMES_FR = {Level.NONE: "aucune", Level.PATCH: "corrective", Level.MINOR: "mineure", Level.MAJOR: "majeure"}
_NAMES_EN = {Level.NONE: "none", Level.PATCH: "patch", Level.MINOR: "minor", Level.MAJOR: "major"}


def highest(levels: list[Level]) -> Level:
    """The highest of ``levels`` (``NONE`` when empty)."""
    return max(levels, key=lambda level: level.rank, default=Level.NONE)


@dataclass(frozen=True)
class Change:
    """One difference between two versions, classified and explained in French and English.

    ``element`` names what changed (``lighting:LampTechnology/mercury_vapour``,
    ``lighting:Streetlight.nominal_power``, a shape, a context term); ``before`` and ``after`` are the
    old and new values as text (``None`` when absent). ``covers`` (not compared, not published) lists
    the generated shapes and context terms this change explains, so that their own differences are not
    reported twice.
    """

    kind: str
    element: str
    level: Level
    message_fr: str
    message_en: str
    before: str | None = None
    after: str | None = None
    covers: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def message(self, lang: str) -> str:
        return self.message_fr if lang == "fr" else self.message_en

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "element": self.element,
            "level": self.level.value,
            "message_fr": self.message_fr,
            "message_en": self.message_en,
            "before": self.before,
            "after": self.after,
        }


def parse_version(version: str) -> tuple[int, int, int]:
    """``"1.2.3"`` → ``(1, 2, 3)``; ``ValueError`` on anything that is not a semantic version."""
    match = _SEMVER.match(version)
    if not match:
        raise ValueError(f"{version!r} is not a semantic version (MAJOR.MINOR.PATCH)")
    return int(match[1]), int(match[2]), int(match[3])


def declared_bump(old_version: str, new_version: str) -> Level:
    """The bump that going from ``old_version`` to ``new_version`` declares (``NONE`` when the new
    version is not higher)."""
    old, new = parse_version(old_version), parse_version(new_version)
    if new <= old:
        return Level.NONE
    if new[0] > old[0]:
        return Level.MAJOR
    if new[1] > old[1]:
        return Level.MINOR
    return Level.PATCH


@dataclass(frozen=True)
class Verdict:
    """The changes between two versions of one module and whether the declared bump covers them.

    ``required`` is the highest level among the changes; ``declared`` follows from the two version
    numbers; ``acceptable`` when the new version is higher (or the same with no change at all) and
    ``declared`` is at least ``required``. ``offending`` lists the changes the declared bump is too
    small for (empty when acceptable).
    """

    domain: str
    old_version: str
    new_version: str
    required: Level
    declared: Level
    acceptable: bool
    changes: tuple[Change, ...]
    offending: tuple[Change, ...]

    @property
    def downgrade(self) -> bool:
        return parse_version(self.new_version) < parse_version(self.old_version)

    def summary(self, lang: str) -> str:
        """One sentence: what the changes call for, what is declared, accepted or refused."""
        fr = lang == "fr"
        old, new = self.old_version, self.new_version
        if self.downgrade:
            return (
                f"Refusé : la version {new} est antérieure à {old}."
                if fr
                else f"Refused: version {new} is lower than {old}."
            )
        if not self.changes:
            if fr:
                return f"Aucun changement entre {old} et {new} : compatible."
            return f"No change between {old} and {new}: compatible."
        need = self.required.name_in(lang)
        if self.declared is Level.NONE:
            if fr:
                return f"Refusé : les changements demandent une version {need}, mais la version reste {new}."
            return f"Refused: the changes call for a {need} version, but the version stays {new}."
        said = self.declared.name_in(lang)
        if self.acceptable:
            if fr:
                return (
                    f"Accepté : les changements demandent une version {need} ; {new} est une "
                    f"version {said} après {old}."
                )
            return f"Accepted: the changes call for a {need} version; {new} is a {said} version after {old}."
        count = len(self.offending)
        if fr:
            return (
                f"Refusé : {new} est une version {said} après {old}, mais {count} changement(s) "
                f"demandent une version {need}."
            )
        return (
            f"Refused: {new} is a {said} version after {old}, but {count} change(s) call for a "
            f"{need} version."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "domain": self.domain,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "required": self.required.value,
            "declared": self.declared.value,
            "acceptable": self.acceptable,
            "summary_fr": self.summary("fr"),
            "summary_en": self.summary("en"),
            "changes": [c.to_dict() for c in self.changes],
            "offending": [c.to_dict() for c in self.offending],
        }


def make_verdict(domain: str, old_version: str, new_version: str, changes: list[Change]) -> Verdict:
    """Classify the bump: ``changes`` (any order) against the two declared versions."""
    ordered = tuple(sorted(changes, key=lambda c: (-c.level.rank, c.element, c.kind, c.before or "")))
    required = highest([c.level for c in ordered])
    declared = declared_bump(old_version, new_version)
    downgrade = parse_version(new_version) < parse_version(old_version)
    acceptable = not downgrade and declared.rank >= required.rank
    offending = () if acceptable else tuple(c for c in ordered if c.level.rank > declared.rank)
    return Verdict(
        domain=domain,
        old_version=old_version,
        new_version=new_version,
        required=required,
        declared=declared,
        acceptable=acceptable,
        changes=ordered,
        offending=offending,
    )


def verdict_from_dict(document: dict[str, Any]) -> Verdict:
    """A verdict read back from its ``to_dict()`` (the changelog, an API answer)."""

    def change(entry: dict[str, Any]) -> Change:
        return Change(
            kind=entry["kind"],
            element=entry["element"],
            level=Level(entry["level"]),
            message_fr=entry["message_fr"],
            message_en=entry["message_en"],
            before=entry.get("before"),
            after=entry.get("after"),
        )

    return Verdict(
        domain=document["domain"],
        old_version=document["old_version"],
        new_version=document["new_version"],
        required=Level(document["required"]),
        declared=Level(document["declared"]),
        acceptable=bool(document["acceptable"]),
        changes=tuple(change(c) for c in document["changes"]),
        offending=tuple(change(c) for c in document["offending"]),
    )
