"""An ICS admin adds and removes their own questions on a draft wave."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from pulse.core.models import AuditEntry
from pulse.core.tests.html import assert_page_basics, error_summary, soup, text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import ics, member
from pulse.surveys.forms.admin import option_codes, question_key, snake_case
from pulse.surveys.models import Wave, WaveStatus
from pulse.surveys.services.waves import wave_create, wave_local_question_add
from pulse.surveys.tests.factories import open_wave, pulse_check

pytestmark = pytest.mark.django_db

BASE = "/ics/qyg/surveys/"


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    return client


@pytest.fixture
def wave() -> Wave:
    today = timezone.localdate()
    return wave_create(
        ics=ics(),
        version=pulse_check(),
        title="Pulse check 2027",
        opens_on=today,
        closes_on=today + timedelta(days=21),
        by=None,
    )


def question(**overrides: str) -> dict[str, str]:
    data = {
        "type": "agreement",
        "text": "I know who my place's CCPL lead is.",
        "hint": "",
        "required": "yes",
        "options": "",
        "principle": "P1",
    }
    return {**data, **overrides}


def add(client: Client, wave: Wave, **overrides: str) -> Any:
    return client.post(f"{BASE}{wave.pk}/questions/add/", question(**overrides))


def test_the_add_page_asks_for_each_part_of_a_question(admin_client: Client, wave: Wave) -> None:
    response = admin_client.get(f"{BASE}{wave.pk}/questions/add/")
    assert_page_basics(response)
    legends = [legend.get_text(" ", strip=True) for legend in soup(response).select("legend")]
    assert legends == [
        "What type of question is it?",
        "Must people answer this question?",
        "Which principle does it measure? (agreement questions only)",
    ]
    labels = [label.get_text(strip=True) for label in soup(response).select("label")]
    assert "Agreement" in labels and "Free text" in labels and "Number" in labels


def test_an_agreement_question_gets_a_generated_key_and_its_principle(
    admin_client: Client, wave: Wave
) -> None:
    response = add(admin_client, wave, hint="The person who leads CCPL where you work")
    assert response.status_code == 302
    wave.refresh_from_db()
    assert wave.local_questions == [
        {
            "key": "local_i_know_who_my_place_s_ccpl_lead_is",
            "type": "agreement",
            "text": "I know who my place's CCPL lead is.",
            "required": True,
            "hint": "The person who leads CCPL where you work",
            "principle": "P1",
        }
    ]
    assert AuditEntry.objects.filter(action="wave_local_question_added").exists()
    page = admin_client.get(response["Location"])
    assert "local_i_know_who_my_place_s_ccpl_lead_is" in text(page)


def test_choice_options_are_one_per_line_with_unique_codes(
    admin_client: Client, wave: Wave
) -> None:
    lines = (
        "Email from my organisation\n\n  A colleague \nOther (please say)\nOther - social media\n"
    )
    add(admin_client, wave, type="multiple_choice", text="How did you hear?", principle="", options=lines, required="no")  # fmt: skip
    wave.refresh_from_db()
    saved = wave.local_questions[0]
    assert saved["required"] is False
    assert saved["options"] == [
        {"code": "email_from_my_organisation", "label": "Email from my organisation"},
        {"code": "a_colleague", "label": "A colleague"},
        {"code": "other_please_say", "label": "Other (please say)"},
        {"code": "other_social_media", "label": "Other - social media"},
    ]


def test_the_same_question_twice_gets_a_second_key(admin_client: Client, wave: Wave) -> None:
    add(admin_client, wave)
    add(admin_client, wave)
    wave.refresh_from_db()
    keys = [q["key"] for q in wave.local_questions]
    assert keys == ["local_i_know_who_my_place_s_ccpl_lead_is", "local_i_know_who_my_place_s_ccpl_lead_is_2"]  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"type": ""}, "Select the type of question"),
        ({"text": "  "}, "Enter the question"),
        ({"required": ""}, "Select yes if people must answer this question"),
        ({"type": "single_choice", "principle": "", "options": "Only one"}, "Enter at least 2 options, each on its own line"),
        ({"type": "single_choice", "principle": "", "options": "Yes\nyes"}, "Enter each option once: \u201cyes\u201d is listed twice"),
        ({"type": "free_text", "principle": "", "options": "A\nB"}, "Only single and multiple choice questions have options: delete them"),
        ({"type": "number", "principle": "P3"}, "Only agreement questions can measure a principle: select none"),
        ({"text": "x" * 501}, "Question must be 500 characters or fewer"),
    ],
)  # fmt: skip
def test_each_mistake_gets_an_nhs_error(
    admin_client: Client, wave: Wave, overrides: dict[str, str], message: str
) -> None:
    response = add(admin_client, wave, **overrides)
    assert response.status_code == 200
    assert message in error_summary(response)
    wave.refresh_from_db()
    assert wave.local_questions == []


def test_a_question_clashing_with_a_standard_key_is_refused(wave: Wave) -> None:
    # The page generates local_ keys, so a clash can only come through the service directly.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        wave_local_question_add(
            wave=wave,
            question={"key": "culture_speak_up", "type": "agreement", "text": "Speak up?"},
            by=None,
        )


def test_removing_asks_first_then_removes(admin_client: Client, wave: Wave) -> None:
    add(admin_client, wave)
    key = Wave.objects.get(pk=wave.pk).local_questions[0]["key"]
    url = f"{BASE}{wave.pk}/questions/{key}/remove/"
    page = admin_client.get(url)
    assert_page_basics(page)
    assert "Remove this question?" in text(page)
    response = admin_client.post(url)
    assert response.status_code == 302
    wave.refresh_from_db()
    assert wave.local_questions == []
    assert AuditEntry.objects.filter(action="wave_local_question_removed").exists()


def test_an_unknown_or_standard_question_cannot_be_removed(
    admin_client: Client, wave: Wave
) -> None:
    for key in ["local_nothing", "p3_protected_time"]:
        assert admin_client.post(f"{BASE}{wave.pk}/questions/{key}/remove/").status_code == 404


def test_an_open_waves_questions_can_no_longer_change_through_the_pages(
    admin_client: Client,
) -> None:
    wave = open_wave(local_questions=[{"key": "local_q", "type": "agreement", "text": "Local?"}])
    page = admin_client.get(f"{BASE}{wave.pk}/questions/add/")
    assert "You can only add questions while the survey is a draft" in text(page)
    add(admin_client, wave)
    response = admin_client.post(f"{BASE}{wave.pk}/questions/local_q/remove/")
    assert error_summary(response) == ["You cannot remove questions from a survey that is open"]
    wave.refresh_from_db()
    assert [q["key"] for q in wave.local_questions] == ["local_q"]
    assert wave.status == WaveStatus.OPEN


def test_codes_and_keys_are_snake_case_and_unique() -> None:
    assert snake_case("Don't know (yet)!") == "don_t_know_yet"
    assert snake_case("£££") == ""
    assert question_key("Which team?", {"local_which_team"}) == "local_which_team_2"
    assert question_key("!!!", set()) == "local_question"
    assert len(question_key("word " * 40, set())) <= 50
    assert [o["code"] for o in option_codes(["Yes", "YES!", "£", "£"])] == ["yes", "yes_2", "option_3", "option_4"]  # fmt: skip
