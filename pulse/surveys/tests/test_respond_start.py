"""The start page of the open link: privacy notice, access code, and the pages for a survey
that cannot be answered (not open yet, closed, draft, already answered from this browser)."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.utils import timezone

from pulse.core.tests.html import assert_page_basics, error_summary, soup, text
from pulse.surveys.models import ResponseDraft, WaveStatus
from pulse.surveys.tests.factories import open_wave, small_version
from pulse.surveys.tests.respond_helpers import answer_everything, started, url

pytestmark = pytest.mark.django_db


def test_the_start_page_explains_the_survey_and_how_answers_stay_anonymous(client: Client) -> None:
    wave = open_wave()
    response = client.get(url("start", wave))
    assert response.status_code == 200
    assert_page_basics(response)
    page = text(response)
    assert soup(response).h1.get_text(strip=True) == "CCPL Pulse Check"
    assert soup(response).title.get_text(strip=True) == "CCPL Pulse Check – Leadership Pulse"
    assert "clinical and care professional leaders how involved you feel" in page
    assert "It takes about 10 minutes." in page
    assert "We collect your answers and the date you submit them" in page
    assert "We do not collect your name, your email address, your IP address" in page
    assert "Results are only shown for groups of at least 10 people" in page
    assert "Comments are only shown for groups of at least 20 people" in page
    assert "names and contact details have been removed" in page
    assert "you cannot change or withdraw them" in page
    assert soup(response).select_one("main form button").get_text(strip=True) == "Start now"
    assert response["Cache-Control"] == "no-store, private"


def test_the_start_page_has_no_sign_in_link_and_needs_no_account(client: Client) -> None:
    wave = open_wave()
    response = client.get(url("start", wave))
    assert not soup(response).select("header a[href='/sign-in/']")
    assert "Sign in" not in soup(response).select_one("header").get_text()


def test_start_now_creates_an_empty_draft_and_goes_to_the_first_section(client: Client) -> None:
    wave = open_wave()
    response = client.post(url("start", wave))
    assert response.status_code == 302
    assert response["Location"] == url("section", wave, number=1)
    draft = ResponseDraft.objects.get()
    assert draft.wave == wave and draft.answers == {}
    assert client.session["respond"] == {wave.open_link_slug: str(draft.pk)}


def test_starting_again_in_the_same_browser_carries_on_with_the_same_draft(client: Client) -> None:
    wave = open_wave(small_version())
    draft = started(client, wave)
    client.post(url("section", wave, number=1), {"layers": ["place"], "action": "save"})
    response = client.post(url("start", wave))
    assert ResponseDraft.objects.get().pk == draft.pk
    assert response["Location"] == url("section", wave, number=1)


def test_a_wave_with_an_access_code_asks_for_it(client: Client) -> None:
    wave = open_wave(access_code_hash=make_password("LEAD-2026"))
    response = client.get(url("start", wave))
    field = soup(response).select_one("input[name=access_code]")
    assert field is not None and field["autocomplete"] == "off"
    assert soup(response).select_one("label[for=id_access_code]").get_text(strip=True) == (
        "Enter the access code"
    )

    response = client.post(url("start", wave), {"access_code": ""})
    assert response.status_code == 200
    assert error_summary(response) == ["Enter the access code"]
    assert soup(response).title.get_text(strip=True).startswith("Error: ")

    response = client.post(url("start", wave), {"access_code": "lead-2025"})
    assert error_summary(response) == [
        "The access code is not right. Check the code you were given and try again"
    ]
    assert not ResponseDraft.objects.exists()

    response = client.post(url("start", wave), {"access_code": " LEAD-2026 "})
    assert response.status_code == 302
    assert ResponseDraft.objects.count() == 1


def test_an_overlong_access_code_is_just_wrong(client: Client) -> None:
    wave = open_wave(access_code_hash=make_password("LEAD-2026"))
    response = client.post(url("start", wave), {"access_code": "x" * 5000})
    assert error_summary(response) == [
        "The access code is not right. Check the code you were given and try again"
    ]


def test_a_start_post_with_unexpected_fields_is_refused(client: Client) -> None:
    wave = open_wave()
    response = client.post(url("start", wave), {"profession_group": "paramedic"})
    assert response.status_code == 400
    assert soup(response).h1.get_text(strip=True) == "Sorry, there is a problem with your answers"
    assert not ResponseDraft.objects.exists()


def test_a_survey_that_has_not_opened_says_when_it_opens(client: Client) -> None:
    opens = timezone.localdate() + timedelta(days=5)
    wave = open_wave(opens_on=opens, closes_on=opens + timedelta(days=20))
    response = client.get(url("start", wave))
    assert response.status_code == 200
    assert_page_basics(response)
    assert soup(response).h1.get_text(strip=True) == "This survey is not open yet"
    assert f"It opens on {opens.day} {opens:%B %Y}." in text(response)
    assert client.post(url("start", wave)).status_code == 200
    assert not ResponseDraft.objects.exists()


def test_the_not_open_page_writes_the_date_the_nhs_way() -> None:
    from pulse.surveys.presenters.respond import WavePage

    wave = open_wave(opens_on=date(2026, 3, 3), closes_on=date(2026, 3, 31))
    assert WavePage(wave).opens_on == "3 March 2026"


@pytest.mark.parametrize(
    "fields",
    [
        {"status": WaveStatus.CLOSED},
        {"status": WaveStatus.PUBLISHED},
        {"closes_on": timezone.localdate() - timedelta(days=1)},
    ],
    ids=["closed", "published", "past-closing-date"],
)
def test_a_closed_survey_says_so_on_every_page(client: Client, fields: dict) -> None:
    wave = open_wave(small_version())
    started(client, wave)
    if "closes_on" in fields:
        fields["opens_on"] = fields["closes_on"] - timedelta(days=10)
    for name, value in fields.items():
        setattr(wave, name, value)
    wave.save()
    for page in ("start", "check", "saved"):
        response = client.get(url(page, wave))
        assert response.status_code == 200
        assert soup(response).h1.get_text(strip=True) == "This survey has closed"
    response = client.post(url("section", wave, number=1), {"layers": ["place"]})
    assert soup(response).h1.get_text(strip=True) == "This survey has closed"
    response = client.post(url("submit", wave))
    assert soup(response).h1.get_text(strip=True) == "This survey has closed"


def test_a_draft_wave_or_an_unknown_link_is_not_found(client: Client) -> None:
    wave = open_wave(status=WaveStatus.DRAFT)
    for name in ("start", "check", "done", "saved"):
        assert client.get(url(name, wave)).status_code == 404
    assert client.get("/s/no-such-link/").status_code == 404


def test_a_wave_without_an_open_link_cannot_be_started(client: Client) -> None:
    wave = open_wave(open_link_enabled=False)
    assert client.get(url("start", wave)).status_code == 404
    assert client.post(url("start", wave)).status_code == 404
    assert not ResponseDraft.objects.exists()


def test_a_browser_that_has_answered_is_told_so_and_cannot_start_again(client: Client) -> None:
    wave = open_wave(small_version())
    answer_everything(client, wave, layers=["place"])
    client.post(url("submit", wave))
    cookie = client.cookies[f"pulse_done_{wave.open_link_slug}"]
    assert cookie["path"] == f"/s/{wave.open_link_slug}/"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 365 * 24 * 3600
    assert cookie.value.startswith("1:")  # signed: the browser cannot simply forge it

    response = client.get(url("start", wave))
    assert soup(response).h1.get_text(strip=True) == "You have already answered this survey"
    assert_page_basics(response)
    client.post(url("start", wave))
    assert not ResponseDraft.objects.exists()


def test_the_answered_cookie_cannot_be_forged_or_moved_to_another_wave(client: Client) -> None:
    first, second = open_wave(small_version()), open_wave(small_version())
    answer_everything(client, first, layers=["place"])
    client.post(url("submit", first))
    signed = client.cookies[f"pulse_done_{first.open_link_slug}"].value

    other = Client()
    other.cookies[f"pulse_done_{second.open_link_slug}"] = signed
    assert "Start now" in text(other.get(url("start", second)))
    other.cookies[f"pulse_done_{second.open_link_slug}"] = "1"
    assert "Start now" in text(other.get(url("start", second)))
