from typing import Any

from django import forms

from pulse.ideas.forms._fields import text
from pulse.organisations.models import ICS


class SignInLinkForm(forms.Form):
    email = forms.EmailField(
        label="Work email address",
        help_text="We will email you a link to sign in. It works once and lasts 30 minutes",
        max_length=254,
        error_messages={
            "required": "Enter your work email address",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    ics = forms.ModelChoiceField(
        label="Your integrated care system",
        queryset=ICS.objects.none(),
        to_field_name="ods_code",
        empty_label="Select your integrated care system",
        error_messages={
            "required": "Select your integrated care system",
            "invalid_choice": "Select your integrated care system",
        },
    )

    def __init__(self, *args: Any, systems: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ics"]
        field.queryset = systems
        field.label_from_instance = lambda ics: ics.name


class DisplayNameForm(forms.Form):
    full_name = text(
        "Your name",
        150,
        "Enter your name",
        help_text="Shown with the ideas and comments you post under your name",
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
