"""The national and regional pages' GET filters, and the file request (POST): only listed
values pass; anything else falls back to the default and the page says what to do."""

from typing import Any

from django import forms

from pulse.reports.national.models import NationalFormat

ORDERS = [("desc", "Highest first"), ("asc", "Lowest first")]
VIEW_CHOICES = [
    ("principles", "The five principles and the involvement index"),
    ("involvement", "Involvement at each level of the system"),
]


def _choice(label: str, choices: list[tuple[str, str]], error: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=False,
        error_messages={"invalid_choice": error},
    )


class TableForm(forms.Form):
    """Filter by region (England page only), choose the scores shown and the order."""

    def __init__(
        self,
        data: Any,
        *,
        regions: list[tuple[str, str]] | None,
        sorts: list[tuple[str, str]],
        scores: list[tuple[str, str]],
    ) -> None:
        super().__init__(data=data or None)
        if regions is not None:
            self.fields["region"] = _choice(
                "Region", [("", "All regions"), *regions], "Select a region from the list"
            )
        self.fields["view"] = _choice("Scores to show", VIEW_CHOICES, "Select scores to show")
        self.fields["sort"] = _choice("Sort systems by", sorts, "Select how to sort the systems")
        self.fields["order"] = _choice("Order", ORDERS, "Select an order")
        self.fields["score"] = _choice(
            "Score for the funnel plot", scores, "Select a score from the list"
        )

    def value(self, name: str, default: str) -> str:
        """The chosen value, or `default` when none was chosen or the choice is not allowed
        (the other choices still apply)."""
        if not self.is_bound:
            return default
        self.is_valid()
        return str(self.cleaned_data.get(name) or default)


class NationalFileForm(forms.Form):
    format = forms.ChoiceField(
        choices=NationalFormat.choices,
        error_messages={
            "required": "Select the file to prepare",
            "invalid_choice": "Select the file to prepare",
        },
    )


class BenchmarkConsentForm(forms.Form):
    named = forms.ChoiceField(
        label="Should other systems see your system's name in their benchmarks?",
        choices=[
            ("yes", "Yes, name our system"),
            ("no", "No, count our results in England's figures without our name"),
        ],
        widget=forms.RadioSelect(attrs={"nhsuk_legend_size": "m"}),
        error_messages={
            "required": "Select whether other systems should see your system's name",
            "invalid_choice": "Select whether other systems should see your system's name",
        },
    )
