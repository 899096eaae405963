"""Steps shared by the self-assessment journeys: signing in and out, and rating a round."""

from datetime import date

from playwright.sync_api import Page, expect

from pulse.accounts.tests.factories import PASSWORD
from pulse.assessments.tests.factories import indicators
from pulse.tests.system.conftest import check_page

ICB = "NHS Cheshire and Merseyside Integrated Care Board"


def sign_in(page: Page, email: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name=ICB).click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def open_section(page: Page, name: str, heading: str) -> None:
    page.get_by_role("navigation").get_by_role("link", name=name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    check_page(page)


def fill_date(page: Page, name: str, day: date) -> None:
    page.locator(f"#id_{name}_day").fill(str(day.day))
    page.locator(f"#id_{name}_month").fill(str(day.month))
    page.locator(f"#id_{name}_year").fill(str(day.year))


def rate_round(page: Page, level: int, note: str) -> None:
    """From the member's task list: answer the gateway, rate every principle at `level`
    (checking each page), then check and submit."""
    page.get_by_role("link", name="Gateway: the two core expectations").click()
    check_page(page)
    for key in ("ce1_framework_and_plan", "ce2_leaders_involved"):
        page.locator(f"input[name='{key}-answer'][value='partly']").check()
    page.get_by_role("button", name="Save and continue").click()
    by_principle: dict[str, list[str]] = {}
    for indicator in indicators():
        by_principle.setdefault(indicator.principle.code, []).append(indicator.key)
    for code, keys in by_principle.items():
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"{code}:")
        if code == "P1":
            check_page(page)
        for key in keys:
            page.locator(f"input[name='{key}-level'][value='{level}']").check()
            page.locator(f"input[name='{key}-confidence'][value='medium']").check()
        page.locator(f"textarea[name='{keys[0]}-evidence']").fill(note)
        page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your ratings before you submit them"
    )
    check_page(page)
    page.get_by_role("button", name="Submit my ratings").click()
    expect(page.get_by_text("Your ratings are submitted")).to_be_visible()
    check_page(page)
