"""A wave's participant list, the wording of its emails and its reminder dates, and what is
kept of them when the wave closes. Every admin change is audited, never with an address.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pulse.core.services import audit_record
from pulse.organisations.models import Place
from pulse.surveys.models import (
    MAX_REMINDERS,
    Distribution,
    EmailKind,
    EmailStatus,
    InvitationEmail,
    Participant,
    Wave,
    WaveStatus,
)
from pulse.surveys.participants_file import Choice, RowProblem, read_participants
from pulse.surveys.selectors import live_tallies
from pulse.surveys.tabular import TableError, read_table
from pulse.surveys.wording import (
    DEFAULT_INVITATION_BODY,
    DEFAULT_INVITATION_SUBJECT,
    DEFAULT_REMINDER_BODY,
    DEFAULT_REMINDER_SUBJECT,
    wording_problems,
)

DEFAULT_WORDING = {
    "invitation_subject": DEFAULT_INVITATION_SUBJECT,
    "invitation_body": DEFAULT_INVITATION_BODY,
    "reminder_subject": DEFAULT_REMINDER_SUBJECT,
    "reminder_body": DEFAULT_REMINDER_BODY,
}
ORDINALS = ("first", "second", "third")


def _audit(wave: Wave, action: str, by: Any, **details: Any) -> None:
    audit_record(actor=by, action=action, target=wave, ics_code=wave.ics.ods_code, details=details)


def _locked(wave: Wave) -> Wave:
    return Wave.objects.select_for_update().select_related("ics", "version").get(pk=wave.pk)


def _require_list_open(wave: Wave, action: str) -> None:
    if wave.status not in (WaveStatus.DRAFT, WaveStatus.OPEN):
        raise ValidationError(
            f"You cannot {action} once the survey has closed: the list was deleted when it closed"
        )


def distribution_of(wave: Wave) -> Distribution:
    """The wave's invitation settings, or the defaults (unsaved) if never changed."""
    found = Distribution.objects.filter(wave=wave).first()
    return found or Distribution(wave=wave, **DEFAULT_WORDING)


def denominator_choices(wave: Wave) -> dict[str, list[Choice] | None]:
    """The accepted values of each denominator field (None: the survey does not ask it).
    Places are the wave's frozen list once open, the ICS's active places before."""
    dimensions = wave.definition.dimensions()
    choices: dict[str, list[Choice] | None] = {}
    for name in ("profession_group", "sector"):
        question = dimensions.get(name)
        choices[name] = (
            [Choice(o.code, o.label) for o in question.options]
            if question is not None and question.options
            else None
        )
    places = wave.places
    if wave.status == WaveStatus.DRAFT:
        places = [
            {"code": p.code, "label": p.name}
            for p in Place.objects.for_ics(wave.ics).filter(active=True)
        ]
    has_place = "place" in dimensions
    choices["place"] = [Choice(p["code"], p["label"]) for p in places] if has_place else None
    return choices


@dataclass
class ParticipantsUpload:
    """What an upload did: `error` or `problems` mean nothing was added."""

    added: int = 0
    already_listed: int = 0
    ignored_headings: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    error: str = ""


def participants_upload(*, wave: Wave, name: str, data: bytes, by: Any) -> ParticipantsUpload:
    """Add the people in an uploaded CSV or XLSX file to the wave's list: all or nothing.
    People already on the list are left as they are; nobody is added twice."""
    _require_list_open(wave, "add people")
    try:
        table = read_table(name, data)
        existing = Participant.objects.filter(wave=wave).values_list("email", flat=True)
        found = read_participants(table, choices=denominator_choices(wave), existing=existing)
    except TableError as error:
        return ParticipantsUpload(error=str(error))
    result = ParticipantsUpload(
        already_listed=found.already_listed,
        ignored_headings=found.ignored_headings,
        problems=found.problems,
    )
    if not found.problems:
        result.added = participants_add(wave=wave, people=found.people, by=by)
    return result


@transaction.atomic
def participants_add(*, wave: Wave, people: list[dict[str, str]], by: Any) -> int:
    """Add checked people (see `read_participants`). While the survey is open, the new people
    are invited at once."""
    wave = _locked(wave)
    _require_list_open(wave, "add people")
    before = Participant.objects.filter(wave=wave).count()
    Participant.objects.bulk_create(
        [Participant(wave=wave, **person) for person in people],
        ignore_conflicts=True,
        batch_size=1000,
    )
    added = Participant.objects.filter(wave=wave).count() - before
    _audit(wave, "participants_added", by, added=added)
    if wave.status == WaveStatus.OPEN and added:
        from pulse.surveys.services.invitations import invitations_schedule

        invitations_schedule(wave=wave)
    return added


def invitation_sent(participant: Participant) -> bool:
    return InvitationEmail.objects.filter(
        participant=participant, kind=EmailKind.INVITATION, status=EmailStatus.SENT
    ).exists()


@transaction.atomic
def participant_remove(*, wave: Wave, participant_id: int, by: Any) -> None:
    """Take one person off the list, as long as their invitation has not been sent."""
    wave = _locked(wave)
    _require_list_open(wave, "remove people")
    participant = Participant.objects.filter(wave=wave, pk=participant_id).first()
    if participant is None:
        raise ValidationError("This person is not on the list")
    if invitation_sent(participant):
        raise ValidationError(
            "You cannot remove this person: their invitation has already been sent"
        )
    participant.delete()
    _audit(wave, "participant_removed", by)


@transaction.atomic
def distribution_wording_update(
    *,
    wave: Wave,
    invitation_subject: str,
    invitation_body: str,
    reminder_subject: str,
    reminder_body: str,
    by: Any,
) -> Distribution:
    """Change the wording of the invitation and reminder emails (checked placeholders)."""
    wave = _locked(wave)
    _require_list_open(wave, "change the emails")
    values = {
        "invitation_subject": invitation_subject.strip(),
        "invitation_body": invitation_body.strip() + "\n",
        "reminder_subject": reminder_subject.strip(),
        "reminder_body": reminder_body.strip() + "\n",
    }
    errors = {
        name: problems
        for name, text in values.items()
        if (problems := wording_problems(text, part=name.split("_")[1]))
    }
    if errors:
        raise ValidationError(errors)
    distribution, _ = Distribution.objects.update_or_create(wave=wave, defaults=values)
    _audit(wave, "invitation_wording_changed", by)
    return distribution


def reminder_sent_numbers(wave: Wave) -> set[int]:
    """The reminders (1..3) that have gone to at least one person."""
    kinds = InvitationEmail.objects.filter(participant__wave=wave).exclude(
        kind=EmailKind.INVITATION
    )
    return {int(kind[-1]) for kind in kinds.values_list("kind", flat=True).distinct()}


def _check_reminders(wave: Wave, dates: list[date], current: list[str]) -> None:
    if len(dates) > MAX_REMINDERS:
        raise ValidationError(f"Choose up to {MAX_REMINDERS} reminder dates")
    for number in sorted(reminder_sent_numbers(wave)):
        kept = current[number - 1] if number <= len(current) else ""
        if number > len(dates) or dates[number - 1].isoformat() != kept:
            raise ValidationError(
                f"The {ORDINALS[number - 1]} reminder has been sent, so you cannot change its date"
            )
    sent = reminder_sent_numbers(wave)
    for number, day in enumerate(dates, start=1):
        name = f"reminder_{number}"
        if number in sent:
            continue
        if day <= wave.opens_on:
            raise ValidationError({name: "The reminder must be after the opening date"})
        if day > wave.closes_on:
            raise ValidationError({name: "The reminder must be on or before the closing date"})
        if day < timezone.localdate():
            raise ValidationError({name: "The reminder must be today or in the future"})
        if number > 1 and day <= dates[number - 2]:
            raise ValidationError({name: "Each reminder must be after the one before it"})


@transaction.atomic
def distribution_reminders_update(*, wave: Wave, dates: list[date], by: Any) -> Distribution:
    """Choose up to three reminder dates, in order. Reminders go to everyone invited who has
    not answered or asked to stop, on each date; a reminder already sent keeps its date."""
    wave = _locked(wave)
    _require_list_open(wave, "change reminders")
    distribution = distribution_of(wave)
    _check_reminders(wave, dates, list(distribution.reminder_dates))
    distribution.reminder_dates = [day.isoformat() for day in dates]
    distribution.save()
    _audit(wave, "reminder_dates_changed", by, dates=distribution.reminder_dates)
    if wave.status == WaveStatus.OPEN:
        from pulse.surveys.services.invitations import reminders_schedule

        reminders_schedule(wave=wave)
    return distribution


def distribution_close(*, wave: Wave) -> None:
    """At close (inside `wave_close`'s transaction): keep the counts, delete every participant
    with their addresses, links, emails and use marks."""
    participants = Participant.objects.filter(wave=wave)
    if not participants.exists() and not Distribution.objects.filter(wave=wave).exists():
        return
    distribution = distribution_of(wave)
    distribution.tallies = live_tallies(wave=wave)
    distribution.save()
    participants.delete()
