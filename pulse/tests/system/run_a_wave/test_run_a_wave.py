"""Journey: an ICS admin creates a pulse check wave, adds a question of their own, opens it and
finds the open link; and imports a questionnaire written as XLSForm."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from pulse.accounts.tests.factories import PASSWORD
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import PlaceFactory, member
from pulse.surveys.tests.xlsform_builders import build_workbook, minimal_sheets
from pulse.surveys.xlsform_example import consultation_workbook
from pulse.tests.system.conftest import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ICB = "NHS Cheshire and Merseyside Integrated Care Board"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sign_in_and_open_surveys(page: Page) -> None:
    member(Role.ICS_ADMIN, "QYG", email="lead@cheshire.example.nhs.uk")
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill("lead@cheshire.example.nhs.uk")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name=ICB).click()
    page.get_by_role("link", name="Surveys").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Surveys")
    check_page(page)


def fill_date(page: Page, name: str, day: object) -> None:
    page.locator(f"#id_{name}_day").fill(str(day.day))  # type: ignore[attr-defined]
    page.locator(f"#id_{name}_month").fill(str(day.month))  # type: ignore[attr-defined]
    page.locator(f"#id_{name}_year").fill(str(day.year))  # type: ignore[attr-defined]


def test_an_ics_admin_runs_a_pulse_check_with_a_question_of_their_own(page: Page) -> None:
    # Given an ICS admin of a system with places, signed in and on the surveys page
    PlaceFactory(name="Wirral", code="wirral")
    PlaceFactory(name="Liverpool", code="liverpool")
    sign_in_and_open_surveys(page)
    expect(page.get_by_text("Your system has no surveys yet.")).to_be_visible()

    # When they create a survey of the standard pulse check with an open link
    page.get_by_role("button", name="Create a survey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a survey")
    check_page(page)
    page.get_by_label("CCPL Pulse Check (version 1)").check()
    page.get_by_label("Title").fill("Pulse check 2027")
    today = timezone.localdate()
    fill_date(page, "opens_on", today)
    fill_date(page, "closes_on", today + timedelta(days=21))
    page.get_by_role("group", name="Can people answer through an open link?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("button", name="Create survey").click()

    # Then they see the draft with its settings and the standard questions
    expect(page.get_by_role("heading", level=1)).to_have_text("Pulse check 2027")
    expect(page.get_by_text("Pulse check 2027 created as a draft")).to_be_visible()
    expect(page.get_by_text("Draft", exact=True).first).to_be_visible()
    check_page(page)

    # When they add a question of their own, first forgetting to say what it is
    page.get_by_role("button", name="Add a question").click()
    check_page(page)
    page.get_by_role("button", name="Add question").click()
    # Then they are told what to fix
    expect(page.get_by_role("alert")).to_contain_text("Select the type of question")
    expect(page.get_by_role("alert")).to_contain_text("Enter the question")
    assert page.title().startswith("Error:")
    check_page(page)
    # When they fix it, the question is listed after the standard ones with its generated key
    page.get_by_label("Agreement").check()
    page.get_by_label("Question", exact=True).fill("I know who leads CCPL in my place.")
    page.get_by_role("group", name="Must people answer this question?").get_by_label("Yes").check()
    page.get_by_role("button", name="Add question").click()
    expect(page.get_by_text("local_i_know_who_leads_ccpl_in_my_place")).to_be_visible()
    check_page(page)

    # When they open the survey, after reading what that means
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("its questions and your list of places are fixed")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Open the survey").click()

    # Then it is open, questions can no longer be added, and the open link is shown
    expect(page.get_by_text("The survey is open", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Add a question")).to_have_count(0)
    link = page.locator("a.app-open-link")
    expect(link).to_contain_text("/s/")
    check_page(page)

    # And the list shows it as open with a rounded response count
    page.get_by_role("link", name="Surveys").first.click()
    expect(page.get_by_role("table")).to_contain_text("Open")
    expect(page.get_by_role("table")).to_contain_text("Fewer than 10")
    check_page(page)


def test_an_ics_admin_imports_a_questionnaire_written_in_a_spreadsheet(page: Page) -> None:
    # Given an ICS admin on the questionnaires page
    sign_in_and_open_surveys(page)
    page.get_by_role("link", name="See the questionnaires your system can use").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Questionnaires")
    check_page(page)

    # When they upload a workbook with mistakes
    page.get_by_role("button", name="Import a questionnaire").click()
    check_page(page)
    sheets = minimal_sheets()
    sheets["survey"].append(["geopoint", "where", "Where?"])
    broken = {"name": "broken.xlsx", "mimeType": XLSX, "buffer": build_workbook(sheets)}
    page.get_by_label("Upload an XLSForm workbook").set_input_files(broken)
    page.get_by_role("button", name="Import questionnaire").click()
    # Then every problem is listed by sheet, row and column, and nothing is imported
    expect(page.get_by_role("alert")).to_contain_text(
        'survey row 6, column "type": "geopoint" is not a supported question type'
    )
    check_page(page)

    # When they upload the example consultation instead
    example = {"name": "consultation.xlsx", "mimeType": XLSX, "buffer": consultation_workbook()}
    page.get_by_label("Upload an XLSForm workbook").set_input_files(example)
    page.get_by_role("button", name="Import questionnaire").click()
    # Then it is listed with its key and version, ready to run
    expect(page.get_by_text("key ccpl-principles-consultation, version 1")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("ccpl-principles-consultation")
    check_page(page)
