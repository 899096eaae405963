"""Forms for personal invitations: uploading a participant list, the wording of the emails,
the reminder dates, and uploading results exported from another survey tool."""

from datetime import date
from typing import Any

from django import forms

from pulse.nhsuk_forms.dates import NhsDateField
from pulse.surveys.models import MAX_REMINDERS
from pulse.surveys.tabular import CSV_NAMES, MAX_BYTES, XLSX_NAMES, size_limit_text
from pulse.surveys.wording import BODY_MAX_CHARS, SUBJECT_MAX_CHARS, wording_problems

ORDINALS = ("First", "Second", "Third")


class TableUploadForm(forms.Form):
    """A CSV file or an Excel workbook, checked for its type and size before it is read."""

    file = forms.FileField(
        label="Upload a file",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={
            "required": "Select a CSV file or an Excel workbook (.xlsx)",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV file or an Excel workbook (.xlsx)",
        },
    )

    def __init__(self, *args: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = label
        self.fields[
            "file"
        ].help_text = f"A CSV file or an Excel workbook (.xlsx) of {size_limit_text()} or less"

    def clean_file(self) -> tuple[str, bytes]:
        upload = self.cleaned_data["file"]
        name = str(upload.name or "")
        if not name.lower().endswith(CSV_NAMES + XLSX_NAMES):
            raise forms.ValidationError(
                "The selected file must be a CSV file or an Excel workbook (.xlsx)"
            )
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {size_limit_text()}"
            )
        return name, upload.read()


def _text(label: str, *, body: bool, hint: str = "") -> forms.CharField:
    limit = BODY_MAX_CHARS if body else SUBJECT_MAX_CHARS
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=limit,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}) if body else forms.TextInput(),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "max_length": f"{label} must be {limit:,} characters or fewer",
        },
    )


class WordingForm(forms.Form):
    """The subject and message of the invitation and of the reminders."""

    invitation_subject = _text("Invitation subject", body=False)
    invitation_body = _text(
        "Invitation message",
        body=True,
        hint="Include ((link)) and ((unsubscribe_link)).",
    )
    reminder_subject = _text("Reminder subject", body=False)
    reminder_body = _text(
        "Reminder message",
        body=True,
        hint="Include ((link)) and ((unsubscribe_link)). Each reminder has a new link.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in self.fields:
            if name in data:
                for problem in wording_problems(data[name].strip(), part=name.split("_")[1]):
                    self.add_error(name, problem)
        return data


def _reminder_field(number: int) -> NhsDateField:
    field = NhsDateField(
        label=f"{ORDINALS[number - 1]} reminder",
        required=False,
        help_text="Optional. For example, 15 6 2027",
    )
    field.widget.attrs["nhsuk_legend_size"] = "s"
    return field


class RemindersForm(forms.Form):
    """Up to three reminder dates, in order; blank ones are left out."""

    reminder_1 = _reminder_field(1)
    reminder_2 = _reminder_field(2)
    reminder_3 = _reminder_field(3)

    def dates(self) -> list[date]:
        return [
            self.cleaned_data[f"reminder_{n}"]
            for n in range(1, MAX_REMINDERS + 1)
            if self.cleaned_data.get(f"reminder_{n}")
        ]
