"""A challenge's ideas as CSV or Excel for the design group: asked for (audited), prepared in the
background (DESIGN.md section 4), downloaded (audited). The file never names the author of an
idea posted as "A colleague" (`pulse.ideas.exports`)."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from pulse.core.services import audit_record
from pulse.ideas import exports, selectors
from pulse.ideas.models import Challenge, IdeasFile, IdeasFileFormat

CONTENT_TYPES = {
    IdeasFileFormat.CSV: "text/csv; charset=utf-8",
    IdeasFileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def ideas_file_content(*, challenge: Challenge, file_format: str) -> bytes:
    rows = exports.idea_rows(selectors.ideas_for_export(challenge=challenge))
    if IdeasFileFormat(file_format) == IdeasFileFormat.CSV:
        return exports.to_csv(rows)
    return exports.to_xlsx(rows, sheet_title="Ideas")


def ideas_file_name(ideas_file: IdeasFile) -> str:
    name = slugify(ideas_file.challenge.title)[:60] or "challenge"
    return f"ideas-{name}.{ideas_file.format}"


def _audit(challenge: Challenge, action: str, by: Any, **details: Any) -> None:
    audit_record(
        actor=by,
        action=action,
        target=challenge,
        ics_code=challenge.ics.ods_code,
        details=details,
    )


@transaction.atomic
def ideas_file_request(*, challenge: Challenge, file_format: str, by: Any) -> IdeasFile:
    """Ask for the file to be (re)made; the task prepares it once this transaction commits."""
    from pulse.ideas.tasks import render_ideas_file

    file_format = IdeasFileFormat(file_format)  # ValueError for any other format
    ideas_file, _ = IdeasFile.objects.select_for_update().get_or_create(
        challenge=challenge, format=file_format, defaults={"created_at": timezone.now()}
    )
    ideas_file.queue(by=by)
    _audit(challenge, "ideas_export_requested", by, format=file_format.value)
    file_id = ideas_file.pk
    transaction.on_commit(lambda: render_ideas_file.enqueue(ideas_file_id=file_id))
    return ideas_file


def ideas_file_render(*, ideas_file_id: int) -> IdeasFile | None:
    """Prepare a queued file (run by the task); a file deleted meanwhile is skipped."""
    ideas_file = selectors.ideas_file_by_id(file_id=ideas_file_id)
    if ideas_file is None:
        return None
    ideas_file.store(
        lambda: ideas_file_content(challenge=ideas_file.challenge, file_format=ideas_file.format)
    )
    return ideas_file


def ideas_file_download_record(*, ideas_file: IdeasFile, by: Any) -> None:
    _audit(ideas_file.challenge, "ideas_exported", by, format=ideas_file.format)
