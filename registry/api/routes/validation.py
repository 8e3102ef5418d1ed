"""``POST /validate`` and the validation page: thin routes over ``check_dataset`` run in the pool."""

from __future__ import annotations

import asyncio
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from registry.api.deps import CatalogDep, SettingsDep, TemplatesDep
from registry.api.report_formats import ReportFormat, render_report, report_format
from registry.api.routes.jobs import job_document
from registry.api.uploads import read_input
from registry.errors import InputError, UnsupportedFormatError
from registry.ingest.model import DEFAULT_BASE, IngestOptions, InputFormat
from registry.jobs.runner import JobRunner
from registry.jobs.store import JobRequest
from registry.validate.engines import DEFAULT_ENGINE, EngineName
from registry.validate.pool import WorkerPool, validation_task
from registry.validate.report import ValidationReport

router = APIRouter(tags=["validation"])


class ValidationMode(StrEnum):
    AUTO = "auto"
    SYNC = "sync"
    ASYNC = "async"


FORM_FIELDS = ("domain", "version", "class", "format", "base", "sheet", "engine", "lang")


def _option(fields: dict[str, str], name: str, query: str | None) -> str | None:
    return fields.get(name) or query


def parse_format(value: str | None) -> InputFormat | None:
    if not value:
        return None
    try:
        return InputFormat(value.lower())
    except ValueError as exc:
        known = ", ".join(f.value for f in InputFormat)
        raise UnsupportedFormatError(
            f"The format {value!r} is not one the registry reads.", hint=f"Known formats: {known}."
        ) from exc


@router.get("/validate", response_class=HTMLResponse, summary="The validation page: an upload form")
def validation_page(request: Request, catalog: CatalogDep, templates: TemplatesDep) -> HTMLResponse:
    domains = [d for d in catalog.domains() if d != "core"]
    return templates.TemplateResponse(
        request, "validate_form.html", {"domains": domains, "formats": list(InputFormat)}
    )


@router.post(
    "/validate",
    summary="Check a dataset against a standard",
    description=(
        "Send the dataset as the raw body or as the multipart field `file`. The report is JSON by "
        "default; `Accept: text/html`, `text/turtle` (sh:ValidationReport), `application/ld+json` or "
        "`text/plain` (or `?output=`) choose another face, `Accept-Language` or `?lang=` the language."
    ),
    responses={200: {"description": "The validation report (whether or not the data conforms)."}},
)
async def validate(
    request: Request,
    catalog: CatalogDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    domain: Annotated[str | None, Query(description="Standard: lighting, or lighting@1.0.0")] = None,
    version: Annotated[str | None, Query(description="Exact version (else the adopted one)")] = None,
    class_name: Annotated[str | None, Query(alias="class", description="Class of a table's rows")] = None,
    format: Annotated[str | None, Query(description="Input format (else from the type or name)")] = None,
    base: Annotated[str | None, Query(description="Base IRI of the records' identifiers")] = None,
    sheet: Annotated[str | None, Query(description="Spreadsheet sheet (else the first)")] = None,
    engine: Annotated[EngineName, Query(description="Validation engine")] = DEFAULT_ENGINE,
    output: Annotated[str | None, Query(description="json, html, turtle, jsonld or text")] = None,
    lang: Annotated[str | None, Query(description="fr or en")] = None,
    mode: Annotated[
        ValidationMode,
        Query(description="sync, async (a job: 202 + Location), or auto (a job for big inputs)"),
    ] = ValidationMode.AUTO,
) -> Response:
    file, fields = await read_input(request, settings.max_upload_bytes)
    chosen_domain = _option(fields, "domain", domain)
    if not chosen_domain:
        raise InputError(
            "Say which standard to check against.", hint="Add ?domain=lighting (or lighting@1.0.0)."
        )
    chosen_version = _option(fields, "version", version)
    reference = (
        chosen_domain if "@" in chosen_domain or not chosen_version else f"{chosen_domain}@{chosen_version}"
    )
    release = catalog.resolve(reference)
    if not file.data.strip():
        raise InputError("The file is empty.", hint="Choose the file that holds your dataset.")
    options = IngestOptions(
        format=parse_format(_option(fields, "format", format)),
        class_name=_option(fields, "class", class_name),
        base=_option(fields, "base", base) or DEFAULT_BASE,
        sheet=_option(fields, "sheet", sheet),
    )
    engine_name = EngineName(_option(fields, "engine", engine) or DEFAULT_ENGINE)
    chosen_mode = ValidationMode(_option(fields, "mode", mode) or ValidationMode.AUTO)
    if chosen_mode is ValidationMode.ASYNC or (
        chosen_mode is ValidationMode.AUTO and len(file.data) > settings.sync_max_bytes
    ):
        runner: JobRunner = request.app.state.jobs
        info = await asyncio.to_thread(
            runner.submit, JobRequest(domain=release.ref, options=options, engine=engine_name.value), [file]
        )
        location = f"/jobs/{info.id}"
        if (
            report_format(request.headers.get("accept"), _option(fields, "output", output))
            is ReportFormat.HTML
        ):
            return RedirectResponse(location, status_code=303)  # a browser follows to the job's page
        return JSONResponse(job_document(info), status_code=202, headers={"Location": location})
    pool: WorkerPool = request.app.state.pool
    report: ValidationReport = await pool.run(
        validation_task([file], release, options=options, engine_name=engine_name),
        timeout=settings.validation_timeout_s,
    )
    return render_report(
        request,
        report,
        templates,
        output=_option(fields, "output", output),
        lang=_option(fields, "lang", lang),
    )
