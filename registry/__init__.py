"""Socle: the shared data-standards registry for smart territories.

rdflib rewrites literals to a canonical form by default, and an ill-typed one to a wrong value
(``"oui"^^xsd:boolean`` becomes ``false``, ``"1_000"^^xsd:integer`` becomes ``1000``): a registry
that validates producers' data must see their values as written, so normalisation is turned off for
every process that imports the registry.
"""

import rdflib

rdflib.NORMALIZE_LITERALS = False
