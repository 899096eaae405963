"""Personal invitations for a wave: the participant list, the emails and reminders, and the
fieldwork page (totals only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods

from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm
from pulse.surveys import selectors
from pulse.surveys.forms.distribution import RemindersForm, TableUploadForm, WordingForm
from pulse.surveys.models import Wave, WaveStatus
from pulse.surveys.presenters import distribution as presenters
from pulse.surveys.presenters import fieldwork
from pulse.surveys.services import distribution as services
from pulse.surveys.views.admin._common import page, posted, save

PER_PAGE = 100


def _labels(wave: Wave) -> dict[str, dict[str, str]]:
    choices = services.denominator_choices(wave)
    return {name: {c.code: c.label for c in found or ()} for name, found in choices.items()}


def _list_open(wave: Wave) -> bool:
    return wave.status in (WaveStatus.DRAFT, WaveStatus.OPEN)


@require_GET
@ics_view(Perm.MANAGE_WAVES)
def list_participants(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    people = Paginator(selectors.participants_for_wave(wave=wave), PER_PAGE)
    current = people.get_page(request.GET.get("page"))
    rows = presenters.participant_rows(wave, list(current.object_list), _labels(wave))
    return page(
        request,
        ics,
        "list_participants",
        wave=wave,
        rows=rows,
        people=current,
        total=people.count,
        list_open=_list_open(wave),
        tallies=selectors.wave_tallies(wave=wave),
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def upload_participants(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    """Add people from a CSV or XLSX file: every bad row is listed and nothing is added until
    the file is clean."""
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    data = posted(request)
    form = TableUploadForm(
        data=data, files=request.FILES if data is not None else None, label="Upload a list"
    )
    result = None
    if request.method == "POST" and _list_open(wave) and form.is_valid():
        name, content = form.cleaned_data["file"]
        result = services.participants_upload(wave=wave, name=name, data=content, by=request.user)
        if result.error:
            form.add_error("file", result.error)
        elif result.problems:
            form.add_error("file", presenters.problems_message(len(result.problems)))
        else:
            messages.success(request, presenters.added_message(result))
            return redirect("surveys:list_participants", ics_code=ics.url_code, wave_id=wave.pk)
    return page(
        request,
        ics,
        "upload_participants",
        wave=wave,
        form=form,
        problem_rows=presenters.problem_rows(result.problems if result else []),
        list_open=_list_open(wave),
        choices=presenters.accepted_values(services.denominator_choices(wave)),
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def remove_participant(
    request: HttpRequest, ics: ICS, wave_id: int, participant_id: int
) -> HttpResponse:
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    person = selectors.participant_for_wave(wave=wave, participant_id=participant_id)
    error = ""
    if request.method == "POST":
        try:
            services.participant_remove(wave=wave, participant_id=person.pk, by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, f"{person.email} has been removed from the list")
            return redirect("surveys:list_participants", ics_code=ics.url_code, wave_id=wave.pk)
    return page(request, ics, "remove_participant", wave=wave, person=person, error=error)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def edit_invitations(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    """The wording of the invitation and reminder emails; saving leads to the preview."""
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    distribution = services.distribution_of(wave)
    initial = {name: getattr(distribution, name) for name in WordingForm.base_fields}
    form = WordingForm(data=posted(request), initial=initial)
    if request.method == "POST" and _list_open(wave) and form.is_valid():
        update = lambda: services.distribution_wording_update(  # noqa: E731
            wave=wave, by=request.user, **form.cleaned_data
        )
        if save(form, update) is not None:
            messages.success(request, "Email wording saved. Check how it reads below.")
            return redirect("surveys:preview_invitations", ics_code=ics.url_code, wave_id=wave.pk)
    return page(
        request,
        ics,
        "edit_invitations",
        wave=wave,
        form=form,
        list_open=_list_open(wave),
        placeholders=presenters.placeholder_rows(),
    )


@require_GET
@ics_view(Perm.MANAGE_WAVES)
def preview_invitations(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    distribution = services.distribution_of(wave)
    previews = presenters.email_previews(wave, distribution)
    return page(request, ics, "preview_invitations", wave=wave, previews=previews)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def edit_reminders(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    distribution = services.distribution_of(wave)
    initial = presenters.reminder_initial(distribution.reminder_dates)
    form = RemindersForm(data=posted(request), initial=initial)
    if request.method == "POST" and _list_open(wave) and form.is_valid():
        update = lambda: services.distribution_reminders_update(  # noqa: E731
            wave=wave, dates=form.dates(), by=request.user
        )
        if save(form, update) is not None:
            messages.success(request, "Reminder dates saved")
            return redirect("surveys:show_fieldwork", ics_code=ics.url_code, wave_id=wave.pk)
    return page(request, ics, "edit_reminders", wave=wave, form=form, list_open=_list_open(wave))


@require_GET
@ics_view(Perm.MANAGE_WAVES)
def show_fieldwork(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    """Totals only: rounded, hidden below 10, never a name or an address."""
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    tallies = selectors.wave_tallies(wave=wave)
    responses = selectors.wave_response_count(wave=wave)
    closed = wave.status in (WaveStatus.CLOSED, WaveStatus.PUBLISHED)
    by = selectors.wave_dimension_responses(wave=wave) if closed else None
    distribution = services.distribution_of(wave)
    return page(
        request,
        ics,
        "show_fieldwork",
        wave=wave,
        closed=closed,
        summary_rows=fieldwork.summary_rows(wave, tallies, responses),
        group_tables=fieldwork.group_tables(wave, tallies, by, _labels(wave), responses),
        reminder_rows=presenters.reminder_rows(wave, distribution.reminder_dates, tallies),
        chart=fieldwork.responses_chart(wave, selectors.wave_daily_responses(wave=wave)),
        list_open=_list_open(wave),
    )
