"""One section per page: what each page shows and how its answers are checked and saved."""

import pytest
from django.test import Client

from pulse.core.tests.html import assert_page_basics, error_summary, soup, text
from pulse.surveys.models import ResponseDraft
from pulse.surveys.tests.factories import open_wave
from pulse.surveys.tests.respond_helpers import (
    answer_everything,
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


def legends(response) -> list[str]:
    return [" ".join(legend.get_text(" ").split()) for legend in soup(response).select("legend")]


def radio_labels(response, name: str) -> list[str]:
    group = soup(response).select_one(f"input[name={name}]").find_parent(class_="nhsuk-radios")
    return [
        "or"
        if "nhsuk-radios__divider" in child.get("class", [])
        else child.label.get_text(strip=True)
        for child in group.find_all("div", recursive=False)
    ]


def test_a_section_page_has_its_caption_heading_title_and_back_link(client: Client) -> None:
    wave = open_wave()
    started(client, wave)
    response = client.get(url("section", wave, number=1))
    assert response.status_code == 200
    assert_page_basics(response)
    page = soup(response)
    assert page.select_one("main .nhsuk-caption-l").get_text(strip=True) == "Section 1 of 6"
    assert page.h1.get_text(strip=True) == "About you"
    assert page.title.get_text(strip=True) == "About you – CCPL Pulse Check – Leadership Pulse"
    assert "We never report a group of fewer than 10 people" in text(response)
    assert page.select_one("a.nhsuk-back-link")["href"] == url("start", wave)
    assert "Sign in" not in page.select_one("header").get_text()
    buttons = [(b["value"], b.get_text(strip=True)) for b in page.select("main form button")]
    assert buttons == [("continue", "Continue"), ("save", "Save and come back later")]

    client.post(url("section", wave, number=1), {**ABOUT_YOU, "action": "continue"})
    response = client.get(url("section", wave, number=2))
    assert soup(response).select_one("a.nhsuk-back-link")["href"] == url("section", wave, number=1)
    assert soup(response).select_one("main .nhsuk-caption-l").get_text(strip=True) == (
        "Section 2 of 6"
    )


def test_questions_use_radios_checkboxes_and_the_places_of_the_wave(client: Client) -> None:
    wave = open_wave()
    started(client, wave)
    response = client.get(url("section", wave, number=1))
    page = soup(response)
    assert len(page.select("input[type=radio][name=profession_group]")) == 16
    assert len(page.select("input[type=checkbox][name=layers]")) == 5
    assert radio_labels(response, "place") == [
        "Liverpool",
        "Wirral",
        "Halton",
        "or",
        "Prefer not to say",
    ]
    assert "Which professional group do you belong to?" in legends(response)
    assert "Choose all that apply." in text(response)
    assert not page.select("table")


def test_agreement_questions_offer_the_scale_with_dont_know_set_apart(client: Client) -> None:
    wave = open_wave()
    answer_everything(client, wave)
    response = client.get(url("section", wave, number=4))
    assert radio_labels(response, "p1_dialogue") == [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
        "or",
        "Don't know / not applicable",
    ]
    # the saved answer is shown checked when the respondent comes back
    assert soup(response).select_one("input[name=p1_dialogue][value='4']").has_attr("checked")


def test_optional_questions_say_so(client: Client) -> None:
    wave = open_wave()
    answer_everything(client, wave)
    response = client.get(url("section", wave, number=2))
    assert "What is your age? (optional)" in legends(response)
    response = client.get(url("section", wave, number=6))
    label = soup(response).select_one("label[for=id_views_works_well]").get_text(" ", strip=True)
    assert label.endswith("(optional)")
    assert "You can enter up to 5000 characters" in text(response)
    assert "Please do not include names" in text(response)
    assert soup(response).select_one("textarea[name=views_works_well]") is not None


def test_missing_answers_are_listed_in_nhs_wording_and_nothing_is_saved(client: Client) -> None:
    wave = open_wave()
    draft = started(client, wave)
    response = post_section(client, wave, 1, {})
    assert response.status_code == 200
    assert error_summary(response) == [
        "Select your professional group",
        "Select the sector your main employer is in",
        "Select the description that best fits your leadership role",
        "Select the levels of the system where you do leadership work",
        "Select the place you mainly work in",
    ]
    page = soup(response)
    assert page.title.get_text(strip=True).startswith("Error: About you – ")
    hrefs = [a["href"] for a in page.select(".nhsuk-error-summary a")]
    assert hrefs[0] == "#id_profession_group"
    assert page.select_one("#id_profession_group")["name"] == "profession_group"
    assert "Error: Select your professional group" in text(response)
    draft.refresh_from_db()
    assert draft.answers == {}


def test_a_missing_agreement_answer_quotes_the_statement(client: Client) -> None:
    wave = open_wave()
    draft = answer_everything(client, wave)
    data = section_data(wave, 4, draft.answers, ["system", "place"])
    del data["p1_all_professions"], data["p3_own_time"]
    response = post_section(client, wave, 4, data)
    assert error_summary(response) == [
        "Select how much you agree that leaders from every clinical and care profession have a "
        "real say in decisions in our system, not just the largest professions",
        "Select how much you agree that I do most of my system leadership work in my own time "
        "or on top of a full workload",
    ]


def test_the_grid_asks_each_item_for_each_chosen_layer_only(client: Client) -> None:
    wave = open_wave()
    started(client, wave)
    post_section(client, wave, 1, {**ABOUT_YOU, "layers": ["place", "organisation"]})
    client.post(url("section", wave, number=2), {"action": "continue"})
    response = client.get(url("section", wave, number=3))
    page = soup(response)
    headings = [h.get_text(strip=True) for h in page.select("main form h2")]
    assert headings == ["Place", "My own organisation"]
    names = [i["name"] for i in page.select("input[type=radio][value='1']")]
    assert names[:6] == [
        "involve_shape_vision__place",
        "involve_understand_purpose__place",
        "involve_decisions__place",
        "involve_views_sought__place",
        "involve_open_information__place",
        "involve_concerns_acted_on__place",
    ]
    assert len(names) == 12 and all(n.endswith(("__place", "__organisation")) for n in names)
    assert len(page.select("main form fieldset")) == 12
    assert not page.select("table")
    assert "Place: I help to shape the vision and strategy" in legends(response)[0]

    response = post_section(client, wave, 3, {"involve_shape_vision__place": "5"})
    errors = error_summary(response)
    assert len(errors) == 11
    assert errors[0] == (
        "Place: select how much you agree that I understand the purpose and priorities at this "
        "level of the system"
    )
    assert errors[-1].startswith("My own organisation: select how much you agree that when I")


def test_continue_saves_the_page_and_goes_to_the_next_section(client: Client) -> None:
    wave = open_wave()
    draft = started(client, wave)
    response = post_section(client, wave, 1, ABOUT_YOU)
    assert response.status_code == 302
    assert response["Location"] == url("section", wave, number=2)
    draft.refresh_from_db()
    assert draft.answers == ABOUT_YOU


def test_a_condition_on_the_same_page_works_without_javascript(client: Client) -> None:
    wave = conditional_wave()
    draft = started(client, wave)
    response = client.get(url("section", wave, number=1))
    label = soup(response).select_one("label[for=id_more_text]").get_text(strip=True)
    assert label == "Tell us more"
    assert "Only answer this if your answer to ‘Anything more?’ was ‘Yes’." in text(response)
    base = {"layers": ["place"], "role": "clinician", "years": "3"}

    # Answered although the condition is not met: the answer is dropped, not an error
    response = post_section(client, wave, 1, {**base, "more": "no", "more_text": "Hello"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert "more_text" not in draft.answers and draft.answers["more"] == "no"

    # Condition met: the question is required
    response = post_section(client, wave, 1, {**base, "more": "yes", "more_text": " "})
    assert error_summary(response) == ["Enter your answer"]
    response = post_section(client, wave, 1, {**base, "more": "yes", "more_text": "Hello"})
    draft.refresh_from_db()
    assert draft.answers["more_text"] == "Hello"


def test_a_condition_on_an_earlier_page_shows_the_question_only_when_met(client: Client) -> None:
    wave = conditional_wave()
    draft = started(client, wave)
    base = {"layers": ["place"], "more": "no", "years": "3"}
    post_section(client, wave, 1, {**base, "role": "clinician"})
    response = client.get(url("section", wave, number=2))
    assert soup(response).select_one("[name=managing]") is None
    assert "Think about the last year." in text(response)

    post_section(client, wave, 1, {**base, "role": "manager"})
    response = client.get(url("section", wave, number=2))
    assert soup(response).select_one("[name=managing]") is not None
    response = post_section(client, wave, 2, {"involved__place": "4", "heard__place": "4"})
    assert error_summary(response) == [
        "Select how much you agree that I have the support I need to manage"
    ]
    post_section(client, wave, 2, {"involved__place": "4", "heard__place": "4", "managing": "2"})
    draft.refresh_from_db()
    assert draft.answers["managing"] == 2

    # Changing the earlier answer drops the answer that no longer applies
    post_section(client, wave, 1, {**base, "role": "clinician"})
    draft.refresh_from_db()
    assert "managing" not in draft.answers


def test_unselecting_a_layer_drops_its_grid_answers(client: Client) -> None:
    wave = conditional_wave()
    draft = started(client, wave)
    about = {"role": "clinician", "more": "no", "years": "3"}
    post_section(client, wave, 1, {**about, "layers": ["system", "place"]})
    grid = {
        "involved__system": "1",
        "heard__system": "2",
        "involved__place": "4",
        "heard__place": "0",
    }
    post_section(client, wave, 2, grid)
    draft.refresh_from_db()
    assert {k: draft.answers[k] for k in grid} == {
        "involved__system": 1,
        "heard__system": 2,
        "involved__place": 4,
        "heard__place": 0,
    }
    post_section(client, wave, 1, {**about, "layers": ["place"]})
    draft.refresh_from_db()
    assert "involved__system" not in draft.answers and "heard__system" not in draft.answers
    assert draft.answers["involved__place"] == 4
    names = [i["name"] for i in soup(client.get(url("section", wave, number=2))).select("input")]
    assert "involved__system" not in names


def test_a_section_with_nothing_to_ask_is_skipped(client: Client) -> None:
    wave = conditional_wave()
    started(client, wave)
    post_section(
        client, wave, 1, {"layers": ["place"], "role": "clinician", "more": "no", "years": "1"}
    )
    response = post_section(client, wave, 2, {"involved__place": "4", "heard__place": "4"})
    assert response["Location"] == url("section", wave, number=4)
    response = client.get(url("section", wave, number=3))
    assert response.status_code == 302 and response["Location"] == url("section", wave, number=4)
    response = client.get(url("section", wave, number=4))
    assert soup(response).select_one("a.nhsuk-back-link")["href"] == url("section", wave, number=2)
    assert soup(response).select_one("main .nhsuk-caption-l").get_text(strip=True) == (
        "Section 4 of 4"
    )


def test_numbers_must_be_whole_and_in_range(client: Client) -> None:
    wave = conditional_wave()
    started(client, wave)
    base = {"layers": ["place"], "role": "clinician", "more": "no"}
    for typed, message in [
        ("", "Enter a whole number"),
        ("twelve", "Enter a whole number, like 12"),
        ("1.5", "Enter a whole number, like 12"),
        ("61", "Enter a whole number between 0 and 60"),
        ("-1", "Enter a whole number between 0 and 60"),
        ("9" * 5000, "Enter a whole number, like 12"),
        ("١٢", "Enter a whole number, like 12"),
    ]:
        response = post_section(client, wave, 1, {**base, "years": typed})
        assert error_summary(response) == [message], typed
    page = soup(response)
    field = page.select_one("input[name=years]")
    assert field["inputmode"] == "numeric" and field["type"] == "text"
    assert field["value"] == "١٢"  # what they typed is kept to correct
    assert post_section(client, wave, 1, {**base, "years": " 60 "}).status_code == 302


def test_free_text_is_limited_to_5000_characters(client: Client) -> None:
    wave = conditional_wave()
    started(client, wave)
    base = {"layers": ["place"], "role": "clinician", "more": "yes", "years": "2"}
    response = post_section(client, wave, 1, {**base, "more_text": "a" * 5001})
    assert error_summary(response) == ["Your answer must be 5,000 characters or fewer"]
    # a line break typed in a browser (CR LF) counts as one character, as the counter shows
    text_5000 = ("a" * 99 + "\r\n") * 50
    response = post_section(client, wave, 1, {**base, "more_text": text_5000})
    assert response.status_code == 302
    draft = ResponseDraft.objects.get()
    assert len(draft.answers["more_text"]) == 4999  # stripped of its last line break


def test_save_and_come_back_later_keeps_valid_answers_without_requiring_any(
    client: Client,
) -> None:
    wave = conditional_wave()
    draft = started(client, wave)
    post_section(client, wave, 1, {"years": "5"}, action="save")
    draft.refresh_from_db()
    assert draft.answers == {"years": 5}
    response = post_section(client, wave, 1, {"role": "manager", "years": "lots"}, action="save")
    assert response.status_code == 302 and response["Location"] == url("saved", wave)
    draft.refresh_from_db()
    assert draft.answers == {"role": "manager", "years": 5}  # the bad number is not saved


def test_change_returns_to_check_answers_unless_something_new_is_asked(client: Client) -> None:
    wave = conditional_wave()
    draft = answer_everything(client, wave, layers=["place"])
    assert client.get(url("check", wave)).status_code == 200
    about = {
        k: v
        for k, v in draft.answers.items()
        if k in ("role", "more", "more_text", "years", "layers")
    }
    response = client.post(
        url("section", wave, number=1) + "?change=1",
        {**about, "role": "clinician", "action": "continue"},
    )
    assert response["Location"] == url("check", wave)
    page = soup(client.get(url("section", wave, number=1) + "?change=1"))
    assert page.select_one("a.nhsuk-back-link")["href"] == url("check", wave)
    assert page.select_one("main form")["action"].endswith("?change=1")

    # a new layer means new grid questions: go to them before checking
    response = client.post(
        url("section", wave, number=1) + "?change=1",
        {**about, "layers": ["system", "place"], "action": "continue"},
    )
    assert response["Location"] == url("section", wave, number=2)


def test_pages_without_a_draft_go_to_the_start_page(client: Client) -> None:
    wave = open_wave()
    for page in (url("section", wave, number=1), url("check", wave), url("saved", wave)):
        response = client.get(page)
        assert response.status_code == 302 and response["Location"] == url("start", wave)
    assert client.post(url("section", wave, number=1), {}).status_code == 302


def test_a_section_number_that_does_not_exist_is_not_found(client: Client) -> None:
    wave = open_wave()
    started(client, wave)
    assert client.get(url("section", wave, number=0)).status_code == 404
    assert client.get(url("section", wave, number=7)).status_code == 404


def test_a_grid_on_the_same_page_as_the_layers_question_says_when_to_answer(
    client: Client,
) -> None:
    from pulse.organisations.tests.factories import ics
    from pulse.surveys.definition import parse_definition
    from pulse.surveys.services.instruments import instrument_version_create
    from pulse.surveys.tests.respond_helpers import one_page_definition

    data = one_page_definition().to_dict()
    data["key"] = "one-page"
    version, _ = instrument_version_create(definition=parse_definition(data), ics=ics("QYG"))
    wave = open_wave(version)
    draft = started(client, wave)
    response = client.get(url("section", wave, number=1))
    headings = [h.get_text(strip=True) for h in soup(response).select("main form h2")]
    assert headings == ["System", "Place"]
    assert "Only answer these if you chose ‘Place’ for ‘Which layers do you work at?’" in text(
        response
    )
    data = {"layers": ["place"], "involved__system": "1", "involved__place": "5", "valued": "2"}
    assert post_section(client, wave, 1, data).status_code == 302
    draft.refresh_from_db()
    assert draft.answers == {"layers": ["place"], "involved__place": 5, "valued": 2}
