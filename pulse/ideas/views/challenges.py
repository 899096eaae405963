"""The ideas home page, challenges (ICS admins create them) and the export of their ideas."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from pulse.core.presenters import page_number
from pulse.ideas import selectors
from pulse.ideas.forms.admin import ChallengeForm
from pulse.ideas.forms.ideas import IdeaFilterForm
from pulse.ideas.models import Challenge
from pulse.ideas.presenters.challenges import ChallengeListPresenter, ChallengePagePresenter
from pulse.ideas.presenters.people import idea_list_links
from pulse.ideas.services import challenges as services
from pulse.ideas.services.exports import ideas_export
from pulse.ideas.views._common import page, posted, save
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm, has_perm


def _sees_upcoming(request: HttpRequest, ics: ICS) -> bool:
    return has_perm(request.user, Perm.MANAGE_CHALLENGES, ics=ics)


@require_GET
@ics_view(Perm.VIEW_IDEAS)
def list_challenges(request: HttpRequest, ics: ICS) -> HttpResponse:
    challenges = selectors.challenges_for_ics(
        ics=ics, include_upcoming=_sees_upcoming(request, ics)
    )
    moderating = has_perm(request.user, Perm.MODERATE_IDEAS, ics=ics)
    home = ChallengeListPresenter(
        ics=ics,
        challenges=list(challenges),
        today=timezone.localdate(),
        unread=selectors.unread_notification_count(user=request.user, ics=ics),
        open_reports=selectors.open_report_count(ics=ics) if moderating else 0,
    )
    return page(request, ics, "list_challenges", home=home, links=idea_list_links(ics))


def _challenge_form(request: HttpRequest, challenge: Challenge | None) -> ChallengeForm:
    initial: dict[str, Any] = {}
    if challenge is not None:
        initial = {
            "title": challenge.title,
            "question": challenge.question,
            "description": challenge.description,
            "principles": challenge.principle_codes,
            "finding": challenge.finding,
            "opens_on": challenge.opens_on,
            "closes_on": challenge.closes_on,
        }
    return ChallengeForm(data=posted(request), initial=initial)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_CHALLENGES)
def add_challenge(request: HttpRequest, ics: ICS) -> HttpResponse:
    form = _challenge_form(request, None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        challenge = save(form, lambda: services.challenge_create(ics=ics, by=request.user, **data))
        if challenge is not None:
            messages.success(request, f"{challenge.title} added")
            return redirect(
                "ideas:show_challenge", ics_code=ics.url_code, challenge_id=challenge.pk
            )
    return page(request, ics, "add_challenge", form=form)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_CHALLENGES)
def edit_challenge(request: HttpRequest, ics: ICS, challenge_id: int) -> HttpResponse:
    challenge = selectors.challenge_for_ics(
        ics=ics, challenge_id=challenge_id, include_upcoming=True
    )
    form = _challenge_form(request, challenge)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = save(
            form,
            lambda: services.challenge_update(challenge=challenge, by=request.user, **data),
        )
        if done is not None:
            messages.success(request, "Challenge saved")
            return redirect(
                "ideas:show_challenge", ics_code=ics.url_code, challenge_id=challenge.pk
            )
    return page(request, ics, "edit_challenge", form=form, challenge=challenge)


def _idea_query(form: IdeaFilterForm, request: HttpRequest) -> selectors.IdeaQuery:
    """The search as asked; a field with an error is shown on the form and left out."""
    form.is_valid()
    data = {k: v for k, v in getattr(form, "cleaned_data", {}).items() if k not in form.errors}
    return selectors.IdeaQuery(
        search=(data.get("q") or "").strip(),
        sort=data.get("sort") or "newest",
        principle=data.get("principle") or "",
        stage=data.get("stage"),
        page=page_number(request.GET.get("page")),
    )


@require_GET
@ics_view(Perm.VIEW_IDEAS)
def show_challenge(request: HttpRequest, ics: ICS, challenge_id: int) -> HttpResponse:
    challenge = selectors.challenge_for_ics(
        ics=ics, challenge_id=challenge_id, include_upcoming=_sees_upcoming(request, ics)
    )
    stages = selectors.stages_for_ics(ics=ics)
    form = IdeaFilterForm(data=request.GET, stages=stages)
    query = _idea_query(form, request)
    presenter = ChallengePagePresenter(
        ics=ics,
        challenge=challenge,
        page=selectors.ideas_for_challenge(challenge=challenge, query=query),
        query=request.GET,
        today=timezone.localdate(),
        filtered=bool(query.search or query.principle or query.stage),
    )
    return page(request, ics, "show_challenge", challenge=presenter, form=form)


def _export(request: HttpRequest, ics: ICS, challenge_id: int, file_format: str) -> HttpResponse:
    challenge = selectors.challenge_for_ics(
        ics=ics, challenge_id=challenge_id, include_upcoming=True
    )
    export = ideas_export(challenge=challenge, file_format=file_format, by=request.user)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = content_disposition_header(True, export.filename)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@ics_view(Perm.MODERATE_IDEAS)
def export_ideas_csv(request: HttpRequest, ics: ICS, challenge_id: int) -> HttpResponse:
    return _export(request, ics, challenge_id, "csv")


@require_GET
@ics_view(Perm.MODERATE_IDEAS)
def export_ideas_xlsx(request: HttpRequest, ics: ICS, challenge_id: int) -> HttpResponse:
    return _export(request, ics, challenge_id, "xlsx")
