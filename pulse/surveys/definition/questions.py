"""Parsing one question: its fields, options, condition and the rules that depend on its type."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulse.surveys.definition.fields import (
    CODE,
    CODE_RULE,
    KEY_MAX_CHARS,
    LONG_TEXT_MAX_CHARS,
    SHORT_TEXT_MAX_CHARS,
    SNAKE_KEY,
    SNAKE_RULE,
    Fields,
    Problems,
    describe,
)
from pulse.surveys.definition.model import (
    DIMENSIONS,
    LAYERS,
    PREFER_NOT_TO_SAY,
    PRINCIPLES,
    QUESTION_TYPES,
    Condition,
    Option,
    Path,
    Question,
)

QUESTION_FIELDS = (
    "key",
    "type",
    "text",
    "hint",
    "required",
    "options",
    "show_if",
    "construct",
    "principle",
    "layer",
    "reverse",
    "dimension",
    "equality",
    "min",
    "max",
)
CHOICE_TYPES = ("single_choice", "multiple_choice")
TYPE_NAMES = {
    "agreement": "an agreement question",
    "single_choice": "a single-choice question",
    "multiple_choice": "a multiple-choice question",
    "free_text": "a free-text question",
    "number": "a number question",
    "layer_grid": "a layer grid question",
    "place": "a place question",
    "note": "a note",
}
_NO_OPTIONS = {
    "agreement": "An agreement question always uses the fixed agreement scale "
    "(1 to 5, and 0 for don't know), so it cannot have its own options.",
    "layer_grid": "A layer grid question always uses the fixed agreement scale "
    "(1 to 5, and 0 for don't know), so it cannot have its own options.",
    "place": "A place question offers the ICS's own list of places, "
    "so it cannot have its own options.",
}
#: Fields allowed only on some types: (field, allowed types, why not elsewhere).
_TYPE_ONLY_FIELDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("reverse", ("agreement", "layer_grid"), "Only agreement and layer grid questions can be reverse-scored."),
    ("min", ("number",), "Only number questions can have a minimum."),
    ("max", ("number",), "Only number questions can have a maximum."),
    ("equality", CHOICE_TYPES, "Only single-choice and multiple-choice questions can be equality-monitoring questions."),
    ("required", tuple(t for t in QUESTION_TYPES if t != "note"), "A note is never answered, so it cannot be required."),
    ("construct", tuple(t for t in QUESTION_TYPES if t != "note"), "A note is never answered, so it cannot have a construct."),
    ("principle", tuple(t for t in QUESTION_TYPES if t != "note"), "A note is never answered, so it cannot have a principle."),
    ("layer", tuple(t for t in QUESTION_TYPES if t != "note"), "A note is never answered, so it cannot have a layer."),
)  # fmt: skip
_DIMENSION_TYPES = {
    "profession_group": (("single_choice",), "a single-choice question"),
    "sector": (("single_choice",), "a single-choice question"),
    "role_level": (("single_choice",), "a single-choice question"),
    "place": (("place", "single_choice"), "a place question (or a single-choice list of places)"),
    "layer": (("multiple_choice",), "a multiple-choice question offering layers"),
}


def parse_question(raw: object, path: Path, problems: Problems) -> Question | None:
    """A question from ``raw``, or ``None`` if it is not even a mapping."""
    if not isinstance(raw, Mapping):
        problems.add(path, f"Expected a question (key, type, text...), not {describe(raw)}.")
        return None
    f = Fields(raw, path, problems)
    f.check_known(QUESTION_FIELDS, "a question")
    qtype = _question_type(f)
    question = Question(
        key=f.key("key", "a key for this question", pattern=SNAKE_KEY, rule=SNAKE_RULE) or "",
        type=qtype or "",
        text=f.text("text", "the question text", required=True, limit=LONG_TEXT_MAX_CHARS) or "",
        hint=f.text("hint", "the hint", required=False, limit=LONG_TEXT_MAX_CHARS),
        required=f.boolean("required", default=qtype != "note"),
        options=_options(f, qtype),
        show_if=_condition(f),
        construct=f.code("construct", pattern=SNAKE_KEY, rule=SNAKE_RULE),
        principle=f.choice("principle", PRINCIPLES, "a principle"),
        layer=f.choice("layer", tuple(LAYERS), "a layer"),
        reverse=f.boolean("reverse", default=False),
        dimension=f.choice("dimension", DIMENSIONS, "a breakdown dimension"),
        equality=f.boolean("equality", default=False),
        min=f.integer("min", "the minimum", required=False, minimum=None),
        max=f.integer("max", "the maximum", required=False, minimum=None),
    )
    if qtype is not None:
        _check_type_fields(question, f)
        _check_dimension(question, f)
    return question


def _question_type(f: Fields) -> str | None:
    if not f.present("type"):
        f.problems.add(
            f.at("type"), f"Enter the question type: one of {', '.join(QUESTION_TYPES)}."
        )
        return None
    return f.choice("type", QUESTION_TYPES, "a question type")


def _options(f: Fields, qtype: str | None) -> tuple[Option, ...]:
    raw = f.items("options", "options")
    if qtype is not None and qtype not in CHOICE_TYPES:
        if f.present("options"):
            why = _NO_OPTIONS.get(qtype, f"{TYPE_NAMES[qtype].capitalize()} cannot have options.")
            f.problems.add(f.at("options"), why)
        return ()
    if raw is None:
        if qtype is not None and not f.present("options"):
            f.problems.add(f.at("options"), "Add at least two options.")
        return ()
    options = [
        _option(item, (*f.at("options"), index), f.problems) for index, item in enumerate(raw)
    ]
    seen: set[str] = set()
    for index, option in enumerate(options):
        if option is not None and option.code in seen:
            f.problems.add(
                (*f.at("options"), index, "code"),
                f'The code "{option.code}" is already used by another option of this question.',
            )
        if option is not None:
            seen.add(option.code)
    if qtype is not None and len(raw) < 2:
        f.problems.add(f.at("options"), f"Add at least two options (there are {len(raw)}).")
    return tuple(option for option in options if option is not None)


def _option(raw: Any, path: Path, problems: Problems) -> Option | None:
    if not isinstance(raw, Mapping):
        problems.add(path, f"Expected an option with a code and a label, not {describe(raw)}.")
        return None
    f = Fields(raw, path, problems)
    f.check_known(("code", "label"), "an option")
    code = f.key("code", "a code for this option", pattern=CODE, rule=CODE_RULE)
    label = f.text("label", "the option label", required=True, limit=SHORT_TEXT_MAX_CHARS)
    return Option(code=code or "", label=label or "")


def _condition(f: Fields) -> Condition | None:
    raw = f.raw.get("show_if")
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        f.problems.add(
            f.at("show_if"),
            f"Expected a condition such as {{question: layers, includes: place}}, not {describe(raw)}.",
        )
        return None
    c = Fields(raw, f.at("show_if"), f.problems)
    c.check_known(("question", "equals", "includes"), "a condition")
    question = c.text(
        "question", "the key of the earlier question", required=True, limit=KEY_MAX_CHARS
    )
    equals = c.code("equals", pattern=CODE, rule=CODE_RULE)
    includes = c.code("includes", pattern=CODE, rule=CODE_RULE)
    if c.present("equals") == c.present("includes"):
        c.problems.add(
            c.path,
            "Give either equals (for a single-choice, place or agreement question) or includes "
            "(for a multiple-choice question)" + (", not both." if c.present("equals") else "."),
        )
        return None
    if question is None or (equals is None and includes is None):
        return None
    return Condition(question=question, equals=equals, includes=includes)


def _check_type_fields(question: Question, f: Fields) -> None:
    for name, types, why in _TYPE_ONLY_FIELDS:
        value = f.raw.get(name)
        if value is not None and value is not False and question.type not in types:
            f.problems.add(f.at(name), why)
    codes = {option.code for option in question.options}
    if question.equality and question.type in CHOICE_TYPES and PREFER_NOT_TO_SAY not in codes:
        f.problems.add(
            f.at("options"),
            f'An equality-monitoring question must offer the option "{PREFER_NOT_TO_SAY}".',
        )
    if question.min is not None and question.max is not None and question.min > question.max:
        f.problems.add(
            f.at("max"), f"The maximum ({question.max}) is less than the minimum ({question.min})."
        )


def _check_dimension(question: Question, f: Fields) -> None:
    dimension = question.dimension
    if dimension is None:
        return
    if question.equality:
        f.problems.add(
            f.at("dimension"),
            "An equality-monitoring question is a breakdown dimension under its own key, "
            "so leave dimension out.",
        )
        return
    types, what = _DIMENSION_TYPES[dimension]
    if question.type == "free_text":
        f.problems.add(f.at("dimension"), "A free-text question is never a breakdown dimension.")
    elif question.type not in types:
        f.problems.add(f.at("dimension"), f'The "{dimension}" dimension must come from {what}.')
    elif dimension == "layer":
        for index, option in enumerate(question.options):
            if option.code not in LAYERS:
                f.problems.add(
                    (*f.at("options"), index, "code"),
                    f'"{option.code}" is not a layer. The layers question can only offer: '
                    f"{', '.join(LAYERS)}.",
                )
