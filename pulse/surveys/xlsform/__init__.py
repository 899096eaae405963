"""XLSForm import and export of instrument definitions (pyxform conventions, openpyxl).

See docs/xlsform.md for what an ICS analyst can write. This package imports no Django.
"""

from __future__ import annotations

from typing import BinaryIO

from pulse.surveys.definition import Definition, DefinitionError, parse_definition
from pulse.surveys.xlsform.choices import read_choices
from pulse.surveys.xlsform.columns import SURVEY_COLUMNS, read_table, require_columns
from pulse.surveys.xlsform.locations import Cell, Locator, Report
from pulse.surveys.xlsform.settings import read_settings
from pulse.surveys.xlsform.survey import SurveyReader
from pulse.surveys.xlsform.workbook import MAX_BYTES, MAX_ROWS, open_workbook
from pulse.surveys.xlsform.writer import write_workbook, write_xlsform

__all__ = ["MAX_BYTES", "MAX_ROWS", "read_xlsform", "write_workbook", "write_xlsform"]


def read_xlsform(file: bytes | BinaryIO) -> Definition:
    """The definition in an XLSForm workbook.

    Raises
    ------
    DefinitionError
        Listing every problem once, each located by sheet, row (as Excel numbers it) and column
        heading, for example ``survey row 7, column "type"``. Nothing is returned on error.
    """
    sheets = open_workbook(file)
    report, locator = Report(), Locator()
    locator.add(("sections",), Cell("survey"))
    settings = read_settings(sheets.get("settings"), report, locator)
    lists = read_choices(sheets.get("choices"), report)
    survey = read_table(sheets["survey"], SURVEY_COLUMNS, report)
    sections = []
    if not survey.rows:
        report.add(
            Cell("survey"), "The survey sheet has no questions. Add one row for each question."
        )
    elif require_columns(survey, ("type", "name", "label"), report):
        title = str(settings.get("title") or "Questions")
        sections = SurveyReader(survey, lists, report, locator, title).read()
    if report.entries:
        raise report.error()
    try:
        return parse_definition({**settings, "sections": sections})
    except DefinitionError as error:
        for problem in error.problems:
            report.add(locator.find(problem.path), problem.message)
        raise report.error() from None
