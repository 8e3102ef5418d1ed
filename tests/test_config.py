"""Settings: read from SOCLE_* variables, unsafe values refused at start-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from registry.config import Settings


def test_environment_sets_the_data_dir_and_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOCLE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SOCLE_PORT", "8123")
    settings = Settings()
    assert settings.data_dir == tmp_path
    assert settings.port == 8123
    assert settings.effective_database_url == f"sqlite:///{tmp_path.resolve() / 'catalog.sqlite3'}"
    monkeypatch.setenv("SOCLE_DATABASE_URL", "postgresql://socle@localhost/socle")
    assert Settings().effective_database_url == "postgresql://socle@localhost/socle"


@pytest.mark.parametrize("base", ["ftp://x/", "https://w3id.org/socle", "socle/"])
def test_base_uri_must_be_http_and_end_with_a_slash(base: str) -> None:
    with pytest.raises(ValidationError, match="base_uri"):
        Settings(base_uri=base)
