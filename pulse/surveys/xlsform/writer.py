"""Writing a definition as an XLSForm workbook."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from pulse.surveys.definition import AGREEMENT_SCALE, PREFER_NOT_TO_SAY, Definition, Question
from pulse.surveys.xlsform.choices import AGREEMENT_LIST, PLACES_LIST
from pulse.surveys.xlsform.columns import CHOICES_COLUMNS, SETTINGS_COLUMNS, SURVEY_COLUMNS
from pulse.surveys.xlsform.relevant import format_relevant

#: Text starting with one of these would be taken for a formula by a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@")
_WIDE_COLUMNS = ("label", "hint", "description", "form_title")
_TYPES = {"free_text": "text", "number": "integer", "note": "note"}

SheetRows = Sequence[Sequence[object]]


def write_xlsform(definition: Definition) -> bytes:
    """The definition as an XLSForm workbook that ``read_xlsform`` turns back into it."""
    settings = (
        definition.key,
        definition.version,
        definition.title,
        definition.description,
        definition.estimated_minutes,
    )
    return write_workbook(
        {
            "survey": [SURVEY_COLUMNS, *_survey_rows(definition)],
            "choices": [CHOICES_COLUMNS, *_choice_rows(definition)],
            "settings": [SETTINGS_COLUMNS, settings],
        }
    )


def write_workbook(sheets: Mapping[str, SheetRows]) -> bytes:
    """Write sheets of rows (the first row being the headings) to .xlsx bytes.

    Text that looks like a formula is stored as text with Excel's apostrophe prefix, never as
    a formula; blank and ``None`` values leave the cell empty.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        for row_number, row in enumerate(rows, start=1):
            for column_number, value in enumerate(row, start=1):
                if value is not None and value != "":
                    set_cell(worksheet.cell(row=row_number, column=column_number), value)
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
            wide = str(cell.value) in _WIDE_COLUMNS or str(cell.value).startswith("label")
            worksheet.column_dimensions[cell.column_letter].width = 60 if wide else 16
        worksheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def set_cell(cell: Cell, value: object) -> None:
    """Store ``value``, escaping text that a spreadsheet would take for a formula."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True


def _survey_rows(definition: Definition) -> list[tuple[object, ...]]:
    rows = []
    for section in definition.sections:
        rows.append(
            _row(type="begin group", name=section.key, label=section.title, hint=section.intro)
        )
        rows.extend(_question_row(question) for question in section.questions)
        rows.append(_row(type="end group"))
    return rows


def _row(**values: object) -> tuple[object, ...]:
    return tuple(values.get(column) for column in SURVEY_COLUMNS)


def _question_row(question: Question) -> tuple[object, ...]:
    def yes(flag: bool) -> str | None:
        return "yes" if flag else None

    return _row(
        type=_type(question),
        name=question.key,
        label=question.text,
        hint=question.hint,
        required=("yes" if question.required else "no") if question.is_answered else None,
        relevant=format_relevant(question.show_if) if question.show_if else None,
        construct=question.construct,
        principle=question.principle,
        layer=question.layer,
        reverse=yes(question.reverse),
        dimension=question.dimension,
        equality=yes(question.equality),
        min=question.min,
        max=question.max,
        layer_grid=yes(question.type == "layer_grid"),
    )


def list_name(question: Question) -> str:
    """The choice list of a choice question: its key, unless that is a reserved list name.

    Keys never contain a double underscore, so ``<key>__choices`` cannot clash with another key.
    """
    return (
        f"{question.key}__choices"
        if question.key in (AGREEMENT_LIST, PLACES_LIST)
        else question.key
    )


def _type(question: Question) -> str:
    if question.type in ("agreement", "layer_grid"):
        return f"select_one {AGREEMENT_LIST}"
    if question.type == "place":
        return f"select_one {PLACES_LIST}"
    if question.type == "single_choice":
        return f"select_one {list_name(question)}"
    if question.type == "multiple_choice":
        return f"select_multiple {list_name(question)}"
    return _TYPES[question.type]


def _choice_rows(definition: Definition) -> list[tuple[object, ...]]:
    questions = definition.questions()
    rows: list[tuple[object, ...]] = []
    if any(question.type in ("agreement", "layer_grid") for question in questions):
        rows.extend((AGREEMENT_LIST, point.code, point.label) for point in AGREEMENT_SCALE)
    if any(question.type == "place" for question in questions):
        # The ICS's own places are added when a wave runs; this row keeps the list valid XLSForm.
        rows.append((PLACES_LIST, PREFER_NOT_TO_SAY, "Prefer not to say"))
    for question in questions:
        rows.extend((list_name(question), o.code, o.label) for o in question.options)
    return rows
