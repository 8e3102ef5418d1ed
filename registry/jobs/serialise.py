"""A ``ValidationReport`` as a JSON document, and back, so that a stored result renders in any format.

The document mirrors the report's dataclasses field by field (``dataclasses.fields``), with enums as
their values and tuples as arrays; ``report_from_dict`` rebuilds them from the type hints, so a field
added to the report model is carried without change here. The derived ``conforms``, ``valid`` and
``counts`` are written for readers of the raw file and ignored when reading back.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from typing import Any, Union

from registry.validate.report import ValidationReport

FORMAT = "socle-validation-report/1"
"""The document's ``format`` member; a reader refuses a format it does not know."""


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def report_to_dict(report: ValidationReport) -> dict[str, Any]:
    """The report as JSON-ready data."""
    data: dict[str, Any] = {"format": FORMAT}
    data.update(_plain(report))
    data["conforms"] = report.conforms
    data["valid"] = report.valid
    data["counts"] = {severity.value: count for severity, count in report.counts.items()}
    return data


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _build(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _build(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], item) for item in value)
        return tuple(_build(arg, item) for arg, item in zip(args, value, strict=True))
    if origin is list:
        (arg,) = typing.get_args(hint)
        return [_build(arg, item) for item in value]
    if origin is dict:
        key, item_hint = typing.get_args(hint)
        return {_build(key, k): _build(item_hint, v) for k, v in value.items()}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_from(hint, value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    return value


def _dataclass_from(cls: type[Any], data: dict[str, Any]) -> Any:
    hints = _hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    values = {name: _build(hints[name], item) for name, item in data.items() if name in known}
    return cls(**values)


def report_from_dict(data: dict[str, Any]) -> ValidationReport:
    """The report written by ``report_to_dict``."""
    if data.get("format") != FORMAT:
        raise ValueError(f"not a stored validation report (format {data.get('format')!r})")
    report: ValidationReport = _dataclass_from(ValidationReport, data)
    return report


def dumps(report: ValidationReport) -> bytes:
    """The report as UTF-8 JSON bytes."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes | str) -> ValidationReport:
    """The report stored by ``dumps``."""
    return report_from_dict(json.loads(data))
