"""Importing results from another survey tool into a closed wave: a SurveyMonkey export of the
seed 003 consultation mapped on screen, saved as a mapping and reused for the next export;
personal columns dropped, times cut to the date, every bad row listed, all or nothing."""

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pulse.core.models import AuditEntry
from pulse.core.tests.html import assert_page_basics, error_summary, soup, text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import ics, member
from pulse.surveys.models import Response, ResponseSource, ResultsMapping, ResultsUpload
from pulse.surveys.results_import.reading import day_first, read_export, to_date
from pulse.surveys.services.instruments import instrument_version_create
from pulse.surveys.services.waves import wave_close, wave_open
from pulse.surveys.tests import surveymonkey
from pulse.surveys.tests.distribution_helpers import committed, csv_bytes, draft_wave, xlsx_bytes
from pulse.surveys.xlsform import read_xlsform
from pulse.surveys.xlsform_example import consultation_workbook

pytestmark = pytest.mark.django_db
PERSONAL = ("person1@example.nhs.uk", "81.2.69.1", "Surname1", "12000000001", "staff-1")


def consultation_wave(closed: bool = True) -> Any:
    version, _ = instrument_version_create(
        definition=read_xlsform(consultation_workbook()), ics=ics()
    )
    wave = draft_wave(version=version, title="Principles consultation 2021")
    with committed():
        wave = wave_open(wave=wave, by=None)
        if closed:
            wave = wave_close(wave=wave, by=None)
    return wave


@pytest.fixture
def admin(client: Client) -> Client:
    client.force_login(member(Role.ICS_ADMIN, "QYG"))
    return client


def base(wave: Any) -> str:
    return f"/ics/qyg/surveys/{wave.pk}/import/"


def upload(client: Client, wave: Any, data: bytes, name: str = "export.csv") -> Any:
    return client.post(base(wave), {"file": SimpleUploadedFile(name, data)})


def map_answers(client: Client, answers_url: str) -> Any:
    page = client.get(answers_url)
    assert_page_basics(page)
    data = surveymonkey.choices_for(soup(page).select("main select"))
    return client.post(answers_url, data)


def test_a_surveymonkey_export_is_imported_through_a_saved_mapping(admin: Client) -> None:
    wave = consultation_wave()
    # Upload: personal columns are dropped at once, with a notice; dates are found.
    reply = upload(admin, wave, surveymonkey.export_csv(12))
    assert reply.status_code == 302, error_summary(reply)
    columns_url = reply["Location"]
    page = admin.get(columns_url)
    assert_page_basics(page)
    notice = text(page)
    assert (
        "deleted and will not be imported: Respondent ID, Collector ID, IP Address, "
        "Email Address, First Name, Last Name, Custom Data 1" in notice
    )
    assert "Dates and times were found in: Start Date, End Date. Only the date is kept." in notice
    stored = str(ResultsUpload.objects.get().rows)
    assert not any(value in stored for value in PERSONAL)
    assert "09:2" not in stored  # no time of day is kept
    # Columns: the seven principle questions share one wording, so they are chosen by hand.
    data = {f"column_{i}": key for i, key in surveymonkey.column_keys().items()}
    data["date_column"] = "3"  # End Date
    reply = admin.post(columns_url, data)
    assert reply.status_code == 302, error_summary(reply)
    # Answers: exact matches are chosen already; the others are chosen on the page.
    reply = map_answers(admin, reply["Location"])
    assert reply.status_code == 302, error_summary(reply)
    preview = admin.get(reply["Location"])
    assert_page_basics(preview)
    shown = text(preview)
    assert "Responses to import 12 responses" in shown
    assert "Rows that cannot be imported 0 rows" in shown
    assert "The first responses, as they will be stored" in shown
    assert not any(value in preview.content.decode() for value in PERSONAL)
    reply = admin.post(reply["Location"], {"save_as": "SurveyMonkey export"}, follow=True)
    assert "12 responses imported" in text(reply)
    imported = Response.objects.filter(wave=wave, source=ResponseSource.IMPORT)
    assert imported.count() == 12
    assert {r.submitted_on.month for r in imported} == {3}
    assert all(date(2021, 3, 1) <= r.submitted_on <= date(2021, 3, 28) for r in imported)
    answers = str(list(imported.values_list("answers", flat=True)))
    assert not any(value in answers for value in PERSONAL)
    assert "=SUM(A1:A9) protected time" in answers  # a formula is kept as plain text
    nurse = [
        r for r in imported if r.answers.get("profession_group") == "registered_nurse_or_midwife"
    ]
    assert nurse and all(r.answers["clinical_role"] == "yes" for r in nurse)
    assert not ResultsUpload.objects.exists()
    assert ResultsMapping.objects.get(ics=wave.ics).name == "SurveyMonkey export"

    # The next export from the same tool reuses the saved mapping.
    reply = upload(admin, wave, surveymonkey.export_csv(6, seed=4, start=100))
    columns_url = reply["Location"]
    mapping = ResultsMapping.objects.get()
    reply = admin.post(columns_url, {"action": "use_mapping", "mapping": str(mapping.pk)})
    assert reply.status_code == 302, error_summary(reply)
    reply = map_answers(admin, reply["Location"])
    reply = admin.post(reply["Location"], {"save_as": ""}, follow=True)
    assert "6 responses imported" in text(reply)
    assert Response.objects.filter(wave=wave, source=ResponseSource.IMPORT).count() == 18
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"results_file_uploaded", "results_imported", "results_mapping_saved"} <= actions
    assert "results_mapping_used" in actions


def problems_on(page: Any) -> list[str]:
    return [
        " ".join(td.get_text(" ", strip=True) for td in tr.select("td"))
        for tr in soup(page).select("#rows-to-fix tbody tr")
    ]


def test_rows_that_cannot_be_mapped_are_listed_and_nothing_is_imported(
    admin: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    wave = consultation_wave()
    rows = surveymonkey.export_rows(4)
    rows[3][9] = "Maybe"  # Line 4: an answer that means nothing in this survey
    rows[4][surveymonkey.IDENTIFYING.index("End Date")] = "the 32nd of March"  # Line 5
    rows[5][9] = ""  # Line 6: a required question left unanswered
    columns_url = upload(admin, wave, csv_bytes(rows))["Location"]
    data = {f"column_{i}": key for i, key in surveymonkey.column_keys().items()}
    data["date_column"] = "3"
    answers_url = admin.post(columns_url, data)["Location"]
    preview_url = answers_url.replace("answers", "preview")
    # Before the answers are matched, every row with an unmatched answer is listed.
    early = problems_on(admin.get(preview_url))
    assert (
        "Line 3 \u201cYes I work in a clinical/care professional role\u201d is not matched to "
        "an answer of clinical_role" in early
    )
    monkeypatch.setitem(surveymonkey.MEANINGS, "Maybe", "__blank__")
    map_answers(admin, answers_url)
    preview = admin.get(preview_url)
    assert problems_on(preview) == [
        "Line 4 principle_1_right: Answer this question",
        "Line 5 The date is not a date this service can read",
        "Line 6 principle_1_right: Answer this question",
    ]
    assert error_summary(preview)[0].startswith("3 rows cannot be imported")
    assert not [b for b in soup(preview).select("main button") if "Import" in b.get_text()]
    reply = admin.post(preview_url, {"save_as": ""})
    assert any("nothing has been imported" in e for e in error_summary(reply))
    assert not Response.objects.filter(wave=wave, source=ResponseSource.IMPORT).exists()
    assert ResultsUpload.objects.exists()


def test_only_a_closed_wave_takes_imported_responses(admin: Client) -> None:
    wave = consultation_wave(closed=False)
    reply = upload(admin, wave, surveymonkey.export_csv(2))
    assert reply.status_code == 200
    assert "You can only import responses into a survey that has closed" in text(reply)
    assert not ResultsUpload.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "export.csv", "The selected file is empty"),
        (b"%PDF", "export.pdf", "must be a CSV file or an Excel workbook"),
        (b"Email Address,IP Address\na@b.nhs.uk,1.2.3.4\n", "export.csv", "no columns of answers"),
        (b"Q1,Q2\n", "export.csv", "no responses"),
        (b"PK\x03\x04nonsense", "export.xlsx", "must be a CSV file or an Excel workbook"),
        (b"Q1\n" + b"x" * (2 * 1024 * 1024), "export.csv", "smaller than 2 MB"),
    ],
)
def test_a_bad_export_gets_a_clear_message_and_nothing_is_kept(
    admin: Client, data: bytes, name: str, message: str
) -> None:
    wave = consultation_wave()
    reply = upload(admin, wave, data, name)
    assert reply.status_code == 200
    assert any(message in item for item in error_summary(reply)), error_summary(reply)
    assert not ResultsUpload.objects.exists()


def test_mapping_one_question_to_two_columns_is_refused(admin: Client) -> None:
    wave = consultation_wave()
    columns_url = upload(admin, wave, surveymonkey.export_csv(2))["Location"]
    reply = admin.post(columns_url, {"column_9": "inclusive", "column_11": "inclusive"})
    assert reply.status_code == 200
    assert any("Only one column can answer inclusive" in e for e in error_summary(reply))
    reply = admin.post(columns_url, {"column_9": "no_such_question"})
    assert "Select a question from the list" in error_summary(reply)
    assert "Choose the question at least one column answers" in error_summary(
        admin.post(columns_url, {})
    )


def test_an_excel_export_with_real_dates_and_formulas_is_read_safely() -> None:
    from datetime import datetime

    rows = [
        ["ID", "Start time", "Completion time", "Email", "Name", "Your views", "Contact"],
        [1, datetime(2025, 6, 3, 9, 15), datetime(2025, 6, 3, 9, 40), "a@x.nhs.uk", "Ann",
         "=HYPERLINK(\"http://x\")", "ann@x.nhs.uk"],
        [2, datetime(2025, 6, 4, 9, 15), datetime(2025, 6, 4, 9, 40), "b@x.nhs.uk", "Bo",
         "Fine", "192.168.0.1"],
    ]  # fmt: skip
    export = read_export("forms.xlsx", xlsx_bytes(rows))
    assert export.dropped == ["ID", "Email", "Name", "Contact"]
    assert [(c.heading, c.kind) for c in export.columns] == [
        ("Start time", "date"),
        ("Completion time", "date"),
        ("Your views", "answer"),
    ]
    assert export.rows[0].cell(5) == '=HYPERLINK("http://x")'


def test_dates_are_read_day_first_unless_the_export_is_american() -> None:
    assert day_first(["03/04/2021 10:00"])  # ambiguous: England's order
    assert not day_first(["03/04/2021 10:00:00 AM"])  # SurveyMonkey's AM/PM: month first
    assert not day_first(["03/21/2021 10:15"])
    assert day_first(["21/03/2021"])
    assert to_date("2021-03-21T10:15:42", day_first_order=True) == date(2021, 3, 21)
    assert to_date("03/21/2021 10:15:42 PM", day_first_order=False) == date(2021, 3, 21)
    assert to_date("31/02/2021", day_first_order=True) is None
    assert to_date("yesterday", day_first_order=True) is None
