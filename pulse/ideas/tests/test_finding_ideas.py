"""People find ideas in a challenge: search, sort by newest, most supported or stage, filter by
principle and stage, 20 to a page."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from pulse.core.tests.html import error_summary, soup, text
from pulse.ideas.models import Idea
from pulse.ideas.tests.factories import IdeaFactory, SupportFactory, stages
from pulse.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def titles(response: Any) -> list[str]:
    return [a.get_text(strip=True) for a in soup(response).select(".app-idea-list__title a")]


@pytest.fixture
def ideas(challenge: Any) -> dict[str, Idea]:
    names = stages()
    made = {
        "old": IdeaFactory(challenge=challenge, title="Mentoring circles", principles="P4"),
        "popular": IdeaFactory(
            challenge=challenge,
            title="Protected time",
            principles="P3",
            description="Quarterly away days",
            stage=names["Shortlisted"],
        ),
        "new": IdeaFactory(
            challenge=challenge,
            title="Open board seats",
            principles="P1,P5",
            stage=names["Under review"],
        ),
    }
    now = timezone.now()
    for age, key in enumerate(["new", "popular", "old"]):
        Idea.objects.filter(pk=made[key].pk).update(created_at=now - timedelta(days=age))
    for _ in range(3):
        SupportFactory(idea=made["popular"], user=UserFactory())
    SupportFactory(idea=made["old"], user=UserFactory())
    return made


def test_sorting(client: Client, people: dict[str, Any], challenge: Any, ideas: Any) -> None:
    client.force_login(people["staff"])
    url = f"/ics/qyg/ideas/challenges/{challenge.pk}/"
    assert titles(client.get(url)) == ["Open board seats", "Protected time", "Mentoring circles"]
    assert titles(client.get(url, {"sort": "supported"})) == [
        "Protected time",
        "Mentoring circles",
        "Open board seats",
    ]
    assert titles(client.get(url, {"sort": "stage"})) == [
        "Mentoring circles",
        "Open board seats",
        "Protected time",
    ]
    assert "3 supports, 0 comments" in text(client.get(url))


def test_searching_and_filtering(
    client: Client, people: dict[str, Any], challenge: Any, ideas: Any
) -> None:
    client.force_login(people["staff"])
    url = f"/ics/qyg/ideas/challenges/{challenge.pk}/"
    assert titles(client.get(url, {"q": "QUARTERLY"})) == ["Protected time"]
    assert titles(client.get(url, {"q": "board"})) == ["Open board seats"]
    assert titles(client.get(url, {"principle": "P5"})) == ["Open board seats"]
    shortlisted = stages()["Shortlisted"].pk
    assert titles(client.get(url, {"stage": shortlisted})) == ["Protected time"]
    none = client.get(url, {"q": "nothing like this"})
    assert titles(none) == [] and "No ideas match your search" in text(none)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"stage": "999999"}, "Select a stage from the list"),
        ({"stage": "abc"}, "Select a stage from the list"),
        ({"principle": "P9"}, "Select a principle from the list"),
        ({"sort": "oldest"}, "Select how to sort the ideas"),
        ({"q": "x" * 101}, "Search must be 100 characters or fewer"),
    ],
)
def test_bad_filters_are_explained_and_ignored(
    client: Client,
    people: dict[str, Any],
    challenge: Any,
    ideas: Any,
    query: dict[str, str],
    message: str,
) -> None:
    client.force_login(people["staff"])
    response = client.get(f"/ics/qyg/ideas/challenges/{challenge.pk}/", query)
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert len(titles(response)) == 3


def test_another_ics_stage_is_not_a_filter(
    client: Client, people: dict[str, Any], challenge: Any, ideas: Any
) -> None:
    client.force_login(people["staff"])
    london = stages("QMJ")["Shortlisted"].pk
    response = client.get(f"/ics/qyg/ideas/challenges/{challenge.pk}/", {"stage": london})
    assert error_summary(response) == ["Select a stage from the list"]


def test_ideas_come_20_to_a_page_with_nhs_pagination(
    client: Client, people: dict[str, Any], challenge: Any
) -> None:
    for number in range(45):
        IdeaFactory(challenge=challenge, title=f"Idea number {number:02d}", principles="P2")
    client.force_login(people["staff"])
    url = f"/ics/qyg/ideas/challenges/{challenge.pk}/"
    first = client.get(url, {"principle": "P2"})
    assert len(titles(first)) == 20 and "45 ideas (page 1 of 3)" in text(first)
    next_link = soup(first).select_one(".nhsuk-pagination a[rel=next]")
    assert next_link is not None and "principle=P2" in next_link["href"]
    last = client.get(url, {"principle": "P2", "page": "3"})
    assert len(titles(last)) == 5
    assert len(titles(client.get(url, {"page": "999"}))) == 5
    assert len(titles(client.get(url, {"page": "-1"}))) == 20
