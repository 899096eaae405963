"""One form per section page.

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

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.datastructures import MultiValueDict

from pulse.surveys.definition import Definition
from pulse.surveys.forms.respond.fields import build_field, form_value, stored_value
from pulse.surveys.forms.respond.messages import condition_hint, required_message
from pulse.surveys.forms.respond.slots import PageSlot, layer_labels

CONTROL_KEYS = frozenset({"csrfmiddlewaretoken", "action"})
ACTIONS = ("continue", "save")


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
