"""A panel member's own ratings: the task list, the pages in order and the check page.
Everything here shows the member's own ratings only."""

from typing import Any

from django.urls import reverse

from pulse.assessments.models import (
    GatewayQuestion,
    GatewayRating,
    IndicatorRating,
    Level,
    PanelMember,
    Principle,
)
from pulse.assessments.presenters.common import round_url

GATEWAY = "gateway"


def part_url(seat: PanelMember, part: str) -> str:
    if part == GATEWAY:
        return round_url("assessments:rate_gateway", seat.round)
    return round_url("assessments:rate_principle", seat.round, code=part)


def next_url(seat: PanelMember, part: str, principles: list[Principle]) -> str:
    """Where "Save and continue" goes: the next part, then the check page."""
    parts = [GATEWAY, *(p.code for p in principles)]
    index = parts.index(part)
    if index + 1 < len(parts):
        return part_url(seat, parts[index + 1])
    return round_url("assessments:submit_ratings", seat.round)


def _status(done: int, total: int) -> dict[str, Any]:
    if done == total:
        return {"text": "Completed"}
    if done == 0:
        return {"tag": {"text": "Not started", "classes": "nhsuk-tag--blue"}}
    return {"tag": {"text": f"{done} of {total} rated", "classes": "nhsuk-tag--light-blue"}}


def task_items(
    seat: PanelMember,
    principles: list[Principle],
    gateway: list[GatewayQuestion],
    rated: dict[int, IndicatorRating],
    answered: dict[int, GatewayRating],
    editable: bool,
) -> list[dict[str, Any]]:
    items = [
        {
            "title": {"text": "Gateway: the two core expectations"},
            "href": part_url(seat, GATEWAY) if editable else None,
            "status": _status(sum(1 for q in gateway if q.pk in answered), len(gateway)),
        }
    ]
    for principle in principles:
        indicators = list(principle.indicators.all())
        items.append(
            {
                "title": {"text": f"{principle.code}: {principle.title}"},
                "hint": f"{len(indicators)} indicators",
                "href": part_url(seat, principle.code) if editable else None,
                "status": _status(sum(1 for i in indicators if i.pk in rated), len(indicators)),
            }
        )
    return items


def _evidence_text(rating: IndicatorRating | GatewayRating) -> str:
    if rating.evidence and rating.evidence_link:
        return "Note and link"
    if rating.evidence:
        return "Note"
    return "Link" if rating.evidence_link else "None"


def check_sections(
    seat: PanelMember,
    principles: list[Principle],
    gateway: list[GatewayQuestion],
    rated: dict[int, IndicatorRating],
    answered: dict[int, GatewayRating],
    editable: bool,
) -> list[dict[str, Any]]:
    """One summary list per part, with a Change link per part while ratings can change."""
    sections = []
    gateway_rows = []
    for question in gateway:
        answer = answered.get(question.pk)
        value = "Not answered" if answer is None else answer.get_answer_display()
        if answer is not None:
            value += f". Evidence: {_evidence_text(answer).lower()}"
        gateway_rows.append({"key": {"text": question.title}, "value": {"text": value}})
    sections.append(
        _section("Gateway: the two core expectations", gateway_rows, seat, GATEWAY, editable)
    )
    for principle in principles:
        rows = []
        for indicator in principle.indicators.all():
            rating = rated.get(indicator.pk)
            if rating is None:
                value = "Not rated"
            else:
                value = (
                    f"{Level(rating.level).label}, {rating.get_confidence_display().lower()} "
                    f"confidence. Evidence: {_evidence_text(rating).lower()}"
                )
            rows.append({"key": {"text": str(indicator)}, "value": {"text": value}})
        heading = f"{principle.code}: {principle.title}"
        sections.append(_section(heading, rows, seat, principle.code, editable))
    return sections


def _section(
    heading: str, rows: list[dict[str, Any]], seat: PanelMember, part: str, editable: bool
) -> dict[str, Any]:
    return {
        "heading": heading,
        "rows": rows,
        "change": part_url(seat, part) if editable else "",
    }


def consensus_url(seat: PanelMember) -> str:
    return reverse(
        "assessments:show_consensus",
        kwargs={"ics_code": seat.round.ics.url_code, "round_id": seat.round_id},
    )
