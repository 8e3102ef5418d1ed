"""``socle publish MODULE.yaml [--dry-run]``: build, check and release a version of a standard.

The module's imports must sit beside it (``core.yaml``), exactly as published; its hand-written
shapes are read from ``--shapes`` (default: the project's ``shapes/``; absent: the previous
release's) and its examples from ``--examples`` (default: the project's ``examples/<domain>``).
Prints the compatibility verdict and every failed check. Exit codes: 0 published (or, with
``--dry-run``, publishable), 1 refused (a check, the verdict, an unpublished core, or the version
already exists), 2 bad input (one line on stderr, never a traceback).

With ``--server URL`` the release is made through that registry's API (``POST /releases``) with an
editor token (``--token`` or ``SOCLE_TOKEN``), and printed the same way (registry/cli/remote_publish.py).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from registry.cli.options import Lang

if TYPE_CHECKING:
    from registry.catalog.releases import Release
    from registry.errors import ReleaseRefusedError
    from registry.publish.releasing import PreparedRelease


class Format(StrEnum):
    """Faces of the outcome."""

    TEXT = "text"
    JSON = "json"


_WORDS = {
    "fr": {
        "first": "{domain} {version} : première version, rien à comparer.",
        "checks_ok": "Contrôles : tous réussis.",
        "checks_failed": "Contrôles ({count} échec(s)) :",
        "published": "Publié : {domain} {version} ({status}), /def/{domain}/{version}",
        "would": "Essai à blanc : {domain} {version} serait publié ({status}).",
        "refused": "Refusé : {domain} {version} n'est pas publié.",
        "would_not": "Essai à blanc : {domain} {version} serait refusé.",
    },
    "en": {
        "first": "{domain} {version}: first release, nothing to compare with.",
        "checks_ok": "Checks: all passed.",
        "checks_failed": "Checks ({count} failed):",
        "published": "Published: {domain} {version} ({status}), /def/{domain}/{version}",
        "would": "Dry run: {domain} {version} would be published ({status}).",
        "refused": "Refused: {domain} {version} is not published.",
        "would_not": "Dry run: {domain} {version} would be refused.",
    },
}


def publish(
    module: Annotated[Path, typer.Argument(help="The LinkML module to release (vocab/lighting.yaml).")],
    shapes: Annotated[
        Path | None,
        typer.Option(
            "--shapes", help="Folder of hand-written shapes, <domain>/extra.ttl (default: shapes/)."
        ),
    ] = None,
    examples: Annotated[
        Path | None,
        typer.Option("--examples", help="The examples' folder (default: examples/<domain> when it exists)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Build, check and compare only; record nothing.")
    ] = False,
    actor: Annotated[
        str | None,
        typer.Option("--actor", help="Who publishes, for the audit log (default: cli: and your user name)."),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", "-l", help="Language of the explanations.")] = Lang.FR,
    format: Annotated[Format, typer.Option("--format", "-f", help="text or json.")] = Format.TEXT,
    server: Annotated[
        str | None,
        typer.Option("--server", help="Publish through this registry's API (https://registry.example)."),
    ] = None,
    token: Annotated[
        str | None, typer.Option("--token", envvar="SOCLE_TOKEN", help="Editor token for --server.")
    ] = None,
    core: Annotated[
        str | None, typer.Option("--core", help="With --server: the published core version to import.")
    ] = None,
) -> None:
    """Release a version of a standard: build it, check it, compare it with the previous version and
    record it; exit 0 published, 1 refused, 2 bad input."""
    import logging

    from registry.errors import ConflictError, ReleaseRefusedError, SocleError

    logging.getLogger("linkml").setLevel(logging.ERROR)
    logging.getLogger("linkml_runtime").setLevel(logging.ERROR)
    try:
        if server:
            code = _run_remote(module, shapes, examples, dry_run, server, token, core, lang.value, format)
        else:
            code = _run(module, shapes, examples, dry_run, actor, lang.value, format)
    except ReleaseRefusedError as error:  # before anything was built: an unpublished core
        _print_refusal(error, lang.value, format)
        raise typer.Exit(1) from None
    except ConflictError as error:
        _fail(error.detail, error.hint)
        raise typer.Exit(1) from None
    except SocleError as error:
        _fail(error.detail, error.hint)
        raise typer.Exit(2) from None
    except (OSError, ValueError) as error:
        _fail(f"cannot publish {module}: {error}", None)
        raise typer.Exit(2) from None
    except Exception as error:  # never a traceback: say what broke
        _fail(f"cannot publish {module}: {type(error).__name__}: {error}", None)
        raise typer.Exit(2) from None
    raise typer.Exit(code)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:1000]


def _fail(detail: str, hint: str | None) -> None:
    message = f"{detail}. {hint}" if hint else detail
    typer.echo(f"socle publish: {_one_line(message.replace('..', '.'))}", err=True)


def _run(
    module: Path,
    shapes: Path | None,
    examples: Path | None,
    dry_run: bool,
    actor: str | None,
    lang: str,
    format: Format,
) -> int:
    from registry.build.bundle import examples_for
    from registry.catalog.releases import open_catalog
    from registry.cli.admin import local_actor
    from registry.config import get_settings
    from registry.errors import ReleaseRefusedError
    from registry.publish.releasing import module_header, prepare_release, publish_release, sources_from_disk

    settings = get_settings()
    if not module.is_file():
        from registry.errors import InputError

        raise InputError(
            f"{module}: no such file", hint="Give the path of a LinkML module (vocab/lighting.yaml)"
        )
    if examples is None:
        examples = examples_for(settings.examples_dir, module_header(module.read_bytes(), str(module)).name)
    sources = sources_from_disk(
        module, shapes_dir=shapes if shapes is not None else settings.shapes_dir, examples_dir=examples
    )
    catalog = open_catalog(settings)
    with prepare_release(sources, catalog, settings) as prepared:
        if dry_run or not prepared.acceptable:
            _print_outcome(prepared, None, lang, format, dry_run=dry_run)
            return 0 if prepared.acceptable else 1
        try:
            release = publish_release(prepared, catalog, actor or local_actor())
        except ReleaseRefusedError:  # pragma: no cover - acceptable releases are not refused
            _print_outcome(prepared, None, lang, format, dry_run=False)
            return 1
        _print_outcome(prepared, release, lang, format, dry_run=False)
        return 0


def _run_remote(
    module: Path,
    shapes: Path | None,
    examples: Path | None,
    dry_run: bool,
    server: str,
    token: str | None,
    core: str | None,
    lang: str,
    format: Format,
) -> int:
    from registry.build.bundle import examples_for
    from registry.cli.remote_publish import RemoteError, post_release, release_form
    from registry.config import get_settings
    from registry.publish.releasing import module_header

    settings = get_settings()
    if examples is None and module.is_file():
        examples = examples_for(settings.examples_dir, module_header(module.read_bytes(), str(module)).name)
    files = release_form(module, shapes if shapes is not None else settings.shapes_dir, examples)
    status, answer = post_release(server, token, files, dry_run=dry_run, core=core)
    refused = status == 422 and "failures" in answer
    if status == 409:
        _fail(str(answer.get("detail", "the version is already published")), answer.get("hint"))
        return 1
    if status not in (200, 201) and not refused:
        detail = f"{server} answered {status}: {answer.get('detail', answer.get('title', ''))}"
        raise RemoteError(detail, hint=answer.get("hint"))
    if format is Format.JSON:
        typer.echo(json.dumps(answer, indent=2, ensure_ascii=False))
    else:
        _print_answer(status, answer, lang)
    if status == 201:
        return 0
    return 0 if status == 200 and answer.get("acceptable") else 1


def _print_answer(status: int, answer: dict[str, Any], lang: str) -> None:
    """A registry's answer to ``POST /releases``, printed as the local command prints its outcome."""
    from registry.publish.compatibility import verdict_from_dict
    from registry.publish.compatibility.render import render_text

    words = _WORDS[lang]
    published = status == 201
    verdict = (answer.get("changelog") or {}).get("verdict") if published else answer.get("verdict")
    domain, version = answer.get("domain", ""), answer.get("version", "")
    names = {"domain": domain, "version": version, "status": answer.get("status", "")}
    lines = [
        render_text(verdict_from_dict(verdict), lang) if verdict else words["first"].format(**names) + "\n"
    ]
    checks = [f for f in answer.get("failures", []) if f.get("check") != "compatibility"]
    lines += _check_lines(checks, lang)
    if published:
        lines.append(words["published"].format(**names))
    elif status == 200:
        lines.append(words["would" if answer.get("acceptable") else "would_not"].format(**names))
    else:
        lines.append(str(answer.get("detail", "")))
    if status == 422 and answer.get("hint"):
        lines.append(str(answer["hint"]))
    typer.echo("\n".join(lines))


def _print_outcome(
    prepared: PreparedRelease, release: Release | None, lang: str, format: Format, *, dry_run: bool
) -> None:
    words = _WORDS[lang]
    names = {"domain": prepared.domain, "version": prepared.version, "status": prepared.status}
    if format is Format.JSON:
        document: dict[str, Any] = {
            **names,
            "dry_run": dry_run,
            "acceptable": prepared.acceptable,
            "published": release is not None,
            "failures": prepared.failures,
            "verdict": prepared.verdict.to_dict() if prepared.verdict is not None else None,
            "imports": prepared.imports,
        }
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    from registry.publish.compatibility.render import render_text

    lines = []
    if prepared.verdict is not None:
        lines.append(render_text(prepared.verdict, lang))
    else:
        lines.append(words["first"].format(**names) + "\n")
    lines += _check_lines(list(prepared.checks), lang)
    if release is not None:
        lines.append(words["published"].format(**names))
    elif dry_run:
        lines.append(words["would" if prepared.acceptable else "would_not"].format(**names))
    else:
        lines.append(words["refused"].format(**names))
    if not prepared.acceptable:
        from registry.publish.releasing.build import refusal_hint

        lines.append(refusal_hint(prepared.verdict, lang))
    typer.echo("\n".join(lines))


def _check_lines(checks: list[dict[str, Any]], lang: str) -> list[str]:
    words = _WORDS[lang]
    if not checks:
        return [words["checks_ok"]]
    lines = [words["checks_failed"].format(count=len(checks))]
    for failure in checks:
        element = f" {failure['element']}:" if failure.get("element") else ""
        lines.append(f"  - [{failure['check']}]{element} {failure[f'message_{lang}']}")
    return lines


def _print_refusal(error: ReleaseRefusedError, lang: str, format: Format) -> None:
    if format is Format.JSON:
        document = {
            "acceptable": False,
            "published": False,
            "detail": error.detail,
            "failures": error.failures,
        }
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    typer.echo("\n".join([error.detail, *_check_lines(error.failures, lang)[1:]]))
