"""The choices sheet: named lists of coded answer options."""

from __future__ import annotations

from dataclasses import dataclass, field

from pulse.surveys.definition import AGREEMENT_SCALE
from pulse.surveys.xlsform.columns import CHOICES_COLUMNS, Table, read_table, require_columns
from pulse.surveys.xlsform.locations import Cell, Report
from pulse.surveys.xlsform.workbook import Sheet

AGREEMENT_LIST = "agree5"
PLACES_LIST = "places"


@dataclass(frozen=True)
class Choice:
    row: int
    name: str
    label: str | None


@dataclass
class ChoiceLists:
    table: Table | None = None
    lists: dict[str, list[Choice]] = field(default_factory=dict)

    def cell(self, row: int, column: str) -> Cell:
        return self.table.cell(row, column) if self.table else Cell("choices", row, column)


def read_choices(sheet: Sheet | None, report: Report) -> ChoiceLists:
    """Every list on the choices sheet except ``places`` (whose rows come from the ICS)."""
    if sheet is None:
        return ChoiceLists()
    table = read_table(sheet, CHOICES_COLUMNS, report)
    found = ChoiceLists(table=table)
    if not table.rows or not require_columns(table, CHOICES_COLUMNS[:2], report):
        return found
    for row in table.rows:
        list_name, name = table.get(row, "list_name"), table.get(row, "name")
        if list_name is None:
            report.add(
                table.cell(row.number, "list_name"),
                "Enter the name of the list this choice belongs to.",
            )
            continue
        if str(list_name) == PLACES_LIST:
            continue
        if name is None:
            report.add(
                table.cell(row.number, "name"),
                "Enter a name: the code stored when this choice is selected.",
            )
            continue
        choices = found.lists.setdefault(str(list_name), [])
        first = next((c.row for c in choices if c.name == str(name)), None)
        if first is not None:
            report.add(
                table.cell(row.number, "name"),
                f'"{name}" is already used in the list "{list_name}" (row {first}). '
                "Each choice in a list needs a different name.",
            )
            continue
        label = table.get(row, "label")
        choices.append(Choice(row.number, str(name), None if label is None else str(label)))
    _check_agreement_list(found, report)
    return found


def _normalise(label: str | None) -> str:
    return (label or "").replace("\u2019", "'").casefold()


def _check_agreement_list(found: ChoiceLists, report: Report) -> None:
    choices = found.lists.get(AGREEMENT_LIST)
    if choices is None:
        return
    standard = {point.code: point.label for point in AGREEMENT_SCALE}
    for choice in choices:
        expected = standard.pop(choice.name, None)
        if expected is None:
            report.add(
                found.cell(choice.row, "name"),
                f'The list "{AGREEMENT_LIST}" is the standard agreement scale, which has no choice '
                f'"{choice.name}". Use another list name for your own scale.',
            )
        elif _normalise(choice.label) != _normalise(expected):
            report.add(
                found.cell(choice.row, "label"),
                f'In the standard agreement scale, choice {choice.name} is "{expected}". Use '
                "another list name for your own scale.",
            )
    if standard and choices:
        report.add(
            found.cell(choices[0].row, "list_name"),
            f'The list "{AGREEMENT_LIST}" is missing the standard choices '
            f"{', '.join(standard)}. Add them, or delete the list: it is built in.",
        )
