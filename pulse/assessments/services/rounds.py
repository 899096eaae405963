"""Rounds and their panels: open, change, add and remove panel members, close the rating
stage and complete the round. Every step is taken by an ICS admin and audited."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pulse.accounts.services import user_invite
from pulse.assessments import selectors
from pulse.assessments.models import PanelMember, Round, RoundStatus
from pulse.assessments.services._common import audit, require_status
from pulse.core.services import audit_record
from pulse.organisations.models import ICS, Membership, Role
from pulse.organisations.permissions import Perm, has_perm

RATING_ONLY = "The rating stage has closed: the panel can no longer change"


def _check_deadline(deadline: date) -> None:
    if deadline < timezone.localdate():
        raise ValidationError({"rating_deadline": "The rating deadline must be today or later"})


def _check_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Enter a title for the round"})
    return title[:120]


def _give_panel_role(ics: ICS, user: Any, by: Any) -> None:
    """Panel members need a role in the ICS to reach the round; admins already have one."""
    if has_perm(user, Perm.RATE_ASSESSMENT, ics=ics):
        return
    membership, created = Membership.objects.get_or_create(
        user=user, role=Role.PANEL_MEMBER, ics=ics
    )
    if created:
        audit_record(
            actor=by,
            action="member_added",
            target=membership,
            ics_code=ics.ods_code,
            details={"email": user.email, "role": Role.PANEL_MEMBER},
        )


def _seat(round: Round, user: Any, by: Any) -> PanelMember:
    if PanelMember.objects.filter(round=round, user=user).exists():
        raise ValidationError({"email": f"{user.email} is already on the panel"})
    _give_panel_role(round.ics, user, by)
    seat = PanelMember.objects.create(round=round, user=user)
    audit(round, "panel_member_added", by, target=seat, email=user.email)
    return seat


@transaction.atomic
def round_open(*, ics: ICS, title: str, rating_deadline: date, panel: list[Any], by: Any) -> Round:
    """Open a round of the latest framework with a panel chosen from the ICS's people."""
    title = _check_title(title)
    _check_deadline(rating_deadline)
    running = selectors.unfinished_round(ics=ics)
    if running is not None:
        raise ValidationError(
            f"You cannot open a round while {running.title} is still in progress. "
            "Complete it first."
        )
    people = {user.pk for user in selectors.people_for_ics(ics=ics)}
    if any(user.pk not in people for user in panel):
        raise ValidationError({"panel": "Select people who have a role in your system"})
    try:
        with transaction.atomic():
            round = Round.objects.create(
                ics=ics,
                version=selectors.latest_framework_version(),
                title=title,
                rating_deadline=rating_deadline,
                created_by=by if getattr(by, "pk", None) else None,
            )
    except IntegrityError:  # another admin opened one at the same moment
        raise ValidationError(
            "Another round was opened at the same time. Complete it first."
        ) from None
    audit(round, "assessment_round_opened", by, deadline=rating_deadline.isoformat())
    for user in panel:
        _seat(round, user, by)
    return round


@transaction.atomic
def round_update(*, round: Round, title: str, rating_deadline: date, by: Any) -> Round:
    round = Round.objects.select_for_update().select_related("ics").get(pk=round.pk)
    require_status(round, RoundStatus.RATING, f"{RATING_ONLY} its title or deadline")
    round.title = _check_title(title)
    _check_deadline(rating_deadline)
    round.rating_deadline = rating_deadline
    round.save(update_fields=["title", "rating_deadline"])
    audit(round, "assessment_round_changed", by, deadline=rating_deadline.isoformat())
    return round


@transaction.atomic
def panel_member_add(*, round: Round, user: Any, by: Any) -> PanelMember:
    require_status(round, RoundStatus.RATING, f"{RATING_ONLY} who is on the panel")
    return _seat(round, user, by)


@transaction.atomic
def panel_member_invite(*, round: Round, email: str, full_name: str, by: Any) -> PanelMember:
    """Add someone to the panel by email, creating and inviting them if they have no account."""
    require_status(round, RoundStatus.RATING, f"{RATING_ONLY} who is on the panel")
    user, _created = user_invite(
        email=email, full_name=full_name, invited_by=by, ics_name=round.ics.name
    )
    return _seat(round, user, by)


@transaction.atomic
def panel_member_remove(*, panel_member: PanelMember, by: Any) -> None:
    """Take someone off the panel while rating is open; their ratings go with them."""
    round = panel_member.round
    require_status(round, RoundStatus.RATING, f"{RATING_ONLY} who is on the panel")
    audit(round, "panel_member_removed", by, target=panel_member, email=panel_member.user.email)
    panel_member.delete()


@transaction.atomic
def round_close_rating(*, round: Round, by: Any) -> Round:
    """End the rating stage. Only submitted ratings count; drafts stay unseen for good."""
    round = Round.objects.select_for_update().select_related("ics").get(pk=round.pk)
    require_status(round, RoundStatus.RATING, "The rating stage has already closed")
    submitted = PanelMember.objects.filter(round=round, submitted_at__isnull=False).count()
    if submitted == 0:
        raise ValidationError(
            "Nobody on the panel has submitted their ratings yet. Wait for at least one person "
            "to submit before you close the rating stage."
        )
    round.status = RoundStatus.CONSENSUS
    round.rating_closed_at = timezone.now()
    round.save(update_fields=["status", "rating_closed_at"])
    audit(round, "assessment_rating_closed", by, submitted=submitted)
    return round


@transaction.atomic
def round_complete(*, round: Round, by: Any, completed_on: date | None = None) -> Round:
    """Finish the round once every indicator and gateway question has an agreed answer."""
    round = Round.objects.select_for_update().select_related("ics", "version").get(pk=round.pk)
    require_status(round, RoundStatus.CONSENSUS, "Only a round that is agreeing levels can end")
    agreed = selectors.consensus_for_round(round=round)
    gateway = selectors.gateway_consensus_for_round(round=round)
    missing = round.version.indicators.exclude(pk__in=agreed).count()
    missing += len(
        [q for q in selectors.gateway_for_version(version=round.version) if q.pk not in gateway]
    )
    if missing:
        raise ValidationError(
            f"Agree a level or answer for every indicator and gateway question first: "
            f"{missing} still to agree"
        )
    round.status = RoundStatus.COMPLETED
    round.completed_on = completed_on or timezone.localdate()
    round.save(update_fields=["status", "completed_on"])
    audit(round, "assessment_round_completed", by)
    return round
