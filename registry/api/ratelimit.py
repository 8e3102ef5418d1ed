"""Rate limits on the requests that cost the server work (DESIGN.md decision 14).

Every ``POST`` (validations, jobs, releases, governance) and the query endpoints (``/sparql``,
``/search``) count against one moving window per client address, ``SOCLE_RATE_LIMIT`` (``120/minute``
by default, in the ``limits`` library's notation: ``10/second``, ``1000/hour``…; empty to turn it
off, as the benchmarks do). Reads of published vocabularies and artifacts are not limited: they are
cheap and cacheable. A client over its limit gets a 429 problem with ``Retry-After``.

The counters live in the process (the ``limits`` library's memory storage): with several server
processes, each counts on its own; a shared store (Redis, which ``limits`` supports) is the step
when one process is not enough.
"""

from __future__ import annotations

import json
import math
import time

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

from registry.errors import ConfigurationError

LIMITED_PATHS = ("/sparql", "/search")


def parse_limit(text: str | None) -> RateLimitItem | None:
    """``"120/minute"`` → the limit; empty or ``None`` → no limit; anything else a configuration error."""
    if not text or not text.strip():
        return None
    try:
        return parse(text.strip())
    except ValueError:
        raise ConfigurationError(
            f"SOCLE_RATE_LIMIT={text!r} is not a rate limit",
            hint="Write a count per period, such as 120/minute or 10/second, or leave it empty.",
        ) from None


def is_limited(method: str, path: str) -> bool:
    """Whether a request counts against the client's limit."""
    return method == "POST" or path in LIMITED_PATHS


class RateLimit:
    """ASGI middleware: a moving window per client address over the limited requests."""

    def __init__(self, app: ASGIApp, limit: RateLimitItem | None) -> None:
        self.app = app
        self.limit = limit
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.limit is None or scope["type"] != "http" or not is_limited(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        key = client[0] if client else "unknown"
        if self.limiter.hit(self.limit, key):
            await self.app(scope, receive, send)
            return
        reset = self.limiter.get_window_stats(self.limit, key).reset_time
        await self._refuse(send, max(1, math.ceil(reset - time.time())))

    async def _refuse(self, send: Send, retry_after: int) -> None:
        body = json.dumps(
            {
                "type": "about:blank",
                "title": "Too many requests",
                "status": 429,
                "detail": f"This client sent more than {self.limit} requests of this kind.",
                "hint": f"Wait {retry_after} s before trying again; large files can be sent once as a job.",
            }
        ).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(retry_after).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
