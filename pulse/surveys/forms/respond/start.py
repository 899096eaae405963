"""The start page's form: "Start now", with the access code when the wave has one."""

from typing import Any

from django import forms
from django.contrib.auth.hashers import check_password

from pulse.surveys.forms.respond.section import unexpected_keys


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
