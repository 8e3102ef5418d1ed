"""Server-rendered pages with strong ETags: a page changes when what it shows changes (a status, a
new release), and a client revalidating an unchanged page gets a 304."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response
from fastapi.templating import Jinja2Templates

from registry.api.responses import cached


def render_page(
    request: Request,
    templates: Jinja2Templates,
    name: str,
    context: dict[str, Any],
    *,
    headers: dict[str, str] | None = None,
    vary: bool = True,
) -> Response:
    """The template ``name`` rendered with ``context``, as ``text/html`` with a strong ETag and, when
    ``vary``, ``Vary: Accept`` (the same URL also answers in other formats). Pages are revalidated on
    every use (``no-cache``): a status change shows at once, an unchanged page costs a 304."""
    rendered = templates.TemplateResponse(request, name, context)
    headers = {"Cache-Control": "no-cache", **(headers or {})}
    return cached(request, bytes(rendered.body), "text/html", vary=vary, headers=headers)
