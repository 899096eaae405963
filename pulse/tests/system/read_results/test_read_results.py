"""Journey: an ICS admin publishes the re-run pulse check; a board member reads the results,
changes a breakdown and downloads the PDF board report and the Excel data pack."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pulse.accounts.tests.factories import PASSWORD
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member
from pulse.reports.presenters.navigation import PAGES
from pulse.reports.services.publication import publication_build
from pulse.reports.tests.builders import run_wave
from pulse.reports.tests.exports import PDF_SECTIONS, pdf_text, workbook_problems
from pulse.surveys.models import Wave, WaveStatus
from pulse.tests.system.conftest import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ICB = "NHS Cheshire and Merseyside Integrated Care Board"
ADMIN = "lead@cheshire.example.nhs.uk"
VIEWER = "board@cheshire.example.nhs.uk"


def a_baseline_and_a_closed_re_run() -> Wave:
    """Published waves of four other systems and the baseline; the re-run closed, unpublished."""
    for i, code in enumerate(("QOP", "QE1", "QWO", "QF7")):
        other = run_wave(title="Pulse check", improvement=0.3 * i - 0.4, responses=40, closed_days_ago=30 + i, seed=f"b-{code}", ods_code=code)  # fmt: skip
        publication_build(wave=other)
    baseline = run_wave(title="Pulse check baseline", improvement=0, responses=120, closed_days_ago=365, seed="b-base")  # fmt: skip
    publication_build(wave=baseline)
    return run_wave(title="Pulse check one year on", improvement=1.0, responses=130, closed_days_ago=10, seed="b-rerun", status=WaveStatus.CLOSED)  # fmt: skip


def sign_in(page: Page, email: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name=ICB).click()


def publish(page: Page, wave: Wave) -> None:
    sign_in(page, ADMIN)
    page.get_by_role("link", name="Surveys").first.click()
    page.get_by_role("link", name=wave.title).click()
    page.get_by_role("button", name="Publish the results").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the results")
    check_page(page)
    page.get_by_role("button", name="Publish the results").click()
    expect(page.get_by_text("The results are published")).to_be_visible()
    expect(page.get_by_role("link", name=f"See the results of {wave.title}")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Sign out").click()


def download(page: Page, title: str, tmp_path: Path) -> bytes:
    page.get_by_role("button", name=f"Prepare the {title}", exact=True).click()
    expect(page.get_by_role("link", name=f"Download the {title}")).to_be_visible()
    check_page(page)
    with page.expect_download() as info:
        page.get_by_role("link", name=f"Download the {title}").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


def test_a_board_member_reads_the_results_and_downloads_the_reports(
    page: Page, tmp_path: Path
) -> None:
    # Given a published baseline and a closed re-run of the pulse check
    member(Role.ICS_ADMIN, "QYG", email=ADMIN)
    member(Role.ICS_VIEWER, "QYG", email=VIEWER)
    rerun = a_baseline_and_a_closed_re_run()

    # When the ICS admin publishes the re-run, after reading what that means
    publish(page, rerun)
    assert Wave.objects.get(pk=rerun.pk).status == WaveStatus.PUBLISHED

    # Then a board member finds the results from their system's page
    sign_in(page, VIEWER)
    page.get_by_role("link", name="Results").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results")
    check_page(page)
    page.get_by_role("link", name=rerun.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    expect(page.get_by_text("improved significantly").first).to_be_visible()
    check_page(page)

    # And every page of the results passes the accessibility checks
    for _, title in PAGES[1:]:
        page.get_by_role("navigation", name="Pages of these results").get_by_role(
            "link", name=title
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        check_page(page)
        if title == "Results by group":
            # When they change the breakdown, the page shows that breakdown's groups
            page.get_by_label("Show results by").select_option(label="Sector")
            page.get_by_role("button", name="Show results").click()
            expect(page.locator("figcaption")).to_contain_text(
                "Overall involvement index by sector"
            )
            expect(page.get_by_text("Fewer than 10 responses").first).to_be_attached()
            check_page(page)

    # When they ask for the PDF board report and the Excel data pack, they download them
    pdf = download(page, "PDF board report", tmp_path)
    text = pdf_text(pdf)
    for heading in PDF_SECTIONS:
        assert heading in text, heading
    xlsx = download(page, "Excel data pack", tmp_path)
    assert workbook_problems(xlsx) == []
