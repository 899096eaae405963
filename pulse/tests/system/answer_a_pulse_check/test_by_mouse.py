"""Journey: a leader opens the open link and answers the whole pulse check with a mouse."""

import pytest
from playwright.sync_api import Page, expect

from pulse.surveys.models import Response
from pulse.tests.system.answer_a_pulse_check.steps import (
    a_pulse_check_with_an_open_link,
    click_option,
    close,
    sections_by_mouse,
)
from pulse.tests.system.conftest import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_leader_answers_the_pulse_check_by_mouse(page: Page) -> None:
    # Given an open pulse check with an open link
    wave = a_pulse_check_with_an_open_link()

    # When a leader opens the link, they see what the survey is and how anonymity works
    page.goto("/s/pulse-2026/")
    expect(page.get_by_role("heading", level=1)).to_have_text("CCPL Pulse Check")
    expect(page.get_by_text("We collect your answers and the date you submit them")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Start now").click()

    # When they continue without answering, they are told what to answer
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Select your professional group")
    assert page.title().startswith("Error: About you")
    check_page(page)

    # When they answer every section, choosing the system and place levels
    sections_by_mouse(page)

    # Then they can check their answers, grouped by level, and change one
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before submitting"
    )
    expect(page.get_by_role("heading", level=3, name="Place")).to_be_visible()
    check_page(page)
    page.get_by_role(
        "link", name="Change your answer to: Which sector is your main employer in?"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("About you")
    click_option(page, "sector", "icb")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Integrated care board (ICB)")).to_be_visible()

    # When they submit, they see the confirmation
    page.get_by_role("button", name="Submit your answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers have been submitted")
    check_page(page)
    stored = Response.objects.get(wave=wave)
    assert stored.answers["sector"] == "icb"
    assert stored.answers["layers"] == ["system", "place"]
    assert len([k for k in stored.answers if k.startswith("involve_")]) == 12

    # And when they open the link again, they are told they have already answered
    page.goto("/s/pulse-2026/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You have already answered this survey"
    )
    check_page(page)

    # And once the survey has closed, the link says so
    close(wave)
    page.goto("/s/pulse-2026/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This survey has closed")
    check_page(page)
