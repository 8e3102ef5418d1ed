"""Reading an upload without trusting it: the size is counted while streaming (413 before parsing,
also when only the declared length is over the limit), a truncated body is a clear 400, and a
multipart form gives its ``file`` part."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from fastapi import Request
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect

from registry.errors import InputError, InputTooLargeError
from registry.ingest.model import InputFile

MULTIPART = "multipart/form-data"


class TruncatedUploadError(InputError):
    status = 400
    title = "Truncated upload"


def _declared_length(request: Request) -> int | None:
    value = request.headers.get("content-length")
    if value is None:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise InputError("The Content-Length header is not a number.") from exc


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused as soon as it is known to be over ``limit`` bytes."""
    declared = _declared_length(request)
    if declared is not None and declared > limit:
        raise InputTooLargeError(
            f"The upload declares {declared:,} bytes; the limit is {limit:,} bytes.",
            hint="Split the dataset, or send it as an asynchronous job to a server with a higher limit.",
        )
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise InputTooLargeError(
                    f"The upload is over the limit of {limit:,} bytes.",
                    hint="Split the dataset into smaller files.",
                )
            chunks.append(chunk)
    except ClientDisconnect as exc:
        raise TruncatedUploadError("The upload stopped before the whole file was received.") from exc
    body = b"".join(chunks)
    if declared is not None and len(body) < declared:
        raise TruncatedUploadError(
            f"The upload stopped after {len(body):,} of the {declared:,} bytes it announced.",
            hint="Send the file again.",
        )
    return body


async def _once(data: bytes) -> AsyncGenerator[bytes, None]:
    yield data


async def read_input(request: Request, limit: int) -> tuple[InputFile, dict[str, str]]:
    """The dataset of a ``POST /validate`` (a raw body, or the ``file`` field of a multipart form)
    and the form's other text fields (empty for a raw body)."""
    body = await read_body(request, limit)
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith(MULTIPART):
        name = request.query_params.get("filename")
        return InputFile(data=body, name=name, content_type=content_type or None), {}
    parser = MultiPartParser(request.headers, _once(body), max_files=1, max_fields=20, max_part_size=limit)
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise InputError(f"The multipart form cannot be read: {exc.message}") from exc
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise InputError(
            "The form has no file in a field named 'file'.",
            hint="Send the dataset as the multipart field 'file', or as the raw request body.",
        )
    data = await upload.read()
    fields = {key: value for key, value in form.multi_items() if isinstance(value, str) and value.strip()}
    return InputFile(data=data, name=upload.filename, content_type=upload.content_type), fields
