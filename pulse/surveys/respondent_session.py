"""What a respondent's browser holds while they answer: nothing but the id of their draft.

The session keeps, for each wave (by its link's slug), the id of the draft being answered:
`request.session["respond"][slug]`, and, for a personal invitation, the participant's id
(`request.session["respond_invited"][slug]`) until the answers are submitted. It never holds answers, a resume token or anything that
could link a submitted response back to the browser (DESIGN.md section 6): the draft id is
forgotten on submission and the draft itself is deleted.

A long-lived signed cookie per wave (`pulse_done_<slug>`) remembers that this browser has
submitted, so the open link can ask a second person on the same browser to use their own
device. It holds no answers and no identifier (docs/open-links.md says what it cannot prevent).
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from pulse.surveys.models import ResponseDraft, Wave
from pulse.surveys.selectors import draft_for_wave

SESSION_KEY = "respond"
ANSWERED_KEY = "respond_answered"
INVITED_KEY = "respond_invited"
STOP_EMAILS_KEY = "respond_stop_emails"
DONE_COOKIE_SALT = "pulse.surveys.respond.done"
DONE_COOKIE_AGE = timedelta(days=400)  # the longest lifetime browsers accept


def may_respond(request: HttpRequest, wave: Wave) -> bool:
    """Whether this browser may start answering the wave.

    The one place that decides who can start: through the wave's open link, or with a personal
    invitation whose emailed link this browser has followed (granted in the session).
    """
    return bool(wave.open_link_enabled) or invitation_id(request, wave) is not None


def grant_invitation(request: HttpRequest, wave: Wave, participant_id: int) -> None:
    """The browser followed a personal link: it may answer the wave as that invitation. The
    session keeps the participant's id only until the answers are submitted."""
    request.session.cycle_key()  # a new session id for a new privilege
    grants = request.session.get(INVITED_KEY)
    grants = grants if isinstance(grants, dict) else {}
    grants[wave.open_link_slug] = participant_id
    request.session[INVITED_KEY] = grants


def invitation_id(request: HttpRequest, wave: Wave) -> int | None:
    """The participant whose invitation this browser answers the wave with, if any."""
    grants = request.session.get(INVITED_KEY)
    value = grants.get(wave.open_link_slug) if isinstance(grants, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def grant_stop_emails(request: HttpRequest, participant_id: int) -> None:
    """The browser followed an unsubscribe link: it may stop that person's emails."""
    request.session[STOP_EMAILS_KEY] = participant_id


def stop_emails_id(request: HttpRequest) -> int | None:
    value = request.session.get(STOP_EMAILS_KEY)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def forget_stop_emails(request: HttpRequest) -> None:
    request.session.pop(STOP_EMAILS_KEY, None)


def forget_invitation(request: HttpRequest, wave: Wave) -> None:
    grants = request.session.get(INVITED_KEY)
    if isinstance(grants, dict) and grants.pop(wave.open_link_slug, None) is not None:
        request.session[INVITED_KEY] = grants


def _drafts(request: HttpRequest) -> dict[str, str]:
    value = request.session.get(SESSION_KEY)
    return value if isinstance(value, dict) else {}


def draft_id(request: HttpRequest, wave: Wave) -> str | None:
    """The id of the draft this browser is answering for the wave, if any."""
    value = _drafts(request).get(wave.open_link_slug)
    try:
        return str(uuid.UUID(value)) if isinstance(value, str) else None
    except ValueError:
        return None


def current_draft(request: HttpRequest, wave: Wave) -> ResponseDraft | None:
    """The draft this browser is answering, or None if there is none (or it was deleted)."""
    return draft_for_wave(wave=wave, draft_id=draft_id(request, wave))


def remember_draft(request: HttpRequest, wave: Wave, draft: ResponseDraft) -> None:
    drafts = _drafts(request)
    drafts[wave.open_link_slug] = str(draft.pk)
    request.session[SESSION_KEY] = drafts
    request.session.modified = True


def forget(request: HttpRequest, wave: Wave) -> None:
    drafts = _drafts(request)
    if drafts.pop(wave.open_link_slug, None) is not None:
        request.session[SESSION_KEY] = drafts
        request.session.modified = True


def submitted(request: HttpRequest, wave: Wave, *, save: bool = False) -> None:
    """The draft has become a response: forget it, and remember (for this session) that the
    wave has been answered, so a second click on "Submit" still lands on the confirmation even
    if the browser never saw the first reply's cookie.

    With `save`, the session is written now (inside the caller's transaction, so it commits
    with the response) instead of once more after the view."""
    forget(request, wave)
    forget_invitation(request, wave)
    answered = request.session.get(ANSWERED_KEY)
    answered = answered if isinstance(answered, list) else []
    if wave.open_link_slug not in answered:
        request.session[ANSWERED_KEY] = [*answered, wave.open_link_slug]
    if save and request.session.session_key is not None:
        try:
            request.session.save()
        except UpdateError:  # the session has gone (or the write failed): store nothing
            request.session.modified = False  # and keep the draft's id where it was
            raise SessionInterrupted("The session ended before the answers were stored.") from None
        request.session.modified = False


def answered_in_store(request: HttpRequest, wave: Wave) -> bool:
    """Whether the session as stored now (not as this request read it) says the wave has been
    answered. A second click on "Submit" waits for the first to commit, then finds the draft
    gone: only the stored session tells it whether the first stored the answers."""
    key = request.session.session_key
    if key is None:
        return False
    stored = type(request.session)(session_key=key).load()
    answered = stored.get(ANSWERED_KEY)
    return isinstance(answered, list) and wave.open_link_slug in answered


def done_cookie_name(wave: Wave) -> str:
    return f"pulse_done_{wave.open_link_slug}"


def has_answered(request: HttpRequest, wave: Wave) -> bool:
    """Whether this browser has already submitted answers to the wave."""
    answered = request.session.get(ANSWERED_KEY)
    if isinstance(answered, list) and wave.open_link_slug in answered:
        return True
    value = request.get_signed_cookie(
        done_cookie_name(wave),
        default=None,
        salt=DONE_COOKIE_SALT,
        max_age=DONE_COOKIE_AGE,
    )
    return value == "1"


def mark_answered(response: HttpResponse, wave: Wave) -> None:
    """Remember on the browser that it has submitted answers to the wave."""
    response.set_signed_cookie(
        done_cookie_name(wave),
        "1",
        salt=DONE_COOKIE_SALT,
        max_age=int(DONE_COOKIE_AGE.total_seconds()),
        path=reverse("respond:start", kwargs={"slug": wave.open_link_slug}),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
