"""Forms for importing results from another survey tool: which question each column answers,
what each answer label means, a saved mapping to reuse, and the final import."""

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from pulse.surveys.models import ResultsMapping
from pulse.surveys.results_import.mapping import BLANK, Target

NOT_IMPORTED = "Do not import this column"
NO_DATE = "None: date every response with the closing date"


def _short(text: str, limit: int = 150) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ColumnsForm(forms.Form):
    """One select for each column of answers, and a choice of the column of dates."""

    def __init__(
        self,
        *args: Any,
        columns: Sequence[Mapping[str, Any]],
        targets: Mapping[str, Target],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", NOT_IMPORTED), *((key, t.label) for key, t in targets.items())]
        self.answer_columns = [c for c in columns if c["kind"] == "answer"]
        for column in self.answer_columns:
            self.fields[f"column_{column['index']}"] = forms.ChoiceField(
                label=_short(column["heading"]),
                choices=choices,
                required=False,
                error_messages={"invalid_choice": "Select a question from the list"},
            )
        dates = [(str(c["index"]), _short(c["heading"])) for c in columns if c["kind"] == "date"]
        self.fields["date_column"] = forms.ChoiceField(
            label="Which column has the date each response was given?",
            help_text="Only the date is kept, never the time.",
            choices=[("", NO_DATE), *dates],
            required=False,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": "Select a column of dates, or none"},
        )

    def column_map(self) -> dict[int, str]:
        return {
            int(c["index"]): self.cleaned_data[f"column_{c['index']}"]
            for c in self.answer_columns
            if self.cleaned_data.get(f"column_{c['index']}")
        }

    def date_column(self) -> int | None:
        value = self.cleaned_data.get("date_column")
        return int(value) if value else None


class SavedMappingForm(forms.Form):
    mapping = forms.ChoiceField(
        label="Use a saved mapping",
        error_messages={
            "required": "Select a saved mapping",
            "invalid_choice": "Select a saved mapping",
        },
    )

    def __init__(self, *args: Any, mappings: Sequence[ResultsMapping], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mapping"].choices = [("", "Select a saved mapping")] + [
            (str(m.pk), m.name) for m in mappings
        ]


class AnswersForm(forms.Form):
    """One select for each different answer found in a mapped column with options."""

    def __init__(
        self,
        *args: Any,
        labels: Mapping[str, Sequence[str]],
        targets: Mapping[str, Target],
        current: Mapping[str, Mapping[str, str]],
        normalise: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.pairs: list[tuple[str, str]] = []
        self.groups: list[dict[str, Any]] = []
        for key, found in labels.items():
            target = targets[key]
            choices = [("", "Select an answer")]
            choices += [(o.code, _short(o.label, 80)) for o in target.options]
            choices.append((BLANK, "Not answered"))
            names = []
            for label in found:
                name = f"answer_{len(self.pairs)}"
                self.pairs.append((key, label))
                names.append(name)
                self.fields[name] = forms.ChoiceField(
                    label=f"\u201c{_short(label, 100)}\u201d",
                    choices=choices,
                    initial=current.get(key, {}).get(normalise(label), ""),
                    error_messages={
                        "required": f"Select what \u201c{_short(label, 60)}\u201d means",
                        "invalid_choice": f"Select what \u201c{_short(label, 60)}\u201d means",
                    },
                )
            self.groups.append({"target": target, "names": names})

    def value_map(self) -> dict[str, dict[str, str]]:
        mapped: dict[str, dict[str, str]] = {}
        for number, (key, label) in enumerate(self.pairs):
            mapped.setdefault(key, {})[label] = self.cleaned_data[f"answer_{number}"]
        return mapped


class ImportForm(forms.Form):
    save_as = forms.CharField(
        label="Save this mapping to use again (optional)",
        help_text="Give it a name, like SurveyMonkey export. A mapping with the same name is replaced.",
        required=False,
        max_length=100,
        error_messages={"max_length": "The name must be 100 characters or fewer"},
    )
