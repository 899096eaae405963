"""parse_definition: every rule of docs/instrument-format.md, the helpers and the round trip."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from pulse.surveys.definition import (
    AGREEMENT_SCALE,
    Condition,
    Definition,
    DefinitionError,
    load_definition_file,
    parse_definition,
)
from pulse.surveys.tests.xlsform_builders import valid_data, valid_definitions

PULSE_CHECK_V1 = Path(__file__).resolve().parents[1] / "instruments/ccpl-pulse-check/v1.yaml"


def question(data: dict[str, Any], section: int, index: int) -> dict[str, Any]:
    result: dict[str, Any] = data["sections"][section]["questions"][index]
    return result


def problems_for(data: object) -> list[tuple[str, str]]:
    with pytest.raises(DefinitionError) as raised:
        parse_definition(data)  # type: ignore[arg-type]
    return [(problem.location, problem.message) for problem in raised.value.problems]


def test_valid_definition_parses_into_frozen_dataclasses() -> None:
    definition = parse_definition(valid_data())
    assert definition.key == "test-survey"
    assert [section.key for section in definition.sections] == ["about_you", "involvement"]
    assert definition.question("place_voice").show_if == Condition(
        question="layers", includes="place"
    )
    assert definition.question("info").required is False
    assert definition.question("profession").required is True
    with pytest.raises(dataclasses.FrozenInstanceError):
        definition.title = "Changed"  # type: ignore[misc]


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """A mutation setting a dotted path (numbers index lists); value None deletes it."""

    def mutate(data: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = data
        for part in parents:
            target = target[part]
        if value is None:
            del target[last]
        else:
            target[last] = value

    return mutate


Q = "sections.1.questions"  # the involvement section
RULES: list[tuple[str, Callable[[dict[str, Any]], object], str, str]] = [
    # top level
    ("unknown top-level field", _set("colour", "blue"), "colour", '"colour" is not a field of a definition'),
    ("key missing", _set("key", None), "key", "Enter the instrument key"),
    ("key not lowercase-hyphen", _set("key", "CCPL Pulse"), "key", '"CCPL Pulse" cannot be used here: use lowercase letters, digits and hyphens'),
    ("version missing", _set("version", None), "version", "Enter the version as a whole number."),
    ("version as text", _set("version", "1"), "version", "Expected a whole number, not str '1'."),
    ("version as boolean", _set("version", True), "version", "Expected a whole number, not true"),
    ("version zero", _set("version", 0), "version", "The version must be 1 or more."),
    ("title missing", _set("title", None), "title", "Enter a title."),
    ("title blank", _set("title", "   "), "title", "Enter a title."),
    ("title too long", _set("title", "x" * 501), "title", "This is 501 characters long; the limit is 500."),
    ("description missing", _set("description", None), "description", "Enter a description."),
    ("estimated minutes zero", _set("estimated_minutes", 0), "estimated_minutes", "The estimated minutes must be 1 or more."),
    ("sections missing", _set("sections", None), "sections", "Add at least one section."),
    ("sections empty", _set("sections", []), "sections", "Add at least one section."),
    ("sections not a list", _set("sections", "about_you"), "sections", "Expected a list of sections"),
    # sections
    ("section not a mapping", lambda d: d["sections"].append("extra"), "sections[2]", "Expected a section (key, title, questions)"),
    ("section key not snake_case", _set("sections.0.key", "About You"), "sections[0].key", '"About You" cannot be used here'),
    ("section key with double underscore", _set("sections.0.key", "about__you"), "sections[0].key", "single underscores"),
    ("section title missing", _set("sections.0.title", None), "sections[0].title", "Enter the section title."),
    ("section without questions", _set("sections.1.questions", []), "sections[1].questions", "Add at least one question to this section."),
    ("unknown section field", _set("sections.0.page", 1), "sections[0].page", '"page" is not a field of a section'),
    ("section key equal to a question key", _set("sections.1.key", "layers"), "sections[1].key",
     'The key "layers" is already used at sections[0].questions[1]'),
    # questions
    ("question not a mapping", _set(f"{Q}.0", "info"), "sections[1].questions[0]", "Expected a question (key, type, text...)"),
    ("question key missing", _set(f"{Q}.0.key", None), "sections[1].questions[0].key", "Enter a key for this question"),
    ("question key starting with a digit", _set(f"{Q}.0.key", "1st"), "sections[1].questions[0].key", '"1st" cannot be used here'),
    ("question key too long", _set(f"{Q}.0.key", "k" * 65), "sections[1].questions[0].key", "at most 64 characters"),
    ("duplicate question key", _set(f"{Q}.0.key", "profession"), "sections[1].questions[0].key",
     'The key "profession" is already used at sections[0].questions[0]. Keys must be unique across the whole version'),
    ("type missing", _set(f"{Q}.0.type", None), "sections[1].questions[0].type", "Enter the question type: one of agreement"),
    ("unknown type", _set(f"{Q}.0.type", "likert"), "sections[1].questions[0].type", '"likert" is not a question type.'),
    ("text missing", _set(f"{Q}.0.text", None), "sections[1].questions[0].text", "Enter the question text."),
    ("text not text", _set(f"{Q}.0.text", 42), "sections[1].questions[0].text", "Expected text here, not the number 42."),
    ("text with a control character", _set(f"{Q}.0.text", "About\x0cyou"), "sections[1].questions[0].text", "Remove the control character"),
    ("hint too long", _set(f"{Q}.0.hint", "h" * 5001), "sections[1].questions[0].hint", "the limit is 5,000"),
    ("required as text", _set(f"{Q}.1.required", "yes"), "sections[1].questions[1].required", "Expected true or false"),
    ("misspelt field", _set(f"{Q}.2.show-if", {"question": "layers"}), "sections[1].questions[2].show-if", '"show-if" is not a field of a question'),
    # options
    ("choice without options", _set("sections.0.questions.0.options", None), "sections[0].questions[0].options", "Add at least two options."),
    ("choice with one option", _set("sections.0.questions.0.options", [{"code": "nursing", "label": "Nurse"}]),
     "sections[0].questions[0].options", "Add at least two options (there are 1)."),
    ("options on agreement", _set(f"{Q}.2.options", [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}]),
     "sections[1].questions[2].options", "always uses the fixed agreement scale"),
    ("options on place", _set("sections.0.questions.2.options", [{"code": "a", "label": "A"}]),
     "sections[0].questions[2].options", "offers the ICS's own list of places"),
    ("options on free text", _set(f"{Q}.3.options", [{"code": "a", "label": "A"}]),
     "sections[1].questions[3].options", "A free-text question cannot have options."),
    ("option code not snake_case", _set("sections.0.questions.0.options.1.code", "Doctor"),
     "sections[0].questions[0].options[1].code", '"Doctor" cannot be used here'),
    ("option code read by YAML as true", _set("sections.0.questions.0.options.1.code", True),
     "sections[0].questions[0].options[1].code", 'Expected a code in quotes, not true (in YAML, words such as yes'),
    ("duplicate option code", _set("sections.0.questions.0.options.1.code", "nursing"),
     "sections[0].questions[0].options[1].code", 'The code "nursing" is already used by another option'),
    ("option label missing", _set("sections.0.questions.0.options.0.label", None),
     "sections[0].questions[0].options[0].label", "Enter the option label."),
    ("option not a mapping", _set("sections.0.questions.0.options.1", "medicine"),
     "sections[0].questions[0].options[1]", "Expected an option with a code and a label"),
    ("unknown option field", _set("sections.0.questions.0.options.0.score", 1),
     "sections[0].questions[0].options[0].score", '"score" is not a field of an option'),
    # scoring and mapping fields
    ("reverse on a choice question", _set("sections.0.questions.0.reverse", True),
     "sections[0].questions[0].reverse", "Only agreement and layer grid questions can be reverse-scored."),
    ("principle outside P1..P5", _set(f"{Q}.1.principle", "P6"), "sections[1].questions[1].principle",
     '"P6" is not a principle. Use one of: P1, P2, P3, P4, P5.'),
    ("unknown layer", _set(f"{Q}.2.layer", "region"), "sections[1].questions[2].layer", '"region" is not a layer.'),
    ("construct not snake_case", _set(f"{Q}.1.construct", "Involvement"), "sections[1].questions[1].construct", '"Involvement" cannot be used here'),
    ("min on an agreement question", _set(f"{Q}.2.min", 1), "sections[1].questions[2].min", "Only number questions can have a minimum."),
    ("max on free text", _set(f"{Q}.3.max", 1), "sections[1].questions[3].max", "Only number questions can have a maximum."),
    ("max below min", _set(f"{Q}.4.max", -1), "sections[1].questions[4].max", "The maximum (-1) is less than the minimum (0)."),
    ("min not a whole number", _set(f"{Q}.4.min", 1.5), "sections[1].questions[4].min", "Expected a whole number, not the number 1.5."),
    # notes
    ("required note", _set(f"{Q}.0.required", True), "sections[1].questions[0].required", "A note is never answered, so it cannot be required."),
    ("principle on a note", _set(f"{Q}.0.principle", "P2"), "sections[1].questions[0].principle", "A note is never answered, so it cannot have a principle."),
    ("only notes", lambda d: d.update(sections=[{"key": "s", "title": "S", "questions": [{"key": "n", "type": "note", "text": "Hello"}]}]),
     "sections", "Add at least one question that is answered (not a note)."),
    # breakdown dimensions
    ("unknown dimension", _set("sections.0.questions.0.dimension", "ethnicity"), "sections[0].questions[0].dimension", '"ethnicity" is not a breakdown dimension.'),
    ("dimension supplied twice", _set("sections.0.questions.3", {
        "key": "second_profession", "type": "single_choice", "text": "Again?", "dimension": "profession_group",
        "options": [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}]}),
     "sections[0].questions[3].dimension", 'The breakdown dimension "profession_group" is already supplied by the question "profession"'),
    ("free text as a dimension", _set(f"{Q}.3.dimension", "sector"), "sections[1].questions[3].dimension", "A free-text question is never a breakdown dimension."),
    ("profession group from multiple choice", lambda d: (_set("sections.0.questions.0.type", "multiple_choice")(d), _set(f"{Q}.4.show_if", None)(d)),
     "sections[0].questions[0].dimension", 'The "profession_group" dimension must come from a single-choice question.'),
    ("layer dimension from single choice", lambda d: (_set("sections.0.questions.1.type", "single_choice")(d), _set(f"{Q}.2.show_if", None)(d)), "sections[0].questions[1].dimension",
     'The "layer" dimension must come from a multiple-choice question offering layers.'),
    ("layers question offering a non-layer", _set("sections.0.questions.1.options.0.code", "region"),
     "sections[0].questions[1].options[0].code", '"region" is not a layer.'),
    ("place dimension from an agreement question", lambda d: (_set("sections.0.questions.2.dimension", None)(d), _set(f"{Q}.2.dimension", "place")(d)), "sections[1].questions[2].dimension",
     'The "place" dimension must come from a place question'),
    ("equality question with a dimension", _set("sections.0.questions.3.dimension", "sector"), "sections[0].questions[3].dimension",
     "An equality-monitoring question is a breakdown dimension under its own key, so leave dimension out."),
    ("equality question without prefer not to say", _set("sections.0.questions.3.options.1.code", "over_40"),
     "sections[0].questions[3].options", 'must offer the option "prefer_not_to_say"'),
    ("equality on free text", _set(f"{Q}.3.equality", True), "sections[1].questions[3].equality",
     "Only single-choice and multiple-choice questions can be equality-monitoring questions."),
    ("equality key clashing with a dimension", lambda d: (_set("sections.0.questions.3.key", "sector")(d), _set("sections.0.questions.0.dimension", "sector")(d)),
     "sections[0].questions[3].equality", 'The breakdown dimension "sector" is already supplied by the question "profession"'),
    # layer grids
    ("layer grid without a layers question", lambda d: (_set("sections.0.questions.1.dimension", None)(d)),
     "sections[1].questions[1].type", 'an earlier multiple-choice question with dimension "layer"'),
    ("layer grid before the layers question", lambda d: d["sections"][0]["questions"].insert(0, d["sections"][1]["questions"].pop(1)),
     "sections[0].questions[0].type", 'an earlier multiple-choice question with dimension "layer"'),
    # display conditions
    ("condition not a mapping", _set(f"{Q}.2.show_if", "layers"), "sections[1].questions[2].show_if", "Expected a condition such as {question: layers, includes: place}"),
    ("condition on an unknown question", _set(f"{Q}.2.show_if.question", "levels"), "sections[1].questions[2].show_if.question",
     'There is no question "levels" in this version.'),
    ("condition on a section", _set(f"{Q}.2.show_if.question", "about_you"), "sections[1].questions[2].show_if.question",
     '"about_you" is a section, not a question.'),
    ("condition on a later question", _set(f"{Q}.2.show_if", {"question": "why_not", "equals": "a"}), "sections[1].questions[2].show_if.question",
     '"why_not" is not before this question. A condition can only depend on an earlier question.'),
    ("condition on itself", _set(f"{Q}.2.show_if", {"question": "place_voice", "equals": "1"}), "sections[1].questions[2].show_if.question",
     "A condition can only depend on an earlier question."),
    ("condition on free text", _set(f"{Q}.4.show_if", {"question": "why_not", "equals": "a"}), "sections[1].questions[4].show_if.question",
     'A condition cannot depend on "why_not", which is a free-text question.'),
    ("condition on a note", _set(f"{Q}.2.show_if", {"question": "info", "equals": "a"}), "sections[1].questions[2].show_if.question",
     'A condition cannot depend on "info", which is a note.'),
    ("condition on a layer grid", _set(f"{Q}.2.show_if", {"question": "shape_vision", "equals": "1"}), "sections[1].questions[2].show_if.question",
     'A condition cannot depend on "shape_vision", which is a layer grid question.'),
    ("condition with equals and includes", _set(f"{Q}.2.show_if.equals", "place"), "sections[1].questions[2].show_if",
     "Give either equals (for a single-choice, place or agreement question) or includes (for a multiple-choice question), not both."),
    ("condition with neither", _set(f"{Q}.2.show_if.includes", None), "sections[1].questions[2].show_if", "Give either equals"),
    ("equals on a multiple-choice question", _set(f"{Q}.2.show_if", {"question": "layers", "equals": "place"}), "sections[1].questions[2].show_if",
     '"layers" is a multiple-choice question, so the condition must use includes'),
    ("includes on a single-choice question", _set(f"{Q}.4.show_if", {"question": "profession", "includes": "nursing"}), "sections[1].questions[4].show_if",
     '"profession" is a single-choice question, so the condition must use equals'),
    ("condition on a missing option", _set(f"{Q}.4.show_if.equals", "midwifery"), "sections[1].questions[4].show_if.equals",
     '"profession" has no option "midwifery". Its options are: nursing, medicine.'),
    ("condition off the agreement scale", _set(f"{Q}.3.show_if.equals", "6"), "sections[1].questions[3].show_if.equals",
     '"6" is not on the agreement scale: use 1 to 5, or 0'),
    ("condition code as a number", _set(f"{Q}.3.show_if.equals", 1), "sections[1].questions[3].show_if.equals",
     "Expected a code in quotes, not the number 1."),
    ("unknown condition field", _set(f"{Q}.2.show_if.when", "always"), "sections[1].questions[2].show_if.when", '"when" is not a field of a condition'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutation", "location", "message"), [r[1:] for r in RULES], ids=[r[0] for r in RULES]
)
def test_each_rule_reports_one_problem_at_its_location(
    mutation: Callable[[dict[str, Any]], object], location: str, message: str
) -> None:
    data = valid_data()
    mutation(data)
    problems = problems_for(data)
    assert len(problems) == 1, problems
    assert problems[0][0] == location
    assert message in problems[0][1]


def test_a_definition_that_is_not_a_mapping_is_rejected() -> None:
    assert problems_for(["key", "version"]) == [
        (
            "definition",
            "Expected a mapping with key, version, title, description and sections, not a list.",
        )
    ]


def test_every_problem_is_collected_in_order_before_raising() -> None:
    data = valid_data()
    data["version"] = 0
    question(data, 1, 2)["show_if"]["question"] = "nowhere"
    question(data, 0, 0)["options"][1]["code"] = "Bad Code"
    with pytest.raises(DefinitionError) as raised:
        parse_definition(data)
    assert [problem.location for problem in raised.value.problems] == [
        "version",
        "sections[0].questions[0].options[1].code",
        "sections[1].questions[2].show_if.question",
    ]
    lines = str(raised.value).splitlines()
    assert lines[0] == "version: The version must be 1 or more."
    assert raised.value.problems[1].path == ("sections", 0, "questions", 0, "options", 1, "code")


def test_text_is_trimmed_and_line_endings_normalised() -> None:
    data = valid_data()
    data["title"] = "  Test survey \r\n"
    question(data, 1, 3)["text"] = "Why not?\r\nTell us more."
    question(data, 1, 3)["hint"] = "   "
    definition = parse_definition(data)
    assert definition.title == "Test survey"
    assert definition.question("why_not").text == "Why not?\nTell us more."
    assert definition.question("why_not").hint is None


def test_questions_in_order_and_by_key() -> None:
    definition = parse_definition(valid_data())
    assert [q.key for q in definition.questions()] == [
        "profession", "layers", "home_place", "age_band",
        "info", "shape_vision", "place_voice", "why_not", "nurse_years",
    ]  # fmt: skip
    assert definition.question("nurse_years").max == 60
    with pytest.raises(KeyError):
        definition.question("missing")


def test_answer_keys_expand_layer_grids_and_skip_notes() -> None:
    definition = parse_definition(valid_data())
    assert definition.answer_keys() == (
        "profession", "layers", "home_place", "age_band",
        "shape_vision__system", "shape_vision__place", "place_voice", "why_not", "nurse_years",
    )  # fmt: skip


def test_dimensions_include_equality_questions_under_their_own_key() -> None:
    dimensions = parse_definition(valid_data()).dimensions()
    assert {name: q.key for name, q in dimensions.items()} == {
        "profession_group": "profession",
        "layer": "layers",
        "place": "home_place",
        "age_band": "age_band",
    }


def test_agreement_questions_answer_on_the_fixed_scale() -> None:
    definition = parse_definition(valid_data())
    codes = [option.code for option in definition.question("place_voice").answer_options()]
    assert codes == ["1", "2", "3", "4", "5", "0"]
    assert [point.score for point in AGREEMENT_SCALE] == [0.0, 2.5, 5.0, 7.5, 10.0, None]
    assert definition.question("home_place").answer_options() == ()


@pytest.mark.parametrize(
    ("condition", "answers", "met"),
    [
        (Condition(question="layers", includes="place"), {"layers": ["system", "place"]}, True),
        (Condition(question="layers", includes="place"), {"layers": ["system"]}, False),
        (Condition(question="layers", includes="place"), {}, False),
        (Condition(question="place_voice", equals="1"), {"place_voice": 1}, True),
        (Condition(question="place_voice", equals="1"), {"place_voice": 0}, False),
        (Condition(question="profession", equals="nursing"), {"profession": "nursing"}, True),
        (Condition(question="profession", equals="nursing"), {"profession": None}, False),
    ],
)
def test_condition_is_met(condition: Condition, answers: dict[str, object], met: bool) -> None:
    assert condition.is_met(answers) is met


def test_to_dict_round_trips_and_leaves_out_defaults() -> None:
    definition = parse_definition(valid_data())
    data = definition.to_dict()
    assert parse_definition(data) == definition
    assert data["sections"][1]["questions"][0] == {
        "key": "info",
        "type": "note",
        "text": "About your involvement.",
    }
    assert "required" not in data["sections"][0]["questions"][0]
    assert data["sections"][0]["questions"][2]["required"] is False


def test_to_dict_is_plain_data() -> None:
    data = parse_definition(valid_data()).to_dict()
    assert parse_definition(copy.deepcopy(data)).to_dict() == data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_definitions())
def test_any_valid_definition_round_trips_through_to_dict(definition: Definition) -> None:
    assert parse_definition(definition.to_dict()) == definition


def test_load_definition_file_reads_yaml(tmp_path: Path) -> None:
    path = tmp_path / "survey.yaml"
    path.write_text(
        "key: small\nversion: 1\ntitle: Small\ndescription: One question.\nsections:\n"
        "  - key: only\n    title: Only\n    questions:\n"
        "      - {key: q1, type: single_choice, text: 'Involved?', options: [{code: 'yes', label: 'Yes'}, {code: 'no', label: 'No'}]}\n",
        encoding="utf-8",
    )
    definition = load_definition_file(path)
    assert [option.code for option in definition.question("q1").options] == ["yes", "no"]


def test_load_definition_file_explains_unquoted_yes(tmp_path: Path) -> None:
    path = tmp_path / "survey.yaml"
    path.write_text(
        "key: small\nversion: 1\ntitle: Small\ndescription: One question.\nsections:\n"
        "  - key: only\n    title: Only\n    questions:\n"
        "      - {key: q1, type: single_choice, text: 'Involved?', options: [{code: yes, label: 'Yes'}, {code: 'no', label: 'No'}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DefinitionError) as raised:
        load_definition_file(path)
    (problem,) = raised.value.problems
    assert problem.location == "sections[0].questions[0].options[0].code"
    assert 'mean true or false unless they are in quotes: write "yes"' in problem.message


def test_load_definition_file_reports_broken_yaml_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("key: small\nversion: [1\ntitle: Small\n", encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_definition_file(path)
    (problem,) = raised.value.problems
    assert problem.location.startswith("broken.yaml line ")
    assert problem.message.startswith("This is not valid YAML")


@pytest.mark.skipif(
    not PULSE_CHECK_V1.exists(), reason="the standard instrument is not written yet"
)
def test_the_standard_pulse_check_loads_validates_and_round_trips() -> None:
    definition = load_definition_file(PULSE_CHECK_V1)
    assert (definition.key, definition.version) == ("ccpl-pulse-check", 1)
    assert 40 <= len([q for q in definition.questions() if q.is_answered]) <= 55
    assert set(definition.dimensions()) >= {
        "profession_group",
        "sector",
        "role_level",
        "layer",
        "place",
    }
    assert parse_definition(definition.to_dict()) == definition
