"""RFC 9457 problem details for every error the service answers with."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from registry.errors import InputError, SocleError, UnauthorizedError

PROBLEM_JSON = "application/problem+json"


def problem(
    status: int, title: str, detail: str, *, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def install(app: FastAPI) -> None:
    """Map registry errors, HTTP errors and request validation errors to problem+json."""

    @app.exception_handler(SocleError)
    async def _socle_error(request: Request, exc: SocleError) -> JSONResponse:
        extra: dict[str, Any] = {"hint": exc.hint, "instance": request.url.path}
        if isinstance(exc, InputError):
            extra.update(line=exc.line, column=exc.column)
        extra.update(exc.extra)
        headers = {"WWW-Authenticate": 'Bearer realm="socle"'} if isinstance(exc, UnauthorizedError) else None
        return problem(exc.status, exc.title, exc.detail, headers=headers, **extra)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {404: "Not found", 405: "Method not allowed"}
        detail = str(exc.detail) if exc.detail else titles.get(exc.status_code, "HTTP error")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"Nothing is published at {request.url.path}. The catalogue is at /."
        return problem(exc.status_code, titles.get(exc.status_code, "HTTP error"), detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
            for e in exc.errors()
        ]
        return problem(422, "Invalid request", "The request's parameters are not valid.", errors=errors)
