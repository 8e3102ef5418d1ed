"""Results grouped by rule: "412 rows: installation date is missing", with a count and a cap.

A rule is one (source shape, constraint component, path, severity). Groups come Violations first,
then Warnings, then Infos; within a severity the biggest group first, then in the order the rule was
first met (so that the same report always gives the same order). Each group lists at most ``cap``
of its results, in the order they were found; ``count`` is always the full number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from registry.validate.report import Severity, ValidationResult

DEFAULT_CAP = 20
"""How many results a group lists by default."""

_SEVERITY_ORDER = {severity: index for index, severity in enumerate(Severity)}


@dataclass(frozen=True, slots=True)
class ResultGroup:
    """The results of one rule."""

    source_shape: str
    constraint_component: str
    result_path: str | None
    severity: Severity
    count: int
    members: tuple[ValidationResult, ...]
    """The first ``cap`` results of the rule, in the order they were found."""
    member_indexes: tuple[int, ...]
    """Where each listed member stands in the report's results."""
    rows: bool
    """Every result of the group points at a row of a table (the summary then counts rows)."""
    column_names: tuple[str, ...]
    """The column headers (or keys) the producer wrote, over all the group's results, in order."""
    rule_messages: tuple[tuple[str, str], ...]

    @property
    def key(self) -> tuple[str, str, str | None, Severity]:
        return (self.source_shape, self.constraint_component, self.result_path, self.severity)

    @property
    def truncated(self) -> bool:
        """Whether some of the group's results are not listed."""
        return self.count > len(self.members)

    @property
    def unlisted(self) -> int:
        return self.count - len(self.members)

    def rule(self, lang: str = "en") -> str:
        """The rule broken, without any value (from the first result, else its component)."""
        by_lang = dict(self.rule_messages)
        found = by_lang.get(lang) or next(iter(by_lang.values()), None)
        if found:
            return found
        first = self.members[0] if self.members else None
        message = first.message(lang) if first is not None else None
        return message or self.constraint_component.rsplit("#", 1)[-1]

    def summary(self, lang: str = "en") -> str:
        """``"412 rows: installation date is missing (column date_pose)"`` in ``lang``."""
        count = self.count
        if lang == "fr":
            unit = ("ligne" if self.rows else "élément") + ("s" if count > 1 else "")
            text = f"{count} {unit} — {self.rule('fr')}"
            if len(self.column_names) == 1:
                text += f" (colonne {self.column_names[0]})"
            return text
        unit = ("row" if self.rows else "element") + ("s" if count > 1 else "")
        text = f"{count} {unit}: {self.rule('en')}"
        if len(self.column_names) == 1:
            text += f" (column {self.column_names[0]})"
        return text


def group_results(results: Iterable[ValidationResult], cap: int = DEFAULT_CAP) -> list[ResultGroup]:
    """The results grouped by rule, Violations first, then the biggest groups."""
    if cap < 0:
        raise ValueError("cap must be zero or more")
    order: list[tuple[str, str, str | None, Severity]] = []
    counts: dict[tuple[str, str, str | None, Severity], int] = {}
    listed: dict[tuple[str, str, str | None, Severity], list[tuple[int, ValidationResult]]] = {}
    rows: dict[tuple[str, str, str | None, Severity], bool] = {}
    columns: dict[tuple[str, str, str | None, Severity], dict[str, None]] = {}
    rules: dict[tuple[str, str, str | None, Severity], tuple[tuple[str, str], ...]] = {}
    for index, result in enumerate(results):
        key = result.rule_key
        if key not in counts:
            order.append(key)
            counts[key] = 0
            listed[key] = []
            rows[key] = True
            columns[key] = {}
            rules[key] = result.rule_messages
        counts[key] += 1
        if len(listed[key]) < cap:
            listed[key].append((index, result))
        location = result.location
        if location is None or location.row is None:
            rows[key] = False
        if location is not None and location.column_name:
            columns[key].setdefault(location.column_name, None)
        if not rules[key] and result.rule_messages:
            rules[key] = result.rule_messages
    first_seen = {key: position for position, key in enumerate(order)}
    order.sort(key=lambda k: (_SEVERITY_ORDER[k[3]], -counts[k], first_seen[k]))
    return [
        ResultGroup(
            source_shape=key[0],
            constraint_component=key[1],
            result_path=key[2],
            severity=key[3],
            count=counts[key],
            members=tuple(result for _, result in listed[key]),
            member_indexes=tuple(index for index, _ in listed[key]),
            rows=rows[key],
            column_names=tuple(columns[key]),
            rule_messages=rules[key],
        )
        for key in order
    ]
