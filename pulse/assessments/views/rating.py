"""A panel member rates a round on their own: the task list, the gateway, one page per
principle (saved as they go), then check and submit. Only rounds they are on, and only their
own ratings."""

from collections.abc import Callable, Sequence

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods

from pulse.assessments import selectors
from pulse.assessments.forms import GatewayRatingForm, IndicatorRatingForm
from pulse.assessments.models import PanelMember
from pulse.assessments.presenters import rating as presenters
from pulse.assessments.presenters.common import round_url
from pulse.assessments.services import ratings as services
from pulse.assessments.views._common import page, posted
from pulse.nhsuk_forms.rendering import error_list
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm


def _own(request: HttpRequest, ics: ICS, round_id: int) -> PanelMember:
    return selectors.own_seat(ics=ics, round_id=round_id, user=request.user)


def _saved(forms: Sequence[Form], action: Callable[[], None]) -> bool:
    """Save the page through its service; a refusal is shown above the first form."""
    try:
        action()
    except ValidationError as error:
        forms[0].add_error(None, error)
        return False
    return True


def _to_hub(seat: PanelMember) -> HttpResponse:
    return redirect(round_url("assessments:show_my_ratings", seat.round))


@require_GET
@ics_view(Perm.RATE_ASSESSMENT)
def show_my_ratings(request: HttpRequest, ics: ICS, round_id: int) -> HttpResponse:
    seat = _own(request, ics, round_id)
    version = seat.round.version
    principles = selectors.principles_for_version(version=version)
    gateway = selectors.gateway_for_version(version=version)
    rated = selectors.own_ratings(panel_member=seat)
    answered = selectors.own_gateway_ratings(panel_member=seat)
    problem = services.rating_problem(seat)
    missing = services.ratings_missing(panel_member=seat)
    return page(
        request,
        ics,
        "show_my_ratings",
        round=seat.round,
        seat=seat,
        problem=problem,
        complete=not missing,
        items=presenters.task_items(seat, principles, gateway, rated, answered, not problem),
        sections=presenters.check_sections(seat, principles, gateway, rated, answered, False),
        can_see_panel=selectors.ratings_visible_to(round=seat.round, user=request.user),
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.RATE_ASSESSMENT)
def rate_gateway(request: HttpRequest, ics: ICS, round_id: int) -> HttpResponse:
    seat = _own(request, ics, round_id)
    if services.rating_problem(seat):
        return _to_hub(seat)
    answered = selectors.own_gateway_ratings(panel_member=seat)
    forms = [
        GatewayRatingForm(data=posted(request), question=q, initial=_initial(answered.get(q.pk)))
        for q in selectors.gateway_for_version(version=seat.round.version)
    ]
    if request.method == "POST" and all(f.is_valid() for f in forms):
        answers = [services.GatewayInput(question=f.question, **f.cleaned_data) for f in forms]
        if _saved(forms, lambda: services.gateway_ratings_save(panel_member=seat, answers=answers)):
            principles = selectors.principles_for_version(version=seat.round.version)
            return redirect(presenters.next_url(seat, presenters.GATEWAY, principles))
    return page(
        request,
        ics,
        "rate_gateway",
        round=seat.round,
        forms=forms,
        errors=error_list(*forms),
        status=400 if any(f.errors for f in forms) else 200,
    )


def _initial(rating: object) -> dict[str, object]:
    if rating is None:
        return {}
    fields = ("level", "confidence", "answer", "evidence", "evidence_link")
    return {f: getattr(rating, f) for f in fields if hasattr(rating, f)}


@require_http_methods(["GET", "POST"])
@ics_view(Perm.RATE_ASSESSMENT)
def rate_principle(request: HttpRequest, ics: ICS, round_id: int, code: str) -> HttpResponse:
    seat = _own(request, ics, round_id)
    principle = selectors.principle_for_version(version=seat.round.version, code=code)
    if services.rating_problem(seat):
        return _to_hub(seat)
    rated = selectors.own_ratings(panel_member=seat)
    forms = [
        IndicatorRatingForm(data=posted(request), indicator=i, initial=_initial(rated.get(i.pk)))
        for i in principle.indicators.order_by("position")
    ]
    if request.method == "POST" and all(f.is_valid() for f in forms):
        ratings = [services.IndicatorInput(indicator=f.indicator, **f.cleaned_data) for f in forms]
        if _saved(
            forms, lambda: services.indicator_ratings_save(panel_member=seat, ratings=ratings)
        ):
            principles = selectors.principles_for_version(version=seat.round.version)
            return redirect(presenters.next_url(seat, principle.code, principles))
    return page(
        request,
        ics,
        "rate_principle",
        round=seat.round,
        principle=principle,
        forms=forms,
        errors=error_list(*forms),
        status=400 if any(f.errors for f in forms) else 200,
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.RATE_ASSESSMENT)
def submit_ratings(request: HttpRequest, ics: ICS, round_id: int) -> HttpResponse:
    seat = _own(request, ics, round_id)
    if services.rating_problem(seat):
        return _to_hub(seat)
    error = ""
    if request.method == "POST":
        try:
            services.ratings_submit(panel_member=seat, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "Your ratings are submitted")
            return _to_hub(seat)
    version = seat.round.version
    principles = selectors.principles_for_version(version=version)
    gateway = selectors.gateway_for_version(version=version)
    rated = selectors.own_ratings(panel_member=seat)
    answered = selectors.own_gateway_ratings(panel_member=seat)
    return page(
        request,
        ics,
        "submit_ratings",
        round=seat.round,
        error=error,
        missing=services.ratings_missing(panel_member=seat),
        sections=presenters.check_sections(seat, principles, gateway, rated, answered, True),
        status=400 if error else 200,
    )
