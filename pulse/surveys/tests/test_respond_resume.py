"""Save and come back later: the personal resume link, used once, never kept in a URL or log."""

import logging
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from pulse.core.tests.html import assert_page_basics, soup, text
from pulse.surveys.models import Response
from pulse.surveys.tests.factories import open_wave
from pulse.surveys.tests.respond_helpers import (
    answer_everything,
    conditional_wave,
    post_section,
    started,
    url,
)

pytestmark = pytest.mark.django_db


def resume_link(client: Client, wave) -> str:
    response = client.get(url("saved", wave))
    assert response.status_code == 200
    link = soup(response).select_one("#resume-link").get_text(strip=True)
    assert link.startswith("http://testserver/s/")
    return link.removeprefix("http://testserver")


def test_the_saved_page_gives_a_private_link_and_says_when_drafts_are_deleted(
    client: Client,
) -> None:
    wave = conditional_wave()
    started(client, wave)
    response = post_section(client, wave, 1, {"role": "manager"}, action="save")
    assert response["Location"] == url("saved", wave)
    response = client.get(response["Location"])
    assert_page_basics(response)
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Your answers have been saved"
    assert page.title.get_text(strip=True) == (
        "Your answers have been saved – Conditions survey – Leadership Pulse"
    )
    link = page.select_one("#resume-link").get_text(strip=True)
    assert link.startswith(f"http://testserver/s/{wave.open_link_slug}/resume/")
    assert not page.select("a[href*='/resume/']")  # shown to copy, not a link to use up
    assert "Anyone with this link can see and change these answers" in text(response)
    closes = wave.closes_on
    assert f"The survey closes on {closes.day} {closes:%B %Y}" in text(response)
    assert "have not been submitted by then are deleted" in text(response)
    assert page.select_one("main a[href]")["href"] == url("section", wave, number=1)


def test_a_resume_link_works_once_in_another_browser(client: Client) -> None:
    wave = conditional_wave()
    started(client, wave)
    post_section(
        client, wave, 1, {"layers": ["place"], "role": "clinician", "more": "no", "years": "3"}
    )
    link = resume_link(client, wave)

    elsewhere = Client()
    response = elsewhere.get(link)
    assert response.status_code == 302
    assert response["Location"] == url("section", wave, number=2)
    assert "resume" not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    page = elsewhere.get(response["Location"])
    assert soup(page).h1.get_text(strip=True) == "Involvement"
    assert link.split("/")[-2] not in page.content.decode()

    # the link has been used: it cannot open the answers a second time
    response = Client().get(link)
    assert response.status_code == 404
    assert soup(response).h1.get_text(strip=True) == (
        "This link has expired or has already been replaced"
    )

    # the browser that resumed carries on and submits
    post_section(elsewhere, wave, 2, {"involved__place": "4", "heard__place": "3"})
    post_section(elsewhere, wave, 4, {"valued": "5"})
    assert elsewhere.post(url("submit", wave))["Location"] == url("done", wave)
    assert Response.objects.count() == 1


def test_a_new_link_replaces_the_old_one(client: Client) -> None:
    wave = conditional_wave()
    started(client, wave)
    first = resume_link(client, wave)
    second = resume_link(client, wave)
    assert first != second
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 302


def test_a_complete_draft_resumes_at_check_answers(client: Client) -> None:
    wave = open_wave()
    answer_everything(client, wave)
    link = resume_link(client, wave)
    assert Client().get(link)["Location"] == url("check", wave)


def test_an_optional_only_section_is_not_skipped_when_resuming(client: Client) -> None:
    wave = open_wave()
    started(client, wave)
    post_section(
        client,
        wave,
        1,
        {
            "profession_group": "paramedic",
            "sector": "icb",
            "role_level": "senior",
            "layers": ["place"],
            "place": "halton",
        },
    )
    link = resume_link(client, wave)
    assert Client().get(link)["Location"] == url("section", wave, number=2)


def test_an_unknown_link_gets_a_clear_page_and_stays_out_of_the_logs(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    wave = open_wave()
    token = "not-a-real-token-0123456789"
    request_log = logging.getLogger("django.request")  # it does not propagate to the root
    request_log.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.DEBUG):
            response = client.get(url("resume", wave, token=token))
    finally:
        request_log.removeHandler(caplog.handler)
    assert response.status_code == 404
    assert response["Referrer-Policy"] == "no-referrer"
    assert_page_basics(response)
    assert "This link has expired or has already been replaced" in text(response)
    assert soup(response).select_one("main a")["href"] == url("start", wave)
    assert token not in caplog.text
    assert "respond" not in client.session


def test_a_link_stops_working_once_the_answers_are_submitted(client: Client) -> None:
    wave = open_wave()
    answer_everything(client, wave)
    link = resume_link(client, wave)
    client.post(url("submit", wave))
    assert Client().get(link).status_code == 404


def test_a_link_to_a_closed_survey_says_it_has_closed(client: Client) -> None:
    wave = open_wave()
    started(client, wave)
    link = resume_link(client, wave)
    wave.opens_on = timezone.localdate() - timedelta(days=20)
    wave.closes_on = timezone.localdate() - timedelta(days=1)
    wave.save()
    response = Client().get(link)
    assert soup(response).h1.get_text(strip=True) == "This survey has closed"
    assert response["Referrer-Policy"] == "no-referrer"
