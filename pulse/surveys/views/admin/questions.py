"""The ICS's own questions on a draft wave: add and remove."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm
from pulse.surveys import selectors
from pulse.surveys.forms.admin import LocalQuestionForm
from pulse.surveys.models import Wave, WaveStatus
from pulse.surveys.services import waves as services
from pulse.surveys.views.admin._common import page, posted, save


def _to_wave(ics: ICS, wave: Wave) -> HttpResponse:
    return redirect("surveys:show_wave", ics_code=ics.url_code, wave_id=wave.pk)


def _taken_keys(wave: Wave) -> set[str]:
    definition = wave.definition
    return {q.key for q in definition.questions()} | {s.key for s in definition.sections}


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def add_local_question(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    if wave.status != WaveStatus.DRAFT:
        blocked = "You can only add questions while the survey is a draft"
        return page(request, ics, "add_local_question", wave=wave, form=None, blocked=blocked)
    form = LocalQuestionForm(data=posted(request), taken_keys=_taken_keys(wave))
    if request.method == "POST" and form.is_valid():
        question = form.question()
        added = save(
            form,
            lambda: services.wave_local_question_add(wave=wave, question=question, by=request.user),
        )
        if added is not None:
            messages.success(request, f"Question added: {question['text']}")
            return _to_wave(ics, wave)
    return page(request, ics, "add_local_question", wave=wave, form=form)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_WAVES)
def remove_local_question(request: HttpRequest, ics: ICS, wave_id: int, key: str) -> HttpResponse:
    wave = selectors.wave_for_ics(ics=ics, wave_id=wave_id)
    question = next((q for q in wave.local_questions if q.get("key") == key), None)
    if question is None:
        raise Http404("No such question in this survey")
    error = ""
    if request.method == "POST":
        try:
            services.wave_local_question_remove(wave=wave, key=key, by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, f"Question removed: {question['text']}")
            return _to_wave(ics, wave)
    return page(request, ics, "remove_local_question", wave=wave, question=question, error=error)
