"""Forms for ICS admins: challenges, pipeline stages and sign-in email domains."""

import re
from typing import Any

from django import forms

from pulse.ideas.forms._fields import long_text, principle_tags, radios, text
from pulse.ideas.models import IdeasFileFormat, StageKind
from pulse.ideas.services.domains import normalise_domain
from pulse.nhsuk_forms.dates import NhsDateField

DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def _date(label: str) -> NhsDateField:
    return NhsDateField(label=label, error_messages={"required": f"Enter the {label.lower()}"})


class ChallengeForm(forms.Form):
    title = text("Title", 120, "Enter a title", help_text="For example, Protected time to lead")
    question = text(
        "Question",
        300,
        "Enter the question you are asking staff",
        help_text="What you want ideas about. For example, How could we free up time for "
        "clinical and care leaders to work on system priorities?",
    )
    description = long_text(
        "Description",
        4000,
        "Enter a description",
        help_text="Why it matters and what kind of ideas would help",
    )
    principles = principle_tags(
        "Which principles does it relate to? (optional)", "Select all that apply"
    )
    finding = text(
        "Pulse check finding (optional)",
        300,
        "",
        required=False,
        help_text="A result this challenge responds to. For example, 41% of leaders feel "
        "involved in decisions at place",
    )
    opens_on = _date("Opening date")
    closes_on = _date("Closing date")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on", "Closing date must be the same as or after the opening date"
            )
        return data


class StageForm(forms.Form):
    name = text("Stage name", 60, "Enter the stage name")
    kind = radios(
        "What does this stage mean?",
        StageKind.choices,
        "Select what this stage means",
        help_text="Ideas at a stage meaning \u201cput into practice\u201d are shown on the "
        "\u201cYou said, we did\u201d page",
    )


class EmailDomainForm(forms.Form):
    domain = text(
        "Email domain",
        253,
        "Enter an email domain, like wirral.nhs.uk",
        help_text="The part of the email address after the @, like wirral.nhs.uk. Only "
        "addresses ending exactly with it are allowed",
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "none"}),
    )

    def clean_domain(self) -> str:
        domain = normalise_domain(self.cleaned_data["domain"])
        if not DOMAIN.match(domain):
            raise forms.ValidationError(
                "Enter an email domain in the correct format, like wirral.nhs.uk"
            )
        return domain


class IdeasFileForm(forms.Form):
    """Which file of a challenge's ideas to prepare (the button pressed on the downloads page)."""

    format = forms.ChoiceField(
        choices=IdeasFileFormat.choices,
        error_messages={
            "required": "Select the file to prepare",
            "invalid_choice": "Select the file to prepare",
        },
    )
