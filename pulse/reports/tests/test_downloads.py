"""Asking for a report, waiting for it, and downloading it: every step audited."""

import pytest
from django.test import Client

from pulse.core.models import AuditEntry
from pulse.core.tests.html import text
from pulse.reports.models import ReportFile, ReportStatus, WavePublication
from pulse.reports.tests.builders import results_url
from pulse.reports.tests.exports import csv_tables, pdf_text, workbook_problems
from pulse.surveys.models import Wave

pytestmark = pytest.mark.django_db


def _request(client: Client, wave: Wave, file_format: str, capture) -> object:
    with capture(execute=True):
        return client.post(results_url(wave, "downloads/"), {"format": file_format})


@pytest.mark.parametrize("file_format", ["pdf", "xlsx", "csv"])
def test_a_viewer_asks_for_a_file_and_downloads_it(
    viewer_client: Client, rerun: Wave, file_format: str, django_capture_on_commit_callbacks
) -> None:
    response = _request(viewer_client, rerun, file_format, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    page = viewer_client.get(results_url(rerun, "downloads/"))
    assert "Download the" in text(page)
    download = viewer_client.get(results_url(rerun, f"downloads/{file_format}/"))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="leadership-pulse-qyg-')
    content = download.content
    if file_format == "pdf":
        assert "Executive summary" in pdf_text(content)
    elif file_format == "xlsx":
        assert workbook_problems(content) == []
    else:
        assert "construct_scores.csv" in csv_tables(content)


def test_requests_and_downloads_are_audited(
    viewer_client: Client, rerun: Wave, django_capture_on_commit_callbacks
) -> None:
    _request(viewer_client, rerun, "xlsx", django_capture_on_commit_callbacks)
    viewer_client.get(results_url(rerun, "downloads/xlsx/"))
    viewer_client.get(results_url(rerun, "downloads/xlsx/"))
    entries = AuditEntry.objects.filter(target_id=str(rerun.pk), ics_code="QYG")
    assert entries.filter(action="report_requested", details={"format": "xlsx"}).count() == 1
    assert entries.filter(action="report_downloaded", details={"format": "xlsx"}).count() == 2
    assert (
        entries.filter(action="report_downloaded").first().actor_label.endswith("@example.nhs.uk")
    )


def test_while_a_file_is_prepared_the_page_says_so(viewer_client: Client, rerun: Wave) -> None:
    viewer_client.post(results_url(rerun, "downloads/"), {"format": "pdf"})  # task not run yet
    assert ReportFile.objects.get(wave=rerun, format="pdf").status == ReportStatus.QUEUED
    page = text(viewer_client.get(results_url(rerun, "downloads/")))
    assert "Your report is being prepared" in page and "Check if it is ready" in page
    response = viewer_client.get(results_url(rerun, "downloads/pdf/"))
    assert response.status_code == 302 and response["Location"].endswith("/downloads/")


def test_one_current_file_is_kept_per_format(
    viewer_client: Client, rerun: Wave, django_capture_on_commit_callbacks
) -> None:
    _request(viewer_client, rerun, "csv", django_capture_on_commit_callbacks)
    _request(viewer_client, rerun, "csv", django_capture_on_commit_callbacks)
    assert ReportFile.objects.filter(wave=rerun, format="csv").count() == 1


def test_a_file_made_from_an_older_publication_is_not_offered(
    viewer_client: Client, rerun: Wave, django_capture_on_commit_callbacks
) -> None:
    _request(viewer_client, rerun, "csv", django_capture_on_commit_callbacks)
    publication = WavePublication.objects.get(wave=rerun)
    WavePublication.objects.filter(pk=publication.pk).update(
        computed_at=publication.computed_at.replace(year=publication.computed_at.year + 1)
    )
    response = viewer_client.get(results_url(rerun, "downloads/csv/"))
    assert response.status_code == 302


@pytest.mark.parametrize("value", ["docx", "", "../../etc/passwd"])
def test_asking_for_an_unknown_format_is_refused_clearly(
    viewer_client: Client, rerun: Wave, value: str
) -> None:
    response = viewer_client.post(results_url(rerun, "downloads/"), {"format": value})
    assert response.status_code == 400
    assert "Select the file to prepare" in text(response)
    assert not ReportFile.objects.exists()


def test_downloading_an_unknown_format_is_not_found(viewer_client: Client, rerun: Wave) -> None:
    assert viewer_client.get(results_url(rerun, "downloads/docx/")).status_code == 404


def test_a_file_that_could_not_be_made_says_so_and_can_be_asked_for_again(
    viewer_client: Client,
    rerun: Wave,
    django_capture_on_commit_callbacks,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object) -> bytes:
        raise RuntimeError("renderer unavailable")

    monkeypatch.setattr("pulse.reports.services.report_files.render_content", broken)
    _request(viewer_client, rerun, "pdf", django_capture_on_commit_callbacks)
    assert ReportFile.objects.get(wave=rerun, format="pdf").status == ReportStatus.FAILED
    page = text(viewer_client.get(results_url(rerun, "downloads/")))
    assert "the file could not be prepared" in page
    assert "Prepare the PDF board report" in page
