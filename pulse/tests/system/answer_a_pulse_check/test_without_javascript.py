"""Journey: a leader whose browser runs no JavaScript answers the whole pulse check."""

import pytest
from playwright.sync_api import Page, expect

from pulse.surveys.models import Response
from pulse.tests.system.answer_a_pulse_check.steps import (
    a_pulse_check_with_an_open_link,
    check_page_without_js,
    sections_by_mouse,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_leader_answers_the_pulse_check_without_javascript(page_without_js: Page) -> None:
    page = page_without_js
    # Given an open pulse check, and a browser with JavaScript turned off
    wave = a_pulse_check_with_an_open_link()

    # When they open the link and start
    page.goto("/s/pulse-2026/")
    check_page_without_js(page)
    assert page.evaluate("() => document.body.classList.contains('js-enabled')") is False
    page.get_by_role("button", name="Start now").click()

    # Then every section can be answered and checked
    sections_by_mouse(page, check=check_page_without_js)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before submitting"
    )
    check_page_without_js(page)

    # And submitted
    page.get_by_role("button", name="Submit your answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers have been submitted")
    check_page_without_js(page)
    assert Response.objects.filter(wave=wave).count() == 1
