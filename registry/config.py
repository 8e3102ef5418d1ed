"""One Settings object for the whole registry, read from ``SOCLE_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The repository root (``vocab/``, ``shapes/``, ``examples/`` live here).
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Runtime configuration, validated at start-up.

    ``data_dir`` holds the SQLite catalogue, the artifact store and job files; ``database_url``
    overrides the catalogue database (PostgreSQL in production).
    """

    model_config = SettingsConfigDict(env_prefix="SOCLE_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Catalogue, artifacts and job files.")
    database_url: str | None = Field(default=None, description="Overrides the SQLite catalogue.")
    base_uri: str = Field(
        default="https://w3id.org/socle/",
        description="Base of every published IRI (terms, versions, artifacts).",
    )
    vocab_dir: Path = Field(default=PROJECT_ROOT / "vocab", description="LinkML modules.")
    shapes_dir: Path = Field(default=PROJECT_ROOT / "shapes", description="Committed SHACL.")
    examples_dir: Path = Field(default=PROJECT_ROOT / "examples", description="Example datasets.")
    build_dir: Path = Field(default=PROJECT_ROOT / "build", description="Built artifacts.")
    allowed_namespaces: list[str] = Field(
        default_factory=list,
        description="Namespaces a released module may declare terms in, beside {base_uri}def/.",
    )
    rate_limit: str = Field(
        default="120/minute",
        description="Costly requests (POST, /sparql, /search) per client address; empty turns it off.",
    )
    trusted_proxies: str = Field(
        default="",
        description="Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed.",
    )
    host: str = Field(default="127.0.0.1", description="Address the HTTP service binds.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port the HTTP service binds.")
    max_upload_bytes: int = Field(default=50 * 1024 * 1024, gt=0, description="Largest upload accepted.")
    validation_timeout_s: float = Field(default=60.0, gt=0, description="Hard time limit of one validation.")
    validation_workers: int = Field(default=2, ge=1, le=64, description="Warm validation worker processes.")
    validation_queue: int = Field(default=8, ge=0, description="Validations that may wait for a worker.")
    worker_memory_mb: int | None = Field(default=None, ge=64, description="Address-space cap per worker.")
    sync_max_bytes: int = Field(
        default=2 * 1024 * 1024, gt=0, description="Larger inputs are validated as asynchronous jobs."
    )
    job_timeout_s: float = Field(default=1800.0, gt=0, description="Hard time limit of one validation job.")
    job_retention_s: float = Field(default=7 * 24 * 3600, gt=0, description="How long job results are kept.")

    @field_validator("base_uri")
    @classmethod
    def _base_uri_ends_with_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")) or not value.endswith("/"):
            raise ValueError("base_uri must be an http(s) IRI ending with '/'")
        return value

    @property
    def effective_database_url(self) -> str:
        """The database URL: ``database_url`` if set, else SQLite in ``data_dir``."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'catalog.sqlite3').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once from the environment)."""
    return Settings()
