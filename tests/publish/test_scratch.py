"""Scratch directories of release builds that never finished are removed, young ones are kept."""

from __future__ import annotations

import os
import time
from pathlib import Path

from registry.config import Settings
from registry.publish.releasing.publish import SCRATCH, prune_scratch, scratch_directory


def test_only_scratch_directories_older_than_the_limit_are_removed(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    old = scratch_directory(settings, "lighting", "2.0.0")
    (old / "bundle.ttl").write_text("left over", encoding="utf-8")
    young = scratch_directory(settings, "lighting", "2.1.0")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))

    removed = prune_scratch(settings, older_than_s=600)

    assert removed == [old]
    assert not old.exists()
    assert young.is_dir()
    assert sorted(p.name for p in (settings.data_dir / SCRATCH).iterdir()) == [young.name]


def test_nothing_to_prune_in_a_fresh_data_directory(tmp_path: Path) -> None:
    assert prune_scratch(Settings(data_dir=tmp_path / "data"), older_than_s=0) == []
