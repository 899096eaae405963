"""Reading an uploaded table (CSV or Excel .xlsx) as plain text rows, whatever made it.

Used for participant lists and for results exported from other survey tools. Everything is
read as text: a cell that looks like a formula (``=HYPERLINK(...)``) is kept as its text and
never evaluated. CSV files may be UTF-8 (with or without a byte order mark), UTF-16 with a byte
order mark, or Windows-1252 (what Excel saves as "CSV" on a Windows PC in England); commas,
semicolons and tabs all work as separators.

Raises `TableError` with one message a user can act on; nothing is returned for a bad file.
This module imports no Django.
"""

from __future__ import annotations

import codecs
import csv
import io
import warnings
import zipfile
from dataclasses import dataclass

import openpyxl

from pulse.surveys.xlsform.workbook import cell_value

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 500
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
CSV_NAMES = (".csv", ".txt")
XLSX_NAMES = (".xlsx",)
WRONG_TYPE = "The selected file must be a CSV file or an Excel workbook (.xlsx)"


class TableError(ValueError):
    """The file cannot be read at all. The message says what to do."""


@dataclass(frozen=True)
class TableRow:
    """One non-empty row: where it is in the file ("Line 4" or "Row 4") and its cells."""

    number: int
    label: str
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""


@dataclass(frozen=True)
class Table:
    headings: tuple[str, ...]
    rows: tuple[TableRow, ...]
    kind: str  # "csv" or "xlsx"


def size_limit_text() -> str:
    return f"{MAX_BYTES // (1024 * 1024)} MB"


def read_table(name: str, data: bytes, *, header_rows: int = 1) -> Table:
    """The rows of an uploaded file. `header_rows` rows are read as headings (joined by " - "
    where a second row names the parts of a column under one heading)."""
    lower = (name or "").lower()
    if not data:
        raise TableError("The selected file is empty")
    if len(data) > MAX_BYTES:
        raise TableError(f"The selected file must be smaller than {size_limit_text()}")
    if data.startswith(_OLE_SIGNATURE):
        raise TableError(
            "The selected file is password-protected or in the old Excel format (.xls). "
            "Save it as a CSV file or an Excel workbook (.xlsx) without a password"
        )
    if data.startswith(_ZIP_SIGNATURE):
        if not lower.endswith(XLSX_NAMES):
            raise TableError(WRONG_TYPE)
        lines = _xlsx_lines(data)
        kind = "xlsx"
    elif lower.endswith(CSV_NAMES):
        lines = _csv_lines(data)
        kind = "csv"
    else:
        raise TableError(WRONG_TYPE)
    return _table(lines, kind, header_rows)


def _table(lines: list[tuple[int, tuple[str, ...]]], kind: str, header_rows: int) -> Table:
    if not lines:
        raise TableError("The selected file is empty")
    head = [cells for _, cells in lines[:header_rows]]
    body = lines[header_rows:]
    if len(body) > MAX_ROWS:
        raise TableError(
            f"The selected file has more than {MAX_ROWS:,} rows. Split it into smaller files"
        )
    word = "Line" if kind == "csv" else "Row"
    rows = tuple(TableRow(number, f"{word} {number}", cells) for number, cells in body)
    return Table(headings=headings_from(head), rows=rows, kind=kind)


def headings_from(head: list[tuple[str, ...]]) -> tuple[str, ...]:
    if not head:
        return ()
    width = max(len(cells) for cells in head)
    first = [head[0][i] if i < len(head[0]) else "" for i in range(width)]
    if len(head) == 1:
        return tuple(first)
    # Two rows: a question heading spans the columns of its parts (Excel's merged cells).
    second = [head[1][i] if i < len(head[1]) else "" for i in range(width)]
    headings, current = [], ""
    for top, part in zip(first, second, strict=True):
        current = top or current
        if part and part.lower() not in ("response", "open-ended response"):
            headings.append(f"{current} - {part}" if current else part)
        else:
            headings.append(current)
    return tuple(headings)


def decode(data: bytes) -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                pass
    raise TableError(
        "The characters in the selected file could not be read. Save it as \u201cCSV UTF-8\u201d "
        "and upload it again"
    )


def _dialect(text: str) -> type[csv.Dialect]:
    """Excel's CSV, with the separator its first line uses most: comma, semicolon or tab."""
    first_line = text.split("\n", 1)[0]
    outside_quotes = "".join(first_line.split('"')[::2])
    counts = {sep: outside_quotes.count(sep) for sep in (",", ";", "\t")}
    separator = max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","

    class Dialect(csv.excel):
        delimiter = separator

    return Dialect


def _csv_lines(data: bytes) -> list[tuple[int, tuple[str, ...]]]:
    text = decode(data)
    if "\x00" in text:
        raise TableError(WRONG_TYPE)
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text))
    lines: list[tuple[int, tuple[str, ...]]] = []
    start = 1
    try:
        for cells in reader:
            if len(cells) > MAX_COLUMNS:
                raise TableError(f"The selected file has more than {MAX_COLUMNS} columns")
            stripped = tuple(cell.strip() for cell in cells)
            if any(stripped):
                lines.append((start, stripped))
            start = reader.line_num + 1
            if len(lines) > MAX_ROWS + 3:
                break
    except csv.Error:
        raise TableError(
            f"Line {start} of the selected file could not be read. Check it is a CSV file"
        ) from None
    return lines


def _xlsx_lines(data: bytes) -> list[tuple[int, tuple[str, ...]]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise TableError(WRONG_TYPE) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise TableError("The selected workbook is too large once opened. Save it as a CSV file")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
        except Exception:
            raise TableError(WRONG_TYPE) from None
        try:
            return _sheet_lines(workbook.worksheets[0])
        except TableError:
            raise
        except Exception:
            raise TableError(WRONG_TYPE) from None
        finally:
            workbook.close()


def _sheet_lines(worksheet: object) -> list[tuple[int, tuple[str, ...]]]:
    worksheet.reset_dimensions()  # type: ignore[attr-defined]  # trust the cells, not the claim
    lines: list[tuple[int, tuple[str, ...]]] = []
    rows = worksheet.iter_rows(min_row=1, min_col=1)  # type: ignore[attr-defined]
    for number, cells in enumerate(rows, start=1):
        if len(cells) > MAX_COLUMNS:
            raise TableError(f"The selected file has more than {MAX_COLUMNS} columns")
        values = tuple(_text(cell_value(getattr(cell, "value", None))) for cell in cells)
        if any(values):
            lines.append((number, values))
        if len(lines) > MAX_ROWS + 3:
            break
    return lines


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value).strip()
