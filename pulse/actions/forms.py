"""Forms for the action plan, with NHS error messages. Only listed choices pass: an unknown
principle, indicator, question or owner is an error, never saved. The idea an action comes from
is not a field: the view finds it among the ICS's ideas and hands it to the form."""

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone

from pulse.actions.models import ActionStatus, Principle
from pulse.actions.selectors import QuestionChoice
from pulse.actions.services import NOTE_MAX, ActionDetails
from pulse.assessments.models import Indicator
from pulse.ideas.models import Idea
from pulse.nhsuk_forms.dates import NhsDateField


def _choice(label: str, error: str, *, required: bool = True, **kw: Any) -> Any:
    return forms.ChoiceField(
        label=label,
        required=required,
        error_messages={"required": error, "invalid_choice": error},
        **kw,
    )


class ActionForm(forms.Form):
    title = forms.CharField(
        label="What is the action?",
        help_text="For example, Give every place leadership group a social care seat",
        max_length=200,
        error_messages={
            "required": "Enter what the action is",
            "max_length": "The action must be 200 characters or fewer",
        },
    )
    description = forms.CharField(
        label="More detail (optional)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"More detail must be {NOTE_MAX} characters or fewer"},
    )
    principle = _choice(
        "Which principle is it for?", "Select a principle", widget=forms.RadioSelect
    )
    indicator = _choice(
        "Which indicator of the self-assessment is it for? (optional)",
        "Select an indicator from the list",
        required=False,
    )
    question_key = _choice(
        "Which pulse check question is it about? (optional)",
        "Select a question from the list",
        required=False,
    )
    owner = _choice(
        "Who owns it?",
        "Select someone from the list",
        required=False,
        help_text="Someone with a role in your system",
    )
    owner_name = forms.CharField(
        label="Or enter the owner's name",
        help_text="For someone without an account, or a group, like the place leadership forum",
        required=False,
        max_length=150,
        error_messages={"max_length": "The owner's name must be 150 characters or fewer"},
    )
    due_on = NhsDateField(label="Due date", error_messages={"required": "Enter the due date"})
    status = _choice("Status", "Select the status", widget=forms.RadioSelect)

    def __init__(
        self,
        *args: Any,
        indicators: Sequence[Indicator],
        questions: Sequence[QuestionChoice],
        owners: Sequence[Any],
        idea: Idea | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.idea = idea
        self.indicators = {str(i.pk): i for i in indicators}
        self.owners = {str(o.pk): o for o in owners}
        soon = timezone.localdate() + timedelta(days=90)
        self.fields["due_on"].help_text = f"For example, {soon.day} {soon.month} {soon.year}"
        self.fields["principle"].choices = Principle.choices
        self.fields["principle"].widget.attrs["nhsuk_legend_size"] = "m"
        self.fields["status"].choices = ActionStatus.choices
        self.fields["indicator"].choices = [("", "None")] + [
            (str(i.pk), str(i)) for i in indicators
        ]
        self.fields["question_key"].choices = [("", "None")] + [
            (q.key, f"{q.text} ({q.principle or 'culture'})") for q in questions
        ]
        self.fields["owner"].choices = [("", "Choose a person")] + [
            (str(o.pk), o.full_name or o.email) for o in owners
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            "owner" in data
            and "owner_name" in data
            and not (data["owner"] or data["owner_name"].strip())
        ):
            self.add_error("owner_name", "Select the owner or enter their name")
        principle, indicator = (
            data.get("principle"),
            self.indicators.get(data.get("indicator") or ""),
        )
        if principle and indicator is not None and indicator.principle.code != principle:
            self.add_error("indicator", "Select an indicator of the principle you chose")
        return data

    def details(self) -> ActionDetails:
        data = self.cleaned_data
        return ActionDetails(
            principle=data["principle"],
            title=data["title"],
            due_on=data["due_on"],
            status=data["status"],
            indicator=self.indicators.get(data["indicator"] or ""),
            question_key=data["question_key"] or "",
            description=data["description"],
            owner=self.owners.get(data["owner"] or ""),
            owner_name=data["owner_name"],
            idea=self.idea,
        )


class ProgressNoteForm(forms.Form):
    text = forms.CharField(
        label="What progress has been made?",
        help_text="The note is dated today.",
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the progress made",
            "max_length": f"Progress must be {NOTE_MAX} characters or fewer",
        },
    )
