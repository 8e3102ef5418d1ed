"""The ``socle`` command line (Typer): one module per verb, wired in :mod:`registry.cli.main`."""
