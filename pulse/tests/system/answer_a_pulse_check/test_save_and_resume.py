"""Journey: a leader saves part-way, then carries on from their personal link in another
browser, and the used link no longer opens their answers."""

import pytest
from playwright.sync_api import Browser, Page, expect

from pulse.surveys.models import Response
from pulse.tests.system.answer_a_pulse_check.steps import (
    a_pulse_check_with_an_open_link,
    answer_section_by_mouse,
    click_option,
    sections_by_mouse,
)
from pulse.tests.system.conftest import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_leader_saves_and_comes_back_in_another_browser(
    page: Page, browser: Browser, live_server: object
) -> None:
    # Given a leader who has answered the first section of an open pulse check
    wave = a_pulse_check_with_an_open_link()
    page.goto("/s/pulse-2026/")
    page.get_by_role("button", name="Start now").click()
    answer_section_by_mouse(page)
    page.get_by_role("button", name="Continue").click()
    click_option(page, "age_band", "age_35_to_44")

    # When they choose to save and come back later
    page.get_by_role("button", name="Save and come back later").click()

    # Then they get a private link and are told it is theirs alone
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers have been saved")
    expect(
        page.get_by_text("Anyone with this link can see and change these answers")
    ).to_be_visible()
    check_page(page)
    link = page.locator("#resume-link").inner_text().strip()
    assert "/s/pulse-2026/resume/" in link

    # When they open the link in a different browser
    other = browser.new_context(base_url=live_server.url)  # type: ignore[attr-defined]
    later = other.new_page()
    later.goto(link)

    # Then they carry on where they stopped, at an address without the link's secret
    expect(later.get_by_role("heading", level=1)).to_have_text("Your involvement at each level")
    assert later.url.endswith("/s/pulse-2026/section/3/")
    later.get_by_role("link", name="Back", exact=True).click()
    expect(later.get_by_role("heading", level=1)).to_have_text("Equality monitoring")
    assert later.locator("input[name=age_band][value=age_35_to_44]").is_checked()
    later.get_by_role("link", name="Back", exact=True).click()
    assert later.locator("input[name=profession_group][value=nursing_midwifery]").is_checked()
    check_page(later)

    # And they can finish and submit there
    sections_by_mouse(later)
    later.get_by_role("button", name="Submit your answers").click()
    expect(later.get_by_role("heading", level=1)).to_have_text("Your answers have been submitted")
    assert Response.objects.filter(wave=wave).count() == 1
    other.close()

    # And the link no longer opens anything
    third = browser.new_context(base_url=live_server.url)  # type: ignore[attr-defined]
    stale = third.new_page()
    stale.goto(link)
    expect(stale.get_by_role("heading", level=1)).to_have_text(
        "This link has expired or has already been replaced"
    )
    check_page(stale)
    third.close()
