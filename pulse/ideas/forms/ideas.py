"""Forms for staff and the design group: ideas, comments, reports, moving and hiding posts."""

from typing import Any

from django import forms

from pulse.ideas import principles
from pulse.ideas.forms._fields import (
    POST_AS_COLLEAGUE,
    long_text,
    post_as,
    post_as_hints,
    principle_tags,
    radios,
    text,
)
from pulse.ideas.models import CHOOSABLE_KINDS, Stage
from pulse.ideas.services.pipeline import FEEDBACK_MAX


class _PostAsForm(forms.Form):
    noun = "post"

    def __init__(self, *args: Any, author_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["post_as"].widget.attrs["nhsuk_item_hints"] = post_as_hints(
            author_name, self.noun
        )

    @property
    def anonymous(self) -> bool:
        return self.cleaned_data["post_as"] == POST_AS_COLLEAGUE


class IdeaForm(_PostAsForm):
    noun = "idea"
    title = text("Title", 120, "Enter a title for your idea", help_text="A short summary")
    description = long_text(
        "Describe your idea",
        4000,
        "Describe your idea",
        rows=8,
        help_text="What you would change, and what difference it would make",
    )
    principles = principle_tags("Which principles does it relate to? (optional)", "")
    post_as = post_as("idea")


class CommentForm(_PostAsForm):
    noun = "comment"
    body = long_text("Your comment", 2000, "Enter your comment", rows=4)
    post_as = post_as("comment")


class ReplyForm(CommentForm):
    body = long_text("Your reply", 2000, "Enter your reply", rows=4)
    post_as = post_as("reply")
    noun = "reply"


class ReportForm(forms.Form):
    reason = long_text(
        "Why is it inappropriate?",
        500,
        "Enter why it is inappropriate",
        rows=4,
        help_text="A moderator from the design group will read your report. The author is not "
        "told who reported it",
    )


class MoveForm(forms.Form):
    stage = forms.ModelChoiceField(
        label="Which stage should the idea move to?",
        queryset=Stage.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the stage to move the idea to",
            "invalid_choice": "Select the stage to move the idea to",
        },
    )
    feedback = long_text(
        "Feedback for the author and supporters",
        FEEDBACK_MAX,
        "Enter feedback for the author and supporters",
        help_text="Say why the idea is moving and what happens next. Everyone who can see the "
        "idea can read it",
    )

    def __init__(self, *args: Any, stages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = stages


class HideForm(forms.Form):
    reason = long_text(
        "Why are you hiding it?",
        500,
        "Enter the reason for hiding it. The author will see it",
        rows=4,
        help_text="The author sees this reason. Other people see only that it was hidden",
    )


SORT_CHOICES = [
    ("newest", "Newest"),
    ("supported", "Most supported"),
    ("stage", "Stage"),
]


class IdeaFilterForm(forms.Form):
    """Search, sort and filter a challenge's ideas (a GET form)."""

    q = forms.CharField(
        label="Search ideas",
        required=False,
        max_length=100,
        error_messages={"max_length": "Search must be 100 characters or fewer"},
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=SORT_CHOICES,
        error_messages={"invalid_choice": "Select how to sort the ideas"},
    )
    principle = forms.ChoiceField(
        label="Principle",
        required=False,
        choices=[("", "All principles"), *principles.CHOICES],
        error_messages={"invalid_choice": "Select a principle from the list"},
    )
    stage = forms.ModelChoiceField(
        label="Stage",
        required=False,
        queryset=Stage.objects.none(),
        empty_label="All stages",
        error_messages={"invalid_choice": "Select a stage from the list"},
    )

    def __init__(self, *args: Any, stages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = stages


class NotificationSettingsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Which notifications do you want?",
        help_text="Select all that apply. You are always told if a moderator hides your post",
        required=False,
        choices=[(kind.value, kind.label) for kind in CHOOSABLE_KINDS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select notifications from the list"},
    )
    by_email = radios(
        "Do you want them by email as well?",
        [("yes", "Yes, email me as well"), ("no", "No, only show them here")],
        "Select whether you want notifications by email",
    )
