"""Tables written for people to open in a spreadsheet: private files, and no cell runs as a formula.

Exports hold learners' answers and words: the files and folders are their owner's alone (0600,
0700), and a cell a learner typed as `=HYPERLINK(...)` stays text in Excel and LibreOffice.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

# What a spreadsheet reads as the start of a formula (tab and CR as well: some strip them first).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Row = Sequence[object]


def neutralised(value: object) -> object:
    """A text cell that would start a formula, prefixed with ' so it is shown as typed."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def private_folder(folder: Path) -> None:
    """Make folder and any missing parents, readable by their owner only."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700)
        path.chmod(0o700)  # the umask may take bits off mkdir's mode, never add the ones we want


def _private_file(path: Path) -> BinaryIO:
    """path opened for writing, 0600 whether the file is new or was there before."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    out = os.fdopen(descriptor, "wb")
    os.fchmod(out.fileno(), 0o600)
    return out


def write_private(path: Path, data: bytes) -> None:
    with _private_file(path) as out:
        out.write(data)


def csv_bytes(header: Row, rows: Iterable[Row]) -> bytes:
    """A CSV file's bytes with a byte-order mark, so Excel reads it as UTF-8 (names with accents)."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows([neutralised(cell) for cell in row] for row in rows)
    return text.getvalue().encode("utf-8-sig")


def write_csv(path: Path, header: Row, rows: Iterable[Row]) -> None:
    write_private(path, csv_bytes(header, rows))


def write_workbook(path: Path, sheets: dict[str, tuple[Row, list[Row]]], *, streaming: bool = False) -> None:
    """One .xlsx workbook at path, a sheet per table, every text cell stored as text.

    streaming writes each row out as it goes (xlsxwriter's constant_memory, strings inline), into
    temporary files beside path, which are as private as the folder they are in.
    """
    import xlsxwriter  # only the export's own process writes workbooks: the bot never loads it

    # XlsxWriter turns strings starting with '=' into formulas unless told not to.
    options: dict[str, object] = {"strings_to_formulas": False, "strings_to_urls": False,
                                  "strings_to_numbers": False}
    if streaming:
        options.update(constant_memory=True, tmpdir=str(path.parent))
    else:
        options["in_memory"] = True
    with _private_file(path) as out, xlsxwriter.Workbook(out, options) as book:
        bold = book.add_format({"bold": True})
        for name, (header, rows) in sheets.items():
            sheet = book.add_worksheet(name[:31])
            sheet.write_row(0, 0, header, bold)
            for number, row in enumerate(rows, start=1):
                sheet.write_row(number, 0, row)
