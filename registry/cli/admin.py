"""What the administrators' verbs (``socle status``, ``socle token``) share: who acts, and how an
error is told (one line on stderr, exit code 2, never a traceback)."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager

import typer


def local_actor() -> str:
    """``cli:`` and the name of the operating-system user running the command."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no name for this uid (containers)
        user = str(os.getuid())
    return f"cli:{user}"


def one_line(text: str) -> str:
    return " ".join(str(text).split())[:500]


def fail(command: str, message: str) -> typer.Exit:
    """Print ``socle <command>: message`` on stderr; the caller raises the returned exit (code 2)."""
    typer.echo(f"socle {command}: {one_line(message)}", err=True)
    return typer.Exit(2)


@contextmanager
def reported(command: str) -> Iterator[None]:
    """Turn the registry's errors, and database or file errors, into one line and exit code 2."""
    from sqlalchemy.exc import SQLAlchemyError

    from registry.errors import SocleError

    try:
        yield
    except SocleError as error:
        hint = f" {error.hint}" if error.hint else ""
        raise fail(command, f"{error.detail}.{hint}".replace("..", ".")) from None
    except SQLAlchemyError as error:
        raise fail(command, f"the catalogue database failed: {type(error).__name__}: {error}") from None
    except OSError as error:
        raise fail(command, f"{error.filename or 'the data directory'}: {error.strerror}") from None
