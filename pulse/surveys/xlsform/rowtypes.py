"""The ``type`` column of the survey sheet."""

from __future__ import annotations

from dataclasses import dataclass

from pulse.surveys.xlsform.choices import AGREEMENT_LIST, PLACES_LIST, ChoiceLists

SUPPORTED_TYPES = "Use select_one, select_multiple, text, integer or note."
_SIMPLE = {"text": "free_text", "integer": "number", "note": "note"}
_METADATA = (
    "start", "end", "today", "deviceid", "username", "phonenumber", "email", "audit",
    "simserial", "subscriberid", "start-geopoint", "background-audio", "uri:email",
)  # fmt: skip
_SELECT = ("select_one", "select_multiple")


@dataclass(frozen=True)
class RowType:
    """What a survey row is: a question of a definition type, or the start or end of a group."""

    kind: str  # "question", "begin_group" or "end_group"
    qtype: str = ""
    list_name: str | None = None


def parse_type(value: str, lists: ChoiceLists) -> RowType | str:
    """The row type, or a message saying why ``value`` is not supported."""
    words = value.split()
    first = words[0].lower()
    joined = "_".join(word.lower() for word in words)
    if joined in ("begin_group", "end_group"):
        return RowType(kind=joined)
    if joined in ("begin_repeat", "end_repeat"):
        return "Repeats are not supported. (A layer grid question is repeated for each layer automatically.)"
    if len(words) == 1 and first in _SIMPLE:
        return RowType(kind="question", qtype=_SIMPLE[first])
    if first in _SELECT:
        return _select(first, words[1:], lists)
    if first.startswith(_SELECT):
        return f'"{value}" is not supported: list the choices on the choices sheet and use select_one or select_multiple.'
    if first in _METADATA:
        return (
            f'"{value}" is not supported: the survey records nothing about respondents or their '
            "devices, to keep responses anonymous. Delete this row."
        )
    return f'"{value}" is not a supported question type. {SUPPORTED_TYPES}'


def _select(first: str, rest: list[str], lists: ChoiceLists) -> RowType | str:
    if len(rest) == 2 and rest[1].lower() == "or_other":
        return 'or_other is not supported: add an "other" choice, and a text question shown when it is selected.'
    if len(rest) != 1:
        return (
            f"{first} must be followed by the name of one choice list, for example {first} yes_no."
        )
    list_name = rest[0]
    multiple = first == "select_multiple"
    if list_name == AGREEMENT_LIST:
        if multiple:
            return f"{AGREEMENT_LIST} is the agreement scale, which takes one answer: use select_one {AGREEMENT_LIST}."
        return RowType(kind="question", qtype="agreement", list_name=list_name)
    if list_name == PLACES_LIST:
        if multiple:
            return f"A respondent chooses one place: use select_one {PLACES_LIST}."
        return RowType(kind="question", qtype="place", list_name=list_name)
    if list_name not in lists.lists:
        return f'There is no choice list called "{list_name}" on the choices sheet.'
    qtype = "multiple_choice" if multiple else "single_choice"
    return RowType(kind="question", qtype=qtype, list_name=list_name)
