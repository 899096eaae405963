"""The email domains allowed to sign in to the ICS's ideas by emailed link (ICS admins)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from pulse.ideas import selectors
from pulse.ideas.forms.admin import EmailDomainForm
from pulse.ideas.presenters.admin import domain_rows
from pulse.ideas.services import domains as services
from pulse.ideas.views._common import page, posted, save
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm


def _to_list(ics: ICS) -> HttpResponse:
    return redirect("ideas:list_domains", ics_code=ics.url_code)


@require_GET
@ics_view(Perm.MANAGE_EMAIL_DOMAINS)
def list_domains(request: HttpRequest, ics: ICS) -> HttpResponse:
    rows = domain_rows(ics, list(selectors.allowed_domains_for_ics(ics=ics)))
    sign_in = request.build_absolute_uri(reverse("ideas:sign_in")) + f"?ics={ics.url_code}"
    return page(request, ics, "list_domains", rows=rows, sign_in_link=sign_in)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_EMAIL_DOMAINS)
def add_domain(request: HttpRequest, ics: ICS) -> HttpResponse:
    form = EmailDomainForm(data=posted(request))
    if request.method == "POST" and form.is_valid():
        domain = form.cleaned_data["domain"]
        if save(form, lambda: services.email_domain_add(ics=ics, domain=domain, by=request.user)):
            messages.success(request, f"People with @{domain} email addresses can now sign in")
            return _to_list(ics)
    return page(request, ics, "add_domain", form=form)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_EMAIL_DOMAINS)
def remove_domain(request: HttpRequest, ics: ICS, domain_id: int) -> HttpResponse:
    allowed = selectors.allowed_domain_for_ics(ics=ics, domain_id=domain_id)
    if request.method == "POST":
        services.email_domain_remove(allowed=allowed, by=request.user)
        messages.success(request, f"@{allowed.domain} removed")
        return _to_list(ics)
    return page(request, ics, "remove_domain", allowed=allowed)
