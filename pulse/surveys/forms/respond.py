"""The respondent's forms: the start form (with its access code) and one form per section.

A section form is built from the definition and the answers saved so far. It has one field per
answer slot shown on the page (`page_slots`): a question whose display condition depends on an
earlier page is only there when the condition is met; one that depends on a question on the same
page is always there, with a hint saying when to answer it, and its answer is dropped when the
condition is not met (so the page works without JavaScript). A layer grid has one field per
layer the respondent chose.

Anything a person using the page could not have sent (a field of another page, an option that
is not offered, two answers to one question) is tampering: `is_tampered` tells the view, which
stores nothing and replies 400. Missing or badly typed answers are ordinary errors in NHS style.
"""

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django import forms
from django.contrib.auth.hashers import check_password
from django.forms.utils import ErrorDict
from django.utils.datastructures import MultiValueDict

from pulse.surveys.answers import is_blank, layers_question, shown_slots
from pulse.surveys.definition import (
    AGREEMENT_SCALE,
    FREE_TEXT_MAX_CHARS,
    PREFER_NOT_TO_SAY,
    Condition,
    Definition,
    Question,
    Section,
)

CONTROL_KEYS = frozenset({"csrfmiddlewaretoken", "action"})
ACTIONS = ("continue", "save")
AGREEMENT_CHOICES = [(point.code, point.label) for point in AGREEMENT_SCALE]
PREFER_NOT_TO_SAY_LABEL = "Prefer not to say"
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,12}", re.ASCII)
_NUMBER_LIMIT = 10**9

# "Select your profession group"-style messages for the questions that supply a breakdown.
SELECT_MESSAGES = {
    "profession_group": "Select your professional group",
    "sector": "Select the sector your main employer is in",
    "role_level": "Select the description that best fits your leadership role",
    "place": "Select the place you mainly work in",
    "layer": "Select the levels of the system where you do leadership work",
}


@dataclass(frozen=True)
class PageSlot:
    """One thing shown on a section page: an answer slot, or a note (text only).

    `conditions` are display conditions judged on this same page's answers.
    """

    question: Question
    key: str
    layer: str | None = None
    conditions: tuple[Condition, ...] = ()

    @property
    def is_note(self) -> bool:
        return not self.question.is_answered


def section_answer_keys(definition: Definition, section: Section) -> set[str]:
    """Every key a section's questions can store an answer under (all layers of a grid)."""
    keys: set[str] = set()
    for question in section.questions:
        if question.type == "layer_grid":
            keys.update(f"{question.key}__{layer}" for layer in definition.layer_codes())
        elif question.is_answered:
            keys.add(question.key)
    return keys


def page_slots(
    definition: Definition, answers: Mapping[str, Any], section: Section
) -> list[PageSlot]:
    """What the section page shows, given the answers saved on earlier pages.

    Layer-grid items come layer by layer (all items for one layer, then the next layer).
    """
    here = {question.key for question in section.questions}
    shown: set[str] = set()
    slots: list[PageSlot] = []
    for question in section.questions:
        new = _question_slots(definition, answers, question, here, shown)
        if new:
            shown.add(question.key)
        slots.extend(new)
    return _layer_by_layer(definition, slots)


def _question_slots(
    definition: Definition,
    answers: Mapping[str, Any],
    question: Question,
    here: set[str],
    shown: set[str],
) -> list[PageSlot]:
    conditions: tuple[Condition, ...] = ()
    condition = question.show_if
    if condition is not None and condition.question in here:
        if condition.question not in shown:
            return []  # its parent is hidden, so it can never be answered
        conditions = (condition,)
        question_here = replace(question, show_if=None)
    else:
        question_here = question
    if not question.is_answered:
        if question_here.show_if is not None and not question_here.show_if.is_met(answers):
            return []
        return [PageSlot(question, question.key, None, conditions)]
    layers_q = layers_question(definition)
    if question.type == "layer_grid" and layers_q is not None and layers_q.key in here:
        if layers_q.key not in shown:
            return []
        return [
            PageSlot(
                question,
                f"{question.key}__{layer}",
                layer,
                (*conditions, Condition(question=layers_q.key, includes=layer)),
            )
            for layer in definition.layer_codes()
        ]
    return [
        PageSlot(question, slot.key, slot.layer, conditions)
        for slot in shown_slots(definition, answers, [question_here])
    ]


def _layer_by_layer(definition: Definition, slots: list[PageSlot]) -> list[PageSlot]:
    order = {layer: index for index, layer in enumerate(definition.layer_codes())}
    result: list[PageSlot] = []
    run: list[PageSlot] = []
    for slot in [*slots, None]:
        if slot is not None and slot.layer is not None:
            run.append(slot)
            continue
        result.extend(sorted(run, key=lambda s: order.get(s.layer or "", 0)))
        run = []
        if slot is not None:
            result.append(slot)
    return result


def layer_labels(definition: Definition) -> dict[str, str]:
    """Layer code -> its label in the layers question."""
    layers_q = layers_question(definition)
    return {o.code: o.label for o in layers_q.options} if layers_q else {}


def short_layer_label(label: str) -> str:
    """ "System (integrated care board ...)" -> "System"."""
    return label.split(" (", 1)[0]


def statement(text: str) -> str:
    """A statement to quote inside a sentence: first letter lower case unless it is "I" or an
    acronym, and no full stop."""
    text = text.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or (len(first) > 1 and first.isupper()):
        return text
    return text[:1].lower() + text[1:]


def required_message(question: Question, layer_label: str | None = None) -> str:
    """What to tell a respondent who left a required question unanswered."""
    kind = question.type
    if kind in ("agreement", "layer_grid"):
        message = f"Select how much you agree that {statement(question.text)}"
        if layer_label:
            return f"{short_layer_label(layer_label)}: {message[:1].lower()}{message[1:]}"
        return message
    if kind in ("single_choice", "place"):
        return SELECT_MESSAGES.get(question.dimension_key or "", "Select an answer")
    if kind == "multiple_choice":
        return SELECT_MESSAGES.get(question.dimension_key or "", "Select all that apply")
    if kind == "number":
        return "Enter a whole number"
    return "Enter your answer"


def option_label(
    definition: Definition, question_key: str, code: str, places: Sequence[Mapping[str, str]]
) -> str:
    question = definition.question(question_key)
    if question.type == "place":
        labels = {p["code"]: p["label"] for p in places} | {PREFER_NOT_TO_SAY: "Prefer not to say"}
        return labels.get(code, code)
    return {o.code: o.label for o in question.answer_options()}.get(code, code)


def condition_hint(
    definition: Definition, condition: Condition, places: Sequence[Mapping[str, str]]
) -> str:
    """When to answer a question that depends on another on the same page."""
    parent = definition.question(condition.question)
    label = option_label(definition, condition.question, condition.code, places)
    if condition.includes is not None:
        return f"Only answer this if you chose ‘{label}’ for ‘{parent.text}’."
    return f"Only answer this if your answer to ‘{parent.text}’ was ‘{label}’."


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


class SectionForm(forms.Form):
    """The questions of one section page. After validation, `answers` holds what to save.

    With `complete=False` ("Save and come back later"), required questions may be left blank.
    """

    def __init__(
        self,
        data: Any = None,
        *,
        definition: Definition,
        slots: Sequence[PageSlot],
        places: Sequence[Mapping[str, str]],
        complete: bool = True,
        initial: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(data=data, initial=initial)
        self.complete = complete
        self.answers: dict[str, Any] = {}
        self.slots = {slot.key: slot for slot in slots if not slot.is_note}
        self.layer_labels = layer_labels(definition)
        for slot in self.slots.values():
            hints = [
                condition_hint(definition, c, places)
                for c in slot.conditions
                if not (slot.layer and c.includes == slot.layer)
            ]
            hint = " ".join([*hints, slot.question.hint or ""]).strip()
            self.fields[slot.key] = build_field(slot, hint, places)

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any], **kwargs: Any) -> "SectionForm":
        """A form bound to saved answers, to show what is still missing."""
        form = cls(MultiValueDict(), **kwargs)
        form.data = MultiValueDict(
            {key: form_value(answers.get(key)) for key in form.slots if key in answers}
        )
        return form

    def is_tampered(self) -> bool:
        """Whether the data holds anything this page could not have sent."""
        data = self.data
        if any(key not in self.fields and key not in CONTROL_KEYS for key in data):
            return True
        if len(data.getlist("action")) > 1 or data.get("action", "continue") not in ACTIONS:
            return True
        return any(
            _field_tampered(field, data.getlist(name)) for name, field in self.fields.items()
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answers: dict[str, Any] = {}
        for key, slot in self.slots.items():
            if not all(condition.is_met(answers) for condition in slot.conditions):
                self._errors.pop(key, None)  # not asked, so nothing to correct
                cleaned.pop(key, None)
                continue
            if key in self._errors:
                continue
            value = stored_value(slot.question, cleaned.get(key))
            if value is None:
                if self.complete and slot.question.required:
                    layer_label = self.layer_labels.get(slot.layer or "")
                    self.add_error(key, required_message(slot.question, layer_label))
                continue
            answers[key] = value
        self.answers = answers
        return cleaned

    def full_clean(self) -> None:
        super().full_clean()
        if self._errors:  # in page order, so the error summary reads like the page
            order = list(self.fields)
            ordered = sorted(self._errors.items(), key=lambda item: _position(order, item[0]))
            self._errors = ErrorDict(ordered, renderer=self.renderer)

    def error_keys(self) -> set[str]:
        return set(self.errors) - {"__all__"}


def _position(order: list[str], name: str) -> int:
    return order.index(name) if name in order else -1


def _field_tampered(field: forms.Field, values: list[str]) -> bool:
    if isinstance(field, forms.MultipleChoiceField):
        allowed = {str(code) for code, _ in field.choices}
        return len(set(values)) != len(values) or not set(values) <= allowed
    if len(values) > 1:
        return True
    if isinstance(field, forms.ChoiceField) and values and values[0] != "":
        return values[0] not in {str(code) for code, _ in field.choices}
    return False


def unexpected_keys(data: Mapping[str, Any], allowed: Collection[str]) -> bool:
    """Whether posted data holds a field the form does not have."""
    return any(key not in allowed and key != "csrfmiddlewaretoken" for key in data)


class StartForm(forms.Form):
    """ "Start now", asking for the access code when the wave has one."""

    def __init__(self, data: Any = None, *, access_code_hash: str = "") -> None:
        super().__init__(data=data)
        self.access_code_hash = access_code_hash
        if access_code_hash:
            self.fields["access_code"] = forms.CharField(
                label="Enter the access code",
                help_text="You will find it in the message that gave you the link to this survey.",
                max_length=200,
                error_messages={
                    "required": "Enter the access code",
                    "max_length": "The access code is not right. Check the code you were given and try again",
                },
                widget=forms.TextInput(
                    attrs={
                        "autocomplete": "off",
                        "spellcheck": "false",
                        "autocapitalize": "none",
                        "nhsuk_classes": "nhsuk-input--width-10",
                    }
                ),
            )

    def is_tampered(self) -> bool:
        return unexpected_keys(self.data, self.fields)

    def clean_access_code(self) -> str:
        code: str = self.cleaned_data["access_code"]
        if not check_password(code, self.access_code_hash):
            raise forms.ValidationError(
                "The access code is not right. Check the code you were given and try again"
            )
        return code
