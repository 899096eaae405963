"""Reads for surveys."""

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from pulse.organisations.models import ICS
from pulse.surveys.models import InstrumentVersion, Response, ResponseDraft, Wave, WaveStatus


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
