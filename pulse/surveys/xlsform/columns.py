"""Column headings of a sheet: which are understood, which are rejected, which are ignored."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from pulse.surveys.xlsform.locations import Cell, Report
from pulse.surveys.xlsform.workbook import CellValue, Row, Sheet

SURVEY_COLUMNS = (
    "type",
    "name",
    "label",
    "hint",
    "required",
    "relevant",
    "construct",
    "principle",
    "layer",
    "reverse",
    "dimension",
    "equality",
    "min",
    "max",
    "layer_grid",
)
CHOICES_COLUMNS = ("list_name", "name", "label")
SETTINGS_COLUMNS = ("form_id", "version", "form_title", "description", "estimated_minutes")
#: Columns whose heading may carry a language, as in ``label::English (en)``.
LANGUAGE_COLUMNS = ("label", "hint")
#: Settings that change nothing here and are accepted silently.
IGNORED_SETTINGS = ("default_language", "style")

_NOT_SUPPORTED = {
    "constraint": "Constraints are not supported. For a number question, use the min and max "
    "columns instead.",
    "calculation": "Calculations are not supported.",
    "choice_filter": "Choice filters are not supported: give the question its own choice list.",
    "repeat_count": "Repeats are not supported.",
    "default": "Default answers are not supported: respondents always give their own answer.",
    "read_only": "Read-only questions are not supported: use a note to show text.",
    "appearance": "Appearances are not supported: every question is shown in the NHS design "
    "system style.",
    "required_message": "Custom required messages are not supported: the survey uses standard "
    "NHS wording.",
    "media": "Images, audio and video are not supported.",
    "image": "Images are not supported.",
    "audio": "Audio is not supported.",
    "video": "Video is not supported.",
}
_NOT_SUPPORTED["constraint_message"] = _NOT_SUPPORTED["constraint"]


def base_name(header: str) -> str:
    """``"label::English (en)"`` -> ``"label"``; ``"List Name"`` -> ``"list_name"``."""
    base = header.split("::", 1)[0]
    return re.sub(r"\s+", "_", base.strip().lower())


@dataclass(frozen=True)
class Table:
    """A sheet whose understood columns can be read by their base name."""

    sheet: Sheet
    columns: Mapping[str, int]

    @property
    def name(self) -> str:
        return self.sheet.name.strip().lower()

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.sheet.rows

    def header(self, column: str) -> str:
        """The heading as the author wrote it (or the standard name if the column is absent)."""
        index = self.columns.get(column)
        return self.sheet.headers[index].strip() if index is not None else column

    def cell(self, row: int | None, column: str | None = None) -> Cell:
        return Cell(self.name, row, self.header(column) if column else None)

    def get(self, row: Row, column: str) -> CellValue:
        index = self.columns.get(column)
        if index is None or index >= len(row.values):
            return None
        return row.values[index]


def read_table(sheet: Sheet, known: tuple[str, ...], report: Report) -> Table:
    """Map understood headings to columns, reporting cells in columns that are not understood."""
    name = sheet.name.strip().lower()
    columns: dict[str, int] = {}
    rejected: dict[int, str] = {}
    for index, header in enumerate(sheet.headers):
        base = base_name(header)
        if not base or base.startswith("$") or (name == "settings" and base in IGNORED_SETTINGS):
            continue
        if base in known and base in columns:
            report.add(
                Cell(name, 1, header.strip()), _duplicate(base, sheet.headers[columns[base]])
            )
        elif base in known and ("::" not in header or base in LANGUAGE_COLUMNS):
            columns[base] = index
        else:
            rejected[index] = _NOT_SUPPORTED.get(
                base,
                f'The column "{header.strip()}" is not supported. Delete the column, or clear its cells.',
            )
    for row in sheet.rows:
        for index, value in enumerate(row.values):
            if value is None:
                continue
            if index in rejected:
                report.add(Cell(name, row.number, sheet.headers[index].strip()), rejected[index])
            elif index >= len(sheet.headers) or not sheet.headers[index].strip():
                letter = get_column_letter(index + 1)
                report.add(
                    Cell(name, row.number, letter),
                    f"This cell is in column {letter}, which has no heading in row 1. Add a "
                    "heading or clear the cell.",
                )
    return Table(sheet=sheet, columns=columns)


def _duplicate(base: str, first: str) -> str:
    if base in LANGUAGE_COLUMNS:
        return (
            f'There is already a {base} column ("{first.strip()}"). Only one language is '
            f"supported: keep one {base} column and delete the others."
        )
    return f'There is already a "{base}" column. Delete one of them.'


def require_columns(table: Table, needed: tuple[str, ...], report: Report) -> bool:
    """Report each needed column that is missing; True if all are present."""
    missing = [column for column in needed if column not in table.columns]
    for column in missing:
        report.add(
            Cell(table.name, 1),
            f'The {table.name} sheet has no "{column}" column. Add "{column}" to its first row.',
        )
    return not missing
