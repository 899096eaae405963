"""Instruments an ICS can run: list, import from XLSForm, export to XLSForm."""

import re

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm
from pulse.surveys import selectors
from pulse.surveys.definition import DefinitionError
from pulse.surveys.forms.admin import InstrumentImportForm
from pulse.surveys.presenters import admin as presenters
from pulse.surveys.services.instruments import instrument_version_create
from pulse.surveys.views.admin._common import page, posted
from pulse.surveys.xlsform import read_xlsform, write_xlsform
from pulse.surveys.xlsform_example import FORM_ID, consultation_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, name: str) -> HttpResponse:
    filename = re.sub(r"[^A-Za-z0-9._-]", "", name) or "survey.xlsx"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@ics_view(Perm.MANAGE_WAVES)
def list_instruments(request: HttpRequest, ics: ICS) -> HttpResponse:
    rows = presenters.instrument_rows(ics, list(selectors.versions_for_ics(ics=ics)))
    return page(request, ics, "list_instruments", rows=rows)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def import_instrument(request: HttpRequest, ics: ICS) -> HttpResponse:
    """Import an XLSForm workbook as the ICS's own instrument version; all or nothing."""
    form = InstrumentImportForm(
        data=posted(request), files=request.FILES if posted(request) is not None else None
    )
    problems: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            definition = read_xlsform(form.cleaned_data["file"])
            version, created = instrument_version_create(
                definition=definition, ics=ics, by=request.user
            )
        except DefinitionError as error:
            problems = presenters.problem_items(error.problems)
            form.add_error("file", presenters.problems_message(len(problems)))
        else:
            what = "Imported" if created else "Already imported, nothing changed:"
            messages.success(
                request,
                f"{what} {version.instrument.title}: key {version.instrument.key}, version {version.version}",
            )
            return redirect("surveys:list_instruments", ics_code=ics.url_code)
    return page(request, ics, "import_instrument", form=form, problems=problems)


@require_GET
@ics_view(Perm.MANAGE_WAVES)
def export_instrument(request: HttpRequest, ics: ICS, version_id: int) -> HttpResponse:
    version = selectors.version_for_ics(ics=ics, version_id=version_id)
    name = f"{version.instrument.key}-v{version.version}.xlsx"
    return _xlsx(write_xlsform(version.definition), name)


@require_GET
@ics_view(Perm.MANAGE_WAVES)
def download_example_workbook(request: HttpRequest, ics: ICS) -> HttpResponse:
    return _xlsx(consultation_workbook(), f"{FORM_ID}.xlsx")
