"""Pages inside one ICS: overview, places, partner organisations and people."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pulse.organisations import presenters, selectors, services
from pulse.organisations.access import ics_view
from pulse.organisations.forms import MemberAddForm, PartnerForm, PlaceForm
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm, assignable_roles


def _page(
    request: HttpRequest, ics: ICS, template: str, current: str, **context: object
) -> HttpResponse:
    context.update(ics=ics, navigation_items=presenters.ics_navigation(ics, request.user, current))
    return render(request, template, context)


def _save(form: forms.Form, action: Callable[[], object]) -> bool:
    """Run a service; put any ValidationError it raises on the form. True if it succeeded."""
    try:
        action()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@require_GET
@ics_view(Perm.VIEW_ICS)
def show_ics(request: HttpRequest, ics: ICS) -> HttpResponse:
    links = presenters.ics_links(ics, request.user)
    return _page(
        request, ics, "organisations/show_ics.jinja", "organisations:show_ics", links=links
    )


@require_GET
@ics_view(Perm.MANAGE_PLACES)
def list_places(request: HttpRequest, ics: ICS) -> HttpResponse:
    rows = presenters.place_rows(ics, list(selectors.places_for_ics(ics=ics)))
    return _page(
        request, ics, "organisations/list_places.jinja", "organisations:list_places", rows=rows
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_PLACES)
def add_place(request: HttpRequest, ics: ICS) -> HttpResponse:
    form = PlaceForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"]
        if _save(form, lambda: services.place_create(ics=ics, name=name, by=request.user)):
            messages.success(request, f"{name} added")
            return redirect("organisations:list_places", ics_code=ics.url_code)
    return _page(
        request,
        ics,
        "organisations/place_form.jinja",
        "organisations:list_places",
        form=form,
        place=None,
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_PLACES)
def edit_place(request: HttpRequest, ics: ICS, place_id: int) -> HttpResponse:
    place = selectors.place_for_ics(ics=ics, place_id=place_id)
    form = PlaceForm(data=request.POST or None, initial={"name": place.name})
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"]
        if _save(form, lambda: services.place_update(place=place, name=name, by=request.user)):
            messages.success(request, f"Place renamed to {name}")
            return redirect("organisations:list_places", ics_code=ics.url_code)
    return _page(
        request,
        ics,
        "organisations/place_form.jinja",
        "organisations:list_places",
        form=form,
        place=place,
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_PLACES)
def remove_place(request: HttpRequest, ics: ICS, place_id: int) -> HttpResponse:
    place = selectors.place_for_ics(ics=ics, place_id=place_id)
    if request.method == "POST":
        services.place_remove(place=place, by=request.user)
        messages.success(request, f"{place.name} removed")
        return redirect("organisations:list_places", ics_code=ics.url_code)
    return _page(
        request,
        ics,
        "organisations/confirm_remove.jinja",
        "organisations:list_places",
        heading=f"Remove {place.name}?",
        explanation="The place will no longer be offered in new surveys. Results of earlier surveys still show it.",
        cancel="organisations:list_places",
    )


@require_GET
@ics_view(Perm.MANAGE_PARTNERS)
def list_partners(request: HttpRequest, ics: ICS) -> HttpResponse:
    rows = presenters.partner_rows(ics, list(selectors.partners_for_ics(ics=ics)))
    return _page(
        request, ics, "organisations/list_partners.jinja", "organisations:list_partners", rows=rows
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_PARTNERS)
def add_partner(request: HttpRequest, ics: ICS) -> HttpResponse:
    form = PartnerForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(form, lambda: services.partner_create(ics=ics, by=request.user, **data)):
            messages.success(request, f"{data['name']} added")
            return redirect("organisations:list_partners", ics_code=ics.url_code)
    return _page(
        request,
        ics,
        "organisations/partner_form.jinja",
        "organisations:list_partners",
        form=form,
        partner=None,
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_PARTNERS)
def edit_partner(request: HttpRequest, ics: ICS, partner_id: int) -> HttpResponse:
    partner = selectors.partner_for_ics(ics=ics, partner_id=partner_id)
    initial = {"name": partner.name, "sector": partner.sector, "ods_code": partner.ods_code}
    form = PartnerForm(data=request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(form, lambda: services.partner_update(partner=partner, by=request.user, **data)):
            messages.success(request, f"{data['name']} updated")
            return redirect("organisations:list_partners", ics_code=ics.url_code)
    return _page(
        request,
        ics,
        "organisations/partner_form.jinja",
        "organisations:list_partners",
        form=form,
        partner=partner,
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_PARTNERS)
def remove_partner(request: HttpRequest, ics: ICS, partner_id: int) -> HttpResponse:
    partner = selectors.partner_for_ics(ics=ics, partner_id=partner_id)
    if request.method == "POST":
        services.partner_remove(partner=partner, by=request.user)
        messages.success(request, f"{partner.name} removed")
        return redirect("organisations:list_partners", ics_code=ics.url_code)
    return _page(
        request,
        ics,
        "organisations/confirm_remove.jinja",
        "organisations:list_partners",
        heading=f"Remove {partner.name}?",
        explanation="The organisation will be removed from your ICS's list of partners.",
        cancel="organisations:list_partners",
    )


@require_GET
@ics_view(Perm.MANAGE_MEMBERS)
def list_members(request: HttpRequest, ics: ICS) -> HttpResponse:
    rows = presenters.member_rows(ics, list(selectors.members_for_ics(ics=ics)))
    return _page(
        request, ics, "organisations/list_members.jinja", "organisations:list_members", rows=rows
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_MEMBERS)
def add_member(request: HttpRequest, ics: ICS) -> HttpResponse:
    form = MemberAddForm(data=request.POST or None, roles=assignable_roles(request.user, ics))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(form, lambda: services.membership_add(ics=ics, by=request.user, **data)):
            messages.success(request, f"{data['email']} added")
            return redirect("organisations:list_members", ics_code=ics.url_code)
    return _page(
        request, ics, "organisations/member_form.jinja", "organisations:list_members", form=form
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_MEMBERS)
def remove_member(request: HttpRequest, ics: ICS, membership_id: int) -> HttpResponse:
    membership = selectors.membership_for_ics(ics=ics, membership_id=membership_id)
    error = ""
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership, by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request, f"{membership.user.email} removed as {membership.get_role_display()}"
            )
            return redirect("organisations:list_members", ics_code=ics.url_code)
    return _page(
        request,
        ics,
        "organisations/confirm_remove.jinja",
        "organisations:list_members",
        heading=f"Remove {membership.user.email} as {membership.get_role_display()}?",
        explanation="They will no longer be able to use this role in your ICS. Their account is kept.",
        cancel="organisations:list_members",
        error=error,
    )
