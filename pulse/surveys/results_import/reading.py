"""Reading an export from another survey tool (SurveyMonkey, Microsoft Forms, LimeSurvey...).

- Columns of personal details are dropped at once: names, email addresses, IP addresses,
  phone numbers, the other tool's respondent and collector ids, custom data. They are found by
  their heading and by their values (a column of email or IP addresses).
- Columns of timestamps are reduced to the date: the time is never kept.
- SurveyMonkey's second heading row ("Response", "Open-Ended Response", option labels) is
  joined to the first.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from datetime import date

from pulse.surveys.participants_file import normalise
from pulse.surveys.tabular import Table, TableRow, headings_from, read_table

PERSONAL_HEADINGS = (
    r"(respondent|collector|response|submission|user|participant|external|record|result) ?id",
    r"id|uuid|token|seed",
    r"(e ?mail|email)( address)?|respondent e ?mail|user ?name|login",
    r"(first|last|full|given|family|sur|fore|display|respondent|your) ?name|name",
    r"ip( address)?|ip ?v[46]( address)?",
    r"(phone|telephone|mobile)( number)?",
    r"custom (data|variable|field|value)( \d+)?",
    r"(post ?code|latitude|longitude|location|address)",
    r"(user agent|browser|device|operating system|referr?er( url)?|url)",
)
_PERSONAL = re.compile(r"^(?:" + "|".join(PERSONAL_HEADINGS) + r")$")
_DATE_HEADING = re.compile(r"\b(date|time|timestamp|submitted|completed|started|modified)\b")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_NUMERIC = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?\s*([AaPp][Mm])?)?$"
)
SUB_HEADINGS = ("response", "open ended response")


@dataclass(frozen=True)
class Column:
    index: int  # in the file
    heading: str
    kind: str  # "answer" or "date"


@dataclass
class Export:
    columns: list[Column] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_export(name: str, data: bytes) -> Export:
    """The answer and date columns of an export; raises `TableError` for an unreadable file."""
    table = read_table(name, data)
    table = _join_sub_headings(table)
    export = Export()
    for index, heading in enumerate(table.headings):
        values = [row.cell(index) for row in table.rows if row.cell(index)]
        label = heading or f"Column {index + 1}"
        if _is_personal(heading, values):
            export.dropped.append(label)
        elif values and _is_dates(heading, values):
            export.columns.append(Column(index, label, "date"))
        elif values:
            export.columns.append(Column(index, label, "answer"))
    export.rows = list(table.rows)
    return export


def _join_sub_headings(table: Table) -> Table:
    """SurveyMonkey puts a second heading row under the questions: join it to the first."""
    if not table.rows:
        return table
    first = table.rows[0]
    words = {normalise(cell) for cell in first.cells if cell}
    if not words & set(SUB_HEADINGS):
        return table
    headings = headings_from([table.headings, first.cells])
    return Table(headings=headings, rows=table.rows[1:], kind=table.kind)


def _is_personal(heading: str, values: list[str]) -> bool:
    if _PERSONAL.match(normalise(heading)):
        return True
    sample = values[:200]
    if not sample:
        return False
    identifying = sum(1 for v in sample if _EMAIL.match(v) or _is_ip(v))
    return identifying * 2 >= len(sample)


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value.strip())
    except ValueError:
        return False
    return True


def _is_dates(heading: str, values: list[str]) -> bool:
    """Mostly dates under a heading that says so, or nearly all dates under any other."""
    parsed = sum(1 for v in values if _looks_like_date(v))
    share = 0.5 if _DATE_HEADING.search(normalise(heading)) else 0.8
    return parsed >= 1 and parsed >= share * len(values)


def _looks_like_date(value: str) -> bool:
    return bool(_ISO.match(value.strip()) or _NUMERIC.match(value.strip()))


def day_first(values: list[str]) -> bool:
    """Whether a column's numeric dates are day/month/year (as in England) or month/day/year
    (as in SurveyMonkey's American exports). Decided by a part above 12, then by AM/PM."""
    us_clock = False
    for value in values:
        match = _NUMERIC.match(value.strip())
        if match is None:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12:
            return True
        if second > 12:
            return False
        us_clock = us_clock or bool(match.group(4))
    return not us_clock


def to_date(value: str, *, day_first_order: bool) -> date | None:
    """The date part of a timestamp; None when it is not a date."""
    text = value.strip()
    try:
        if match := _ISO.match(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _NUMERIC.match(text):
            a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
            year = year + 2000 if year < 100 else year
            return date(year, b, a) if day_first_order else date(year, a, b)
    except ValueError:
        return None
    return None
