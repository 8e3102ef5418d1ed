"""The bad-input catalogue over HTTP: each answered with a clear RFC 9457 problem, the server stays up,
and nothing is fetched because an input asked for it."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"
TURTLE_OK = b"<urn:a> a <https://w3id.org/socle/def/lighting/Streetlight> .\n"


def _deep_json(depth: int) -> bytes:
    return b'{"a":' * depth + b"1" + b"}" * depth


CASES = [
    # (id, query, body, content type, status, words the message must contain)
    ("empty file", "domain=lighting&format=turtle", b"", "text/turtle", 422, "empty"),
    ("blank file", "domain=lighting&format=turtle", b"  \n\t ", "text/turtle", 422, "empty"),
    ("unsupported format name", "domain=lighting&format=docx", TURTLE_OK, "text/turtle", 415, "format"),
    ("unsupported content type", "domain=lighting", b"%PDF-1.7\n...", "application/pdf", 415, ""),
    ("malformed Turtle", "domain=lighting&format=turtle", b"<urn:a> <urn:b> .\n", "text/turtle", 422, "line"),
    (
        "malformed JSON",
        "domain=lighting&format=json",
        b'[{"type": "Streetlight",',
        "application/json",
        422,
        "line",
    ),
    (
        "malformed JSON-LD",
        "domain=lighting&format=jsonld",
        b'{"@context": {}, "@graph": [',
        "application/ld+json",
        422,
        "",
    ),
    ("unknown domain", "domain=parking&format=turtle", TURTLE_OK, "text/turtle", 404, "parking"),
    ("unknown version", "domain=lighting@9.0.0&format=turtle", TURTLE_OK, "text/turtle", 404, "9.0.0"),
    ("no domain", "format=turtle", TURTLE_OK, "text/turtle", 422, "domain"),
    (
        "undecodable bytes",
        "domain=lighting&format=json",
        b'[{"identifier": "\xff\xfe\x00"}]',
        "application/json",
        422,
        "",
    ),
    (
        "CSV ragged rows",
        "domain=lighting&format=csv&class=Streetlight",
        b"identifier;latitude;longitude\nA;45;4\nB;45\n",
        "text/csv",
        422,
        "row",
    ),
    (
        "CSV duplicate headers",
        "domain=lighting&format=csv&class=Streetlight",
        b"identifier;latitude;latitude\nA;45;46\n",
        "text/csv",
        422,
        "latitude",
    ),
    (
        "CSV unterminated quote",
        "domain=lighting&format=csv&class=Streetlight",
        b'identifier;name\nA;"rue du port\nB;x\n',
        "text/csv",
        422,
        "quote",
    ),
    (
        "JSON-LD remote context",
        "domain=lighting&format=jsonld",
        json.dumps({"@context": "https://example.org/ctx.jsonld", "@id": "urn:a"}).encode(),
        "application/ld+json",
        422,
        "context",
    ),
    (
        "JSON-LD file context",
        "domain=lighting&format=jsonld",
        json.dumps({"@context": "file:///etc/hostname", "@id": "urn:a"}).encode(),
        "application/ld+json",
        422,
        "context",
    ),
    (
        "JSON-LD @import",
        "domain=lighting&format=jsonld",
        json.dumps({"@context": {"@import": "https://example.org/c.jsonld"}, "@id": "urn:a"}).encode(),
        "application/ld+json",
        422,
        "import",
    ),
    (
        "RDF/XML with entities",
        "domain=lighting&format=rdfxml",
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
        "application/rdf+xml",
        422,
        "DOCTYPE",
    ),
    (
        "deeply nested JSON",
        "domain=lighting&format=json",
        _deep_json(100_000),
        "application/json",
        422,
        "deep",
    ),
    (
        "deeply nested JSON-LD",
        "domain=lighting&format=jsonld",
        _deep_json(100_000),
        "application/ld+json",
        422,
        "deep",
    ),
    (
        "deeply nested Turtle",
        "domain=lighting&format=turtle",
        b"<urn:a> <urn:b> " + b"[ <urn:c> " * 100_000 + b"]" * 100_000 + b" .",
        "text/turtle",
        422,
        "",
    ),
]


@pytest.mark.parametrize(
    ("query", "body", "media", "status", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_a_clear_problem(
    client: TestClient, query: str, body: bytes, media: str, status: int, words: str
) -> None:
    response = client.post(f"/validate?{query}", content=body, headers={"content-type": media})
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == status and problem["title"]
    assert len(problem["detail"]) > 10
    assert words.lower() in (problem["detail"] + " " + (problem.get("hint") or "")).lower()
    assert "Traceback" not in response.text
    assert client.get("/health").status_code == 200


def test_syntax_errors_say_where(client: TestClient) -> None:
    body = b'<urn:a> <urn:b> <urn:c> .\n<urn:d> <urn:e> "open .\n'
    problem = client.post("/validate?domain=lighting&format=turtle", content=body).json()
    assert problem["line"] == 2


def test_over_the_size_limit_is_413_even_when_only_declared(client: TestClient) -> None:
    settings = client.app.state.settings  # type: ignore[attr-defined]
    client.app.state.settings = settings.model_copy(update={"max_upload_bytes": 1000})  # type: ignore[attr-defined]
    try:
        big = client.post("/validate?domain=lighting&format=turtle", content=b"#" * 5000)
        assert big.status_code == 413 and big.headers["content-type"] == PROBLEM
        assert "1,000" in big.json()["detail"]
        multipart = client.post(
            "/validate?domain=lighting", files={"file": ("x.ttl", b"#" * 5000, "text/turtle")}
        )
        assert multipart.status_code == 413
    finally:
        client.app.state.settings = settings  # type: ignore[attr-defined]


def _raw_request(url: str, head: bytes, body: bytes, *, close_after: bool = True) -> bytes:
    """Send raw bytes; with ``close_after`` the client stops sending (a truncated upload)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head + body)
        if close_after:
            sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_declared_length_over_the_limit_is_refused_before_the_body(server_url: str) -> None:
    head = (
        b"POST /validate?domain=lighting&format=turtle HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: text/turtle\r\nContent-Length: 999999999999\r\nConnection: close\r\n\r\n"
    )
    answer = _raw_request(server_url, head, b"<urn:a>", close_after=False)
    assert answer.startswith(b"HTTP/1.1 413")
    assert b"application/problem+json" in answer
    assert httpx.get(f"{server_url}/health").status_code == 200


def test_truncated_upload_is_a_clear_error_and_the_server_stays_up(server_url: str) -> None:
    head = (
        b"POST /validate?domain=lighting&format=turtle HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: text/turtle\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n"
    )
    answer = _raw_request(server_url, head, TURTLE_OK)
    assert answer == b"" or answer.startswith(b"HTTP/1.1 400")
    assert httpx.get(f"{server_url}/health").status_code == 200


def test_validation_over_its_time_limit_is_stopped(client: TestClient) -> None:
    rows = "\n".join(f"SL-{i:06d};45.{i % 1000:03d};4.{i % 997:03d};led;{i % 1500}" for i in range(20_000))
    body = ("identifier;latitude;longitude;lamp_technology;nominal_power\n" + rows).encode()
    settings = client.app.state.settings  # type: ignore[attr-defined]
    client.app.state.settings = settings.model_copy(update={"validation_timeout_s": 0.2})  # type: ignore[attr-defined]
    try:
        response = client.post("/validate?domain=lighting&format=csv&class=Streetlight", content=body)
    finally:
        client.app.state.settings = settings  # type: ignore[attr-defined]
    assert response.status_code == 503, response.text[:300]
    assert response.headers["content-type"] == PROBLEM
    small = b"identifier;latitude;longitude;lamp_technology;nominal_power\nSL-1;45.1;4.2;led;40\n"
    after = client.post("/validate?domain=lighting&format=csv&class=Streetlight", content=small)
    assert after.status_code == 200 and after.json()["valid"] is True


def test_spreadsheet_formulas_and_markup_are_shown_inertly(client: TestClient) -> None:
    body = (
        b"identifier;latitude;longitude;lamp_technology;nominal_power;name\n"
        b"SL-1;45.1;4.2;=cmd|'/c calc'!A1;40;<script>alert(1)</script>\n"
        b"SL-2;45.1;4.2;<img src=x onerror=alert(2)>;40;x\n"
    )
    response = client.post(
        "/validate?domain=lighting&format=csv&class=Streetlight",
        content=body,
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 200
    html = response.text
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "=cmd|" in html


class _Listener:
    """A loopback TCP listener that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=2)
        self.sock.close()


@pytest.fixture()
def listener() -> Iterator[_Listener]:
    found = _Listener()
    yield found
    found.close()


def test_no_input_makes_a_network_connection(server_url: str, listener: _Listener) -> None:
    url = f"http://127.0.0.1:{listener.port}/x"
    payloads = [
        ("jsonld", json.dumps({"@context": url, "@id": "urn:a"})),
        ("jsonld", json.dumps({"@context": {"@import": url}, "@id": "urn:a"})),
        ("jsonld", json.dumps({"@context": [{"@vocab": "urn:v:"}, url], "@id": "urn:a"})),
        ("rdfxml", f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "{url}">]><r>&e;</r>'),
        (
            "turtle",
            f"@prefix owl: <http://www.w3.org/2002/07/owl#> . <urn:o> a owl:Ontology ; owl:imports <{url}> .",
        ),
        ("turtle", f"@base <{url}> . <a> <b> <c> ."),
        ("csv", f'identifier;latitude;longitude\n=WEBSERVICE("{url}");45;4\n'),
        (
            "json",
            json.dumps(
                [{"type": "Streetlight", "identifier": "A", "latitude": 45, "longitude": 4, "model": url}]
            ),
        ),
    ]
    for fmt, body in payloads:
        extra = "&class=Streetlight" if fmt == "csv" else ""
        response = httpx.post(
            f"{server_url}/validate?domain=lighting&format={fmt}{extra}", content=body.encode(), timeout=30
        )
        assert response.status_code in (200, 422), (fmt, response.text[:200])
    assert listener.connections == 0, "an input made the server connect to the address it named"
    assert httpx.get(f"{server_url}/health").status_code == 200
