"""A completed round's results: headline figures, the gateway, and each principle's maturity,
weakest indicators and movement, with the agreed level of every indicator."""

from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString

from pulse.assessments.models import GatewayAnswer, Level
from pulse.assessments.presenters.common import level_name, mean_text, movement_text
from pulse.assessments.results import PrincipleResult, RoundResults
from pulse.core.formatting import nhs_date


def headline_rows(results: RoundResults, panel_size: int) -> list[dict[str, Any]]:
    round, previous = results.round, results.previous
    rows = [
        ("Framework", str(round.version)),
        ("Completed", nhs_date(round.completed_on)),
        ("Panel", f"{panel_size} people submitted their ratings"),
        ("Overall maturity", mean_text(results.overall)),
    ]
    if previous is not None:
        rows.append(
            (
                f"Since {previous.title}",
                f"{movement_text(results.overall_movement)} (from {mean_text(results.previous_overall)})",
            )
        )
    else:
        rows.append(
            ("Movement", "This is the first completed round, so there is nothing to compare with")
        )
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


def _evidence(item: Any) -> SafeString:
    if item is None:
        return format_html("{}", "–")
    parts = [format_html("{}", item.evidence)] if item.evidence else []
    if item.evidence_link:
        parts.append(
            format_html(
                '<a class="nhsuk-link app-evidence-link" href="{}" rel="noopener noreferrer">{}</a>',
                item.evidence_link,
                item.evidence_link,
            )
        )
    if not parts:
        return format_html("{}", "None recorded")
    return format_html("<br>".join(["{}"] * len(parts)), *parts)


GATEWAY_HEAD = [
    {"text": "Core expectation"},
    {"text": "Agreed answer"},
    {"text": "Previous round"},
    {"text": "Evidence"},
]


def gateway_rows(results: RoundResults) -> list[list[dict[str, Any]]]:
    rows = []
    for item in results.gateway:
        answer = item.agreed.get_answer_display() if item.agreed else "Not agreed"
        previous = GatewayAnswer(item.previous_answer).label if item.previous_answer else "–"
        rows.append(
            [
                {"text": item.question.title},
                {"text": answer},
                {"text": previous},
                {"html": _evidence(item.agreed)},
            ]
        )
    return rows


INDICATOR_HEAD = [
    {"text": "Indicator"},
    {"text": "Agreed level"},
    {"text": "Previous round"},
    {"text": "Movement"},
    {"text": "Why, and the evidence"},
]


def indicator_rows(principle: PrincipleResult, has_previous: bool) -> list[list[dict[str, Any]]]:
    rows = []
    for item in principle.indicators:
        why: SafeString = format_html("{}", "–")
        if item.agreed is not None:
            why = format_html("{}<br>{}", item.agreed.rationale, _evidence(item.agreed))
        rows.append(
            [
                {"text": str(item.indicator)},
                {"text": level_name(item.level)},
                {
                    "text": level_name(item.previous_level)
                    if has_previous and item.previous_level
                    else "–"
                },
                {"text": movement_text(item.movement, levels=True) if has_previous else "–"},
                {"html": why},
            ]
        )
    return rows


def weakest_text(principle: PrincipleResult) -> str:
    weakest = principle.weakest
    if not weakest:
        return "Not agreed"
    names = ", ".join(str(i) for i in weakest)
    level = (
        Level(principle.maturity.weakest_level).label if principle.maturity.weakest_level else ""
    )
    return f"{names} ({level})"


def principle_summary_rows(
    principle: PrincipleResult, results: RoundResults
) -> list[dict[str, Any]]:
    rows = [
        ("Maturity", mean_text(principle.mean)),
        (
            "Weakest indicator" if len(principle.weakest) == 1 else "Weakest indicators",
            weakest_text(principle),
        ),
    ]
    if results.previous is not None:
        rows.append(
            (
                f"Since {results.previous.title}",
                f"{movement_text(principle.movement)} (from {mean_text(principle.previous_mean)})",
            )
        )
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]
