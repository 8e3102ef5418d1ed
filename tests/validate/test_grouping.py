"""Results grouped by rule: counts, the cap on listed members, stable order, FR/EN summaries."""

from __future__ import annotations

import pytest

from registry.validate.grouping import DEFAULT_CAP, group_results
from registry.validate.report import Severity, SourceLocation, ValidationResult

SH = "http://www.w3.org/ns/shacl#"


def result(
    shape: str,
    n: int,
    *,
    severity: Severity = Severity.VIOLATION,
    row: int | None = None,
    column: str | None = None,
    rule: str = "date_maj is missing",
) -> ValidationResult:
    return ValidationResult(
        focus_node=f"<urn:socle:data:{shape}-{n}>",
        constraint_component=SH + "MinCountConstraintComponent",
        source_shape=f"<http://example.org/{shape}>",
        severity=severity,
        result_path=f"<http://example.org/{shape}/path>",
        messages=(("fr", f"message {n}"), ("en", f"message {n}")),
        rule_messages=(("fr", f"{rule} (fr)"), ("en", rule)),
        location=SourceLocation(file="data.csv", row=row, column_name=column) if row is not None else None,
    )


def test_counts_and_cap() -> None:
    results = [result("A", n, row=n + 2, column="date_maj") for n in range(412)]
    [group] = group_results(results)
    assert group.count == 412
    assert len(group.members) == DEFAULT_CAP == 20
    assert group.members == tuple(results[:20])
    assert group.member_indexes == tuple(range(20))
    assert group.truncated and group.unlisted == 392
    assert group.summary("en") == "412 rows: date_maj is missing (column date_maj)"
    assert group.summary("fr") == "412 lignes — date_maj is missing (fr) (colonne date_maj)"
    [capped] = group_results(results, cap=5)
    assert len(capped.members) == 5 and capped.count == 412
    assert group_results(results, cap=0)[0].members == ()
    with pytest.raises(ValueError):
        group_results(results, cap=-1)


def test_elements_when_a_result_has_no_row() -> None:
    [group] = group_results([result("A", 1, row=3, column="x"), result("A", 2)])
    assert not group.rows
    assert group.summary("en") == "2 elements: date_maj is missing (column x)"
    [single] = group_results([result("B", 1)])
    assert single.summary("en") == "1 element: date_maj is missing"
    assert single.summary("fr") == "1 élément — date_maj is missing (fr)"


def test_several_columns_are_not_named_in_the_summary() -> None:
    [group] = group_results([result("A", 1, row=3, column="x"), result("A", 2, row=4, column="y")])
    assert group.column_names == ("x", "y")
    assert group.summary("en") == "2 rows: date_maj is missing"


def test_order_violations_first_then_biggest_then_first_met() -> None:
    results = (
        [result("W", n, severity=Severity.WARNING) for n in range(50)]
        + [result("small", n) for n in range(2)]
        + [result("I", n, severity=Severity.INFO) for n in range(90)]
        + [result("big", n) for n in range(7)]
        + [result("tie", n) for n in range(2)]
    )
    order = [(g.source_shape, g.count) for g in group_results(results)]
    assert order == [
        ("<http://example.org/big>", 7),
        ("<http://example.org/small>", 2),
        ("<http://example.org/tie>", 2),
        ("<http://example.org/W>", 50),
        ("<http://example.org/I>", 90),
    ]
    assert group_results(list(reversed(results)))[0].source_shape == "<http://example.org/big>"


def test_one_rule_is_shape_component_path_and_severity() -> None:
    a = result("A", 1)
    warning = result("A", 2, severity=Severity.WARNING)
    other_component = ValidationResult(
        focus_node=a.focus_node,
        constraint_component=SH + "MaxCountConstraintComponent",
        source_shape=a.source_shape,
        result_path=a.result_path,
    )
    groups = group_results([a, warning, other_component])
    assert len(groups) == 3
    # a result without rule text: its message, else the component, says the rule
    assert groups[1].rule("en") == "MaxCountConstraintComponent"


def test_empty() -> None:
    assert group_results([]) == []
