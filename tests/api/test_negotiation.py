"""Accept-header negotiation."""

from __future__ import annotations

import pytest

from registry.api.negotiation import negotiate


@pytest.mark.parametrize(
    ("accept", "requested", "expected"),
    [
        (None, None, "text/html"),
        ("text/turtle", None, "text/turtle"),
        ("application/rdf+xml;q=0.5, text/turtle;q=0.9", None, "text/turtle"),
        ("text/html;q=0.1, application/ld+json", None, "application/ld+json"),
        ("application/json", None, "application/ld+json"),
        ("image/png, */*;q=0.1", None, "text/html"),
        ("text/turtle;q=0", None, "text/html"),
        ("text/html", "nt", "application/n-triples"),
        ("text/turtle", "html", "text/html"),
    ],
)
def test_negotiate(accept: str | None, requested: str | None, expected: str) -> None:
    assert negotiate(accept, requested) == expected
