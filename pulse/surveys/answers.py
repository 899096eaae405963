"""Validate answers against an instrument definition, whatever path they arrive by.

Stored answer values: agreement and layer-grid items an int 0..5 (0 = don't know / not
applicable); single choice and place a code; multiple choice a list of codes in option order;
free text a stripped string; number an int. Layer-grid items are stored as `<key>__<layer>`.
"""

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pulse.surveys.definition import (
    FREE_TEXT_MAX_CHARS,
    PREFER_NOT_TO_SAY,
    Definition,
    Question,
)

AGREEMENT_VALUES = frozenset(range(6))


@dataclass(frozen=True)
class Slot:
    """One answer a respondent can give: a question, the key it is stored under, its layer."""

    question: Question
    key: str
    layer: str | None = None


class InvalidAnswers(ValueError):
    """The answers do not fit the definition. `problems` maps answer keys to messages."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


def layers_question(definition: Definition) -> Question | None:
    return definition.dimensions().get("layer")


def shown_slots(
    definition: Definition,
    answers: Mapping[str, Any],
    questions: Collection[Question] | None = None,
) -> Iterator[Slot]:
    """The answer slots a respondent with `answers` is shown, in order.

    A question with a display condition is shown only when the condition holds; a layer grid is
    repeated for each layer chosen in the layers question. `answers` is read as the generator
    advances, so a caller may fill it while iterating (conditions then see earlier answers only).
    """
    layers_q = layers_question(definition)
    for question in questions if questions is not None else definition.questions():
        if not question.is_answered:
            continue
        if question.show_if is not None and not question.show_if.is_met(answers):
            continue
        if question.type == "layer_grid":
            chosen = answers.get(layers_q.key) or [] if layers_q else []
            for layer in definition.layer_codes():
                if layer in chosen:
                    yield Slot(question, f"{question.key}__{layer}", layer)
        else:
            yield Slot(question, question.key)


def _has_nul(raw: Any) -> bool:
    values = raw if isinstance(raw, list | tuple) else [raw]
    return any(isinstance(v, str) and "\x00" in v for v in values)


def clean_value(question: Question, raw: Any, places: Collection[str]) -> Any:
    """The stored form of one raw answer; raises ValueError with a message for a respondent."""
    if _has_nul(raw):
        # Imported files can carry NUL characters, which PostgreSQL cannot store.
        raise ValueError("Remove the null characters from this answer")
    kind = question.type
    if kind in ("agreement", "layer_grid"):
        value = _integer(raw)
        if value not in AGREEMENT_VALUES:
            raise ValueError("Select one of the answers shown")
        return value
    if kind == "single_choice":
        return _code(raw, {o.code for o in question.options})
    if kind == "place":
        return _code(raw, set(places) | {PREFER_NOT_TO_SAY})
    if kind == "multiple_choice":
        return _codes(raw, [o.code for o in question.options])
    if kind == "number":
        return _number(question, raw)
    if kind == "free_text":
        if not isinstance(raw, str):
            raise ValueError("Enter your answer as text")
        text = raw.strip()
        if len(text) > FREE_TEXT_MAX_CHARS:
            raise ValueError(f"Your answer must be {FREE_TEXT_MAX_CHARS:,} characters or fewer")
        return text
    raise ValueError("This question cannot be answered")


def _integer(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError("Select one of the answers shown")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        return int(raw.strip())
    raise ValueError("Select one of the answers shown")


def _code(raw: Any, allowed: Collection[str]) -> str:
    if not isinstance(raw, str) or raw not in allowed:
        raise ValueError("Select one of the answers shown")
    return raw


def _codes(raw: Any, ordered: list[str]) -> list[str]:
    if not isinstance(raw, list | tuple) or not all(isinstance(c, str) for c in raw):
        raise ValueError("Select the answers that apply from those shown")
    chosen = set(raw)
    if len(chosen) != len(raw) or not chosen <= set(ordered):
        raise ValueError("Select the answers that apply from those shown")
    return [code for code in ordered if code in chosen]


def _number(question: Question, raw: Any) -> int:
    try:
        value = _integer(raw)
    except ValueError:
        raise ValueError("Enter a whole number, like 12") from None
    low = question.min if question.min is not None else -(10**9)
    high = question.max if question.max is not None else 10**9
    if not low <= value <= high:
        raise ValueError(f"Enter a number between {low:,} and {high:,}")
    return value


def is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def clean_answers(
    definition: Definition,
    raw: Mapping[str, Any],
    *,
    places: Collection[str],
    complete: bool = True,
) -> dict[str, Any]:
    """Validate a whole set of answers and return them in stored form.

    Rejected (InvalidAnswers): an unknown key, a value out of range, an answer to a question
    that was not shown; and, when `complete`, a required question left unanswered.
    """
    if not isinstance(raw, Mapping) or not all(isinstance(k, str) for k in raw):
        raise InvalidAnswers({"answers": "Answers must be a set of question keys and values"})
    problems: dict[str, str] = {}
    known = set(definition.answer_keys())
    for key in raw:
        if key not in known:
            problems[key] = "There is no question with this key in this survey"
    cleaned: dict[str, Any] = {}
    # Walk in order so a display condition is judged on the cleaned earlier answers.
    expected: set[str] = set()
    for slot in shown_slots(definition, cleaned):
        expected.add(slot.key)
        value = raw.get(slot.key)
        if is_blank(value):
            if complete and slot.question.required:
                problems[slot.key] = "Answer this question"
            continue
        try:
            cleaned[slot.key] = clean_value(slot.question, value, places)
        except ValueError as error:
            problems[slot.key] = str(error)
    for key in raw:
        if key in known and key not in expected and not is_blank(raw[key]):
            problems[key] = "This question was not shown, so it cannot be answered"
    if problems:
        raise InvalidAnswers(problems)
    return cleaned


def prune_hidden(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Drop answers to questions no longer shown (a respondent went back and changed an earlier
    answer, such as the layers they work at)."""
    kept: dict[str, Any] = {}
    for slot in shown_slots(definition, kept):
        if slot.key in answers:
            kept[slot.key] = answers[slot.key]
    return kept
