"""The admin pages for invitations: the wording of the emails with its placeholders checked and
previewed, the reminder dates, and clear errors (never a server error) for bad input."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from pulse.core.models import AuditEntry
from pulse.core.tests.html import assert_page_basics, error_summary, soup, text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member
from pulse.surveys.models import Distribution, WaveStatus
from pulse.surveys.services.distribution import participants_add
from pulse.surveys.tests.distribution_helpers import draft_wave, invited_wave
from pulse.surveys.wording import (
    DEFAULT_INVITATION_BODY,
    DEFAULT_INVITATION_SUBJECT,
    DEFAULT_REMINDER_BODY,
    DEFAULT_REMINDER_SUBJECT,
    fill,
    wording_problems,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def admin(client: Client) -> Client:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    return client


def wording(**overrides: str) -> dict[str, str]:
    return {
        "invitation_subject": DEFAULT_INVITATION_SUBJECT,
        "invitation_body": DEFAULT_INVITATION_BODY,
        "reminder_subject": DEFAULT_REMINDER_SUBJECT,
        "reminder_body": DEFAULT_REMINDER_BODY,
        **overrides,
    }


def test_the_default_wording_is_valid_and_fills_every_placeholder() -> None:
    for text_, part in (
        (DEFAULT_INVITATION_SUBJECT, "subject"),
        (DEFAULT_INVITATION_BODY, "body"),
        (DEFAULT_REMINDER_SUBJECT, "subject"),
        (DEFAULT_REMINDER_BODY, "body"),
    ):
        assert wording_problems(text_, part=part) == []
    values = dict.fromkeys(
        ("survey_title", "ics_name", "closing_date", "link", "unsubscribe_link"), "X"
    )
    assert "((" not in fill(DEFAULT_INVITATION_BODY, values)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "invitation_body",
            "Hello ((name)) ((link)) ((unsubscribe_link))",
            "((name)) is not a placeholder you can use. Use one of ((survey_title)), "
            "((ics_name)), ((closing_date)), ((link)), ((unsubscribe_link))",
        ),
        (
            "invitation_body",
            "Please answer. ((unsubscribe_link))",
            "Include ((link)) in the message so people get their link to the survey",
        ),
        (
            "reminder_body",
            "((link))",
            "Include ((unsubscribe_link)) in the message so people get a way to stop emails",
        ),
        (
            "invitation_subject",
            "Answer at ((link))",
            "The subject cannot include ((link)). Put it in the message",
        ),
        (
            "reminder_body",
            "((link) ((unsubscribe_link))",
            "Check the brackets: each placeholder needs 2 opening and 2 closing brackets, "
            "like ((link))",
        ),
        ("invitation_subject", "", "Enter the invitation subject"),
    ],
)
def test_wording_mistakes_get_an_nhs_error_and_change_nothing(
    admin: Client, field: str, value: str, message: str
) -> None:
    wave = draft_wave()
    reply = admin.post(f"/ics/qyg/surveys/{wave.pk}/invitations/", wording(**{field: value}))
    assert reply.status_code == 200
    assert message in error_summary(reply)
    assert soup(reply).title.get_text().startswith("Error:")
    assert not Distribution.objects.filter(wave=wave).exists()


def test_saved_wording_is_previewed_with_an_example_link(admin: Client) -> None:
    wave = draft_wave(title="Leadership pulse 2027")
    page = admin.get(f"/ics/qyg/surveys/{wave.pk}/invitations/")
    assert_page_basics(page)
    assert "((unsubscribe_link))" in text(page)
    data = wording(invitation_subject="((survey_title)) from ((ics_name))")
    reply = admin.post(f"/ics/qyg/surveys/{wave.pk}/invitations/", data, follow=True)
    assert reply.redirect_chain[-1][0] == f"/ics/qyg/surveys/{wave.pk}/invitations/preview/"
    assert_page_basics(reply)
    page = text(reply)
    assert "Leadership pulse 2027 from NHS Cheshire and Merseyside Integrated Care Board" in page
    assert "/s/invitation/?token=EXAMPLE-PERSONAL-LINK" in page
    assert "/s/invitation/unsubscribe/?token=EXAMPLE-PERSONAL-LINK" in page
    assert "((" not in page.split("Preview the emails", 1)[1]
    assert AuditEntry.objects.filter(action="invitation_wording_changed").exists()


def dates(**days: int) -> dict[str, str]:
    data = {}
    for name, offset in days.items():
        day = TODAY() + timedelta(days=offset)
        data.update({f"{name}_day": str(day.day), f"{name}_month": str(day.month)})
        data[f"{name}_year"] = str(day.year)
    return data


def test_reminder_dates_are_saved_and_shown_as_scheduled(admin: Client) -> None:
    wave = invited_wave(1)
    page = admin.get(f"/ics/qyg/surveys/{wave.pk}/reminders/")
    assert_page_basics(page)
    reply = admin.post(
        f"/ics/qyg/surveys/{wave.pk}/reminders/", dates(reminder_1=3, reminder_2=10), follow=True
    )
    assert reply.redirect_chain[-1][0] == f"/ics/qyg/surveys/{wave.pk}/fieldwork/"
    assert text(reply).count("Scheduled") == 2
    assert len(Distribution.objects.get(wave=wave).reminder_dates) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reminder_1_day": "31", "reminder_1_month": "2", "reminder_1_year": "2030"},
         "First reminder must be a real date"),
        ({"reminder_2_day": "4", "reminder_2_year": "2030"}, "Second reminder must include a month"),
        (dates(reminder_1=40), "The reminder must be on or before the closing date"),
        (dates(reminder_1=0), "The reminder must be after the opening date"),
        (dates(reminder_1=5, reminder_2=4), "Each reminder must be after the one before it"),
    ],
)  # fmt: skip
def test_bad_reminder_dates_get_an_nhs_error(
    admin: Client, data: dict[str, str], message: str
) -> None:
    wave = draft_wave()
    reply = admin.post(f"/ics/qyg/surveys/{wave.pk}/reminders/", data)
    assert reply.status_code == 200
    assert message in error_summary(reply)
    assert not Distribution.objects.filter(wave=wave).exists()


def test_every_invitation_page_reads_well_before_during_and_after_fieldwork(
    admin: Client,
) -> None:
    draft = draft_wave()
    participants_add(wave=draft, people=[{"email": "a@example.nhs.uk"}], by=None)
    live = invited_wave(2)
    closed = invited_wave(2)
    closed.status = WaveStatus.CLOSED
    closed.save()
    for wave in (draft, live, closed):
        for path in (
            "",
            "participants/",
            "participants/upload/",
            "invitations/",
            "invitations/preview/",
            "reminders/",
            "fieldwork/",
            "import/",
        ):
            reply = admin.get(f"/ics/qyg/surveys/{wave.pk}/{path}")
            assert reply.status_code == 200, (wave.status, path)
            assert_page_basics(reply)


@pytest.mark.parametrize(
    "path",
    ["participants/999999/remove/", "import/999999/columns/", "import/999999/preview/"],
)
def test_unknown_ids_are_not_found(admin: Client, path: str) -> None:
    wave = draft_wave()
    assert admin.get(f"/ics/qyg/surveys/{wave.pk}/{path}").status_code == 404


def test_junk_posted_to_every_form_never_causes_a_server_error(admin: Client) -> None:
    wave: Any = invited_wave(1)
    junk = {"file": "not a file", "reminder_1_day": "\x00", "invitation_body": "((" * 3000}
    for path in ("participants/upload/", "invitations/", "reminders/", "import/"):
        reply = admin.post(f"/ics/qyg/surveys/{wave.pk}/{path}", junk)
        assert reply.status_code < 500, path
