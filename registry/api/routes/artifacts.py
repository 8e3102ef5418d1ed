"""``/artifacts/{sha256}``: every published file by its content hash, cacheable forever."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request, Response

from registry.api.deps import CatalogDep
from registry.api.responses import cached
from registry.catalog.releases import Release, ReleaseCatalog
from registry.errors import NotFoundError

router = APIRouter(tags=["definitions"])
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def find_artifact(catalog: ReleaseCatalog, sha256: str) -> tuple[Release, str]:
    """The release and artifact name whose content has this SHA-256."""
    if not _SHA256.match(sha256):
        raise NotFoundError("An artifact address is a SHA-256 in 64 lower-case hexadecimal digits.")
    for release in catalog.releases():
        for name, artifact in release.artifacts.items():
            if artifact["sha256"] == sha256:
                return release, name
    raise NotFoundError(f"No published artifact has the SHA-256 {sha256}.")


@router.get("/artifacts/{sha256}", summary="A published file by its SHA-256 (immutable)")
def artifact_by_digest(sha256: str, request: Request, catalog: CatalogDep) -> Response:
    release, name = find_artifact(catalog, sha256)
    artifact = release.artifacts[name]
    return cached(
        request,
        release.artifact_path(name).read_bytes(),
        artifact["media_type"],
        vary=False,
        headers={
            "Cache-Control": "public, max-age=31536000, immutable",
            "Content-Disposition": f'inline; filename="{release.domain}-{release.version}-{name}"',
        },
    )
