"""Responses with strong ETags and revalidation (304), negotiated by ``Accept``."""

from __future__ import annotations

import hashlib

from fastapi import Request, Response


def cached(
    request: Request,
    body: bytes | str,
    media_type: str,
    *,
    vary: bool = True,
    headers: dict[str, str] | None = None,
) -> Response:
    """A 200 with a strong ETag over the body, or a 304 when the client already has it."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    etag = '"' + hashlib.sha256(data).hexdigest() + '"'
    base_headers = {"ETag": etag, "Cache-Control": "public, max-age=300", **(headers or {})}
    if vary:
        base_headers["Vary"] = "Accept"
    candidates = {tag.strip() for tag in request.headers.get("if-none-match", "").split(",")}
    if etag in candidates or "*" in candidates:
        return Response(status_code=304, headers=base_headers)
    charset = (
        "; charset=utf-8"
        if media_type.startswith("text/") or "json" in media_type or "xml" in media_type
        else ""
    )
    return Response(
        content=data,
        media_type=media_type + charset if charset else media_type,
        headers=base_headers,
    )
