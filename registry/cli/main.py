"""The ``socle`` command: registers one sub-command per module, imports heavy code lazily."""

from __future__ import annotations

import logging

import typer

from registry.cli import build, diff, serve, shacl, validate

# rdflib logs a traceback for every ill-typed literal it reads; the report says it better.
logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)

app = typer.Typer(
    name="socle",
    help="Socle: the shared data-standards registry for smart territories.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command("serve")(serve.serve)
app.command("build")(build.build)
app.command("shacl")(shacl.shacl)
app.command("validate")(validate.validate)
app.command("diff")(diff.diff)


if __name__ == "__main__":  # pragma: no cover
    app()
