"""A challenge's ideas as CSV or Excel, for the design group.

The "Posted by" column comes from `displayed_author`, so an idea posted as "A colleague" never
names its author. Text that a spreadsheet would take for a formula (starting with =, +, -, @,
a tab or a carriage return) is written with a leading apostrophe, as OWASP advises for CSV, so
it is only ever text; in Excel the cell is also typed as text.
"""

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

from pulse.ideas.authorship import displayed_author
from pulse.ideas.models import Idea
from pulse.ideas.presenters.common import count_or_zero

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADINGS = (
    "Idea number",
    "Title",
    "Description",
    "Posted by",
    "Principles",
    "Stage",
    "Supports",
    "Comments",
    "Posted on",
    "Latest feedback",
    "Hidden by a moderator",
)
Row = Sequence[str | int]


def safe_text(value: str | int) -> str | int:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def idea_rows(ideas: list[Idea]) -> list[Row]:
    rows: list[Row] = []
    for idea in ideas:
        latest = next(iter(getattr(idea, "latest", [])), None)
        rows.append(
            (
                idea.pk,
                idea.title,
                idea.description,
                displayed_author(idea),
                ", ".join(idea.principle_codes),
                idea.stage.name,
                count_or_zero(idea, "support_count"),
                count_or_zero(idea, "comment_count"),
                idea.created_at.date().isoformat(),
                latest.feedback if latest else "",
                "Yes" if idea.is_hidden else "No",
            )
        )
    return rows


def to_csv(rows: list[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow([safe_text(value) for value in row])
    # A byte order mark so Excel opens the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: list[Row], sheet_title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31] or "Ideas"
    sheet.append(HEADINGS)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column, value=safe_text(value))
            if isinstance(value, str):
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = (
            50
            if cell.value
            in {
                "Title",
                "Description",
                "Latest feedback",
            }
            else 16
        )
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
