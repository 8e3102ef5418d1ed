"""JSON records and GeoJSON lifted to RDF through the module's own context, keeping JSON pointers.

JSON records, in any of these shapes:

- a list of objects: ``[{"type": "Streetlight", "identifier": …}, …]`` (record ``n`` at ``/n``);
- an object holding that list under ``records`` or ``@graph`` (with no ``@context``: that is JSON-LD);
- one object: a single record (at the root, pointer ``""``).

Each object is one record; its class is its ``type``, else ``class=``, else the one class all the
untyped records' keys belong to. Keys are slot names or their declared aliases (compared without case,
accents or separators); other keys give one notice naming them, never a violation.

GeoJSON: a ``FeatureCollection`` of ``Point`` features (or features without geometry); each feature's
``properties`` is a record, and its coordinates ``[lon, lat]`` its ``longitude`` and ``latitude``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Literal

from registry.build.schema import DomainSchema, annotation
from registry.errors import InputError
from registry.ingest.headers import concrete_classes, infer_class, resolve_header
from registry.ingest.json_text import load_json
from registry.ingest.limits import require_short, where
from registry.ingest.model import Notice, SourceMap
from registry.ingest.records import RecordLifter
from registry.ingest.tabular import Lifted
from registry.ingest.values import instant_text
from registry.validate.report import SourceLocation
from registry.validate.terms import term_to_nt

_IGNORED_KEYS = frozenset({"type"})


@dataclass
class _Entry:
    """One record as found in the file: its JSON pointer, its object, and where keys really are."""

    pointer: str
    record: dict[str, Any]
    key_pointers: dict[str, str]


def read_json_records(
    data: bytes, schema: DomainSchema, *, class_name: str | None, base: str, name: str | None
) -> Lifted:
    document = load_json(data, name, "JSON")
    if isinstance(document, list):
        items, prefix = document, ""
    elif isinstance(document, dict) and isinstance(document.get("records"), list):
        items, prefix = document["records"], "/records"
    elif isinstance(document, dict) and isinstance(document.get("@graph"), list):
        items, prefix = document["@graph"], "/@graph"
    elif isinstance(document, dict):
        items, prefix = [document], None
    else:
        raise InputError(
            f"{where(name)}the JSON holds a {type(document).__name__}, not records.",
            hint='Send a list of objects: [{"type": …, "identifier": …}, …].',
        )
    entries = []
    for index, item in enumerate(items):
        pointer = "" if prefix is None else f"{prefix}/{index}"
        if not isinstance(item, dict):
            raise InputError(
                f"{where(name)}{pointer or 'the document'} is a {type(item).__name__}, not a record object.",
                hint="Every record is a JSON object whose keys are field names.",
            )
        entries.append(_Entry(pointer, item, {k: f"{pointer}/{_escape(k)}" for k in item}))
    return _lift(entries, schema, class_name=class_name, base=base, name=name)


def read_geojson(
    data: bytes, schema: DomainSchema, *, class_name: str | None, base: str, name: str | None
) -> Lifted:
    document = load_json(data, name, "GeoJSON")
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise InputError(
            f"{where(name)}GeoJSON input must be a FeatureCollection.",
            hint='Wrap the features: {"type": "FeatureCollection", "features": […]}.',
        )
    features = document.get("features")
    if not isinstance(features, list):
        raise InputError(f"{where(name)}the FeatureCollection has no 'features' list.")
    entries = []
    for index, feature in enumerate(features):
        pointer = f"/features/{index}"
        if not isinstance(feature, dict):
            raise InputError(f"{where(name)}{pointer} is not a Feature object.")
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise InputError(f"{where(name)}{pointer}/properties is not an object.")
        record = dict(properties)
        key_pointers = {k: f"{pointer}/properties/{_escape(k)}" for k in properties}
        geometry = feature.get("geometry")
        if geometry is not None:
            if not isinstance(geometry, dict) or geometry.get("type") != "Point":
                kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
                raise InputError(
                    f"{where(name)}{pointer} is a {kind} feature; only Point features are read.",
                    hint="Give each record one point (its position), or a CSV with latitude and longitude.",
                )
            coordinates = geometry.get("coordinates")
            if (
                not isinstance(coordinates, list)
                or len(coordinates) < 2
                or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates[:2])
            ):
                raise InputError(
                    f"{where(name)}{pointer}/geometry/coordinates is not [longitude, latitude].",
                    hint="Write the point as [longitude, latitude] in decimal degrees (WGS84).",
                )
            record.setdefault("longitude", coordinates[0])
            record.setdefault("latitude", coordinates[1])
            key_pointers.setdefault("longitude", f"{pointer}/geometry/coordinates/0")
            key_pointers.setdefault("latitude", f"{pointer}/geometry/coordinates/1")
        entries.append(_Entry(pointer, record, key_pointers))
    return _lift(entries, schema, class_name=class_name, base=base, name=name)


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _lift(
    entries: list[_Entry], schema: DomainSchema, *, class_name: str | None, base: str, name: str | None
) -> Lifted:
    if not entries:
        raise InputError(f"{where(name)}the file holds no record.")
    classes = set(concrete_classes(schema))
    if class_name is not None and class_name not in classes:
        raise InputError(
            f"class={class_name!r} is not a class of {schema.name} {schema.version}.",
            hint="Its classes are: " + ", ".join(sorted(classes)) + ".",
        )
    default_class = class_name or _inferred(entries, schema, name)
    unknown: dict[str, None] = {}
    prepared: list[dict[str, Any]] = []
    written: list[dict[str, str]] = []
    for entry in entries:
        record, keys = _prepare(entry, schema, default_class, classes, unknown, name)
        prepared.append(record)
        written.append(keys)
    lifter = RecordLifter(schema, base=base)
    iris = lifter.node_iris(prepared)
    try:
        graph = lifter.to_graph(prepared)
    except RecursionError:
        raise InputError(f"{where(name)}the records are nested too deeply to be read.") from None
    source_map = SourceMap()
    for entry, record, keys, iri in zip(entries, prepared, written, iris, strict=True):
        node = f"<{iri}>"
        source_map.nodes[node] = SourceLocation(file=name, pointer=entry.pointer)
        cls = str(record["type"])
        for slot_name, original in keys.items():
            slot = schema.view.induced_slot(slot_name, cls)
            predicate = schema.slot_uri(slot)
            source_map.columns[(node, predicate)] = original
            source_map.pointers[(node, predicate)] = entry.key_pointers.get(original, entry.pointer)
        identifier = record.get("identifier")
        if isinstance(identifier, str) and identifier.strip():
            original = keys.get("identifier", "identifier")
            source_map.identifiers.setdefault(term_to_nt(Literal(identifier)), []).append(
                SourceLocation(
                    file=name, pointer=entry.key_pointers.get(original, entry.pointer), column_name=original
                )
            )
    notices = []
    if unknown:
        listed = ", ".join(unknown)
        notices.append(
            Notice(
                code="unknown-keys",
                message_fr=f"Clés ignorées (aucun champ de ce nom) : {listed}.",
                message_en=f"Keys ignored (no field has that name): {listed}.",
            )
        )
    return Lifted(graph, source_map, notices, [])


def _inferred(entries: list[_Entry], schema: DomainSchema, name: str | None) -> str | None:
    untyped = [e for e in entries if not e.record.get("type")]
    if not untyped:
        return None
    keys = list(dict.fromkeys(k for e in untyped for k in e.record))

    def understood(candidate: str, key: str) -> bool:
        return resolve_header(schema, candidate, key) is not None

    try:
        return infer_class(schema, keys, understood=understood)
    except InputError as error:
        raise InputError(
            f"{where(name)}records without a type: {error.detail}",
            hint='Give each record its "type", or say the class with class= (--class).',
        ) from None


def _prepare(
    entry: _Entry,
    schema: DomainSchema,
    default_class: str | None,
    classes: set[str],
    unknown: dict[str, None],
    name: str | None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """The record with its class set, keys as slot names, and each slot's key as the file wrote it."""
    cls = entry.record.get("type") or default_class
    if not isinstance(cls, str) or cls not in classes:
        raise InputError(
            f"{where(name)}{entry.pointer or 'the record'}: type {cls!r} is not a class of "
            f"{schema.name} {schema.version}.",
            hint="Its classes are: " + ", ".join(sorted(classes)) + ".",
        )
    record: dict[str, Any] = {"type": cls}
    keys: dict[str, str] = {}
    for key, value in entry.record.items():
        if key in _IGNORED_KEYS:
            continue
        slot = resolve_header(schema, cls, key)
        if slot is None:
            unknown[key] = None
            continue
        slot_name = str(slot.name)
        if slot_name in keys:
            raise InputError(
                f"{where(name)}{entry.pointer or 'the record'}: keys {keys[slot_name]!r} and {key!r} "
                f"both give {slot_name}.",
                hint="Keep one of them.",
            )
        _check_lengths(value, name, entry.key_pointers.get(key, entry.pointer))
        if isinstance(value, str) and annotation_offset(slot):
            value = instant_text(slot, value)
        record[slot_name] = value
        keys[slot_name] = key
    return record, keys


def annotation_offset(slot: Any) -> bool:
    return annotation(slot, "irve_offset_form") is not None


def _check_lengths(value: Any, name: str | None, pointer: str) -> None:
    if isinstance(value, str):
        require_short(value, name, pointer)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_lengths(item, name, f"{pointer}/{index}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_lengths(item, name, f"{pointer}/{_escape(str(key))}")
