"""The downloads page of a completed round: each file, whether it is ready, what to do next."""

from typing import Any

from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify

from pulse.assessments.models import FileFormat, FileStatus, Round, RoundFile
from pulse.assessments.presenters.common import round_url
from pulse.core.formatting import nhs_date

DESCRIPTIONS = {
    FileFormat.PDF: "The results for your board: the gateway, each principle's maturity and "
    "movement, the perception gap, charts with their tables, and the open actions.",
    FileFormat.XLSX: "The agreed level of every indicator with its rationale and evidence, the "
    "principles' maturity, the perception gap and how the panel's ratings spread, one sheet each.",
}
CONTENT_TYPES = {
    FileFormat.PDF: "application/pdf",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_name(round: Round, file_format: str) -> str:
    extension = FileFormat(file_format).value
    return f"self-assessment-{round.ics.ods_code.lower()}-{slugify(round.title)}.{extension}"


def download_items(round: Round, files: dict[str, RoundFile]) -> list[dict[str, Any]]:
    items = []
    for fmt in FileFormat:
        round_file = files.get(fmt.value)
        state = round_file.status if round_file is not None else "missing"
        item: dict[str, Any] = {
            "format": fmt.value,
            "title": fmt.label,
            "description": DESCRIPTIONS[fmt],
            "state": state,
        }
        if state == FileStatus.READY and round_file is not None:
            item["href"] = round_url("assessments:download_report", round, file_format=fmt.value)
            item["detail"] = (
                f"{filesizeformat(round_file.size)}, prepared on "
                f"{nhs_date(round_file.completed_at, with_time=True)}"
            )
        items.append(item)
    return items
