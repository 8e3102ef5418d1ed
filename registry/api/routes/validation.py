"""``POST /validate`` and the validation page: thin routes over ``check_dataset`` run in the pool."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from registry.api.deps import CatalogDep, SettingsDep, TemplatesDep
from registry.api.report_formats import ReportFormat, report_format
from registry.api.uploads import read_input
from registry.errors import InputError, UnsupportedFormatError
from registry.ingest.model import DEFAULT_BASE, IngestOptions, InputFormat
from registry.validate.engines import DEFAULT_ENGINE, EngineName
from registry.validate.pool import WorkerPool, validation_task
from registry.validate.render.common import choose_language
from registry.validate.render.html import report_context
from registry.validate.render.json import render_json
from registry.validate.render.rdf import render_rdf
from registry.validate.render.text import render_text
from registry.validate.report import ValidationReport

router = APIRouter(tags=["validation"])

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


def render_report(
    request: Request,
    report: ValidationReport,
    templates: TemplatesDep,
    *,
    output: str | None,
    lang: str | None,
) -> Response:
    """The report in the face the client asked for."""
    language = lang if lang in ("fr", "en") else choose_language(request.headers.get("accept-language"))
    chosen = report_format(request.headers.get("accept"), output)
    if chosen is ReportFormat.HTML:
        context: dict[str, Any] = report_context(report, language)
        return templates.TemplateResponse(request, "validate_result.html", context)
    if chosen is ReportFormat.TURTLE:
        return Response(render_rdf(report, "turtle"), media_type="text/turtle; charset=utf-8")
    if chosen is ReportFormat.JSONLD:
        return Response(render_rdf(report, "jsonld"), media_type="application/ld+json")
    if chosen is ReportFormat.TEXT:
        return Response(render_text(report, language), media_type="text/plain; charset=utf-8")
    return Response(render_json(report, language), media_type="application/json")


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
