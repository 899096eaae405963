"""What every respondent page shares: finding the wave and the browser's draft, the pages for a
survey that is not taking answers, and the reply to tampered answers."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pulse.surveys import respondent_session
from pulse.surveys.models import ResponseDraft, Wave
from pulse.surveys.presenters.respond import WavePage, bad_answers_context
from pulse.surveys.selectors import wave_for_respondent
from pulse.surveys.services.responses import acceptance

DraftView = Callable[..., HttpResponse]


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """Render a respondent page: no account needed, so no sign-in link in the header."""
    return render(
        request, f"surveys/respond/{template}", {"hide_sign_in": True, **context}, status=status
    )


def not_accepting(request: HttpRequest, wave: Wave, reason: str) -> HttpResponse:
    """The page for a survey that is not open yet, or has closed."""
    if reason == "not_open_yet":
        page = WavePage(wave, heading="This survey is not open yet")
        return render_page(request, "not_open.jinja", {"page": page})
    page = WavePage(wave, heading="This survey has closed")
    return render_page(request, "closed.jinja", {"page": page})


def bad_answers(request: HttpRequest, wave: Wave, back_href: str) -> HttpResponse:
    """400: the answers sent could not have come from the page. Nothing has been stored."""
    return render_page(
        request, "bad_answers.jinja", bad_answers_context(wave, back_href), status=400
    )


def use_your_link(request: HttpRequest, wave: Wave) -> HttpResponse:
    """403: the survey is answered by personal invitation only, and this browser has a draft
    (resumed from a saved link) but has not followed an invitation link."""
    page = WavePage(wave, heading="Open the link in your invitation email")
    return render_page(request, "use_your_link.jinja", {"page": page}, status=403)


def with_draft(view: DraftView) -> DraftView:
    """Pages answered with a draft: the wave must be taking answers, this browser must have a
    draft for it (otherwise it goes to the start page) and may answer it (`may_respond`)."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponse:
        wave = wave_for_respondent(slug=slug)
        reason = acceptance(wave)
        if reason is not None:
            return not_accepting(request, wave, reason)
        draft: ResponseDraft | None = respondent_session.current_draft(request, wave)
        if draft is None:
            return redirect("respond:start", slug=slug)
        if not respondent_session.may_respond(request, wave):
            return use_your_link(request, wave)
        return view(request, wave, draft, **kwargs)

    return wrapper
