"""Challenges: an ICS admin asks a question and staff post ideas until it closes."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pulse.core.services import audit_record, task_schedule
from pulse.ideas.models import Challenge
from pulse.ideas.principles import join_codes
from pulse.ideas.services.notifications import CLOSING_SOON_DAYS
from pulse.ideas.services.stages import stage_defaults_ensure
from pulse.organisations.models import ICS


def _check_dates(opens_on: date, closes_on: date) -> None:
    if closes_on < opens_on:
        raise ValidationError(
            {"closes_on": "Closing date must be the same as or after the opening date"}
        )


def _schedule_closing_notice(challenge: Challenge) -> None:
    """Ask the worker to send the "closing soon" notices on the day; the daily command
    `send_closing_soon_notices` sends any it missed, and sending twice is refused."""
    from pulse.ideas.tasks import notify_challenge_closing

    day = challenge.closes_on - timedelta(days=CLOSING_SOON_DAYS)
    run_after = timezone.make_aware(datetime.combine(day, time(8, 0)))
    if run_after > timezone.now():
        task_schedule(notify_challenge_closing, run_after=run_after, challenge_id=challenge.pk)


@transaction.atomic
def challenge_create(
    *,
    ics: ICS,
    title: str,
    question: str,
    description: str,
    principles: Iterable[str],
    finding: str,
    opens_on: date,
    closes_on: date,
    by: Any,
) -> Challenge:
    _check_dates(opens_on, closes_on)
    stage_defaults_ensure(ics=ics)
    challenge = Challenge.objects.create(
        ics=ics,
        title=title.strip(),
        question=question.strip(),
        description=description.strip(),
        principles=join_codes(principles),
        finding=finding.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by if getattr(by, "pk", None) else None,
    )
    audit_record(actor=by, action="challenge_created", target=challenge, ics_code=ics.ods_code)
    _schedule_closing_notice(challenge)
    return challenge


@transaction.atomic
def challenge_update(
    *,
    challenge: Challenge,
    title: str,
    question: str,
    description: str,
    principles: Iterable[str],
    finding: str,
    opens_on: date,
    closes_on: date,
    by: Any,
) -> Challenge:
    _check_dates(opens_on, closes_on)
    new_close = closes_on != challenge.closes_on
    challenge.title, challenge.question = title.strip(), question.strip()
    challenge.description, challenge.finding = description.strip(), finding.strip()
    challenge.principles = join_codes(principles)
    challenge.opens_on, challenge.closes_on = opens_on, closes_on
    if new_close:
        challenge.closing_notice_sent_on = None
    challenge.save()
    audit_record(
        actor=by, action="challenge_changed", target=challenge, ics_code=challenge.ics.ods_code
    )
    if new_close:
        _schedule_closing_notice(challenge)
    return challenge
