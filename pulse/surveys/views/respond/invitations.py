"""Following a personal link from an invitation or reminder, and stopping further emails.

The token travels in the query string (`/s/invitation/?token=...`), which is never logged. It
is exchanged at once for a grant in the session, and the browser is redirected to an address
without it; the reply tells the browser not to send the address on as a referrer.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods

from pulse.surveys import respondent_session, selectors
from pulse.surveys.presenters.respond import WavePage
from pulse.surveys.services.invitations import participant_opt_out
from pulse.surveys.views.respond.common import render_page

NOT_FOUND_TITLE = "This link does not work"


def _token(request: HttpRequest) -> str:
    return str(request.GET.get("token", ""))[:200]


def _not_found(request: HttpRequest) -> HttpResponse:
    context = {"page_title": NOT_FOUND_TITLE}
    return render_page(request, "invitation_not_found.jinja", context, status=404)


def _private(reply: HttpResponse) -> HttpResponse:
    reply["Referrer-Policy"] = "no-referrer"
    return reply


@require_GET
def follow_invitation(request: HttpRequest) -> HttpResponse:
    """Swap the emailed link's token for the session, then go to the survey's start page."""
    participant = selectors.participant_by_token(token=_token(request))
    if participant is None:
        return _private(_not_found(request))
    wave = participant.wave
    respondent_session.grant_invitation(request, wave, participant.pk)
    return _private(redirect("respond:start", slug=wave.open_link_slug))


@require_GET
def unsubscribe(request: HttpRequest) -> HttpResponse:
    """Swap the unsubscribe link's token for the session, then ask to confirm."""
    participant = selectors.participant_by_token(token=_token(request))
    if participant is None:
        return _private(_not_found(request))
    respondent_session.grant_stop_emails(request, participant.pk)
    return _private(redirect("respond:stop_emails"))


@require_http_methods(["GET", "POST"])
def stop_emails(request: HttpRequest) -> HttpResponse:
    """Confirm, then send this person no more emails about the survey."""
    participant_id = respondent_session.stop_emails_id(request)
    participant = (
        selectors.participant_with_wave(participant_id=participant_id) if participant_id else None
    )
    if participant is None:
        return _not_found(request)
    if request.method == "POST":
        participant_opt_out(participant_id=participant.pk)
        respondent_session.forget_stop_emails(request)
        page = WavePage(
            participant.wave, heading="You will not get any more emails about this survey"
        )
        return render_page(request, "emails_stopped.jinja", {"page": page})
    page = WavePage(participant.wave, heading="Stop emails about this survey")
    return render_page(request, "stop_emails.jinja", {"page": page})
