"""Participant lists: uploading CSV or XLSX files, every bad row listed and nothing added until
the file is clean, re-uploading without duplicates, removing people, and every bad file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pulse.core.models import AuditEntry
from pulse.core.tests.html import assert_page_basics, error_summary, soup, text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import PlaceFactory, member
from pulse.surveys.models import Participant, WaveStatus
from pulse.surveys.services.distribution import participant_remove, participants_upload
from pulse.surveys.tabular import MAX_BYTES, MAX_ROWS
from pulse.surveys.tests.distribution_helpers import csv_bytes, draft_wave, invited_wave, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADINGS = ["Email", "Profession group", "Sector", "Place"]
GOOD = [
    HEADINGS,
    ["asha.patel@example.nhs.uk", "Pharmacist", "NHS provider", "Wirral"],
    ["ben.jones@example.nhs.uk", "nursing_midwifery", "icb", "liverpool"],
    ["Chen.Li@Example.NHS.uk", "", "", ""],
]


def upload(wave: object, data: bytes, name: str = "people.csv") -> object:
    return participants_upload(wave=wave, name=name, data=data, by=None)


def emails(wave: object) -> list[str]:
    return sorted(Participant.objects.filter(wave=wave).values_list("email", flat=True))


def test_a_clean_csv_adds_everyone_with_their_groups_as_codes() -> None:
    wave = draft_wave()
    result = upload(wave, csv_bytes(GOOD))
    assert (result.added, result.problems, result.error) == (3, [], "")
    asha = Participant.objects.get(email="asha.patel@example.nhs.uk")
    assert (asha.profession_group, asha.sector, asha.place) == (
        "pharmacist",
        "nhs_provider",
        "wirral",
    )
    assert "chen.li@example.nhs.uk" in emails(wave)  # stored in lower case
    assert AuditEntry.objects.filter(action="participants_added", details__added=3).exists()


def test_an_excel_workbook_works_the_same() -> None:
    wave = draft_wave()
    result = upload(wave, xlsx_bytes(GOOD), "people.xlsx")
    assert result.added == 3


def test_every_bad_row_is_listed_with_its_line_and_nothing_is_added() -> None:
    wave = draft_wave()
    rows = [
        HEADINGS,
        ["ok@example.nhs.uk", "", "", "Wirral"],
        ["not-an-email", "", "", ""],
        ["", "Pharmacist", "", ""],
        ["far@example.nhs.uk", "", "", "Runcorn"],
        ["OK@example.nhs.uk", "", "", ""],
        ["nurse@example.nhs.uk", "Nurse", "Hospital", ""],
    ]
    result = upload(wave, csv_bytes(rows))
    assert result.added == 0 and emails(wave) == []
    assert [str(p) for p in result.problems] == [
        "Line 3: \u201cnot-an-email\u201d is not a valid email address",
        "Line 4: Enter an email address",
        "Line 5: \u201cRuncorn\u201d is not one of your places in this survey",
        "Line 6: ok@example.nhs.uk is also on line 2",
        "Line 7: \u201cNurse\u201d is not a profession group in this survey",
        "Line 7: \u201cHospital\u201d is not a sector in this survey",
    ]


def test_uploading_again_adds_only_the_new_people() -> None:
    wave = draft_wave()
    upload(wave, csv_bytes(GOOD))
    again = upload(wave, csv_bytes([*GOOD, ["dan@example.nhs.uk", "", "", ""]]))
    assert (again.added, again.already_listed) == (1, 3)
    assert len(emails(wave)) == 4


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"], ids=["utf8", "bom", "win1252", "utf16"]
)
def test_utf8_with_or_without_bom_windows_1252_and_utf16_all_work(encoding: str) -> None:
    PlaceFactory(name="Ynys M\u00f4n", code="ynys-mon")
    wave = draft_wave()
    rows = [["Email", "Place"], ["zoe.o'brien@example.nhs.uk", "Ynys M\u00f4n"]]
    result = upload(wave, csv_bytes(rows, encoding))
    assert result.error == "" and result.problems == []
    assert Participant.objects.get(wave=wave).place == "ynys-mon"


def test_semicolons_and_tabs_separate_columns_too() -> None:
    wave = draft_wave()
    data = b"Email;Place\r\na@example.nhs.uk;Wirral\r\n"
    assert upload(wave, data).added == 1
    data = b"Email\tPlace\nb@example.nhs.uk\tHalton\n"
    assert upload(wave, data, "people.txt").added == 1


def test_a_formula_in_a_cell_is_treated_as_text_and_never_run() -> None:
    wave = draft_wave()
    rows = [["Email", "Place"], ['=HYPERLINK("http://evil","x")', "=1+1"]]
    for data, name in ((csv_bytes(rows), "people.csv"), (xlsx_bytes(rows), "people.xlsx")):
        result = upload(wave, data, name)
        assert [p.message for p in result.problems] == [
            '\u201c=HYPERLINK("http://evil","x")\u201d is not a valid email address',
            "\u201c=1+1\u201d is not one of your places in this survey",
        ]
    assert emails(wave) == []


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "people.csv", "The selected file is empty"),
        (b"\n\n", "people.csv", "The selected file is empty"),
        (b"Email\n", "people.csv", "The file has headings but no people"),
        (b"%PDF-1.4 binary", "people.pdf", "must be a CSV file or an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "people.xls", "old Excel format"),
        (b"PK\x03\x04broken", "people.xlsx", "must be a CSV file or an Excel workbook"),
        (b"Name,Place\nAsha,Wirral\n", "people.csv", "must have a column headed \u201cEmail\u201d"),
        (b"a@example.nhs.uk,Wirral\n", "people.csv", "must name the columns"),
        (b"Email,email\na@x.nhs.uk,b@x.nhs.uk\n", "people.csv", "2 columns headed"),
        (b"Email\n\x81\x8d\x8f\x90\x9d\n", "people.csv", "characters in the selected file"),
    ],
)
def test_a_file_that_cannot_be_used_gets_one_clear_message(
    data: bytes, name: str, message: str
) -> None:
    wave = draft_wave()
    result = upload(wave, data, name)
    assert message in result.error
    assert emails(wave) == []


def test_a_huge_file_or_too_many_rows_is_refused_with_the_limit() -> None:
    wave = draft_wave()
    huge = b"Email\n" + b"a" * (MAX_BYTES + 1)
    assert upload(wave, huge).error == "The selected file must be smaller than 2 MB"
    many = "Email\n" + "".join(f"p{n}@x.nhs.uk\n" for n in range(MAX_ROWS + 1))
    assert "more than 20,000 rows" in upload(wave, many.encode()).error
    assert emails(wave) == []


def test_a_survey_without_a_question_cannot_take_its_column() -> None:
    from pulse.surveys.tests.factories import small_version

    wave = draft_wave(version=small_version())
    result = upload(wave, csv_bytes([["Email", "Sector"], ["a@x.nhs.uk", "icb"]]))
    assert "does not ask for the sector" in result.error
    assert upload(wave, csv_bytes([["Email", "Sector"], ["a@x.nhs.uk", ""]])).added == 1


def test_people_can_be_removed_until_their_invitation_is_sent() -> None:
    wave = draft_wave()
    upload(wave, csv_bytes(GOOD))
    person = Participant.objects.get(email="ben.jones@example.nhs.uk")
    participant_remove(wave=wave, participant_id=person.pk, by=None)
    assert len(emails(wave)) == 2
    invited = invited_wave(2)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="already been sent"):
        participant_remove(wave=invited, participant_id=invited.participants.first().pk, by=None)
    entry = AuditEntry.objects.get(action="participant_removed")
    assert "ben" not in f"{entry.target_label} {entry.details}"


# --- the pages ------------------------------------------------------------------------------


@pytest.fixture
def admin(client: Client) -> Client:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    return client


def post_file(client: Client, wave: object, data: bytes, name: str = "people.csv") -> object:
    url = f"/ics/qyg/surveys/{wave.pk}/participants/upload/"
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def test_the_upload_page_lists_the_bad_rows_then_adds_the_fixed_file(admin: Client) -> None:
    wave = draft_wave()
    page = admin.get(f"/ics/qyg/surveys/{wave.pk}/participants/upload/")
    assert page.status_code == 200
    assert_page_basics(page)
    bad = post_file(admin, wave, csv_bytes([*GOOD, ["oops", "", "", ""]]))
    assert bad.status_code == 200
    assert error_summary(bad) == [
        "The file has 1 problem. Nobody has been added. Fix it and upload the file again."
    ]
    assert "Line 5 \u201coops\u201d is not a valid email address" in text(bad)
    assert soup(bad).title.get_text().startswith("Error:")
    good = post_file(admin, wave, csv_bytes(GOOD))
    assert good.status_code == 302
    listed = admin.get(good["Location"])
    assert "3 people added to the list" in text(listed)
    assert "asha.patel@example.nhs.uk" in text(listed)
    assert_page_basics(listed)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "people.csv", "The selected file is empty"),
        (b"x", "people.docx", "The selected file must be a CSV file or an Excel workbook (.xlsx)"),
        (b"Email\n" + b"a" * (MAX_BYTES + 10), "people.csv", "smaller than 2 MB"),
        (b"\x00\x01\x02\x03", "people.csv", "must be a CSV file or an Excel workbook"),
    ],
)
def test_no_bad_file_causes_a_server_error(
    admin: Client, data: bytes, name: str, message: str
) -> None:
    wave = draft_wave()
    reply = post_file(admin, wave, data, name)
    assert reply.status_code == 200
    assert any(message in item for item in error_summary(reply)), error_summary(reply)
    assert emails(wave) == []


def test_nothing_posted_asks_for_a_file(admin: Client) -> None:
    wave = draft_wave()
    reply = admin.post(f"/ics/qyg/surveys/{wave.pk}/participants/upload/", {})
    assert error_summary(reply) == ["Select a CSV file or an Excel workbook (.xlsx)"]


def test_the_remove_page_takes_a_person_off_and_says_so(admin: Client) -> None:
    wave = draft_wave()
    upload(wave, csv_bytes(GOOD))
    person = Participant.objects.get(email="asha.patel@example.nhs.uk")
    url = f"/ics/qyg/surveys/{wave.pk}/participants/{person.pk}/remove/"
    assert "Remove this person from the list?" in text(admin.get(url))
    reply = admin.post(url, follow=True)
    assert "asha.patel@example.nhs.uk has been removed from the list" in text(reply)
    assert len(emails(wave)) == 2


def test_another_systems_admin_cannot_see_or_change_the_list(client: Client) -> None:
    wave = draft_wave()
    upload(wave, csv_bytes(GOOD))
    client.force_login(member(Role.ICS_ADMIN, "QMJ"))
    for path in ("participants/", "participants/upload/", "fieldwork/", "invitations/"):
        assert client.get(f"/ics/qyg/surveys/{wave.pk}/{path}").status_code == 403
    assert client.get(f"/ics/qmj/surveys/{wave.pk}/participants/").status_code == 404
    client.force_login(member(Role.ICS_VIEWER, "QYG"))
    assert client.get(f"/ics/qyg/surveys/{wave.pk}/participants/").status_code == 403


def test_the_list_is_closed_to_changes_once_the_survey_closes(admin: Client) -> None:
    wave = draft_wave()
    upload(wave, csv_bytes(GOOD))
    wave.status = WaveStatus.CLOSED
    wave.save()
    reply = post_file(admin, wave, csv_bytes(GOOD))
    assert "The survey has closed, so you cannot add people to it." in text(reply)
    assert len(emails(wave)) == 3
