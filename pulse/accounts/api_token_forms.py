"""The form to create a personal API token."""

from django import forms

EXPIRY_CHOICES = [
    ("30", "30 days"),
    ("90", "90 days"),
    ("365", "1 year"),
    ("never", "No expiry date"),
]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        help_text="What you will use the token for, so you can tell your tokens apart, like "
        "Power BI workforce dashboard",
        max_length=100,
        error_messages={
            "required": "Enter a name for the token",
            "max_length": "Name must be 100 characters or fewer",
        },
    )
    expiry = forms.ChoiceField(
        label="When should the token stop working?",
        choices=EXPIRY_CHOICES,
        initial="90",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select when the token should stop working",
            "invalid_choice": "Select when the token should stop working",
        },
    )

    def valid_days(self) -> int | None:
        value = self.cleaned_data["expiry"]
        return None if value == "never" else int(value)
