"""Rounds and their panels, run by ICS admins: list, open, show, change, add and remove panel
members, close the rating stage and complete the round."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods

from pulse.assessments import selectors
from pulse.assessments.forms import PanelInviteForm, RoundForm
from pulse.assessments.models import Round
from pulse.assessments.presenters import rounds as presenters
from pulse.assessments.services import rounds as services
from pulse.assessments.views._common import page, posted, save, to_round
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm, has_perm


@require_GET
@ics_view(Perm.VIEW_ASSESSMENTS)
def list_rounds(request: HttpRequest, ics: ICS) -> HttpResponse:
    rounds = selectors.rounds_visible_to(ics=ics, user=request.user)
    can = {
        "manage": has_perm(request.user, Perm.MANAGE_ASSESSMENTS, ics=ics),
        "results": has_perm(request.user, Perm.VIEW_ASSESSMENT_RESULTS, ics=ics),
    }
    rows = presenters.round_rows(rounds, can)
    return page(request, ics, "list_rounds", rows=rows, can=can)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_ASSESSMENTS)
def open_round(request: HttpRequest, ics: ICS) -> HttpResponse:
    running = selectors.unfinished_round(ics=ics)
    if running is not None:
        return page(request, ics, "open_round", form=None, running=running)
    form = RoundForm(data=posted(request), people=selectors.people_for_ics(ics=ics))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        round = save(
            form,
            lambda: services.round_open(
                ics=ics,
                title=data["title"],
                rating_deadline=data["rating_deadline"],
                panel=form.chosen_people(),
                by=request.user,
            ),
        )
        if round is not None:
            messages.success(request, f"{round.title} is open for rating")
            return to_round(ics, round)
    return page(request, ics, "open_round", form=form, status=400 if form.errors else 200)


@require_GET
@ics_view(Perm.MANAGE_ASSESSMENTS)
def show_round(request: HttpRequest, ics: ICS, round_id: int) -> HttpResponse:
    round = selectors.round_for_ics(ics=ics, round_id=round_id)
    panel = selectors.panel_for_round(round=round)
    seat = next((s for s in panel if s.user_id == request.user.pk), None)
    return page(
        request,
        ics,
        "show_round",
        round=round,
        seat=seat,
        summary_rows=presenters.summary_rows(round, panel),
        panel_rows=presenters.panel_rows(round, panel),
        submitted=sum(1 for s in panel if s.has_submitted),
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_ASSESSMENTS)
def edit_round(request: HttpRequest, ics: ICS, round_id: int) -> HttpResponse:
    round = selectors.round_for_ics(ics=ics, round_id=round_id)
    initial = {"title": round.title, "rating_deadline": round.rating_deadline}
    form = RoundForm(data=posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if save(
            form,
            lambda: services.round_update(
                round=round,
                title=data["title"],
                rating_deadline=data["rating_deadline"],
                by=request.user,
            ),
        ):
            messages.success(request, "Round changed")
            return to_round(ics, round)
    return page(
        request, ics, "edit_round", round=round, form=form, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_ASSESSMENTS)
def add_panel_member(request: HttpRequest, ics: ICS, round_id: int) -> HttpResponse:
    round = selectors.round_for_ics(ics=ics, round_id=round_id)
    form = PanelInviteForm(data=posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        seat = save(
            form,
            lambda: services.panel_member_invite(
                round=round, email=data["email"], full_name=data["full_name"], by=request.user
            ),
        )
        if seat is not None:
            messages.success(request, f"{seat.user.email} added to the panel")
            return to_round(ics, round)
    return page(
        request,
        ics,
        "add_panel_member",
        round=round,
        form=form,
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_ASSESSMENTS)
def remove_panel_member(
    request: HttpRequest, ics: ICS, round_id: int, panel_member_id: int
) -> HttpResponse:
    round = selectors.round_for_ics(ics=ics, round_id=round_id)
    seat = selectors.panel_member_for_ics(ics=ics, round=round, panel_member_id=panel_member_id)
    name = seat.user.full_name or seat.user.email

    def remove() -> None:
        services.panel_member_remove(panel_member=seat, by=request.user)

    return _confirm(
        request, ics, round, "remove_panel_member", remove, f"{name} removed", name=name
    )


def _confirm(
    request: HttpRequest,
    ics: ICS,
    round: Round,
    template: str,
    action: Callable[[], object],
    done: str,
    **context: object,
) -> HttpResponse:
    """A confirmation page; POST takes the step, or shows why it cannot be taken."""
    error = ""
    if request.method == "POST":
        try:
            action()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, done)
            return to_round(ics, round)
    return page(
        request, ics, template, round=round, error=error, status=400 if error else 200, **context
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_ASSESSMENTS)
def close_rating(request: HttpRequest, ics: ICS, round_id: int) -> HttpResponse:
    round = selectors.round_for_ics(ics=ics, round_id=round_id)
    panel = selectors.panel_for_round(round=round)
    response = _confirm(
        request,
        ics,
        round,
        "close_rating",
        lambda: services.round_close_rating(round=round, by=request.user),
        "The rating stage is closed. The panel can now agree levels.",
        submitted=sum(1 for s in panel if s.has_submitted),
        waiting=[s.user.full_name or s.user.email for s in panel if not s.has_submitted],
    )
    if response.status_code == 302:
        return redirect("assessments:show_consensus", ics_code=ics.url_code, round_id=round.pk)
    return response


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_ASSESSMENTS)
def complete_round(request: HttpRequest, ics: ICS, round_id: int) -> HttpResponse:
    round = selectors.round_for_ics(ics=ics, round_id=round_id)
    response = _confirm(
        request,
        ics,
        round,
        "complete_round",
        lambda: services.round_complete(round=round, by=request.user),
        f"{round.title} is complete",
    )
    if response.status_code == 302:
        return redirect("assessments:show_results", ics_code=ics.url_code, round_id=round.pk)
    return response
