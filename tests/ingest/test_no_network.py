"""No input makes the registry connect anywhere: an audit hook records every ``socket.connect`` and
``urllib.Request`` during ingestion, and a listener on a loopback port, which every "fetch me" payload
points at, hears nothing (native code such as pyoxigraph bypasses audit hooks, not the listener)."""

from __future__ import annotations

import json
import socket
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from registry.build.schema import DomainSchema
from registry.errors import InputError
from tests.ingest.helpers import read

_EVENTS: list[tuple[str, Any]] = []
_RECORDING = threading.Event()


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _RECORDING.is_set() and event in {"socket.connect", "socket.getaddrinfo", "urllib.Request"}:
        _EVENTS.append((event, args))


sys.addaudithook(_hook)


@pytest.fixture()
def listener() -> Iterator[tuple[int, list[str]]]:
    """A loopback port, and what it heard."""
    heard: list[str] = []
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            heard.append(connection.recv(4096).decode("latin-1"))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], heard
    stop.set()
    thread.join(timeout=2)
    server.close()


def _payloads(url: str) -> list[tuple[str, str]]:
    record = {"type": "Streetlight", "identifier": "VLB-EP-000001", "latitude": 45.7, "longitude": 4.8}
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    return [
        ("context.jsonld", json.dumps({"@context": url, "@id": "urn:x", "name": "a"})),
        ("list.jsonld", json.dumps({"@context": [url, {"a": "http://e/a"}], "@id": "urn:x"})),
        ("import.jsonld", json.dumps({"@context": {"@version": 1.1, "@import": url}, "@id": "urn:x"})),
        ("scoped.jsonld", json.dumps({"@context": {"p": {"@id": "http://e/p", "@context": url}}, "p": {}})),
        ("nested.jsonld", json.dumps({"@context": {}, "@graph": [{"@context": url, "@id": "urn:y"}]})),
        ("records.json", json.dumps([{**record, "@context": url}])),
        ("graph.json", json.dumps({"@context": url, "@graph": [record]})),
        ("typed.json", json.dumps({"records": [{**record, "control_cabinet": url}]})),
        ("imports.ttl", f"<urn:x> <http://www.w3.org/2002/07/owl#imports> <{url}> ."),
        ("base.ttl", f"@base <{url}> .\n<a> <b> <c> ."),
        ("entity.rdf", f'<!DOCTYPE r [<!ENTITY e SYSTEM "{url}">]><rdf:RDF xmlns:rdf="{rdf}"/>'),
        ("param.rdf", f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{url}"> %p;]><rdf:RDF xmlns:rdf="{rdf}"/>'),
        ("about.rdf", f'<rdf:RDF xmlns:rdf="{rdf}"><rdf:Description rdf:about="{url}"/></rdf:RDF>'),
        ("points.geojson", json.dumps({"type": "FeatureCollection", "@context": url, "features": []})),
        ("table.csv", f"identifier;control_cabinet;name\nVLB-EP-000001;{url};{url}\n"),
    ]


def test_no_input_makes_a_network_connection(
    listener: tuple[int, list[str]], schemas: dict[str, DomainSchema]
) -> None:
    port, heard = listener
    url = f"http://127.0.0.1:{port}/fetch-me"
    outcomes = {}
    _EVENTS.clear()
    _RECORDING.set()
    try:
        for name, payload in _payloads(url) + [(n.replace(".", "-file."), p) for n, p in _file_payloads()]:
            try:
                read(
                    payload,
                    schemas["lighting"],
                    name=name,
                    class_name=None if ".csv" not in name else "Streetlight",
                )
                outcomes[name] = "read"
            except InputError as error:
                outcomes[name] = type(error).__name__
    finally:
        _RECORDING.clear()
    assert heard == [], f"the listener was contacted: {heard}"
    assert _EVENTS == [], f"connections attempted: {_EVENTS}"
    assert outcomes["context.jsonld"] == "UnsafeInputError"
    assert outcomes["import.jsonld"] == "UnsafeInputError"
    assert outcomes["entity.rdf"] == "UnsafeInputError"


def _file_payloads() -> list[tuple[str, str]]:
    return [
        ("context.jsonld", json.dumps({"@context": "file:///etc/hostname", "@id": "urn:x"})),
        ("entity.rdf", '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/hostname">]><r>&e;</r>'),
    ]


def test_the_listener_does_hear_a_real_connection(listener: tuple[int, list[str]]) -> None:
    """The test above would notice a fetch: a real request reaches the listener and the hook."""
    port, heard = listener
    _EVENTS.clear()
    _RECORDING.set()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as client:
            client.sendall(b"GET /fetch-me HTTP/1.0\r\n\r\n")
    finally:
        _RECORDING.clear()
    for _ in range(50):
        if heard:
            break
        threading.Event().wait(0.05)
    assert heard and heard[0].startswith("GET /fetch-me")
    assert any(event == "socket.connect" for event, _ in _EVENTS)
