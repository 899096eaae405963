"""Analysts' pages: England (national analysts) and each region (national analysts, and the
region's own analysts), with the table of systems, England's and the regions' figures, funnel
plots and the national table's files. Every figure comes from the stored national publication."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pulse.nhsuk_forms.rendering import error_list
from pulse.organisations.access import england_view, region_view
from pulse.organisations.models import Region
from pulse.organisations.permissions import Perm
from pulse.organisations.presenters import analyst_navigation
from pulse.reports.national import selectors
from pulse.reports.national.files import national_file_download_record, national_file_request
from pulse.reports.national.forms import NationalFileForm
from pulse.reports.national.models import FileStatus, NationalFormat
from pulse.reports.national.scope import Scope, analyst_scope
from pulse.reports.presenters.national_downloads import (
    CONTENT_TYPES,
    download_items,
    file_name,
    is_current,
)
from pulse.reports.presenters.national_page import NationalPage, downloads_url


def _render(
    request: HttpRequest, template: str, region: Region | None, **context: Any
) -> HttpResponse:
    regions = selectors.all_regions()
    current = "england" if region is None else region.code
    status = context.pop("status", 200)
    context.update(
        region=region,
        navigation_items=analyst_navigation(request.user, regions, current),
        area_name="England" if region is None else region.name,
    )
    return render(request, f"reports/national/{template}.jinja", context, status=status)


def _scope(request: HttpRequest, region: Region | None) -> Scope:
    systems = selectors.systems_by_code()
    return analyst_scope(request.user, systems.values(), region=region)


def _show(request: HttpRequest, region: Region | None) -> HttpResponse:
    benchmark = request.GET.get("benchmark", "")
    results = selectors.national_results(
        publication_id=int(benchmark) if benchmark.isdigit() and len(benchmark) < 10 else None
    )
    if results is None:
        return _render(request, "show_national", region, results=None)
    scope = _scope(request, region)
    page = NationalPage(
        results=results,
        scope=scope,
        systems=selectors.systems_by_code(),
        regions=selectors.all_regions(),
        waves=selectors.compared_waves(publication=results.publication),
    )
    context = page.context(request.GET, request.path)
    if not context["form"].is_bound:
        # Show the choices in force, so that filtering keeps the order the table is in.
        context["form"].initial = dict(context["params"])
    chosen = context["params"]["region"]
    return _render(
        request,
        "show_national",
        region,
        results=results,
        publications=list(selectors.national_publications()),
        downloads_url=downloads_url(scope, results.publication.pk),
        chosen_region=next((r for r in page.regions if r.code.lower() == chosen), None),
        **context,
    )


@require_GET
@england_view(Perm.VIEW_ENGLAND_RESULTS)
def show_england(request: HttpRequest) -> HttpResponse:
    return _show(request, None)


@require_GET
@region_view(Perm.VIEW_REGION_RESULTS)
def show_region(request: HttpRequest, region: Region) -> HttpResponse:
    return _show(request, region)


def _downloads(request: HttpRequest, region: Region | None, benchmark_id: int) -> HttpResponse:
    results = selectors.national_results_or_404(publication_id=benchmark_id)
    scope = _scope(request, region)
    form = NationalFileForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        national_file_request(
            results=results, scope=scope, file_format=form.cleaned_data["format"], by=request.user
        )
        return redirect(request.path)
    items = download_items(
        results, scope, selectors.national_files(publication=results.publication, scope=scope.key)
    )
    return _render(
        request,
        "list_downloads",
        region,
        results=results,
        items=items,
        preparing=any(i["state"] == FileStatus.QUEUED for i in items),
        errors=error_list(form) if form.is_bound else [],
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@england_view(Perm.VIEW_ENGLAND_RESULTS)
def list_england_downloads(request: HttpRequest, benchmark_id: int) -> HttpResponse:
    return _downloads(request, None, benchmark_id)


@require_http_methods(["GET", "POST"])
@region_view(Perm.VIEW_REGION_RESULTS)
def list_region_downloads(request: HttpRequest, region: Region, benchmark_id: int) -> HttpResponse:
    return _downloads(request, region, benchmark_id)


def _download(
    request: HttpRequest, region: Region | None, benchmark_id: int, file_format: str
) -> HttpResponse:
    if file_format not in NationalFormat.values:
        raise Http404("No such file")
    results = selectors.national_results_or_404(publication_id=benchmark_id)
    scope = _scope(request, region)
    national_file = selectors.national_file(
        publication=results.publication, scope=scope.key, file_format=file_format
    )
    if (
        national_file is None
        or national_file.status != FileStatus.READY
        or not is_current(national_file, results)
    ):
        return redirect(downloads_url(scope, results.publication.pk))
    national_file_download_record(national_file=national_file, by=request.user)
    response = HttpResponse(
        bytes(national_file.content), content_type=CONTENT_TYPES[NationalFormat(file_format)]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{file_name(results, scope, file_format)}"'
    )
    return response


@require_GET
@england_view(Perm.VIEW_ENGLAND_RESULTS)
def download_england_file(
    request: HttpRequest, benchmark_id: int, file_format: str
) -> HttpResponse:
    return _download(request, None, benchmark_id, file_format)


@require_GET
@region_view(Perm.VIEW_REGION_RESULTS)
def download_region_file(
    request: HttpRequest, region: Region, benchmark_id: int, file_format: str
) -> HttpResponse:
    return _download(request, region, benchmark_id, file_format)
