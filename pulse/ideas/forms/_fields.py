"""Field builders with NHS error messages, shared by the ideas forms."""

from collections.abc import Sequence
from typing import Any

from django import forms

from pulse.ideas import principles


def text(label: str, max_length: int, required_error: str, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={
            "required": required_error,
            "max_length": f"{label.split(' (')[0]} must be {max_length} characters or fewer",
        },
        **kwargs,
    )


def long_text(
    label: str, max_length: int, required_error: str, rows: int = 6, **kwargs: Any
) -> Any:
    return text(
        label, max_length, required_error, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def radios(label: str, choices: Sequence[tuple[str, str]], error: str, **kwargs: Any) -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": error, "invalid_choice": error},
        **kwargs,
    )


def principle_tags(label: str, help_text: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        required=False,
        choices=principles.CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select principles from the list"},
    )


POST_AS_NAMED = "named"
POST_AS_COLLEAGUE = "colleague"


def post_as(noun: str) -> forms.ChoiceField:
    return radios(
        f"How do you want to post your {noun}?",
        [(POST_AS_NAMED, "With my name"), (POST_AS_COLLEAGUE, "As \u201cA colleague\u201d")],
        f"Select how you want to post your {noun}",
    )


def post_as_hints(name: str, noun: str) -> dict[str, str]:
    return {
        POST_AS_NAMED: f"Everyone in your ICS sees it was posted by {name}",
        POST_AS_COLLEAGUE: f"No one else sees who posted your {noun}, including the design group "
        "and ICS admins. You still get notifications about it",
    }
