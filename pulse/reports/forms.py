"""Filters on the results pages (GET) and the report request (POST): only listed values pass."""

from django import forms


class ChoiceFilterForm(forms.Form):
    """A GET filter of one select whose choices come from the publication."""

    field_name = "by"
    label = "Show results by"
    error = "Select a breakdown from the list"

    def __init__(self, data: object, *, choices: list[tuple[str, str]], initial: str) -> None:
        super().__init__(data=data or None, initial={self.field_name: initial})
        self.fields[self.field_name] = forms.ChoiceField(
            label=self.label,
            choices=choices,
            error_messages={"required": self.error, "invalid_choice": self.error},
        )

    def choice(self, default: str) -> str:
        if not self.is_bound:
            return default
        return str(self.cleaned_data[self.field_name]) if self.is_valid() else default


class BreakdownForm(ChoiceFilterForm):
    field_name = "by"
    label = "Show results by"
    error = "Select a breakdown from the list"


class StatisticForm(ChoiceFilterForm):
    field_name = "score"
    label = "Score to compare"
    error = "Select a score from the list"


class ReportRequestForm(forms.Form):
    format = forms.ChoiceField(
        choices=[("pdf", "PDF"), ("xlsx", "Excel"), ("csv", "CSV")],
        error_messages={
            "required": "Select the file to prepare",
            "invalid_choice": "Select the file to prepare",
        },
    )
