"""Building a planned release in a directory of its own, checking it, and comparing it with the
previous release: CPU work, written to run in a worker process (:func:`build_release` is a
module-level function of picklable arguments and result).

The directory holds exactly what the release is made of, laid out as the build expects::

    vocab/<domain>.yaml  vocab/core.yaml          the module, and the exact core it imports
    shapes/<module>/extra.ttl                     hand-written shapes (the domain's, core's)
    examples/                                     the examples, when there are any
    bundle/<domain>/<version>/                    the built bundle and its manifest
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from registry.build.bundle import build_bundle, extra_shapes_name
from registry.build.schema import DomainSchema
from registry.catalog.models import ReleaseStatus
from registry.errors import InputError, ReleaseRefusedError, SchemaError, SocleError
from registry.publish.changelog import changelog_document
from registry.publish.checks import check_release
from registry.publish.compatibility import Level, Verdict, compare, from_module, from_release
from registry.publish.releasing.archive import extract_examples
from registry.publish.releasing.plan import ReleasePlan

log = logging.getLogger("socle")

PUBLISHABLE_STATUSES = (ReleaseStatus.DRAFT.value, ReleaseStatus.CANDIDATE.value)
"""What a release may enter as: adopting, deprecating and retiring are an administrator's
transitions (``socle status``), never a side effect of publishing."""


@dataclass(frozen=True)
class PreparedRelease:
    """A built and checked release, not yet recorded: its bundle, every failed check, the verdict
    against the previous release and the changelog it will be published with."""

    domain: str
    version: str
    status: str
    workdir: Path
    bundle: Path
    checks: tuple[dict[str, Any], ...]
    """Failed checks (``check_release``'s, and the status), as ``CheckFailure.to_dict()``."""
    verdict: Verdict | None
    changelog: bytes
    imports: dict[str, str] = field(default_factory=dict)

    @property
    def previous(self) -> str | None:
        return self.verdict.old_version if self.verdict is not None else None

    @property
    def failures(self) -> list[dict[str, Any]]:
        """Every reason not to publish: each failed check, then each offending change."""
        found = list(self.checks)
        if self.verdict is not None:
            found += [compatibility_failure(change.to_dict()) for change in self.verdict.offending]
        return found

    @property
    def acceptable(self) -> bool:
        return not self.failures

    def refusal(self) -> ReleaseRefusedError | None:
        """The 422 this release gets, or ``None`` when it may be published."""
        failures = self.failures
        if not failures:
            return None
        parts = []
        if self.checks:
            parts.append(f"{len(self.checks)} check(s) failed")
        if self.verdict is not None and self.verdict.offending:
            parts.append(self.verdict.summary("en"))
        return ReleaseRefusedError(
            f"{self.domain} {self.version} is refused: " + "; ".join(parts),
            failures=failures,
            verdict=self.verdict.to_dict() if self.verdict is not None else None,
            hint=refusal_hint(self.verdict),
        )

    def discard(self) -> None:
        """Remove the build directory (once the release is recorded, or refused)."""
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> PreparedRelease:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.discard()


def compatibility_failure(change: dict[str, Any]) -> dict[str, Any]:
    """An offending change as a failure of the ``compatibility`` check."""
    return {
        "check": "compatibility",
        "element": change["element"],
        "level": change["level"],
        "message_fr": change["message_fr"],
        "message_en": change["message_en"],
    }


def smallest_version(old_version: str, required: Level) -> str:
    """The lowest version after ``old_version`` that a change of level ``required`` allows."""
    major, minor, patch = (int(p) for p in old_version.split("."))
    if required is Level.MAJOR:
        return f"{major + 1}.0.0"
    if required is Level.MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def refusal_hint(verdict: Verdict | None, lang: str = "en") -> str:
    """What to do about a refusal: the smallest version the changes allow, or fix the failures."""
    if verdict is not None and verdict.offending:
        version = smallest_version(verdict.old_version, verdict.required)
        if lang == "fr":
            return (
                f"Déclarez la version {version} ou plus, ou défaites les changements signalés par le "
                "contrôle de compatibilité."
            )
        return (
            f"Declare version {version} or higher, or undo the changes listed as failures of the "
            "compatibility check."
        )
    if lang == "fr":
        return (
            "Corrigez chaque échec signalé, puis publiez à nouveau "
            "(socle publish --dry-run les montre d'abord)."
        )
    return "Fix each failure listed, then publish again (socle publish --dry-run shows them first)."


def _status_failure(status: str) -> dict[str, Any]:
    return {
        "check": "status",
        "element": status,
        "message_fr": f"Une nouvelle version entre en « draft » ou « candidate », pas en « {status} » : "
        "l'adoption, la dépréciation et le retrait sont décidés par un administrateur (socle status).",
        "message_en": f"A new version enters as draft or candidate, not {status}: adoption, deprecation "
        "and retirement are an administrator's decisions (socle status).",
    }


def _materialise(plan: ReleasePlan, workdir: Path) -> tuple[Path, Path, Path | None]:
    """Write the release's sources into ``workdir``: its module path, shapes folder, examples folder."""
    vocab, shapes = workdir / "vocab", workdir / "shapes"
    vocab.mkdir(parents=True)
    shapes.mkdir()
    for module, release in plan.imports.items():
        for name in [*release.imports, module]:
            if (vocab / f"{name}.yaml").exists():
                continue
            shutil.copyfile(release.directory / f"{name}.yaml", vocab / f"{name}.yaml")
            extra = release.directory / extra_shapes_name(name)
            if extra.is_file():
                (shapes / name).mkdir()
                shutil.copyfile(extra, shapes / name / "extra.ttl")
    module_path = vocab / f"{plan.domain}.yaml"
    module_path.write_bytes(plan.module)
    if plan.shapes is not None:
        (shapes / plan.domain).mkdir()
        (shapes / plan.domain / "extra.ttl").write_bytes(plan.shapes)
    examples: Path | None = None
    if isinstance(plan.examples, bytes):
        examples = extract_examples(plan.examples, workdir / "examples")
    elif isinstance(plan.examples, Path) and plan.examples.is_file():  # a release's examples.zip
        examples = extract_examples(plan.examples.read_bytes(), workdir / "examples")
    elif isinstance(plan.examples, Path):
        examples = plan.examples
    return module_path, shapes, examples


def _load(module_path: Path, origin: str) -> DomainSchema:
    try:
        return DomainSchema(module_path)
    except SchemaError as error:
        raise InputError(
            error.detail.replace(module_path.name, origin, 1),
            hint="Check the module with socle diff or gen-linkml lint before publishing.",
        ) from None


def build_release(plan: ReleasePlan, workdir: Path) -> PreparedRelease:
    """Build, check and compare the release planned in ``plan`` inside ``workdir`` (empty or absent)."""
    module_path, shapes_dir, examples_dir = _materialise(plan, workdir)
    schema = _load(module_path, plan.origin)
    try:
        bundle = build_bundle(schema, shapes_dir, workdir / "bundle", examples_dir=examples_dir)
    except SocleError:
        raise
    except Exception as exc:  # LinkML's generators raise many types on a module they cannot build
        log.warning("%s %s could not be built", plan.domain, plan.version, exc_info=True)
        raise InputError(
            f"{plan.origin}: the module cannot be built: {type(exc).__name__}: {exc}"[:1000],
            hint="Check the module with socle diff against its previous version before publishing.",
        ) from None
    checks = [
        failure.to_dict()
        for failure in check_release(
            bundle,
            schema,
            examples_dir=examples_dir,
            base_uri=plan.base_uri,
            allowed_namespaces=plan.allowed_namespaces,
        )
    ]
    if plan.header.status not in PUBLISHABLE_STATUSES:
        checks.append(_status_failure(plan.header.status))
    verdict = None
    if plan.previous is not None:
        verdict = compare(from_release(plan.previous), from_module(module_path, shapes_dir))
    changelog = changelog_document(
        plan.domain, plan.version, plan.previous.version if plan.previous else None, verdict
    )
    return PreparedRelease(
        domain=plan.domain,
        version=plan.version,
        status=plan.header.status,
        workdir=workdir,
        bundle=bundle,
        checks=tuple(checks),
        verdict=verdict,
        changelog=changelog,
        imports={module: release.version for module, release in plan.imports.items()},
    )
