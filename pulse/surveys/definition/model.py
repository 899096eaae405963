"""The instrument definition as frozen dataclasses (docs/instrument-format.md).

Instances are built by :func:`pulse.surveys.definition.parse_definition`, which guarantees that
every rule of the format holds; the helpers here rely on that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

QUESTION_TYPES: tuple[str, ...] = (
    "agreement",
    "single_choice",
    "multiple_choice",
    "free_text",
    "number",
    "layer_grid",
    "place",
    "note",
)
PRINCIPLES: tuple[str, ...] = ("P1", "P2", "P3", "P4", "P5")
LAYERS: dict[str, str] = {
    "system": "System (integrated care board or integrated care partnership)",
    "place": "Place",
    "neighbourhood": "Neighbourhood (including primary care networks)",
    "provider_collaborative": "Provider collaborative",
    "organisation": "My own organisation",
}
#: Breakdown dimensions a question can supply with ``dimension:``. Equality-monitoring questions
#: supply a dimension named after their own key.
DIMENSIONS: tuple[str, ...] = ("profession_group", "sector", "role_level", "place", "layer")
PREFER_NOT_TO_SAY = "prefer_not_to_say"
FREE_TEXT_MAX_CHARS = 5_000


@dataclass(frozen=True, kw_only=True)
class ScalePoint:
    """One point of the fixed agreement scale: the stored value, its label and its 0..10 score."""

    value: int
    label: str
    score: float | None

    @property
    def code(self) -> str:
        """The value as the string code used by display conditions and XLSForm."""
        return str(self.value)


AGREEMENT_SCALE: tuple[ScalePoint, ...] = (
    ScalePoint(value=1, label="Strongly disagree", score=0.0),
    ScalePoint(value=2, label="Disagree", score=2.5),
    ScalePoint(value=3, label="Neither agree nor disagree", score=5.0),
    ScalePoint(value=4, label="Agree", score=7.5),
    ScalePoint(value=5, label="Strongly agree", score=10.0),
    ScalePoint(value=0, label="Don't know / not applicable", score=None),
)


@dataclass(frozen=True, kw_only=True)
class Option:
    """A coded answer option of a single or multiple choice question."""

    code: str
    label: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "label": self.label}


@dataclass(frozen=True, kw_only=True)
class Condition:
    """``show_if``: show the question only when an earlier answer equals or includes a code.

    Exactly one of ``equals`` and ``includes`` is set.
    """

    question: str
    equals: str | None = None
    includes: str | None = None

    @property
    def code(self) -> str:
        """The code the condition tests for, whichever operator it uses."""
        return self.equals if self.equals is not None else str(self.includes)

    def is_met(self, answers: Mapping[str, object]) -> bool:
        """Whether the condition holds for ``answers`` (question key -> stored answer).

        >>> Condition(question="layers", includes="place").is_met({"layers": ["place"]})
        True
        """
        answer = answers.get(self.question)
        if self.includes is not None:
            return isinstance(answer, list | tuple | set | frozenset) and self.includes in answer
        if answer is None or isinstance(answer, bool):
            return False
        return str(answer) == self.equals

    def to_dict(self) -> dict[str, str]:
        if self.includes is not None:
            return {"question": self.question, "includes": self.includes}
        return {"question": self.question, "equals": str(self.equals)}


@dataclass(frozen=True, kw_only=True)
class Question:
    """One question; ``key`` is stable across versions while its meaning is unchanged."""

    key: str
    type: str
    text: str
    hint: str | None = None
    required: bool = True
    options: tuple[Option, ...] = ()
    show_if: Condition | None = None
    construct: str | None = None
    principle: str | None = None
    layer: str | None = None
    reverse: bool = False
    dimension: str | None = None
    equality: bool = False
    min: int | None = None
    max: int | None = None

    @property
    def is_answered(self) -> bool:
        """False for notes, which are shown but never answered."""
        return self.type != "note"

    @property
    def dimension_key(self) -> str | None:
        """The breakdown dimension this question supplies, if any."""
        return self.key if self.equality else self.dimension

    def answer_options(self) -> tuple[Option, ...]:
        """The options a respondent chooses from (the agreement scale for agreement items).

        Empty for place questions (the ICS's own places) and for unanswered or open types.
        """
        if self.type in ("agreement", "layer_grid"):
            return tuple(Option(code=p.code, label=p.label) for p in AGREEMENT_SCALE)
        return self.options

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "type": self.type, "text": self.text}
        if self.hint is not None:
            data["hint"] = self.hint
        if not self.required and self.is_answered:
            data["required"] = False
        if self.options:
            data["options"] = [option.to_dict() for option in self.options]
        if self.show_if is not None:
            data["show_if"] = self.show_if.to_dict()
        optional = {
            "construct": self.construct,
            "principle": self.principle,
            "layer": self.layer,
            "reverse": self.reverse or None,
            "dimension": self.dimension,
            "equality": self.equality or None,
            "min": self.min,
            "max": self.max,
        }
        data.update({name: value for name, value in optional.items() if value is not None})
        return data


@dataclass(frozen=True, kw_only=True)
class Section:
    """One page of the respondent journey."""

    key: str
    title: str
    intro: str | None = None
    questions: tuple[Question, ...]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "title": self.title}
        if self.intro is not None:
            data["intro"] = self.intro
        data["questions"] = [question.to_dict() for question in self.questions]
        return data


@dataclass(frozen=True, kw_only=True)
class Definition:
    """One version of an instrument."""

    key: str
    version: int
    title: str
    description: str
    estimated_minutes: int | None = None
    sections: tuple[Section, ...]

    def questions(self) -> tuple[Question, ...]:
        """Every question (notes included) in the order respondents see them."""
        return tuple(question for section in self.sections for question in section.questions)

    def question(self, key: str) -> Question:
        """The question with ``key``; raises ``KeyError`` if there is none."""
        for question in self.questions():
            if question.key == key:
                return question
        raise KeyError(f"{self.key} v{self.version} has no question {key!r}")

    def dimensions(self) -> dict[str, Question]:
        """Breakdown dimension key -> the question that supplies it, in question order."""
        return {
            question.dimension_key: question
            for question in self.questions()
            if question.dimension_key is not None
        }

    def layer_codes(self) -> tuple[str, ...]:
        """The layers offered by the layers question (empty if the version has none)."""
        layer_question = self.dimensions().get("layer")
        return tuple(o.code for o in layer_question.options) if layer_question else ()

    def answer_keys(self) -> tuple[str, ...]:
        """Every key an answer can be stored under, in order; notes have none.

        A layer grid question expands to ``<key>__<layer>`` for each layer of the layers
        question.
        """
        keys: list[str] = []
        for question in self.questions():
            if question.type == "layer_grid":
                keys.extend(f"{question.key}__{layer}" for layer in self.layer_codes())
            elif question.is_answered:
                keys.append(question.key)
        return tuple(keys)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (dicts, lists, strings, numbers) that ``parse_definition`` accepts."""
        data: dict[str, Any] = {
            "key": self.key,
            "version": self.version,
            "title": self.title,
            "description": self.description,
        }
        if self.estimated_minutes is not None:
            data["estimated_minutes"] = self.estimated_minutes
        data["sections"] = [section.to_dict() for section in self.sections]
        return data


Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """``("sections", 2, "questions", 4, "options")`` -> ``sections[2].questions[4].options``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "definition"


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing wrong with a definition or workbook: where it is and what is wrong."""

    location: str
    message: str
    path: Path = ()

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class DefinitionError(ValueError):
    """A definition or workbook is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
