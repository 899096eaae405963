"""Waves: list, create, show, change settings, and the lifecycle steps with confirmation."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm
from pulse.surveys import selectors
from pulse.surveys.forms.admin import CloseDateForm, WaveForm
from pulse.surveys.models import Wave, WaveStatus
from pulse.surveys.presenters import admin as presenters
from pulse.surveys.presenters.distribution import invitation_summary
from pulse.surveys.services import waves as services
from pulse.surveys.views.admin._common import page, posted, save


def _to_wave(ics: ICS, wave: Wave) -> HttpResponse:
    return redirect("surveys:show_wave", ics_code=ics.url_code, wave_id=wave.pk)


def _wave_form(request: HttpRequest, ics: ICS, wave: Wave | None) -> WaveForm:
    versions = list(selectors.versions_for_ics(ics=ics))
    initial: dict[str, Any] = {"open_link_enabled": "no"}
    if wave is not None:
        initial = {
            "version": str(wave.version_id),
            "title": wave.title,
            "opens_on": wave.opens_on,
            "closes_on": wave.closes_on,
            "open_link_enabled": "yes" if wave.open_link_enabled else "no",
        }
    return WaveForm(
        data=posted(request),
        initial=initial,
        versions=versions,
        hints=presenters.version_hints(versions),
        editing=wave is not None,
        has_access_code=bool(wave and wave.access_code_hash),
    )


@require_GET
@ics_view(Perm.MANAGE_WAVES)
def list_waves(request: HttpRequest, ics: ICS) -> HttpResponse:
    rows = presenters.wave_rows(list(selectors.waves_for_ics(ics=ics)))
    return page(request, ics, "list_waves", rows=rows)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def create_wave(request: HttpRequest, ics: ICS) -> HttpResponse:
    form = _wave_form(request, ics, None)
    if request.method == "POST" and form.is_valid():
        data = form.settings()
        data["access_code"] = data["access_code"] or ""
        wave = save(form, lambda: services.wave_create(ics=ics, by=request.user, **data))
        if wave is not None:
            messages.success(request, f"{wave.title} created as a draft")
            return _to_wave(ics, wave)
    return page(request, ics, "create_wave", form=form)


@require_GET
@ics_view(Perm.MANAGE_WAVES)
def show_wave(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    count = selectors.wave_response_count(wave=wave)
    open_link = ""
    if wave.open_link_enabled:
        path = reverse("respond:start", kwargs={"slug": wave.open_link_slug})
        open_link = request.build_absolute_uri(path)
    return page(
        request,
        ics,
        "show_wave",
        wave=wave,
        is_draft=wave.status == WaveStatus.DRAFT,
        summary_rows=presenters.wave_summary_rows(wave, count),
        sections=presenters.standard_sections(wave),
        local_rows=presenters.local_question_rows(wave),
        open_link=open_link,
        next_step=presenters.next_transition(wave),
        invitations=invitation_summary(wave, selectors.wave_tallies(wave=wave)),
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def edit_wave(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    """Drafts: every setting. Open waves: the closing date only. Otherwise nothing."""
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    if wave.status == WaveStatus.OPEN:
        return _edit_closing_date(request, ics, wave)
    form = _wave_form(request, ics, wave) if wave.status == WaveStatus.DRAFT else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.settings()
        if save(form, lambda: services.wave_update(wave=wave, by=request.user, **data)) is not None:
            messages.success(request, "Survey settings saved")
            return _to_wave(ics, wave)
    blocked = (
        "" if form else f"You cannot change a survey that is {wave.get_status_display().lower()}"
    )
    return page(request, ics, "edit_wave", wave=wave, form=form, blocked=blocked)


def _edit_closing_date(request: HttpRequest, ics: ICS, wave: Wave) -> HttpResponse:
    form = CloseDateForm(data=posted(request), initial={"closes_on": wave.closes_on})
    if request.method == "POST" and form.is_valid():
        closes_on = form.cleaned_data["closes_on"]

        def update() -> Wave:
            return services.wave_update(
                wave=wave,
                title=wave.title,
                opens_on=wave.opens_on,
                closes_on=closes_on,
                open_link_enabled=wave.open_link_enabled,
                access_code=None,
                by=request.user,
            )

        if save(form, update) is not None:
            messages.success(request, "Closing date changed")
            return _to_wave(ics, wave)
    return page(request, ics, "edit_wave", wave=wave, form=form, closing_date_only=True)


def _transition(
    request: HttpRequest,
    ics: ICS,
    wave_id: int,
    name: str,
    service: Callable[..., Wave],
    **extra: Any,
) -> HttpResponse:
    """A confirmation page for a lifecycle step; POST takes the step through its service."""
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        try:
            service(wave=wave, by=request.user)
        except ValidationError as error:
            errors = presenters.error_items(error.messages, "#confirm")
        else:
            messages.success(request, presenters.TRANSITIONS[name].success)
            return _to_wave(ics, wave)
    context = presenters.transition_page(wave, name, settings.PULSE_MIN_GROUP_SIZE)
    return page(request, ics, f"{name}_wave", wave=wave, errors=errors, **context, **extra)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def open_wave(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    summary = invitation_summary(wave, selectors.wave_tallies(wave=wave))
    return _transition(request, ics, wave_id, "open", services.wave_open, invitations=summary)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def close_wave(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    return _transition(request, ics, wave_id, "close", services.wave_close)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def publish_wave(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    return _transition(request, ics, wave_id, "publish", services.wave_publish)
