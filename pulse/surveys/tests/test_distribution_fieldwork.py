"""The fieldwork page: totals only, every count rounded to the nearest 5 and hidden below 10,
days left, reminders, responses over time, and never a name or an address."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from pulse.core.tests.html import assert_page_basics, soup, text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member
from pulse.surveys.models import Response
from pulse.surveys.presenters.distribution import count_text, rate_text, rounded
from pulse.surveys.presenters.fieldwork import _hidden_groups, responses_chart
from pulse.surveys.services.distribution import (
    distribution_reminders_update,
    participants_add,
)
from pulse.surveys.services.responses import response_create
from pulse.surveys.services.waves import wave_close, wave_open
from pulse.surveys.tests.distribution_helpers import committed, draft_wave, follow, links
from pulse.surveys.tests.factories import open_wave
from pulse.surveys.tests.respond_helpers import answer_everything, url

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, None), (9, None), (10, 10), (12, 10), (13, 15), (17, 15), (18, 20), (251, 250)],
)
def test_counts_are_rounded_to_the_nearest_5_and_hidden_below_10(
    count: int, shown: int | None
) -> None:
    assert rounded(count) == shown
    assert count_text(count) == ("Fewer than 10" if shown is None else f"About {shown}")


@given(st.integers(min_value=0, max_value=100_000))
def test_a_shown_count_is_never_below_10_and_always_a_multiple_of_5(count: int) -> None:
    shown = rounded(count)
    assert shown is None or (shown >= 10 and shown % 5 == 0 and abs(shown - count) <= 2.5)


def test_rates_are_worked_out_from_the_rounded_count() -> None:
    assert rate_text(12, 12) == "83%"  # about 10 of 12
    assert rate_text(9, 12) == "Not shown (fewer than 10 responses)"
    assert rate_text(52, 50) == "100%"


def test_complementary_suppression_hides_the_next_smallest_group() -> None:
    # 40 responses: pharmacists 25, nurses 11, GPs 4 (hidden): 4 could be worked out, so the
    # nurses are hidden too.
    assert _hidden_groups({"pharmacist": 25, "nurse": 11, "gp": 4}, 40) == {"gp", "nurse"}
    # 10 more people did not say their group: nothing can be worked out.
    assert _hidden_groups({"pharmacist": 25, "nurse": 11, "gp": 4}, 50) == {"gp"}
    assert _hidden_groups({"a": 30, "b": 20}, 50) == set()


def chart_of(wave: Any, daily: dict) -> Any:
    return responses_chart(wave, daily)


def test_responses_over_time_are_daily_only_when_every_day_has_10() -> None:
    today = TODAY()
    wave = open_wave(opens_on=today - timedelta(days=2))
    every_day = {today - timedelta(days=d): 12 for d in range(3)}
    daily = chart_of(wave, every_day)
    assert daily.caption == "Responses each day"
    assert [row[1]["text"] for row in daily.rows] == ["About 10"] * 3
    assert "<svg" in str(daily.svg)
    one_quiet_day = {**every_day, today: 3}
    weekly = chart_of(wave, one_quiet_day)
    assert weekly.caption == "Responses so far, at the end of each week"
    assert [row[1]["text"] for row in weekly.rows] == ["About 25"]  # 27 so far


def test_a_chart_of_small_numbers_shows_no_value_at_all() -> None:
    wave = open_wave(opens_on=TODAY() - timedelta(days=9))
    chart = chart_of(wave, {TODAY() - timedelta(days=9): 4, TODAY(): 3})
    assert [row[1]["text"] for row in chart.rows] == ["Fewer than 10", "Fewer than 10"]
    assert str(chart.svg) == ""
    assert "none is shown" in chart.summary


@pytest.fixture
def admin(client: Client) -> Client:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    return client


def fieldwork(client: Client, wave: Any) -> Any:
    reply = client.get(f"/ics/qyg/surveys/{wave.pk}/fieldwork/")
    assert reply.status_code == 200
    assert_page_basics(reply)
    return reply


def summary(reply: Any) -> dict[str, str]:
    rows = soup(reply).select(".nhsuk-summary-list__row")
    return {
        r.select_one("dt").get_text(" ", strip=True): r.select_one("dd").get_text(" ", strip=True)
        for r in rows
    }


def test_the_fieldwork_page_shows_rounded_totals_and_never_a_name(admin: Client) -> None:
    wave = draft_wave()
    people = [
        {"email": f"leader{n}@example.nhs.uk", "profession_group": "pharmacist", "place": "wirral"}
        for n in range(1, 13)
    ]
    participants_add(wave=wave, people=people, by=None)
    distribution_reminders_update(wave=wave, dates=[TODAY() + timedelta(days=5)], by=None)
    with committed():
        wave = wave_open(wave=wave, by=None)
    sent = links()
    for address in list(sent)[:11]:
        browser = Client()
        follow(browser, sent[address][0])
        answer_everything(browser, wave)
        browser.post(url("submit", wave))
    reply = fieldwork(admin, wave)
    found = summary(reply)
    assert found["People invited"] == "About 10"
    assert found["Invitations sent"] == "About 10"
    assert found["Invitations that could not be sent"] == "Fewer than 10"
    assert found["Responses"] == "About 10"
    assert found["Responses through personal invitations"] == "About 10"
    assert found["Response rate of people invited"] == "83%"
    assert found["Time left"].startswith("21 days left")
    page = text(reply)
    assert "Scheduled" in page
    assert "Responses by profession group, sector and place are shown once the survey" in page
    html = reply.content.decode()
    assert not any(person["email"] in html for person in people)
    assert "leader" not in page
    assert "Responses each day" in page


def test_after_closing_the_page_keeps_the_counts_and_shows_rates_by_group(admin: Client) -> None:
    wave = draft_wave()
    people = [{"email": f"p{n}@example.nhs.uk", "place": "wirral"} for n in range(30)]
    people += [{"email": f"h{n}@example.nhs.uk", "place": "halton"} for n in range(5)]
    participants_add(wave=wave, people=people, by=None)
    with committed():
        wave = wave_open(wave=wave, by=None)
    for _ in range(20):
        response_create(wave=wave, answers=_answers(wave, "wirral"))
    with committed():
        wave = wave_close(wave=wave, by=None)
    reply = fieldwork(admin, wave)
    assert summary(reply)["People invited"] == "About 35"
    rows = {
        tr.select_one("th, td").get_text(strip=True): [
            td.get_text(strip=True) for td in tr.select("td")
        ]
        for tr in soup(reply).select("table tbody tr")
        if tr.find_parent("table").find("caption").get_text(strip=True) == "By place"
    }
    assert rows["Wirral"][-3:] == ["About 30", "About 20", "67%"]
    assert rows["Halton"][-3:] == ["Fewer than 10", "Fewer than 10", "Not shown"]
    html = reply.content.decode()
    assert not any(person["email"] in html for person in people)
    assert Response.objects.filter(wave=wave).count() == 20


def _answers(wave: Any, place: str) -> dict[str, Any]:
    from pulse.surveys.tests.respond_helpers import value_for

    answers: dict[str, Any] = {}
    from pulse.surveys.answers import shown_slots

    for slot in shown_slots(wave.definition, answers):
        if slot.question.type == "place":
            answers[slot.key] = place
        elif slot.question.required:
            answers[slot.key] = value_for(slot.question, wave.places, ["system"])
    return answers


def test_the_wave_page_links_to_invitations_and_says_how_many(admin: Client) -> None:
    wave = draft_wave()
    participants_add(wave=wave, people=[{"email": "a@example.nhs.uk"}], by=None)
    page = admin.get(f"/ics/qyg/surveys/{wave.pk}/")
    assert "1 person on the list" in text(page)
    hrefs = {a["href"] for a in soup(page).select("main a")}
    assert f"/ics/qyg/surveys/{wave.pk}/participants/" in hrefs
    assert f"/ics/qyg/surveys/{wave.pk}/invitations/" in hrefs
    confirm = admin.get(f"/ics/qyg/surveys/{wave.pk}/open/")
    assert "1 person will be emailed their own link today" in text(confirm)
