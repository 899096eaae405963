"""Forms for rounds, the panel's ratings and the consensus, with NHS error messages."""

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from pulse.assessments.models import (
    LEVELS_NEEDING_EVIDENCE,
    Confidence,
    GatewayAnswer,
    GatewayQuestion,
    Indicator,
    Level,
)
from pulse.assessments.services._common import LINK_MESSAGE, clean_link
from pulse.nhsuk_forms.dates import NhsDateField

TEXT_MAX = 5000


def _radios(label: str, choices: Sequence[tuple[Any, str]], error: str, **kw: Any) -> Any:
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": error, "invalid_choice": error},
        **kw,
    )


def _text(label: str, *, hint: str = "", required: bool = False, error: str = "") -> Any:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": error,
            "max_length": f"{label.removesuffix(' (optional)')} must be {TEXT_MAX} characters or fewer",
        },
    )


def _link(label: str = "Link to the evidence (optional)") -> Any:
    return forms.CharField(
        label=label,
        help_text="A web address, like https://www.example.nhs.uk/ccpl-plan",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"spellcheck": "false", "inputmode": "url"}),
        error_messages={"max_length": "The link must be 500 characters or fewer"},
    )


class LinkMixin:
    def clean_evidence_link(self) -> str:
        try:
            return clean_link(self.cleaned_data["evidence_link"])  # type: ignore[attr-defined]
        except ValidationError:
            raise forms.ValidationError(LINK_MESSAGE) from None


def _deadline_hint() -> str:
    soon = timezone.localdate() + timedelta(days=21)
    return f"Panel members can save and submit ratings until the end of this day. For example, {soon.day} {soon.month} {soon.year}"


class RoundForm(forms.Form):
    title = forms.CharField(
        label="Title",
        help_text="For example, Culture self-assessment 2026",
        max_length=120,
        error_messages={
            "required": "Enter a title for the round",
            "max_length": "Title must be 120 characters or fewer",
        },
    )
    rating_deadline = NhsDateField(
        label="Rating deadline", error_messages={"required": "Enter the rating deadline"}
    )
    panel = forms.TypedMultipleChoiceField(
        label="Who is on the panel?",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select everyone who will rate. You can invite people by email after you "
        "open the round.",
        error_messages={"invalid_choice": "Select people who have a role in your system"},
    )

    def __init__(self, *args: Any, people: Sequence[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rating_deadline"].help_text = _deadline_hint()
        if people is None:
            del self.fields["panel"]
            return
        self.people = {p.pk: p for p in people}
        self.fields["panel"].choices = [(p.pk, p.full_name or p.email) for p in people]
        self.fields["panel"].widget.attrs["nhsuk_item_hints"] = {str(p.pk): p.email for p in people}
        self.fields["panel"].widget.attrs["nhsuk_legend_size"] = "m"

    def chosen_people(self) -> list[Any]:
        return [self.people[pk] for pk in self.cleaned_data.get("panel", [])]


class PanelInviteForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={
            "required": "Enter their full name",
            "max_length": "Full name must be 150 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def level_items(indicator: Indicator) -> dict[str, str]:
    """Each level's descriptor for this indicator, as the radio hints."""
    return {str(level.value): indicator.descriptor(level.value) for level in Level}


class IndicatorRatingForm(LinkMixin, forms.Form):
    """One panel member's rating of one indicator (the form's prefix is the indicator key)."""

    level = _radios("Your rating", Level.choices, "", coerce=int)
    confidence = _radios("How confident are you in this rating?", Confidence.choices, "")
    evidence = _text(
        "Evidence (optional)",
        hint="What you based your rating on. The panel needs evidence to agree Maturing or Thriving.",
    )
    evidence_link = _link()

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, prefix=indicator.key, **kwargs)
        self.indicator = indicator
        name = f"{indicator.number} {indicator.title}"
        level = self.fields["level"]
        level.label = f"Your rating of {name}"
        level.error_messages = {"required": f"Select a level for {name}"}
        level.error_messages["invalid_choice"] = level.error_messages["required"]
        level.widget.attrs["nhsuk_item_hints"] = level_items(indicator)
        confidence = self.fields["confidence"]
        message = f"Select how confident you are in your rating of {indicator.number}"
        confidence.error_messages = {"required": message, "invalid_choice": message}
        confidence.widget.attrs["nhsuk_classes"] = "nhsuk-radios--inline"


class GatewayRatingForm(LinkMixin, forms.Form):
    answer = _radios("Your answer", GatewayAnswer.choices, "")
    evidence = _text("Evidence (optional)")
    evidence_link = _link()

    def __init__(self, *args: Any, question: GatewayQuestion, **kwargs: Any) -> None:
        super().__init__(*args, prefix=question.key, **kwargs)
        self.question = question
        answer = self.fields["answer"]
        answer.label = question.question
        message = f"Select yes, partly or no for {question.title.lower()}"
        answer.error_messages = {"required": message, "invalid_choice": message}
        self.fields["evidence"].help_text = question.evidence_hint


class AgreeIndicatorForm(LinkMixin, forms.Form):
    level = _radios(
        "Which level did the panel agree?",
        Level.choices,
        "Select the level the panel agreed",
        coerce=int,
    )
    rationale = _text(
        "Why did the panel agree this level?",
        required=True,
        error="Enter why the panel agreed this level",
    )
    evidence = _text(
        "Evidence",
        hint="What shows the system is at this level. Needed for Maturing and Thriving.",
    )
    evidence_link = _link()

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].widget.attrs["nhsuk_item_hints"] = level_items(indicator)
        self.fields["level"].widget.attrs["nhsuk_legend_size"] = "m"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        level = data.get("level")
        if level in LEVELS_NEEDING_EVIDENCE and not (
            data.get("evidence", "").strip() or data.get("evidence_link")
        ):
            name = Level(level).label
            self.add_error(
                "evidence",
                f"Enter the evidence for {name}: the panel cannot agree {name} without it",
            )
        return data


class AgreeGatewayForm(LinkMixin, forms.Form):
    answer = _radios(
        "What did the panel agree?", GatewayAnswer.choices, "Select the answer the panel agreed"
    )
    evidence = _text("Evidence", hint="Needed for yes and partly.")
    evidence_link = _link()

    def __init__(self, *args: Any, question: GatewayQuestion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = f"Needed for yes and partly. {question.evidence_hint}"
        self.fields["answer"].widget.attrs["nhsuk_legend_size"] = "m"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answer = data.get("answer")
        if answer in {GatewayAnswer.YES, GatewayAnswer.PARTLY} and not (
            data.get("evidence", "").strip() or data.get("evidence_link")
        ):
            label = GatewayAnswer(answer).label.lower()
            self.add_error(
                "evidence", f"Enter the evidence for answering {label}: a note, a link or both"
            )
        return data


class FileRequestForm(forms.Form):
    format = forms.ChoiceField(
        choices=[("pdf", "PDF report"), ("xlsx", "Excel data pack")],
        error_messages={"required": "Select a file", "invalid_choice": "Select a file"},
    )
