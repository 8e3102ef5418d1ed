"""Generated datasets for the differential tests: valid records from each LinkML module, then
violations injected at random with a seeded RNG.

Valid values come from the module's own valid examples (``examples/<domain>/valid/*.yaml``), per
class and slot, else from the slot's range (enum codes, numbers within the declared bounds, dates…).
Mutations are drawn uniformly from a fixed list of kinds and applied to a random slot of a random
record: what gets broken depends on the schema and the RNG, never on what an engine supports.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from registry.build.schema import DomainSchema
from registry.ingest.records import RecordLifter

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

MUTATIONS = (
    "drop_required",
    "drop_any",
    "out_of_range",
    "bad_pattern",
    "unknown_code",
    "ill_typed",
    "wrong_datatype",
    "duplicate_identifier",
    "dangling_reference",
    "wrong_class_reference",
    "repeat_value",
    "copy_sibling",
    "far_date",
    "node_for_literal",
    "nested",
)

ILL_TYPED = (
    "abc",
    "1_000",
    "NaN",
    "INF",
    "-INF",
    "2022-10-18 12:35:49",
    "2021-02-30",
    "2024-13-01",
    "25:00:00",
    " 12",
    "12 ",
    "+5",
    "1e3",
    "12.",
    ".5",
    "0x1A",
    "true",
    "",
    "2024-06-01T10:00:00",
    "2024-06-01",
    "10:00",
    "१२",
)
BAD_STRINGS = ("x y!", "", "75001\n", "éé", "A" * 120, " lead", "2A004", "abc@", "+33 1", "ÀÉ-01", "-")
FAR_DATES = ("2999-01-01", "1900-01-01", "2999-01-01T00:00:00Z", "1900-01-01T00:00:00+01:00")


def value_pools(domain: str) -> tuple[dict[tuple[str, str], list[Any]], dict[str, list[Any]]]:
    """Values seen in the module's valid examples: by (class, slot) and by slot."""
    by_class: dict[tuple[str, str], list[Any]] = defaultdict(list)
    by_slot: dict[str, list[Any]] = defaultdict(list)
    folder = EXAMPLES / domain / "valid"
    for source in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        if source.name.endswith(".expected.yaml"):
            continue
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        for record in data.get("records") or ():
            cls = str(record.get("type"))
            for key, value in record.items():
                if key in ("type", "identifier") or value is None:
                    continue
                by_class[(cls, key)].append(value)
                by_slot[key].append(value)
    return by_class, by_slot


class Generator:
    """Records of every concrete class of one module, references resolved within the dataset."""

    def __init__(self, schema: DomainSchema, domain: str, seed: int) -> None:
        self.schema = schema
        self.rng = random.Random(seed)
        self.by_class, self.by_slot = value_pools(domain)
        inlined = {
            s.range for c in schema.classes() for s in schema.class_slots(c) if schema.is_inlined_object(s)
        }
        self.classes = [
            c.name for c in schema.classes() if not c.abstract and not c.mixin and c.name not in inlined
        ]
        self.inlined = inlined

    def records(self, per_class: int) -> list[dict[str, Any]]:
        """``per_class`` records of every class; then a random third of them mutated."""
        ids: dict[str, list[str]] = {
            cls: [f"{cls[:3].upper()}-{i:04d}" for i in range(per_class)] for cls in self.classes
        }
        records = [self._record(cls, identifier, ids) for cls in self.classes for identifier in ids[cls]]
        for record in records:
            if self.rng.random() < 0.5:
                for _ in range(self.rng.choice((1, 2, 3))):
                    self.mutate(record, records, ids)
        self.rng.shuffle(records)
        return records

    def _slots(self, cls: str) -> list[Any]:
        return [
            s for s in self.schema.class_slots(self.schema.view.get_class(cls)) if s.name not in ("type",)
        ]

    def _record(self, cls: str, identifier: str | None, ids: dict[str, list[str]]) -> dict[str, Any]:
        record: dict[str, Any] = {"type": cls}
        if identifier is not None:
            record["identifier"] = identifier
        for slot in self._slots(cls):
            if slot.name == "identifier":
                continue
            if not slot.required and self.rng.random() < 0.4:
                continue
            value = self.valid_value(cls, slot, ids)
            if value is not None:
                record[slot.name] = [value] if slot.multivalued else value
        return record

    def valid_value(self, cls: str, slot: Any, ids: dict[str, list[str]]) -> Any:
        schema, rng = self.schema, self.rng
        if schema.is_reference(slot):
            targets = [i for c in self._subclasses(slot.range) for i in ids.get(c, [])]
            return rng.choice(targets) if targets else None
        if schema.is_inlined_object(slot):
            return {k: v for k, v in self._record(slot.range, None, ids).items() if k != "type"}
        pool = self.by_class.get((cls, slot.name)) or self.by_slot.get(slot.name)
        if pool:
            return rng.choice(pool)
        if schema.is_enum(slot.range):
            codes = [str(pv.text) for pv in schema.permissible_values(schema.view.get_enum(slot.range))]
            return rng.choice(codes)
        return self._typed(slot)

    def _subclasses(self, cls: str) -> list[str]:
        return [cls, *self.schema.view.class_descendants(cls, reflexive=False)]

    def _typed(self, slot: Any) -> Any:
        rng = self.rng
        low = float(slot.minimum_value) if slot.minimum_value is not None else 0.0
        high = float(slot.maximum_value) if slot.maximum_value is not None else low + 1000
        kind = str(slot.range or "string")
        if kind == "integer":
            return rng.randint(int(low), int(high))
        if kind in ("double", "float", "decimal"):
            return round(rng.uniform(low, high), 3)
        if kind == "date":
            return f"20{rng.randint(10, 23)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        if kind == "datetime":
            return f"20{rng.randint(10, 23)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00+01:00"
        if kind == "time":
            return f"{rng.randint(10, 23)}:{rng.randint(10, 59)}:00"
        if kind == "boolean":
            return rng.random() < 0.5
        if kind == "wkt_literal":
            return "POINT(2.35 48.85)"
        return f"{slot.name} {rng.randint(1, 999)}"

    # --- mutations -------------------------------------------------------------------------

    def mutate(
        self, record: dict[str, Any], records: list[dict[str, Any]], ids: dict[str, list[str]]
    ) -> None:
        rng = self.rng
        kind = rng.choice(MUTATIONS)
        cls = str(record["type"])
        slots = self._slots(cls)
        slot = rng.choice(slots)
        name = slot.name
        schema = self.schema
        if kind == "drop_required":
            required = [s.name for s in slots if s.required]
            if required:
                record.pop(rng.choice(required), None)
        elif kind == "drop_any":
            record.pop(name, None)
        elif kind == "out_of_range":
            bounds = [float(b) for b in (slot.minimum_value, slot.maximum_value) if b is not None]
            edge = rng.choice(bounds) if bounds else 0.0
            record[name] = rng.choice((edge - 1, edge + 1, edge - 0.001, edge + 0.5, -1e6, 1e6, edge))
        elif kind == "bad_pattern":
            record[name] = rng.choice(BAD_STRINGS)
        elif kind == "unknown_code":
            current = record.get(name)
            record[name] = rng.choice(("not_a_code", f"{current} ", str(current).upper(), "Led"))
        elif kind == "ill_typed":
            record[name] = rng.choice(ILL_TYPED)
        elif kind == "wrong_datatype":
            record[name] = rng.choice((12, 3.5, True, "12", "2024-01-01", -7))
        elif kind == "duplicate_identifier":
            other = rng.choice(records)
            if "identifier" in other:
                record["identifier"] = other["identifier"]
        elif kind == "dangling_reference":
            references = [s.name for s in slots if schema.is_reference(s)]
            if references:
                record[rng.choice(references)] = rng.choice(("MISSING-0001", "ghost", "ORG-9999"))
        elif kind == "wrong_class_reference":
            references = [s.name for s in slots if schema.is_reference(s)]
            if references:
                other_class = rng.choice(self.classes)
                if ids.get(other_class):
                    record[rng.choice(references)] = rng.choice(ids[other_class])
        elif kind == "repeat_value":
            value = record.get(name)
            if value is not None and not isinstance(value, list | dict):
                replacement = self.valid_value(cls, slot, ids)
                record[name] = [value, replacement if replacement != value else f"{value}-bis"]
        elif kind == "copy_sibling":
            same = [s.name for s in slots if s.range == slot.range and s.name != name and s.name in record]
            if same:
                record[name] = record[rng.choice(same)]
        elif kind == "far_date":
            dated = [s.name for s in slots if str(s.range) in ("date", "datetime")]
            if dated:
                record[rng.choice(dated)] = rng.choice(FAR_DATES)
        elif kind == "node_for_literal":
            record[name] = {"@id": rng.choice(("http://example.org/thing", "urn:x:1"))}
        elif kind == "nested":
            inlined = [s for s in slots if schema.is_inlined_object(s)]
            if inlined:
                target = rng.choice(inlined)
                nested = self.valid_value(cls, target, ids) or {}
                nested_slots = self._slots(str(target.range))
                if nested_slots:
                    inner = rng.choice(nested_slots)
                    nested[inner.name] = rng.choice((*BAD_STRINGS, 42, True))
                record[target.name] = nested


def dataset_ntriples(schema: DomainSchema, records: list[dict[str, Any]]) -> bytes:
    """The records lifted through the module's own context, as N-Triples (lexical forms kept)."""
    document = RecordLifter(schema).to_jsonld(records)
    quads = ox.parse(json.dumps(document).encode(), format=ox.RdfFormat.JSON_LD)
    return ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES)


# --- a DCAT-like catalogue for third-party shapes (tests/validate/data/dcat-lite-shapes.ttl) -----

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
LITERALS = (
    '"Données ouvertes"@fr',
    '"Open data"@en',
    '"Open data"@EN',
    '"Offene Daten"@de',
    '"ab"@fr',
    '"plain title"',
    '"CSV"',
    '"csv"',
    '"JSON-LD"',
    '"public"',
    '"restricted"',
    '"obsolete"',
    '"Public"',
    f'"2024-01-15"^^<{XSD}date>',
    f'"2024-01-15T10:00:00Z"^^<{XSD}dateTime>',
    f'"2023-12-31"^^<{XSD}date>',
    f'"2024-02-30"^^<{XSD}date>',
    f'"15/01/2024"^^<{XSD}date>',
    f'"12.5"^^<{XSD}decimal>',
    f'"0"^^<{XSD}decimal>',
    f'"10000"^^<{XSD}decimal>',
    f'"-3"^^<{XSD}decimal>',
    f'"1e3"^^<{XSD}decimal>',
    f'"2048"^^<{XSD}nonNegativeInteger>',
    f'"-1"^^<{XSD}nonNegativeInteger>',
    f'"2048"^^<{XSD}integer>',
    '"mailto:data@example.org"',
    '"data@example.org"',
    f'"{"x" * 70}"@fr',
    '"Ville de Lyon"',
    '"Ville de Lyon"@fr',
)


def catalogue_ntriples(seed: int, datasets: int = 25) -> bytes:
    """Datasets, distributions and publishers; then triples dropped, duplicated and rewritten."""
    rng = random.Random(seed)
    lines: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        lines.append(f"{s} <{p}> {o} .")

    for i in range(datasets):
        node = f"<http://example.org/data/ds{i}>"
        add(node, RDF_TYPE, f"<{DCAT}Dataset>")
        add(node, DCT + "title", rng.choice(('"Jeu de données"@fr', '"Dataset"@en')))
        add(node, DCT + "issued", f'"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"^^<{XSD}date>')
        add(node, DCT + "modified", f'"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"^^<{XSD}date>')
        add(node, DCT + "license", "<http://example.org/licence/etalab-2.0>")
        add(node, DCT + "accessRights", '"public"')
        add(node, DCT + "identifier", f'"ds-{i}"')
        add(node, DCT + "alternative", f'"ds-{i}"')
        add(node, DCAT + "spatialResolutionInMeters", f'"{rng.randint(1, 500)}.5"^^<{XSD}decimal>')
        add(node, DCAT + "keyword", '"mobilité"@fr')
        publisher = f"<http://example.org/org/{i % 5}>"
        add(node, DCT + "publisher", publisher)
        add(publisher, FOAF + "name", f'"Organisation {i % 5}"')
        add(publisher, FOAF + "mbox", f'"mailto:contact{i % 5}@example.org"')
        for j in range(rng.randint(1, 2)):
            dist = rng.choice((f"<http://example.org/data/ds{i}/d{j}>", f"_:d{i}x{j}"))
            add(node, DCAT + "distribution", dist)
            add(dist, RDF_TYPE, f"<{DCAT}Distribution>")
            add(dist, DCAT + "accessURL", f"<http://example.org/files/{i}-{j}.csv>")
            add(dist, DCT + "format", rng.choice(('"CSV"', '"csv"', '"JSON"')))
            add(dist, DCAT + "byteSize", f'"{rng.randint(1, 99999)}"^^<{XSD}nonNegativeInteger>')
    lines = list(dict.fromkeys(lines))
    for _ in range(len(lines) // 4):
        index = rng.randrange(len(lines))
        s, p, _o = _split(lines[index])
        action = rng.choice(("drop", "rewrite", "add", "add_other_predicate", "retarget"))
        if action == "drop":
            lines.pop(index)
        elif action == "rewrite":
            lines[index] = f"{s} {p} {rng.choice(LITERALS)} ."
        elif action == "add":
            lines.append(f"{s} {p} {rng.choice(LITERALS)} .")
        elif action == "add_other_predicate":
            other = _split(rng.choice(lines))[1]
            lines.append(f"{s} {other} {rng.choice(LITERALS)} .")
        else:
            target = _split(rng.choice(lines))[0]
            lines[index] = f"{s} {p} {target} ."
    return ("\n".join(dict.fromkeys(lines)) + "\n").encode()


def _split(line: str) -> tuple[str, str, str]:
    s, p, rest = line.split(" ", 2)
    return s, p, rest[: -len(" .")]
