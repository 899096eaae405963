"""Questionnaires: an ICS imports its own from XLSForm, runs it, and exports any it can use."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from pulse.core.models import AuditEntry
from pulse.core.tests.html import assert_page_basics, error_summary, soup, text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import ics, member
from pulse.surveys.models import Instrument, InstrumentVersion, Wave, WaveStatus
from pulse.surveys.services.responses import response_create
from pulse.surveys.tests.factories import pulse_check, small_version
from pulse.surveys.tests.xlsform_builders import build_workbook, minimal_sheets, seed_003_workbook
from pulse.surveys.xlsform import read_xlsform
from pulse.surveys.xlsform_example import consultation_workbook

pytestmark = pytest.mark.django_db

BASE = "/ics/qyg/surveys/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    return client


def upload(client: Client, content: bytes, name: str = "survey.xlsx") -> object:
    return client.post(
        f"{BASE}instruments/import/", {"file": SimpleUploadedFile(name, content, XLSX)}
    )


def broken_workbook() -> bytes:
    sheets = minimal_sheets()
    sheets["survey"] += [
        ["geopoint", "where", "Where are you?"],
        ["text", None, "More?", None, "perhaps"],
    ]
    sheets["choices"].append(["yes_no", "yes", "Again"])
    return build_workbook(sheets)


def test_the_list_shows_the_standard_and_own_questionnaires_only(admin_client: Client) -> None:
    small_version(ics=ics())
    theirs = small_version(ics=ics("QMJ"))
    Instrument.objects.filter(pk=theirs.instrument_id).update(title="London only")
    response = admin_client.get(f"{BASE}instruments/")
    assert_page_basics(response)
    rows = [tr.get_text(" ", strip=True) for tr in soup(response).select("tbody tr")]
    assert rows[0].startswith("CCPL Pulse Check ccpl-pulse-check 1 Standard")
    assert rows[1].startswith("Small survey small-survey 1 Your system")
    assert "London only" not in text(response)


def test_the_seed_003_consultation_imports_through_the_page_and_runs_as_a_wave(
    admin_client: Client,
) -> None:
    # Given an ICS admin with the consultation written as XLSForm
    response = upload(admin_client, seed_003_workbook(), "consultation.xlsx")
    # Then it is imported as the ICS's own questionnaire, and the page says its key and version
    assert response.status_code == 302
    version = InstrumentVersion.objects.get(instrument__key="ccpl-principles-consultation")
    assert (version.instrument.ics, version.version) == (ics(), 3)
    listing = text(admin_client.get(response["Location"]))
    assert (
        "Imported Draft design principles: key ccpl-principles-consultation, version 3" in listing
    )
    assert AuditEntry.objects.filter(action="instrument_version_imported", ics_code="QYG").exists()

    # When they create a wave with it, open it, and someone answers
    today = timezone.localdate()
    closes = today + timedelta(days=14)
    created = admin_client.post(
        f"{BASE}create/",
        {
            "version": str(version.pk),
            "title": "Principles consultation",
            "opens_on_day": today.day, "opens_on_month": today.month, "opens_on_year": today.year,
            "closes_on_day": closes.day, "closes_on_month": closes.month, "closes_on_year": closes.year,
            "open_link_enabled": "yes",
        },
    )  # fmt: skip
    assert created.status_code == 302, error_summary(created)
    wave = Wave.objects.get(title="Principles consultation")
    assert admin_client.post(f"{BASE}{wave.pk}/open/").status_code == 302
    wave.refresh_from_db()
    assert wave.status == WaveStatus.OPEN
    answers = {f"principle_{n}_right": 4 for n in range(1, 8)} | {
        "principle_2_comment": "Clear lines of sight matter.",
        "additional_principles": "no",
        "inclusive": 5,
        "prescriptive": "important",
        "clinical_role": "yes",
        "profession_group": "allied_health_professional",
        "ics_area": "none_of_the_above",
    }
    response_obj = response_create(wave=wave, answers=answers)
    assert response_obj.answers["inclusive"] == 5
    assert wave.responses.count() == 1


def test_a_broken_workbook_lists_every_problem_and_imports_nothing(admin_client: Client) -> None:
    response = upload(admin_client, broken_workbook())
    assert response.status_code == 200
    assert error_summary(response) == [
        'survey row 6, column "type": "geopoint" is not a supported question type. Use select_one, select_multiple, text, integer or note.',
        'survey row 7, column "name": Enter a name for this question: a short code in lowercase letters, digits and underscores, for example "shape_vision".',
        'survey row 7, column "required": "perhaps" is not yes or no. Enter yes or no.',
        'choices row 4, column "name": "yes" is already used in the list "yes_no" (row 2). Each choice in a list needs a different name.',
    ]  # fmt: skip
    page = soup(response)
    assert all(a["href"] == "#id_file" for a in page.select(".nhsuk-error-summary a"))
    assert "The workbook has 4 problems" in page.select_one(".nhsuk-error-message").get_text()
    assert not Instrument.objects.filter(ics=ics()).exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "", "Select an XLSForm workbook (.xlsx) to import"),
        (b"", "survey.xlsx", "The selected file is empty"),
        (b"type,name\n", "survey.csv", "The selected file must be an Excel workbook (.xlsx)"),
        (b"PK" + b"\0" * (5 * 1024 * 1024), "big.xlsx", "The selected file must be smaller than 5 MB"),
        (b"not a workbook", "survey.xlsx", "workbook: This file is not an Excel workbook (.xlsx). Save the survey from Excel, LibreOffice or Google Sheets as an .xlsx file and upload it again."),
    ],
)  # fmt: skip
def test_a_file_that_is_not_a_usable_workbook_is_refused(
    admin_client: Client, content: bytes | None, name: str, message: str
) -> None:
    if content is None:
        response = admin_client.post(f"{BASE}instruments/import/", {})
    else:
        response = upload(admin_client, content, name)
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert not Instrument.objects.filter(ics=ics()).exists()


def test_importing_the_same_version_twice_changes_nothing(admin_client: Client) -> None:
    upload(admin_client, consultation_workbook())
    response = upload(admin_client, consultation_workbook())
    assert "Already imported, nothing changed" in text(admin_client.get(response["Location"]))
    assert InstrumentVersion.objects.filter(instrument__ics=ics()).count() == 1


def test_a_changed_questionnaire_with_the_same_version_is_refused(admin_client: Client) -> None:
    upload(admin_client, build_workbook(minimal_sheets()))
    sheets = minimal_sheets()
    sheets["survey"][2][2] = "Do you feel involved in decisions?"
    response = upload(admin_client, build_workbook(sheets))
    assert "already exists with different questions" in error_summary(response)[0]


def test_export_then_import_round_trips(admin_client: Client) -> None:
    response = admin_client.get(f"{BASE}instruments/{pulse_check().pk}/xlsform/")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="ccpl-pulse-check-v1.xlsx"'
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert read_xlsform(BytesIO(content)) == pulse_check().definition
    assert upload(admin_client, content).status_code == 302
    own = InstrumentVersion.objects.get(instrument__ics=ics())
    assert own.definition == pulse_check().definition


def test_the_example_consultation_workbook_downloads(admin_client: Client) -> None:
    listing = soup(admin_client.get(f"{BASE}instruments/"))
    link = listing.find("a", string=lambda s: s and "Download an example" in s)
    response = admin_client.get(link["href"])
    assert response["Content-Disposition"].endswith('filename="ccpl-principles-consultation.xlsx"')
    assert read_xlsform(BytesIO(response.content)).key == "ccpl-principles-consultation"


def test_another_systems_questionnaire_cannot_be_exported(admin_client: Client) -> None:
    theirs = small_version(ics=ics("QMJ"))
    assert admin_client.get(f"{BASE}instruments/{theirs.pk}/xlsform/").status_code == 404


def test_the_create_page_offers_the_standard_and_the_systems_own_questionnaires(
    admin_client: Client,
) -> None:
    small_version(ics=ics())
    page = soup(admin_client.get(f"{BASE}create/"))
    options = [item.get_text(" ", strip=True) for item in page.select(".nhsuk-radios__item")][:2]
    assert options == [
        "CCPL Pulse Check (version 1) The standard survey: 45 questions",
        "Small survey (version 1) Your system's own survey: 7 questions",
    ]
