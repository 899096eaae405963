"""Reads for results and reports, always scoped to one ICS or one wave."""

from datetime import timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from pulse.organisations.models import ICS
from pulse.reports.models import PublicationTable, ReportFile, WavePublication
from pulse.reports.results import Results
from pulse.surveys.models import Response, Wave, WaveStatus

#: A benchmark compares waves that closed in the year up to the wave's own closing date.
BENCHMARK_WINDOW = timedelta(days=365)


def published_waves_for_ics(*, ics: ICS) -> QuerySet[Wave]:
    """The ICS's published waves, latest first. Open, closed and draft waves have no results."""
    return (
        Wave.objects.for_ics(ics)
        .filter(status=WaveStatus.PUBLISHED)
        .select_related("version__instrument", "ics", "publication")
        .order_by("-closes_on", "-pk")
    )


def published_wave_for_ics(*, ics: ICS, wave_id: int) -> Wave:
    """One published wave of the ICS; 404 for any other wave, published or not."""
    return get_object_or_404(published_waves_for_ics(ics=ics), pk=wave_id)


def wave_by_id(*, wave_id: int) -> Wave | None:
    return Wave.objects.select_related("ics", "version__instrument").filter(pk=wave_id).first()


def publication_for_wave(*, wave: Wave) -> WavePublication | None:
    return WavePublication.objects.for_ics(wave.ics).filter(wave=wave).first()


def results_for_wave(*, wave: Wave) -> Results | None:
    """The stored results of a published wave (None while they are being prepared)."""
    publication = publication_for_wave(wave=wave)
    if publication is None:
        return None
    publication.wave = wave
    return Results(wave=wave, publication=publication)


def published_results_for_ics(*, ics: ICS, wave_id: int) -> Results:
    """A published wave's results for the results pages; 404 while they are not ready."""
    results = results_for_wave(wave=published_wave_for_ics(ics=ics, wave_id=wave_id))
    if results is None:
        raise Http404("The results are being prepared")
    return results


def publication_table_content(*, publication_id: int, name: str) -> bytes | None:
    row = (
        PublicationTable.objects.filter(publication_id=publication_id, name=name)
        .values_list("content", flat=True)
        .first()
    )
    return None if row is None else bytes(row)


def earlier_published_waves(*, wave: Wave) -> list[Wave]:
    """Published waves of the same instrument in the same ICS that closed before this one,
    oldest first: the first is the baseline, the last the previous wave."""
    candidates = (
        Wave.objects.for_ics(wave.ics)
        .filter(
            status=WaveStatus.PUBLISHED,
            version__instrument__key=wave.version.instrument.key,
            closes_on__lte=wave.closes_on,
        )
        .exclude(pk=wave.pk)
        .select_related("version__instrument", "ics")
        .order_by("closes_on", "pk")
    )
    return [w for w in candidates if (w.closes_on, w.pk) < (wave.closes_on, wave.pk)]


def comparable_waves(*, wave: Wave, min_responses: int = 10) -> list[Wave]:
    """For a benchmark: this wave, and each other ICS's latest published wave of the same
    instrument version that closed in the year up to this wave's closing date.

    Waves with fewer than `min_responses` (k) responses are left out, so that the England
    figures of two benchmarks never differ by one small system (ADR 15)."""
    others = (
        Wave.objects.filter(
            status=WaveStatus.PUBLISHED,
            version=wave.version,
            closes_on__lte=wave.closes_on,
            closes_on__gte=wave.closes_on - BENCHMARK_WINDOW,
        )
        .exclude(ics=wave.ics)
        .annotate(responses_n=Count("responses"))
        .filter(responses_n__gte=min_responses)
        .select_related("ics", "version__instrument")
        .order_by("ics_id", "-closes_on", "-pk")
    )
    latest: dict[int, Wave] = {}
    for other in others:
        latest.setdefault(other.ics_id, other)
    return [wave, *latest.values()]


def wave_answers(*, wave: Wave) -> list[tuple[Any, Any]]:
    """(response id, answers) for building the analysis frame. Never shown to anyone."""
    return list(Response.objects.for_ics(wave.ics).filter(wave=wave).values_list("id", "answers"))


def wave_invited(*, wave: Wave) -> int | None:
    """How many leaders were invited personally (kept when the list is deleted at closing)."""
    from pulse.surveys.selectors import wave_tallies

    invited = wave_tallies(wave=wave).get("invited")
    return int(invited) if invited else None


def report_files_for_wave(*, wave: Wave) -> dict[str, ReportFile]:
    """The wave's current files by format, without their content."""
    files = ReportFile.objects.for_ics(wave.ics).filter(wave=wave).defer("content")
    return {f.format: f for f in files}


def report_file_for_wave(*, wave: Wave, file_format: str) -> ReportFile | None:
    return ReportFile.objects.for_ics(wave.ics).filter(wave=wave, format=file_format).first()


def systems() -> list[ICS]:
    """Every ICS with its region and benchmark consent (for deciding who is named)."""
    return list(ICS.objects.select_related("region"))


def ics_names() -> dict[str, str]:
    """Every ICS's short name by ODS code (for analysts' benchmark tables)."""
    return dict(ICS.objects.values_list("ods_code", "short_name"))
