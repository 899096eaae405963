"""Journey: a leader answers the whole pulse check with the keyboard alone (no clicks)."""

import pytest
from playwright.sync_api import Page, expect

from pulse.surveys.models import Response
from pulse.tests.system.answer_a_pulse_check.steps import (
    SECTION_TITLES,
    a_pulse_check_with_an_open_link,
    answer_section_by_keyboard,
    choose_by_keyboard,
    focused,
    press_button,
)
from pulse.tests.system.conftest import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONTINUE = "main form button[value=continue]"


def test_a_leader_answers_the_pulse_check_with_the_keyboard_alone(page: Page) -> None:
    # Given an open pulse check with an open link
    wave = a_pulse_check_with_an_open_link()

    # When a keyboard user opens the link, the first Tab reaches the skip link
    page.goto("/s/pulse-2026/")
    page.keyboard.press("Tab")
    assert focused(page, "a.nhsuk-skip-link")
    check_page(page)

    # And they start with Enter on "Start now"
    press_button(page, "main form button")
    expect(page.get_by_role("heading", level=1)).to_have_text("About you")

    # When they continue without answering, the error summary takes the focus
    press_button(page, CONTINUE)
    expect(page.get_by_role("alert")).to_contain_text("Select your professional group")
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    check_page(page)

    # And its first link takes them to the first question to answer
    page.keyboard.press("Tab")
    assert focused(page, ".nhsuk-error-summary a[href='#id_profession_group']")
    page.keyboard.press("Enter")
    assert focused(page, "#id_profession_group")
    choose_by_keyboard(page, "profession_group", "nursing_midwifery", tab=False)

    # When they answer every section with Tab, the arrow keys, Space and typing
    for number, title in enumerate(SECTION_TITLES, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        if number > 1:
            page.keyboard.press("Tab")
            assert focused(page, "a.nhsuk-skip-link")
        answer_section_by_keyboard(page)
        check_page(page)
        press_button(page, CONTINUE)

    # Then they reach check your answers and submit from the keyboard
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before submitting"
    )
    check_page(page)
    press_button(page, "main form button")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers have been submitted")
    check_page(page)

    stored = Response.objects.get(wave=wave)
    assert stored.answers["profession_group"] == "nursing_midwifery"
    assert stored.answers["layers"] == ["system", "place"]
    assert stored.answers["involve_shape_vision__place"] in (0, 2, 3, 4, 5)
    assert stored.answers["views_works_well"] == "Shared learning sessions across organisations."
