"""A table (CSV or spreadsheet) lifted to RDF: each row one record of one class (DESIGN.md decision 11).

- The class is ``class=``, else the ``type`` column, else the one class every header belongs to.
- Headers are slot names or declared aliases, compared without case, accents or separators; columns
  that match nothing give one notice naming them, never a violation. Empty cells are absent values.
- A class annotated ``denormalised_reference: <slot>`` (IRVE's charging point and its station) has
  columns of the referenced record on each row (those listed in ``irve_station_columns``, and any that
  only the referenced class knows): they describe one node per referenced identifier, whose repeated
  values are merged when they agree; a disagreement is a result pointing at the rows.
- A multivalued slot takes several values in one cell, separated by ``|`` (``CT-1|CT-2``); each is
  converted on its own and located at that cell.
- A combined column (class annotation ``irve_combined_column`` / ``combined_column`` with its
  ``…_order``, IRVE's ``coordonneesXY`` = ``[lon, lat]``) is split into its slots.
- Lambert-93 (EPSG:2154) coordinates are converted to WGS84 latitude and longitude when the file says
  so: columns named ``x_l93``/``y_l93`` (or ``x_lambert93``…), or ``x``/``y`` with ``crs=EPSG:2154``.
- Node IRIs: ``{base}{identifier}``; a row without a usable identifier (empty, ``Non concerné``) or
  sharing it with another row gets ``{base}.row-{n}``, ``n`` counted from the first data row (= 1,
  on spreadsheet row 2), like the ``n``-th record of a JSON file; a referenced record without a
  usable identifier gets ``{base}.row-{n}.{reference slot}``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from linkml_runtime.linkml_model.meta import SlotDefinition
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from registry.build.schema import XSD, DomainSchema, annotation
from registry.errors import InputError
from registry.ingest.headers import concrete_classes, fold, infer_class, resolve_header
from registry.ingest.limits import where
from registry.ingest.model import Notice, SourceMap
from registry.ingest.records import node_iri, record_iri, usable_identifier
from registry.ingest.tables import Table
from registry.ingest.values import converter, number_text
from registry.validate.report import Severity, SourceLocation, ValidationResult
from registry.validate.terms import term_to_nt

CORE = "https://w3id.org/socle/def/core/"
REPEATED_VALUES_COMPONENT = f"{CORE}RepeatedValuesAgreeConstraintComponent"
"""Component of the results ingestion itself reports: a denormalised file's repeated values disagree."""
REPEATED_VALUES_SHAPE = f"<{CORE}shapes/RepeatedValuesAgree>"

LAMBERT93 = {"epsg:2154", "2154", "lambert93", "lambert-93", "l93", "rgf93 / lambert-93"}
_L93_NAME = re.compile(r"^(?:coord(?:onnee)?s?_?)?([xy])_?(?:l93|lamb93|lambert_?93|2154)$")
_PLAIN_XY = re.compile(r"^(?:coord(?:onnee)?s?_?)?([xy])$")

ROW, REF = "row", "ref"
DOUBLE = f"{XSD}double"


@dataclass
class Column:
    """What one column of the table gives."""

    index: int
    header: str
    targets: list[tuple[str, SlotDefinition]] = field(default_factory=list)
    combined: tuple[str, list[SlotDefinition]] | None = None
    lambert: str | None = None
    is_type: bool = False

    @property
    def understood(self) -> bool:
        return bool(self.targets or self.combined or self.lambert or self.is_type)


@dataclass
class Lifted:
    graph: Graph
    source_map: SourceMap
    notices: list[Notice]
    results: list[ValidationResult]


class _Plan:
    """How the columns of one table map onto one class (and the record it references, if any)."""

    def __init__(self, schema: DomainSchema, class_name: str, header: list[str], crs: str | None) -> None:
        self.schema = schema
        self.class_name = class_name
        cls = schema.view.get_class(class_name)
        self.ref_slot: SlotDefinition | None = None
        self.ref_class: str | None = None
        self.ref_columns: set[str] = set()
        reference = annotation(cls, "denormalised_reference")
        if reference:
            slot = schema.view.induced_slot(reference, class_name)
            self.ref_slot, self.ref_class = slot, str(slot.range)
            listed = annotation(cls, "irve_station_columns") or annotation(cls, "denormalised_columns") or ""
            self.ref_columns = {fold(c) for c in listed.split()}
        lambert = (crs or "").strip().casefold() in LAMBERT93
        self.columns = [self._column(i, h, lambert) for i, h in enumerate(header)]

    def _column(self, index: int, header: str, lambert_option: bool) -> Column:
        column = Column(index=index, header=header)
        if not header:
            return column
        key = fold(header)
        if key == "type":
            column.is_type = True
            return column
        own = resolve_header(self.schema, self.class_name, header)
        if self.ref_class is not None and (key in self.ref_columns or own is None):
            target = resolve_header(self.schema, self.ref_class, header)
            if target is not None:
                column.targets.append((REF, target))
                if own is not None and self.ref_slot is not None and own.name == self.ref_slot.name:
                    column.targets.append((ROW, own))
                return column
        if own is not None:
            column.targets.append((ROW, own))
            return column
        for owner, class_name in ((ROW, self.class_name), (REF, self.ref_class)):
            if class_name is not None:
                parts = _combined_slots(self.schema, class_name, key)
                if parts:
                    column.combined = (owner, parts)
                    return column
        if _has_position(self.schema, self.class_name):
            named = _L93_NAME.match(key) or (_PLAIN_XY.match(key) if lambert_option else None)
            if named:
                column.lambert = named[1]
        return column


def _combined_slots(schema: DomainSchema, class_name: str, key: str) -> list[SlotDefinition]:
    cls = schema.view.get_class(class_name)
    name = annotation(cls, "irve_combined_column") or annotation(cls, "combined_column")
    order = annotation(cls, "irve_combined_column_order") or annotation(cls, "combined_column_order")
    if not name or not order or fold(name) != key:
        return []
    return [schema.view.induced_slot(part, class_name) for part in order.split()]


def _has_position(schema: DomainSchema, class_name: str) -> bool:
    slots = {str(s.name) for s in schema.class_slots(schema.view.get_class(class_name))}
    return {"latitude", "longitude"} <= slots


@lru_cache(maxsize=64)
def _transformer() -> Any:
    from pyproj import Transformer  # loaded only for Lambert-93 files

    return Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)


def choose_class(
    schema: DomainSchema, table: Table, class_name: str | None, crs: str | None, name: str | None
) -> str:
    """``class=``, else the ``type`` column's one value, else the one class all headers fit."""
    classes = concrete_classes(schema)
    if class_name is not None:
        if class_name not in classes:
            raise InputError(
                f"class={class_name!r} is not a class of {schema.name} {schema.version}.",
                hint="Its classes are: " + ", ".join(sorted(classes)) + ".",
            )
        return class_name
    type_columns = [i for i, h in enumerate(table.header) if fold(h) == "type"]
    if type_columns:
        values = {cells[type_columns[0]].strip() for _, cells in table.rows} - {""}
        if len(values) == 1 and values <= set(classes):
            return values.pop()
    plans: dict[str, _Plan] = {}

    def understood(candidate: str, header: str) -> bool:
        if candidate not in plans:
            plans[candidate] = _Plan(schema, candidate, table.header, crs)
        return next(c for c in plans[candidate].columns if c.header == header).understood

    try:
        return infer_class(schema, table.header, understood=understood)
    except InputError as error:
        raise InputError(f"{where(name)}{error.detail}", hint=error.hint) from None


def lift_table(
    table: Table,
    schema: DomainSchema,
    *,
    class_name: str | None,
    base: str,
    crs: str | None,
    name: str | None,
) -> Lifted:
    """The records of ``table`` as RDF, with where each came from."""
    chosen = choose_class(schema, table, class_name, crs, name)
    plan = _Plan(schema, chosen, table.header, crs)
    return _Lifter(schema, plan, base, name).lift(table)


class _Lifter:
    def __init__(self, schema: DomainSchema, plan: _Plan, base: str, name: str | None) -> None:
        self.schema, self.plan, self.base, self.name = schema, plan, base, name
        self.graph = Graph()
        self.source_map = SourceMap()
        self.class_iri = URIRef(schema.uri(schema.view.get_class(plan.class_name)))
        self.ref_class_iri = (
            URIRef(schema.uri(schema.view.get_class(plan.ref_class))) if plan.ref_class else None
        )
        self.convert: dict[tuple[int, str], Callable[[str], Node]] = {}
        self.predicate: dict[str, URIRef] = {}
        for column in plan.columns:
            for owner, slot in column.targets:
                self._prepare(column.index, owner, slot)
            if column.combined:
                for slot in column.combined[1]:
                    self._prepare(column.index, column.combined[0], slot)
        lat_lon = [schema.view.induced_slot(s, plan.class_name) for s in ("latitude", "longitude")]
        if any(c.lambert for c in plan.columns):
            for slot in lat_lon:
                self.predicate[str(slot.name)] = URIRef(schema.slot_uri(slot))
        self.lat_datatype = (
            URIRef(schema.datatype_iri(lat_lon[0]) or "") if any(c.lambert for c in plan.columns) else None
        )
        # Values of referenced records, merged across rows: node → predicate → (term, row, header).
        self.merged: dict[URIRef, dict[URIRef, tuple[Node, int, str]]] = {}
        self.conflicts: dict[tuple[URIRef, URIRef], list[tuple[int, Node]]] = defaultdict(list)

    def _prepare(self, index: int, owner: str, slot: SlotDefinition) -> None:
        self.predicate[str(slot.name)] = URIRef(self.schema.slot_uri(slot))
        self.convert[(index, str(slot.name))] = converter(self.schema, slot, self.base)

    # --- the whole table -----------------------------------------------------------------------

    def lift(self, table: Table) -> Lifted:
        plan = self.plan
        id_columns = [
            c.index for c in plan.columns for o, s in c.targets if o == ROW and s.name == "identifier"
        ]
        counts = (
            Counter(usable_identifier(cells[id_columns[0]]) for _, cells in table.rows)
            if id_columns
            else Counter()
        )
        describes_ref = any(
            owner == REF and slot.name != "identifier" for c in plan.columns for owner, slot in c.targets
        ) or any(c.combined and c.combined[0] == REF for c in plan.columns)
        for number, cells in table.rows:
            self._row(number, number - table.header_row, cells, id_columns, counts, describes_ref)
        notices = self._unknown_columns_notice()
        return Lifted(self.graph, self.source_map, notices, self._conflict_results())

    def _row(
        self,
        number: int,
        ordinal: int,
        cells: list[str],
        id_columns: list[int],
        counts: Counter[str | None],
        describes_ref: bool,
    ) -> None:
        plan = self.plan
        identifier = usable_identifier(cells[id_columns[0]]) if id_columns else None
        node = URIRef(node_iri(self.base, identifier, ordinal, shared=counts[identifier] > 1))
        node_nt = node.n3()
        self.graph.add((node, RDF.type, self.class_iri))
        self.source_map.nodes[node_nt] = SourceLocation(file=self.name, row=number)
        ref_node: URIRef | None = None
        if plan.ref_slot is not None:
            ref_node = self._ref_node(cells, ordinal)
        lambert: dict[str, tuple[str, str]] = {}
        for column in plan.columns:
            text = cells[column.index]
            if not text.strip():
                continue
            if column.is_type:
                if text.strip() != plan.class_name:
                    raise InputError(
                        f"{where(self.name)}row {number}: type {text.strip()!r} where the file holds "
                        f"{plan.class_name} records.",
                        hint="A table holds records of one class: split it, or correct the type column.",
                    )
                continue
            for owner, slot in column.targets:
                subject = node if owner == ROW else ref_node
                if subject is None:
                    continue
                if owner == ROW and plan.ref_slot is not None and slot.name == plan.ref_slot.name:
                    if ref_node is not None:
                        self._add(node, self.predicate[str(slot.name)], ref_node, number, column.header)
                    continue
                convert = self.convert[(column.index, str(slot.name))]
                for part in split_multivalued(text) if slot.multivalued else [text]:
                    self._put(owner, subject, str(slot.name), convert(part), number, column.header)
            if column.combined:
                owner, slots = column.combined
                subject = node if owner == ROW else ref_node
                if subject is not None:
                    parts = _split_combined(text, len(slots))
                    for slot, part in zip(slots, parts, strict=True):
                        term = self.convert[(column.index, str(slot.name))](part)
                        self._put(owner, subject, str(slot.name), term, number, column.header)
            if column.lambert:
                lambert[column.lambert] = (text, column.header)
        if lambert:
            self._lambert(node, lambert, number)
        if ref_node is not None and describes_ref:
            self.graph.add((ref_node, RDF.type, self.ref_class_iri))  # type: ignore[arg-type]
            self.source_map.nodes.setdefault(ref_node.n3(), SourceLocation(file=self.name, row=number))
        if identifier is not None or id_columns:
            raw = cells[id_columns[0]] if id_columns else ""
            if raw.strip():
                header = plan.columns[id_columns[0]].header
                self.source_map.identifiers.setdefault(term_to_nt(Literal(raw)), []).append(
                    SourceLocation(file=self.name, row=number, column_name=header)
                )

    def _ref_node(self, cells: list[str], ordinal: int) -> URIRef | None:
        plan = self.plan
        assert plan.ref_slot is not None
        key_text: str | None = None
        for column in plan.columns:
            for owner, slot in column.targets:
                is_key = (owner == REF and slot.name == "identifier") or (
                    owner == ROW and slot.name == plan.ref_slot.name
                )
                if is_key and cells[column.index].strip():
                    key_text = cells[column.index]
        if key_text is None and not any(
            cells[c.index].strip() for c in plan.columns if any(o == REF for o, _ in c.targets)
        ):
            return None
        key = usable_identifier(key_text)
        if key is not None:
            return URIRef(record_iri(self.base, key))
        return URIRef(f"{self.base}.row-{ordinal}.{plan.ref_slot.name}")

    def _put(self, owner: str, subject: URIRef, slot_name: str, term: Node, row: int, header: str) -> None:
        predicate = self.predicate[slot_name]
        if owner == ROW:
            self._add(subject, predicate, term, row, header)
            return
        values = self.merged.setdefault(subject, {})
        if predicate not in values:
            values[predicate] = (term, row, header)
            self._add(subject, predicate, term, row, header)
        elif values[predicate][0] != term:
            self.conflicts[(subject, predicate)].append((row, term))

    def _add(self, subject: URIRef, predicate: URIRef, term: Node, row: int, header: str) -> None:
        self.graph.add((subject, predicate, term))
        self.source_map.columns.setdefault((subject.n3(), str(predicate)), header)

    def _lambert(self, node: URIRef, found: dict[str, tuple[str, str]], row: int) -> None:
        lat_p, lon_p = self.predicate["latitude"], self.predicate["longitude"]
        if (node, lat_p, None) in self.graph or (node, lon_p, None) in self.graph:
            return  # the row gives WGS84 coordinates itself
        if "x" not in found or "y" not in found:
            return
        (x_text, x_header), (y_text, y_header) = found["x"], found["y"]
        x_num, y_num = number_text(x_text, DOUBLE), number_text(y_text, DOUBLE)
        try:
            lon, lat = _transformer().transform(float(x_num), float(y_num))
            lat_text, lon_text = f"{lat:.7f}".rstrip("0"), f"{lon:.7f}".rstrip("0")
        except (ValueError, OverflowError):
            lat_text, lon_text = y_text.strip(), x_text.strip()
        datatype = self.lat_datatype
        self._add(node, lat_p, Literal(lat_text, datatype=datatype, normalize=False), row, y_header)
        self._add(node, lon_p, Literal(lon_text, datatype=datatype, normalize=False), row, x_header)

    # --- what the producer is told ------------------------------------------------------------

    def _unknown_columns_notice(self) -> list[Notice]:
        notices: list[Notice] = []
        unknown = [
            c.header or f"column {c.index + 1} (no header)" for c in self.plan.columns if not c.understood
        ]
        if unknown:
            listed = ", ".join(unknown)
            notices.append(
                Notice(
                    code="unknown-columns",
                    message_fr=f"Colonnes ignorées (aucun champ de {self.plan.class_name} ne porte ce nom) : "
                    f"{listed}.",
                    message_en=f"Columns ignored (no field of {self.plan.class_name} has that name): "
                    f"{listed}.",
                )
            )
        if any(c.lambert for c in self.plan.columns):
            notices.append(
                Notice(
                    code="lambert93-converted",
                    message_fr="Les coordonnées Lambert-93 (EPSG:2154) ont été converties en latitude et "
                    "longitude WGS84.",
                    message_en="Lambert-93 (EPSG:2154) coordinates were converted to WGS84 latitude and "
                    "longitude.",
                )
            )
        return notices

    def _conflict_results(self) -> list[ValidationResult]:
        results = []
        for (subject, predicate), later in self.conflicts.items():
            first, first_row, header = self.merged[subject][predicate]
            rows = [first_row] + [row for row, _ in later]
            values = [first] + [term for _, term in later]
            shown = " / ".join(dict.fromkeys(f"« {v} »" for v in values))
            row_list = ", ".join(str(r) for r in rows)
            ident = str(subject).removeprefix(self.base)
            results.append(
                ValidationResult(
                    focus_node=subject.n3(),
                    constraint_component=REPEATED_VALUES_COMPONENT,
                    source_shape=REPEATED_VALUES_SHAPE,
                    severity=Severity.VIOLATION,
                    result_path=predicate.n3(),
                    value=term_to_nt(later[0][1]),
                    messages=(
                        (
                            "fr",
                            f"La colonne {header} de {ident} change d'une ligne à l'autre "
                            f"(lignes {row_list}) : {shown}. Les lignes qui répètent un même "
                            "enregistrement doivent donner les mêmes valeurs.",
                        ),
                        (
                            "en",
                            f"Column {header} of {ident} differs between rows {row_list}: {shown}. "
                            "Rows that repeat one record must give the same values.",
                        ),
                    ),
                    location=SourceLocation(file=self.name, row=later[0][0], column_name=header),
                )
            )
        return results


def split_multivalued(text: str) -> list[str]:
    """``CT-1 | CT-2`` → ``["CT-1", "CT-2"]``: a multivalued slot's values in one cell, separated by
    ``|`` (a cell's values can hold commas, and ``;`` separates French CSV columns)."""
    return [part.strip() for part in text.split("|") if part.strip()]


def _split_combined(text: str, parts: int) -> list[str]:
    """``[7.487105,48.345345]`` → ``["7.487105", "48.345345"]`` (a value that does not split into
    ``parts`` numbers is given whole to each part, so that their datatype rule shows it)."""
    inner = text.strip().strip("[]()").strip()
    for separator in (",", ";", " "):
        pieces = [p.strip() for p in inner.split(separator) if p.strip()]
        if len(pieces) == parts:
            return pieces
    return [text.strip()] * parts
