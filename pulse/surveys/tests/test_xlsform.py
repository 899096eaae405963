"""XLSForm import and export: the seed 003 survey, round trips, and every way a sheet can be wrong."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from pyxform.xls2xform import convert

from pulse.surveys import xlsform_example
from pulse.surveys.definition import (
    Condition,
    Definition,
    DefinitionError,
    load_definition_file,
    parse_definition,
)
from pulse.surveys.tests.xlsform_builders import (
    build_workbook,
    minimal_sheets,
    seed_003_workbook,
    valid_data,
    valid_definitions,
)
from pulse.surveys.xlsform import read_xlsform, write_xlsform

PULSE_CHECK_V1 = Path(__file__).resolve().parents[1] / "instruments/ccpl-pulse-check/v1.yaml"


def problems(sheets: dict[str, Any]) -> list[str]:
    """Every problem reported for a workbook built from ``sheets`` (which must not import)."""
    return problems_in(build_workbook(sheets))


def problems_in(workbook: bytes) -> list[str]:
    with pytest.raises(DefinitionError) as raised:
        read_xlsform(workbook)
    return [str(problem) for problem in raised.value.problems]


def with_survey_row(*rows: list[object], at: int = 4) -> dict[str, Any]:
    """The minimal form with ``rows`` inserted from survey row ``at`` (as Excel numbers rows)."""
    sheets = minimal_sheets()
    sheets["survey"][at - 1 : at - 1] = list(rows)
    return sheets


def extra_column(header: str, value: object) -> dict[str, Any]:
    """The minimal form with one more survey column, filled in on row 3 (a select_one)."""
    sheets = minimal_sheets()
    sheets["survey"][0].extend([None] * (6 - len(sheets["survey"][0])) + [header])
    sheets["survey"][2].extend([None] * (6 - len(sheets["survey"][2])) + [value])
    return sheets


def pyxform_accepts(workbook: bytes) -> bool:
    warnings: list[str] = []
    result = convert(xlsform=workbook, warnings=warnings, file_type=".xlsx")
    return bool(result.xform) and not warnings


# --- the seed 003 consultation survey ---------------------------------------------------


def test_seed_003_consultation_imports_with_its_sections_and_settings() -> None:
    definition = read_xlsform(seed_003_workbook())
    assert (definition.key, definition.version, definition.estimated_minutes) == (
        "ccpl-principles-consultation",
        3,
        15,
    )
    assert definition.title == "Draft design principles"
    assert [section.key for section in definition.sections] == [
        *(f"principle_{number}" for number in range(1, 8)),
        "further_views",
        "your_system",
        "about_you",
    ]
    assert definition.sections[0].title == "Principle 1"
    assert definition.sections[0].intro == xlsform_example.PRINCIPLES[0]


def test_seed_003_each_principle_is_a_likert_item_followed_by_an_optional_comment() -> None:
    definition = read_xlsform(seed_003_workbook())
    for number, section in enumerate(definition.sections[:7], start=1):
        likert, comment = section.questions
        assert (likert.key, likert.type, likert.required) == (
            f"principle_{number}_right",
            "agreement",
            True,
        )
        assert likert.construct == "principle_support"
        assert [o.code for o in likert.answer_options()] == ["1", "2", "3", "4", "5", "0"]
        assert (comment.type, comment.required, comment.show_if) == ("free_text", False, None)


def test_seed_003_conditions_and_choice_questions() -> None:
    definition = read_xlsform(seed_003_workbook())
    additional = definition.question("additional_principles")
    assert (additional.type, [o.code for o in additional.options]) == (
        "single_choice",
        ["yes", "no"],
    )
    assert definition.question("additional_principles_detail").show_if == Condition(
        question="additional_principles", equals="yes"
    )
    assert [o.label for o in definition.question("prescriptive").options] == [
        "Very important", "Important", "Unimportant", "Not at all important",
    ]  # fmt: skip
    profession = definition.question("profession_group")
    assert profession.show_if == Condition(question="clinical_role", equals="yes")
    assert profession.dimension == "profession_group"
    assert [o.code for o in profession.options][:3] == [
        "allied_health_professional", "clinical_psychologist", "dental_consultant",
    ]  # fmt: skip
    area = definition.question("ics_area")
    assert len(area.options) == len(xlsform_example.ICS_AREAS) == 34
    assert area.options[0].label == "Bath and North East Somerset, Swindon and Wiltshire"
    assert [o.code for o in area.options][-2:] == ["other", "none_of_the_above"]
    assert definition.question("ics_area_other").show_if == Condition(
        question="ics_area", equals="other"
    )
    assert list(definition.dimensions()) == ["profession_group"]
    assert len(definition.answer_keys()) == 28


def test_seed_003_round_trips_through_export() -> None:
    definition = read_xlsform(seed_003_workbook())
    assert read_xlsform(write_xlsform(definition)) == definition


def test_example_generator_writes_an_importable_valid_xlsform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "consultation.xlsx"
    assert xlsform_example.main([str(output)]) == 0
    definition = read_xlsform(output.read_bytes())
    assert definition.key == "ccpl-principles-consultation"
    assert len(definition.sections) == 10
    assert definition.question("profession_group").show_if == Condition(
        question="clinical_role", equals="yes"
    )
    assert "10 sections, 29 questions" in capsys.readouterr().out
    assert pyxform_accepts(output.read_bytes())


# --- round trips --------------------------------------------------------------------------


def test_export_then_import_round_trips_every_type() -> None:
    definition = parse_definition(valid_data())
    workbook = write_xlsform(definition)
    assert read_xlsform(workbook) == definition
    assert read_xlsform(io.BytesIO(workbook)) == definition


def test_export_is_a_valid_xlsform_for_pyxform() -> None:
    assert pyxform_accepts(write_xlsform(parse_definition(valid_data())))


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_definitions())
def test_any_valid_definition_round_trips_through_xlsform(definition: Definition) -> None:
    assert read_xlsform(write_xlsform(definition)) == definition


@pytest.mark.skipif(
    not PULSE_CHECK_V1.exists(), reason="the standard instrument is not written yet"
)
def test_the_standard_pulse_check_round_trips_through_xlsform() -> None:
    definition = load_definition_file(PULSE_CHECK_V1)
    workbook = write_xlsform(definition)
    assert read_xlsform(workbook) == definition
    assert pyxform_accepts(workbook)


def test_layer_grids_and_places_use_the_reserved_lists() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(write_xlsform(parse_definition(valid_data()))))
    rows = {row[1]: row for row in workbook["survey"].iter_rows(min_row=2, values_only=True)}
    assert rows["shape_vision"][0] == "select_one agree5"
    assert rows["shape_vision"][-1] == "yes"  # layer_grid
    assert rows["home_place"][0] == "select_one places"
    assert rows["layers"][0] == "select_multiple layers"
    assert rows["place_voice"][5] == "selected(${layers}, 'place')"


def test_a_question_named_like_a_reserved_list_keeps_its_own_options() -> None:
    data = valid_data()
    data["sections"][0]["questions"][0]["key"] = "places"
    data["sections"][1]["questions"][4]["show_if"]["question"] = "places"
    definition = parse_definition(data)
    assert read_xlsform(write_xlsform(definition)) == definition


def test_formula_like_text_is_written_as_escaped_text_never_as_a_formula() -> None:
    data = valid_data()
    data["title"] = '=HYPERLINK("http://example.com")'
    data["sections"][0]["title"] = "+44 helpline"
    data["sections"][1]["questions"][3]["text"] = "-1 means none"
    data["sections"][1]["questions"][4]["hint"] = "@mention nobody"
    definition = parse_definition(data)
    workbook_bytes = write_xlsform(definition)
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    risky = [cell for cell in cells if isinstance(cell.value, str) and cell.value[:1] in "=+-@"]
    assert len(risky) == 4
    assert all(cell.quotePrefix and cell.data_type == "s" for cell in risky)
    assert read_xlsform(workbook_bytes) == definition


# --- what an analyst may write ----------------------------------------------------------------


def test_questions_outside_groups_form_a_section_named_after_the_form() -> None:
    sheets = minimal_sheets()
    sheets["survey"] = [
        row for row in sheets["survey"] if row[0] not in ("begin group", "end group")
    ]
    definition = read_xlsform(build_workbook(sheets))
    (section,) = definition.sections
    assert (section.key, section.title) == ("staff_views", "Staff views")
    assert [q.key for q in section.questions] == ["involved", "why"]


def test_ungrouped_questions_after_a_group_start_another_section() -> None:
    sheets = minimal_sheets()
    sheets["survey"].append(["text", "staff_views", "Anything else?"])
    definition = read_xlsform(build_workbook(sheets))
    assert [section.key for section in definition.sections] == ["views", "staff_views_2"]


def test_blank_required_means_optional_as_in_pyxform() -> None:
    sheets = with_survey_row(["integer", "years", "Years in post?"])
    question = read_xlsform(build_workbook(sheets)).question("years")
    assert (question.type, question.required) == ("number", False)


@pytest.mark.parametrize(
    ("relevant", "condition"),
    [
        ("${involved} = 'no'", Condition(question="involved", equals="no")),
        ('${involved}="no"', Condition(question="involved", equals="no")),
        ("  ${ involved }  =  \u2018no\u2019 ", Condition(question="involved", equals="no")),
        ("selected(${involved}, 'no')", Condition(question="involved", equals="no")),
        ("${mood} = 4", Condition(question="mood", equals="4")),
        ('selected( ${where} , "place" )', Condition(question="where", includes="place")),
    ],
)
def test_supported_relevant_expressions(relevant: str, condition: Condition) -> None:
    sheets = minimal_sheets()
    sheets["survey"][3:3] = [
        ["select_one agree5", "mood", "I feel listened to.", None, "yes"],
        ["select_multiple where", "where", "Where do you lead?", None, "yes"],
        ["text", "tell_us", "Tell us more.", None, "no", relevant],
    ]
    sheets["choices"] += [["where", "system", "System"], ["where", "place", "Place"]]
    assert read_xlsform(build_workbook(sheets)).question("tell_us").show_if == condition


def test_extra_columns_map_to_the_definition() -> None:
    sheets = minimal_sheets()
    sheets["survey"][0] += ["construct", "principle", "layer", "reverse", "dimension", "equality", "min", "max", "layer_grid"]  # fmt: skip
    sheets["survey"][3:3] = [
        ["select_one agree5", "voice", "My voice counts.", None, "yes", None, "voice", "P1", "system", "TRUE"],
        ["integer", "years", "Years?", None, "no", None, None, None, None, None, None, None, 0, "60"],
    ]  # fmt: skip
    definition = read_xlsform(build_workbook(sheets))
    voice, years = definition.question("voice"), definition.question("years")
    assert (voice.construct, voice.principle, voice.layer, voice.reverse) == (
        "voice",
        "P1",
        "system",
        True,
    )
    assert (years.min, years.max) == (0, 60)


def test_formula_cells_are_read_as_text_never_evaluated() -> None:
    sheets = with_survey_row(["note", "notice", '=HYPERLINK("http://example.com","Click")'])
    assert read_xlsform(build_workbook(sheets)).question("notice").text == (
        '=HYPERLINK("http://example.com","Click")'
    )


# --- malformed workbooks: one message per offending cell, nothing imported ---------------------

MALFORMED: list[tuple[str, dict[str, Any], list[str]]] = [
    ("unsupported type", with_survey_row(["geopoint", "where", "Where are you?"]),
     ['survey row 4, column "type": "geopoint" is not a supported question type. Use select_one, select_multiple, text, integer or note.']),
    ("metadata type", with_survey_row(["start", "start"]),
     ['survey row 4, column "type": "start" is not supported: the survey records nothing about respondents or their devices, to keep responses anonymous. Delete this row.']),
    ("calculate", with_survey_row(["calculate", "total", "Total"]),
     ['survey row 4, column "type": "calculate" is not a supported question type. Use select_one, select_multiple, text, integer or note.']),
    ("repeat", with_survey_row(["begin repeat", "people", "People"]),
     ['survey row 4, column "type": Repeats are not supported. (A layer grid question is repeated for each layer automatically.)']),
    ("or_other", with_survey_row(["select_one yes_no or_other", "q", "Q?"]),
     ['survey row 4, column "type": or_other is not supported: add an "other" choice, and a text question shown when it is selected.']),
    ("choices from a file", with_survey_row(["select_one_from_file places.csv", "q", "Q?"]),
     ['survey row 4, column "type": "select_one_from_file places.csv" is not supported: list the choices on the choices sheet and use select_one or select_multiple.']),
    ("unknown list", with_survey_row(["select_one yesno", "q", "Q?"]),
     ['survey row 4, column "type": There is no choice list called "yesno" on the choices sheet.']),
    ("select_one without a list", with_survey_row(["select_one", "q", "Q?"]),
     ['survey row 4, column "type": select_one must be followed by the name of one choice list, for example select_one yes_no.']),
    ("agreement as multiple choice", with_survey_row(["select_multiple agree5", "q", "Q?"]),
     ['survey row 4, column "type": agree5 is the agreement scale, which takes one answer: use select_one agree5.']),
    ("missing type", with_survey_row([None, "q", "Q?"]),
     ['survey row 4, column "type": This row has no type. Enter a type, such as text, note or select_one followed by a list name, or delete the row.']),
    ("missing name", with_survey_row(["text", None, "Anything else?"]),
     ['survey row 4, column "name": Enter a name for this question: a short code in lowercase letters, digits and underscores, for example "shape_vision".']),
    ("duplicate name", with_survey_row(["text", "why", "Why again?"], at=5),
     ['survey row 5, column "name": "why" is already used in row 4. Each name must be different.']),
    ("invalid name", with_survey_row(["text", "Why Not", "Why not?"]),
     ['survey row 4, column "name": "Why Not" cannot be used here: use lowercase letters, digits and single underscores, starting with a letter, for example "shape_vision", at most 64 characters.']),
    ("formula as a name", with_survey_row(["text", "=A1", "Why not?"]),
     ['survey row 4, column "name": "=A1" cannot be used here: use lowercase letters, digits and single underscores, starting with a letter, for example "shape_vision", at most 64 characters.']),
    ("missing label", with_survey_row(["text", "more"]),
     ['survey row 4, column "label": Enter the question text.']),
    ("relevant with and", with_survey_row(["text", "more", "More?", None, "no", "${involved} = 'no' and ${why} = 'x'"], at=5),
     ['survey row 5, column "relevant": A condition can test only one answer: "and" and "or" are not supported. Use ${question} = \'code\' or selected(${question}, \'code\').']),
    ("relevant with not equal", with_survey_row(["text", "more", "More?", None, "no", "${involved} != 'no'"]),
     ['survey row 4, column "relevant": "Not equal" conditions are not supported. Use ${question} = \'code\' or selected(${question}, \'code\').']),
    ("relevant comparison", with_survey_row(["text", "more", "More?", None, "no", "${involved} > 3"]),
     ['survey row 4, column "relevant": "${involved} > 3" is not a condition this platform supports. Use ${question} = \'code\' or selected(${question}, \'code\').']),
    ("relevant on a later question", with_survey_row(["text", "more", "More?", None, "no", "${why} = 'x'"]),
     ['survey row 4, column "relevant": "why" is not before this question. A condition can only depend on an earlier question.']),
    ("relevant on a missing choice", with_survey_row(["text", "more", "More?", None, "no", "${involved} = 'maybe'"]),
     ['survey row 4, column "relevant": "involved" has no option "maybe". Its options are: yes, no.']),
    ("required not yes or no", with_survey_row(["text", "more", "More?", None, "sometimes"]),
     ['survey row 4, column "required": "sometimes" is not yes or no. Enter yes or no.']),
    ("required note", with_survey_row(["note", "info", "Thank you.", None, "yes"]),
     ['survey row 4, column "required": A note is never answered, so it cannot be required.']),
    ("nested group", with_survey_row(["begin group", "inner", "Inner"], ["text", "x", "X"], ["end group"], at=5),
     ['survey row 5, column "type": Groups inside groups are not supported: each group is one page of the survey. Add an "end group" row before this one.']),
    ("end group without begin", with_survey_row(["end group"], at=6),
     ['survey row 6, column "type": This "end group" row has no "begin group" row above it.']),
    ("group never ended", {**minimal_sheets(), "survey": minimal_sheets()["survey"][:4]},
     ['survey row 2, column "type": This group has no "end group" row. Add one after its last question.']),
    ("empty group", with_survey_row(["begin group", "empty", "Empty"], ["end group"], at=6),
     ['survey row 6, column "type": Add at least one question to this section.']),
    ("condition on a group", {**minimal_sheets(), "survey": [minimal_sheets()["survey"][0], ["begin group", "views", "Your views", None, None, "${x} = 'y'"], *minimal_sheets()["survey"][2:]]},
     ['survey row 2, column "relevant": Conditions on whole groups are not supported: put the condition on each question in the group.']),
    ("equals on a select_multiple", with_survey_row(["select_multiple yes_no", "which", "Which?"], ["text", "more", "More?", None, "no", "${which} = 'yes'"]),
     ['survey row 5, column "relevant": "which" is a select_multiple question, so use selected(${which}, \'yes\') to test whether a choice was selected.']),
    ("layer grid on a choice question", extra_column("layer_grid", "yes"),
     ['survey row 3, column "layer_grid": Only a select_one agree5 question can be a layer grid.']),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sheets", "expected"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED]
)
def test_malformed_survey_rows_report_exactly_their_cell(
    sheets: dict[str, Any], expected: list[str]
) -> None:
    assert problems(sheets) == expected


def _choices(*rows: list[object]) -> dict[str, Any]:
    sheets = minimal_sheets()
    sheets["choices"] += list(rows)
    return sheets


def _settings(header: list[object], values: list[object]) -> dict[str, Any]:
    return {**minimal_sheets(), "settings": [header, values]}


COLUMN_AND_SHEET_PROBLEMS: list[tuple[str, dict[str, Any], list[str]]] = [
    ("constraint", extra_column("constraint", ". > 0"),
     ['survey row 3, column "constraint": Constraints are not supported. For a number question, use the min and max columns instead.']),
    ("calculation", extra_column("calculation", "1 + 1"),
     ['survey row 3, column "calculation": Calculations are not supported.']),
    ("choice filter", extra_column("choice_filter", "x = 1"),
     ['survey row 3, column "choice_filter": Choice filters are not supported: give the question its own choice list.']),
    ("unknown column", extra_column("colour", "blue"),
     ['survey row 3, column "colour": The column "colour" is not supported. Delete the column, or clear its cells.']),
    ("cell without a heading", extra_column("", "stray"),
     ['survey row 3, column "G": This cell is in column G, which has no heading in row 1. Add a heading or clear the cell.']),
    ("two label languages", {**minimal_sheets(), "survey": [["type", "name", "label::English (en)", "label::Cymraeg (cy)"], ["text", "q", "Why?", "Pam?"]]},
     ['survey row 1, column "label::Cymraeg (cy)": There is already a label column ("label::English (en)"). Only one language is supported: keep one label column and delete the others.']),
    ("min not a number", extra_column("min", "ten"),
     ['survey row 3, column "min": "ten" is not a whole number. Enter a whole number, for example 0.']),
    ("principle out of range", extra_column("principle", "P9"),
     ['survey row 3, column "principle": "P9" is not a principle. Use one of: P1, P2, P3, P4, P5.']),
    ("survey without a label column", {**minimal_sheets(), "survey": [["type", "name"], ["text", "q"]]},
     ['survey row 1: The survey sheet has no "label" column. Add "label" to its first row.']),
    ("empty survey", {**minimal_sheets(), "survey": [["type", "name", "label"]]},
     ["survey sheet: The survey sheet has no questions. Add one row for each question."]),
    ("choice without a name", _choices(["yes_no", None, "Maybe"]),
     ['choices row 4, column "name": Enter a name: the code stored when this choice is selected.']),
    ("duplicate choice", _choices(["yes_no", "yes", "Yes please"]),
     ['choices row 4, column "name": "yes" is already used in the list "yes_no" (row 2). Each choice in a list needs a different name.']),
    ("choice without a list", _choices([None, "maybe", "Maybe"]),
     ['choices row 4, column "list_name": Enter the name of the list this choice belongs to.']),
    ("choice without a label", _choices(["yes_no", "maybe"]),
     ['choices row 4, column "label": Enter the option label.']),
    ("choice name not a code", _choices(["yes_no", "Not sure", "Not sure"]),
     ['choices row 4, column "name": "Not sure" cannot be used here: use lowercase letters, digits and single underscores, for example "nursing_midwifery", at most 64 characters.']),
    ("list with one choice", {**minimal_sheets(), "choices": [["list_name", "name", "label"], ["yes_no", "yes", "Yes"]]},
     ['survey row 3, column "type": Add at least two options (there are 1).', 'survey row 4, column "relevant": "involved" has no option "no". Its options are: yes.']),
    ("agree5 with other labels", _choices(["agree5", "1", "Totally disagree"]),
     ['choices row 4, column "label": In the standard agreement scale, choice 1 is "Strongly disagree". Use another list name for your own scale.',
      'choices row 4, column "list_name": The list "agree5" is missing the standard choices 2, 3, 4, 5, 0. Add them, or delete the list: it is built in.']),
    ("no settings sheet", {"survey": minimal_sheets()["survey"], "choices": minimal_sheets()["choices"]},
     ['settings sheet: The workbook has no "settings" sheet. Add one with the columns form_id, version, form_title and description in row 1, and their values in row 2.']),
    ("version not whole", _settings(["form_id", "version", "form_title", "description"], ["staff-views", 1.5, "Staff views", "Short."]),
     ['settings row 2, column "version": "1.5" is not a whole number. Enter a whole number, for example 1.']),
    ("form_id not a key", _settings(["form_id", "version", "form_title", "description"], ["Staff views", 1, "Staff views", "Short."]),
     ['settings row 2, column "form_id": "Staff views" cannot be used here: use lowercase letters, digits and hyphens, for example "ccpl-pulse-check", at most 64 characters.']),
    ("no description", _settings(["form_id", "version", "form_title"], ["staff-views", 1, "Staff views"]),
     ['settings row 2, column "description": Enter a description.']),
    ("second settings row", {**minimal_sheets(), "settings": [*minimal_sheets()["settings"], ["other", 3]]},
     ["settings row 3: Only one row of settings is used. Delete this row."]),
    ("unsupported setting", _settings(["form_id", "version", "form_title", "description", "submission_url"], ["staff-views", 1, "Staff views", "Short.", "https://example.com"]),
     ['settings row 2, column "submission_url": The column "submission_url" is not supported. Delete the column, or clear its cells.']),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sheets", "expected"),
    [m[1:] for m in COLUMN_AND_SHEET_PROBLEMS],
    ids=[m[0] for m in COLUMN_AND_SHEET_PROBLEMS],
)
def test_malformed_columns_choices_and_settings(
    sheets: dict[str, Any], expected: list[str]
) -> None:
    assert problems(sheets) == expected


def test_every_problem_is_reported_together_in_sheet_and_row_order() -> None:
    sheets = with_survey_row(
        ["geopoint", "where", "Where?"], ["text", None, "More?", None, "perhaps"]
    )
    sheets["choices"].append(["yes_no", "yes", "Again"])
    assert problems(sheets) == [
        'survey row 4, column "type": "geopoint" is not a supported question type. Use select_one, select_multiple, text, integer or note.',
        'survey row 5, column "name": Enter a name for this question: a short code in lowercase letters, digits and underscores, for example "shape_vision".',
        'survey row 5, column "required": "perhaps" is not yes or no. Enter yes or no.',
        'choices row 4, column "name": "yes" is already used in the list "yes_no" (row 2). Each choice in a list needs a different name.',
    ]  # fmt: skip


# --- broken workbooks: one clear message ----------------------------------------------------------


def _zip_of(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


NOT_XLSX = "workbook: This file is not an Excel workbook (.xlsx). Save the survey from Excel, LibreOffice or Google Sheets as an .xlsx file and upload it again."
BROKEN: list[tuple[str, bytes, str]] = [
    ("empty file", b"", "workbook: The file is empty. Choose the .xlsx file that holds your survey."),
    ("not a workbook", b"type,name,label\ntext,q,Why?\n", NOT_XLSX),
    ("a zip that is not a workbook", _zip_of("word/document.xml", b"<w/>"), NOT_XLSX),
    ("password-protected or .xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
     "workbook: This workbook is password-protected, or saved in the old .xls format. Remove the password, save it as an Excel workbook (.xlsx) and upload it again."),
    ("over 5 MB", b"PK" + b"\0" * (5 * 1024 * 1024),
     "workbook: The file is larger than 5 MB. A survey workbook is normally much smaller: remove images and other sheets, then upload it again."),
    ("no survey sheet", build_workbook({"questions": [["type", "name", "label"], ["text", "q", "Q"]]}),
     'workbook: The workbook has no sheet called "survey". An XLSForm needs a survey sheet (the questions), a choices sheet (the answer lists) and a settings sheet.'),
    ("over 2,000 rows", build_workbook({**minimal_sheets(), "survey": [["type", "name", "label"]] + [["text", f"q{n}", "Q"] for n in range(2001)]}),
     'workbook: The "survey" sheet has more than 2,000 rows. A survey can have at most 2,000 rows on each sheet.'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "expected"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_workbooks_get_one_clear_message(content: bytes, expected: str) -> None:
    assert problems_in(content) == [expected]


def test_a_large_file_is_not_read_past_the_limit() -> None:
    stream = io.BytesIO(b"PK" + b"\0" * (6 * 1024 * 1024))
    with pytest.raises(DefinitionError):
        read_xlsform(stream)
    assert stream.tell() == 5 * 1024 * 1024 + 1
