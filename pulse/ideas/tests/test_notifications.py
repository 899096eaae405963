"""Notifications: an in-app list and emails sent by the worker, for the kinds each person
chooses; "closing soon" notices go out once, 3 days before a challenge closes."""

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from pulse.core.tests.html import error_summary, text
from pulse.ideas.models import Notification, NotificationPreference
from pulse.ideas.services.ideas import comment_create
from pulse.ideas.services.notifications import challenges_closing_notify
from pulse.ideas.tasks import notify_challenge_closing
from pulse.ideas.tests.factories import ChallengeFactory, IdeaFactory
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member

pytestmark = pytest.mark.django_db


def test_a_comment_on_my_idea_is_listed_and_emailed(
    client: Client, people: dict[str, Any], challenge: Any, committed: Any
) -> None:
    idea = IdeaFactory(challenge=challenge, author=people["author"], title="Shared rota")
    with committed():
        comment_create(idea=idea, author=people["staff"], body="Love it", anonymous=False)
        comment_create(idea=idea, author=people["author"], body="Thanks", anonymous=False)
    assert [m.subject for m in mail.outbox] == ["New comment on your idea: Shared rota"]
    assert "Priya Shah wrote:\n\nLove it" in mail.outbox[0].body
    assert f"/ics/qyg/ideas/{idea.pk}/" in mail.outbox[0].body

    client.force_login(people["author"])
    assert "Your notifications (1 new)" in text(client.get("/ics/qyg/ideas/"))
    page = text(client.get("/ics/qyg/ideas/notifications/"))
    assert "New Priya Shah commented on your idea Shared rota" in page
    client.post("/ics/qyg/ideas/notifications/mark-read/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert "New Priya" not in text(client.get("/ics/qyg/ideas/notifications/"))


def test_people_choose_their_notifications(client: Client, people: dict[str, Any]) -> None:
    client.force_login(people["staff"])
    page = client.get("/ics/qyg/ideas/notifications/settings/").content.decode()
    assert page.count("checked") == 5  # every kind, and "email me as well"
    client.post(
        "/ics/qyg/ideas/notifications/settings/",
        {"kinds": ["comment_on_mine", "challenge_closing"], "by_email": "no"},
    )
    saved = NotificationPreference.objects.get(user=people["staff"])
    assert (saved.kinds, saved.by_email) == (["comment_on_mine", "challenge_closing"], False)
    bad = client.post(
        "/ics/qyg/ideas/notifications/settings/", {"kinds": ["everything"], "by_email": ""}
    )
    assert error_summary(bad) == [
        "Select notifications from the list",
        "Select whether you want notifications by email",
    ]
    saved.refresh_from_db()
    assert saved.kinds == ["comment_on_mine", "challenge_closing"]


def test_closing_soon_notices_go_once_to_the_ics_staff_who_want_them(
    people: dict[str, Any], committed: Any
) -> None:
    today = timezone.localdate()
    closing = ChallengeFactory(title="Closing", closes_on=today + timedelta(days=3))
    ChallengeFactory(title="Later", closes_on=today + timedelta(days=10))
    ChallengeFactory(
        title="Closed", opens_on=today - timedelta(days=9), closes_on=today - timedelta(days=1)
    )
    member(Role.STAFF, "QMJ", email="london@camden.nhs.uk")
    NotificationPreference.objects.create(user=people["staff"], kinds=[], by_email=True)

    with committed():
        out = StringIO()
        call_command("send_closing_soon_notices", stdout=out)
    # Staff, moderators and admins of the ICS who want it; not viewers, London or Priya.
    told = sorted(Notification.objects.values_list("user__email", flat=True))
    assert told == sorted(
        [people["author"].email, people["moderator"].email, people["admin"].email]
    )
    assert {n.challenge for n in Notification.objects.all()} == {closing}
    assert "Sent 3" in out.getvalue()
    assert all(m.subject == "Closing soon: Closing" for m in mail.outbox) and len(mail.outbox) == 3

    assert challenges_closing_notify() == 0  # again: nothing more
    assert notify_challenge_closing.call(challenge_id=closing.pk) == 0
    assert Notification.objects.count() == 3


def test_the_scheduled_task_sends_a_challenge_notice_when_due(people: dict[str, Any]) -> None:
    closing = ChallengeFactory(closes_on=timezone.localdate() + timedelta(days=2))
    assert (
        notify_challenge_closing.call(challenge_id=closing.pk) == 4
    )  # two staff, a moderator, an admin
    assert notify_challenge_closing.call(challenge_id=999999) == 0


def test_changing_the_closing_date_allows_a_new_notice(
    client: Client, people: dict[str, Any]
) -> None:
    today = timezone.localdate()
    challenge = ChallengeFactory(closes_on=today + timedelta(days=1))
    challenges_closing_notify()
    challenge.refresh_from_db()
    assert challenge.closing_notice_sent_on == today
    client.force_login(people["admin"])
    later = today + timedelta(days=2)
    client.post(
        f"/ics/qyg/ideas/challenges/{challenge.pk}/change/",
        {
            "title": challenge.title,
            "question": challenge.question,
            "description": challenge.description,
            "opens_on_day": challenge.opens_on.day,
            "opens_on_month": challenge.opens_on.month,
            "opens_on_year": challenge.opens_on.year,
            "closes_on_day": later.day,
            "closes_on_month": later.month,
            "closes_on_year": later.year,
        },
    )
    challenge.refresh_from_db()
    assert challenge.closes_on == later and challenge.closing_notice_sent_on is None
    assert challenges_closing_notify() == 4


def test_notifications_are_kept_to_their_ics_and_person(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    idea = IdeaFactory(challenge=challenge, author=people["author"], title="Mine")
    comment_create(idea=idea, author=people["staff"], body="Hi", anonymous=False)
    client.force_login(people["moderator"])
    assert "Mine" not in text(client.get("/ics/qyg/ideas/notifications/"))
