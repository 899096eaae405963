"""Report files of a completed round: requested (audited), rendered in the background,
downloaded (audited). One current file per round and format."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from pulse.assessments import selectors
from pulse.assessments.models import FileFormat, Round, RoundFile, RoundStatus
from pulse.assessments.services._common import audit


def render_content(round: Round, file_format: str) -> bytes:
    from pulse.assessments.exports import render_round_pdf, render_round_xlsx

    if file_format == FileFormat.PDF:
        return render_round_pdf(round)
    if file_format == FileFormat.XLSX:
        return render_round_xlsx(round)
    raise ValueError(f"unknown file format {file_format!r}")


@transaction.atomic
def round_file_request(*, round: Round, file_format: str, by: Any) -> RoundFile:
    """Ask for a file to be (re)made; the background task renders it after this commits."""
    from pulse.assessments.tasks import render_round_file

    FileFormat(file_format)  # ValueError for anything else
    if round.status != RoundStatus.COMPLETED:
        raise ValueError("only a completed round has files")
    round_file, _ = RoundFile.objects.select_for_update().get_or_create(
        round=round, format=file_format, defaults={"created_at": timezone.now()}
    )
    round_file.queue(by=by)
    audit(round, "assessment_report_requested", by, format=file_format)
    file_id = round_file.pk
    transaction.on_commit(lambda: render_round_file.enqueue(round_file_id=file_id))
    return round_file


def round_file_render(*, round_file_id: int) -> RoundFile | None:
    round_file = selectors.round_file_by_id(file_id=round_file_id)
    if round_file is None:
        return None
    round_file.store(lambda: render_content(round_file.round, round_file.format))
    return round_file


def round_file_download_record(*, round_file: RoundFile, by: Any) -> None:
    audit(round_file.round, "assessment_report_downloaded", by, format=round_file.format)
