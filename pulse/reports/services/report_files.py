"""Report files: requested by a viewer (audited), rendered in the background from the stored
publication, downloaded (audited). One current file per wave and format."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from pulse.core.services import audit_record
from pulse.reports import selectors
from pulse.reports.models import ReportFile, ReportFormat
from pulse.reports.results import Results
from pulse.surveys.models import Wave


def render_content(results: Results, file_format: str) -> bytes:
    """The bytes of one file, exactly as a viewer downloads it (also used by `render_report`)."""
    if file_format == ReportFormat.PDF:
        from pulse.reports.exports.pdf import render_pdf

        return render_pdf(results)
    if file_format == ReportFormat.XLSX:
        from pulse.reports.exports.xlsx import render_xlsx

        return render_xlsx(results)
    if file_format == ReportFormat.CSV:
        from pulse.reports.exports.csv_zip import render_csv_zip

        return render_csv_zip(results)
    raise ValueError(f"unknown report format {file_format!r}")


def _audit(wave: Wave, action: str, by: Any, file_format: str) -> None:
    audit_record(
        actor=by,
        action=action,
        target=wave,
        ics_code=wave.ics.ods_code,
        details={"format": file_format},
    )


@transaction.atomic
def report_request(*, wave: Wave, file_format: str, by: Any) -> ReportFile:
    """Ask for a file to be (re)made; the background task renders it after this commits."""
    from pulse.reports.tasks import render_report_file

    ReportFormat(file_format)  # ValueError for anything else
    report_file, _ = ReportFile.objects.select_for_update().get_or_create(
        wave=wave, format=file_format, defaults={"created_at": timezone.now()}
    )
    report_file.queue(by=by)
    _audit(wave, "report_requested", by, file_format)
    file_id = report_file.pk
    transaction.on_commit(lambda: render_report_file.enqueue(report_file_id=file_id))
    return report_file


def report_file_render(*, report_file_id: int) -> ReportFile | None:
    """Render a queued file from the wave's stored publication (failures are recorded)."""
    from pulse.reports.services.publication import publication_ensure

    report_file = (
        ReportFile.objects.select_related("wave__ics", "wave__version__instrument")
        .filter(pk=report_file_id)
        .first()
    )
    if report_file is None:
        return None
    wave = report_file.wave
    publication_ensure(wave=wave)
    results = selectors.results_for_wave(wave=wave)
    assert results is not None
    report_file.store(
        lambda: render_content(results, report_file.format),
        publication_computed_at=results.publication.computed_at,
    )
    return report_file


def report_download_record(*, report_file: ReportFile, by: Any) -> None:
    """Every download is recorded in the audit log."""
    _audit(report_file.wave, "report_downloaded", by, report_file.format)
