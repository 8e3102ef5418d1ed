"""``/releases``: publishing a version of a standard (editor token), dry runs, and release records.

``POST /releases`` takes a multipart form: ``module`` (the LinkML YAML, required), ``shapes`` (its
hand-written SHACL, optional: else the previous release's) and ``examples`` (a zip archive of
``valid/`` and ``invalid/``, optional: else the previous release's); ``?core=`` chooses the version
of core it imports and ``?dry_run=true`` answers the verdict and the checks without recording.

Building is CPU work on an editor's input: it runs in a warm worker process of the validation pool
(under a hard time limit), never on the event loop. Publishes of one ``domain@version`` are
serialised in this process, so that many identical requests build once and the others get a fast
409; across processes, the catalogue's unique ``(domain, version)`` decides.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from registry.api.auth import EditorDep
from registry.api.deps import CatalogDep, SettingsDep
from registry.api.uploads import MULTIPART, read_body
from registry.catalog.releases import Release, ReleaseCatalog
from registry.errors import InputError, UnsupportedFormatError, ValidationTimeoutError
from registry.publish.changelog import read_changelog
from registry.publish.releasing import (
    PreparedRelease,
    ReleaseSources,
    build_release,
    discard_scratch,
    plan,
    publish_release,
    refuse_existing,
    scratch_directory,
    sources_from_upload,
)
from registry.validate.pool import Task, WorkerPool

router = APIRouter(tags=["releases"])

SEMVER = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
FIELDS = ("module", "shapes", "examples")


class KeyedLocks:
    """``asyncio`` locks by key, forgotten when nobody holds or awaits them (used on one event loop)."""

    def __init__(self) -> None:
        self._locks: dict[tuple[str, str], tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: tuple[str, str]) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)


def _locks(request: Request) -> KeyedLocks:
    locks: KeyedLocks | None = getattr(request.app.state, "release_locks", None)
    if locks is None:
        locks = request.app.state.release_locks = KeyedLocks()
    return locks


async def _once(data: bytes) -> AsyncGenerator[bytes, None]:
    yield data


async def read_release_form(request: Request, limit: int) -> dict[str, bytes]:
    """The form's ``module``, ``shapes`` and ``examples`` parts (files or text fields), by name."""
    body = await read_body(request, limit)
    if not request.headers.get("content-type", "").lower().startswith(MULTIPART):
        raise UnsupportedFormatError(
            "POST /releases takes a multipart form.",
            hint="Send the module as the form's 'module' file: curl -F module=@vocab/lighting.yaml …",
        )
    parser = MultiPartParser(
        request.headers, _once(body), max_files=len(FIELDS), max_fields=len(FIELDS), max_part_size=limit
    )
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise InputError(f"The multipart form cannot be read: {exc.message}") from exc
    parts: dict[str, bytes] = {}
    for name in FIELDS:
        value = form.get(name)
        if isinstance(value, UploadFile):
            parts[name] = await value.read()
        elif isinstance(value, str) and value.strip():
            parts[name] = value.encode("utf-8")
    unknown = sorted(set(form.keys()) - set(FIELDS))
    if unknown:
        raise InputError(
            "The form has fields a release does not take: " + ", ".join(unknown) + ".",
            hint="Send module (required), shapes and examples (optional).",
        )
    if not parts.get("module"):
        raise InputError(
            "The form has no LinkML module in a field named 'module'.",
            hint="Send the module's YAML as the form's 'module' file.",
        )
    return parts


def artifact_list(release: Release) -> list[dict[str, Any]]:
    """The release's files, each with where to download it."""
    return [
        {
            **artifact,
            "url": f"/def/{release.domain}/{release.version}/{name}",
            "download": f"/artifacts/{artifact['sha256']}",
        }
        for name, artifact in sorted(release.artifacts.items())
    ]


def release_summary(release: Release) -> dict[str, Any]:
    return {
        "domain": release.domain,
        "version": release.version,
        "status": release.status,
        "created_at": release.created_at.isoformat() if release.created_at else None,
        "created_by": release.created_by,
    }


def release_document(release: Release) -> dict[str, Any]:
    """A release as ``GET /releases/{domain}/{version}`` and a 201 give it."""
    return {
        **release_summary(release),
        "imports": release.imports,
        "artifacts": artifact_list(release),
        "changelog": read_changelog(release),
    }


def dry_run_document(prepared: PreparedRelease) -> dict[str, Any]:
    return {
        "domain": prepared.domain,
        "version": prepared.version,
        "status": prepared.status,
        "dry_run": True,
        "acceptable": prepared.acceptable,
        "failures": prepared.failures,
        "verdict": prepared.verdict.to_dict() if prepared.verdict is not None else None,
        "imports": prepared.imports,
        "changelog": json.loads(prepared.changelog),
    }


async def _prepare(
    request: Request, sources: ReleaseSources, catalog: ReleaseCatalog, settings: Any
) -> PreparedRelease:
    """Plan in a thread (it reads the catalogue), build in a warm worker (CPU work, time-limited)."""
    planned = await asyncio.to_thread(plan, sources, catalog, settings)
    workdir = await asyncio.to_thread(scratch_directory, settings, planned.domain, planned.version)
    pool: WorkerPool = request.app.state.pool
    task = Task(build_release, (planned, workdir), label=f"publish {planned.domain}@{planned.version}")
    try:
        prepared: PreparedRelease = await pool.run(task, timeout=settings.job_timeout_s)
    except ValidationTimeoutError:
        await asyncio.to_thread(discard_scratch, workdir)
        raise ValidationTimeoutError(
            f"Building {planned.domain} {planned.version} took longer than {settings.job_timeout_s:g} s "
            "and was stopped.",
            hint="Check the module's patterns and SPARQL constraints, then publish again.",
        ) from None
    except BaseException:
        await asyncio.to_thread(discard_scratch, workdir)
        raise
    return prepared


@router.post(
    "/releases",
    status_code=201,
    summary="Publish a version of a standard (editor token); dry_run=true only answers the verdict",
    responses={
        200: {"description": "Dry run: the verdict and the checks; nothing recorded."},
        201: {"description": "Published; Location is the version's URI."},
        401: {"description": "No valid bearer token (problem+json)."},
        403: {"description": "The token may not publish (problem+json)."},
        409: {"description": "The version is already published (problem+json)."},
        422: {"description": "Refused: every failed check and offending change (problem+json)."},
    },
)
async def publish(
    request: Request,
    principal: EditorDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    dry_run: Annotated[bool, Query(description="Build, check and compare only.")] = False,
    core: Annotated[
        str | None, Query(pattern=SEMVER, description="Version of core to import (default: as before).")
    ] = None,
) -> Response:
    parts = await read_release_form(request, settings.max_upload_bytes)
    sources = sources_from_upload(
        parts["module"], shapes=parts.get("shapes"), examples=parts.get("examples"), core=core
    )
    header = await asyncio.to_thread(lambda: sources.header)
    if dry_run:
        with await _prepare(request, sources, catalog, settings) as prepared:
            return JSONResponse(dry_run_document(prepared))
    await asyncio.to_thread(refuse_existing, catalog, header)  # a fast 409, before waiting or building
    async with _locks(request).hold((header.name, header.version)):
        with await _prepare(request, sources, catalog, settings) as prepared:
            release = await asyncio.to_thread(publish_release, prepared, catalog, principal.actor)
    document = await asyncio.to_thread(release_document, release)
    return JSONResponse(
        document, status_code=201, headers={"Location": f"/def/{release.domain}/{release.version}"}
    )


@router.get("/releases", summary="Every published release: domain, version, status, when and by whom")
def list_releases(
    catalog: CatalogDep,
    domain: Annotated[str | None, Query(description="Only this standard's releases.")] = None,
) -> list[dict[str, Any]]:
    return [release_summary(r) for r in catalog.releases(domain)]


@router.get("/releases/{domain}/{version}", summary="One release: its record, artifacts and changelog")
def get_release(domain: str, version: str, catalog: CatalogDep) -> dict[str, Any]:
    return release_document(catalog.resolve(f"{domain}@{version}"))
