"""Journey: an ICS lead finds the service, signs in with their authenticator and manages places."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from pulse.accounts.tests.factories import PASSWORD, TOTPDeviceFactory, current_code
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member
from pulse.tests.system.conftest import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_reads_the_start_page_and_reaches_sign_in(page: Page) -> None:
    # Given a visitor who is not signed in
    # When they open the start page
    page.goto("/")
    # Then it explains the product and how anonymity works, and passes the page checks
    expect(page.get_by_role("heading", level=1)).to_contain_text("how involved")
    expect(
        page.get_by_text("No result is shown for a group of fewer than 10 people")
    ).to_be_visible()
    check_page(page)
    # When they choose to sign in
    page.get_by_role("link", name="Sign in").last.click()
    # Then they see the sign-in form
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    check_page(page)


def test_an_ics_admin_signs_in_with_a_security_code_and_adds_a_place(page: Page) -> None:
    # Given an ICS admin of Cheshire and Merseyside with an authenticator app
    admin = member(Role.ICS_ADMIN, "QYG", email="lead@cheshire.example.nhs.uk")
    device = TOTPDeviceFactory(user=admin)

    # When they sign in with their email and password
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill("lead@cheshire.example.nhs.uk")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Then they are asked for their security code
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    check_page(page)

    # When they enter a wrong code, they see an NHS error summary and stay on the page
    page.get_by_label("Security code").fill(
        "000000" if current_code(device) != "000000" else "111111"
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("The security code is not right")
    assert page.title().startswith("Error:")
    check_page(page)

    # When, after the one-second pause a wrong code imposes, they enter the code their app shows,
    # they reach their home page
    page.wait_for_timeout(1100)
    page.get_by_label("Security code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    expect(
        page.get_by_role("link", name="NHS Cheshire and Merseyside Integrated Care Board")
    ).to_be_visible()
    check_page(page)

    # When they open their ICS and its places, and try to add a place without a name
    page.get_by_role("link", name="NHS Cheshire and Merseyside Integrated Care Board").click()
    check_page(page)
    page.get_by_role("link", name="Places").first.click()
    check_page(page)
    page.get_by_role("button", name="Add a place").click()
    page.get_by_role("button", name="Save place").click()
    # Then they are told what to fix
    expect(page.get_by_role("alert")).to_contain_text("Enter the place name")
    check_page(page)

    # When they fix it, the place is listed
    page.get_by_label("Place name").fill("Wirral")
    page.get_by_role("button", name="Save place").click()
    expect(page.get_by_role("table")).to_contain_text("Wirral")
    expect(page.get_by_text("Wirral added")).to_be_visible()
    check_page(page)


def test_an_ics_admin_without_an_authenticator_sets_one_up_when_signing_in(
    page: Page, settings: Any
) -> None:
    # Given MFA is required (as in production) and an ICS admin has no authenticator yet
    settings.PULSE_MFA_REQUIRED = True
    admin = member(Role.ICS_ADMIN, "QYG", email="new.lead@cheshire.example.nhs.uk")

    # When they sign in with their email and password
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill("new.lead@cheshire.example.nhs.uk")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Then they are asked to set up an authenticator app, with a QR code and a key to type
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    expect(page.locator(".app-qr-code svg")).to_be_visible()
    check_page(page)

    # When they enter the code their new app shows, they reach their home page
    device = admin.totpdevice_set.get(confirmed=False)
    page.get_by_label("Security code").fill(current_code(device))
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    device.refresh_from_db()
    assert device.confirmed
