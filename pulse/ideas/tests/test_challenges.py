"""ICS admins set challenges: a title, the question, a description, linked principles and a
pulse check finding, open and close dates."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from pulse.core.models import AuditEntry
from pulse.core.tests.html import error_summary, text
from pulse.ideas.models import Challenge, Stage
from pulse.organisations.tests.factories import ics

pytestmark = pytest.mark.django_db


def form(**overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    closes = today + timedelta(days=28)
    data = {
        "title": "Protected time",
        "question": "How could we free up time for leaders?",
        "description": "Leaders tell us they lack time.\n\nWe want practical ideas.",
        "principles": ["P3", "P1"],
        "finding": "41% of leaders feel involved at place",
        "opens_on_day": today.day,
        "opens_on_month": today.month,
        "opens_on_year": today.year,
        "closes_on_day": closes.day,
        "closes_on_month": closes.month,
        "closes_on_year": closes.year,
    }
    data.update(overrides)
    return data


def test_an_admin_sets_a_challenge_that_staff_can_read(
    client: Client, people: dict[str, Any]
) -> None:
    client.force_login(people["admin"])
    response = client.post("/ics/qyg/ideas/challenges/add/", form())
    challenge = Challenge.objects.get()
    assert response["Location"] == f"/ics/qyg/ideas/challenges/{challenge.pk}/"
    assert (challenge.ics, challenge.principles) == (ics("QYG"), "P1,P3")
    assert AuditEntry.objects.get(action="challenge_created").actor == people["admin"]
    assert Stage.objects.filter(ics=ics("QYG")).count() == 6  # the default pipeline

    client.force_login(people["staff"])
    page = text(client.get(response["Location"]))
    assert "How could we free up time for leaders?" in page
    assert "What the pulse check found: 41% of leaders feel involved at place" in page
    assert "P3: Protected time, support, data and infrastructure" in page
    assert "Open for ideas until" in page and "Add your idea" in page
    assert "Protected time" in text(client.get("/ics/qyg/ideas/"))


@pytest.mark.parametrize(
    ("overrides", "messages"),
    [
        (
            {"title": "", "question": "", "description": ""},
            ["Enter a title", "Enter the question you are asking staff", "Enter a description"],
        ),
        ({"title": "x" * 121}, ["Title must be 120 characters or fewer"]),
        ({"finding": "x" * 301}, ["Pulse check finding must be 300 characters or fewer"]),
        ({"principles": ["P6"]}, ["Select principles from the list"]),
        (
            {"opens_on_day": "", "opens_on_month": "", "opens_on_year": ""},
            ["Enter the opening date"],
        ),
        ({"closes_on_month": "13"}, ["Closing date must be a real date"]),
        (
            {"closes_on_year": str(timezone.localdate().year - 1)},
            ["Closing date must be the same as or after the opening date"],
        ),
    ],
)
def test_bad_challenges_get_nhs_errors_and_change_nothing(
    client: Client, people: dict[str, Any], overrides: dict[str, Any], messages: list[str]
) -> None:
    client.force_login(people["admin"])
    response = client.post("/ics/qyg/ideas/challenges/add/", form(**overrides))
    assert response.status_code == 200 and error_summary(response) == messages
    assert not Challenge.objects.exists() and not AuditEntry.objects.exists()


def test_an_admin_changes_a_challenge(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    client.force_login(people["admin"])
    client.post(f"/ics/qyg/ideas/challenges/{challenge.pk}/change/", form(title="Renamed"))
    challenge.refresh_from_db()
    assert challenge.title == "Renamed"
    assert AuditEntry.objects.filter(action="challenge_changed").count() == 1


def test_challenges_are_grouped_by_whether_they_take_ideas(
    client: Client, people: dict[str, Any]
) -> None:
    today = timezone.localdate()
    Challenge.objects.create(
        ics=ics("QYG"),
        title="Past one",
        question="Q",
        description="D",
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=2),
    )
    client.force_login(people["staff"])
    page = text(client.get("/ics/qyg/ideas/"))
    assert "There are no challenges open for ideas at the moment" in page
    assert "Closed challenges" in page and "Past one" in page
