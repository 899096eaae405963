"""Mapping an export onto a wave's questions: which column answers which question, which
answer label means which option, and turning each row into answers that `clean_answers`
checks exactly as it checks answers given online.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pulse.surveys.answers import InvalidAnswers, clean_answers
from pulse.surveys.definition import PREFER_NOT_TO_SAY, Definition, Option, Question
from pulse.surveys.participants_file import normalise

CHOICE_TYPES = ("agreement", "layer_grid", "single_choice", "multiple_choice", "place")
BLANK = "__blank__"  # an answer label meaning "not answered"
SPLIT = ";"  # how tools list several choices in one cell (Microsoft Forms, LimeSurvey)


@dataclass(frozen=True)
class Target:
    """A key an answer can be stored under, with the question it belongs to."""

    key: str
    question: Question
    layer: str | None
    options: tuple[Option, ...]

    @property
    def label(self) -> str:
        text = (
            self.question.text if len(self.question.text) <= 90 else self.question.text[:87] + "..."
        )
        return f"{self.key}: {text}"

    @property
    def has_options(self) -> bool:
        return self.question.type in CHOICE_TYPES


def targets(definition: Definition, places: Sequence[Mapping[str, str]]) -> dict[str, Target]:
    """Every answer key of the survey, in order."""
    found: dict[str, Target] = {}
    place_options = (
        *(Option(code=p["code"], label=p["label"]) for p in places),
        Option(code=PREFER_NOT_TO_SAY, label="Prefer not to say"),
    )
    for question in definition.questions():
        if not question.is_answered:
            continue
        options = place_options if question.type == "place" else question.answer_options()
        if question.type == "layer_grid":
            for layer in definition.layer_codes():
                key = f"{question.key}__{layer}"
                found[key] = Target(key, question, layer, options)
        else:
            found[question.key] = Target(question.key, question, None, options)
    return found


def _number(heading: str) -> str:
    """The heading without a leading question number or asterisk: "* 1. Text" -> "text"."""
    return normalise(heading.lstrip("* ").split(". ", 1)[-1] if ". " in heading[:6] else heading)


def suggest_columns(headings: Mapping[int, str], found: Mapping[str, Target]) -> dict[int, str]:
    """Columns whose heading is a question's key or its text, when only one question fits."""
    by_text: dict[str, list[str]] = {}
    for target in found.values():
        if target.layer is None:
            by_text.setdefault(normalise(target.question.text), []).append(target.key)
            by_text.setdefault(normalise(target.key), []).append(target.key)
    suggestions: dict[int, str] = {}
    for index, heading in headings.items():
        keys = by_text.get(_number(heading)) or by_text.get(normalise(heading)) or []
        if len(set(keys)) == 1 and keys[0] not in suggestions.values():
            suggestions[index] = keys[0]
    return suggestions


def cell_labels(value: str, target: Target) -> list[str]:
    """The answer labels in one cell (several for a multiple choice question)."""
    if not value.strip():
        return []
    if target.question.type == "multiple_choice" and SPLIT in value:
        return [part.strip() for part in value.split(SPLIT) if part.strip()]
    return [value.strip()]


def suggest_value(label: str, target: Target) -> str:
    """The option whose code, label or short label (before any brackets) is the label."""
    wanted = normalise(label)
    for option in target.options:
        short = option.label.split(" (")[0]
        if wanted in (normalise(option.code), normalise(option.label), normalise(short)):
            return option.code
    return ""


def distinct_labels(rows: Iterable[Sequence[str]], position: int, target: Target) -> list[str]:
    """The different answers found in a column, in the order first seen (case ignored)."""
    seen: dict[str, str] = {}
    for values in rows:
        for label in cell_labels(values[position] if position < len(values) else "", target):
            seen.setdefault(normalise(label), label)
    return list(seen.values())


@dataclass
class MappedRow:
    line: str
    answers: dict[str, Any] = field(default_factory=dict)
    submitted_on: date | None = None
    problems: list[str] = field(default_factory=list)


def map_row(
    line: str,
    values: Mapping[str, str],
    value_map: Mapping[str, Mapping[str, str]],
    found: Mapping[str, Target],
) -> MappedRow:
    """`values`: answer key -> the cells mapped to it, joined by ";" for several columns."""
    row = MappedRow(line)
    for key, raw in values.items():
        target = found[key]
        if not target.has_options:
            if raw.strip():
                row.answers[key] = raw.strip()
            continue
        codes = []
        for label in cell_labels(raw, target):
            code = value_map.get(key, {}).get(normalise(label))
            if code is None:
                row.problems.append(
                    f"\u201c{label[:80]}\u201d is not matched to an answer of {key}"
                )
            elif code != BLANK:
                codes.append(code)
        _store(row, target, codes)
    return row


def _store(row: MappedRow, target: Target, codes: list[str]) -> None:
    if not codes:
        return
    kind = target.question.type
    if kind == "multiple_choice":
        row.answers[target.key] = list(dict.fromkeys(codes))
    elif len(set(codes)) > 1:
        row.problems.append(f"{target.key} has more than one answer, but only one is allowed")
    elif kind in ("agreement", "layer_grid"):
        row.answers[target.key] = int(codes[0])
    else:
        row.answers[target.key] = codes[0]


def check_row(row: MappedRow, definition: Definition, places: Iterable[str]) -> MappedRow:
    """Check a mapped row exactly as online answers are checked; problems are listed."""
    if row.problems or not row.answers:
        return row
    try:
        row.answers = clean_answers(definition, row.answers, places=set(places))
    except InvalidAnswers as error:
        row.problems.extend(f"{key}: {message}" for key, message in error.problems.items())
    return row
