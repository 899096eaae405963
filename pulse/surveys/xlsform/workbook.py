"""Opening an uploaded workbook safely and reading its sheets as plain rows."""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import BinaryIO

import openpyxl
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.formula import ArrayFormula

from pulse.surveys.definition import DefinitionError, Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2_000
#: Guards against "zip bombs": a small file that unpacks to gigabytes.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: The start of an OLE compound file: a password-protected .xlsx, or an old .xls workbook.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NOT_XLSX = (
    "This file is not an Excel workbook (.xlsx). Save the survey from Excel, LibreOffice or "
    "Google Sheets as an .xlsx file and upload it again."
)

CellValue = str | int | float | bool | None


@dataclass(frozen=True)
class Row:
    """A non-empty row: its number as Excel shows it and its cell values (blank is ``None``)."""

    number: int
    values: tuple[CellValue, ...]


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


def broken(message: str) -> DefinitionError:
    """The single problem reported for a workbook that cannot be read at all."""
    return DefinitionError([Problem(location="workbook", message=message)])


def open_workbook(file: bytes | BinaryIO) -> dict[str, Sheet]:
    """The sheets of an .xlsx workbook by lowercase name; raises ``DefinitionError`` if broken."""
    data = _read_bytes(file)
    _check_container(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
        except Exception:
            raise broken(NOT_XLSX) from None
        try:
            sheets = [_read_sheet(worksheet) for worksheet in workbook.worksheets]
        except DefinitionError:
            raise
        except Exception:
            raise broken(NOT_XLSX) from None
        finally:
            workbook.close()
    by_name: dict[str, Sheet] = {}
    for sheet in sheets:
        by_name.setdefault(sheet.name.strip().lower(), sheet)
    if "survey" not in by_name:
        raise broken(
            'The workbook has no sheet called "survey". An XLSForm needs a survey sheet (the '
            "questions), a choices sheet (the answer lists) and a settings sheet."
        )
    return by_name


def _read_bytes(file: bytes | BinaryIO) -> bytes:
    if isinstance(file, bytes | bytearray | memoryview):
        return bytes(file)
    return file.read(MAX_BYTES + 1)


def _check_container(data: bytes) -> None:
    if not data:
        raise broken("The file is empty. Choose the .xlsx file that holds your survey.")
    if len(data) > MAX_BYTES:
        raise broken("The file is larger than 5 MB. A survey workbook is normally much smaller: "
                     "remove images and other sheets, then upload it again.")  # fmt: skip
    if data.startswith(_OLE_SIGNATURE):
        raise broken(
            "This workbook is password-protected, or saved in the old .xls format. Remove the "
            "password, save it as an Excel workbook (.xlsx) and upload it again."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise broken(NOT_XLSX) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise broken("The workbook is too large once unpacked. Remove other sheets and images, "
                     "then upload it again.")  # fmt: skip


def _read_sheet(worksheet: ReadOnlyWorksheet) -> Sheet:
    worksheet.reset_dimensions()  # trust the cells, not the size the file claims
    name = str(worksheet.title)
    headers: tuple[str, ...] = ()
    rows: list[Row] = []
    cells_by_row = worksheet.iter_rows(min_row=1, min_col=1)
    for number, cells in enumerate(cells_by_row, start=1):
        values = tuple(cell_value(getattr(cell, "value", None)) for cell in cells)
        if number == 1:
            headers = tuple("" if value is None else str(value) for value in values)
        elif any(value is not None for value in values):
            rows.append(Row(number=number, values=values))
            if len(rows) > MAX_ROWS:
                raise broken(
                    f'The "{name}" sheet has more than {MAX_ROWS:,} rows. A survey can have at '
                    f"most {MAX_ROWS:,} rows on each sheet."
                )
    return Sheet(name=name, headers=headers, rows=tuple(rows))


def cell_value(value: object) -> CellValue:
    """A cell's value as plain data. A formula is kept as its text and never evaluated."""
    if value is None:
        return None
    if isinstance(value, ArrayFormula):
        value = value.text
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, datetime | date | time | timedelta):
        return value.isoformat() if not isinstance(value, timedelta) else str(value)
    return str(value)
