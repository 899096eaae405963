"""The downloads page: each format, whether it is ready, and what to do next."""

from typing import Any

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.text import slugify

from pulse.core.formatting import nhs_date
from pulse.reports.models import ReportFile, ReportFormat, ReportStatus
from pulse.reports.results import Results
from pulse.surveys.models import Wave

DESCRIPTIONS = {
    ReportFormat.PDF: "A report for your board: executive summary, charts, tables and methodology.",
    ReportFormat.XLSX: "Every results table on its own sheet, with a notes sheet. Hidden figures "
    "say why they are hidden.",
    ReportFormat.CSV: "The same tables as the Excel data pack, one CSV file each, in a zip file.",
}
EXTENSIONS = {ReportFormat.PDF: "pdf", ReportFormat.XLSX: "xlsx", ReportFormat.CSV: "zip"}
CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.CSV: "application/zip",
}
NAMES = {
    ReportFormat.PDF: "board-report",
    ReportFormat.XLSX: "data-pack",
    ReportFormat.CSV: "tables",
}


def file_name(wave: Wave, file_format: str) -> str:
    fmt = ReportFormat(file_format)
    return f"leadership-pulse-{wave.ics.ods_code.lower()}-{slugify(wave.title)}-{NAMES[fmt]}.{EXTENSIONS[fmt]}"


def is_current(report_file: ReportFile | None, results: Results) -> bool:
    return (
        report_file is not None
        and report_file.publication_computed_at == results.publication.computed_at
    )


def _state(report_file: ReportFile | None, results: Results) -> str:
    """queued, failed, ready, or missing (never asked for, or made from an older publication)."""
    if report_file is None:
        return "missing"
    if report_file.status in (ReportStatus.QUEUED, ReportStatus.FAILED):
        return str(report_file.status)
    return "ready" if is_current(report_file, results) else "missing"


def download_items(results: Results, files: dict[str, ReportFile]) -> list[dict[str, Any]]:
    wave = results.wave
    items = []
    for fmt in ReportFormat:
        report_file = files.get(fmt.value)
        state = _state(report_file, results)
        item: dict[str, Any] = {
            "format": fmt.value,
            "title": fmt.label,
            "description": DESCRIPTIONS[fmt],
            "state": state,
        }
        if state == ReportStatus.READY and report_file is not None:
            item["href"] = reverse(
                "reports:download_report",
                kwargs={
                    "ics_code": wave.ics.url_code,
                    "wave_id": wave.pk,
                    "file_format": fmt.value,
                },
            )
            item["detail"] = (
                f"{ReportFormat(fmt).label}, {filesizeformat(report_file.size)}, prepared on "
                f"{nhs_date(report_file.completed_at, with_time=True)}"
            )
        items.append(item)
    return items
