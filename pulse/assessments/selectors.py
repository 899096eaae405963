"""Reads for the self-assessment, each scoped to one ICS.

Independence of the panel's ratings (ADR 13) is enforced here and nowhere else: every read of
ratings other than the reader's own goes through `panel_ratings`, which raises `RatingsHidden`
unless the rating stage is closed and the reader, if they are on the panel, has submitted
their own ratings. Ratings that were never submitted are never counted or shown.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from pulse.assessments.maturity import Spread, spread
from pulse.assessments.models import (
    FrameworkVersion,
    GatewayConsensus,
    GatewayQuestion,
    GatewayRating,
    Indicator,
    IndicatorConsensus,
    IndicatorRating,
    PanelMember,
    Principle,
    Round,
    RoundFile,
    RoundStatus,
)
from pulse.organisations.models import ICS, Membership
from pulse.organisations.permissions import Perm, has_perm

STANDARD_FRAMEWORK = "ccpl-culture"


class RatingsHidden(PermissionDenied):
    """The reader may not see other panel members' ratings (yet)."""


def latest_framework_version(*, key: str = STANDARD_FRAMEWORK) -> FrameworkVersion:
    return (
        FrameworkVersion.objects.select_related("framework")
        .filter(framework__key=key)
        .order_by("-version")
        .first()
    )  # type: ignore[return-value]


def principles_for_version(*, version: FrameworkVersion) -> list[Principle]:
    """The principles in order, each with `indicators` prefetched in order."""
    return list(
        Principle.objects.filter(version=version).prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("position"))
        )
    )


def principle_for_version(*, version: FrameworkVersion, code: str) -> Principle:
    return get_object_or_404(
        Principle.objects.filter(version=version).prefetch_related("indicators"), code=code
    )


def indicator_for_version(*, version: FrameworkVersion, key: str) -> Indicator:
    return get_object_or_404(
        Indicator.objects.filter(version=version).select_related("principle"), key=key
    )


def gateway_for_version(*, version: FrameworkVersion) -> list[GatewayQuestion]:
    return list(GatewayQuestion.objects.filter(version=version))


def gateway_question_for_version(*, version: FrameworkVersion, key: str) -> GatewayQuestion:
    return get_object_or_404(GatewayQuestion.objects.filter(version=version), key=key)


def rounds_for_ics(*, ics: ICS) -> QuerySet[Round]:
    return Round.objects.for_ics(ics).select_related("version__framework")


def round_for_ics(*, ics: ICS, round_id: int) -> Round:
    return get_object_or_404(rounds_for_ics(ics=ics).select_related("ics"), pk=round_id)


def completed_round_for_ics(*, ics: ICS, round_id: int) -> Round:
    return get_object_or_404(
        rounds_for_ics(ics=ics).select_related("ics").filter(status=RoundStatus.COMPLETED),
        pk=round_id,
    )


def unfinished_round(*, ics: ICS) -> Round | None:
    return rounds_for_ics(ics=ics).exclude(status=RoundStatus.COMPLETED).first()


def rounds_visible_to(*, ics: ICS, user: Any) -> list[tuple[Round, PanelMember | None]]:
    """Rounds the user may see listed, each with the user's own seat on its panel (or None):
    all rounds for those who run them, completed ones for those who read results, and any round
    whose panel the user is on."""
    seats = {seat.round_id: seat for seat in PanelMember.objects.for_ics(ics).filter(user=user)}
    manage = has_perm(user, Perm.MANAGE_ASSESSMENTS, ics=ics)
    results = has_perm(user, Perm.VIEW_ASSESSMENT_RESULTS, ics=ics)
    return [
        (r, seats.get(r.pk))
        for r in rounds_for_ics(ics=ics).select_related("ics")
        if manage or r.pk in seats or (results and r.status == RoundStatus.COMPLETED)
    ]


def completed_rounds_for_ics(*, ics: ICS) -> list[Round]:
    """Completed rounds, latest first."""
    return list(
        rounds_for_ics(ics=ics)
        .filter(status=RoundStatus.COMPLETED)
        .order_by("-completed_on", "-pk")
    )


def previous_round(*, round: Round) -> Round | None:
    """The completed round of the same ICS and framework before this one, if any."""
    earlier = [
        r
        for r in completed_rounds_for_ics(ics=round.ics)
        if r.version.framework_id == round.version.framework_id
        and r.pk != round.pk
        and (round.completed_on is None or (r.completed_on, r.pk) < (round.completed_on, round.pk))
    ]
    return earlier[0] if earlier else None


def latest_completed_round(*, ics: ICS) -> Round | None:
    rounds = completed_rounds_for_ics(ics=ics)
    return rounds[0] if rounds else None


def panel_for_round(*, round: Round) -> list[PanelMember]:
    """Who is on the panel and whether they have submitted (never what they rated)."""
    return list(PanelMember.objects.for_ics(round.ics).filter(round=round).select_related("user"))


def panel_member_for_ics(*, ics: ICS, round: Round, panel_member_id: int) -> PanelMember:
    return get_object_or_404(
        PanelMember.objects.for_ics(ics).filter(round=round).select_related("user"),
        pk=panel_member_id,
    )


def panel_seat(*, ics: ICS, round: Round, user: Any) -> PanelMember | None:
    """The user's own place on the round's panel, if they have one."""
    if not user.is_authenticated:
        return None
    return PanelMember.objects.for_ics(ics).filter(round=round, user=user).first()


def own_seat(*, ics: ICS, round_id: int, user: Any) -> PanelMember:
    """The signed-in user's place on a round's panel: 404 for rounds they are not on."""
    return get_object_or_404(
        PanelMember.objects.for_ics(ics).select_related("round__version", "round__ics", "user"),
        round_id=round_id,
        user=user,
    )


def own_ratings(*, panel_member: PanelMember) -> dict[int, IndicatorRating]:
    """The panel member's own ratings by indicator id. Only ever their own."""
    return {r.indicator_id: r for r in IndicatorRating.objects.filter(panel_member=panel_member)}


def own_gateway_ratings(*, panel_member: PanelMember) -> dict[int, GatewayRating]:
    return {r.question_id: r for r in GatewayRating.objects.filter(panel_member=panel_member)}


def ratings_visible_to(*, round: Round, user: Any) -> bool:
    """Whether `user` may see the panel's ratings of `round` (in aggregate or one by one)."""
    if not round.rating_stage_closed:
        return False
    seat = panel_seat(ics=round.ics, round=round, user=user)
    if seat is not None:
        return seat.has_submitted
    return has_perm(user, Perm.MANAGE_ASSESSMENTS, ics=round.ics) or has_perm(
        user, Perm.VIEW_ASSESSMENT_RESULTS, ics=round.ics
    )


@dataclass(frozen=True)
class PanelRatings:
    """The submitted ratings of a round, for the consensus and the exports."""

    submitted: int
    indicators: dict[int, list[IndicatorRating]]
    gateway: dict[int, list[GatewayRating]]

    def spread(self, indicator_id: int) -> Spread:
        return spread([r.level for r in self.indicators.get(indicator_id, [])])

    def answers(self, question_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for rating in self.gateway.get(question_id, []):
            counts[rating.answer] = counts.get(rating.answer, 0) + 1
        return counts


def panel_ratings(*, round: Round, user: Any) -> PanelRatings:
    """Every submitted rating of the round, if `user` may see them; `RatingsHidden` otherwise."""
    if not ratings_visible_to(round=round, user=user):
        raise RatingsHidden("The panel's ratings are hidden until the rating stage closes")
    return _submitted_ratings(round)


def panel_ratings_for_file(*, round: Round) -> PanelRatings:
    """The submitted ratings for a completed round's data pack, rendered in the background with
    no viewer. Downloading the file checks `ratings_visible_to` for the person downloading."""
    if round.status != RoundStatus.COMPLETED:
        raise RatingsHidden("Only a completed round's data pack shows the panel's ratings")
    return _submitted_ratings(round)


def _submitted_ratings(round: Round) -> PanelRatings:
    submitted = PanelMember.objects.for_ics(round.ics).filter(
        round=round, submitted_at__isnull=False
    )
    indicators: dict[int, list[IndicatorRating]] = {}
    for rating in IndicatorRating.objects.filter(panel_member__in=submitted).order_by("level"):
        indicators.setdefault(rating.indicator_id, []).append(rating)
    gateway: dict[int, list[GatewayRating]] = {}
    for answer in GatewayRating.objects.filter(panel_member__in=submitted).order_by("answer"):
        gateway.setdefault(answer.question_id, []).append(answer)
    return PanelRatings(submitted=submitted.count(), indicators=indicators, gateway=gateway)


def consensus_for_round(*, round: Round) -> dict[int, IndicatorConsensus]:
    """The agreed levels by indicator id (these are the round's results, not anyone's rating)."""
    rows = IndicatorConsensus.objects.filter(round=round, round__ics=round.ics)
    return {c.indicator_id: c for c in rows.select_related("indicator")}


def gateway_consensus_for_round(*, round: Round) -> dict[int, GatewayConsensus]:
    rows = GatewayConsensus.objects.filter(round=round, round__ics=round.ics)
    return {c.question_id: c for c in rows.select_related("question")}


def people_for_ics(*, ics: ICS) -> list[Any]:
    """Everyone with a role in the ICS, once each, by name: candidates for a panel."""
    seen: dict[int, Any] = {}
    for m in Membership.objects.for_ics(ics).select_related("user").order_by("user__full_name"):
        if m.user.is_active:
            seen.setdefault(m.user_id, m.user)
    return sorted(seen.values(), key=lambda u: ((u.full_name or u.email).lower(), u.email))


def round_files(*, round: Round) -> dict[str, RoundFile]:
    files = RoundFile.objects.for_ics(round.ics).filter(round=round).defer("content")
    return {f.format: f for f in files}


def round_file(*, round: Round, file_format: str) -> RoundFile | None:
    return RoundFile.objects.for_ics(round.ics).filter(round=round, format=file_format).first()


def round_file_by_id(*, file_id: int) -> RoundFile | None:
    return (
        RoundFile.objects.select_related("round__ics", "round__version").filter(pk=file_id).first()
    )
