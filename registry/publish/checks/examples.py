"""Release check ``examples``: the release's own examples give, against the built bundle, the results
their sources state.

``examples_dir`` is laid out like ``examples/<domain>/`` (examples/README.md): ``valid/`` and
``invalid/`` hold one YAML source per case; hand-made files sit beside a ``<name>.expected.yaml``
sidecar. Each case is checked once, in-process, with :func:`check_dataset` against the bundle (its
shapes, context and LinkML module), from its records as JSON (the derived formats are the build's
business, tested elsewhere): a valid case gives no Violation, and exactly its ``expected`` results
when it lists some; an invalid case gives exactly its ``expected`` results when it lists them, else
at least one Violation. A hand-made file gives exactly its sidecar's results.

A release without examples (``examples_dir`` is ``None`` or does not exist) passes this check.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from registry.build.examples import ExpectedResult, read_case, resolve_expected
from registry.build.schema import DomainSchema
from registry.catalog.releases import Release
from registry.errors import SocleError
from registry.ingest.model import DEFAULT_BASE, IngestOptions, InputFile, InputFormat
from registry.publish.checks import CheckFailure
from registry.validate.dataset import check_dataset, release_schema
from registry.validate.report import Severity, ValidationResult

CHECK = "examples"
SHOWN = 5
"""Results named in one failure's message, at most."""

Key = tuple[str, str | None, str, str]


@dataclass(frozen=True)
class _Bundle(Release):
    """The bundle as a draft release, keyed also by its manifest's digest: the validation caches
    (keyed by release) never serve a bundle rebuilt in place from an earlier read."""

    manifest_digest: str = ""


@dataclass(frozen=True)
class _Case:
    """One example to check: its file, how to read it, and what it must give."""

    source: Path
    data: InputFile | None
    options: IngestOptions
    valid: bool
    expected: list[dict[str, Any]] | None
    """The stated results (``None``: the source states none)."""
    problem: tuple[str, str] | None = None
    """Why the case cannot be checked at all (French, English), instead of ``data``."""


def check_examples(bundle: Path, schema: DomainSchema, examples_dir: Path | None) -> list[CheckFailure]:
    """Every example of ``examples_dir`` that does not give, against ``bundle``, what it states."""
    if examples_dir is None or not examples_dir.is_dir():
        return []
    digest = hashlib.sha256((bundle / "manifest.json").read_bytes()).hexdigest()
    release = _Bundle(schema.name, schema.version, status="draft", directory=bundle, manifest_digest=digest)
    failures = []
    for case in _cases(examples_dir, schema.name):
        failures += _check_case(case, release, examples_dir)
    return failures


def _cases(examples_dir: Path, domain: str) -> Iterator[_Case]:
    for kind in ("valid", "invalid"):
        for source in sorted((examples_dir / kind).glob("*.yaml")):
            if not source.name.endswith(".expected.yaml"):
                yield _source_case(domain, source)
    for sidecar in sorted(examples_dir.glob("**/*.expected.yaml")):
        yield _hand_made_case(sidecar)


def _source_case(domain: str, source: Path) -> _Case:
    """A YAML source, read as its records in JSON."""
    valid = source.parent.name == "valid"
    options = IngestOptions(format=InputFormat.JSON)
    try:
        case = read_case(domain, source)
    except (ValueError, yaml.YAMLError) as error:
        reason = " ".join(str(error).split())
        return _Case(source, None, options, valid, None, problem=(reason, reason))
    records = json.dumps(case.records, ensure_ascii=False).encode("utf-8")
    return _Case(source, InputFile(records, f"{source.stem}.json"), options, valid, case.expected or None)


def _hand_made_case(sidecar: Path) -> _Case:
    """A hand-made file and its ``.expected.yaml`` sidecar (``format``, ``class``, ``expected``)."""
    try:
        meta = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
        options = IngestOptions(format=InputFormat(meta.get("format", "csv")), class_name=meta.get("class"))
    except (ValueError, yaml.YAMLError) as error:
        reason = " ".join(str(error).split())
        return _Case(sidecar, None, IngestOptions(), False, None, problem=(reason, reason))
    valid = sidecar.parent.name != "invalid" and not meta.get("why")
    stem = sidecar.name.removesuffix(".expected.yaml")
    files = [p for p in sidecar.parent.glob(f"{stem}.*") if p != sidecar and p.suffix != ".yaml"]
    if len(files) != 1:
        problem = (
            "il doit accompagner exactement un fichier du même nom",
            "it must sit beside exactly one file of the same name",
        )
        return _Case(sidecar, None, options, valid, None, problem=problem)
    data = InputFile(files[0].read_bytes(), files[0].name)
    return _Case(sidecar, data, options, valid, list(meta.get("expected") or []))


def _check_case(case: _Case, release: Release, examples_dir: Path) -> list[CheckFailure]:
    element = str(case.source.relative_to(examples_dir))
    valid_or_not = ("L'exemple valide", "The valid example")
    kind_fr, kind_en = valid_or_not if case.valid else ("L'exemple invalide", "The invalid example")
    if case.problem is not None or case.data is None:
        fr, en = case.problem or ("", "")
        return [
            _failure(
                element,
                f"{kind_fr} {element} ne peut pas être vérifié : {fr}",
                f"{kind_en} {element} cannot be checked: {en}",
            )
        ]
    try:
        report = check_dataset([case.data], release, options=case.options)
        expected = (
            None
            if case.expected is None
            else [resolve_expected(release_schema(release), item, DEFAULT_BASE) for item in case.expected]
        )
    except (SocleError, ValueError, KeyError) as error:
        detail = getattr(error, "detail", None) or str(error)
        return [
            _failure(
                element,
                f"{kind_fr} {element} ne peut pas être vérifié : {detail}",
                f"{kind_en} {element} cannot be checked: {detail}",
            )
        ]
    got = Counter(_key(r) for r in report.results)
    violations = [r for r in report.results if r.severity is Severity.VIOLATION]
    if expected is not None:
        wanted = Counter(_expected_key(e) for e in expected)
        if got != wanted:
            missing = _shown(wanted - got)
            extra = _shown(got - wanted)
            return [
                _failure(
                    element,
                    f"{kind_fr} {element} ne donne pas exactement les résultats qu'il annonce ; "
                    f"manquants : {missing or 'aucun'} ; en trop : {extra or 'aucun'}.",
                    f"{kind_en} {element} does not give exactly the results it states; "
                    f"missing: {missing or 'none'}; unexpected: {extra or 'none'}.",
                )
            ]
    if case.valid and violations:
        return [
            _failure(
                element,
                f"{kind_fr} {element} donne {len(violations)} violation(s) : {_described(violations, 'fr')}.",
                f"{kind_en} {element} gives {len(violations)} violation(s): {_described(violations, 'en')}.",
            )
        ]
    if not case.valid and expected is None and not violations:
        return [
            _failure(
                element,
                f"{kind_fr} {element} ne donne aucune violation : il devrait échouer.",
                f"{kind_en} {element} gives no violation: it should fail.",
            )
        ]
    return []


def _key(result: ValidationResult) -> Key:
    return (result.focus_node, result.result_path, result.constraint_component, result.severity.value)


def _expected_key(expected: ExpectedResult) -> Key:
    return (expected.focus_node, expected.result_path, expected.constraint_component, expected.severity)


def _shown(keys: Counter[Key]) -> str:
    items = [
        f"{focus} {path or '-'} {component.rsplit('#', 1)[-1]} ({severity})"
        for (focus, path, component, severity) in sorted(keys.elements(), key=str)
    ]
    more = len(items) - SHOWN
    return ", ".join(items[:SHOWN]) + (f" … (+{more})" if more > 0 else "")


def _described(results: list[ValidationResult], lang: str) -> str:
    colon = " :" if lang == "fr" else ":"
    texts = [f"{r.focus_node}{colon} {(r.message(lang) or '').rstrip('.')}" for r in results[:SHOWN]]
    more = len(results) - SHOWN
    return "; ".join(texts) + (f" … (+{more})" if more > 0 else "")


def _failure(element: str, message_fr: str, message_en: str) -> CheckFailure:
    return CheckFailure(check=CHECK, element=element, message_fr=message_fr, message_en=message_en)
