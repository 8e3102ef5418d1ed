"""Releases recorded in the catalogue, on SQLite and on PostgreSQL: one transaction (row, first status,
artifacts, audit entry, files), refused when the version exists (even fifty times at once), nothing
left behind by a failure; the resolver follows statuses; lifecycle headers for ended releases."""

from __future__ import annotations

import json
import shutil
import threading
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from registry.api.lifecycle import lifecycle_headers
from registry.catalog.artifacts import ArtifactStore, file_sha256
from registry.catalog.audit import audit_entries
from registry.catalog.db import Database, upgrade
from registry.catalog.governance import change_status
from registry.catalog.models import ArtifactRow, AuditEntry, Base, ReleaseRow, StatusChangeRow
from registry.catalog.releases import Release, ReleaseCatalog
from registry.errors import ConflictError, InputError, NotFoundError, SocleError
from tests.catalog.test_db import engine  # noqa: F401  (the fixture, on every backend)

ACTOR = "editor@example.org"


@pytest.fixture()
def database(engine: Engine) -> Database:  # noqa: F811
    """A migrated catalogue database on each backend."""
    upgrade(engine)
    return Database(engine)


@pytest.fixture()
def releases(database: Database, tmp_path: Path) -> ReleaseCatalog:
    """An empty catalogue over a fresh data directory."""
    return ReleaseCatalog(database, tmp_path / "data")


def bundle_at(bundle: Path, where: Path, version: str) -> Path:
    """A copy of a built bundle that declares ``version`` (the catalogue reads the version from the
    manifest only)."""
    target = where / f"bundle-{bundle.parent.name}-{version}"
    if not target.exists():
        shutil.copytree(bundle, target)
        manifest = json.loads((target / "manifest.json").read_text("utf-8"))
        manifest["version"] = version
        (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return target


def publish(
    releases: ReleaseCatalog, bundles: dict[str, Path], tmp_path: Path, version: str, status: str
) -> Release:
    bundle = bundle_at(bundles["lighting"], tmp_path, version)
    return releases.record(bundle, status=status, actor=ACTOR, reason=f"lighting {version}")


def count(db: Database, table: type[Base]) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def counts(db: Database) -> dict[str, int]:
    return {t.__tablename__: count(db, t) for t in (ReleaseRow, StatusChangeRow, ArtifactRow, AuditEntry)}


def files_under(root: Path) -> dict[str, int]:
    """Every path under ``root`` with its inode (what a write would change)."""
    return {str(p.relative_to(root)): p.stat().st_ino for p in sorted(root.rglob("*"))}


def test_a_recorded_release_is_found_resolved_listed_and_has_its_history(
    releases: ReleaseCatalog, bundles: dict[str, Path]
) -> None:
    bundle = bundles["lighting"]
    made = releases.record(
        bundle, status="candidate", actor=ACTOR, reason="first release", extra={"notes.txt": b"hello\n"}
    )
    found = releases.find("lighting", "1.0.0")
    assert found == made
    assert found is not None and found.status == "candidate" and found.created_by == ACTOR
    assert releases.resolve("lighting") == made
    assert releases.resolve("lighting@1.0.0") == made
    assert releases.releases("lighting") == [made]
    assert releases.releases() == [made]
    assert releases.domains() == ["lighting"]
    assert releases.find("lighting", "9.9.9") is None

    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    names = {a["name"] for a in manifest["artifacts"]}
    assert set(made.artifacts) == names | {"notes.txt"}
    for name in names:
        assert made.artifact_path(name).read_bytes() == (bundle / name).read_bytes()
        assert made.artifacts[name]["sha256"] == file_sha256(bundle / name)
    assert made.artifact_path("notes.txt").read_bytes() == b"hello\n"
    assert made.imports == manifest["imports"]
    assert releases.store.digests() == {a["sha256"] for a in made.artifacts.values()}

    [change] = releases.status_history("lighting", "1.0.0")
    assert (change.from_status, change.to_status, change.actor, change.reason) == (
        None,
        "candidate",
        ACTOR,
        "first release",
    )
    [entry] = audit_entries(releases.db)
    assert (entry.actor, entry.action, entry.target) == (ACTOR, "release.publish", "lighting@1.0.0")
    assert counts(releases.db) == {
        "releases": 1,
        "status_changes": 1,
        "artifacts": len(names) + 1,
        "audit_log": 1,
    }


def test_recording_a_published_version_again_is_a_conflict_and_changes_nothing(
    releases: ReleaseCatalog, bundles: dict[str, Path]
) -> None:
    releases.record(bundles["lighting"], status="candidate", actor=ACTOR, reason="first release")
    before = (counts(releases.db), files_under(releases.data_dir), releases.find("lighting", "1.0.0"))
    with pytest.raises(ConflictError, match=r"lighting 1\.0\.0 is already published"):
        releases.record(
            bundles["lighting"],
            status="standard",
            actor="someone else",
            reason="again",
            extra={"other.txt": b"other"},
        )
    after = (counts(releases.db), files_under(releases.data_dir), releases.find("lighting", "1.0.0"))
    assert after == before
    assert releases.status_history("lighting", "1.0.0")[-1].to_status == "candidate"


def test_an_unknown_status_is_refused_before_anything_is_written(
    releases: ReleaseCatalog, bundles: dict[str, Path]
) -> None:
    with pytest.raises(InputError, match="'adopted' is not a release status"):
        releases.record(bundles["lighting"], status="adopted", actor=ACTOR, reason="first release")
    assert counts(releases.db) == {"releases": 0, "status_changes": 0, "artifacts": 0, "audit_log": 0}
    assert sorted(releases.data_dir.rglob("*")) == []


def test_fifty_concurrent_records_of_one_version_publish_it_once(
    releases: ReleaseCatalog, bundles: dict[str, Path]
) -> None:
    outcomes: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(50)

    def record(number: int) -> None:
        start.wait()
        try:
            releases.record(bundles["lighting"], status="candidate", actor=f"editor-{number}", reason="race")
            outcome = "published"
        except ConflictError:
            outcome = "conflict"
        except Exception as error:
            outcome = f"{type(error).__name__}: {error}"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=record, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert Counter(outcomes) == {"published": 1, "conflict": 49}

    release = releases.find("lighting", "1.0.0")
    assert release is not None
    assert releases.store.digests() == {a["sha256"] for a in release.artifacts.values()}
    assert sorted(p.name for p in (releases.data_dir / "releases").rglob("*") if p.is_dir()) == [
        "1.0.0",
        "lighting",
    ]
    assert not [p for p in releases.store.root.rglob(".incoming-*")]
    for name, artifact in release.artifacts.items():
        assert file_sha256(release.artifact_path(name)) == artifact["sha256"]
    winner = release.created_by
    assert [(e.actor, e.action) for e in audit_entries(releases.db)] == [(winner, "release.publish")]
    assert counts(releases.db)["releases"] == 1
    assert counts(releases.db)["status_changes"] == 1
    assert counts(releases.db)["artifacts"] == len(release.artifacts)


def test_a_failure_in_the_middle_of_a_record_leaves_nothing(
    releases: ReleaseCatalog, bundles: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    put = ArtifactStore.put
    calls: list[Path] = []

    def failing_put(store: ArtifactStore, source: Path, sha256: str | None = None) -> str:
        calls.append(source)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return put(store, source, sha256)

    monkeypatch.setattr(releases.store, "put", failing_put.__get__(releases.store))
    with pytest.raises(OSError, match="No space left"):
        releases.record(bundles["lighting"], status="candidate", actor=ACTOR, reason="first release")
    assert len(calls) == 3
    assert releases.find("lighting", "1.0.0") is None
    assert counts(releases.db) == {"releases": 0, "status_changes": 0, "artifacts": 0, "audit_log": 0}
    assert audit_entries(releases.db) == []
    assert sorted(releases.releases_root.rglob("*")) == []  # no release directory, no staging one

    monkeypatch.undo()
    again = releases.record(bundles["lighting"], status="candidate", actor=ACTOR, reason="second try")
    assert releases.find("lighting", "1.0.0") == again


@pytest.mark.parametrize(
    ("published", "current"),
    [
        pytest.param(
            [("1.0.0", "standard"), ("1.1.0", "candidate")], "1.0.0", id="standard-beats-later-candidate"
        ),
        pytest.param([("1.0.0", "candidate"), ("1.1.0", "candidate")], "1.1.0", id="latest-candidate"),
        pytest.param(
            [("2.0.0", "candidate"), ("1.1.0", "standard"), ("1.0.0", "standard")],
            "1.1.0",
            id="latest-standard",
        ),
        pytest.param(
            [("1.9.0", "candidate"), ("1.10.0", "candidate")], "1.10.0", id="versions-sort-as-numbers"
        ),
        pytest.param(
            [("1.0.0", "candidate"), ("2.0.0", "deprecated"), ("3.0.0", "retired"), ("4.0.0", "draft")],
            "1.0.0",
            id="ended-and-draft-never-current",
        ),
    ],
)
def test_resolve_follows_statuses(
    releases: ReleaseCatalog,
    bundles: dict[str, Path],
    tmp_path: Path,
    published: list[tuple[str, str]],
    current: str,
) -> None:
    for version, status in published:
        publish(releases, bundles, tmp_path, version, status)
    assert releases.resolve("lighting").version == current
    for version, status in published:
        exact = releases.resolve(f"lighting@{version}")
        assert (exact.version, exact.status) == (version, status)
        assert exact.artifact_path("shapes.ttl").is_file()


def test_a_standard_with_only_ended_or_draft_releases_has_no_current_version_but_each_resolves(
    releases: ReleaseCatalog, bundles: dict[str, Path], tmp_path: Path
) -> None:
    for version, status in [("1.0.0", "deprecated"), ("2.0.0", "retired"), ("3.0.0", "draft")]:
        publish(releases, bundles, tmp_path, version, status)
    with pytest.raises(NotFoundError, match="no adopted or candidate release"):
        releases.resolve("lighting")
    assert [releases.resolve(f"lighting@{v}").status for v in ("1.0.0", "2.0.0", "3.0.0")] == [
        "deprecated",
        "retired",
        "draft",
    ]
    with pytest.raises(NotFoundError, match=r"no version 1\.5\.0"):
        releases.resolve("lighting@1.5.0")
    with pytest.raises(NotFoundError, match="no standard named 'waste'"):
        releases.resolve("waste")


def test_lifecycle_headers_give_the_deprecation_time_and_the_successor(
    releases: ReleaseCatalog, bundles: dict[str, Path], tmp_path: Path
) -> None:
    old = publish(releases, bundles, tmp_path, "1.0.0", "standard")
    assert lifecycle_headers(releases, old) == {}
    deprecated = change_status(releases, "lighting", "1.0.0", "deprecated", actor="admin", reason="replaced")
    old = releases.resolve("lighting@1.0.0")
    when = f"@{int(deprecated.changed_at.timestamp())}"
    assert lifecycle_headers(releases, old) == {"Deprecation": when}  # nothing newer to point to yet

    new = publish(releases, bundles, tmp_path, "2.0.0", "candidate")
    assert lifecycle_headers(releases, new) == {}
    assert lifecycle_headers(releases, old) == {
        "Deprecation": when,
        "Link": '</def/lighting/2.0.0>; rel="successor-version"',
    }
    change_status(releases, "lighting", "1.0.0", "retired", actor="admin", reason="no longer used")
    retired = releases.resolve("lighting@1.0.0")
    assert lifecycle_headers(releases, retired) == {
        "Deprecation": when,  # still when it was deprecated, not when it was retired
        "Link": '</def/lighting/2.0.0>; rel="successor-version"',
    }


def test_release_directories_lost_in_a_restore_are_written_again_from_the_catalogue(
    releases: ReleaseCatalog, bundles: dict[str, Path], tmp_path: Path
) -> None:
    made = publish(releases, bundles, tmp_path, "1.0.0", "candidate")
    kept = publish(releases, bundles, tmp_path, "1.1.0", "candidate")
    manifest = (made.directory / "manifest.json").read_text("utf-8")
    kept_files = files_under(kept.directory)
    shutil.rmtree(made.directory)

    assert releases.restore_directories() == [made]
    assert (made.directory / "manifest.json").read_text("utf-8") == manifest
    restored = releases.find("lighting", "1.0.0")
    assert restored is not None
    for name, artifact in restored.artifacts.items():
        assert file_sha256(restored.artifact_path(name)) == artifact["sha256"]
    assert files_under(kept.directory) == kept_files, "an intact directory is left alone"
    assert releases.restore_directories() == []


def test_a_restore_without_the_artifact_store_names_the_missing_file(
    releases: ReleaseCatalog, bundles: dict[str, Path], tmp_path: Path
) -> None:
    made = publish(releases, bundles, tmp_path, "1.0.0", "candidate")
    shutil.rmtree(made.directory)
    shutil.rmtree(releases.store.root)
    with pytest.raises(SocleError, match=r"lighting@1\.0\.0: .* is not in the artifact store"):
        releases.restore_directories()
