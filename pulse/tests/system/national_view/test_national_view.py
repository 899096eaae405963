"""Journey: a national analyst signs in with their security code, opens England's pulse check
results, filters the systems by region, opens the region's page, drills down to one system's
results and downloads the region's figures as an Excel workbook."""

import io
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from pulse.accounts.tests.factories import PASSWORD, TOTPDeviceFactory, UserFactory, current_code
from pulse.organisations.models import Membership, Role
from pulse.reports.tests.national_builders import national_data
from pulse.tests.system.conftest import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ANALYST = "analyst@england.example.nhs.uk"
NORTH_WEST = ["Cheshire and Merseyside", "Greater Manchester", "Lancashire and South Cumbria"]


def sign_in_with_a_security_code(page: Page, email: str, device: object) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    page.get_by_label("Security code").fill(current_code(device))  # type: ignore[arg-type]
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


def system_names(page: Page) -> list[str]:
    cells = page.locator("#systems-table tbody tr > :first-child").all_inner_texts()
    return [cell.split(":")[0].strip() for cell in cells]


def test_a_national_analyst_compares_systems_and_downloads_a_regions_figures(
    page: Page, tmp_path: Path
) -> None:
    # Given six systems' published pulse checks and a national analyst with an authenticator app
    national = national_data()
    analyst = UserFactory(email=ANALYST)
    Membership.objects.create(user=analyst, role=Role.NATIONAL_ANALYST, ics=None, region=None)
    device = TOTPDeviceFactory(user=analyst)

    # When they sign in and follow their analyst access to England
    sign_in_with_a_security_code(page, ANALYST, device)
    check_page(page)
    page.get_by_role("link", name="pulse check results for England").click()

    # Then they see every system compared, and which questionnaire version is compared
    expect(page.get_by_role("heading", level=1)).to_have_text("England")
    expect(page.get_by_text("CCPL Pulse Check (version 1)")).to_be_visible()
    assert len(system_names(page)) == 6
    expect(page.locator("figure.app-chart figcaption")).to_contain_text("Funnel plot")
    check_page(page)

    # When they filter the systems by the North West
    page.get_by_label("Region", exact=True).select_option(label="North West")
    page.get_by_role("button", name="Show systems").click()

    # Then only its three systems are listed
    assert system_names(page) == NORTH_WEST
    check_page(page)

    # When they open the North West's own page
    page.get_by_role("link", name="Open the North West page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("North West")
    assert system_names(page) == NORTH_WEST
    check_page(page)

    # And drill down to Greater Manchester's results
    page.locator("#systems-table").get_by_role(
        "link", name=re.compile("^Greater Manchester")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    expect(page.get_by_text("Greater Manchester").first).to_be_visible()
    expect(page.get_by_text("Pulse check 2026").first).to_be_visible()
    check_page(page)

    # And, back on the region's page, ask for its figures as an Excel workbook
    page.go_back()
    page.get_by_role("link", name="Download these figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Download the figures")
    check_page(page)
    page.get_by_role("button", name="Prepare the Excel workbook", exact=True).click()
    expect(page.get_by_role("link", name="Download the Excel workbook")).to_be_visible()
    check_page(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the Excel workbook").click()

    # Then the workbook lists the North West's systems only
    assert info.value.suggested_filename.startswith("leadership-pulse-north-west-")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()), read_only=True)
    listed = {
        row[1]
        for row in book["Systems"].iter_rows(values_only=True)
        if row[0] in {"QYG", "QOP", "QE1", "QWO", "QF7", "QHL"}
    }
    assert listed == set(NORTH_WEST)
    assert national.publication.pk

    # And England's figures can be asked for in the same way
    page.goto("/england/")
    page.get_by_role("link", name="Download these figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Download the figures")
    check_page(page)
