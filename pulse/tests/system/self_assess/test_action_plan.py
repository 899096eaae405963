"""Journey: the ICS admin keeps the CCPL plan (adds an action, first with a due date in the
wrong format, records progress, sees an overdue action marked in words) and a board member
reads the plan and downloads it as a PDF; and the admin manages a round's panel."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from pulse.actions.models import ActionStatus
from pulse.actions.tests.factories import add_action
from pulse.assessments.tests.factories import open_round
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member
from pulse.tests.system.conftest import check_page
from pulse.tests.system.self_assess.steps import fill_date, open_section, sign_in, sign_out

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ADMIN = "lead@cheshire.example.nhs.uk"
VIEWER = "board@cheshire.example.nhs.uk"


def test_the_admin_keeps_the_plan_and_a_board_member_reads_and_downloads_it(page: Page) -> None:
    # Given an ICS admin, a board member and an action already overdue
    member(Role.ICS_ADMIN, "QYG", email=ADMIN, full_name="Aisha Khan")
    member(Role.ICS_VIEWER, "QYG", email=VIEWER, full_name="Ben Roberts")
    add_action(
        title="Map leadership at neighbourhood level",
        status=ActionStatus.NOT_STARTED,
        due_on=timezone.localdate() - timedelta(days=7),
    )
    sign_in(page, ADMIN)
    open_section(page, "Action plan", "Clinical and care professional leadership plan")
    row = page.get_by_role("row").filter(has_text="Map leadership at neighbourhood level")
    expect(row).to_contain_text("Overdue")

    # When they add an action with the due date in the wrong format
    page.get_by_role("button", name="Add an action").click()
    check_page(page)
    page.get_by_label("What is the action?").fill("Protect time for place clinical leads")
    page.get_by_label("P3: Time, support and infrastructure").check()
    page.get_by_label("Which indicator of the self-assessment is it for? (optional)").select_option(
        label="P3.1 Protected time"
    )
    page.get_by_label("Or enter the owner's name").fill("Chief people officers")
    page.locator("#id_due_on_day").fill("31")
    page.locator("#id_due_on_month").fill("Smarch")
    page.locator("#id_due_on_year").fill("2027")
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Add action").click()
    # Then they are told what to fix, and nothing is added
    expect(page.get_by_role("alert")).to_contain_text("Due date must be a real date")
    assert page.title().startswith("Error:")
    check_page(page)
    # When they correct it
    fill_date(page, "due_on", timezone.localdate() + timedelta(days=90))
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Protect time for place clinical leads"
    )
    check_page(page)
    # And note progress
    page.get_by_label("What progress has been made?").fill("Agreed in principle by the trusts")
    page.get_by_role("button", name="Add progress note").click()
    expect(page.get_by_text("Agreed in principle by the trusts")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Change the action").click()
    check_page(page)
    sign_out(page)

    # Then a board member reads the plan, with no way to change it, and downloads it as a PDF
    sign_in(page, VIEWER)
    open_section(page, "Action plan", "Clinical and care professional leadership plan")
    expect(page.get_by_role("button", name="Add an action")).to_have_count(0)
    expect(page.get_by_text("Protect time for place clinical leads")).to_be_visible()
    page.get_by_role("link", name="Download the plan as a PDF").click()
    check_page(page)
    page.get_by_role("button", name="Prepare the PDF").click()
    expect(page.get_by_text("Prepared on")).to_be_visible()
    check_page(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the plan").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_the_admin_changes_the_panel_and_the_deadline(page: Page) -> None:
    # Given an open round with one panel member
    admin = member(Role.ICS_ADMIN, "QYG", email=ADMIN, full_name="Aisha Khan")
    rater = member(Role.PANEL_MEMBER, "QYG", full_name="Ruth Adams")
    open_round(panel=[rater], admin=admin)
    sign_in(page, ADMIN)
    open_section(page, "Self-assessment", "Culture self-assessment")
    page.get_by_role("link", name="Manage").first.click()
    check_page(page)

    # When they add someone by email, first with a mistake
    page.get_by_role("button", name="Add someone to the panel").click()
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Add to the panel").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter their full name")
    check_page(page)
    page.get_by_label("Email address").fill("sam@cheshire.example.nhs.uk")
    page.get_by_label("Full name").fill("Sam Baker")
    page.get_by_role("button", name="Add to the panel").click()
    expect(page.get_by_text("sam@cheshire.example.nhs.uk added to the panel")).to_be_visible()

    # And take Ruth off the panel, after confirming
    page.get_by_role("link", name="Remove Ruth Adams").click()
    check_page(page)
    page.get_by_role("button", name="Remove from the panel").click()
    expect(page.get_by_text("Ruth Adams removed")).to_be_visible()

    # And try to move the deadline into the past, then a week later
    page.get_by_role("link", name="Change the title or deadline").click()
    fill_date(page, "rating_deadline", timezone.localdate() - timedelta(days=1))
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("alert")).to_contain_text("The rating deadline must be today or later")
    check_page(page)
    fill_date(page, "rating_deadline", timezone.localdate() + timedelta(days=7))
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Round changed")).to_be_visible()
    check_page(page)
