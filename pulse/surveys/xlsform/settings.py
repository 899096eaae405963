"""The settings sheet: the instrument's key, version, title and description."""

from __future__ import annotations

from typing import Any

from pulse.surveys.xlsform.columns import SETTINGS_COLUMNS, read_table
from pulse.surveys.xlsform.locations import Cell, Locator, Report
from pulse.surveys.xlsform.values import as_integer, as_text
from pulse.surveys.xlsform.workbook import Sheet

#: settings column -> definition field
SETTINGS_FIELDS = {
    "form_id": "key",
    "version": "version",
    "form_title": "title",
    "description": "description",
    "estimated_minutes": "estimated_minutes",
}


def read_settings(sheet: Sheet | None, report: Report, locator: Locator) -> dict[str, Any]:
    """The top-level definition fields, with their cells registered in ``locator``."""
    if sheet is None:
        report.add(
            Cell("settings"),
            'The workbook has no "settings" sheet. Add one with the columns form_id, version, '
            "form_title and description in row 1, and their values in row 2.",
        )
        return {}
    table = read_table(sheet, SETTINGS_COLUMNS, report)
    rows = table.rows
    for extra in rows[1:]:
        report.add(table.cell(extra.number), "Only one row of settings is used. Delete this row.")
    number = rows[0].number if rows else 2
    data: dict[str, Any] = {}
    for column, name in SETTINGS_FIELDS.items():
        cell = table.cell(number, column)
        locator.add((name,), cell)
        value = table.get(rows[0], column) if rows else None
        if value is None:
            continue
        if column in ("version", "estimated_minutes"):
            number_value = as_integer(value)
            if number_value is None:
                report.add(
                    cell, f'"{value}" is not a whole number. Enter a whole number, for example 1.'
                )
            data[name] = number_value
        else:
            data[name] = as_text(value)
    return data
