"""Exports of a challenge's ideas for the design group: audited, never naming anonymous authors."""

from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify

from pulse.core.services import audit_record
from pulse.ideas import exports, selectors
from pulse.ideas.models import Challenge

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    content_type: str


def ideas_export(*, challenge: Challenge, file_format: str, by: Any) -> ExportFile:
    if file_format not in FORMATS:
        raise ValueError(f"Unknown export format {file_format!r}")
    rows = exports.idea_rows(selectors.ideas_for_export(challenge=challenge))
    if file_format == "csv":
        content = exports.to_csv(rows)
    else:
        content = exports.to_xlsx(rows, sheet_title="Ideas")
    audit_record(
        actor=by,
        action="ideas_exported",
        target=challenge,
        ics_code=challenge.ics.ods_code,
        details={"format": file_format, "ideas": len(rows)},
    )
    name = slugify(challenge.title)[:60] or "challenge"
    return ExportFile(content, f"ideas-{name}.{file_format}", FORMATS[file_format])
