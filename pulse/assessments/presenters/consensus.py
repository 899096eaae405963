"""The facilitation view: how the panel's submitted ratings spread over the levels for each
indicator, where they disagree, and what was agreed. Built only from `PanelRatings`, which the
selectors hand out only to those allowed to see them."""

from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString

from pulse.assessments.maturity import Spread
from pulse.assessments.models import (
    GatewayAnswer,
    GatewayConsensus,
    GatewayQuestion,
    Indicator,
    IndicatorConsensus,
    Level,
    Principle,
    Round,
    RoundStatus,
)
from pulse.assessments.presenters.common import link, round_url, tag
from pulse.assessments.selectors import PanelRatings

LEVEL_HEAD = [{"text": level.label, "format": "numeric"} for level in Level]
SPREAD_HEAD = [{"text": "Indicator"}, *LEVEL_HEAD, {"text": "Spread"}, {"text": "Agreed level"}]


def spread_text(result: Spread) -> SafeString:
    """The range in words, with a disagreement tag when it is two levels or more."""
    if result.n == 0 or result.range is None:
        return format_html("{}", "No ratings")
    if result.range == 0:
        return format_html("{}", "Everyone agreed")
    apart = "1 level" if result.range == 1 else f"{result.range} levels"
    words = f"Highest and lowest {apart} apart"
    if result.disagreement:
        return format_html("{} {}", tag("Disagreement", "orange"), words)
    return format_html("{}", words)


def _agreed(
    round: Round, indicator: Indicator, agreed: IndicatorConsensus | None, manage: bool
) -> SafeString:
    text = Level(agreed.level).label if agreed else "Not agreed yet"
    if not manage or round.status != RoundStatus.CONSENSUS:
        return format_html("{}", text)
    href = round_url("assessments:agree_indicator", round, key=indicator.key)
    action = "Change" if agreed else "Agree level"
    return format_html("{}<br>{}", text, link(href, action, hidden=f"for {indicator.number}"))


def spread_row(result: Spread) -> list[dict[str, Any]]:
    return [{"text": str(result.counts[level.value]), "format": "numeric"} for level in Level]


def principle_tables(
    round: Round,
    principles: list[Principle],
    ratings: PanelRatings,
    consensus: dict[int, IndicatorConsensus],
    manage: bool,
) -> list[dict[str, Any]]:
    tables = []
    for principle in principles:
        rows, flagged = [], 0
        for indicator in principle.indicators.all():
            result = ratings.spread(indicator.pk)
            flagged += result.disagreement
            rows.append(
                [
                    {"text": str(indicator)},
                    *spread_row(result),
                    {"html": spread_text(result)},
                    {"html": _agreed(round, indicator, consensus.get(indicator.pk), manage)},
                ]
            )
        tables.append(
            {"caption": f"{principle.code}: {principle.title}", "rows": rows, "flagged": flagged}
        )
    return tables


def gateway_rows(
    round: Round,
    questions: list[GatewayQuestion],
    ratings: PanelRatings,
    agreed: dict[int, GatewayConsensus],
    manage: bool,
) -> list[list[dict[str, Any]]]:
    rows = []
    for question in questions:
        counts = ratings.answers(question.pk)
        answer = agreed.get(question.pk)
        text = answer.get_answer_display() if answer else "Not agreed yet"
        cell: SafeString = format_html("{}", text)
        if manage and round.status == RoundStatus.CONSENSUS:
            href = round_url("assessments:agree_gateway", round, key=question.key)
            cell = format_html(
                "{}<br>{}",
                text,
                link(href, "Change" if answer else "Agree answer", hidden=question.title),
            )
        rows.append(
            [
                {"text": question.title},
                *[
                    {"text": str(counts.get(a.value, 0)), "format": "numeric"}
                    for a in GatewayAnswer
                ],
                {"html": cell},
            ]
        )
    return rows


GATEWAY_HEAD = [
    {"text": "Core expectation"},
    *[{"text": a.label, "format": "numeric"} for a in GatewayAnswer],
    {"text": "Agreed answer"},
]


def panel_notes(items: list[Any], label: Any) -> list[dict[str, Any]]:
    """The evidence the panel gave, without names: what each person rated, and why."""
    notes = []
    for item in items:
        if not (item.evidence or item.evidence_link):
            continue
        notes.append(
            {
                "label": label(item),
                "text": item.evidence,
                "link": item.evidence_link,
            }
        )
    return notes


def indicator_notes(ratings: PanelRatings, indicator: Indicator) -> list[dict[str, Any]]:
    return panel_notes(
        ratings.indicators.get(indicator.pk, []),
        lambda r: f"{Level(r.level).label}, {r.get_confidence_display().lower()} confidence",
    )


def gateway_notes(ratings: PanelRatings, question: GatewayQuestion) -> list[dict[str, Any]]:
    return panel_notes(ratings.gateway.get(question.pk, []), lambda r: r.get_answer_display())


def descriptor_rows(indicator: Indicator) -> list[dict[str, Any]]:
    return [
        {"key": {"text": level.label}, "value": {"text": indicator.descriptor(level.value)}}
        for level in Level
    ]
