"""The ideas home page, challenges (ICS admins create them) and their ideas as files for the
design group, prepared in the background."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from pulse.core.files import file_state
from pulse.core.presenters import page_number
from pulse.ideas import selectors
from pulse.ideas.forms.admin import ChallengeForm, IdeasFileForm
from pulse.ideas.forms.ideas import IdeaFilterForm
from pulse.ideas.models import Challenge, IdeasFileFormat
from pulse.ideas.presenters.challenges import ChallengeListPresenter, ChallengePagePresenter
from pulse.ideas.presenters.people import idea_list_links
from pulse.ideas.services import challenges as services
from pulse.ideas.services.exports import (
    CONTENT_TYPES,
    ideas_file_download_record,
    ideas_file_name,
    ideas_file_request,
)
from pulse.ideas.views._common import page, posted, save
from pulse.nhsuk_forms.rendering import error_list
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


def _downloads(challenge: Challenge) -> list[dict[str, Any]]:
    files = selectors.ideas_files(challenge=challenge)
    changed_at = selectors.ideas_changed_at(challenge=challenge)
    items = []
    for file_format in IdeasFileFormat:
        ideas_file = files.get(file_format)
        state = file_state(ideas_file, noun="file", changed_at=changed_at)
        items.append(
            {
                "format": file_format.value,
                "title": f"{file_format.label} file",
                "file": ideas_file,
                **state,
            }
        )
    return items


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MODERATE_IDEAS)
def list_idea_downloads(request: HttpRequest, ics: ICS, challenge_id: int) -> HttpResponse:
    """Prepare the challenge's ideas as CSV or Excel in the background, then download them."""
    challenge = selectors.challenge_for_ics(
        ics=ics, challenge_id=challenge_id, include_upcoming=True
    )
    form = IdeasFileForm(data=posted(request))
    if request.method == "POST" and form.is_valid():
        ideas_file_request(
            challenge=challenge, file_format=form.cleaned_data["format"], by=request.user
        )
        return redirect(
            "ideas:list_idea_downloads", ics_code=ics.url_code, challenge_id=challenge.pk
        )
    return page(
        request,
        ics,
        "list_idea_downloads",
        challenge=challenge,
        items=_downloads(challenge),
        errors=error_list(form) if form.is_bound else [],
        status=400 if form.is_bound else 200,
    )


def _download(request: HttpRequest, ics: ICS, challenge_id: int, file_format: str) -> HttpResponse:
    challenge = selectors.challenge_for_ics(
        ics=ics, challenge_id=challenge_id, include_upcoming=True
    )
    ideas_file = selectors.ideas_file(challenge=challenge, file_format=file_format)
    if ideas_file is None or not ideas_file.is_ready:
        return redirect(
            "ideas:list_idea_downloads", ics_code=ics.url_code, challenge_id=challenge.pk
        )
    ideas_file_download_record(ideas_file=ideas_file, by=request.user)
    response = HttpResponse(
        bytes(ideas_file.content), content_type=CONTENT_TYPES[IdeasFileFormat(file_format)]
    )
    response["Content-Disposition"] = content_disposition_header(True, ideas_file_name(ideas_file))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@ics_view(Perm.MODERATE_IDEAS)
def export_ideas_csv(request: HttpRequest, ics: ICS, challenge_id: int) -> HttpResponse:
    return _download(request, ics, challenge_id, IdeasFileFormat.CSV)


@require_GET
@ics_view(Perm.MODERATE_IDEAS)
def export_ideas_xlsx(request: HttpRequest, ics: ICS, challenge_id: int) -> HttpResponse:
    return _download(request, ics, challenge_id, IdeasFileFormat.XLSX)
