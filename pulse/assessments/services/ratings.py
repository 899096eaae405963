"""A panel member's own ratings: saved page by page as they go, then submitted once.

Nothing here reads anyone else's ratings. Saving and submitting end at the rating deadline or
when the rating stage closes, whichever comes first.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pulse.assessments import selectors
from pulse.assessments.models import (
    Confidence,
    GatewayAnswer,
    GatewayQuestion,
    GatewayRating,
    Indicator,
    IndicatorRating,
    Level,
    PanelMember,
    RoundStatus,
)
from pulse.assessments.services._common import audit, clean_link
from pulse.core.formatting import nhs_date


@dataclass(frozen=True)
class IndicatorInput:
    indicator: Indicator
    level: int
    confidence: str
    evidence: str = ""
    evidence_link: str = ""


@dataclass(frozen=True)
class GatewayInput:
    question: GatewayQuestion
    answer: str
    evidence: str = ""
    evidence_link: str = ""


def rating_problem(panel_member: PanelMember) -> str:
    """Why the panel member cannot change their ratings now, or "" if they can."""
    round = panel_member.round
    if panel_member.has_submitted:
        return "You have submitted your ratings, so they can no longer be changed."
    if round.status != RoundStatus.RATING:
        return "The rating stage has closed, so ratings can no longer be saved."
    if timezone.localdate() > round.rating_deadline:
        return (
            f"The deadline for ratings was {nhs_date(round.rating_deadline)}, so they can no "
            "longer be saved. Ask your ICS admin if you need more time."
        )
    return ""


def _lock(panel_member: PanelMember) -> PanelMember:
    seat = (
        PanelMember.objects.select_for_update()
        .select_related("round__ics", "round__version", "user")
        .get(pk=panel_member.pk)
    )
    problem = rating_problem(seat)
    if problem:
        raise ValidationError(problem)
    return seat


def _check_indicator(seat: PanelMember, item: IndicatorInput) -> None:
    name = f"{item.indicator.number}"
    if item.indicator.version_id != seat.round.version_id:
        raise ValidationError("Select an indicator of this round's framework")
    if item.level not in Level.values:
        raise ValidationError(f"Select a level for {name}")
    if item.confidence not in Confidence.values:
        raise ValidationError(f"Select how confident you are in your rating of {name}")


@transaction.atomic
def indicator_ratings_save(*, panel_member: PanelMember, ratings: list[IndicatorInput]) -> None:
    """Save (or replace) the member's ratings of some indicators; all or nothing."""
    seat = _lock(panel_member)
    for item in ratings:
        _check_indicator(seat, item)
        IndicatorRating.objects.update_or_create(
            panel_member=seat,
            indicator=item.indicator,
            defaults={
                "level": item.level,
                "confidence": item.confidence,
                "evidence": item.evidence.strip(),
                "evidence_link": clean_link(item.evidence_link),
            },
        )


@transaction.atomic
def gateway_ratings_save(*, panel_member: PanelMember, answers: list[GatewayInput]) -> None:
    seat = _lock(panel_member)
    for item in answers:
        if item.question.version_id != seat.round.version_id:
            raise ValidationError("Select a gateway question of this round's framework")
        if item.answer not in GatewayAnswer.values:
            raise ValidationError(f"Select yes, partly or no for {item.question.title}")
        GatewayRating.objects.update_or_create(
            panel_member=seat,
            question=item.question,
            defaults={
                "answer": item.answer,
                "evidence": item.evidence.strip(),
                "evidence_link": clean_link(item.evidence_link),
            },
        )


def ratings_missing(*, panel_member: PanelMember) -> list[str]:
    """What the member has still to rate, as the names of the parts, in framework order."""
    version = panel_member.round.version
    rated = selectors.own_ratings(panel_member=panel_member)
    answered = selectors.own_gateway_ratings(panel_member=panel_member)
    missing = []
    if any(q.pk not in answered for q in selectors.gateway_for_version(version=version)):
        missing.append("Gateway: the core expectations")
    for principle in selectors.principles_for_version(version=version):
        if any(i.pk not in rated for i in principle.indicators.all()):
            missing.append(f"{principle.code}: {principle.title}")
    return missing


@transaction.atomic
def ratings_submit(*, panel_member: PanelMember, by: Any) -> PanelMember:
    """Submit every rating at once. After this they cannot change, and once the rating stage
    closes the member sees the panel's spread."""
    seat = _lock(panel_member)
    missing = ratings_missing(panel_member=seat)
    if missing:
        raise ValidationError(
            f"Rate every part before you submit. Still to rate: {'; '.join(missing)}"
        )
    seat.submitted_at = timezone.now()
    seat.save(update_fields=["submitted_at"])
    audit(seat.round, "assessment_ratings_submitted", by, target=seat)
    return seat
