"""Socle's own SHACL engine: SHACL Core and SHACL-SPARQL constraints, never delegating to pySHACL.

Modules, one job each:

- :mod:`.rdf_io` parses RDF bytes into an rdflib graph *keeping lexical forms* (rdflib's default
  normalisation would turn ``"1_000"^^xsd:integer`` into ``"1000"`` and hide the error);
- :mod:`.xsd` checks XSD lexical forms strictly and maps literals to comparable values;
- :mod:`.regex` translates XPath regexes (``sh:pattern`` + ``sh:flags``) to Python's ``re``;
- :mod:`.paths` compiles SHACL property paths and evaluates them;
- :mod:`.model` and :mod:`.compiler` turn a shapes graph into immutable shape objects;
- :mod:`.targets` computes focus nodes; :mod:`.components` checks each Core constraint component;
- :mod:`.sparql` runs SHACL-SPARQL constraints with pyoxigraph and the spec's pre-binding;
- :mod:`.evaluator` walks shapes node by node; :mod:`.engine` is the :class:`SocleEngine` facade.
"""

from registry.validate.socle_engine.engine import SocleEngine, SocleShapes
from registry.validate.socle_engine.errors import ShapesError
from registry.validate.socle_engine.rdf_io import parse_graph

__all__ = ["ShapesError", "SocleEngine", "SocleShapes", "parse_graph"]
