"""Forms for the ICS admin pages: waves, local questions and XLSForm uploads."""

import re
from collections.abc import Collection, Sequence
from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from pulse.analysis.meta import PRINCIPLE_LABELS
from pulse.nhsuk_forms.dates import NhsDateField
from pulse.surveys.local_questions import LOCAL_TYPES
from pulse.surveys.models import InstrumentVersion
from pulse.surveys.xlsform import MAX_BYTES

YES_NO = [("yes", "Yes"), ("no", "No")]
KEY_MAX_CHARS = 50
CHOICE_TYPES = ("single_choice", "multiple_choice")
TYPE_LABELS = {
    "agreement": "Agreement",
    "single_choice": "Single choice",
    "multiple_choice": "Multiple choice",
    "free_text": "Free text",
    "number": "Number",
}
TYPE_HINTS = {
    "agreement": "Strongly disagree to strongly agree, with \u201cDon't know / not applicable\u201d",
    "single_choice": "People choose one option from your list",
    "multiple_choice": "People choose all the options that apply from your list",
    "free_text": "People write their answer in a box",
    "number": "People enter a whole number",
}


def _date_field(label: str) -> NhsDateField:
    return NhsDateField(label=label, error_messages={"required": f"Enter the {label.lower()}"})


def _date_example() -> str:
    """A hint with a date a month from now, in the order the inputs ask for it."""
    soon = timezone.localdate() + timedelta(days=30)
    return f"For example, {soon.day} {soon.month} {soon.year}"


def _radios(label: str, choices: Sequence[tuple[str, str]], error: str, **kw: Any) -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": error, "invalid_choice": error},
        **kw,
    )


class WaveForm(forms.Form):
    """Create a wave, or change a draft's settings (`editing`)."""

    version = _radios(
        "Which questionnaire do you want to use?", [], "Select the questionnaire to use"
    )
    title = forms.CharField(
        label="Title",
        help_text="Respondents see this title. For example, Leadership pulse check 2026",
        max_length=120,
        error_messages={
            "required": "Enter a title",
            "max_length": "Title must be 120 characters or fewer",
        },
    )
    opens_on = _date_field("Opening date")
    closes_on = _date_field("Closing date")
    open_link_enabled = _radios(
        "Can people answer through an open link?",
        YES_NO,
        "Select yes if people can answer through an open link",
        help_text="Anyone with the link can answer once from each browser. Use it if you "
        "cannot send personal invitations.",
    )
    access_code = forms.CharField(
        label="Access code (optional)",
        help_text="If you set a code, people using the open link must enter it first. Share it "
        "with the link. Use 6 to 50 characters.",
        required=False,
        min_length=6,
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "min_length": "Access code must be 6 characters or more",
            "max_length": "Access code must be 50 characters or fewer",
        },
    )
    remove_access_code = forms.BooleanField(
        label="Remove the access code",
        required=False,
        widget=forms.CheckboxInput(attrs={"nhsuk_text": "Remove the current access code"}),
    )

    def __init__(
        self,
        *args: Any,
        versions: Sequence[InstrumentVersion],
        hints: dict[str, str],
        editing: bool = False,
        has_access_code: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opens_on"].help_text = self.fields["closes_on"].help_text = _date_example()
        self.versions = {str(v.pk): v for v in versions}
        self.fields["version"].choices = [(str(v.pk), str(v)) for v in versions]
        self.fields["version"].widget.attrs["nhsuk_item_hints"] = hints
        self.fields["version"].widget.attrs["nhsuk_legend_size"] = "m"
        if editing and has_access_code:
            self.fields["access_code"].label = "New access code (optional)"
            self.fields["access_code"].help_text = "Leave this blank to keep the current code."
        else:
            del self.fields["remove_access_code"]

    def clean_version(self) -> InstrumentVersion:
        return self.versions[self.cleaned_data["version"]]

    def clean_closes_on(self) -> date:
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate():
            raise forms.ValidationError("The closing date must be today or in the future")
        return closes_on

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error(
                "closes_on", "The closing date must be the same as or after the opening date"
            )
        if data.get("access_code") and data.get("open_link_enabled") == "no":
            self.add_error(
                "access_code",
                "Leave the access code blank, or select yes to let people answer through an open link",
            )
        return data

    def settings(self) -> dict[str, Any]:
        """Keyword arguments for wave_create / wave_update."""
        data = self.cleaned_data
        code: str | None = data["access_code"].strip()
        if "remove_access_code" in self.fields and not code:
            code = "" if data.get("remove_access_code") else None
        return {
            "version": data["version"],
            "title": data["title"],
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "open_link_enabled": data["open_link_enabled"] == "yes",
            "access_code": code,
        }


class CloseDateForm(forms.Form):
    """An open wave: only its closing date can change."""

    closes_on = _date_field("Closing date")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closes_on"].help_text = _date_example()


def snake_case(text: str, limit: int = KEY_MAX_CHARS) -> str:
    """Lowercase words joined by underscores: "Don't know (yet)" -> "don_t_know_yet"."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    code = ""
    for word in words:
        candidate = f"{code}_{word}" if code else word
        if len(candidate) > limit:
            break
        code = candidate
    return (code or words[0][:limit]) if words else ""


def unique(code: str, taken: Collection[str]) -> str:
    """`code`, or `code_2`, `code_3`... whichever is not taken yet."""
    if code not in taken:
        return code
    number = 2
    while f"{code}_{number}" in taken:
        number += 1
    return f"{code}_{number}"


def question_key(text: str, taken: Collection[str]) -> str:
    """`local_<slug of the question text>`, unique in the survey."""
    slug = snake_case(text, KEY_MAX_CHARS - len("local_") - 3) or "question"
    return unique(f"local_{slug}", taken)


def option_codes(labels: Sequence[str]) -> list[dict[str, str]]:
    """Options with codes made from their labels, unique within the question."""
    options: list[dict[str, str]] = []
    for number, label in enumerate(labels, start=1):
        code = snake_case(label, 40) or f"option_{number}"
        code = unique(code, {o["code"] for o in options})
        options.append({"code": code, "label": label})
    return options


class LocalQuestionForm(forms.Form):
    """One of the ICS's own questions, asked after the standard ones."""

    type = _radios(
        "What type of question is it?",
        [(t, TYPE_LABELS[t]) for t in LOCAL_TYPES],
        "Select the type of question",
    )
    text = forms.CharField(
        label="Question",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter the question",
            "max_length": "Question must be 500 characters or fewer",
        },
    )
    hint = forms.CharField(
        label="Hint text (optional)",
        help_text="Extra help shown under the question",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Hint text must be 500 characters or fewer"},
    )
    required = _radios(
        "Must people answer this question?",
        YES_NO,
        "Select yes if people must answer this question",
    )
    options = forms.CharField(
        label="Options (single and multiple choice questions only)",
        help_text="Enter each option on its own line, in the order people should see them",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    principle = _radios(
        "Which principle does it measure? (agreement questions only)",
        [("", "None"), *((code, f"{code}: {label}") for code, label in PRINCIPLE_LABELS.items())],
        "Select a principle, or none",
        required=False,
    )

    def __init__(self, *args: Any, taken_keys: Collection[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.taken_keys = taken_keys
        self.fields["type"].widget.attrs["nhsuk_item_hints"] = TYPE_HINTS
        self.fields["type"].widget.attrs["nhsuk_legend_size"] = "m"

    def clean_options(self) -> list[str]:
        labels = [line.strip() for line in self.cleaned_data["options"].splitlines()]
        labels = [label for label in labels if label]
        seen: set[str] = set()
        for label in labels:
            if len(label) > 200:
                raise forms.ValidationError("Each option must be 200 characters or fewer")
            if label.lower() in seen:
                raise forms.ValidationError(
                    f"Enter each option once: \u201c{label}\u201d is listed twice"
                )
            seen.add(label.lower())
        return labels

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, options = data.get("type"), data.get("options") or []
        if kind in CHOICE_TYPES and len(options) < 2:
            self.add_error("options", "Enter at least 2 options, each on its own line")
        elif kind and kind not in CHOICE_TYPES and options:
            self.add_error(
                "options", "Only single and multiple choice questions have options: delete them"
            )
        if kind and kind != "agreement" and data.get("principle"):
            self.add_error(
                "principle", "Only agreement questions can measure a principle: select none"
            )
        return data

    def question(self) -> dict[str, Any]:
        """The question in the definition format, with a generated key and option codes."""
        data = self.cleaned_data
        question: dict[str, Any] = {
            "key": question_key(data["text"], self.taken_keys),
            "type": data["type"],
            "text": data["text"].strip(),
            "required": data["required"] == "yes",
        }
        if data["hint"].strip():
            question["hint"] = data["hint"].strip()
        if data["type"] in CHOICE_TYPES:
            question["options"] = option_codes(data["options"])
        if data.get("principle"):
            question["principle"] = data["principle"]
        return question


class InstrumentImportForm(forms.Form):
    file = forms.FileField(
        label="Upload an XLSForm workbook",
        help_text="An Excel workbook (.xlsx) of 5 MB or less",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={
            "required": "Select an XLSForm workbook (.xlsx) to import",
            "empty": "The selected file is empty",
            "invalid": "Select an XLSForm workbook (.xlsx) to import",
        },
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("The selected file must be an Excel workbook (.xlsx)")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 5 MB")
        return upload.read()
