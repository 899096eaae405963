"""A completed round's results, and its PDF report and Excel data pack."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods

from pulse.assessments import selectors
from pulse.assessments.forms import FileRequestForm
from pulse.assessments.models import FileFormat, FileStatus
from pulse.assessments.presenters import downloads as presenters
from pulse.assessments.report import results_context
from pulse.assessments.services.files import round_file_download_record, round_file_request
from pulse.assessments.views._common import page
from pulse.nhsuk_forms.rendering import error_list
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm, has_perm

#: The Excel data pack shows how the panel's ratings spread, so it follows the same rule as
#: the consensus page: see selectors.ratings_visible_to.
SHOWS_RATINGS = frozenset({FileFormat.XLSX})


@require_GET
@ics_view(Perm.VIEW_ASSESSMENT_RESULTS)
def show_results(request: HttpRequest, ics: ICS, round_id: int) -> HttpResponse:
    round = selectors.completed_round_for_ics(ics=ics, round_id=round_id)
    return page(
        request,
        ics,
        "show_results",
        round=round,
        can_see_plan=has_perm(request.user, Perm.VIEW_ACTIONS, ics=ics),
        can_see_panel=selectors.ratings_visible_to(round=round, user=request.user),
        pdf=False,
        **results_context(round),
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.VIEW_ASSESSMENT_RESULTS)
def list_downloads(request: HttpRequest, ics: ICS, round_id: int) -> HttpResponse:
    round = selectors.completed_round_for_ics(ics=ics, round_id=round_id)
    can_see_panel = selectors.ratings_visible_to(round=round, user=request.user)
    form = FileRequestForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        file_format = form.cleaned_data["format"]
        if file_format in SHOWS_RATINGS and not can_see_panel:
            raise selectors.RatingsHidden("The data pack shows the panel's ratings")
        round_file_request(round=round, file_format=file_format, by=request.user)
        return redirect("assessments:list_downloads", ics_code=ics.url_code, round_id=round.pk)
    items = presenters.download_items(round, selectors.round_files(round=round))
    if not can_see_panel:
        items = [i for i in items if i["format"] not in SHOWS_RATINGS]
    return page(
        request,
        ics,
        "list_downloads",
        round=round,
        items=items,
        errors=error_list(form) if form.is_bound else [],
        status=400 if form.is_bound else 200,
    )


@require_GET
@ics_view(Perm.VIEW_ASSESSMENT_RESULTS)
def download_report(
    request: HttpRequest, ics: ICS, round_id: int, file_format: str
) -> HttpResponse:
    if file_format not in FileFormat.values:
        raise Http404("No such file")
    round = selectors.completed_round_for_ics(ics=ics, round_id=round_id)
    if file_format in SHOWS_RATINGS and not selectors.ratings_visible_to(
        round=round, user=request.user
    ):
        raise selectors.RatingsHidden("The data pack shows the panel's ratings")
    round_file = selectors.round_file(round=round, file_format=file_format)
    if round_file is None or round_file.status != FileStatus.READY:
        return redirect("assessments:list_downloads", ics_code=ics.url_code, round_id=round.pk)
    round_file_download_record(round_file=round_file, by=request.user)
    response = HttpResponse(
        bytes(round_file.content), content_type=presenters.CONTENT_TYPES[FileFormat(file_format)]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{presenters.file_name(round, file_format)}"'
    )
    return response
