"""Getting into a survey and out of it: the start page, save and resume, and the confirmation."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from pulse.core.ratelimits import too_many, too_many_page
from pulse.surveys import respondent_session
from pulse.surveys.forms.respond import StartForm
from pulse.surveys.models import ResponseDraft, Wave
from pulse.surveys.presenters.respond import SavedPage, StartPage, WavePage, section_url
from pulse.surveys.selectors import invitation_answered, wave_for_respondent
from pulse.surveys.services.responses import (
    acceptance,
    draft_for_resume_token,
    draft_new_resume_token,
    draft_start,
)
from pulse.surveys.views.respond.common import bad_answers, not_accepting, render_page, with_draft
from pulse.surveys.views.respond.navigation import resume_number


def continue_url(wave: Wave, draft: ResponseDraft) -> str:
    """Where a respondent with this draft carries on: a section, or check answers."""
    number = resume_number(wave.definition, draft.answers)
    if number is None:
        return reverse("respond:check", kwargs={"slug": wave.open_link_slug})
    return section_url(wave, number)


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, slug: str) -> HttpResponse:
    wave = wave_for_respondent(slug=slug)
    if not respondent_session.may_respond(request, wave):
        raise Http404("This survey has no open link")
    reason = acceptance(wave)
    if reason is not None:
        return not_accepting(request, wave, reason)
    invited = respondent_session.invitation_id(request, wave)
    if invited is not None and invitation_answered(wave=wave, participant_id=invited):
        page = WavePage(wave, heading="You have already answered this survey")
        return render_page(request, "invitation_used.jinja", {"page": page})
    if invited is None and respondent_session.has_answered(request, wave):
        page = WavePage(wave, heading="You have already answered this survey")
        return render_page(request, "already_answered.jinja", {"page": page})
    draft = respondent_session.current_draft(request, wave)
    code_hash = "" if draft is not None or invited is not None else wave.access_code_hash
    if request.method == "POST" and too_many(request, "respond_start"):
        return too_many_page(request, what="start this survey")
    data = request.POST if request.method == "POST" else None
    form = StartForm(data, access_code_hash=code_hash)
    if form.is_bound and form.is_tampered():
        return bad_answers(request, wave, reverse("respond:start", kwargs={"slug": slug}))
    if form.is_bound and form.is_valid():
        if draft is None:
            draft, _ = draft_start(wave=wave)  # its first resume link is never shown
            respondent_session.remember_draft(request, wave, draft)
        return redirect(continue_url(wave, draft))
    page = StartPage(wave, form=form, invited=invited is not None)
    return render_page(request, "start.jinja", {"page": page, "form": form})


@require_GET
@with_draft
def saved(request: HttpRequest, wave: Wave, draft: ResponseDraft) -> HttpResponse:
    """The answers are saved: show a new personal resume link (once: it replaces any other)."""
    token = draft_new_resume_token(draft=draft)
    path = reverse("respond:resume", kwargs={"slug": wave.open_link_slug, "token": token})
    page = SavedPage(
        wave,
        heading="Your answers have been saved",
        resume_url=request.build_absolute_uri(path),
        continue_url=continue_url(wave, draft),
    )
    return render_page(request, "saved.jinja", {"page": page})


@require_GET
def resume(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """Swap a resume link for the session, then carry on at an address without the token."""
    wave = wave_for_respondent(slug=slug)
    reason = acceptance(wave)
    draft = draft_for_resume_token(wave=wave, token=token) if reason is None else None
    if reason is not None:
        reply = not_accepting(request, wave, reason)
    elif draft is None:
        page = WavePage(wave, heading="This link has expired or has already been replaced")
        reply = render_page(request, "resume_expired.jinja", {"page": page}, status=404)
        # The path holds the token: keep it out of Django's "Not Found" log line.
        reply._has_been_logged = True  # type: ignore[attr-defined]
    else:
        draft_new_resume_token(draft=draft)  # the link works once
        respondent_session.remember_draft(request, wave, draft)
        reply = redirect(continue_url(wave, draft))
    reply["Referrer-Policy"] = "no-referrer"
    return reply


@require_GET
def done(request: HttpRequest, slug: str) -> HttpResponse:
    wave = wave_for_respondent(slug=slug)
    if not respondent_session.has_answered(request, wave):
        return redirect("respond:start", slug=slug)
    page = WavePage(wave, heading="Your answers have been submitted")
    reply = render_page(request, "done.jinja", {"page": page})
    respondent_session.mark_answered(reply, wave)  # again, in case the first reply was lost
    return reply
