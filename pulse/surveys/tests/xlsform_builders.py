"""Test helpers: raw XLSForm workbooks as an analyst writes them, and valid definitions.

The workbooks here are written cell by cell with openpyxl (not with ``write_xlsform``), so a
formula is a real formula and a TRUE is a real Excel boolean.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from hypothesis import strategies as st
from openpyxl import Workbook

from pulse.surveys.definition import LAYERS, PREFER_NOT_TO_SAY, Definition, parse_definition
from pulse.surveys.xlsform_example import ICS_AREAS, PRINCIPLES, PROFESSION_GROUPS, code_for

SheetRows = Sequence[Sequence[object]]


def valid_data() -> dict[str, Any]:
    """A small definition using every question type, dimension and kind of condition."""
    return {
        "key": "test-survey",
        "version": 1,
        "title": "Test survey",
        "description": "A survey used by the tests.",
        "estimated_minutes": 5,
        "sections": [
            {
                "key": "about_you",
                "title": "About you",
                "intro": "Questions about you.",
                "questions": [
                    {"key": "profession", "type": "single_choice", "text": "Your profession?", "dimension": "profession_group",
                     "options": [{"code": "nursing", "label": "Nurse"}, {"code": "medicine", "label": "Doctor"}]},
                    {"key": "layers", "type": "multiple_choice", "text": "Where do you lead?", "dimension": "layer",
                     "options": [{"code": "system", "label": "System"}, {"code": "place", "label": "Place"}]},
                    {"key": "home_place", "type": "place", "text": "Your place?", "dimension": "place", "required": False},
                    {"key": "age_band", "type": "single_choice", "text": "Your age?", "equality": True, "required": False,
                     "options": [{"code": "under_40", "label": "Under 40"}, {"code": "prefer_not_to_say", "label": "Prefer not to say"}]},
                ],
            },
            {
                "key": "involvement",
                "title": "Involvement",
                "questions": [
                    {"key": "info", "type": "note", "text": "About your involvement."},
                    {"key": "shape_vision", "type": "layer_grid", "text": "I help shape the vision.", "construct": "involvement", "principle": "P1"},
                    {"key": "place_voice", "type": "agreement", "text": "My voice counts at place.", "layer": "place", "reverse": True,
                     "show_if": {"question": "layers", "includes": "place"}},
                    {"key": "why_not", "type": "free_text", "text": "Why not?", "required": False,
                     "show_if": {"question": "place_voice", "equals": "1"}},
                    {"key": "nurse_years", "type": "number", "text": "Years as a nurse?", "min": 0, "max": 60,
                     "show_if": {"question": "profession", "equals": "nursing"}},
                ],
            },
        ],
    }  # fmt: skip


def build_workbook(sheets: Mapping[str, SheetRows]) -> bytes:
    """An .xlsx with one sheet per entry, rows appended as given (formulas stay formulas)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SETTINGS: list[list[object]] = [
    ["form_id", "version", "form_title", "description"],
    ["staff-views", 2, "Staff views", "A short survey."],
]


def minimal_sheets() -> dict[str, list[list[object]]]:
    """A small valid form: rows 2-4 of the survey are a group with two questions."""
    return {
        "survey": [
            ["type", "name", "label", "hint", "required", "relevant"],
            ["begin group", "views", "Your views"],
            ["select_one yes_no", "involved", "Do you feel involved?", None, "yes"],
            ["text", "why", "Why?", None, "no", "${involved} = 'no'"],
            ["end group"],
        ],
        "choices": [
            ["list_name", "name", "label"],
            ["yes_no", "yes", "Yes"],
            ["yes_no", "no", "No"],
        ],
        "settings": [list(row) for row in SETTINGS],
    }


def seed_003_workbook() -> bytes:
    """The seed 003 consultation survey, in the mixed styles real spreadsheets have."""
    survey: list[list[object]] = [
        ["type", "name", "label::English (en)", "hint::English (en)", "required", "relevant",
         "dimension", "construct"],
    ]  # fmt: skip
    for number, principle in enumerate(PRINCIPLES, start=1):
        begin, end = ("begin_group", "end_group") if number % 2 else ("begin group", "end group")
        survey += [
            [begin, f"principle_{number}", f"Principle {number}", principle],
            ["select_one agree5", f"principle_{number}_right", "This principle is the right one to support an ICS to develop effective clinical and care professional arrangements?", None, True, None, None, "principle_support"],
            ["text", f"principle_{number}_comment", "If you wish, please make a comment to explain your response"],
            [end],
        ]  # fmt: skip
    survey += [
        ["begin group", "further_views", "Further views"],
        ["select_one yes_no", "additional_principles", "Are there any additional principles that you believe are key to ensuring the development of effective clinical and care professional arrangements in an ICS?", None, "Yes"],
        ["text", "additional_principles_detail", "If yes, briefly describe them below", None, None, '${additional_principles}="yes"'],
        ["select_one agree5", "inclusive", "The draft principles above will ensure that clinical and care professional arrangements in an ICS are inclusive of a wide range of disciplines across health and local government partners", None, 1],
        ["text", "inclusive_comment", "If you disagree - please tell us what you believe needs to be in place"],
        ["select_one importance", "prescriptive", "In your view, how important is it to be prescriptive about how an ICS complies with each of the principles to 'make them stick'?", None, "TRUE"],
        ["text", "prescriptive_comment", "If you wish, please make a comment to explain your response"],
        ["end group"],
        ["begin group", "your_system", "Your system"],
        ["text", "works_well", "Does your system embody any of the principles already? If so, please tell us what works well"],
        ["text", "barriers", "If you do not recognise some of the principles in your current system arrangements, please tell us what you think the barriers might be"],
        ["text", "national_support", "What can NHS England and NHS Improvement do to support you in making the principles a reality in your system?"],
        ["end group"],
        ["begin group", "about_you", "About you"],
        ["select_one clinical_role", "clinical_role", "Are you a clinical or care professional (whether in a patient-facing role or not)?", None, "yes"],
        ["select_one professions", "profession_group", "Which clinical/care professional group do you work in?", None, "yes", " selected( ${clinical_role} , 'yes' ) ", "profession_group"],
        ["text", "profession_detail", "If you wish to give us more information about your clinical/care professional group please do so below", None, "no", "${ clinical_role } = 'yes'"],
        ["select_one ics_areas", "ics_area", "Which geographical ICS area do you work in (if applicable)", None, "yes"],
        ["text", "ics_area_other", "Please specify", None, None, "${ics_area} = \u2018other\u2019"],
        ["end group"],
    ]  # fmt: skip
    choices: list[list[object]] = [["list_name", "name", "label::English (en)"]]
    choices += [["yes_no", "yes", "Yes"], ["yes_no", "no", "No"]]
    for label in ("Very important", "Important", "Unimportant", "Not at all important"):
        choices.append(["importance", code_for(label), label])
    choices += [
        ["clinical_role", "yes", "Yes I work in a clinical/care professional role"],
        ["clinical_role", "no", "No I am a non-clinician/manager"],
    ]
    choices += [["professions", code, label] for code, label in PROFESSION_GROUPS]
    choices += [["ics_areas", code_for(label), label] for label in ICS_AREAS]
    settings: list[list[object]] = [
        ["form_title", "form_id", "version", "description", "estimated_minutes"],
        ["Draft design principles", "ccpl-principles-consultation", "3", "Please tell us whether the principles are the right ones.", 15.0],
    ]  # fmt: skip
    return build_workbook({"survey": survey, "choices": choices, "settings": settings})


# --- Hypothesis: valid definitions -------------------------------------------------------

_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co")) | st.sampled_from(
    "\n\t'\"${}=+-@_"
)
_PLAIN_TEXT = st.text(_CHARACTERS, min_size=1, max_size=40).map(str.strip).filter(bool)
#: Text, sometimes starting like a spreadsheet formula.
TEXT = st.builds(
    lambda prefix, text: prefix + text, st.sampled_from(["", "=", "+", "-", "@"]), _PLAIN_TEXT
)
KEY_BASE = st.from_regex(r"[a-z][a-z0-9]{0,7}(_[a-z0-9]{1,4}){0,2}", fullmatch=True)
CODE = st.from_regex(r"[a-z0-9]{1,8}(_[a-z0-9]{1,4})?", fullmatch=True)
_CONDITION_TYPES = ("single_choice", "multiple_choice", "place", "agreement")
_PLAIN_TYPES = (
    "agreement",
    "single_choice",
    "multiple_choice",
    "free_text",
    "number",
    "place",
    "note",
)


def _options(draw: Callable[[Any], Any], *, equality: bool = False) -> list[dict[str, str]]:
    codes = draw(st.lists(CODE, min_size=2, max_size=5, unique=True))
    if equality and PREFER_NOT_TO_SAY not in codes:
        codes.append(PREFER_NOT_TO_SAY)
    return [{"code": code, "label": draw(TEXT)} for code in codes]


def _maybe(draw: Callable[[Any], Any], strategy: st.SearchStrategy[Any]) -> Any:
    return draw(strategy) if draw(st.booleans()) else None


def _condition(draw: Callable[[Any], Any], earlier: list[dict[str, Any]]) -> dict[str, str] | None:
    targets = [question for question in earlier if question["type"] in _CONDITION_TYPES]
    if not targets or not draw(st.booleans()):
        return None
    target = draw(st.sampled_from(targets))
    if target["type"] == "agreement":
        return {"question": target["key"], "equals": draw(st.sampled_from("012345"))}
    if target["type"] == "place":
        return {"question": target["key"], "equals": draw(CODE)}
    code = draw(st.sampled_from([option["code"] for option in target["options"]]))
    operator = "includes" if target["type"] == "multiple_choice" else "equals"
    return {"question": target["key"], operator: code}


def _typed_fields(
    draw: Callable[[Any], Any], qtype: str, free_dimensions: set[str]
) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if qtype in ("agreement", "layer_grid"):
        fields["reverse"] = draw(st.booleans())
    if qtype in ("single_choice", "multiple_choice"):
        fields["equality"] = draw(st.booleans())
        fields["options"] = _options(draw, equality=fields["equality"])
    choosable = {
        "single_choice": {"profession_group", "sector", "role_level", "place"},
        "place": {"place"},
    }
    available = sorted(choosable.get(qtype, set()) & free_dimensions)
    if available and not fields.get("equality") and draw(st.booleans()):
        fields["dimension"] = draw(st.sampled_from(available))
        free_dimensions.discard(fields["dimension"])
    if qtype == "number":
        low, high = sorted(draw(st.lists(st.integers(-1000, 1000), min_size=2, max_size=2)))
        fields["min"], fields["max"] = _maybe(draw, st.just(low)), _maybe(draw, st.just(high))
    if qtype != "note":
        fields["required"] = draw(st.booleans())
        fields["construct"] = _maybe(draw, KEY_BASE)
        fields["principle"] = _maybe(draw, st.sampled_from(["P1", "P2", "P3", "P4", "P5"]))
        fields["layer"] = _maybe(draw, st.sampled_from(list(LAYERS)))
    return fields


@st.composite
def valid_definitions(draw: Callable[[Any], Any]) -> Definition:
    """Definitions using every type and optional field, built as plain data then parsed."""
    counter: Iterator[int] = itertools.count()
    free_dimensions = {"profession_group", "sector", "role_level", "place"}
    earlier: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []
    if draw(st.booleans()):
        layers = draw(st.lists(st.sampled_from(list(LAYERS)), min_size=2, max_size=5, unique=True))
        options = [{"code": code, "label": draw(TEXT)} for code in layers]
        earlier.append({"key": f"layers_{next(counter)}", "type": "multiple_choice", "text": draw(TEXT), "dimension": "layer", "options": options})  # fmt: skip
    for _ in range(draw(st.integers(1, 3))):
        questions = [earlier[0]] if earlier and not sections else []
        for _ in range(draw(st.integers(0 if questions else 1, 4))):
            types = _PLAIN_TYPES + (
                ("layer_grid",) if earlier and earlier[0].get("dimension") == "layer" else ()
            )
            qtype = draw(st.sampled_from(types))
            question = {
                "key": f"{draw(KEY_BASE)}_{next(counter)}",
                "type": qtype,
                "text": draw(TEXT),
            }
            question |= {"hint": _maybe(draw, TEXT), "show_if": _condition(draw, earlier)}
            question |= _typed_fields(draw, qtype, free_dimensions)
            questions.append({name: value for name, value in question.items() if value is not None})
            earlier.append(question)
        sections.append({"key": f"{draw(KEY_BASE)}_{next(counter)}", "title": draw(TEXT), "intro": _maybe(draw, TEXT), "questions": questions})  # fmt: skip
    if not any(question["type"] != "note" for question in earlier):
        sections[0]["questions"].append({"key": f"extra_{next(counter)}", "type": "free_text", "text": "Anything else?"})  # fmt: skip
    data = {
        "key": draw(st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)),
        "version": draw(st.integers(1, 10**6)),
        "title": draw(TEXT),
        "description": draw(TEXT),
        "estimated_minutes": _maybe(draw, st.integers(1, 120)),
        "sections": [{k: v for k, v in section.items() if v is not None} for section in sections],
    }
    return parse_definition({name: value for name, value in data.items() if value is not None})
