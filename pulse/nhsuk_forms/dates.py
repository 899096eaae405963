"""A date field entered as day, month and year: the NHS design system's date input.

`NhsDateField(label="Opening date", error_messages={"required": "Enter the opening date"})`
reads `<name>_day`, `<name>_month` and `<name>_year` and gives NHS error messages:
"Opening date must include a month", "Opening date must be a real date". Months may be typed as
numbers or names ("3", "Mar", "March").
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms

PARTS = ("day", "month", "year")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


class NhsDateInput(forms.Widget):
    """Three text inputs; the value is a mapping of the parts as typed (or a date)."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str]:
        return {part: str(data.get(f"{name}_{part}", "")) for part in PARTS}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}_{part}" in data for part in PARTS)


def date_parts(value: object) -> dict[str, str]:
    """The day, month and year to show in the inputs, from a date or the parts as typed."""
    if isinstance(value, date):
        return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
    if isinstance(value, Mapping):
        return {part: str(value.get(part) or "") for part in PARTS}
    return dict.fromkeys(PARTS, "")


@dataclass(frozen=True)
class DateProblem:
    """What is wrong with the typed parts, and which inputs to highlight."""

    message: str
    parts: tuple[str, ...]


def _number(part: str, text: str) -> int | None:
    if part == "month" and text.lower() in MONTHS:
        return MONTHS[text.lower()]
    return int(text) if text.isdigit() else None


def check_parts(label: str, parts: Mapping[str, str]) -> DateProblem | date | None:
    """None when every part is blank, the date when the parts make one, otherwise the problem."""
    typed = {part: parts.get(part, "").strip() for part in PARTS}
    missing = tuple(part for part in PARTS if not typed[part])
    if len(missing) == len(PARTS):
        return None
    if missing:
        return DateProblem(f"{label} must include a {' and '.join(missing)}", missing)
    numbers = {part: _number(part, typed[part]) for part in PARTS}
    invalid = tuple(part for part in PARTS if numbers[part] is None)
    if invalid:
        return DateProblem(f"{label} must be a real date", invalid)
    if len(typed["year"]) != 4:
        return DateProblem(f"Year of the {label.lower()} must include 4 numbers", ("year",))
    try:
        return date(numbers["year"], numbers["month"], numbers["day"])  # type: ignore[arg-type]
    except ValueError:
        return DateProblem(f"{label} must be a real date", PARTS)


class NhsDateField(forms.Field):
    widget = NhsDateInput

    def to_python(self, value: Any) -> date | None:
        if value is None or isinstance(value, date):
            return value
        result = check_parts(str(self.label), value)
        if isinstance(result, DateProblem):
            raise forms.ValidationError(result.message, code="invalid_date")
        return result


def problem_parts(label: str, value: object) -> tuple[str, ...]:
    """The inputs to highlight for a field with an error: the faulty parts, or all three."""
    if isinstance(value, Mapping):
        result = check_parts(label, value)
        if isinstance(result, DateProblem):
            return result.parts
    return PARTS
