"""The Excel data pack: a notes sheet, then one sheet per table, headers frozen, numbers as
numbers, hidden figures in words, and text that could run as a formula escaped."""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pulse.reports.exports.notes import notes_rows
from pulse.reports.exports.tables import Sheet, sheets
from pulse.reports.results import Results

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOLD = Font(bold=True)


def safe_text(value: str) -> str:
    """Text a spreadsheet would run as a formula gets an apostrophe in front (OWASP)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value: Any) -> Any:
    """Numbers stay numbers (already rounded); text is escaped."""
    if isinstance(value, str):
        return safe_text(value)
    return value


def _header(ws: WriteOnlyWorksheet, headers: list[str]) -> list[Any]:
    out = []
    for text in headers:
        cell = WriteOnlyCell(ws, value=safe_text(text))
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        out.append(cell)
    return out


def _write(workbook: Workbook, sheet: Sheet) -> None:
    ws = workbook.create_sheet(sheet.name)
    ws.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns):
        letter = chr(ord("A") + index) if index < 26 else "A" + chr(ord("A") + index - 26)
        ws.column_dimensions[letter].width = 14 if column.kind != "text" else 28
    ws.append(_header(ws, [c.header for c in sheet.columns]))
    for row in sheet.rows:
        ws.append([_cell(value) for value in row])


def _write_notes(workbook: Workbook, rows: list[list[str]]) -> None:
    ws = workbook.create_sheet("Notes")
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 120
    ws.append(_header(ws, rows[0]))
    for row in rows[1:]:
        ws.append([safe_text(v) for v in row])


def render_xlsx(results: Results) -> bytes:
    tables = sheets(results)
    return workbook_bytes(
        title=f"{results.wave.ics.name}: {results.wave.title}, data pack",
        notes=notes_rows(results, tables),
        sheets=tables,
    )


def workbook_bytes(*, title: str, notes: list[list[str]], sheets: list[Sheet]) -> bytes:
    """A data pack: the notes sheet (a header row, then two columns), then one sheet per
    table. Other apps' data packs use it too, so every workbook is laid out the same."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = title
    workbook.properties.creator = "Leadership Pulse"
    _write_notes(workbook, notes)
    for sheet in sheets:
        _write(workbook, sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
