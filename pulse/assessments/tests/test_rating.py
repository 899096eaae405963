"""A panel member rates page by page: every indicator needs a level and a confidence, links
must be web addresses, and nothing is saved from a page with a mistake."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pulse.assessments.models import IndicatorRating, PanelMember, Round
from pulse.assessments.services import rounds
from pulse.assessments.tests.factories import indicators, open_round, rate_all
from pulse.core.tests.html import error_summary, soup, text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member

pytestmark = pytest.mark.django_db


def url(name: str, round: Round, **kwargs: object) -> str:
    return reverse(
        f"assessments:{name}", kwargs={"ics_code": "qyg", "round_id": round.pk, **kwargs}
    )


@pytest.fixture
def rater() -> object:
    return member(Role.PANEL_MEMBER, "QYG")


@pytest.fixture
def round(rater: object) -> Round:
    return open_round(panel=[rater])


@pytest.fixture
def client(rater: object) -> Client:
    client = Client()
    client.force_login(rater)
    return client


def p1_post(**overrides: str) -> dict[str, str]:
    data = {}
    for indicator in indicators():
        if indicator.principle.code == "P1":
            data |= {
                f"{indicator.key}-level": "2",
                f"{indicator.key}-confidence": "medium",
                f"{indicator.key}-evidence": "",
                f"{indicator.key}-evidence_link": "",
            }
    data.update(overrides)
    return data


def test_saving_a_page_stores_it_and_moves_on(client: Client, round: Round) -> None:
    response = client.post(url("rate_principle", round, code="P1"), p1_post())
    assert response["Location"] == url("rate_principle", round, code="P2")
    assert IndicatorRating.objects.count() == 6
    hub = client.get(url("show_my_ratings", round))
    assert "Completed" in text(hub)
    again = client.get(url("rate_principle", round, code="P1"))
    checked = soup(again).select_one("input[name='p1_professions_in_decisions-level'][checked]")
    assert checked is not None and checked["value"] == "2"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"p1_every_layer-level": ""},
            "Select a level for P1.2 Leadership at every layer, connected",
        ),
        (
            {"p1_every_layer-level": "5"},
            "Select a level for P1.2 Leadership at every layer, connected",
        ),
        ({"p1_every_layer-confidence": ""}, "Select how confident you are in your rating of P1.2"),
        (
            {"p1_every_layer-evidence_link": "javascript:alert(1)"},
            "Enter a link in the correct format, like https://www.example.nhs.uk/ccpl-plan",
        ),
        (
            {"p1_every_layer-evidence_link": "minutes of the board"},
            "Enter a link in the correct format, like https://www.example.nhs.uk/ccpl-plan",
        ),
    ],
)
def test_a_page_with_a_mistake_shows_an_nhs_error_and_saves_nothing(
    client: Client, round: Round, overrides: dict[str, str], message: str
) -> None:
    response = client.post(url("rate_principle", round, code="P1"), p1_post(**overrides))
    assert response.status_code == 400
    assert error_summary(response) == [message]
    assert soup(response).title.get_text().startswith("Error:")
    assert not IndicatorRating.objects.exists()


def test_an_unknown_principle_is_not_found(client: Client, round: Round) -> None:
    assert client.get(url("rate_principle", round, code="P9")).status_code == 404
    assert client.post(url("rate_principle", round, code="P9"), p1_post()).status_code == 404


def test_submitting_needs_every_part_rated(client: Client, round: Round, rater: object) -> None:
    client.post(url("rate_principle", round, code="P1"), p1_post())
    page = client.get(url("submit_ratings", round))
    assert "You cannot submit yet" in text(page)
    response = client.post(url("submit_ratings", round))
    assert response.status_code == 400
    assert error_summary(response)[0].startswith("Rate every part before you submit")
    assert PanelMember.objects.get(user=rater).submitted_at is None


def test_submitted_ratings_can_no_longer_change(
    client: Client, round: Round, rater: object
) -> None:
    rate_all(round, rater, default=3)
    response = client.post(url("rate_principle", round, code="P1"), p1_post())
    assert response.status_code == 302 and response["Location"] == url("show_my_ratings", round)
    assert set(IndicatorRating.objects.values_list("level", flat=True)) == {3}


def test_ratings_cannot_be_saved_after_the_deadline(client: Client, round: Round) -> None:
    Round.objects.filter(pk=round.pk).update(
        rating_deadline=timezone.localdate() - timedelta(days=1)
    )
    hub = client.get(url("show_my_ratings", round))
    assert "so they can no longer be saved" in text(hub)
    client.post(url("rate_principle", round, code="P1"), p1_post())
    assert not IndicatorRating.objects.exists()


def test_ratings_cannot_be_saved_once_the_rating_stage_closes(round: Round, rater: object) -> None:
    other = member(Role.PANEL_MEMBER, "QYG")
    admin = member(Role.ICS_ADMIN, "QYG")
    rounds.panel_member_add(round=round, user=other, by=admin)
    rate_all(round, other)
    rounds.round_close_rating(round=round, by=admin)
    client = Client()
    client.force_login(rater)
    client.post(url("rate_principle", round, code="P1"), p1_post())
    assert not IndicatorRating.objects.filter(panel_member__user=rater).exists()
    assert "The rating stage has closed" in text(client.get(url("show_my_ratings", round)))


def test_the_gateway_needs_an_answer_for_each_expectation(client: Client, round: Round) -> None:
    response = client.post(url("rate_gateway", round), {"ce1_framework_and_plan-answer": "yes"})
    assert response.status_code == 400
    assert error_summary(response) == [
        "Select yes, partly or no for leaders from every profession involved and invested"
    ]
