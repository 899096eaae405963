"""Analysts' files of the national table: requested (audited), rendered in the background from
the stored national publication, downloaded (audited). One current file per publication, scope
(England or a region) and format; a rebuilt publication makes older files stale."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from pulse.core.services import audit_record
from pulse.reports.national import selectors
from pulse.reports.national.exports import content_for, render_csv_zip, render_xlsx
from pulse.reports.national.models import NationalFile, NationalFormat
from pulse.reports.national.scope import Scope
from pulse.reports.national.spss import render_sav
from pulse.reports.national.stored import NationalResults


def _audit(national_file: NationalFile, action: str, by: Any) -> None:
    audit_record(
        actor=by,
        action=action,
        target=national_file.publication,
        details={"format": national_file.format, "scope": national_file.scope},
    )


@transaction.atomic
def national_file_request(
    *, results: NationalResults, scope: Scope, file_format: str, by: Any
) -> NationalFile:
    """Ask for a file to be (re)made; the background task renders it after this commits.
    The scope is the requester's: a regional analyst's file never lists another region."""
    from pulse.reports.national.tasks import render_national_file

    NationalFormat(file_format)  # ValueError for anything else
    now = timezone.now()
    national_file, _ = NationalFile.objects.select_for_update().get_or_create(
        publication=results.publication,
        scope=scope.key,
        format=file_format,
        defaults={"created_at": now},
    )
    national_file.queue(by=by)
    _audit(national_file, "national_file_requested", by)
    file_id = national_file.pk
    transaction.on_commit(lambda: render_national_file.enqueue(file_id=file_id))
    return national_file


def render_national_content(results: NationalResults, scope: Scope, file_format: str) -> bytes:
    """The bytes of one file for `scope` (also used by tests and the API's documentation)."""
    systems = selectors.systems_by_code()
    regions = selectors.all_regions()
    content = content_for(results, scope, systems, regions)
    if file_format == NationalFormat.XLSX:
        return render_xlsx(content)
    if file_format == NationalFormat.CSV:
        return render_csv_zip(content)
    if file_format == NationalFormat.SAV:
        return render_sav(content, {r.code: r.name for r in regions})
    raise ValueError(f"unknown national file format {file_format!r}")


def file_scope(national_file: NationalFile) -> Scope:
    """The scope a file was requested for: England (every system named) or one region."""
    if national_file.scope == "england":
        return Scope(region=None, listed=None, named=None, openable=frozenset(), regions=None)
    region = next(r for r in selectors.all_regions() if r.code == national_file.scope)
    codes = frozenset(
        code for code, ics in selectors.systems_by_code().items() if ics.region_id == region.pk
    )
    return Scope(
        region=region,
        listed=codes,
        named=codes,
        openable=frozenset(),
        regions=frozenset({region.code}),
    )


def national_file_render(*, file_id: int) -> NationalFile | None:
    """Render a queued file from the stored national publication (failures are recorded)."""
    national_file = (
        NationalFile.objects.select_related("publication__version__instrument")
        .filter(pk=file_id)
        .first()
    )
    if national_file is None:
        return None
    results = NationalResults(national_file.publication)
    scope = file_scope(national_file)
    national_file.store(
        lambda: render_national_content(results, scope, national_file.format),
        publication_computed_at=results.publication.computed_at,
    )
    return national_file


def national_file_download_record(*, national_file: NationalFile, by: Any) -> None:
    """Every download is recorded in the audit log."""
    _audit(national_file, "national_file_downloaded", by)
