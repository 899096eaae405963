"""The survey sheet: groups become sections and rows become questions."""

from __future__ import annotations

import re
from typing import Any

from pulse.surveys.definition.model import Path
from pulse.surveys.xlsform.choices import ChoiceLists
from pulse.surveys.xlsform.columns import Table
from pulse.surveys.xlsform.locations import Cell, Locator, Report
from pulse.surveys.xlsform.relevant import parse_relevant
from pulse.surveys.xlsform.rowtypes import RowType, parse_type
from pulse.surveys.xlsform.values import as_boolean, as_integer, as_text
from pulse.surveys.xlsform.workbook import Row

#: definition field -> survey column, for reporting a definition problem at the right cell
QUESTION_COLUMNS = {
    "key": "name", "type": "type", "text": "label", "hint": "hint", "required": "required",
    "show_if": "relevant", "options": "type", "construct": "construct", "principle": "principle",
    "layer": "layer", "reverse": "reverse", "dimension": "dimension", "equality": "equality",
    "min": "min", "max": "max",
}  # fmt: skip
SECTION_COLUMNS = {"key": "name", "title": "label", "intro": "hint", "questions": "type"}
_TEXT_COLUMNS = {"label": "text", "hint": "hint", "construct": "construct",
                 "principle": "principle", "layer": "layer", "dimension": "dimension"}  # fmt: skip
_NOT_ON_GROUPS = ("required", "construct", "principle", "layer", "reverse", "dimension",
                  "equality", "min", "max", "layer_grid")  # fmt: skip
NAME_EXAMPLE = (
    'a short code in lowercase letters, digits and underscores, for example "shape_vision"'
)


class SurveyReader:
    """Reads survey rows into definition sections, registering every cell with the locator."""

    def __init__(
        self, table: Table, lists: ChoiceLists, report: Report, locator: Locator, title: str
    ) -> None:
        self.table, self.lists, self.report, self.locator = table, lists, report, locator
        self.title = title
        self.sections: list[dict[str, Any]] = []
        self.group: dict[str, Any] | None = None
        self.group_row = 0
        self.nested = 0
        self.implicit: dict[str, Any] | None = None
        self.implicit_sections: list[dict[str, Any]] = []
        self.names: dict[str, int] = {}
        self.earlier: dict[str, str] = {}

    def read(self) -> list[dict[str, Any]]:
        for row in self.table.rows:
            self._row(row)
        if self.group is not None:
            self.problem(
                self.group_row,
                "type",
                'This group has no "end group" row. Add one after its last question.',
            )
        self._name_implicit_sections()
        return self.sections

    def problem(self, row: int, column: str, message: str) -> None:
        self.report.add(self.table.cell(row, column), message)

    def _row(self, row: Row) -> None:
        value = self.table.get(row, "type")
        if value is None:
            self.problem(row.number, "type", "This row has no type. Enter a type, such as text, "
                         "note or select_one followed by a list name, or delete the row.")  # fmt: skip
            return
        parsed = parse_type(as_text(value), self.lists)
        if isinstance(parsed, str):
            self.problem(row.number, "type", parsed)
        elif parsed.kind == "begin_group":
            self._begin_group(row)
        elif parsed.kind == "end_group":
            self._end_group(row)
        else:
            self._question(row, parsed)

    def _begin_group(self, row: Row) -> None:
        if self.group is not None:
            self.nested += 1
            self.problem(row.number, "type", "Groups inside groups are not supported: each group is "
                         'one page of the survey. Add an "end group" row before this one.')  # fmt: skip
            return
        for column in ("relevant", *_NOT_ON_GROUPS):
            if self.table.get(row, column) is not None:
                self.problem(row.number, column, _not_on_group(column))
        path: Path = ("sections", len(self.sections))
        self._locate(path, row.number, SECTION_COLUMNS)
        section: dict[str, Any] = {"key": self._name(row, "group"), "questions": []}
        for column, name in (("label", "title"), ("hint", "intro")):
            if (value := self.table.get(row, column)) is not None:
                section[name] = as_text(value)
        self.sections.append(section)
        self.group, self.group_row, self.implicit = section, row.number, None

    def _end_group(self, row: Row) -> None:
        if self.nested:
            self.nested -= 1
        elif self.group is None:
            self.problem(
                row.number, "type", 'This "end group" row has no "begin group" row above it.'
            )
        else:
            self.group = None

    def _section(self, row: Row) -> tuple[Path, dict[str, Any]]:
        """The section a question row belongs to, starting an implicit one outside groups."""
        if self.group is None and self.implicit is None:
            self.implicit = {"title": self.title, "questions": []}
            path: Path = ("sections", len(self.sections))
            self.locator.add(path, self.table.cell(row.number, "type"))
            self.locator.add((*path, "title"), self.locator.find(("title",)))
            self.sections.append(self.implicit)
            self.implicit_sections.append(self.implicit)
        section = self.group or self.implicit or {}
        return ("sections", self.sections.index(section)), section

    def _question(self, row: Row, parsed: RowType) -> None:
        section_path, section = self._section(row)
        path: Path = (*section_path, "questions", len(section["questions"]))
        self._locate(path, row.number, QUESTION_COLUMNS)
        question: dict[str, Any] = {"key": self._name(row, "question"), "type": parsed.qtype}
        for column, name in _TEXT_COLUMNS.items():
            if (value := self.table.get(row, column)) is not None:
                question[name] = as_text(value)
        self._flags(row, parsed, question)
        self._numbers(row, question)
        self._relevant(row, question)
        if parsed.qtype in ("single_choice", "multiple_choice") and parsed.list_name:
            question["options"] = self._options(path, parsed.list_name)
        section["questions"].append(question)
        if question["key"]:
            self.earlier[question["key"]] = question["type"]

    def _name(self, row: Row, what: str) -> str | None:
        value = self.table.get(row, "name")
        if value is None:
            self.problem(row.number, "name", f"Enter a name for this {what}: {NAME_EXAMPLE}.")
            return None
        name = as_text(value)
        if name in self.names:
            self.problem(row.number, "name", f'"{name}" is already used in row {self.names[name]}. '
                         "Each name must be different.")  # fmt: skip
        else:
            self.names[name] = row.number
        return name

    def _flags(self, row: Row, parsed: RowType, question: dict[str, Any]) -> None:
        for column in ("required", "reverse", "equality", "layer_grid"):
            value = self.table.get(row, column)
            flag = None if value is None else as_boolean(value)
            if value is not None and flag is None:
                self.problem(row.number, column, f'"{value}" is not yes or no. Enter yes or no.')
            elif column == "required" and value is None and parsed.qtype != "note":
                question["required"] = False
            elif column == "required" and flag is not None:
                question["required"] = flag
            elif column == "layer_grid" and flag and parsed.qtype != "agreement":
                self.problem(
                    row.number, column, "Only a select_one agree5 question can be a layer grid."
                )
            elif column == "layer_grid" and flag:
                question["type"] = "layer_grid"
            elif flag:
                question[column] = True

    def _numbers(self, row: Row, question: dict[str, Any]) -> None:
        for column in ("min", "max"):
            value = self.table.get(row, column)
            if value is None:
                continue
            number = as_integer(value)
            if number is None:
                self.problem(
                    row.number,
                    column,
                    f'"{value}" is not a whole number. Enter a whole number, for example 0.',
                )
            question[column] = number

    def _relevant(self, row: Row, question: dict[str, Any]) -> None:
        value = self.table.get(row, "relevant")
        if value is None:
            return
        condition = parse_relevant(as_text(value), self.earlier)
        if isinstance(condition, str):
            self.problem(row.number, "relevant", condition)
        else:
            question["show_if"] = condition

    def _options(self, path: Path, list_name: str) -> list[dict[str, str]]:
        options = []
        for index, choice in enumerate(self.lists.lists[list_name]):
            option_path = (*path, "options", index)
            self.locator.add(option_path, Cell("choices", choice.row))
            self.locator.add((*option_path, "code"), self.lists.cell(choice.row, "name"))
            self.locator.add((*option_path, "label"), self.lists.cell(choice.row, "label"))
            option = {"code": choice.name}
            if choice.label is not None:
                option["label"] = choice.label
            options.append(option)
        return options

    def _locate(self, path: Path, row: int, columns: dict[str, str]) -> None:
        self.locator.add(path, self.table.cell(row))
        for name, column in columns.items():
            self.locator.add((*path, name), self.table.cell(row, column))

    def _name_implicit_sections(self) -> None:
        """Key each implicit section after the form title, avoiding every name in the form."""
        taken = set(self.names)
        for section in self.implicit_sections:
            base = _snake(self.title) or "questions"
            key, suffix = base, 1
            while key in taken:
                suffix += 1
                key = f"{base[:58]}_{suffix}"
            taken.add(key)
            section["key"] = key


def _snake(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    key = "_".join(words)[:56].strip("_")
    return f"section_{key}" if key[:1].isdigit() else key


def _not_on_group(column: str) -> str:
    if column == "relevant":
        return "Conditions on whole groups are not supported: put the condition on each question in the group."
    return f"A group (one page of the survey) cannot have a {column} value. Clear this cell."
