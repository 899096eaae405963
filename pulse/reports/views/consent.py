"""An ICS admin chooses whether other systems see their system's name in benchmarks."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm
from pulse.organisations.services import benchmark_consent_set
from pulse.reports.national.forms import BenchmarkConsentForm
from pulse.reports.views.common import ics_page


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_BENCHMARK_CONSENT)
def edit_benchmark_consent(request: HttpRequest, ics: ICS) -> HttpResponse:
    initial = {"named": "yes" if ics.benchmark_named else "no"}
    form = BenchmarkConsentForm(data=request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        named = form.cleaned_data["named"] == "yes"
        benchmark_consent_set(ics=ics, named=named, by=request.user)
        messages.success(
            request,
            "Other systems will now see your system's name in their benchmarks"
            if named
            else "Other systems will now see your results only in England's figures, without "
            "your system's name",
        )
        return redirect("reports:list_results", ics_code=ics.url_code)
    status = 400 if form.is_bound else 200
    return ics_page(request, ics, "edit_benchmark_consent", form=form, status=status)
