"""Errors survive the trip from a worker process to the API, every field intact."""

from __future__ import annotations

import pickle

from registry.errors import InputError, NotFoundError, UnsupportedFormatError


def test_input_error_pickles_with_its_position() -> None:
    error = InputError("bad Turtle", hint="close the bracket", line=3, column=14)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is InputError
    assert (copy.detail, copy.hint, copy.line, copy.column, copy.status) == (
        "bad Turtle",
        "close the bracket",
        3,
        14,
        422,
    )
    assert str(copy) == "bad Turtle"


def test_subclasses_keep_their_status() -> None:
    for error in (UnsupportedFormatError("no .docx"), NotFoundError("no such standard", hint="lighting")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and copy.status == error.status and copy.hint == error.hint
