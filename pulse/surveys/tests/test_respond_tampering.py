"""Answers a page could not have sent are refused with a 400, and nothing is stored."""

from typing import Any

import pytest
from django.test import Client

from pulse.core.tests.html import soup
from pulse.surveys.models import Response, ResponseDraft
from pulse.surveys.tests.factories import open_wave
from pulse.surveys.tests.respond_helpers import (
    conditional_wave,
    post_section,
    section_data,
    started,
    url,
)

pytestmark = pytest.mark.django_db

ABOUT_YOU = {
    "profession_group": "paramedic",
    "sector": "nhs_provider",
    "role_level": "senior",
    "layers": ["system", "place"],
    "place": "wirral",
}


def assert_refused(response: Any, draft: ResponseDraft, before: dict[str, Any]) -> None:
    assert response.status_code == 400
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Sorry, there is a problem with your answers"
    assert page.title.get_text(strip=True).startswith("Sorry, there is a problem with your answers")
    assert "nothing has been saved" in page.get_text()
    draft.refresh_from_db()
    assert draft.answers == before
    assert not Response.objects.exists()


@pytest.fixture
def on_involvement(client: Client) -> tuple[Any, ResponseDraft]:
    """A respondent of the pulse check who chose the system and place layers."""
    wave = open_wave()
    draft = started(client, wave)
    post_section(client, wave, 1, ABOUT_YOU)
    draft.refresh_from_db()
    return wave, draft


@pytest.mark.parametrize(
    ("number", "extra"),
    [
        (1, {"favourite_colour": "blue"}),
        (1, {"p1_dialogue": "4"}),  # a question of another section
        (1, {"involve_shape_vision__system": "4"}),  # a grid item of the next section
        (3, {"involve_shape_vision__neighbourhood": "4"}),  # a layer not chosen
        (3, {"involve_shape_vision": "4"}),  # the grid's bare key
        (3, {"involve_shape_vision__system": "9"}),  # off the scale
        (3, {"involve_shape_vision__system": "-1"}),
        (3, {"involve_shape_vision__system": "4.0"}),
        (3, {"involve_shape_vision__system": ["4", "5"]}),  # two answers to one question
        (1, {"profession_group": "astronaut"}),  # an option not offered
        (1, {"place": "manchester"}),  # not one of the wave's places
        (1, {"layers": ["system", "moon"]}),
        (1, {"layers": ["place", "place"]}),
        (1, {"layers": [""]}),
        (1, {"action": "delete"}),
        (1, {"action": ["continue", "save"]}),
        (1, {"": "x"}),
    ],
)
def test_a_tampered_section_post_stores_nothing(
    client: Client, on_involvement: tuple[Any, ResponseDraft], number: int, extra: dict
) -> None:
    wave, draft = on_involvement
    before = dict(draft.answers)
    data = {**section_data(wave, number, draft.answers, ["system", "place"]), **extra}
    assert_refused(client.post(url("section", wave, number=number), data), draft, before)
    data["action"] = "save"
    if extra.get("action") is None:
        assert_refused(client.post(url("section", wave, number=number), data), draft, before)


def test_an_answer_to_a_question_hidden_by_an_earlier_page_is_refused(client: Client) -> None:
    wave = conditional_wave()
    draft = started(client, wave)
    post_section(
        client, wave, 1, {"layers": ["place"], "role": "clinician", "more": "no", "years": "3"}
    )
    draft.refresh_from_db()
    before = dict(draft.answers)
    data = {"involved__place": "4", "heard__place": "4", "managing": "3"}
    assert_refused(post_section(client, wave, 2, data), draft, before)
    # a question of a section that is skipped altogether, posted to its own page or another
    assert_refused(post_section(client, wave, 3, {"extra_text": "x"}), draft, before)
    assert_refused(post_section(client, wave, 4, {"valued": "4", "extra_text": "x"}), draft, before)


def test_a_submit_with_answers_in_it_is_refused(client: Client) -> None:
    wave = open_wave()
    draft = started(client, wave)
    post_section(client, wave, 1, ABOUT_YOU)
    draft.refresh_from_db()
    before = dict(draft.answers)
    response = client.post(url("submit", wave), {"profession_group": "paramedic"})
    assert_refused(response, draft, before)
    assert client.session["respond"][wave.open_link_slug] == str(draft.pk)


def test_the_problem_page_links_back_to_the_questions(client: Client) -> None:
    wave = open_wave()
    started(client, wave)
    response = client.post(url("section", wave, number=1) + "?change=1", {"x": "1"})
    links = [a["href"] for a in soup(response).select("main a")]
    assert url("section", wave, number=1) + "?change=1" in links
