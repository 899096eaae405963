"""Reading a participant list: an email address for each person and, optionally, their
profession group, sector and place (codes or labels), used only as response-rate denominators.

Every problem is found in one pass and reported with the row it is on; the caller imports
nothing unless there are none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from pulse.surveys.models import DENOMINATOR_FIELDS
from pulse.surveys.tabular import Table, TableError, TableRow

FIELD_HEADINGS = {
    "email": ("email", "email address", "e mail", "e mail address", "work email", "emails"),
    "profession_group": ("profession group", "profession", "professional group"),
    "sector": ("sector",),
    "place": ("place",),
}
FIELD_NAMES = {
    "profession_group": "profession group",
    "sector": "sector",
    "place": "place",
}
MAX_EMAIL_CHARS = 254


@dataclass(frozen=True)
class Choice:
    """An accepted value of a denominator field: its code and label."""

    code: str
    label: str


@dataclass(frozen=True)
class RowProblem:
    label: str  # "Line 4"
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


@dataclass
class ParticipantsFile:
    people: list[dict[str, str]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    already_listed: int = 0
    ignored_headings: list[str] = field(default_factory=list)


def normalise(text: str) -> str:
    """Lower case, words only: "E-mail Address " -> "e mail address"."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _lookup(choices: Sequence[Choice]) -> dict[str, str]:
    """Accepted spellings -> code: the code, the label, and the label before its brackets."""
    found: dict[str, str] = {}
    for choice in choices:
        short = choice.label.split(" (")[0]
        for spelling in (choice.code, choice.label, short):
            found.setdefault(normalise(spelling), choice.code)
    return found


def _columns(headings: Sequence[str]) -> tuple[dict[str, int], list[str]]:
    """Which column holds each field; raises TableError when the file cannot be used."""
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, heading in enumerate(headings):
        name = normalise(heading)
        field_name = next((f for f, names in FIELD_HEADINGS.items() if name in names), None)
        if field_name is None:
            if heading:
                ignored.append(heading)
            continue
        if field_name in columns:
            raise TableError(f"The file has 2 columns headed \u201c{heading}\u201d. Keep one")
        columns[field_name] = index
    if "email" not in columns:
        if any("@" in heading for heading in headings):
            raise TableError(
                "The first row must name the columns, like Email, Profession group, Sector, "
                "Place. Add a heading row"
            )
        raise TableError("The file must have a column headed \u201cEmail\u201d")
    return columns, ignored


def _email(row: TableRow, index: int) -> tuple[str, str | None]:
    value = row.cell(index).strip().strip("<>").strip()
    if not value:
        return "", "Enter an email address"
    try:
        if len(value) > MAX_EMAIL_CHARS:
            raise ValidationError("too long")
        validate_email(value)
    except ValidationError:
        return "", f"\u201c{value[:100]}\u201d is not a valid email address"
    return value.lower(), None


def read_participants(
    table: Table,
    *,
    choices: Mapping[str, Sequence[Choice] | None],
    existing: Iterable[str],
) -> ParticipantsFile:
    """The people in a table. `choices`: field -> accepted values, or None when the survey
    does not ask about that field. `existing`: addresses already on the list (not added
    again)."""
    columns, ignored = _columns(table.headings)
    result = ParticipantsFile(ignored_headings=ignored)
    for name in DENOMINATOR_FIELDS:
        if name in columns and choices.get(name) is None:
            if any(row.cell(columns[name]) for row in table.rows):
                raise TableError(
                    f"This survey does not ask for the {FIELD_NAMES[name]}, so the file "
                    f"cannot use it. Delete the \u201c{table.headings[columns[name]]}\u201d column"
                )
            del columns[name]
    lookups = {name: _lookup(choices.get(name) or ()) for name in DENOMINATOR_FIELDS}
    listed = set(existing)
    seen: dict[str, str] = {}
    if not table.rows:
        raise TableError("The file has headings but no people. Add one person on each row")
    for row in table.rows:
        _read_row(row, columns, lookups, listed, seen, result)
    return result


def _read_row(
    row: TableRow,
    columns: dict[str, int],
    lookups: dict[str, dict[str, str]],
    listed: set[str],
    seen: dict[str, str],
    result: ParticipantsFile,
) -> None:
    email, problem = _email(row, columns["email"])
    problems = [problem] if problem else []
    person = {"email": email}
    for name in DENOMINATOR_FIELDS:
        if name not in columns:
            continue
        raw = row.cell(columns[name])
        code = lookups[name].get(normalise(raw)) if raw else ""
        if code is None:
            article = "one of your places" if name == "place" else f"a {FIELD_NAMES[name]}"
            problems.append(f"\u201c{raw[:100]}\u201d is not {article} in this survey")
        person[name] = code or ""
    if email and email in seen:
        problems.append(f"{email} is also on {seen[email].lower()}")
    elif email:
        seen[email] = row.label
    for message in problems:
        result.problems.append(RowProblem(row.label, message))
    if problems:
        return
    if email in listed:
        result.already_listed += 1
        return
    result.people.append(person)
