"""Interpreting cell values: text, yes/no and whole numbers."""

from __future__ import annotations

from pulse.surveys.xlsform.workbook import CellValue

_TRUE = ("yes", "true", "1", "true()", "y")
_FALSE = ("no", "false", "0", "false()", "n")


def as_text(value: CellValue) -> str:
    """Text as written; a whole number such as 2025 becomes "2025"."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def as_boolean(value: CellValue) -> bool | None:
    """yes/no, true/false, 1/0 (or an Excel TRUE/FALSE); ``None`` if it is none of these."""
    if isinstance(value, bool):
        return value
    text = as_text(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def as_integer(value: CellValue) -> int | None:
    """A whole number from a number cell or text such as "-5"; ``None`` otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = as_text(value).strip()
    try:
        return int(text)
    except ValueError:
        return None
