"""Drafts (save and resume) and submission of anonymous responses."""

import hashlib
import secrets
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from pulse.surveys.answers import clean_answers, prune_hidden
from pulse.surveys.models import Response, ResponseDraft, ResponseSource, Wave, WaveStatus


class NotAcceptingResponses(Exception):
    """The wave is not open for answers today. `reason` is "not_open_yet" or "closed"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def acceptance(wave: Wave, today: date | None = None) -> str | None:
    """None if the wave takes answers today, otherwise why not ("not_open_yet" or "closed")."""
    today = today or timezone.localdate()
    if wave.status == WaveStatus.DRAFT or (
        wave.status == WaveStatus.OPEN and today < wave.opens_on
    ):
        return "not_open_yet"
    if wave.status != WaveStatus.OPEN or today > wave.closes_on:
        return "closed"
    return None


def _check_open(wave: Wave) -> None:
    reason = acceptance(wave)
    if reason is not None:
        raise NotAcceptingResponses(reason)


def draft_start(*, wave: Wave) -> tuple[ResponseDraft, str]:
    """A new empty draft and the secret for its personal resume link (stored only hashed)."""
    _check_open(wave)
    resume_token = secrets.token_urlsafe(24)
    draft = ResponseDraft.objects.create(
        wave=wave, resume_token_hash=token_hash(resume_token), updated_on=timezone.localdate()
    )
    return draft, resume_token


def draft_for_resume_token(*, wave: Wave, token: str) -> ResponseDraft | None:
    return ResponseDraft.objects.filter(wave=wave, resume_token_hash=token_hash(token)).first()


def draft_new_resume_token(*, draft: ResponseDraft) -> str:
    """Replace the draft's resume link (the old one stops working)."""
    resume_token = secrets.token_urlsafe(24)
    draft.resume_token_hash = token_hash(resume_token)
    draft.save(update_fields=["resume_token_hash"])
    return resume_token


def _locked_drafts() -> "QuerySet[ResponseDraft]":
    """Drafts read under a row lock on the draft alone (`of=("self",)`): the wave and its
    version are joined but not locked, so submissions and saves of different drafts of one wave
    never wait for each other. Closing a wave still waits for a draft being submitted, because
    it deletes the wave's drafts."""
    return ResponseDraft.objects.select_for_update(of=("self",)).select_related("wave__version")


@transaction.atomic
def draft_save(
    *, draft: ResponseDraft, answers: dict[str, Any], replacing: set[str]
) -> ResponseDraft:
    """Save one page's answers, replacing what was saved for that page's questions. Answers to
    questions that an earlier change has hidden (such as a layer no longer chosen) are dropped."""
    draft = _locked_drafts().get(pk=draft.pk)
    _check_open(draft.wave)
    merged = {k: v for k, v in draft.answers.items() if k not in replacing} | answers
    draft.answers = prune_hidden(draft.wave.definition, merged)
    draft.updated_on = timezone.localdate()
    draft.save(update_fields=["answers", "updated_on"])
    return draft


def wave_place_codes(wave: Wave) -> set[str]:
    return {p["code"] for p in wave.places}


def response_create(
    *,
    wave: Wave,
    answers: dict[str, Any],
    source: str = ResponseSource.WEB,
    submitted_on: date | None = None,
) -> Response:
    """Validate and store one response. Raises InvalidAnswers (nothing stored) if the answers
    do not fit the survey. The response records only the date (today, or for an import the
    date the other tool recorded)."""
    cleaned = clean_answers(wave.definition, answers, places=wave_place_codes(wave))
    return Response.objects.create(
        wave=wave,
        submitted_on=submitted_on or timezone.localdate(),
        answers=cleaned,
        source=source,
    )


@transaction.atomic
def draft_submit(*, draft_id: Any, invitation_id: int | None = None) -> Response | None:
    """Turn a draft into a response and delete the draft, in one transaction.

    Idempotent: the draft row is locked, so of two concurrent submissions of the same draft one
    creates the response and the other finds no draft and returns None ("already submitted").
    With a personal invitation (`invitation_id`, the participant's id), the invitation is marked
    used in the same transaction, under a row lock and a unique key: of any number of
    concurrent submissions with one invitation, one stores a response and the others raise
    `InvitationUnavailable`, storing nothing. The response keeps no trace of the invitation.
    """
    draft = _locked_drafts().filter(pk=draft_id).first()
    if draft is None:
        return None
    _check_open(draft.wave)
    if invitation_id is not None:
        from pulse.surveys.services.invitations import invitation_use

        invitation_use(participant_id=invitation_id, wave=draft.wave)
    response = response_create(wave=draft.wave, answers=draft.answers)
    draft.delete()
    return response
