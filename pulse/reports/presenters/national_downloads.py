"""The analysts' downloads page: each format of the national table, whether it is ready, and
what to do next."""

from typing import Any

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.text import slugify

from pulse.core.formatting import nhs_date
from pulse.reports.national.models import FileStatus, NationalFile, NationalFormat
from pulse.reports.national.scope import Scope
from pulse.reports.national.stored import NationalResults

DESCRIPTIONS = {
    NationalFormat.XLSX: "The systems compared, every system's score for every scale and England's "
    "and the regions' figures, each on its own sheet, with a notes sheet.",
    NationalFormat.CSV: "The same tables as the Excel workbook, one CSV file each, in a zip file.",
    NationalFormat.SAV: "The same figures as one SPSS data file, one case per area and scale, with "
    "variable and value labels.",
}
EXTENSIONS = {NationalFormat.XLSX: "xlsx", NationalFormat.CSV: "zip", NationalFormat.SAV: "sav"}
CONTENT_TYPES = {
    NationalFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    NationalFormat.CSV: "application/zip",
    NationalFormat.SAV: "application/x-spss-sav",
}


def file_name(results: NationalResults, scope: Scope, file_format: str) -> str:
    where = "england" if scope.region is None else slugify(scope.region.name)
    version = results.publication.version
    return (
        f"leadership-pulse-{where}-{slugify(version.instrument.title)}-v{version.version}"
        f".{EXTENSIONS[NationalFormat(file_format)]}"
    )


def is_current(national_file: NationalFile | None, results: NationalResults) -> bool:
    return (
        national_file is not None
        and national_file.publication_computed_at == results.publication.computed_at
    )


def _state(national_file: NationalFile | None, results: NationalResults) -> str:
    if national_file is None:
        return "missing"
    if national_file.status in (FileStatus.QUEUED, FileStatus.FAILED):
        return str(national_file.status)
    return "ready" if is_current(national_file, results) else "missing"


def download_url(results: NationalResults, scope: Scope, file_format: str) -> str:
    kwargs: dict[str, Any] = {"benchmark_id": results.publication.pk, "file_format": file_format}
    if scope.region is None:
        return reverse("national:download_england_file", kwargs=kwargs)
    kwargs["region_code"] = scope.region.code.lower()
    return reverse("national:download_region_file", kwargs=kwargs)


def download_items(
    results: NationalResults, scope: Scope, files: dict[str, NationalFile]
) -> list[dict[str, Any]]:
    items = []
    for fmt in NationalFormat:
        national_file = files.get(fmt.value)
        state = _state(national_file, results)
        item: dict[str, Any] = {
            "format": fmt.value,
            "title": fmt.label,
            "description": DESCRIPTIONS[fmt],
            "state": state,
        }
        if state == FileStatus.READY and national_file is not None:
            item["href"] = download_url(results, scope, fmt.value)
            item["detail"] = (
                f"{fmt.label}, {filesizeformat(national_file.size)}, prepared on "
                f"{nhs_date(national_file.completed_at, with_time=True)}"
            )
        items.append(item)
    return items
