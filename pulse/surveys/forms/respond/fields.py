"""The form fields of the respondent's questions, and stored answers as form values."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from pulse.surveys.answers import is_blank
from pulse.surveys.definition import (
    AGREEMENT_SCALE,
    FREE_TEXT_MAX_CHARS,
    PREFER_NOT_TO_SAY,
    Question,
)
from pulse.surveys.forms.respond.slots import PageSlot

AGREEMENT_CHOICES = [(point.code, point.label) for point in AGREEMENT_SCALE]
PREFER_NOT_TO_SAY_LABEL = "Prefer not to say"
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,12}", re.ASCII)
_NUMBER_LIMIT = 10**9


class WholeNumberField(forms.CharField):
    """A whole number typed into a text box (inputmode numeric), within the question's range."""

    def __init__(self, *, low: int | None, high: int | None, **kwargs: Any) -> None:
        self.low, self.high = low, high
        kwargs["widget"] = forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "spellcheck": "false",
                "nhsuk_classes": "nhsuk-input--width-5",
            }
        )
        super().__init__(required=False, **kwargs)

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        if text in (None, ""):
            return None
        if not _WHOLE_NUMBER.fullmatch(text):
            raise forms.ValidationError("Enter a whole number, like 12", code="invalid")
        number = int(text)
        low = self.low if self.low is not None else -_NUMBER_LIMIT
        high = self.high if self.high is not None else _NUMBER_LIMIT
        if not low <= number <= high:
            raise forms.ValidationError(
                f"Enter a whole number between {low:,} and {high:,}", code="range"
            )
        return number


class AnswerTextField(forms.CharField):
    """Free text: line endings counted once, at most 5,000 characters."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, widget=forms.Textarea, **kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def validate(self, value: Any) -> None:
        super().validate(value)
        if len(value) > FREE_TEXT_MAX_CHARS:
            raise forms.ValidationError(
                f"Your answer must be {FREE_TEXT_MAX_CHARS:,} characters or fewer", code="long"
            )


def _choices(question: Question, places: Sequence[Mapping[str, str]]) -> list[tuple[str, str]]:
    if question.type in ("agreement", "layer_grid"):
        return AGREEMENT_CHOICES
    if question.type == "place":
        return [(p["code"], p["label"]) for p in places] + [
            (PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL)
        ]
    return [(option.code, option.label) for option in question.options]


def build_field(slot: PageSlot, hint: str, places: Sequence[Mapping[str, str]]) -> forms.Field:
    question = slot.question
    label = question.text if question.required else f"{question.text} (optional)"
    common: dict[str, Any] = {"label": label, "help_text": hint}
    if question.type == "multiple_choice":
        return forms.MultipleChoiceField(
            choices=_choices(question, places),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            **common,
        )
    if question.type == "free_text":
        return AnswerTextField(**common)
    if question.type == "number":
        return WholeNumberField(low=question.min, high=question.max, **common)
    return forms.ChoiceField(
        choices=_choices(question, places), widget=forms.RadioSelect, required=False, **common
    )


def stored_value(question: Question, value: Any) -> Any:
    """A cleaned field value as the draft stores it (docs/instrument-format.md), or None."""
    if is_blank(value):
        return None
    if question.type in ("agreement", "layer_grid"):
        return int(value)
    if question.type == "multiple_choice":
        chosen = set(value)
        return [option.code for option in question.options if option.code in chosen]
    return value


def form_value(value: Any) -> list[str]:
    """A stored answer as the values a browser would post for it."""
    if isinstance(value, list):
        return [str(v) for v in value]
    return [] if value is None else [str(value)]


def initial_values(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Saved answers as a form's initial values."""
    return {
        key: [str(v) for v in value] if isinstance(value, list) else str(value)
        for key, value in answers.items()
    }
