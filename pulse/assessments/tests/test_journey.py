"""The whole self-assessment through the pages, as an ICS admin and a panel of three."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pulse.assessments.models import (
    GatewayRating,
    IndicatorConsensus,
    IndicatorRating,
    PanelMember,
    Round,
    RoundStatus,
)
from pulse.assessments.tests.factories import indicators
from pulse.core.models import AuditEntry
from pulse.core.tests.html import assert_page_basics, error_summary, text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: object) -> str:
    return reverse(f"assessments:{name}", kwargs={"ics_code": "qyg", **kwargs})


def as_user(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def principle_post(codes: list[str], levels: dict[str, int], **extra: str) -> dict[str, str]:
    data = {}
    for indicator in indicators():
        if indicator.principle.code in codes:
            data[f"{indicator.key}-level"] = str(levels.get(indicator.key, 2))
            data[f"{indicator.key}-confidence"] = "high"
            data[f"{indicator.key}-evidence"] = extra.get("evidence", "")
            data[f"{indicator.key}-evidence_link"] = extra.get("link", "")
    return data


def rate_through_pages(client: Client, round_id: int, level: int) -> None:
    gateway = {
        "ce1_framework_and_plan-answer": "partly",
        "ce2_leaders_involved-answer": "no",
    }
    assert client.post(url("rate_gateway", round_id=round_id), gateway).status_code == 302
    for code in ["P1", "P2", "P3", "P4", "P5"]:
        levels = {i.key: level for i in indicators()}
        response = client.post(
            url("rate_principle", round_id=round_id, code=code), principle_post([code], levels)
        )
        assert response.status_code == 302, error_summary(response)
    response = client.post(url("submit_ratings", round_id=round_id))
    assert response.status_code == 302


def open_with_panel(admin_client: Client, panel: list[object]) -> Round:
    page = admin_client.get(url("open_round"))
    assert_page_basics(page)
    deadline = timezone.localdate() + timedelta(days=14)
    response = admin_client.post(
        url("open_round"),
        {
            "title": "Culture self-assessment 2026",
            "rating_deadline_day": deadline.day,
            "rating_deadline_month": deadline.month,
            "rating_deadline_year": deadline.year,
            "panel": [str(u.pk) for u in panel],
        },
    )
    round = Round.objects.get()
    assert response.status_code == 302
    assert PanelMember.objects.filter(round=round).count() == 3
    show = admin_client.get(url("show_round", round_id=round.pk))
    assert_page_basics(show)
    assert "Rater 0" in text(show) and "Not submitted" in text(show)
    return round


def agree_everything(admin_client: Client, round: Round) -> None:
    for indicator in indicators()[1:]:
        admin_client.post(
            url("agree_indicator", round_id=round.pk, key=indicator.key),
            {"level": "2", "rationale": "Partly in place"},
        )
    for key in ["ce1_framework_and_plan", "ce2_leaders_involved"]:
        gateway = url("agree_gateway", round_id=round.pk, key=key)
        assert_page_basics(admin_client.get(gateway))
        admin_client.post(gateway, {"answer": "no"})


def each_rates(panel: list[object], round: Round) -> None:
    for n, user in enumerate(panel):
        client = as_user(user)
        hub = client.get(url("show_my_ratings", round_id=round.pk))
        assert_page_basics(hub)
        assert_page_basics(client.get(url("rate_principle", round_id=round.pk, code="P1")))
        assert_page_basics(client.get(url("rate_gateway", round_id=round.pk)))
        rate_through_pages(client, round.pk, level=1 + n)  # Emerging, Developing, Maturing
        mine = client.get(url("show_my_ratings", round_id=round.pk))
        assert "You submitted your ratings" in text(mine)
    assert IndicatorRating.objects.count() == 3 * len(indicators())
    assert GatewayRating.objects.count() == 6


def test_an_admin_runs_a_round_from_opening_to_results() -> None:
    admin = member(Role.ICS_ADMIN, "QYG", full_name="Aisha Khan")
    panel = [member(Role.PANEL_MEMBER, "QYG", full_name=f"Rater {n}") for n in range(3)]
    admin_client = as_user(admin)
    # The admin opens a round with three panel members
    round = open_with_panel(admin_client, panel)

    # Each rates on their own pages
    each_rates(panel, round)

    # The admin closes the rating stage and sees the spread, every indicator a disagreement
    assert_page_basics(admin_client.get(url("close_rating", round_id=round.pk)))
    response = admin_client.post(url("close_rating", round_id=round.pk))
    assert response.status_code == 302
    consensus = admin_client.get(url("show_consensus", round_id=round.pk))
    assert_page_basics(consensus)
    assert text(consensus).count("Disagreement") >= len(indicators())

    # Maturing without evidence is refused, then recorded with evidence
    first = indicators()[0]
    agree = url("agree_indicator", round_id=round.pk, key=first.key)
    assert_page_basics(admin_client.get(agree))
    refused = admin_client.post(agree, {"level": "3", "rationale": "Most groups have seats"})
    assert refused.status_code == 400
    assert error_summary(refused) == [
        "Enter the evidence for Maturing: the panel cannot agree Maturing without it"
    ]
    assert not IndicatorConsensus.objects.exists()
    done = admin_client.post(
        agree,
        {"level": "3", "rationale": "Most groups have seats", "evidence": "Attendance records"},
    )
    assert done.status_code == 302
    assert IndicatorConsensus.objects.get().level == 3

    # The rest are agreed, the gateway too, and the round is completed
    agree_everything(admin_client, round)
    assert_page_basics(admin_client.get(url("complete_round", round_id=round.pk)))
    assert admin_client.post(url("complete_round", round_id=round.pk)).status_code == 302
    round.refresh_from_db()
    assert round.status == RoundStatus.COMPLETED

    results = admin_client.get(url("show_results", round_id=round.pk))
    assert_page_basics(results)
    assert "The panel rates P1 as Developing" in text(results)
    assert_page_basics(admin_client.get(url("list_rounds")))
    assert_page_basics(admin_client.get(url("list_downloads", round_id=round.pk)))
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "assessment_round_opened",
        "panel_member_added",
        "assessment_rating_closed",
        "assessment_level_agreed",
        "assessment_gateway_agreed",
        "assessment_round_completed",
    } <= actions
