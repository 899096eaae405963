"""Sending invitations and reminders, using a personal link, and opting out.

Each email carries its own single-use link: a 256-bit token from `secrets`, of which only the
SHA-256 hash is stored; the token itself exists only while the email is built. Emails go
through the configured backend (console, SMTP or GOV.UK Notify). Each send is recorded as sent
or failed; a transient failure (the server was unreachable or said "try later") is tried again,
up to `MAX_ATTEMPTS` times. Nothing about a person is ever logged.

Sending is idempotent: at most one email of each kind per person (a database constraint), and
an email is claimed before it is sent, so two workers never send it twice.
"""

import logging
import secrets
import smtplib
from contextlib import suppress
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from pulse.core.formatting import nhs_date
from pulse.core.services import task_schedule
from pulse.surveys.models import (
    Distribution,
    EmailKind,
    EmailStatus,
    InvitationEmail,
    InvitationToken,
    InvitationUse,
    Participant,
    ResponseDraft,
    Wave,
    WaveStatus,
)
from pulse.surveys.services.distribution import distribution_of
from pulse.surveys.services.responses import acceptance, token_hash
from pulse.surveys.wording import fill

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(minutes=10)
SENDING = "sending"  # claimed by a worker; never shown
INVITATIONS_AT = time(8, 0)
REMINDERS_AT = time(9, 0)


class InvitationUnavailable(Exception):
    """The invitation cannot be used: `reason` is "answered" or "gone"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def invitation_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('respond:invitation')}?token={token}"


def unsubscribe_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('respond:unsubscribe')}?token={token}"


def email_values(wave: Wave, token: str) -> dict[str, str]:
    """What the placeholders of the wave's emails stand for, with this token's links."""
    return {
        "survey_title": wave.title,
        "ics_name": wave.ics.name,
        "closing_date": nhs_date(wave.closes_on),
        "link": invitation_url(token),
        "unsubscribe_link": unsubscribe_url(token),
    }


def email_text(distribution: Distribution, kind: str, values: dict[str, str]) -> tuple[str, str]:
    """The subject and body of an email of `kind`, filled in."""
    prefix = "invitation" if kind == EmailKind.INVITATION else "reminder"
    subject = fill(getattr(distribution, f"{prefix}_subject"), values)
    body = fill(getattr(distribution, f"{prefix}_body"), values)
    return " ".join(subject.split()), body


def is_transient(error: Exception) -> bool:
    """Whether trying again later may work: a connection problem or a "try later" reply."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return False
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, OSError):  # smtplib.SMTPException, refused or lost connections
        return True
    status = getattr(error, "status_code", None)  # GOV.UK Notify's API errors
    return isinstance(status, int) and (status == 429 or status >= 500)


def _due_reminder(distribution: Distribution, kind: str, today: date) -> bool:
    number = int(kind[-1])
    dates = distribution.reminder_dates
    return number <= len(dates) and date.fromisoformat(dates[number - 1]) <= today


def _create_due(wave: Wave, kind: str) -> None:
    """One email row of `kind` for each person who should get it (existing rows are kept)."""
    people = Participant.objects.filter(wave=wave)
    if kind != EmailKind.INVITATION:
        people = people.filter(
            opted_out=False,
            use__isnull=True,
            emails__kind=EmailKind.INVITATION,
            emails__status__in=[EmailStatus.SENT, EmailStatus.FAILED],
        )
    people = people.exclude(emails__kind=kind)
    InvitationEmail.objects.bulk_create(
        [
            InvitationEmail(participant_id=pk, kind=kind)
            for pk in people.values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )


def emails_send(
    *, wave_id: int, kind: str, today: date | None = None, connection: Any = None
) -> int:
    """Send the wave's emails of `kind` that are due (the invitation, or reminder 1..3 on or
    after its date) and return how many were sent. Safe to run any number of times."""
    today = today or timezone.localdate()
    wave = Wave.objects.select_related("ics").filter(pk=wave_id).first()
    if wave is None or acceptance(wave, today) is not None:
        return 0
    distribution = distribution_of(wave)
    if kind != EmailKind.INVITATION and not _due_reminder(distribution, kind, today):
        return 0
    _create_due(wave, kind)
    sent = _send_pending(wave, distribution, kind, connection)
    if sent:
        log.info("Sent %s %s emails for wave %s", sent, kind, wave.pk)
    return sent


def _send_pending(wave: Wave, distribution: Distribution, kind: str, connection: Any) -> int:
    sent = 0
    for round_number in range(MAX_ATTEMPTS):
        pending = InvitationEmail.objects.filter(
            participant__wave=wave, kind=kind, status=EmailStatus.PENDING
        )
        ids = list(pending.values_list("pk", flat=True))
        if not ids:
            break
        if round_number and _retry_later(wave, kind):
            break
        conn = connection or get_connection(fail_silently=False)
        for pk in ids:
            sent += _send_one(pk, wave, distribution, conn)
        with suppress(Exception):
            conn.close()
    return sent


def _retry_later(wave: Wave, kind: str) -> bool:
    from pulse.surveys.tasks import send_invitation_emails

    when = timezone.now() + RETRY_AFTER
    return task_schedule(send_invitation_emails, run_after=when, wave_id=wave.pk, kind=kind)


@transaction.atomic
def _claim(pk: int, wave: Wave) -> tuple[InvitationEmail, str] | None:
    """Mark one pending email as being sent and store its new link's hash; None if another
    worker has it, or it is a reminder no longer needed (answered or opted out)."""
    email = (
        InvitationEmail.objects.select_for_update(skip_locked=True)
        .select_related("participant")
        .filter(pk=pk, status=EmailStatus.PENDING)
        .first()
    )
    if email is None:
        return None
    participant = email.participant
    if email.kind != EmailKind.INVITATION and (
        participant.opted_out or InvitationUse.objects.filter(participant=participant).exists()
    ):
        email.delete()
        return None
    token = secrets.token_urlsafe(32)
    InvitationToken.objects.create(token_hash=token_hash(token), participant=participant)
    email.status, email.attempts = SENDING, email.attempts + 1
    email.save(update_fields=["status", "attempts"])
    return email, token


def _message(wave: Wave, distribution: Distribution, email: InvitationEmail, token: str) -> Any:
    subject, body = email_text(distribution, email.kind, email_values(wave, token))
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.participant.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url(token)}>"},
    )


def _send_one(pk: int, wave: Wave, distribution: Distribution, connection: Any) -> int:
    """Claim, build and send one email; the token lives only in this call."""
    claimed = _claim(pk, wave)
    if claimed is None:
        return 0
    email, token = claimed
    try:
        connection.send_messages([_message(wave, distribution, email, token)])
    except Exception as error:  # recorded, and retried if it may work later
        _record_failure(email, token_hash(token), error)
        with suppress(Exception):
            connection.close()  # a broken connection is opened afresh for the next email
        return 0
    InvitationEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENT, error="")
    return 1


def _record_failure(email: InvitationEmail, hashed: str, error: Exception) -> None:
    retry = is_transient(error) and email.attempts < MAX_ATTEMPTS
    status = EmailStatus.PENDING if retry else EmailStatus.FAILED
    with transaction.atomic():
        InvitationToken.objects.filter(token_hash=hashed).delete()
        InvitationEmail.objects.filter(pk=email.pk).update(
            status=status, error=type(error).__name__[:100]
        )
    log.warning(
        "Could not send a %s email for wave %s (%s)%s",
        email.kind,
        email.participant.wave_id,
        type(error).__name__,
        ": will try again" if retry else "",
    )


def _at(day: date, moment: time) -> datetime:
    return max(timezone.now(), timezone.make_aware(datetime.combine(day, moment)))


def invitations_schedule(*, wave: Wave) -> None:
    """Send the invitations once this transaction commits (on the opening date if later)."""
    from pulse.surveys.tasks import send_invitation_emails

    if wave.opens_on <= timezone.localdate():
        transaction.on_commit(
            lambda: send_invitation_emails.enqueue(wave_id=wave.pk, kind=EmailKind.INVITATION)
        )
        return
    task_schedule(
        send_invitation_emails,
        run_after=_at(wave.opens_on, INVITATIONS_AT),
        wave_id=wave.pk,
        kind=EmailKind.INVITATION,
    )


def reminders_schedule(*, wave: Wave) -> None:
    """A task for each reminder date; a task that runs when its reminder is not due (the date
    was changed, or it was sent) sends nothing."""
    from pulse.surveys.tasks import send_invitation_emails

    distribution = distribution_of(wave)
    for number, day in enumerate(distribution.reminder_dates, start=1):
        task_schedule(
            send_invitation_emails,
            run_after=_at(date.fromisoformat(day), REMINDERS_AT),
            wave_id=wave.pk,
            kind=f"reminder_{number}",
        )


def emails_send_due(*, today: date | None = None) -> int:
    """Send every due invitation and reminder of every open wave (the daily sweep behind the
    scheduled tasks)."""
    today = today or timezone.localdate()
    sent = 0
    for wave in Wave.objects.filter(
        status=WaveStatus.OPEN, opens_on__lte=today, closes_on__gte=today
    ):
        for kind in EmailKind.values:
            sent += emails_send(wave_id=wave.pk, kind=kind, today=today)
    return sent


def invitation_use(*, participant_id: int, wave: Wave) -> None:
    """Mark the invitation used, inside the submission's transaction. The participant row is
    locked, and the use's primary key is the participant, so of any number of concurrent
    submissions only one succeeds; the others raise `InvitationUnavailable("answered")`."""
    participant = (
        Participant.objects.select_for_update().filter(pk=participant_id, wave=wave).first()
    )
    if participant is None:
        raise InvitationUnavailable("gone")
    if InvitationUse.objects.filter(participant=participant).exists():
        raise InvitationUnavailable("answered")
    try:
        with transaction.atomic():
            InvitationUse.objects.create(participant=participant)
    except IntegrityError:
        raise InvitationUnavailable("answered") from None


@transaction.atomic
def participant_opt_out(*, participant_id: int) -> None:
    """Send this person no more emails about the survey (their link still works)."""
    Participant.objects.filter(pk=participant_id).update(opted_out=True)
    InvitationEmail.objects.filter(
        participant_id=participant_id, status=EmailStatus.PENDING
    ).exclude(kind=EmailKind.INVITATION).delete()


def draft_discard(*, draft_id: Any) -> None:
    """Delete a draft that can no longer be submitted (its invitation was used elsewhere)."""
    ResponseDraft.objects.filter(pk=draft_id).delete()
