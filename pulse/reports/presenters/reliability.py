"""Reliability of the scales: Cronbach's alpha, with notes for scales below 0.7."""

from typing import Any

from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.change import CONSTRUCT_ORDER
from pulse.reports.presenters.labels import construct_name
from pulse.reports.results import Results

THRESHOLD = 0.7
HEAD = [
    {"text": "Scale"},
    {"text": "Statements", "format": "numeric"},
    {"text": "Complete answers", "format": "numeric"},
    {"text": "Cronbach's alpha", "format": "numeric"},
    {"text": "95% confidence interval", "format": "numeric"},
    {"text": "Note"},
]


def _ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rank = {key: i for i, key in enumerate(CONSTRUCT_ORDER)}
    return sorted(rows, key=lambda r: rank.get(r["construct"], len(rank)))


def _alpha(value: Any) -> str:
    return f"{float(value):.2f}" if fmt.is_number(value) else ""


def reliability_rows(results: Results) -> list[list[dict[str, Any]]]:
    rows = []
    for row in _ordered(results.table("reliability").to_dicts()):
        name = {"text": construct_name(row["construct"])}
        if row["alpha"] is None:
            rows.append(
                [
                    name,
                    fmt.cell(fmt.count(row["n_items"])),
                    fmt.hidden_cell(row["reason"], results.k, 4),
                ]
            )
            continue
        note = (
            "Below 0.7: read with care"
            if row["below_0_7"]
            else "0.7 or above: the statements hang together well"
        )
        rows.append(
            [
                name,
                fmt.cell(fmt.count(row["n_items"])),
                fmt.cell(fmt.count(row["n"])),
                fmt.cell(_alpha(row["alpha"])),
                fmt.cell(f"{_alpha(row['ci_low'])} to {_alpha(row['ci_high'])}"),
                {"text": note},
            ]
        )
    return rows


def reliability_notes(results: Results) -> list[str]:
    """A sentence for each scale whose alpha is below 0.7."""
    notes = []
    for row in _ordered(results.table("reliability").to_dicts()):
        if row["alpha"] is not None and row["below_0_7"]:
            notes.append(
                f"{construct_name(row['construct'])} has an alpha of {_alpha(row['alpha'])}: its "
                "statements do not hang together well, so read its score alongside the "
                "statements' own scores."
            )
    return notes
