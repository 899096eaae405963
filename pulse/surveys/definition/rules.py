"""Rules that relate questions to each other: unique keys, conditions, dimensions, layer grids."""

from __future__ import annotations

from dataclasses import dataclass

from pulse.surveys.definition.fields import Problems
from pulse.surveys.definition.model import AGREEMENT_SCALE, Path, Question, Section, format_path
from pulse.surveys.definition.questions import TYPE_NAMES

AGREEMENT_CODES = tuple(point.code for point in AGREEMENT_SCALE)
_CONDITION_TYPES = ("single_choice", "multiple_choice", "place", "agreement")


@dataclass(frozen=True)
class Located:
    """A question with its path and its position in the whole version."""

    path: Path
    position: int
    question: Question


def check_rules(
    sections: list[tuple[Path, Section]], questions: list[Located], problems: Problems
) -> None:
    """Record every problem that involves more than one question."""
    _check_unique_keys(sections, questions, problems)
    index: dict[str, Located] = {}
    for located in questions:
        index.setdefault(located.question.key, located)
    section_keys = {section.key for _, section in sections}
    for located in questions:
        if located.question.show_if is not None:
            _check_condition(located, index, section_keys, problems)
    _check_dimensions(questions, problems)
    _check_layer_grids(questions, problems)
    if questions and not any(located.question.is_answered for located in questions):
        problems.add(("sections",), "Add at least one question that is answered (not a note).")


def _check_unique_keys(
    sections: list[tuple[Path, Section]], questions: list[Located], problems: Problems
) -> None:
    first: dict[str, Path] = {}
    entries = [(path, section.key) for path, section in sections]
    entries += [(located.path, located.question.key) for located in questions]
    for path, key in sorted(entries, key=lambda entry: _order(entry[0])):
        if not key:
            continue
        if key in first:
            problems.add(
                (*path, "key"),
                f'The key "{key}" is already used at {format_path(first[key])}. '
                "Keys must be unique across the whole version, sections included.",
            )
        else:
            first[key] = path


def _order(path: Path) -> tuple[int, int]:
    """Sort a section before its own questions, and questions in order."""
    return (int(path[1]), int(path[3]) + 1 if len(path) > 3 else 0)


def _check_condition(
    located: Located, index: dict[str, Located], section_keys: set[str], problems: Problems
) -> None:
    condition = located.question.show_if
    if condition is None:
        return
    at_question = (*located.path, "show_if", "question")
    target = index.get(condition.question)
    if target is None:
        message = (
            f'"{condition.question}" is a section, not a question.'
            if condition.question in section_keys
            else f'There is no question "{condition.question}" in this version.'
        )
        problems.add(at_question, message + " A condition must name an earlier question.")
        return
    if target.position >= located.position:
        problems.add(
            at_question,
            f'"{condition.question}" is not before this question. '
            "A condition can only depend on an earlier question.",
        )
        return
    if target.question.type in _CONDITION_TYPES:
        _check_condition_code(located, target.question, problems)
    elif target.question.type:
        problems.add(
            at_question,
            f'A condition cannot depend on "{condition.question}", which is '
            f"{TYPE_NAMES[target.question.type]}. Use a single-choice, multiple-choice, place "
            "or agreement question.",
        )


def _check_condition_code(located: Located, target: Question, problems: Problems) -> None:
    condition = located.question.show_if
    if condition is None:
        return
    at = (*located.path, "show_if")
    if target.type == "multiple_choice" and condition.includes is None:
        problems.add(
            at,
            f'"{target.key}" is a multiple-choice question, so the condition must use includes '
            f"(in XLSForm: selected(${{{target.key}}}, 'code')).",
        )
    elif target.type != "multiple_choice" and condition.equals is None:
        problems.add(
            at,
            f'"{target.key}" is {TYPE_NAMES[target.type]}, so the condition must use equals '
            f"(in XLSForm: ${{{target.key}}} = 'code').",
        )
    elif target.type == "agreement" and condition.code not in AGREEMENT_CODES:
        problems.add(
            (*at, "equals"),
            f'"{condition.code}" is not on the agreement scale: use 1 to 5, or 0 for '
            "don't know / not applicable.",
        )
    elif target.type in ("single_choice", "multiple_choice") and target.options:
        codes = [option.code for option in target.options]
        if condition.code not in codes:
            problems.add(
                (*at, "includes" if condition.includes is not None else "equals"),
                f'"{target.key}" has no option "{condition.code}". Its options are: '
                f"{', '.join(codes)}.",
            )


def _check_dimensions(questions: list[Located], problems: Problems) -> None:
    supplier: dict[str, str] = {}
    for located in questions:
        question = located.question
        dimension = question.dimension_key
        if dimension is None:
            continue
        if dimension in supplier:
            field = "equality" if question.equality else "dimension"
            problems.add(
                (*located.path, field),
                f'The breakdown dimension "{dimension}" is already supplied by the question '
                f'"{supplier[dimension]}". Each dimension can come from only one question.',
            )
        else:
            supplier[dimension] = question.key


def _check_layer_grids(questions: list[Located], problems: Problems) -> None:
    layers_seen = False
    for located in questions:
        if located.question.type == "layer_grid" and not layers_seen:
            problems.add(
                (*located.path, "type"),
                "A layer grid is asked once for each layer the respondent works at, so it needs "
                'an earlier multiple-choice question with dimension "layer" (the layers question).',
            )
        if located.question.dimension == "layer":
            layers_seen = True
