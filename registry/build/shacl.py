"""SHACL shapes: LinkML's ``gen-shacl`` output, corrected, plus the hand-written rules.

What is corrected (each a measured defect of gen-shacl 1.12, see ``docs/ARCHITECTURE.md``):

- closed shapes reject subclass instances and extra columns: every shape is made open;
- shapes are named after the class they target, punning the vocabulary: node shapes become
  ``{namespace}shapes/{Class}`` and property shapes ``{namespace}shapes/{Class}/{slot}``;
- labels are French only and untagged: ``sh:name``/``sh:description`` get ``@fr`` and ``@en``;
- ``identifier: true`` makes the identifier optional: its property shape gets ``sh:minCount 1``,
  and uniqueness within a dataset is checked in SHACL Core (``sh:targetObjectsOf`` +
  ``sh:inversePath`` + ``sh:maxCount 1``);
- an inlined object (an address) has no ``rdf:type`` in JSON: ``sh:class`` becomes ``sh:node``;
- a reference to a record that the dataset does not describe is worth a warning, not a violation:
  ``sh:class`` on references moves to a property shape of severity ``sh:Warning``;
- ``recommended`` slots get a ``sh:Warning`` when missing; instants must carry a time zone.
"""

from __future__ import annotations

import io
import logging
from contextlib import redirect_stderr
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from registry.build.namespaces import CORE, RDF, RDFS, SH, XSD
from registry.build.schema import DomainSchema, bilingual

TIMEZONE_PATTERN = "(Z|[+-][0-9]{2}:[0-9]{2})$"


def generated_shapes(schema: DomainSchema) -> Graph:
    """LinkML's SHACL for the module (imports included), corrected as the module docstring says."""
    from linkml.generators.shaclgen import ShaclGenerator  # heavy: build time only

    logging.getLogger("linkml").setLevel(logging.ERROR)
    with redirect_stderr(io.StringIO()):
        text = ShaclGenerator(str(schema.path), mergeimports=True).serialize()
    raw = Graph().parse(data=text, format="turtle")
    return _correct(raw, schema)


def extra_shapes(shapes_dir: Path, schema: DomainSchema) -> Graph:
    """The hand-written rules of the module and of every module it imports."""
    graph = Graph()
    for module in [*schema.imports, schema.name]:
        path = shapes_dir / module / "extra.ttl"
        if path.is_file():
            graph.parse(data=path.read_bytes(), format="turtle")
    return graph


def shapes_graph(schema: DomainSchema, shapes_dir: Path) -> Graph:
    """Everything a dataset of the module is validated against."""
    graph = generated_shapes(schema)
    graph += extra_shapes(shapes_dir, schema)
    return bind_shapes(graph, schema)


def canonical_turtle(graph: Graph) -> str:
    """Turtle with stable blank node labels: the same graph always gives the same text."""
    canonical = Graph()
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    for prefix, namespace in graph.namespaces():
        canonical.bind(prefix, namespace, override=True, replace=True)
    return canonical.serialize(format="turtle")


def bind_shapes(graph: Graph, schema: DomainSchema) -> Graph:
    """Bind the prefixes every shapes file uses (returns the graph)."""
    graph.bind("sh", SH, override=True, replace=True)
    graph.bind("xsd", XSD, override=True, replace=True)
    graph.bind("core", CORE, override=True, replace=True)
    graph.bind(schema.name, schema.namespace, override=True, replace=True)
    for module in schema.imports:
        graph.bind(module, schema.namespace.replace(f"/{schema.name}/", f"/{module}/"))
    graph.bind(f"{schema.name}shapes", schema.namespace + "shapes/", override=True, replace=True)
    return graph


def _correct(raw: Graph, schema: DomainSchema) -> Graph:
    out = Graph()
    identifier_uri = URIRef(CORE.identifier)
    needs_uniqueness = False
    for cls in schema.classes():
        class_uri = URIRef(schema.uri(cls))
        if (class_uri, RDF.type, SH.NodeShape) not in raw or cls.abstract:
            continue
        shape_ns = _namespace_of(schema, class_uri) + "shapes/"
        node_shape = URIRef(f"{shape_ns}{cls.name}")
        texts = bilingual(cls)
        out.add((node_shape, RDF.type, SH.NodeShape))
        out.add((node_shape, SH.targetClass, class_uri))
        _names(
            out,
            node_shape,
            texts.label_fr,
            texts.label_en,
            texts.definition_fr,
            texts.definition_en,
        )
        slots = {schema.slot_uri(s): s for s in schema.class_slots(cls)}
        for generated in raw.objects(class_uri, SH.property):
            path = raw.value(generated, SH.path)
            slot = slots.get(str(path))
            if path is None or slot is None or slot.designates_type:
                continue
            prop_shape = URIRef(f"{node_shape}/{slot.name}")
            out.add((node_shape, SH.property, prop_shape))
            _copy_property(raw, generated, out, prop_shape)
            slot_texts = bilingual(slot)
            _names(out, prop_shape, slot_texts.label_fr, slot_texts.label_en, None, None)
            if schema.is_inlined_object(slot):
                target = schema.view.get_class(slot.range)
                out.remove((prop_shape, SH["class"], None))
                out.remove((prop_shape, SH.nodeKind, None))
                target_ns = _namespace_of(schema, URIRef(schema.uri(target))) + "shapes/"
                out.add((prop_shape, SH.node, URIRef(f"{target_ns}{target.name}")))
            elif schema.is_reference(slot):
                ref_class = out.value(prop_shape, SH["class"])
                out.remove((prop_shape, SH["class"], None))
                if ref_class is not None:
                    _reference_warning(out, node_shape, prop_shape, path, ref_class, slot, schema)
            if path == identifier_uri:
                out.set((prop_shape, SH.minCount, Literal(1)))
                needs_uniqueness = True
            if out.value(prop_shape, SH.datatype) == XSD.dateTime:
                out.add((prop_shape, SH.pattern, Literal(TIMEZONE_PATTERN)))
            if slot.recommended and not slot.required:
                _recommended_warning(out, node_shape, path, slot)
    if needs_uniqueness:
        _uniqueness(out)
    return out


def _namespace_of(schema: DomainSchema, class_uri: URIRef) -> str:
    return str(class_uri).rsplit("/", 1)[0] + "/"


def _copy_property(raw: Graph, generated: Node, out: Graph, target: URIRef) -> None:
    """Copy one generated property shape's constraints (deep for lists), minus its labels."""
    skip = {SH.name, SH.description, RDFS.label, RDFS.comment}
    for predicate, obj in raw.predicate_objects(generated):
        if predicate in skip:
            continue
        out.add((target, predicate, _deep_copy(raw, obj, out)))


def _deep_copy(raw: Graph, node: Node, out: Graph) -> Node:
    if not isinstance(node, BNode):
        return node
    if (node, RDF.first, None) in raw:
        items = [_deep_copy(raw, item, out) for item in Collection(raw, node)]
        head = BNode()
        Collection(out, head, items)
        return head
    copy = BNode()
    for predicate, obj in raw.predicate_objects(node):
        out.add((copy, predicate, _deep_copy(raw, obj, out)))
    return copy


def _names(
    graph: Graph,
    shape: URIRef,
    name_fr: str,
    name_en: str,
    description_fr: str | None,
    description_en: str | None,
) -> None:
    graph.add((shape, SH.name, Literal(name_fr, lang="fr")))
    graph.add((shape, SH.name, Literal(name_en, lang="en")))
    if description_fr:
        graph.add((shape, SH.description, Literal(description_fr, lang="fr")))
    if description_en:
        graph.add((shape, SH.description, Literal(description_en, lang="en")))


def _reference_warning(
    graph: Graph,
    node_shape: URIRef,
    prop_shape: URIRef,
    path: Node,
    ref_class: Node,
    slot: object,
    schema: DomainSchema,
) -> None:
    warning = URIRef(f"{prop_shape}/described")
    graph.add((node_shape, SH.property, warning))
    graph.add((warning, SH.path, path))
    graph.add((warning, SH["class"], ref_class))
    graph.add((warning, SH.severity, SH.Warning))
    target = next(c for c in schema.classes() if URIRef(schema.uri(c)) == ref_class)
    texts = bilingual(target)
    name = getattr(slot, "name", "")
    graph.add(
        (
            warning,
            SH.message,
            Literal(
                f"{name} : l'élément référencé n'est pas décrit dans ce jeu de données comme "
                f"« {texts.label_fr} ».",
                lang="fr",
            ),
        )
    )
    graph.add(
        (
            warning,
            SH.message,
            Literal(
                f"{name}: the referenced record is not described in this dataset as a "
                f"{texts.label_en}.",
                lang="en",
            ),
        )
    )


def _recommended_warning(graph: Graph, node_shape: URIRef, path: Node, slot: object) -> None:
    name = str(getattr(slot, "name", ""))
    texts = bilingual(slot)
    warning = URIRef(f"{node_shape}/{name}/recommended")
    graph.add((node_shape, SH.property, warning))
    graph.add((warning, SH.path, path))
    graph.add((warning, SH.minCount, Literal(1)))
    graph.add((warning, SH.severity, SH.Warning))
    graph.add(
        (
            warning,
            SH.message,
            Literal(f"{texts.label_fr} est recommandé(e) mais absent(e).", lang="fr"),
        )
    )
    graph.add(
        (warning, SH.message, Literal(f"{texts.label_en} is recommended but missing.", lang="en"))
    )


def _uniqueness(graph: Graph) -> None:
    shape = URIRef(f"{CORE}shapes/IdentifierUnique")
    # A blank property shape: every domain's shapes carry this rule, and a blank node keeps two
    # domains' files valid when merged (one IRI would then hold two different blank sh:path nodes).
    prop = BNode()
    inverse = BNode()
    graph.add((shape, RDF.type, SH.NodeShape))
    graph.add((shape, SH.targetObjectsOf, CORE.identifier))
    graph.add((shape, SH.property, prop))
    graph.add((prop, SH.path, inverse))
    graph.add((inverse, SH.inversePath, CORE.identifier))
    graph.add((prop, SH.maxCount, Literal(1)))
    _names(
        graph,
        shape,
        "identifiant unique",
        "unique identifier",
        "Deux éléments d'un même jeu de données ne partagent jamais un identifiant.",
        "No two elements of one dataset share an identifier.",
    )
    graph.add(
        (
            prop,
            SH.message,
            Literal("Cet identifiant est utilisé par plusieurs éléments.", lang="fr"),
        )
    )
    graph.add(
        (prop, SH.message, Literal("This identifier is used by more than one element.", lang="en"))
    )
