"""A small module beside a copy of core, written per test, for checks that need a module of their own."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from registry.build.schema import DomainSchema
from registry.config import PROJECT_ROOT

PARKS = """\
id: https://w3id.org/socle/def/parks
name: parks
title: Socle — parcs
description: Parcs et jardins publics de la commune.
version: 1.0.0
license: https://www.etalab.gouv.fr/licence-ouverte-open-licence/
in_language: fr
annotations:
  status: draft
  title_en: Socle — parks
  description_en: Public parks and gardens of the municipality.
prefixes:
  linkml: https://w3id.org/linkml/
  core: https://w3id.org/socle/def/core/
  parks: https://w3id.org/socle/def/parks/
  schema: http://schema.org/
default_prefix: parks
default_range: string
imports:
  - linkml:types
  - core
classes:
  Park:
    is_a: Asset
    class_uri: parks:Park
    title: parc
    description: Espace vert public ouvert aux promeneurs.
    exact_mappings:
      - schema:Park
    annotations:
      label_en: park
      definition_en: Public green space open to walkers.
    slots:
      - surface_area
      - park_kind
      - gate_code
slots:
  surface_area:
    slot_uri: parks:surface_area
    range: double
    unit:
      ucum_code: m2
    title: surface
    description: Surface du parc en mètres carrés.
    annotations:
      label_en: area
      definition_en: Area of the park in square metres.
  park_kind:
    slot_uri: parks:park_kind
    range: ParkKind
    title: type de parc
    description: Catégorie du parc selon son usage principal.
    annotations:
      label_en: kind of park
      definition_en: Category of the park by its main use.
  gate_code:
    slot_uri: parks:gate_code
    pattern: "^[A-Z]{2}[0-9]{2}$"
    title: code du portail
    description: Code inscrit sur le portail principal du parc.
    annotations:
      label_en: gate code
      definition_en: Code written on the main gate of the park.
enums:
  ParkKind:
    title: type de parc
    description: Catégories de parcs selon leur usage principal.
    annotations:
      label_en: kind of park
      definition_en: Categories of parks by their main use.
    permissible_values:
      garden:
        title: jardin
        description: Petit espace planté et clos, conçu pour la promenade.
        annotations:
          label_en: garden
          definition_en: Small enclosed planted space designed for strolling.
      woodland:
        title: bois
        description: Espace boisé laissé proche de son état naturel.
        annotations:
          label_en: woodland
          definition_en: Wooded space left close to its natural state.
"""

WriteModule = Callable[..., DomainSchema]


@pytest.fixture()
def write_module(tmp_path: Path) -> WriteModule:
    """``write_module(replace={old: new})``: the parks module, edited, beside a copy of core."""

    def write(replace: dict[str, str] | None = None) -> DomainSchema:
        folder = tmp_path / "vocab"
        folder.mkdir(exist_ok=True)
        shutil.copyfile(PROJECT_ROOT / "vocab" / "core.yaml", folder / "core.yaml")
        text = PARKS
        for old, new in (replace or {}).items():
            assert old in text, old
            text = text.replace(old, new)
        (folder / "parks.yaml").write_text(text, encoding="utf-8")
        return DomainSchema(folder / "parks.yaml")

    return write


def shapes_bundle(folder: Path, turtle: str) -> Path:
    """A bundle folder holding only ``shapes.ttl`` (what the namespace, pattern and SPARQL checks read)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "shapes.ttl").write_text(turtle, encoding="utf-8")
    return folder


SHAPES_PREFIXES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix parks: <https://w3id.org/socle/def/parks/> .
@prefix parksshapes: <https://w3id.org/socle/def/parks/shapes/> .
"""
