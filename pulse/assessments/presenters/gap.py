"""The perception gap as a table and plain-English readings."""

from typing import Any

from django.utils.html import format_html

from pulse.assessments.gap import LeaderScores, PerceptionGap
from pulse.assessments.presenters.common import mean_text, tag
from pulse.core.formatting import nhs_date
from pulse.reports.presenters import formatting as fmt

HEAD = [
    {"text": "Principle"},
    {"text": "Panel's agreed maturity"},
    {"text": "Leaders' score", "format": "numeric"},
    {"text": "England median", "format": "numeric"},
    {"text": "Reading"},
]


def source_text(leaders: LeaderScores | None) -> str:
    if leaders is None:
        return (
            "No pulse check results have been published for your system yet, so the panel's "
            "view cannot be compared with what leaders report."
        )
    wave = leaders.wave
    return (
        f"Leaders' scores are out of 10, from {wave.title} (fieldwork {nhs_date(wave.opens_on)} to "
        f"{nhs_date(wave.closes_on)}), your latest published pulse check. A score is not shown "
        f"for fewer than {leaders.k} responses."
    )


def gap_rows(gaps: list[PerceptionGap]) -> list[list[dict[str, Any]]]:
    rows = []
    for gap in gaps:
        leaders = (
            fmt.score(gap.leaders_mean)
            if gap.leaders_mean is not None
            else (gap.leaders_hidden or "Not available")
        )
        median = (
            fmt.score(gap.england_median) if gap.england_median is not None else "Not available"
        )
        reading = (
            format_html("{} {}", tag("Possible gap", "orange"), gap.reading)
            if gap.gap
            else format_html("{}", gap.reading)
        )
        rows.append(
            [
                {"text": gap.code},
                {"text": mean_text(gap.panel_mean)},
                {"text": leaders, "format": "numeric"},
                {"text": median, "format": "numeric"},
                {"html": reading},
            ]
        )
    return rows
