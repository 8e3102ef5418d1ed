"""The application factory: settings in, a FastAPI app out (bundles bootstrapped at start-up)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from registry.api import problems
from registry.api.ratelimit import RateLimit, parse_limit
from registry.api.routes import (
    artifacts,
    changelog,
    definitions,
    governance,
    home,
    jobs,
    releases,
    search,
    sparql,
    validation,
)
from registry.api.routes import catalog as catalog_routes
from registry.catalog.db import open_database
from registry.catalog.releases import bootstrap
from registry.config import Settings, get_settings
from registry.jobs.runner import JobRunner
from registry.jobs.store import JobStore
from registry.publish.releasing.publish import prune_scratch
from registry.publish.sparql import SparqlEndpoint
from registry.validate.pool import Task, WorkerPool, preload_releases

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
log = logging.getLogger("socle")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "Referrer-Policy": "no-referrer",
}


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every HTTP response that does not set them itself.

    A plain ASGI middleware: it only edits the response's first message, where
    ``@app.middleware("http")`` would run each request through a task group and memory streams."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The registry's HTTP service."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        db = await asyncio.to_thread(open_database, settings)
        catalog = await asyncio.to_thread(bootstrap, settings, db, log.info)
        app.state.db = db
        stale = await asyncio.to_thread(prune_scratch, settings, older_than_s=2 * settings.job_timeout_s)
        for path in stale:
            log.warning("removed %s, left by a release build that never finished", path)
        app.state.catalog = catalog
        releases = [catalog.resolve(domain) for domain in catalog.domains()]
        pool = WorkerPool.from_settings(
            settings,
            size=settings.validation_workers,
            max_queue=settings.validation_queue,
            memory_limit_bytes=settings.worker_memory_mb * 1024 * 1024 if settings.worker_memory_mb else None,
            warm=Task(preload_releases, (releases,), label="warm"),
        )
        await asyncio.to_thread(pool.start)
        app.state.pool = pool
        store = JobStore(db, settings.data_dir, retention=timedelta(seconds=settings.job_retention_s))
        runner = JobRunner(store, pool, catalog.resolve, timeout=settings.job_timeout_s)
        await asyncio.to_thread(runner.start)
        app.state.jobs = runner
        app.state.sparql = SparqlEndpoint()  # its worker starts on the first query
        try:
            yield
        finally:
            await asyncio.to_thread(app.state.sparql.close)
            await asyncio.to_thread(runner.stop)
            await asyncio.to_thread(pool.close)
            await asyncio.to_thread(db.dispose)

    app = FastAPI(
        title="Socle",
        summary="The shared data-standards registry for smart territories.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
    templates.env.filters["local_link"] = lambda iri: (
        "/" + iri[len(settings.base_uri) :] if str(iri).startswith(settings.base_uri) else iri
    )
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    problems.install(app)

    app.add_middleware(RateLimit, limit=parse_limit(settings.rate_limit))
    app.add_middleware(SecurityHeaders)  # outermost: refusals by the rate limit get the headers too

    app.include_router(home.router)
    # before /def/{domain}/{version}/{name}, which would otherwise take their paths
    app.include_router(releases.router)
    app.include_router(governance.router)
    app.include_router(changelog.router)
    app.include_router(definitions.router)
    app.include_router(artifacts.router)
    app.include_router(validation.router)
    app.include_router(jobs.router)
    app.include_router(catalog_routes.router)
    app.include_router(search.router)
    app.include_router(sparql.router)
    return app
