"""pySHACL's ``validate`` sets ``rdflib.NORMALIZE_LITERALS = True`` when it returns (its
``rdflib_bool_unpatch``): put the registry's setting back after every test of this folder, so that the
tests that follow in the same process see lexical forms kept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import rdflib


@pytest.fixture(autouse=True)
def _keep_lexical_forms() -> Iterator[None]:
    yield
    rdflib.NORMALIZE_LITERALS = False
