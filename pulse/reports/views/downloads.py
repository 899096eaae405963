"""Ask for the PDF board report, the Excel data pack or the CSV tables, then download them."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from pulse.nhsuk_forms.rendering import error_list
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm
from pulse.reports import selectors
from pulse.reports.forms import ReportRequestForm
from pulse.reports.models import ReportFormat, ReportStatus
from pulse.reports.presenters.downloads import CONTENT_TYPES, download_items, file_name, is_current
from pulse.reports.results import Results
from pulse.reports.services.report_files import report_download_record, report_request
from pulse.reports.views.common import results_page


@results_page("reports:list_downloads", "list_downloads", methods=("GET", "POST"))
def list_downloads(request: HttpRequest, results: Results) -> dict[str, Any] | HttpResponse:
    wave = results.wave
    form = ReportRequestForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        report_request(wave=wave, file_format=form.cleaned_data["format"], by=request.user)
        return redirect("reports:list_downloads", ics_code=wave.ics.url_code, wave_id=wave.pk)
    items = download_items(results, selectors.report_files_for_wave(wave=wave))
    return {
        "items": items,
        "preparing": any(i["state"] == ReportStatus.QUEUED for i in items),
        "errors": error_list(form) if form.is_bound else [],
        "status": 400 if form.is_bound else 200,
    }


@require_GET
@ics_view(Perm.VIEW_RESULTS)
def download_report(request: HttpRequest, ics: ICS, wave_id: int, file_format: str) -> HttpResponse:
    if file_format not in ReportFormat.values:
        raise Http404("No such file")
    wave = selectors.published_wave_for_ics(ics=ics, wave_id=wave_id)
    results = selectors.results_for_wave(wave=wave)
    report_file = selectors.report_file_for_wave(wave=wave, file_format=file_format)
    if (
        results is None
        or report_file is None
        or report_file.status != ReportStatus.READY
        or not is_current(report_file, results)
    ):
        return redirect("reports:list_downloads", ics_code=ics.url_code, wave_id=wave.pk)
    report_download_record(report_file=report_file, by=request.user)
    response = HttpResponse(
        bytes(report_file.content), content_type=CONTENT_TYPES[ReportFormat(file_format)]
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name(wave, file_format)}"'
    return response
