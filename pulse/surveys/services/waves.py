"""The wave lifecycle: draft -> open -> closed -> published, each step audited."""

import secrets
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pulse.core.services import audit_record, task_schedule
from pulse.organisations.models import ICS, Place
from pulse.surveys.definition import DefinitionError
from pulse.surveys.local_questions import LOCAL_TYPES, with_local_questions
from pulse.surveys.models import InstrumentVersion, Wave, WaveStatus


def _audit(wave: Wave, action: str, by: Any, **details: Any) -> None:
    audit_record(actor=by, action=action, target=wave, ics_code=wave.ics.ods_code, details=details)


def _check_dates(opens_on: date, closes_on: date) -> None:
    if closes_on < opens_on:
        raise ValidationError(
            {"closes_on": "The closing date must be the same as or after the opening date"}
        )


def _check_version(ics: ICS, version: InstrumentVersion) -> None:
    if version.instrument.ics_id not in (None, ics.pk):
        raise ValidationError({"version": "Select a survey your system can use"})


@transaction.atomic
def wave_create(
    *,
    ics: ICS,
    version: InstrumentVersion,
    title: str,
    opens_on: date,
    closes_on: date,
    open_link_enabled: bool = False,
    access_code: str = "",
    by: Any,
) -> Wave:
    _check_version(ics, version)
    _check_dates(opens_on, closes_on)
    wave = Wave.objects.create(
        ics=ics,
        version=version,
        title=title.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        open_link_enabled=open_link_enabled,
        open_link_slug=secrets.token_urlsafe(16),
        access_code_hash=make_password(access_code.strip()) if access_code.strip() else "",
        created_by=by if getattr(by, "pk", None) else None,
    )
    _audit(wave, "wave_created", by, version=str(version))
    return wave


STATUS_PHRASES = {
    WaveStatus.DRAFT: "still a draft",
    WaveStatus.OPEN: "open",
    WaveStatus.CLOSED: "closed",
    WaveStatus.PUBLISHED: "published",
}


def _require(wave: Wave, *statuses: str, action: str) -> None:
    if wave.status not in statuses:
        phrase = STATUS_PHRASES.get(wave.status, wave.get_status_display().lower())
        raise ValidationError(f"You cannot {action} a survey that is {phrase}")


@transaction.atomic
def wave_update(
    *,
    wave: Wave,
    title: str,
    opens_on: date,
    closes_on: date,
    open_link_enabled: bool,
    access_code: str | None,
    version: InstrumentVersion | None = None,
    by: Any,
) -> Wave:
    """Change a draft's settings (`version` None: unchanged; `access_code` None: unchanged,
    "": removed). Once open, only the closing date can change."""
    wave = Wave.objects.select_for_update().select_related("ics", "version").get(pk=wave.pk)
    if wave.status == WaveStatus.OPEN:
        if (
            (title.strip(), opens_on, open_link_enabled)
            != (wave.title, wave.opens_on, wave.open_link_enabled)
            or access_code
            or (version is not None and version.pk != wave.version_id)
        ):
            raise ValidationError("The survey is open: you can only change its closing date")
        if closes_on < max(timezone.localdate(), wave.opens_on):
            raise ValidationError({"closes_on": "The closing date must be today or later"})
        wave.closes_on = closes_on
        wave.save(update_fields=["closes_on"])
        _audit(wave, "wave_close_date_changed", by, closes_on=closes_on.isoformat())
        _schedule_closing(wave)
        return wave
    _require(wave, WaveStatus.DRAFT, action="change")
    _check_dates(opens_on, closes_on)
    if version is not None and version.pk != wave.version_id:
        _change_version(wave, version)
    wave.title, wave.opens_on, wave.closes_on = title.strip(), opens_on, closes_on
    wave.open_link_enabled = open_link_enabled
    if access_code is not None:
        wave.access_code_hash = make_password(access_code.strip()) if access_code.strip() else ""
    wave.save()
    _audit(wave, "wave_changed", by, version=str(wave.version))
    return wave


def _change_version(wave: Wave, version: InstrumentVersion) -> None:
    """Run another version; the local questions must still fit it (keys, conditions)."""
    _check_version(wave.ics, version)
    try:
        with_local_questions(version.definition, wave.local_questions)
    except DefinitionError as error:
        raise ValidationError(
            {
                "version": "Your own questions do not fit that survey: "
                + " ".join(p.message for p in error.problems)
            }
        ) from error
    wave.version = version
    wave.__dict__.pop("definition", None)


@transaction.atomic
def wave_local_question_add(*, wave: Wave, question: dict[str, Any], by: Any) -> Wave:
    """Add one of the ICS's own questions to a draft wave (validated with the whole survey)."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    _require(wave, WaveStatus.DRAFT, action="add questions to")
    if question.get("type") not in LOCAL_TYPES:
        raise ValidationError({"type": "Select the type of question"})
    local = [*wave.local_questions, question]
    try:
        with_local_questions(wave.version.definition, local)
    except DefinitionError as error:
        raise ValidationError([p.message for p in error.problems]) from error
    wave.local_questions = local
    wave.save(update_fields=["local_questions"])
    _audit(wave, "wave_local_question_added", by, key=question["key"])
    return wave


@transaction.atomic
def wave_local_question_remove(*, wave: Wave, key: str, by: Any) -> Wave:
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    _require(wave, WaveStatus.DRAFT, action="remove questions from")
    local = [q for q in wave.local_questions if q.get("key") != key]
    try:
        with_local_questions(wave.version.definition, local)
    except DefinitionError as error:
        raise ValidationError(
            "Another question depends on this one. Remove that question first."
        ) from error
    wave.local_questions = local
    wave.save(update_fields=["local_questions"])
    _audit(wave, "wave_local_question_removed", by, key=key)
    return wave


def _closing_moment(wave: Wave) -> datetime:
    """Midnight at the end of the closing date, local time."""
    return timezone.make_aware(datetime.combine(wave.closes_on + timedelta(days=1), time.min))


def _schedule_closing(wave: Wave) -> None:
    from pulse.surveys.tasks import close_due_waves

    task_schedule(close_due_waves, run_after=_closing_moment(wave))


@transaction.atomic
def wave_open(*, wave: Wave, by: Any) -> Wave:
    """Open a draft: its questions and places are fixed from now on. Respondents can answer
    from the opening date to the closing date."""
    wave = Wave.objects.select_for_update().select_related("ics").get(pk=wave.pk)
    _require(wave, WaveStatus.DRAFT, action="open")
    if wave.closes_on < timezone.localdate():
        raise ValidationError(
            {"closes_on": "The closing date has passed. Choose a later closing date."}
        )
    places = [
        {"code": p.code, "label": p.name}
        for p in Place.objects.for_ics(wave.ics).filter(active=True)
    ]
    asks_place = any(q.type == "place" for q in wave.definition.questions())
    if asks_place and not places:
        raise ValidationError(
            "The survey asks for the respondent's place: add your system's places first"
        )
    wave.places = places
    wave.status = WaveStatus.OPEN
    wave.opened_at = timezone.now()
    wave.save(update_fields=["places", "status", "opened_at"])
    _audit(wave, "wave_opened", by)
    _schedule_closing(wave)
    _schedule_invitations(wave)
    return wave


def _schedule_invitations(wave: Wave) -> None:
    """Email the participant list its personal links, and remind on the chosen dates."""
    from pulse.surveys.services.invitations import invitations_schedule, reminders_schedule

    invitations_schedule(wave=wave)
    reminders_schedule(wave=wave)


@transaction.atomic
def wave_close(*, wave: Wave, by: Any) -> Wave:
    """Close an open wave. Unfinished drafts are deleted: they can no longer be submitted. So
    are the participants' addresses and links: only the counts are kept."""
    wave = Wave.objects.select_for_update().select_related("ics").get(pk=wave.pk)
    _require(wave, WaveStatus.OPEN, action="close")
    wave.status = WaveStatus.CLOSED
    wave.closed_at = timezone.now()
    wave.save(update_fields=["status", "closed_at"])
    wave.drafts.all().delete()
    # The participant list goes too: its addresses and links, keeping only the counts.
    from pulse.surveys.services.distribution import distribution_close

    distribution_close(wave=wave)
    _audit(wave, "wave_closed", by)
    return wave


@transaction.atomic
def wave_publish(*, wave: Wave, by: Any) -> Wave:
    """Publish a closed wave's results to the ICS's viewers."""
    wave = Wave.objects.select_for_update().select_related("ics").get(pk=wave.pk)
    _require(wave, WaveStatus.CLOSED, action="publish")
    wave.status = WaveStatus.PUBLISHED
    wave.published_at = timezone.now()
    wave.save(update_fields=["status", "published_at"])
    _audit(wave, "wave_published", by)
    from pulse.reports.tasks import build_publication

    transaction.on_commit(lambda: build_publication.enqueue(wave_id=wave.pk))
    return wave


def waves_close_due(*, today: date | None = None) -> list[Wave]:
    """Close every open wave whose closing date has passed. Safe to run any number of times."""
    today = today or timezone.localdate()
    closed = []
    for wave in Wave.objects.filter(status=WaveStatus.OPEN, closes_on__lt=today):
        closed.append(wave_close(wave=wave, by=None))
    return closed
