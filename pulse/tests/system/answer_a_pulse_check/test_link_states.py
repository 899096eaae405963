"""Journeys: an open link before the survey opens, and one protected by an access code."""

from datetime import timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from playwright.sync_api import Page, expect

from pulse.surveys.tests.factories import open_wave
from pulse.tests.system.conftest import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_link_opened_too_early_says_when_the_survey_opens(page: Page) -> None:
    # Given a pulse check that opens in a week
    opens = timezone.localdate() + timedelta(days=7)
    open_wave(open_link_slug="pulse-early", opens_on=opens, closes_on=opens + timedelta(days=21))
    # When a leader opens its link
    page.goto("/s/pulse-early/")
    # Then they are told when it opens
    expect(page.get_by_role("heading", level=1)).to_have_text("This survey is not open yet")
    expect(page.get_by_text(f"It opens on {opens.day} {opens:%B %Y}.")).to_be_visible()
    check_page(page)


def test_a_leader_enters_the_access_code_they_were_given(page: Page) -> None:
    # Given a pulse check whose open link needs an access code
    open_wave(open_link_slug="pulse-code", access_code_hash=make_password("CHESHIRE-26"))
    page.goto("/s/pulse-code/")
    check_page(page)

    # When they enter a wrong code
    page.get_by_label("Enter the access code").fill("CHESHIRE-25")
    page.get_by_role("button", name="Start now").click()

    # Then they are told, and the error summary has the focus
    expect(page.get_by_role("alert")).to_contain_text("The access code is not right")
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    assert page.title().startswith("Error: ")
    check_page(page)

    # When they enter the right code, they start the survey
    page.get_by_label("Enter the access code").fill("CHESHIRE-26")
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("About you")
