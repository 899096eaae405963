"""Journeys: a leader stops the emails about a survey, and a wrong link gets a clear page; an
ICS admin imports a SurveyMonkey export of the seed 003 consultation into a closed wave."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from pulse.organisations.tests.factories import ics
from pulse.surveys.models import Participant, Response, ResponseSource
from pulse.surveys.services.instruments import instrument_version_create
from pulse.surveys.services.waves import wave_close, wave_open
from pulse.surveys.tests import surveymonkey
from pulse.surveys.tests.distribution_helpers import draft_wave, invited_wave, links, path_of
from pulse.surveys.xlsform import read_xlsform
from pulse.surveys.xlsform_example import consultation_workbook
from pulse.tests.system.conftest import check_page
from pulse.tests.system.invite_and_answer.test_invite_and_answer import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def leader(browser: Browser, live_server: object) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_a_leader_stops_the_emails_and_a_wrong_link_is_explained(leader: Page) -> None:
    # Given a leader invited to an open survey
    invited_wave(1)
    unsubscribe = links("unsubscribe")["leader1@example.nhs.uk"][0]

    # When they follow the link to stop emails, they are asked to confirm
    leader.goto(path_of(unsubscribe))
    expect(leader.get_by_role("heading", level=1)).to_have_text("Stop emails about this survey")
    assert "token" not in leader.url
    check_page(leader)
    leader.get_by_role("button", name="Stop emails").click()

    # Then no more emails will be sent to them
    expect(leader.get_by_role("heading", level=1)).to_have_text(
        "You will not get any more emails about this survey"
    )
    check_page(leader)
    assert Participant.objects.get().opted_out

    # When someone follows a broken link, they are told what to do
    leader.goto("/s/invitation/?token=half-a-link")
    expect(leader.get_by_role("heading", level=1)).to_have_text("This link does not work")
    check_page(leader)


def a_closed_consultation() -> object:
    version, _ = instrument_version_create(
        definition=read_xlsform(consultation_workbook()), ics=ics()
    )
    wave = draft_wave(version=version, title="Principles consultation 2021")
    wave = wave_open(wave=wave, by=None)
    return wave_close(wave=wave, by=None)


def test_an_admin_imports_a_surveymonkey_export_into_a_closed_survey(page: Page) -> None:
    # Given an ICS admin with a closed consultation survey
    wave = a_closed_consultation()
    sign_in(page)
    page.goto(f"/ics/qyg/surveys/{wave.pk}/")
    page.get_by_role("link", name="Import responses from another survey tool").click()
    check_page(page)

    # When they upload a SurveyMonkey export
    export = {"name": "export.csv", "mimeType": "text/csv", "buffer": surveymonkey.export_csv(11)}
    page.get_by_label("Upload an export").set_input_files(export)
    page.get_by_role("button", name="Upload export").click()

    # Then the personal columns have been dropped, and they choose the question of each column
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which question does each column answer?"
    )
    expect(page.get_by_text("Email Address, First Name, Last Name").first).to_be_visible()
    check_page(page)
    for index, key in surveymonkey.column_keys().items():
        column = page.locator(f"#id_column_{index}")
        if column.count():  # a column nobody answered is not offered
            column.select_option(key)
    page.get_by_label("End Date").check()
    page.get_by_role("button", name="Continue").click()

    # And what the answers that do not match exactly mean
    expect(page.get_by_role("heading", level=1)).to_have_text("What does each answer mean?")
    check_page(page)
    for label, code in surveymonkey.MEANINGS.items():
        field = page.get_by_label(f"\u201c{label[:97]}", exact=False)
        if field.count():
            field.first.select_option(code)
    page.get_by_role("button", name="Continue").click()

    # Then they check the responses, save the mapping and import
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the responses before importing"
    )
    expect(page.locator(".nhsuk-summary-list")).to_contain_text("11 responses")
    check_page(page)
    assert "person1@example.nhs.uk" not in page.content()
    page.get_by_label("Save this mapping to use again (optional)").fill("SurveyMonkey export")
    page.get_by_role("button", name="Import 11 responses").click()
    expect(page.get_by_text("11 responses imported")).to_be_visible()
    check_page(page)
    assert Response.objects.filter(wave=wave, source=ResponseSource.IMPORT).count() == 11
