"""The consensus: after the rating stage, the facilitator (an ICS admin) sees each indicator's
spread and records the level the panel agreed; panel members who submitted can follow along."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_http_methods

from pulse.assessments import selectors
from pulse.assessments.forms import AgreeGatewayForm, AgreeIndicatorForm
from pulse.assessments.models import Round, RoundStatus
from pulse.assessments.presenters import consensus as presenters
from pulse.assessments.selectors import PanelRatings, RatingsHidden
from pulse.assessments.services import consensus as services
from pulse.assessments.views._common import page, posted, save, to_round
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm, has_perm


def _hidden(request: HttpRequest, ics: ICS, round: Round) -> HttpResponse:
    seat = selectors.panel_seat(ics=ics, round=round, user=request.user)
    return page(request, ics, "ratings_hidden", round=round, seat=seat, status=403)


def _ratings(request: HttpRequest, round: Round) -> PanelRatings:
    """The panel's submitted ratings, or `RatingsHidden` (see selectors.panel_ratings)."""
    return selectors.panel_ratings(round=round, user=request.user)


@require_GET
@ics_view(Perm.VIEW_ASSESSMENTS)
def show_consensus(request: HttpRequest, ics: ICS, round_id: int) -> HttpResponse:
    round = selectors.round_for_ics(ics=ics, round_id=round_id)
    manage = has_perm(request.user, Perm.MANAGE_ASSESSMENTS, ics=ics)
    if not manage and selectors.panel_seat(ics=ics, round=round, user=request.user) is None:
        raise Http404("You are not on this round's panel")
    try:
        ratings = _ratings(request, round)
    except RatingsHidden:
        return _hidden(request, ics, round)
    principles = selectors.principles_for_version(version=round.version)
    consensus = selectors.consensus_for_round(round=round)
    gateway = selectors.gateway_for_version(version=round.version)
    agreed_gateway = selectors.gateway_consensus_for_round(round=round)
    total = sum(len(p.indicators.all()) for p in principles) + len(gateway)
    return page(
        request,
        ics,
        "show_consensus",
        round=round,
        manage=manage,
        submitted=ratings.submitted,
        head=presenters.SPREAD_HEAD,
        tables=presenters.principle_tables(round, principles, ratings, consensus, manage),
        gateway_head=presenters.GATEWAY_HEAD,
        gateway_rows=presenters.gateway_rows(round, gateway, ratings, agreed_gateway, manage),
        to_agree=total - len(consensus) - len(agreed_gateway),
    )


def _agreeing(request: HttpRequest, ics: ICS, round_id: int) -> tuple[Round, Any]:
    round = selectors.round_for_ics(ics=ics, round_id=round_id)
    if round.status != RoundStatus.CONSENSUS:
        raise Http404("Levels are agreed only between the rating stage and the round's end")
    return round, _ratings(request, round)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_ASSESSMENTS)
def agree_indicator(request: HttpRequest, ics: ICS, round_id: int, key: str) -> HttpResponse:
    try:
        round, ratings = _agreeing(request, ics, round_id)
    except RatingsHidden:
        return _hidden(request, ics, selectors.round_for_ics(ics=ics, round_id=round_id))
    indicator = selectors.indicator_for_version(version=round.version, key=key)
    agreed = selectors.consensus_for_round(round=round).get(indicator.pk)
    initial = (
        {f: getattr(agreed, f) for f in ("level", "rationale", "evidence", "evidence_link")}
        if agreed
        else {}
    )
    form = AgreeIndicatorForm(data=posted(request), initial=initial, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = save(
            form,
            lambda: services.indicator_consensus_record(
                round=round, indicator=indicator, by=request.user, **data
            ),
        )
        if done is not None:
            messages.success(request, f"{indicator.number} agreed as {done.get_level_display()}")
            return to_round(ics, round, "assessments:show_consensus")
    result = ratings.spread(indicator.pk)
    return page(
        request,
        ics,
        "agree_indicator",
        round=round,
        indicator=indicator,
        form=form,
        head=[*presenters.LEVEL_HEAD, {"text": "Spread"}],
        spread_rows=[[*presenters.spread_row(result), {"html": presenters.spread_text(result)}]],
        notes=presenters.indicator_notes(ratings, indicator),
        descriptors=presenters.descriptor_rows(indicator),
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_ASSESSMENTS)
def agree_gateway(request: HttpRequest, ics: ICS, round_id: int, key: str) -> HttpResponse:
    try:
        round, ratings = _agreeing(request, ics, round_id)
    except RatingsHidden:
        return _hidden(request, ics, selectors.round_for_ics(ics=ics, round_id=round_id))
    question = selectors.gateway_question_for_version(version=round.version, key=key)
    agreed = selectors.gateway_consensus_for_round(round=round).get(question.pk)
    initial = (
        {f: getattr(agreed, f) for f in ("answer", "evidence", "evidence_link")} if agreed else {}
    )
    form = AgreeGatewayForm(data=posted(request), initial=initial, question=question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = save(
            form,
            lambda: services.gateway_consensus_record(
                round=round, question=question, by=request.user, **data
            ),
        )
        if done is not None:
            messages.success(
                request, f"{question.title}: agreed as {done.get_answer_display().lower()}"
            )
            return to_round(ics, round, "assessments:show_consensus")
    counts = ratings.answers(question.pk)
    return page(
        request,
        ics,
        "agree_gateway",
        round=round,
        question=question,
        form=form,
        head=presenters.GATEWAY_HEAD[1:-1],
        count_rows=[
            [
                {"text": str(counts.get(h["text"].lower(), 0)), "format": "numeric"}
                for h in presenters.GATEWAY_HEAD[1:-1]
            ]
        ],
        notes=presenters.gateway_notes(ratings, question),
        status=400 if form.errors else 200,
    )
