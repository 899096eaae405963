"""Rounds in every stage, built through the services as an ICS admin and the panel would."""

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from pulse.assessments import selectors
from pulse.assessments.models import GatewayAnswer, Indicator, PanelMember, Round
from pulse.assessments.services import consensus, ratings, rounds
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import ics as ics_by_code
from pulse.organisations.tests.factories import member

Levels = dict[str, int] | Callable[[Indicator], int]


def indicators() -> list[Indicator]:
    version = selectors.latest_framework_version()
    return [
        i for p in selectors.principles_for_version(version=version) for i in p.indicators.all()
    ]


def open_round(
    *,
    panel: Sequence[Any] = (),
    ods_code: str = "QYG",
    title: str = "Culture self-assessment 2026",
    admin: Any = None,
    deadline: date | None = None,
) -> Round:
    admin = admin or member(Role.ICS_ADMIN, ods_code)
    return rounds.round_open(
        ics=ics_by_code(ods_code),
        title=title,
        rating_deadline=deadline or timezone.localdate() + timedelta(days=21),
        panel=list(panel),
        by=admin,
    )


def seat_of(round: Round, user: Any) -> PanelMember:
    return PanelMember.objects.select_related("round__version", "round__ics").get(
        round=round, user=user
    )


def _level(levels: Levels, indicator: Indicator, default: int) -> int:
    if callable(levels):
        return levels(indicator)
    return levels.get(indicator.key, default)


def rate_all(
    round: Round,
    user: Any,
    levels: Levels | None = None,
    *,
    default: int = 2,
    answer: str = GatewayAnswer.PARTLY,
    evidence: str = "",
    submit: bool = True,
) -> PanelMember:
    """The user rates every indicator (and answers the gateway) and, by default, submits."""
    seat = seat_of(round, user)
    levels = levels or {}
    ratings.indicator_ratings_save(
        panel_member=seat,
        ratings=[
            ratings.IndicatorInput(i, _level(levels, i, default), "medium", evidence)
            for i in indicators()
        ],
    )
    ratings.gateway_ratings_save(
        panel_member=seat,
        answers=[
            ratings.GatewayInput(q, answer, evidence)
            for q in selectors.gateway_for_version(version=round.version)
        ],
    )
    if submit:
        seat = ratings.ratings_submit(panel_member=seat, by=user)
    return seat


def agree_all(round: Round, admin: Any, levels: Levels | None = None, *, default: int = 2) -> None:
    levels = levels or {}
    for indicator in indicators():
        level = _level(levels, indicator, default)
        consensus.indicator_consensus_record(
            round=round,
            indicator=indicator,
            level=level,
            rationale=f"The panel agreed {level} after discussion",
            evidence="Board papers and forum minutes" if level >= 3 else "",
            evidence_link="",
            by=admin,
        )
    for question in selectors.gateway_for_version(version=round.version):
        consensus.gateway_consensus_record(
            round=round,
            question=question,
            answer=GatewayAnswer.PARTLY,
            evidence="The framework is agreed but not yet promoted",
            evidence_link="",
            by=admin,
        )


def completed_round(
    *,
    levels: Levels | None = None,
    default: int = 2,
    completed_on: date | None = None,
    ods_code: str = "QYG",
    title: str = "Culture self-assessment 2026",
    admin: Any = None,
) -> Round:
    """A round rated by one panel member, agreed at `levels`, and completed."""
    admin = admin or member(Role.ICS_ADMIN, ods_code)
    rater = member(Role.PANEL_MEMBER, ods_code)
    round = open_round(panel=[rater], ods_code=ods_code, title=title, admin=admin)
    rate_all(round, rater, levels, default=default)
    round = rounds.round_close_rating(round=round, by=admin)
    agree_all(round, admin, levels, default=default)
    return rounds.round_complete(round=round, by=admin, completed_on=completed_on)
