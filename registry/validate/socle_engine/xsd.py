"""XSD datatypes: strict lexical checks (XML Schema 1.1 Part 2) and values for comparisons.

We follow the lexical spaces as written: no ``_`` digit separators, no ``NaN`` decimal, a ``T`` in
every dateTime, no surrounding whitespace (RDF literals are not whitespace-normalised), and the
range of every bounded integer type (``"300"^^xsd:byte`` is ill-typed).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from rdflib import Literal, URIRef

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_TZ = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))"
_YEAR = r"-?(?:[1-9][0-9]{3,}|0[0-9]{3})"
_TIME = r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)"
_DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_FLOAT = r"(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN)"
_DURATION = (
    r"-?P(?=[0-9]|T[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?"
    r"(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?"
)
_NAME_START = (
    r":A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
    r"\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF"
)
_NAME_CHAR = _NAME_START + r"\-.0-9\u00B7\u0300-\u036F\u203F-\u2040"
_NC_START = _NAME_START.replace(":", "", 1)
_NC_CHAR = _NAME_CHAR.replace(":", "", 1)
_XML_CHAR_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_INTEGER = re.compile(r"[+-]?[0-9]+")
_SOURCES: dict[str, str] = {
    "boolean": r"true|false|1|0",
    "decimal": _DECIMAL,
    "integer": r"[+-]?[0-9]+",
    "float": _FLOAT,
    "double": _FLOAT,
    "dateTime": rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T{_TIME}{_TZ}?",
    "dateTimeStamp": rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T{_TIME}{_TZ}",
    "date": rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]){_TZ}?",
    "time": rf"{_TIME}{_TZ}?",
    "gYear": rf"{_YEAR}{_TZ}?",
    "gYearMonth": rf"{_YEAR}-(?:0[1-9]|1[0-2]){_TZ}?",
    "gMonth": rf"--(?:0[1-9]|1[0-2]){_TZ}?",
    "gDay": rf"---(?:0[1-9]|[12][0-9]|3[01]){_TZ}?",
    "gMonthDay": rf"--(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]){_TZ}?",
    "duration": _DURATION,
    "dayTimeDuration": r"-?P(?=[0-9]|T[0-9])(?:[0-9]+D)?"
    r"(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?",
    "yearMonthDuration": r"-?P(?=[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?",
    "hexBinary": r"(?:[0-9a-fA-F]{2})*",
    "base64Binary": r"(?:(?:[A-Za-z0-9+/] ?){4})*(?:(?:[A-Za-z0-9+/] ?){3}[A-Za-z0-9+/]"
    r"|(?:[A-Za-z0-9+/] ?){2}[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?",
    "language": r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*",
    "NMTOKEN": rf"[{_NAME_CHAR}]+",
    "Name": rf"[{_NAME_START}][{_NAME_CHAR}]*",
    "NCName": rf"[{_NC_START}][{_NC_CHAR}]*",
    "ENTITY": rf"[{_NC_START}][{_NC_CHAR}]*",
    "ID": rf"[{_NC_START}][{_NC_CHAR}]*",
    "IDREF": rf"[{_NC_START}][{_NC_CHAR}]*",
    "normalizedString": r"[^\r\n\t]*",
    "token": r"(?:[^\s](?:[^\r\n\t ]| (?! ))*)?(?<! )",
    "anyURI": r"[^\s<>\"{}|\\^`]*",
}


@cache
def _pattern(local: str) -> re.Pattern[str] | None:
    """The compiled lexical-space regex of an XSD datatype (compiled on first use: start-up)."""
    source = _SOURCES.get(local)
    return re.compile(source) if source is not None else None


_INTEGER_RANGES: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-(2**7), 2**7 - 1),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 2**8 - 1),
}

_NUMERIC = {"decimal", "float", "double", *_INTEGER_RANGES}


@lru_cache(maxsize=65536)
def is_well_formed(lexical: str, datatype: str) -> bool:
    """Whether ``lexical`` is in the lexical space of ``datatype`` (unknown datatypes: always)."""
    if not datatype.startswith(XSD):
        return True
    local = datatype[len(XSD) :]
    if _XML_CHAR_BAD.search(lexical):
        return False
    if local in _INTEGER_RANGES:
        if not _INTEGER.fullmatch(lexical):
            return False
        low, high = _INTEGER_RANGES[local]
        value = int(lexical)
        return (low is None or value >= low) and (high is None or value <= high)
    pattern = _pattern(local)
    if pattern is None:
        return True  # xsd:string and types without a lexical restriction
    if not pattern.fullmatch(lexical):
        return False
    if local in ("dateTime", "dateTimeStamp", "date", "gMonthDay"):
        return _valid_day(lexical, local)
    return True


def _valid_day(lexical: str, local: str) -> bool:
    if local == "gMonthDay":
        month, day = int(lexical[2:4]), int(lexical[5:7])
        return day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])
    match = re.match(r"(-?[0-9]+)-([0-9]{2})-([0-9]{2})", lexical)
    assert match is not None
    year, month, day = (int(g) for g in match.groups())
    leap_year = year if year > 0 else 2000  # proleptic: year 0 is a leap year in XSD 1.1
    return day <= calendar.monthrange(leap_year, month)[1]


@dataclass(frozen=True, slots=True)
class Comparable:
    """A literal's value in one comparison family (numbers, strings, date-times…)."""

    family: str
    value: object
    timezone: bool = False


def comparable(term: object) -> Comparable | None:
    """A literal's value for ``<``/``<=`` as SPARQL compares; ``None`` when incomparable."""
    if not isinstance(term, Literal) or term.language:
        return None
    return _comparable(str(term), str(term.datatype) if term.datatype else XSD + "string")


@lru_cache(maxsize=65536)
def _comparable(lexical: str, datatype: str) -> Comparable | None:
    if not is_well_formed(lexical, datatype):
        return None
    local = datatype[len(XSD) :] if datatype.startswith(XSD) else None
    if local is None:
        return None
    maker = _MAKERS.get(local)
    return maker(lexical) if maker is not None else None


def _numeric(lexical: str) -> Comparable | None:
    try:
        if lexical in ("INF", "+INF"):
            return Comparable("numeric", float("inf"))
        if lexical == "-INF":
            return Comparable("numeric", float("-inf"))
        if lexical == "NaN":
            return None
        return Comparable("numeric", Decimal(lexical))
    except InvalidOperation:
        return None


def _string(lexical: str) -> Comparable:
    return Comparable("string", lexical)


def _boolean(lexical: str) -> Comparable:
    return Comparable("boolean", lexical in ("true", "1"))


_DT = re.compile(
    r"(-?[0-9]+)-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2}):([0-9]{2}(?:\.[0-9]+)?))?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?"
)


def _seconds_since_epoch(lexical: str, family: str) -> Comparable | None:
    match = _DT.fullmatch(lexical)
    if match is None:
        return None
    year, month, day, hour, minute, second, tz = match.groups()
    days = _days_from_civil(int(year), int(month), int(day))
    total = Decimal(days * 86400)
    if hour is not None:
        total += Decimal(int(hour) * 3600 + int(minute) * 60) + Decimal(second)
    if tz and tz != "Z":
        sign = -1 if tz[0] == "-" else 1
        total -= sign * Decimal(int(tz[1:3]) * 3600 + int(tz[4:6]) * 60)
    return Comparable(family, total, timezone=tz is not None)


def _days_from_civil(year: int, month: int, day: int) -> int:
    year -= month <= 2
    era = (year if year >= 0 else year - 399) // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _time(lexical: str) -> Comparable | None:
    return _seconds_since_epoch("1972-12-31T" + lexical, "time")


def _duration(lexical: str) -> Comparable | None:
    match = re.fullmatch(
        r"(-)?P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?"
        r"(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]+)?)S)?)?",
        lexical,
    )
    if match is None:
        return None
    sign, years, months, days, hours, minutes, seconds = match.groups()
    month_total = int(years or 0) * 12 + int(months or 0)
    seconds_total = Decimal(
        timedelta(days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0)).total_seconds()
    ) + Decimal(seconds or 0)
    factor = -1 if sign else 1
    if month_total and seconds_total:
        return None  # mixed durations are only partially ordered
    family = "yearMonthDuration" if month_total else "dayTimeDuration"
    if not month_total and not seconds_total:
        family = "zeroDuration"
    return Comparable(family, factor * (month_total or seconds_total))


_MAKERS: dict[str, Callable[[str], Comparable | None]] = {
    **{name: _numeric for name in _NUMERIC},
    "string": _string,
    "normalizedString": _string,
    "token": _string,
    "language": _string,
    "Name": _string,
    "NCName": _string,
    "NMTOKEN": _string,
    "anyURI": _string,
    "boolean": _boolean,
    "dateTime": lambda lexical: _seconds_since_epoch(lexical, "dateTime"),
    "dateTimeStamp": lambda lexical: _seconds_since_epoch(lexical, "dateTime"),
    "date": lambda lexical: _seconds_since_epoch(lexical, "date"),
    "time": _time,
    "duration": _duration,
    "dayTimeDuration": _duration,
    "yearMonthDuration": _duration,
}


def compare(left: Comparable, right: Comparable) -> int | None:
    """-1, 0 or 1 as SPARQL orders two values; ``None`` when they cannot be compared."""
    families = {left.family, right.family}
    if "zeroDuration" in families and families <= {
        "zeroDuration",
        "dayTimeDuration",
        "yearMonthDuration",
    }:
        pass
    elif left.family != right.family:
        return None
    if left.family in ("dateTime", "date", "time") and left.timezone != right.timezone:
        return _compare_partial(left, right)
    a, b = left.value, right.value
    assert isinstance(a, int | float | Decimal | str | bool) and isinstance(
        b, int | float | Decimal | str | bool
    )
    if isinstance(a, str) != isinstance(b, str):
        return None
    return (a > b) - (a < b)  # type: ignore[operator]


def _compare_partial(left: Comparable, right: Comparable) -> int | None:
    """XSD's rule for one timezoned and one local value: ordered only beyond a 14-hour margin."""
    a, b = left.value, right.value
    assert isinstance(a, Decimal) and isinstance(b, Decimal)
    margin = Decimal(14 * 3600)
    if not left.timezone:
        if a + margin < b:
            return -1
        if a - margin > b:
            return 1
        return None
    if a < b - margin:
        return -1
    if a > b + margin:
        return 1
    return None


def datatype_iri(term: Literal) -> str:
    """The datatype IRI of a literal (``rdf:langString`` or ``xsd:string`` for untyped ones)."""
    if term.language:
        return RDF_LANG_STRING
    return str(term.datatype) if term.datatype else XSD + "string"


def conforms_to_datatype(term: object, datatype: URIRef) -> bool:
    """``sh:datatype``: a literal of exactly this datatype whose lexical form is well formed."""
    if not isinstance(term, Literal):
        return False
    if datatype_iri(term) != str(datatype):
        return False
    return is_well_formed(str(term), str(datatype))
