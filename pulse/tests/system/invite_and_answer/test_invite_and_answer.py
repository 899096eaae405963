"""Journey: an ICS admin uploads a list of leaders (fixing a bad row), opens the survey, and a
leader answers through the link in their email, once; the admin follows the fieldwork in
totals that never name anyone."""

from collections.abc import Iterator

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from pulse.accounts.tests.factories import PASSWORD
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member
from pulse.surveys.models import InvitationUse, Response
from pulse.surveys.tests.distribution_helpers import csv_bytes, draft_wave, links, path_of
from pulse.tests.system.answer_a_pulse_check.steps import sections_by_mouse
from pulse.tests.system.conftest import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ICB = "NHS Cheshire and Merseyside Integrated Care Board"
HEADINGS = ["Email", "Profession group", "Sector", "Place"]
ASHA = ["asha.patel@example.nhs.uk", "Pharmacist", "NHS provider", "Wirral"]
BEN = ["ben.jones@example.nhs.uk", "Registered nurse or midwife", "icb", "liverpool"]


@pytest.fixture
def leader(browser: Browser, live_server: object) -> Iterator[Page]:
    """A second browser: the invited leader's own."""
    context = browser.new_context(base_url=live_server.url)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.csp_problems = problems  # type: ignore[attr-defined]
    yield page
    context.close()


def sign_in(page: Page) -> None:
    member(Role.ICS_ADMIN, "QYG", email="lead@cheshire.example.nhs.uk")
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill("lead@cheshire.example.nhs.uk")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name=ICB).click()


def upload(page: Page, rows: list[list[str]]) -> None:
    people = {"name": "leaders.csv", "mimeType": "text/csv", "buffer": csv_bytes(rows)}
    page.get_by_label("Upload a list").set_input_files(people)
    page.get_by_role("button", name="Upload list").click()


def test_an_admin_invites_leaders_and_one_answers_once_through_their_link(
    page: Page, leader: Page
) -> None:
    # Given an ICS admin with a draft pulse check, on its page
    wave = draft_wave(title="Pulse check 2027")
    sign_in(page)
    page.goto(f"/ics/qyg/surveys/{wave.pk}/")
    expect(page.get_by_text("Nobody is on the list yet")).to_be_visible()
    check_page(page)

    # When they upload a list of leaders with one bad row
    page.get_by_role("link", name="People to invite").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People to invite")
    check_page(page)
    page.get_by_role("button", name="Upload a list of people").click()
    check_page(page)
    upload(page, [HEADINGS, ASHA, ["ben.jones@example", "", "", "Runcorn"]])

    # Then they see every problem by line, and nobody is added
    expect(page.get_by_role("alert")).to_contain_text(
        "The file has 2 problems. Nobody has been added."
    )
    problems = page.locator("#rows-to-fix table")
    expect(problems).to_contain_text("\u201cben.jones@example\u201d is not a valid email address")
    expect(problems).to_contain_text("\u201cRuncorn\u201d is not one of your places in this survey")
    assert page.title().startswith("Error:")
    check_page(page)

    # When they fix the row and upload the list again
    upload(page, [HEADINGS, ASHA, BEN])
    expect(page.get_by_text("2 people added to the list")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("asha.patel@example.nhs.uk")
    check_page(page)

    # And they check the emails, then open the survey
    page.get_by_role("link", name="Back to the survey").click()
    page.get_by_role("link", name="Invitation and reminder emails").click()
    check_page(page)
    page.get_by_role("link", name="Preview the emails").click()
    expect(page.get_by_text("EXAMPLE-PERSONAL-LINK").first).to_be_visible()
    check_page(page)
    page.goto(f"/ics/qyg/surveys/{wave.pk}/")
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("2 people will be emailed their own link today")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("The survey is open", exact=True)).to_be_visible()

    # Then each leader has been emailed their own link
    sent = links()
    assert sorted(sent) == ["asha.patel@example.nhs.uk", "ben.jones@example.nhs.uk"]
    link = sent["asha.patel@example.nhs.uk"][0]
    assert len(mail.outbox) == 2

    # When Asha follows the link in her email, the token leaves the address at once
    leader.goto(path_of(link))
    expect(leader.get_by_role("heading", level=1)).to_have_text("CCPL Pulse Check")
    assert "token" not in leader.url
    expect(leader.get_by_text("You were invited by email")).to_be_visible()
    check_page(leader)

    # And she answers every section and submits
    leader.get_by_role("button", name="Start now").click()
    sections_by_mouse(leader)
    leader.get_by_role("button", name="Submit your answers").click()
    expect(leader.get_by_role("heading", level=1)).to_have_text("Your answers have been submitted")
    check_page(leader)
    assert Response.objects.filter(wave=wave).count() == 1
    assert InvitationUse.objects.count() == 1

    # When she follows the same link again, she is told she has already answered
    leader.goto(path_of(link))
    expect(leader.get_by_role("heading", level=1)).to_have_text(
        "You have already answered this survey"
    )
    expect(leader.get_by_text("submitted with your personal link")).to_be_visible()
    check_page(leader)

    # Then the admin's fieldwork page shows rounded totals and never a name or address
    page.goto(f"/ics/qyg/surveys/{wave.pk}/")
    page.get_by_role("link", name="Fieldwork: responses and response rate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fieldwork")
    rows = page.locator(".nhsuk-summary-list")
    expect(rows).to_contain_text("People invited")
    expect(rows).to_contain_text("Invitations sent")
    expect(rows).to_contain_text("Fewer than 10")
    expect(page.get_by_text("Responses so far, at the end of each week").first).to_be_visible()
    check_page(page)
    html = page.content()
    for private in ("asha", "Asha", "ben.jones", "Patel", ASHA[0], BEN[0]):
        assert private not in html
    assert Response.objects.filter(wave=wave).count() == 1
