"""Releasing a version: prepared, checked and compared, then recorded whole, or refused with every
reason and nothing recorded; on SQLite and on PostgreSQL (``SOCLE_TEST_DATABASE_URL``)."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from registry.build.bundle import examples_archive
from registry.catalog.audit import audit_entries
from registry.catalog.releases import ReleaseCatalog
from registry.config import PROJECT_ROOT, Settings
from registry.errors import ConflictError, InputError, ReleaseRefusedError, UnsafeInputError
from registry.publish.checks import CheckFailure
from registry.publish.releasing import (
    ArchiveLimits,
    ReleaseSources,
    extract_examples,
    module_header,
    prepare_release,
    publish_release,
    sources_from_disk,
    sources_from_upload,
)
from tests.publish.releasing_helpers import (
    BACKENDS,
    adds_optional_slot,
    fresh_catalog,
    removes_mercury_vapour,
    store_files,
    variant,
)

SHAPES = PROJECT_ROOT / "shapes"
EXAMPLES = PROJECT_ROOT / "examples" / "lighting"
MERCURY = "lighting:LampTechnology/mercury_vapour"


@pytest.fixture(params=BACKENDS)
def published(
    request: pytest.FixtureRequest, tmp_path: Path, bundles: dict[str, Path]
) -> tuple[ReleaseCatalog, Settings]:
    """A fresh catalogue holding the five first releases, on each backend."""
    return fresh_catalog(request.param, tmp_path / "data", bundles)


def _disk(path: Path) -> ReleaseSources:
    return sources_from_disk(path, shapes_dir=SHAPES, examples_dir=EXAMPLES)


def test_a_removed_value_declared_as_minor_is_refused_naming_it_and_nothing_is_recorded(
    published: tuple[ReleaseCatalog, Settings], tmp_path: Path
) -> None:
    catalog, settings = published
    files_before = store_files(settings.data_dir)
    audit_before = len(audit_entries(catalog.db))
    path = variant(tmp_path / "v", "1.1.0", removes_mercury_vapour)
    with prepare_release(_disk(path), catalog, settings) as prepared:
        assert not prepared.acceptable
        assert prepared.checks == ()
        with pytest.raises(ReleaseRefusedError) as refused:
            publish_release(prepared, catalog, "editor@example.org")
    error = refused.value
    assert error.status == 422
    assert [(f["check"], f["element"]) for f in error.failures] == [("compatibility", MERCURY)]
    assert "mercury_vapour" in str(error.failures[0]["message_en"])
    assert "mercury_vapour" in str(error.failures[0]["message_fr"])
    assert error.verdict is not None and error.verdict["acceptable"] is False
    assert error.verdict["required"] == "major" and error.verdict["declared"] == "minor"
    assert error.hint is not None and "2.0.0" in error.hint
    assert catalog.find("lighting", "1.1.0") is None
    assert not (settings.data_dir / "releases" / "lighting" / "1.1.0").exists()
    assert store_files(settings.data_dir) == files_before
    assert len(audit_entries(catalog.db)) == audit_before
    assert list((settings.data_dir / "publishing").iterdir()) == []


def test_declared_as_major_it_is_published_whole_with_its_sources(
    published: tuple[ReleaseCatalog, Settings], tmp_path: Path
) -> None:
    catalog, settings = published
    files_before = store_files(settings.data_dir)
    path = variant(tmp_path / "v", "2.0.0", removes_mercury_vapour)
    with prepare_release(_disk(path), catalog, settings) as prepared:
        assert prepared.acceptable and prepared.failures == []
        release = publish_release(prepared, catalog, "editor@example.org")
    assert (release.domain, release.version, release.status) == ("lighting", "2.0.0", "candidate")
    assert catalog.find("lighting", "2.0.0") == release
    assert release.imports == {"core": "1.0.0"}
    # the sources travel with the release
    assert release.artifact_path("lighting.yaml").read_bytes() == path.read_bytes()
    assert release.artifact_path("core.yaml").read_bytes() == (PROJECT_ROOT / "vocab/core.yaml").read_bytes()
    assert (
        release.artifact_path("extra-lighting.ttl").read_bytes()
        == (SHAPES / "lighting/extra.ttl").read_bytes()
    )
    assert release.artifact_path("examples.zip").read_bytes() == examples_archive(EXAMPLES)
    # the changelog and the audit entry
    changelog = json.loads(release.artifact_path("changelog.json").read_text("utf-8"))
    assert changelog["previous"] == "1.0.0"
    assert [c["element"] for c in changelog["verdict"]["changes"]] == [MERCURY]
    entry = audit_entries(catalog.db, action="release.publish")[0]
    assert (entry.actor, entry.target) == ("editor@example.org", "lighting@2.0.0")
    assert entry.detail is not None and entry.detail["previous"] == "1.0.0"
    assert entry.detail["required"] == "major" and entry.detail["imports"] == {"core": "1.0.0"}
    history = catalog.status_history("lighting", "2.0.0")
    assert [(h.from_status, h.to_status, h.actor) for h in history] == [
        (None, "candidate", "editor@example.org")
    ]
    # exactly the new files were added to the store, and the release directory holds them all
    added = store_files(settings.data_dir) - files_before
    assert added == {a["sha256"] for a in release.artifacts.values()} - files_before
    assert sorted(p.name for p in release.directory.iterdir()) == sorted(
        [*release.artifacts, "manifest.json"]
    )


def test_a_dry_run_gives_the_verdict_and_records_nothing(
    published: tuple[ReleaseCatalog, Settings], tmp_path: Path
) -> None:
    catalog, settings = published
    path = variant(tmp_path / "v", "1.1.0", adds_optional_slot)
    with prepare_release(_disk(path), catalog, settings) as prepared:
        assert prepared.acceptable
        assert prepared.verdict is not None and prepared.verdict.required.value == "minor"
        workdir = prepared.workdir
        assert (prepared.bundle / "manifest.json").is_file()
    assert not workdir.exists()
    assert catalog.find("lighting", "1.1.0") is None


def test_an_existing_version_is_a_conflict_found_before_building(
    published: tuple[ReleaseCatalog, Settings],
) -> None:
    catalog, settings = published
    with pytest.raises(ConflictError, match=r"lighting 1\.0\.0 is already published"):
        prepare_release(_disk(PROJECT_ROOT / "vocab/lighting.yaml"), catalog, settings)
    assert not (settings.data_dir / "publishing").exists()


def test_the_core_beside_the_module_must_be_published_exactly(
    published: tuple[ReleaseCatalog, Settings], tmp_path: Path
) -> None:
    catalog, settings = published
    path = variant(tmp_path / "changed", "1.1.0", adds_optional_slot)
    core = path.parent / "core.yaml"
    core.write_text(core.read_text("utf-8").replace("title:", "title: changé", 1), "utf-8")
    with pytest.raises(ReleaseRefusedError) as refused:
        prepare_release(_disk(path), catalog, settings)
    assert [(f["check"], f["element"]) for f in refused.value.failures] == [("imports", "core@1.0.0")]
    assert "differs from the published core 1.0.0" in str(refused.value.failures[0]["message_en"])

    newer = variant(tmp_path / "newer", "1.1.0", adds_optional_slot)
    core = newer.parent / "core.yaml"
    core.write_text(core.read_text("utf-8").replace("version: 1.0.0", "version: 1.1.0", 1), "utf-8")
    with pytest.raises(ReleaseRefusedError) as refused:
        prepare_release(_disk(newer), catalog, settings)
    assert [(f["check"], f["element"]) for f in refused.value.failures] == [("imports", "core@1.1.0")]
    assert "core 1.1.0" in str(refused.value.failures[0]["message_en"])
    assert "not published" in str(refused.value.failures[0]["message_en"])
    assert catalog.find("lighting", "1.1.0") is None


def test_an_upload_reuses_the_previous_shapes_examples_and_core(
    published: tuple[ReleaseCatalog, Settings], tmp_path: Path
) -> None:
    catalog, settings = published
    previous = catalog.find("lighting", "1.0.0")
    assert previous is not None
    module = variant(tmp_path / "v", "1.1.0", adds_optional_slot).read_bytes()
    with prepare_release(sources_from_upload(module), catalog, settings) as prepared:
        release = publish_release(prepared, catalog, "editor")
    assert release.imports == previous.imports
    for name in ("extra-lighting.ttl", "examples.zip", "core.yaml"):
        assert release.artifacts[name]["sha256"] == previous.artifacts[name]["sha256"], name


def test_an_upload_imports_the_core_version_asked_for(
    published: tuple[ReleaseCatalog, Settings], tmp_path: Path
) -> None:
    catalog, settings = published
    module = variant(tmp_path / "v", "1.1.0", adds_optional_slot).read_bytes()
    with pytest.raises(ReleaseRefusedError) as refused:
        prepare_release(sources_from_upload(module, core="9.9.9"), catalog, settings)
    assert [(f["check"], f["element"]) for f in refused.value.failures] == [("imports", "core@9.9.9")]
    assert "published versions: 1.0.0" in str(refused.value.failures[0]["message_en"])


def test_uploaded_shapes_and_examples_are_the_release_s(
    published: tuple[ReleaseCatalog, Settings], tmp_path: Path
) -> None:
    catalog, settings = published
    module = variant(tmp_path / "v", "1.1.0", adds_optional_slot).read_bytes()
    shapes = (SHAPES / "lighting/extra.ttl").read_bytes() + b"\n# reviewed\n"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:  # zipped with its folder, in any order
        z.writestr(
            "lighting/valid/Streetlight-park-inventory.yaml",
            (EXAMPLES / "valid/Streetlight-park-inventory.yaml").read_bytes(),
        )
    sources = sources_from_upload(module, shapes=shapes, examples=archive.getvalue())
    with prepare_release(sources, catalog, settings) as prepared:
        release = publish_release(prepared, catalog, "editor")
    assert release.artifact_path("extra-lighting.ttl").read_bytes() == shapes
    with zipfile.ZipFile(release.artifact_path("examples.zip")) as z:
        assert z.namelist() == ["valid/Streetlight-park-inventory.yaml"]
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("status", ["standard", "retired"])
def test_a_module_cannot_enter_adopted_or_retired(
    published: tuple[ReleaseCatalog, Settings], tmp_path: Path, status: str
) -> None:
    catalog, settings = published
    path = variant(
        tmp_path / "v",
        "1.1.0",
        lambda t: adds_optional_slot(t).replace("status: candidate", f"status: {status}", 1),
    )
    with prepare_release(_disk(path), catalog, settings) as prepared:
        assert [(f["check"], f["element"]) for f in prepared.failures] == [("status", status)]
        with pytest.raises(ReleaseRefusedError):
            publish_release(prepared, catalog, "editor")


def test_a_module_without_a_status_enters_as_draft(
    published: tuple[ReleaseCatalog, Settings], tmp_path: Path
) -> None:
    catalog, settings = published
    path = variant(
        tmp_path / "v", "1.1.0", lambda t: adds_optional_slot(t).replace("  status: candidate\n", "", 1)
    )
    with prepare_release(_disk(path), catalog, settings) as prepared:
        release = publish_release(prepared, catalog, "editor")
    assert release.status == "draft"
    assert catalog.resolve("lighting").version == "1.0.0"  # a draft is not current


def test_every_failed_check_is_listed_with_the_offending_changes(
    published: tuple[ReleaseCatalog, Settings], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog, settings = published
    seen: dict[str, object] = {}

    def failing(bundle: Path, schema: object, **options: object) -> list[CheckFailure]:
        seen.update(options, built=(bundle / "manifest.json").is_file())
        return [
            CheckFailure("pattern", "motif dangereux", "dangerous pattern", "lighting:Streetlight.identifier")
        ]

    monkeypatch.setattr("registry.publish.releasing.build.check_release", failing)
    path = variant(tmp_path / "v", "1.1.0", removes_mercury_vapour)
    with prepare_release(_disk(path), catalog, settings) as prepared:
        refusal = prepared.refusal()
    assert refusal is not None
    assert [(f["check"], f["element"]) for f in refusal.failures] == [
        ("pattern", "lighting:Streetlight.identifier"),
        ("compatibility", MERCURY),
    ]
    assert seen["base_uri"] == settings.base_uri
    assert seen["examples_dir"] == EXAMPLES
    assert seen["built"] is True


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (lambda t: t.replace("  - core\n", "  - ../../etc/passwd\n", 1), "neither linkml:types nor"),
        (
            lambda t: t.replace("  - core\n", "  - https://example.org/evil.yaml\n", 1),
            "neither linkml:types nor",
        ),
        (lambda t: t.replace("version: 1.1.0", "version: 1.1", 1), "not a semantic version"),
        (lambda t: t.replace("name: lighting", "name: Lighting Module", 1), "not a standard's name"),
        (lambda t: t.replace("status: candidate", "status: adopted", 1), "not a status"),
        (lambda t: "name: [unclosed\n", "not valid YAML"),
    ],
)
def test_unusable_modules_are_input_errors(tmp_path: Path, edit: object, needle: str) -> None:
    text = variant(tmp_path / "v", "1.1.0").read_text("utf-8")
    with pytest.raises(InputError, match=needle):
        module_header(edit(text).encode("utf-8"), "the uploaded module")  # type: ignore[operator]


def _zip(entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def _link(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    return info


@pytest.mark.parametrize(
    ("archive", "error", "needle"),
    [
        (_zip([("../outside.yaml", b"x")]), UnsafeInputError, "outside its folder"),
        (_zip([("valid/../../outside.yaml", b"x")]), UnsafeInputError, "outside its folder"),
        (_zip([("/etc/cron.d/x", b"x")]), UnsafeInputError, "absolute"),
        (_zip([("C:/x.yaml", b"x")]), UnsafeInputError, "absolute"),
        (_zip([("valid\\x.yaml", b"x")]), UnsafeInputError, "unusual name"),
        (_zip([(_link("valid/link.yaml"), b"/etc/passwd")]), UnsafeInputError, "a link"),
        (_zip([("valid/a.yaml", b"x"), ("valid/A.yaml", b"y")]), UnsafeInputError, "twice"),
        (_zip([("valid", b"x"), ("valid/a.yaml", b"y")]), UnsafeInputError, "both a file and a folder"),
        (_zip([(f"valid/{i}.yaml", b"x") for i in range(11)]), UnsafeInputError, "11 entries"),
        (_zip([("valid/bomb.yaml", b"\0" * 3000)]), UnsafeInputError, "expands beyond 2,000 bytes"),
        (
            _zip([(f"valid/{i}.yaml", b"\0" * 1500) for i in range(3)]),
            UnsafeInputError,
            "expands beyond 4,000",
        ),
        (b"PK\x03\x04 not really a zip", InputError, "not a readable zip archive"),
    ],
)
def test_hostile_examples_archives_are_refused(
    tmp_path: Path, archive: bytes, error: type[Exception], needle: str
) -> None:
    limits = ArchiveLimits(max_entries=10, max_file_bytes=2000, max_total_bytes=4000)
    with pytest.raises(error, match=needle):
        extract_examples(archive, tmp_path / "x", limits)
    assert not (tmp_path / "outside.yaml").exists()


def test_an_examples_archive_unpacks_with_or_without_its_folder(tmp_path: Path) -> None:
    flat = extract_examples(_zip([("valid/a.yaml", b"a"), ("invalid/b.yaml", b"b")]), tmp_path / "flat")
    assert flat == tmp_path / "flat" and (flat / "invalid/b.yaml").read_bytes() == b"b"
    nested = extract_examples(_zip([("lighting/valid/a.yaml", b"a")]), tmp_path / "nested")
    assert nested == tmp_path / "nested" / "lighting" and (nested / "valid/a.yaml").read_bytes() == b"a"


def test_the_examples_archive_is_deterministic(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yaml"):
        (tmp_path / "one" / "valid").mkdir(parents=True, exist_ok=True)
        (tmp_path / "one" / "valid" / name).write_text(name)
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / "two" / "valid").mkdir(parents=True, exist_ok=True)
        (tmp_path / "two" / "valid" / name).write_text(name)
    (tmp_path / "two" / ".hidden").write_text("left out")
    for path in (tmp_path / "two" / "valid").iterdir():
        os.utime(path, (1_700_000_000, 1_700_000_000))
    first, second = examples_archive(tmp_path / "one"), examples_archive(tmp_path / "two")
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == ["valid/a.yaml", "valid/b.yaml"]
