"""Reminders: automatic, on up to three chosen dates, only to people who have not answered or
asked to stop, never twice; and every send recorded as sent or failed, with retries."""

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import timezone

from pulse.core.models import AuditEntry
from pulse.surveys.models import EmailStatus, InvitationEmail, InvitationToken, Participant
from pulse.surveys.services import invitations
from pulse.surveys.services.distribution import distribution_reminders_update
from pulse.surveys.services.invitations import emails_send, emails_send_due, is_transient
from pulse.surveys.tests.distribution_helpers import (
    draft_wave,
    follow,
    invited_wave,
    links,
    path_of,
)
from pulse.surveys.tests.email_backends import FailingBackend, disconnected, refused, try_later
from pulse.surveys.tests.respond_helpers import answer_everything, url

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


SENT: dict[str, list[str]] = {}


def with_reminders(count: int = 4, days: tuple[int, ...] = (3, 7, 10)) -> Any:
    """An invited wave with reminders on `days` from today; the invitations are kept in SENT
    and the outbox is emptied."""
    wave = invited_wave(count)
    dates = [TODAY() + timedelta(days=d) for d in days]
    distribution_reminders_update(wave=wave, dates=dates, by=None)
    SENT.clear()
    SENT.update(links())
    SENT.update({f"stop:{k}": v for k, v in links("unsubscribe").items()})
    mail.outbox.clear()
    return wave, dates


def answer(wave: Any, address: str) -> None:
    browser = Client()
    follow(browser, SENT[address][0])
    answer_everything(browser, wave)
    browser.post(url("submit", wave))


def reminded() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox)


def test_reminders_go_only_to_people_who_have_not_answered_or_opted_out() -> None:
    wave, dates = with_reminders(4)
    sent = dict(SENT)
    answer(wave, "leader1@example.nhs.uk")
    stop = Client()
    stop.get(path_of(SENT["stop:leader2@example.nhs.uk"][0]))
    stop.post("/s/invitation/stop-emails/")
    mail.outbox.clear()
    assert emails_send(wave_id=wave.pk, kind="reminder_1", today=dates[0]) == 2
    assert reminded() == ["leader3@example.nhs.uk", "leader4@example.nhs.uk"]
    assert all(m.subject.startswith("Reminder: Pulse check 2027 closes on") for m in mail.outbox)
    # A reminder has a new link, and the invitation's link still works too.
    new_link = links()["leader3@example.nhs.uk"][0]
    assert new_link != sent["leader3@example.nhs.uk"][0]
    for link in (new_link, sent["leader3@example.nhs.uk"][0]):
        assert follow(Client(), link)["Location"] == url("start", wave)


def test_a_reminder_is_not_sent_before_its_date_nor_twice() -> None:
    wave, dates = with_reminders(3)
    assert emails_send(wave_id=wave.pk, kind="reminder_1", today=dates[0] - timedelta(days=1)) == 0
    assert emails_send(wave_id=wave.pk, kind="reminder_1", today=dates[0]) == 3
    assert emails_send(wave_id=wave.pk, kind="reminder_1", today=dates[0]) == 0
    assert emails_send_due(today=dates[0]) == 0
    assert emails_send(wave_id=wave.pk, kind="reminder_2", today=dates[0]) == 0
    assert len(mail.outbox) == 3


def test_the_daily_sweep_sends_whatever_is_due() -> None:
    wave, dates = with_reminders(2)
    assert emails_send_due(today=dates[1]) == 4  # the first and second reminders
    answer(wave, "leader1@example.nhs.uk")
    mail.outbox.clear()
    assert emails_send_due(today=dates[2]) == 1
    assert reminded() == ["leader2@example.nhs.uk"]


def test_reminders_stop_once_the_survey_has_closed() -> None:
    wave, _dates = with_reminders(2)
    assert emails_send(wave_id=wave.pk, kind="reminder_1", today=wave.closes_on + timedelta(1)) == 0


def test_reminder_tasks_are_scheduled_for_each_date(monkeypatch: pytest.MonkeyPatch) -> None:
    scheduled: list[tuple[datetime, dict[str, Any]]] = []
    monkeypatch.setattr(
        invitations,
        "task_schedule",
        lambda task, *, run_after, **kwargs: scheduled.append((run_after, kwargs)) or True,
    )
    wave, dates = with_reminders(1)
    assert [(when.date(), when.time(), kw) for when, kw in scheduled] == [
        (day, time(9, 0), {"wave_id": wave.pk, "kind": f"reminder_{n}"})
        for n, day in enumerate(dates, start=1)
    ]


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ((0,), "The reminder must be after the opening date"),
        ((30,), "The reminder must be on or before the closing date"),
        ((5, 3), "Each reminder must be after the one before it"),
        ((5, 5), "Each reminder must be after the one before it"),
        ((2, 3, 4, 5), "Choose up to 3 reminder dates"),
    ],
)
def test_reminder_dates_are_checked(days: tuple[int, ...], message: str) -> None:
    wave = draft_wave()
    with pytest.raises(ValidationError, match=message):
        distribution_reminders_update(
            wave=wave, dates=[TODAY() + timedelta(days=d) for d in days], by=None
        )


def test_a_sent_reminder_keeps_its_date() -> None:
    wave, dates = with_reminders(1)
    emails_send(wave_id=wave.pk, kind="reminder_1", today=dates[0])
    with pytest.raises(ValidationError, match="first reminder has been sent"):
        distribution_reminders_update(wave=wave, dates=[dates[0] + timedelta(1)], by=None)
    distribution_reminders_update(wave=wave, dates=[dates[0], dates[2]], by=None)
    assert AuditEntry.objects.filter(action="reminder_dates_changed").count() == 2


# --- sending: recorded, retried -------------------------------------------------------------


@pytest.fixture
def failing() -> Any:
    FailingBackend.failures, FailingBackend.attempts = {}, []
    with override_settings(EMAIL_BACKEND="pulse.surveys.tests.email_backends.FailingBackend"):
        yield FailingBackend


def status_of(address: str) -> tuple[str, int, str]:
    email = InvitationEmail.objects.get(participant__email=address, kind="invitation")
    return email.status, email.attempts, email.error


def test_a_transient_failure_is_retried_and_then_sent(failing: Any) -> None:
    failing.failures = {"leader1@example.nhs.uk": [disconnected()]}
    invited_wave(2)
    assert status_of("leader1@example.nhs.uk") == (EmailStatus.SENT, 2, "")
    assert status_of("leader2@example.nhs.uk") == (EmailStatus.SENT, 1, "")
    assert failing.attempts.count("leader1@example.nhs.uk") == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "leader1@example.nhs.uk",
        "leader2@example.nhs.uk",
    ]


def test_a_failure_that_lasts_is_recorded_as_failed_after_three_tries(failing: Any) -> None:
    failing.failures = {"leader1@example.nhs.uk": [try_later(), try_later(), try_later()]}
    invited_wave(2)
    assert status_of("leader1@example.nhs.uk") == (EmailStatus.FAILED, 3, "SMTPDataError")
    assert failing.attempts.count("leader1@example.nhs.uk") == 3
    assert len(mail.outbox) == 1
    person = Participant.objects.get(email="leader1@example.nhs.uk")
    assert not InvitationToken.objects.filter(participant=person).exists()  # no live link


def test_a_refused_address_is_not_retried(failing: Any) -> None:
    failing.failures = {"leader2@example.nhs.uk": [refused("leader2@example.nhs.uk")]}
    invited_wave(2)
    assert status_of("leader2@example.nhs.uk") == (EmailStatus.FAILED, 1, "SMTPRecipientsRefused")
    assert failing.attempts.count("leader2@example.nhs.uk") == 1


def test_a_retry_is_deferred_when_the_queue_can_wait(
    failing: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheduled: list[dict[str, Any]] = []
    monkeypatch.setattr(
        invitations,
        "task_schedule",
        lambda task, *, run_after, **kwargs: scheduled.append(kwargs) or True,
    )
    failing.failures = {"leader1@example.nhs.uk": [disconnected()]}
    wave = invited_wave(1)
    assert status_of("leader1@example.nhs.uk") == (EmailStatus.PENDING, 1, "SMTPServerDisconnected")
    assert {"wave_id": wave.pk, "kind": "invitation"} in scheduled
    assert emails_send(wave_id=wave.pk, kind="invitation") == 1  # the deferred retry
    assert status_of("leader1@example.nhs.uk")[0] == EmailStatus.SENT


def test_which_errors_are_worth_another_try() -> None:
    class NotifyError(Exception):
        def __init__(self, status_code: int) -> None:
            self.status_code = status_code

    assert is_transient(disconnected()) and is_transient(try_later())
    assert is_transient(ConnectionRefusedError()) and is_transient(TimeoutError())
    assert is_transient(NotifyError(503)) and is_transient(NotifyError(429))
    assert not is_transient(refused("a@b.c"))
    assert not is_transient(NotifyError(400))
    assert not is_transient(ValueError("bad"))


def test_an_email_is_not_sent_to_someone_who_has_just_answered() -> None:
    wave, dates = with_reminders(2)
    # The reminder rows exist (the task was part-way) when one person answers.
    from pulse.surveys.services.invitations import _create_due

    _create_due(wave, "reminder_1")
    answer(wave, "leader1@example.nhs.uk")
    mail.outbox.clear()
    emails_send(wave_id=wave.pk, kind="reminder_1", today=dates[0])
    assert reminded() == ["leader2@example.nhs.uk"]
    assert not InvitationEmail.objects.filter(
        participant__email="leader1@example.nhs.uk", kind="reminder_1"
    ).exists()


def test_the_sweep_and_the_task_never_take_an_address_or_a_link() -> None:
    import inspect

    from pulse.surveys import tasks

    for task in (tasks.send_invitation_emails, tasks.send_due_invitation_emails):
        parameters = set(inspect.signature(task.func).parameters)
        assert parameters <= {"wave_id", "kind"}
