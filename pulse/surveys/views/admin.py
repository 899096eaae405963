"""ICS admin pages for waves (to be built out)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm
from pulse.organisations.presenters import ics_navigation
from pulse.surveys.selectors import waves_for_ics


@require_GET
@ics_view(Perm.MANAGE_WAVES)
def list_waves(request: HttpRequest, ics: ICS) -> HttpResponse:
    context = {
        "ics": ics,
        "waves": waves_for_ics(ics=ics),
        "navigation_items": ics_navigation(ics, request.user, "surveys:list_waves"),
    }
    return render(request, "surveys/admin/list_waves.jinja", context)
