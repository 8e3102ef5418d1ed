"""The ``socle`` command: registers one sub-command per module, imports heavy code lazily."""

from __future__ import annotations

import logging

import typer

from registry.cli import build, diff, generate, publish, serve, shacl, status, token, validate

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


@app.command(
    "shacl",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
    add_help_option=False,
)
def shacl_command(ctx: typer.Context) -> None:
    """Validate RDF data against SHACL shapes and print a sh:ValidationReport (see socle shacl --help)."""
    raise typer.Exit(shacl.main(ctx.args))


app.command("validate")(validate.validate)
app.command("diff")(diff.diff)
app.command("generate")(generate.generate)
app.command("publish")(publish.publish)
app.command("status")(status.status)
app.add_typer(token.app, name="token")


if __name__ == "__main__":  # pragma: no cover
    app()
