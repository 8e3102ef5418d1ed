"""CSV files and spreadsheets read into one shape: a header and numbered rows of text cells.

Rows are numbered as a spreadsheet shows them: the header is row 1 (or the row it is on, when blank
rows come first) and the first data row is row 2; a blank row counts but gives no record. A CSV
record that spans several lines (a quoted line break) is one row.

CSV: UTF-8 with or without a byte-order mark, else Windows-1252 (said in a notice), else an error
naming the first byte that is neither; UTF-16 with a byte-order mark is read too. The separator is
``;``, ``,`` or a tab, chosen from the header and the first rows with a quote-aware reader (not
``csv.Sniffer``, which fails on one-column files with decimal commas), or given by ``delimiter=``.
Parsing is strict: an unterminated quote, a row with more or fewer cells than the header and two
columns with the same header are errors that name the line, row or columns.

Spreadsheets (``.xlsx``, ``.ods``): the first sheet, or the one ``sheet=`` names, read by calamine
(formulas are not evaluated: their cached values are read). Numbers, dates and booleans of typed
cells are written as XSD text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from registry.errors import InputError, InputTooLargeError
from registry.ingest.headers import fold
from registry.ingest.limits import MAX_VALUE_CHARS, bad_byte, require_short, where
from registry.ingest.model import InputFormat, Notice

DELIMITERS = (";", ",", "\t")
_SAMPLE_ROWS = 50


@dataclass
class Table:
    """A header and its rows, as the producer's file has them."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    """(spreadsheet row number, cells) of every non-blank data row."""
    header_row: int = 1
    notices: list[Notice] = field(default_factory=list)


# --- CSV ----------------------------------------------------------------------------------------


def decode_table_text(data: bytes, name: str | None) -> tuple[str, list[Notice]]:
    """The text of a CSV file and a notice when it was not UTF-8."""
    if data.startswith(b"PK\x03\x04"):
        raise InputError(
            f"{where(name)}this is a spreadsheet (a ZIP archive), not a CSV text file.",
            hint="Send it with its .xlsx or .ods name, or with format=xlsx / format=ods.",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), [_encoding_notice("UTF-16")]
        except UnicodeDecodeError:
            raise InputError(f"{where(name)}the file starts as UTF-16 but is not valid UTF-16.") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"{where(name)}{bad_byte(data, nul)}: a CSV file is text and never holds a NUL byte.",
            hint="Export the table again as CSV (UTF-8), or send the spreadsheet itself (.xlsx, .ods).",
        )
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise InputError(
                f"{where(name)}{bad_byte(data, error.start)} is neither UTF-8 nor Windows-1252 "
                f"(the first byte that is not UTF-8 is {bad_byte(data, utf8_error.start)}).",
                hint="Save the file again as CSV UTF-8.",
            ) from None
        return text, [_encoding_notice("Windows-1252")]


def _encoding_notice(encoding: str) -> Notice:
    return Notice(
        code="encoding",
        message_fr=f"Le fichier n'est pas en UTF-8 : il a été lu en {encoding}. "
        "Enregistrez-le en « CSV UTF-8 » pour lever toute ambiguïté.",
        message_en=f"The file is not UTF-8: it was read as {encoding}. "
        "Save it as 'CSV UTF-8' to remove any ambiguity.",
    )


def choose_delimiter(text: str) -> str:
    """The separator that splits the header and the first rows into the most consistent columns."""
    best, best_score = ",", (-1, -1, -1, -1)
    for delimiter in DELIMITERS:
        rows = _sample(text, delimiter)
        if not rows:
            continue
        width = len(rows[0])
        consistent = sum(1 for row in rows[1:] if len(row) == width)
        # A separator that splits the header comes first; then one that gives every row its width.
        score = (int(width > 1), int(consistent == len(rows) - 1), width, consistent)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _sample(text: str, delimiter: str) -> list[list[str]]:
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text[:262144]), delimiter=delimiter):
            if row:
                rows.append(row)
            if len(rows) > _SAMPLE_ROWS:
                break
    except csv.Error:
        pass
    return rows[:-1] if len(rows) > 1 and len(text) > 262144 else rows


def read_csv(data: bytes, name: str | None, delimiter: str | None = None) -> Table:
    """A CSV file as a :class:`Table`."""
    text, notices = decode_table_text(data, name)
    if text.startswith("\ufeff"):
        text = text[1:]
    delimiter = delimiter or choose_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            records.append((number, row))
    except csv.Error as error:
        line = reader.line_num
        if "field larger than field limit" in str(error):
            raise InputTooLargeError(
                f"{where(name)}a cell on line {line} holds more than {MAX_VALUE_CHARS:,} characters.",
                hint="A quote is probably not closed before that line.",
                line=line,
            ) from None
        raise InputError(
            f"{where(name)}CSV error on line {line} (row {number + 1}): {_csv_reason(error)}.",
            hint='Close the quote, or double the quotes inside a quoted cell ("" for ").',
            line=line,
        ) from None
    table = _table(records, name)
    table.notices = notices + table.notices
    return table


def _csv_reason(error: csv.Error) -> str:
    message = str(error)
    if "EOF" in message or "unexpected end of data" in message:
        return "a quoted cell is never closed (the rest of the file would be swallowed)"
    if "expected" in message and "after" in message:
        return "a quote appears inside a quoted cell without being doubled"
    return message


def _table(records: list[tuple[int, list[str]]], name: str | None) -> Table:
    """Header and rows from numbered records: blank rows skipped, widths and header names checked."""
    non_blank = [(n, cells) for n, cells in records if any(c.strip() for c in cells)]
    if not non_blank:
        raise InputError(
            f"{where(name)}the table has no header row.", hint="The first row names the columns."
        )
    header_row, header = non_blank[0]
    header = [h.strip() for h in header]
    while (
        header
        and not header[-1]
        and all(len(c) < len(header) or not c[len(header) - 1].strip() for _, c in non_blank[1:])
    ):
        header.pop()
    _check_header(header, name)
    rows: list[tuple[int, list[str]]] = []
    for number, cells in non_blank[1:]:
        if len(cells) > len(header) and not any(c.strip() for c in cells[len(header) :]):
            cells = cells[: len(header)]
        if len(cells) != len(header):
            raise InputError(
                f"{where(name)}row {number} has {len(cells)} cells where the header has "
                f"{len(header)} columns.",
                hint="Every row needs one cell per column: check the separators and quotes on that row.",
            )
        for column, cell in enumerate(cells):
            require_short(cell, name, f"row {number}, column {header[column] or column + 1}")
        rows.append((number, cells))
    if not rows:
        raise InputError(f"{where(name)}the table has a header but no data row.")
    return Table(header=header, rows=rows, header_row=header_row)


def _check_header(header: list[str], name: str | None) -> None:
    seen: dict[str, int] = {}
    for index, title in enumerate(header):
        if not title:
            continue
        key = fold(title)
        if key in seen:
            first = seen[key]
            raise InputError(
                f"{where(name)}columns {first + 1} ({header[first]!r}) and {index + 1} ({title!r}) "
                "have the same header.",
                hint="Give every column its own header, or remove the repeated column.",
            )
        seen[key] = index


# --- spreadsheets -------------------------------------------------------------------------------


def read_spreadsheet(data: bytes, fmt: InputFormat, name: str | None, sheet: str | None) -> Table:
    """The first (or named) sheet of an ``.xlsx`` or ``.ods`` workbook as a :class:`Table`."""
    from python_calamine import CalamineError, load_workbook  # loaded only for spreadsheets

    kind = ".xlsx" if fmt is InputFormat.XLSX else ".ods"
    try:
        workbook = load_workbook(io.BytesIO(data))
        names = list(workbook.sheet_names)
        if not names:
            raise InputError(f"{where(name)}the workbook has no sheet.")
        if sheet is not None and sheet not in names:
            raise InputError(
                f"{where(name)}the workbook has no sheet named {sheet!r}.",
                hint="Its sheets are: " + ", ".join(repr(n) for n in names) + ".",
            )
        chosen = sheet if sheet is not None else names[0]
        values = workbook.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except InputError:
        raise
    except (CalamineError, ValueError, OSError, KeyError) as error:
        raise InputError(
            f"{where(name)}this is not a readable {kind} workbook ({type(error).__name__}).",
            hint=f"Open it in a spreadsheet program and save it again as {kind}.",
        ) from None
    records = [(number, [_cell_text(v) for v in row]) for number, row in enumerate(values, start=1)]
    return _table(records, name)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)
