"""``/jobs/{id}``: the status and the report of an asynchronous validation."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from registry.api.deps import TemplatesDep
from registry.api.report_formats import ReportFormat, render_report, report_format
from registry.errors import SocleError
from registry.jobs.runner import JobRunner
from registry.jobs.store import JobInfo

router = APIRouter(prefix="/jobs", tags=["validation"])


class JobNotFinishedError(SocleError):
    status = 409
    title = "Job not finished"


class JobExpiredError(SocleError):
    status = 410
    title = "Job result expired"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def job_document(info: JobInfo) -> dict[str, Any]:
    """A job's status as clients read it."""
    document: dict[str, Any] = {
        "id": info.id,
        "status": info.status.value,
        "progress": round(info.progress, 3),
        "created_at": _iso(info.created_at),
        "started_at": _iso(info.started_at),
        "finished_at": _iso(info.finished_at),
        "expires_at": _iso(info.expires_at),
        "standard": info.request.get("domain"),
        "links": {"self": f"/jobs/{info.id}"},
    }
    if info.status.value == "succeeded":
        document["links"]["report"] = f"/jobs/{info.id}/report"
    if info.error is not None:
        document["problem"] = info.error
    return document


def _runner(request: Request) -> JobRunner:
    runner: JobRunner = request.app.state.jobs
    return runner


@router.get("/{job_id}", summary="Status and progress of a validation job (JSON, or a page in a browser)")
def job_status(
    job_id: str,
    request: Request,
    templates: TemplatesDep,
    lang: Annotated[str | None, Query(description="fr or en")] = None,
) -> Response:
    runner = _runner(request)
    info = runner.status(job_id)
    if report_format(request.headers.get("accept")) is not ReportFormat.HTML:
        return JSONResponse(job_document(info))
    if info.status.value == "succeeded":
        return render_report(request, runner.result(job_id), templates, output="html", lang=lang)
    return templates.TemplateResponse(request, "job.html", {"job": job_document(info)})


@router.get("/{job_id}/report", summary="The report of a finished validation job")
def job_report(
    job_id: str,
    request: Request,
    templates: TemplatesDep,
    output: Annotated[str | None, Query(description="json, html, turtle, jsonld or text")] = None,
    lang: Annotated[str | None, Query(description="fr or en")] = None,
) -> Response:
    runner = _runner(request)
    info = runner.status(job_id)
    if info.status.value == "expired":
        raise JobExpiredError("This job's result was deleted when it expired.", hint="Send the file again.")
    if info.status.value == "failed":
        problem = info.error or {}
        raise JobNotFinishedError(
            f"This job failed: {problem.get('detail', 'no report was produced')}", hint=problem.get("hint")
        )
    if info.status.value != "succeeded":
        raise JobNotFinishedError(
            f"This job is {info.status.value} ({info.progress:.0%}).",
            hint=f"Poll /jobs/{job_id} until it succeeds.",
        )
    return render_report(request, runner.result(job_id), templates, output=output, lang=lang)
