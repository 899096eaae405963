"""The ICS admin's wave pages: list, create, show, change, and the lifecycle confirmations."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from pulse.core.models import AuditEntry
from pulse.core.tests.html import assert_page_basics, error_summary, soup, text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import PlaceFactory, ics, member
from pulse.surveys.models import Response, ResponseDraft, Wave, WaveStatus
from pulse.surveys.services.waves import wave_create
from pulse.surveys.tests.factories import open_wave, pulse_check, small_version

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
BASE = "/ics/qyg/surveys/"


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    return client


def draft(**fields: Any) -> Wave:
    defaults: dict[str, Any] = {
        "ics": ics(),
        "version": pulse_check(),
        "title": "Pulse check 2027",
        "opens_on": TODAY(),
        "closes_on": TODAY() + timedelta(days=21),
        "open_link_enabled": True,
        "by": None,
    }
    return wave_create(**{**defaults, **fields})


def date_fields(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def wave_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "version": str(pulse_check().pk),
        "title": "Pulse check 2027",
        **date_fields("opens_on", TODAY()),
        **date_fields("closes_on", TODAY() + timedelta(days=21)),
        "open_link_enabled": "yes",
        "access_code": "",
    }
    return {**data, **overrides}


def add_responses(wave: Wave, count: int) -> None:
    Response.objects.bulk_create(
        [Response(wave=wave, submitted_on=TODAY(), answers={}) for _ in range(count)]
    )


# --- list -------------------------------------------------------------------------------


def test_the_list_shows_each_wave_with_its_status_and_a_create_button(admin_client: Client) -> None:
    draft(title="Baseline")
    response = admin_client.get(BASE)
    assert response.status_code == 200
    assert_page_basics(response)
    page = soup(response)
    assert page.select_one("a.nhsuk-button").get_text(strip=True) == "Create a survey"
    row = page.select("tbody tr")[0].get_text(" ", strip=True)
    assert "Baseline" in row and "CCPL Pulse Check (version 1)" in row
    assert "Draft" in row and "Not open yet" in row


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, "Fewer than 10"), (9, "Fewer than 10"), (10, "About 10"), (12, "About 10"),
     (13, "About 15"), (248, "About 250")],
)  # fmt: skip
def test_response_counts_are_only_ever_shown_rounded(
    admin_client: Client, count: int, shown: str
) -> None:
    add_responses(open_wave(), count)
    cells = soup(admin_client.get(BASE)).select("tbody tr")[0].select("td")
    assert cells[-1].get_text(" ", strip=True).endswith(shown)


def test_the_list_shows_only_the_admins_own_system(admin_client: Client) -> None:
    draft(title="Ours")
    draft(ics=ics("QMJ"), title="Theirs")
    body = text(admin_client.get(BASE))
    assert "Ours" in body and "Theirs" not in body


# --- create -----------------------------------------------------------------------------


def test_creating_a_wave_needs_every_setting_in_nhs_words(admin_client: Client) -> None:
    response = admin_client.post(f"{BASE}create/", {})
    assert response.status_code == 200
    assert error_summary(response) == [
        "Select the questionnaire to use",
        "Enter a title",
        "Enter the opening date",
        "Enter the closing date",
        "Select yes if people can answer through an open link",
    ]
    assert soup(response).title.get_text().startswith("Error:")
    assert not Wave.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"opens_on_month": ""}, "Opening date must include a month"),
        ({"closes_on_day": "31", "closes_on_month": "2"}, "Closing date must be a real date"),
        (date_fields("closes_on", TODAY() - timedelta(days=1)), "The closing date must be today or in the future"),
        ({**date_fields("opens_on", TODAY() + timedelta(days=9)), **date_fields("closes_on", TODAY() + timedelta(days=8))},
         "The closing date must be the same as or after the opening date"),
        ({"open_link_enabled": "no", "access_code": "sesame-42"},
         "Leave the access code blank, or select yes to let people answer through an open link"),
        ({"access_code": "abc"}, "Access code must be 6 characters or more"),
        ({"version": "999999"}, "Select the questionnaire to use"),
    ],
)  # fmt: skip
def test_creating_a_wave_explains_each_mistake(
    admin_client: Client, overrides: dict[str, str], message: str
) -> None:
    response = admin_client.post(f"{BASE}create/", wave_data(**overrides))
    assert message in error_summary(response)
    assert not Wave.objects.exists()


def test_another_systems_questionnaire_cannot_be_chosen(admin_client: Client) -> None:
    theirs = small_version(ics=ics("QMJ"))
    page = admin_client.get(f"{BASE}create/")
    assert "Small survey" not in text(page)
    response = admin_client.post(f"{BASE}create/", wave_data(version=str(theirs.pk)))
    assert error_summary(response) == ["Select the questionnaire to use"]


def test_a_created_wave_is_a_draft_and_the_admin_sees_it(admin_client: Client) -> None:
    response = admin_client.post(f"{BASE}create/", wave_data(access_code="sesame-42"))
    wave = Wave.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{wave.pk}/"
    assert (wave.ics.ods_code, wave.status, wave.open_link_enabled) == ("QYG", "draft", True)
    assert wave.access_code_hash
    assert AuditEntry.objects.filter(action="wave_created", ics_code="QYG").exists()
    page = admin_client.get(response["Location"])
    assert "Pulse check 2027 created as a draft" in text(page)


# --- show -------------------------------------------------------------------------------


def test_a_draft_shows_its_settings_with_change_links_and_its_questions(
    admin_client: Client,
) -> None:
    wave = draft()
    response = admin_client.get(f"{BASE}{wave.pk}/")
    assert_page_basics(response)
    page = soup(response)
    keys = [dt.get_text(strip=True) for dt in page.select(".nhsuk-summary-list__key")]
    assert keys == ["Status", "Title", "Questionnaire", "Opening date", "Closing date", "Open link", "Access code"]  # fmt: skip
    changes = page.select(".nhsuk-summary-list__actions a")
    assert len(changes) == 6 and all(f"{wave.pk}/change/" in a["href"] for a in changes)
    body = text(response)
    assert (
        "p3_protected_time" in body
        and "I have protected time for my system leadership work." in body
    )
    assert f"/s/{wave.open_link_slug}/" in body
    assert (
        page.select_one(f"a[href='{BASE}{wave.pk}/open/']").get_text(strip=True)
        == "Open the survey"
    )
    assert page.select_one(f"a[href='{BASE}{wave.pk}/questions/add/']")


def test_an_open_wave_can_only_change_its_closing_date_and_shows_a_rounded_count(
    admin_client: Client,
) -> None:
    wave = open_wave()
    add_responses(wave, 23)
    page = soup(admin_client.get(f"{BASE}{wave.pk}/"))
    changes = page.select(".nhsuk-summary-list__actions a")
    assert [a.get_text(" ", strip=True) for a in changes] == ["Change closing date"]
    assert "About 25" in page.get_text(" ")
    assert not page.select_one(f"a[href='{BASE}{wave.pk}/questions/add/']")
    assert page.select_one(f"a[href='{BASE}{wave.pk}/close/']")


def test_a_wave_without_an_open_link_does_not_show_one(admin_client: Client) -> None:
    wave = draft(open_link_enabled=False)
    body = text(admin_client.get(f"{BASE}{wave.pk}/"))
    assert "This survey has no open link" in body and "/s/" not in body


# --- change -----------------------------------------------------------------------------


def test_a_draft_changes_its_settings(admin_client: Client) -> None:
    wave = draft()
    page = admin_client.get(f"{BASE}{wave.pk}/change/")
    assert_page_basics(page)
    assert soup(page).select_one("#id_title")["value"] == "Pulse check 2027"
    response = admin_client.post(f"{BASE}{wave.pk}/change/", wave_data(title="Renamed"))
    assert response.status_code == 302
    wave.refresh_from_db()
    assert wave.title == "Renamed"


def test_an_open_waves_change_page_asks_only_for_the_closing_date(admin_client: Client) -> None:
    wave = open_wave()
    page = soup(admin_client.get(f"{BASE}{wave.pk}/change/"))
    assert {i["name"] for i in page.select("form input:not([type=hidden])")} == {
        "closes_on_day", "closes_on_month", "closes_on_year"
    }  # fmt: skip
    past = date_fields("closes_on", TODAY() - timedelta(days=1))
    response = admin_client.post(f"{BASE}{wave.pk}/change/", past)
    assert error_summary(response) == ["The closing date must be today or later"]
    later = TODAY() + timedelta(days=40)
    response = admin_client.post(f"{BASE}{wave.pk}/change/", date_fields("closes_on", later))
    assert response.status_code == 302
    wave.refresh_from_db()
    assert wave.closes_on == later


def test_a_closed_wave_cannot_be_changed(admin_client: Client) -> None:
    wave = open_wave(status=WaveStatus.CLOSED)
    response = admin_client.post(f"{BASE}{wave.pk}/change/", wave_data(title="Renamed"))
    assert "You cannot change a survey that is closed" in text(response)
    wave.refresh_from_db()
    assert wave.title == "Pulse check 2026"


# --- lifecycle --------------------------------------------------------------------------


def test_opening_explains_the_consequences_then_opens(admin_client: Client) -> None:
    PlaceFactory(name="Wirral")
    wave = draft()
    page = admin_client.get(f"{BASE}{wave.pk}/open/")
    assert_page_basics(page)
    assert "its questions and your list of places are fixed" in text(page)
    response = admin_client.post(f"{BASE}{wave.pk}/open/")
    assert response.status_code == 302
    wave.refresh_from_db()
    assert wave.status == WaveStatus.OPEN
    assert "The survey is open" in text(admin_client.get(response["Location"]))


def test_a_service_refusal_is_shown_in_an_error_summary(admin_client: Client) -> None:
    wave = draft()  # the pulse check asks for a place, and the system has none
    response = admin_client.post(f"{BASE}{wave.pk}/open/")
    assert response.status_code == 200
    assert error_summary(response) == [
        "The survey asks for the respondent's place: add your system's places first"
    ]
    wave.refresh_from_db()
    assert wave.status == WaveStatus.DRAFT


def test_closing_now_deletes_drafts_after_a_warning(admin_client: Client) -> None:
    wave = open_wave()
    ResponseDraft.objects.create(wave=wave, resume_token_hash="a" * 64, updated_on=TODAY())
    page = admin_client.get(f"{BASE}{wave.pk}/close/")
    assert "Answers that people have saved but not submitted will be deleted" in text(page)
    assert soup(page).select_one("button.nhsuk-button--warning")
    admin_client.post(f"{BASE}{wave.pk}/close/")
    wave.refresh_from_db()
    assert wave.status == WaveStatus.CLOSED
    assert not ResponseDraft.objects.filter(wave=wave).exists()


def test_publishing_shows_results_to_viewers(admin_client: Client) -> None:
    wave = open_wave(status=WaveStatus.CLOSED)
    page = admin_client.get(f"{BASE}{wave.pk}/publish/")
    assert "shown to your system's ICS viewers" in text(page)
    assert "fewer than 10 people are never shown" in text(page)
    admin_client.post(f"{BASE}{wave.pk}/publish/")
    wave.refresh_from_db()
    assert wave.status == WaveStatus.PUBLISHED
    assert "Publish the results" not in text(admin_client.get(f"{BASE}{wave.pk}/"))


@pytest.mark.parametrize(
    ("status", "step", "message"),
    [
        (WaveStatus.DRAFT, "close", "You cannot close a survey that is still a draft"),
        (WaveStatus.DRAFT, "publish", "You cannot publish a survey that is still a draft"),
        (WaveStatus.OPEN, "open", "You cannot open a survey that is open"),
        (WaveStatus.PUBLISHED, "close", "You cannot close a survey that is published"),
    ],
)
def test_steps_out_of_order_get_a_clear_message_and_change_nothing(
    admin_client: Client, status: str, step: str, message: str
) -> None:
    wave = open_wave(status=status)
    page = admin_client.get(f"{BASE}{wave.pk}/{step}/")
    assert message in text(page)
    assert not soup(page).select("form#confirm")
    response = admin_client.post(f"{BASE}{wave.pk}/{step}/")
    assert error_summary(response) == [message]
    wave.refresh_from_db()
    assert wave.status == status


def test_the_latest_wave_is_listed_first(admin_client: Client) -> None:
    draft(title="Earlier", opens_on=TODAY() - timedelta(days=30))
    add_responses(open_wave(title="Latest", opens_on=TODAY()), 12)
    draft(title="Middle", opens_on=TODAY() - timedelta(days=5))
    rows = soup(admin_client.get(BASE)).select("tbody tr")
    titles = [row.select_one("a").get_text(strip=True) for row in rows]
    assert titles == ["Latest", "Middle", "Earlier"]
    assert rows[0].select("td")[-1].get_text(strip=True) == "About 10"


def test_a_drafts_access_code_is_kept_replaced_or_removed(admin_client: Client) -> None:
    wave = draft(access_code="first-code")
    url = f"{BASE}{wave.pk}/change/"
    page = soup(admin_client.get(url))
    assert page.select_one("label[for=id_access_code]").get_text(strip=True) == (
        "New access code (optional)"
    )
    first_hash = Wave.objects.get(pk=wave.pk).access_code_hash
    admin_client.post(url, wave_data())
    assert Wave.objects.get(pk=wave.pk).access_code_hash == first_hash
    admin_client.post(url, wave_data(access_code="second-code"))
    second_hash = Wave.objects.get(pk=wave.pk).access_code_hash
    assert second_hash not in ("", first_hash)
    admin_client.post(url, wave_data(remove_access_code="on"))
    assert Wave.objects.get(pk=wave.pk).access_code_hash == ""
