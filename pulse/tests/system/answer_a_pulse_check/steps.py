"""Steps shared by the journeys of answering the pulse check through its open link."""

import json
import re
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone
from playwright.sync_api import Page, expect

from pulse.surveys.models import Wave
from pulse.surveys.tests.factories import open_wave
from pulse.tests.system.conftest import axe_violations, check_page

ABOUT_YOU_CHOICES = {
    "profession_group": "nursing_midwifery",
    "sector": "nhs_provider",
    "role_level": "senior",
    "place": "wirral",
}
LAYERS = ("system", "place")
SECTION_TITLES = [
    "About you",
    "Equality monitoring",
    "Your involvement at each level",
    "The five principles",
    "Culture",
    "Your views",
]


def a_pulse_check_with_an_open_link() -> Wave:
    """The standard pulse check, open today in Cheshire and Merseyside, with three places."""
    return open_wave(open_link_slug="pulse-2026")


def close(wave: Wave) -> None:
    wave.opens_on = timezone.localdate() - timedelta(days=30)
    wave.closes_on = timezone.localdate() - timedelta(days=1)
    wave.save()


def radio_groups(page: Page) -> list[str]:
    """The names of the page's radio groups, in page order (read, not clicked)."""
    return page.evaluate(
        "() => [...new Set([...document.querySelectorAll('main input[type=radio]')]"
        ".map(input => input.name))]"
    )


def choice_for(name: str, index: int) -> str:
    """The answer the journeys give: a spread over the scale, with some "don't know"."""
    if name in ABOUT_YOU_CHOICES:
        return ABOUT_YOU_CHOICES[name]
    if name == "age_band":
        return "age_45_to_54"
    if name == "sex":
        return "prefer_not_to_say"
    if name in ("ethnic_group", "disability"):
        return ""  # optional: left blank
    return ["4", "5", "3", "0", "2"][index % 5]


def check_page_without_js(page: Page) -> None:
    """`check_page` for a browser that runs no JavaScript.

    axe-core cannot run where scripts are off (it waits on timers), so the page as that browser
    rendered it, scripts removed, is loaded at the same address in a second browser context
    (with the same stylesheets) and checked there.
    """
    assert page.title().strip(), f"{page.url} has no title"
    assert page.locator("h1").count() == 1, f"{page.url} must have exactly one h1"
    for landmark in ("banner", "main", "contentinfo"):
        assert page.get_by_role(landmark).count() >= 1, f"{page.url} has no {landmark} landmark"
    html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.DOTALL)
    parts = urlsplit(page.url)
    context = page.context.browser.new_context(base_url=f"{parts.scheme}://{parts.netloc}")
    try:
        copy = context.new_page()
        copy.route(page.url, lambda route: route.fulfill(body=html, content_type="text/html"))
        copy.goto(page.url)
        violations = axe_violations(copy)
    finally:
        context.close()
    assert not violations, f"axe found problems on {page.url}:\n{json.dumps(violations, indent=2)}"


# --- By mouse -------------------------------------------------------------------------------


def click_option(page: Page, name: str, value: str) -> None:
    input_id = page.locator(f"input[name='{name}'][value='{value}']").get_attribute("id")
    page.locator(f"label[for='{input_id}']").click()


def answer_section_by_mouse(page: Page) -> None:
    for index, name in enumerate(radio_groups(page)):
        value = choice_for(name, index)
        if value:
            click_option(page, name, value)
    for layer in LAYERS if page.locator("input[name=layers]").count() else ():
        if not page.locator(f"input[name=layers][value={layer}]").is_checked():
            click_option(page, "layers", layer)
    for textarea in page.locator("main textarea").all():
        textarea.fill("Monthly leadership forums where decisions are explained.")


def continue_by_mouse(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


def sections_by_mouse(page: Page, check: Callable[[Page], None] = check_page) -> None:
    """Answer every section from the first, checking each page."""
    for number, title in enumerate(SECTION_TITLES, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.locator("main .nhsuk-caption-l")).to_have_text(f"Section {number} of 6")
        assert (
            page.title().removeprefix("Error: ") == f"{title} – CCPL Pulse Check – Leadership Pulse"
        )
        answer_section_by_mouse(page)
        check(page)
        continue_by_mouse(page)


# --- By keyboard ----------------------------------------------------------------------------


def focused(page: Page, selector: str) -> bool:
    return page.evaluate(
        "selector => !!document.activeElement && document.activeElement.matches(selector)",
        selector,
    )


def tab_to(page: Page, selector: str, limit: int = 400) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def choose_by_keyboard(page: Page, name: str, value: str, *, tab: bool = True) -> None:
    """Tab into a radio group, move with the arrow keys, and select with Space."""
    if tab:
        tab_to(page, f"input[name='{name}']")
    for _ in range(20):
        if focused(page, f"input[value='{value}']"):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.locator(f"input[name='{name}'][value='{value}']").is_checked()


def answer_section_by_keyboard(page: Page) -> None:
    """Fields are visited in page order, so Tab only ever moves forward."""
    fields = page.evaluate(
        "() => [...document.querySelectorAll('main form input:not([type=hidden]), main form textarea')]"
        ".map(input => [input.type, input.name, input.value])"
    )
    done: set[str] = set()
    for kind, name, value in fields:
        if kind == "radio" and name not in done:
            done.add(name)
            choice = choice_for(name, len(done) - 1)
            chosen = page.locator(f"input[name='{name}'][value='{choice}']")
            if choice and not chosen.is_checked():
                choose_by_keyboard(page, name, choice)
        elif kind == "checkbox" and value in LAYERS:
            tab_to(page, f"input[name='{name}'][value='{value}']")
            page.keyboard.press("Space")
        elif kind == "textarea":
            tab_to(page, f"textarea[name='{name}']")
            page.keyboard.type("Shared learning sessions across organisations.")


def press_button(page: Page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Enter")
