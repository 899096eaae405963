"""Check your answers, submit and the confirmation."""

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from pulse.core.tests.html import assert_page_basics, error_summary, soup, text
from pulse.surveys.answers import clean_answers
from pulse.surveys.models import Response, ResponseDraft
from pulse.surveys.services.waves import wave_close
from pulse.surveys.tests.factories import open_wave
from pulse.surveys.tests.respond_helpers import (
    answer_everything,
    conditional_wave,
    post_section,
    section_data,
    started,
    url,
)
from pulse.surveys.views.respond import answering

pytestmark = pytest.mark.django_db


def summary(response) -> dict[str, str]:
    """Summary list rows as question -> answer text."""
    return {
        " ".join(row.select_one("dt").get_text(" ").split()): " ".join(
            row.select_one(".nhsuk-summary-list__value").get_text(" ").split()
        )
        for row in soup(response).select(".nhsuk-summary-list__row")
    }


def test_check_answers_lists_every_answer_by_section_with_change_links(client: Client) -> None:
    wave = conditional_wave()
    answer_everything(client, wave, layers=["system", "place"])
    post_section(client, wave, 4, {"valued": "0", "comments": ""})
    response = client.get(url("check", wave))
    assert response.status_code == 200
    assert_page_basics(response)
    page = soup(response)
    assert page.title.get_text(strip=True) == (
        "Check your answers before submitting – Conditions survey – Leadership Pulse"
    )
    assert page.select_one("a.nhsuk-back-link")["href"] == url("section", wave, number=4)
    assert [h.get_text(strip=True) for h in page.select("main h2")][:4] == [
        "About you",
        "Involvement",
        "More about you",
        "Last questions",
    ]
    assert [h.get_text(strip=True) for h in page.select("main h3")][:2] == ["System", "Place"]
    rows = summary(response)
    assert rows["What is your role?"] == "Manager"
    assert rows["Years in a leadership role"] == "0"
    assert rows["I feel valued."] == "Don't know / not applicable"
    assert rows["Any comments?"] == "Not answered"
    levels = page.find("dt", string=re.compile("Which levels")).find_next("dd")
    assert [li.get_text(strip=True) for li in levels.select("ul li")] == ["System", "Place"]

    change = page.find("dt", string=re.compile("What is your role")).find_next("a")
    assert change.get_text(" ", strip=True) == "Change your answer to: What is your role?"
    assert change.select_one(".nhsuk-u-visually-hidden") is not None
    assert change["href"] == url("section", wave, number=1) + "?change=1#id_role"
    grid_change = page.find_all("dt", string=re.compile("I am involved"))[1].find_next("a")
    assert "for Place: I am involved in decisions." in grid_change.get_text(" ", strip=True)

    form = page.select_one("main form")
    assert form["action"] == url("submit", wave) and form["method"] == "post"
    assert form.select_one("button").get_text(strip=True) == "Submit your answers"
    assert "cannot be changed or withdrawn once submitted" in text(response)


def test_free_text_keeps_its_line_breaks_and_is_escaped(client: Client) -> None:
    wave = conditional_wave()
    answer_everything(client, wave, layers=["place"])
    post_section(client, wave, 4, {"valued": "4", "comments": "<b>One</b>\r\nTwo"})
    page = soup(client.get(url("check", wave)))
    value = page.find("dt", string=re.compile("Any comments")).find_next("dd")
    assert value.select("br") and not value.select("b")
    assert "<b>One</b>" in value.get_text()


def test_submitting_stores_one_anonymous_response_and_deletes_the_draft(client: Client) -> None:
    wave = open_wave()
    draft = answer_everything(client, wave, layers=["system", "place"])
    expected = clean_answers(
        wave.definition, draft.answers, places={"liverpool", "wirral", "halton"}
    )
    response = client.post(url("submit", wave))
    assert response.status_code == 302 and response["Location"] == url("done", wave)
    stored = Response.objects.get()
    assert stored.answers == expected
    assert stored.answers["layers"] == ["system", "place"]
    assert stored.answers["involve_decisions__place"] == 4
    assert stored.submitted_on == timezone.localdate()
    assert not ResponseDraft.objects.exists()
    assert wave.open_link_slug not in client.session.get("respond", {})
    assert str(stored.pk) not in str(dict(client.session))


def test_the_confirmation_says_what_happens_next_without_a_reference(client: Client) -> None:
    wave = open_wave()
    answer_everything(client, wave)
    response = client.post(url("submit", wave), follow=True)
    assert response.status_code == 200
    assert_page_basics(response)
    page = soup(response)
    assert page.select_one(".nhsuk-panel h1").get_text(strip=True) == (
        "Your answers have been submitted"
    )
    assert page.title.get_text(strip=True) == (
        "Your answers have been submitted – CCPL Pulse Check – Leadership Pulse"
    )
    assert "only published for groups of at least 10 people" in text(response)
    assert "We do not give you a reference number" in text(response)
    stored = Response.objects.get()
    assert str(stored.pk) not in response.content.decode()
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", page.select_one("main").get_text())


def test_a_second_submit_stores_nothing_more_and_shows_the_confirmation(client: Client) -> None:
    wave = open_wave()
    answer_everything(client, wave)
    client.post(url("submit", wave))
    response = client.post(url("submit", wave))
    assert response["Location"] == url("done", wave)
    assert Response.objects.count() == 1


def test_a_double_click_whose_first_reply_was_lost_still_ends_on_the_confirmation(
    client: Client,
) -> None:
    wave = open_wave()
    answer_everything(client, wave)
    session_id = client.cookies["sessionid"].value
    client.post(url("submit", wave))
    # the browser never saw the first reply: same session, no "answered" cookie
    other = Client()
    other.cookies["sessionid"] = session_id
    response = other.post(url("submit", wave))
    assert response["Location"] == url("done", wave)
    assert other.get(url("done", wave)).status_code == 200
    assert f"pulse_done_{wave.open_link_slug}" in other.cookies
    assert Response.objects.count() == 1


def test_a_draft_submitted_by_a_concurrent_request_is_not_stored_twice(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    wave = open_wave()
    answer_everything(client, wave)
    real_submit = answering.draft_submit

    def the_other_click_wins(**kwargs: Any) -> Any:
        # A second click of the same browser stores the answers just before this one locks
        # the draft: it commits the response and the session's "answered" mark.
        other = Client()
        other.cookies["sessionid"] = client.cookies["sessionid"].value
        monkeypatch.setattr(answering, "draft_submit", real_submit)
        assert other.post(url("submit", wave))["Location"] == url("done", wave)
        return real_submit(**kwargs)

    monkeypatch.setattr(answering, "draft_submit", the_other_click_wins)
    response = client.post(url("submit", wave))
    assert response["Location"] == url("done", wave)
    assert Response.objects.count() == 1


def test_answers_that_were_not_stored_are_never_confirmed(client: Client) -> None:
    wave = open_wave()
    draft = answer_everything(client, wave)
    ResponseDraft.objects.filter(pk=draft.pk).delete()  # e.g. expired and purged meanwhile
    response = client.post(url("submit", wave))
    assert response["Location"] == url("start", wave)
    assert not Response.objects.exists()
    assert client.get(url("done", wave)).status_code != 200


def test_a_survey_closing_as_answers_are_submitted_says_so_and_confirms_nothing(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    wave = open_wave()
    answer_everything(client, wave)
    real_submit = answering.draft_submit

    def closing_first(**kwargs: Any) -> Any:
        wave_close(wave=wave, by=None)  # deletes the wave's drafts
        return real_submit(**kwargs)

    monkeypatch.setattr(answering, "draft_submit", closing_first)
    response = client.post(url("submit", wave))
    assert "closed" in text(response).lower()
    assert "Location" not in response
    assert not Response.objects.exists()


def test_a_submit_with_a_missing_answer_goes_back_to_that_section(client: Client) -> None:
    wave = conditional_wave()
    draft = started(client, wave)
    post_section(
        client, wave, 1, {"layers": ["place"], "role": "clinician", "more": "no", "years": "4"}
    )
    draft.refresh_from_db()
    post_section(client, wave, 2, section_data(wave, 2, draft.answers, ["place"]))
    response = client.post(url("submit", wave))
    assert response.status_code == 302
    assert response["Location"] == url("section", wave, number=4) + "?change=1&missing=1"
    assert not Response.objects.exists()
    assert ResponseDraft.objects.filter(pk=draft.pk).exists()

    response = client.get(response["Location"])
    assert error_summary(response) == ["Select how much you agree that I feel valued"]
    assert soup(response).title.get_text(strip=True).startswith("Error: ")


def test_submit_without_a_draft_goes_to_the_start(client: Client) -> None:
    wave = open_wave()
    response = client.post(url("submit", wave))
    assert response["Location"] == url("start", wave)
    assert client.get(url("submit", wave)).status_code == 405


def test_the_confirmation_is_only_for_a_browser_that_submitted(client: Client) -> None:
    wave = open_wave()
    response = client.get(url("done", wave))
    assert response.status_code == 302 and response["Location"] == url("start", wave)
