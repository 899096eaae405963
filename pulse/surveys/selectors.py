"""Reads for surveys."""

from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from pulse.organisations.models import ICS
from pulse.surveys.models import (
    DENOMINATOR_FIELDS,
    Distribution,
    EmailKind,
    EmailStatus,
    InstrumentVersion,
    InvitationEmail,
    InvitationToken,
    InvitationUse,
    Participant,
    Response,
    ResponseDraft,
    ResultsMapping,
    ResultsUpload,
    Wave,
    WaveStatus,
)


def instrument_version_by_key(
    *, key: str, number: int | None = None, ics_code: str = ""
) -> InstrumentVersion | None:
    versions = InstrumentVersion.objects.select_related("instrument").filter(instrument__key=key)
    versions = (
        versions.filter(instrument__ics__ods_code=ics_code.upper())
        if ics_code
        else versions.filter(instrument__ics__isnull=True)
    )
    if number is not None:
        versions = versions.filter(version=number)
    return versions.order_by("-version").first()


def versions_for_ics(*, ics: ICS) -> QuerySet[InstrumentVersion]:
    """Versions an ICS can run: the standard ones and its own (standard ones first)."""
    return (
        InstrumentVersion.objects.select_related("instrument")
        .filter(Q(instrument__ics__isnull=True) | Q(instrument__ics=ics))
        .order_by(F("instrument__ics").asc(nulls_first=True), "instrument__title", "-version")
    )


def version_for_ics(*, ics: ICS, version_id: int) -> InstrumentVersion:
    """One version the ICS can use (standard or its own); 404 for another ICS's."""
    return get_object_or_404(versions_for_ics(ics=ics), pk=version_id)


def waves_for_ics(*, ics: ICS) -> QuerySet[Wave]:
    """The ICS's waves, latest first, each with its response count (for rounding by presenters)."""
    counts = (
        Response.objects.filter(wave=OuterRef("pk"))
        .order_by()
        .values("wave")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Wave.objects.for_ics(ics)
        .select_related("version__instrument", "ics")
        .annotate(response_count=Coalesce(Subquery(counts), 0))
        .order_by("-opens_on", "-pk")
    )


def wave_for_ics(*, ics: ICS, wave_id: int) -> Wave:
    return get_object_or_404(
        Wave.objects.for_ics(ics).select_related("version__instrument", "ics"), pk=wave_id
    )


def wave_response_count(*, wave: Wave) -> int:
    """Submitted responses (never shown exactly: presenters round it)."""
    return Response.objects.for_ics(wave.ics).filter(wave=wave).count()


def wave_by_open_link(*, slug: str) -> Wave:
    return get_object_or_404(
        Wave.objects.select_related("version__instrument", "ics"),
        open_link_slug=slug,
        open_link_enabled=True,
    )


def draft_for_wave(*, wave: Wave, draft_id: object) -> ResponseDraft | None:
    if not draft_id:
        return None
    try:
        return ResponseDraft.objects.filter(wave=wave, pk=draft_id).first()
    except (ValueError, TypeError):
        return None


def wave_for_respondent(*, slug: str) -> Wave:
    """A wave by its link's slug for the respondent pages, whether or not its open link is on
    (later pages are reached with a draft, not the link); 404 while the wave is a draft."""
    return get_object_or_404(
        Wave.objects.select_related("version__instrument", "ics").exclude(status=WaveStatus.DRAFT),
        open_link_slug=slug,
    )


# --- Personal invitations -----------------------------------------------------------------


def participant_by_token(*, token: str) -> Participant | None:
    """The participant an emailed link was sent to (by the token's hash), with their wave."""
    from pulse.surveys.services.responses import token_hash

    if not token or len(token) > 200:
        return None
    found = (
        InvitationToken.objects.select_related(
            "participant__wave__ics", "participant__wave__version__instrument"
        )
        .filter(token_hash=token_hash(token))
        .first()
    )
    return found.participant if found is not None else None


def invitation_answered(*, wave: Wave, participant_id: int) -> bool:
    """Whether this invitation has been used (or no longer exists, as after closing)."""
    if not Participant.objects.filter(pk=participant_id, wave=wave).exists():
        return True
    return InvitationUse.objects.filter(participant_id=participant_id).exists()


def participants_for_wave(*, wave: Wave) -> QuerySet[Participant]:
    """The wave's participant list (addresses in order), each marked `invited` once their
    invitation has been sent (then they can no longer be removed). Nothing about answering."""
    sent = Participant.objects.filter(
        pk=OuterRef("pk"), emails__kind=EmailKind.INVITATION, emails__status=EmailStatus.SENT
    )
    return Participant.objects.filter(wave=wave).annotate(invited=Exists(sent)).order_by("email")


def participant_for_wave(*, wave: Wave, participant_id: int) -> Participant:
    return get_object_or_404(participants_for_wave(wave=wave), pk=participant_id)


def live_tallies(*, wave: Wave) -> dict[str, Any]:
    """Counts of the participant list and its emails, never anything per person."""
    participants = Participant.objects.filter(wave=wave)
    groups = {
        name: {
            row[name]: row["n"]
            for row in participants.exclude(**{name: ""}).values(name).annotate(n=Count("pk"))
        }
        for name in DENOMINATOR_FIELDS
    }
    emails: dict[str, dict[str, int]] = {}
    rows = (
        InvitationEmail.objects.filter(participant__wave=wave).order_by().values("kind", "status")
    )
    for row in rows.annotate(n=Count("pk")):
        emails.setdefault(row["kind"], {})[row["status"]] = row["n"]
    return {
        "invited": participants.count(),
        "responded": InvitationUse.objects.filter(participant__wave=wave).count(),
        "emails": emails,
        "groups": groups,
    }


def wave_tallies(*, wave: Wave) -> dict[str, Any]:
    """The counts behind the fieldwork page: live while the list exists, and as kept at
    closing afterwards (the list is deleted then)."""
    if wave.status in (WaveStatus.DRAFT, WaveStatus.OPEN):
        return live_tallies(wave=wave)
    distribution = Distribution.objects.filter(wave=wave).first()
    return distribution.tallies if distribution is not None else {}


def wave_daily_responses(*, wave: Wave) -> dict[object, int]:
    """Responses by the date they were submitted (never shown unrounded)."""
    rows = (
        Response.objects.for_ics(wave.ics)
        .filter(wave=wave)
        .order_by()
        .values("submitted_on")
        .annotate(n=Count("id"))
    )
    return {row["submitted_on"]: row["n"] for row in rows}


def wave_responses_by(*, wave: Wave, key: str) -> dict[str, int]:
    """Responses by their answer to one question (a code), for closed waves' rates."""
    from django.db.models.fields.json import KeyTextTransform

    rows = (
        Response.objects.for_ics(wave.ics)
        .filter(wave=wave)
        .annotate(code=KeyTextTransform(key, "answers"))
        .order_by()
        .values("code")
        .annotate(n=Count("id"))
    )
    return {str(row["code"]): row["n"] for row in rows if row["code"] is not None}


def wave_dimension_responses(*, wave: Wave) -> dict[str, dict[str, int]]:
    """Responses by profession group, sector and place (those the survey asks), for the rates
    shown once a wave has closed."""
    dimensions = wave.definition.dimensions()
    return {
        name: wave_responses_by(wave=wave, key=dimensions[name].key)
        for name in DENOMINATOR_FIELDS
        if name in dimensions
    }


# --- Importing results --------------------------------------------------------------------


def results_mappings_for_ics(*, ics: ICS) -> QuerySet[ResultsMapping]:
    return ResultsMapping.objects.for_ics(ics).order_by("name")


def results_mapping_for_ics(*, ics: ICS, mapping_id: int) -> ResultsMapping | None:
    return ResultsMapping.objects.for_ics(ics).filter(pk=mapping_id).first()


def results_upload_for_wave(*, wave: Wave, upload_id: int) -> ResultsUpload:
    return get_object_or_404(ResultsUpload.objects.filter(wave=wave), pk=upload_id)


def participant_with_wave(*, participant_id: int) -> Participant | None:
    return (
        Participant.objects.select_related("wave__ics", "wave__version__instrument")
        .filter(pk=participant_id)
        .first()
    )
