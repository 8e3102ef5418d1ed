"""``socle serve``: build what is missing, then serve the registry over HTTP (uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default from settings).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to bind (default from settings).")] = None,
) -> None:
    """Start the registry on embedded defaults (data in SOCLE_DATA_DIR, no other server needed)."""
    import uvicorn

    from registry.api.app import create_app
    from registry.config import get_settings

    settings = get_settings()
    app = create_app(settings)
    uvicorn.run(
        app,
        host=host or settings.host,
        port=port or settings.port,
        log_level="info",
        # Client addresses (rate limits, logs) come from X-Forwarded-For only when it is sent by a
        # proxy the operator named; anyone else could write any address there.
        proxy_headers=bool(settings.trusted_proxies.strip()),
        forwarded_allow_ips=settings.trusted_proxies.strip() or None,
    )
