"""Answering: one section per page, check your answers, and submit."""

import uuid

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pulse.core.ratelimits import too_many, too_many_page
from pulse.surveys import respondent_session
from pulse.surveys.answers import InvalidAnswers
from pulse.surveys.definition import Section
from pulse.surveys.forms.respond import (
    PageSlot,
    SectionForm,
    initial_values,
    page_slots,
    section_answer_keys,
    unexpected_keys,
)
from pulse.surveys.models import ResponseDraft, Wave
from pulse.surveys.presenters.respond import (
    CheckAnswersPage,
    SectionPage,
    respond_url,
    section_url,
)
from pulse.surveys.selectors import wave_for_respondent
from pulse.surveys.services.invitations import InvitationUnavailable, draft_discard
from pulse.surveys.services.responses import (
    NotAcceptingResponses,
    acceptance,
    draft_save,
    draft_submit,
)
from pulse.surveys.views.respond import navigation
from pulse.surveys.views.respond.common import (
    bad_answers,
    not_accepting,
    render_page,
    use_your_link,
    with_draft,
)


def _after(wave: Wave, draft: ResponseDraft, number: int, change: bool) -> str:
    """Where "Continue" leads: the next section, or (after a change) the first section still
    missing an answer, or check answers."""
    definition, answers = wave.definition, draft.answers
    if change:
        missing = navigation.missing_numbers(definition, answers)
        target = missing[0] if missing else None
    else:
        target = navigation.next_number(definition, answers, number)
    return section_url(wave, target) if target else respond_url("check", wave)


def _back(wave: Wave, draft: ResponseDraft, number: int, change: bool) -> str:
    if change:
        return respond_url("check", wave)
    previous = navigation.previous_number(wave.definition, draft.answers, number)
    return section_url(wave, previous) if previous else respond_url("start", wave)


def _form(
    request: HttpRequest, wave: Wave, draft: ResponseDraft, slots: list[PageSlot]
) -> SectionForm:
    kwargs = {"definition": wave.definition, "slots": slots, "places": wave.places}
    if request.method == "POST":
        complete = request.POST.get("action") != "save"
        return SectionForm(request.POST, complete=complete, **kwargs)
    if request.GET.get("missing") == "1":
        form = SectionForm.from_answers(draft.answers, **kwargs)
        form.is_valid()  # show what is still missing
        return form
    return SectionForm(initial=initial_values(draft.answers), **kwargs)


def _save(
    request: HttpRequest, wave: Wave, draft: ResponseDraft, section: Section, form: SectionForm
) -> HttpResponse | None:
    """Save the page's valid answers; None if there is nothing to save yet (errors to show)."""
    valid = form.is_valid()
    if form.complete and not valid:
        return None
    replacing = section_answer_keys(wave.definition, section) - form.error_keys()
    try:
        draft = draft_save(draft=draft, answers=form.answers, replacing=replacing)
    except NotAcceptingResponses as error:
        return not_accepting(request, wave, error.reason)
    if not form.complete:
        return redirect(respond_url("saved", wave))
    number = wave.definition.sections.index(section) + 1
    return redirect(_after(wave, draft, number, request.GET.get("change") == "1"))


@require_http_methods(["GET", "POST"])
@with_draft
def section(request: HttpRequest, wave: Wave, draft: ResponseDraft, number: int) -> HttpResponse:
    definition = wave.definition
    current = navigation.section_at(definition, number)
    change = request.GET.get("change") == "1"
    slots = page_slots(definition, draft.answers, current)
    form = _form(request, wave, draft, slots)
    if request.method == "POST" and form.is_tampered():
        return bad_answers(request, wave, section_url(wave, number, change=change))
    if not form.slots:  # nothing to ask here
        return redirect(_after(wave, draft, number, change))
    if request.method == "POST":
        saved = _save(request, wave, draft, current, form)
        if saved is not None:
            return saved
    back = _back(wave, draft, number, change)
    page = SectionPage(wave, number, current, form, slots, back, change)
    context = {"page": page, "form": form, "back_link": {"href": back}}
    return render_page(request, "section.jinja", context)


@require_GET
@with_draft
def check(request: HttpRequest, wave: Wave, draft: ResponseDraft) -> HttpResponse:
    shown = navigation.shown_numbers(wave.definition, draft.answers)
    back = section_url(wave, shown[-1]) if shown else respond_url("start", wave)
    page = CheckAnswersPage(wave, draft.answers, back)
    return render_page(request, "check.jinja", {"page": page, "back_link": {"href": back}})


@require_POST
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    wave = wave_for_respondent(slug=slug)
    reason = acceptance(wave)
    if reason is not None:
        return not_accepting(request, wave, reason)
    if too_many(request, "respond_submit"):
        return too_many_page(request, what="submit answers")
    if unexpected_keys(request.POST, ()):
        return bad_answers(request, wave, respond_url("check", wave))
    draft_id = respondent_session.draft_id(request, wave)
    if draft_id is None:  # e.g. a second click after the first submitted and cleared it
        answered = respondent_session.has_answered(request, wave)
        return redirect("respond:done" if answered else "respond:start", slug=slug)
    if not respondent_session.may_respond(request, wave):
        return use_your_link(request, wave)
    invited = respondent_session.invitation_id(request, wave)
    try:
        # The session's "answered" mark commits with the response: one write, not two.
        with transaction.atomic():
            stored = draft_submit(draft_id=uuid.UUID(draft_id), invitation_id=invited)
            if stored is not None:
                respondent_session.submitted(request, wave, save=True)
    except InvalidAnswers as error:
        return redirect(_first_problem(wave, error))
    except NotAcceptingResponses as error:
        return not_accepting(request, wave, error.reason)
    except InvitationUnavailable:  # answered already, perhaps in another browser just now
        draft_discard(draft_id=uuid.UUID(draft_id))
        respondent_session.forget(request, wave)
        return redirect("respond:start", slug=slug)
    if stored is None and not respondent_session.answered_in_store(request, wave):
        # The draft went without becoming a response (the survey closed at that moment, or the
        # draft expired): never confirm answers that were not stored.
        respondent_session.forget(request, wave)
        reason = acceptance(wave_for_respondent(slug=slug))
        if reason is not None:
            return not_accepting(request, wave, reason)
        return redirect("respond:start", slug=slug)
    if stored is None:  # a second click: the first stored the answers and confirmed them
        respondent_session.submitted(request, wave)
    reply = redirect("respond:done", slug=slug)
    respondent_session.mark_answered(reply, wave)
    return reply


def _first_problem(wave: Wave, error: InvalidAnswers) -> str:
    numbers = [navigation.section_of_key(wave.definition, key) for key in error.problems]
    found = sorted(n for n in numbers if n is not None)
    url = section_url(wave, found[0] if found else 1, change=True)
    return url + "&missing=1"
