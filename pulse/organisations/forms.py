import re
from typing import Any

from django import forms

from pulse.organisations.models import Role, Sector

ODS_CODE = re.compile(r"^[A-Za-z0-9]{3,10}$")


class PlaceForm(forms.Form):
    name = forms.CharField(
        label="Place name",
        help_text="For example, the local authority area, like Wirral or Cheshire East",
        max_length=120,
        error_messages={
            "required": "Enter the place name",
            "max_length": "Place name must be 120 characters or fewer",
        },
    )


class PartnerForm(forms.Form):
    name = forms.CharField(
        label="Organisation name",
        max_length=200,
        error_messages={
            "required": "Enter the organisation name",
            "max_length": "Organisation name must be 200 characters or fewer",
        },
    )
    sector = forms.ChoiceField(
        label="Sector",
        choices=Sector.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the sector", "invalid_choice": "Select the sector"},
    )
    ods_code = forms.CharField(
        label="ODS code (optional)",
        help_text="The organisation's code in the NHS Organisation Data Service, like RBL",
        required=False,
        max_length=10,
        widget=forms.TextInput(
            attrs={"nhsuk_classes": "nhsuk-input--width-10", "spellcheck": "false"}
        ),
    )

    def clean_ods_code(self) -> str:
        code = self.cleaned_data["ods_code"].strip()
        if code and not ODS_CODE.match(code):
            raise forms.ValidationError("ODS code must be 3 to 10 letters or numbers, like RBL")
        return code


class MemberAddForm(forms.Form):
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
    role = forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role"},
    )

    def __init__(self, *args: Any, roles: list[Role], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in roles]
        self.fields["role"].widget.attrs["nhsuk_item_hints"] = ROLE_HINTS


ROLE_HINTS = {
    Role.ICS_ADMIN.value: "Runs surveys and self-assessments, manages people and places, owns the action plan",
    Role.ICS_VIEWER.value: "Reads results and downloads reports",
    Role.PANEL_MEMBER.value: "Rates the culture self-assessment",
    Role.IDEA_MODERATOR.value: "Moves ideas through the pipeline and moderates posts",
    Role.STAFF.value: "Posts and supports ideas",
}
