"""The registry's exception tree.

::

    SocleError                      anything the registry raises on purpose
    ├── ConfigurationError          settings or repository files are unusable
    ├── SchemaError                 a LinkML module cannot be loaded or built
    ├── NotFoundError               unknown domain, version, term or artifact (HTTP 404)
    ├── ConflictError               the catalogue already holds it, or forbids that change (HTTP 409)
    ├── UnauthorizedError           no valid bearer token (HTTP 401)
    ├── ForbiddenError              the token's role may not do this (HTTP 403)
    ├── ReleaseRefusedError         a release fails its checks or its compatibility verdict (HTTP 422)
    ├── InputError                  a user's input cannot be read (HTTP 4xx, CLI exit 2)
    │   ├── UnsupportedFormatError  a type we do not read (HTTP 415)
    │   ├── InputTooLargeError      over the size limit (HTTP 413)
    │   └── UnsafeInputError        asks for a fetch, an entity, or nests too deep (HTTP 422)
    └── ValidationTimeoutError      validation went over its time limit

Each carries a message a person can act on; the API maps them to RFC 9457 problems.
"""

from __future__ import annotations


class SocleError(Exception):
    """Base of every error the registry raises on purpose."""

    status = 500
    title = "Internal error"

    def __init__(self, detail: str, *, hint: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.hint = hint

    @property
    def extra(self) -> dict[str, object]:
        """Members added to the error's problem document (RFC 9457 extension members)."""
        return {}

    def __reduce__(self) -> tuple[object, ...]:
        # Errors cross process boundaries (validation runs in worker processes): keep every field.
        return (_rebuild, (type(self), self.detail, dict(self.__dict__)))


class ConfigurationError(SocleError):
    title = "Configuration error"


class SchemaError(SocleError):
    title = "Schema error"


class NotFoundError(SocleError):
    status = 404
    title = "Not found"


class ConflictError(SocleError):
    status = 409
    title = "Conflict"


class UnauthorizedError(SocleError):
    status = 401
    title = "Authentication required"


class ForbiddenError(SocleError):
    status = 403
    title = "Forbidden"


class ReleaseRefusedError(SocleError):
    """A release that is not published: every failed check and every offending change is listed.

    ``failures`` are dicts with at least ``check`` (``lint``, ``namespace``, ``examples``,
    ``pattern``, ``sparql``, ``compatibility``), ``message_fr``, ``message_en`` and, where there is
    one, ``element``; ``verdict`` is the compatibility verdict's ``to_dict()`` when there was a
    previous version.
    """

    status = 422
    title = "Release refused"

    def __init__(
        self,
        detail: str,
        *,
        failures: list[dict[str, object]],
        verdict: dict[str, object] | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(detail, hint=hint)
        self.failures = failures
        self.verdict = verdict

    @property
    def extra(self) -> dict[str, object]:
        return {"failures": self.failures, "verdict": self.verdict}


class InputError(SocleError):
    status = 422
    title = "Input cannot be read"

    def __init__(
        self,
        detail: str,
        *,
        hint: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(detail, hint=hint)
        self.line = line
        self.column = column


class UnsupportedFormatError(InputError):
    status = 415
    title = "Unsupported format"


class InputTooLargeError(InputError):
    status = 413
    title = "Input too large"


class UnsafeInputError(InputError):
    status = 422
    title = "Unsafe input refused"


class ValidationTimeoutError(SocleError):
    status = 503
    title = "Validation took too long"


def _rebuild(cls: type[SocleError], detail: str, state: dict[str, object]) -> SocleError:
    error = cls.__new__(cls)
    SocleError.__init__(error, detail)
    error.__dict__.update(state)
    return error
