"""``socle publish MODULE --server URL``: the same release, made through a registry's HTTP API.

The module, its hand-written shapes (``<shapes>/<domain>/extra.ttl`` when present) and its examples
(zipped exactly as a bundle zips them) are sent to ``POST {server}/releases`` with the editor's bearer
token (``--token`` or ``SOCLE_TOKEN``); the answer is printed as the local command prints it, with
the same exit codes: 0 published (or a publishable dry run), 1 refused or the version exists, 2 bad
input, a refused token or an unreachable server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from registry.errors import InputError, SocleError

TIMEOUT_S = 1800.0


class RemoteError(SocleError):
    """The server answered with a problem the command cannot act on, or could not be reached."""


def release_form(module: Path, shapes_dir: Path | None, examples_dir: Path | None) -> dict[str, Any]:
    """The multipart parts of ``POST /releases`` for a module on disk."""
    from registry.build.bundle import examples_archive
    from registry.publish.releasing import module_header

    if not module.is_file():
        raise InputError(
            f"{module}: no such file", hint="Give the path of a LinkML module (vocab/lighting.yaml)"
        )
    data = module.read_bytes()
    domain = module_header(data, str(module)).name
    files: dict[str, Any] = {"module": (module.name, data, "application/yaml")}
    extra = shapes_dir / domain / "extra.ttl" if shapes_dir is not None else None
    if extra is not None and extra.is_file():
        files["shapes"] = ("extra.ttl", extra.read_bytes(), "text/turtle")
    if examples_dir is not None and examples_dir.is_dir():
        files["examples"] = ("examples.zip", examples_archive(examples_dir), "application/zip")
    return files


def post_release(
    server: str, token: str | None, files: dict[str, Any], *, dry_run: bool, core: str | None = None
) -> tuple[int, dict[str, Any]]:
    """Send the release; the status code and the JSON answer (a problem for 4xx and 5xx)."""
    if not token:
        raise InputError(
            "publishing to a server needs an editor token",
            hint="Give --token or set SOCLE_TOKEN (an administrator creates it with socle token create).",
        )
    params = {"dry_run": "true" if dry_run else "false", **({"core": core} if core else {})}
    url = server.rstrip("/") + "/releases"
    try:
        response = httpx.post(
            url, files=files, params=params, headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT_S
        )
    except httpx.HTTPError as error:
        raise RemoteError(f"cannot reach {url}: {error}", hint="Check --server and the network.") from None
    try:
        document: dict[str, Any] = response.json()
    except ValueError:
        raise RemoteError(
            f"{url} answered {response.status_code} without JSON", hint="Is --server a Socle registry?"
        ) from None
    return response.status_code, document
