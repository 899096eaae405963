"""Reads for the national publication: the waves it compares, its tables and its files.

What a viewer may see of it is decided in `pulse.reports.national.scope`; these reads take that
scope (or an explicit list of systems) and never return another system's microdata.
"""

from django.db.models import Count, QuerySet
from django.http import Http404

from pulse.organisations.models import ICS, Region
from pulse.reports.national.models import NationalFile, NationalPublication, NationalTable
from pulse.reports.national.stored import NationalResults
from pulse.surveys.models import InstrumentVersion, Wave, WaveStatus


def anchor_wave(*, version: InstrumentVersion, min_responses: int) -> Wave | None:
    """The latest published wave of `version` to close, with its results stored and at least
    `min_responses` responses: the national publication compares the year up to it."""
    return (
        Wave.objects.filter(status=WaveStatus.PUBLISHED, version=version, publication__isnull=False)
        .annotate(responses_n=Count("responses"))
        .filter(responses_n__gte=min_responses)
        .select_related("ics__region", "version__instrument", "publication")
        .order_by("-closes_on", "-pk")
        .first()
    )


def standard_versions_published() -> QuerySet[InstrumentVersion]:
    """Versions of standard questionnaires with at least one published wave."""
    return (
        InstrumentVersion.objects.filter(
            instrument__ics__isnull=True, waves__status=WaveStatus.PUBLISHED
        )
        .select_related("instrument")
        .distinct()
    )


def version_by_id(*, version_id: int) -> InstrumentVersion | None:
    return InstrumentVersion.objects.select_related("instrument").filter(pk=version_id).first()


def national_publications() -> QuerySet[NationalPublication]:
    """Every national publication, the most recent comparison first."""
    return NationalPublication.objects.select_related("version__instrument").order_by(
        "-closes_to", "-version__version", "-pk"
    )


def national_publication(*, publication_id: int | None) -> NationalPublication | None:
    """One national publication (the most recent when `publication_id` is None)."""
    publications = national_publications()
    if publication_id is None:
        return publications.first()
    return publications.filter(pk=publication_id).first()


def national_results(*, publication_id: int | None = None) -> NationalResults | None:
    publication = national_publication(publication_id=publication_id)
    return None if publication is None else NationalResults(publication)


def national_results_or_404(*, publication_id: int) -> NationalResults:
    results = national_results(publication_id=publication_id)
    if results is None:
        raise Http404("No such comparison")
    return results


def national_table_content(*, publication_id: int, name: str) -> bytes | None:
    row = (
        NationalTable.objects.filter(publication_id=publication_id, name=name)
        .values_list("content", flat=True)
        .first()
    )
    return None if row is None else bytes(row)


def compared_waves(*, publication: NationalPublication) -> list[Wave]:
    """The waves the publication compares, with their systems and regions (never answers)."""
    return list(
        publication.waves.select_related("ics__region", "version__instrument").order_by(
            "ics__short_name"
        )
    )


def systems_by_code() -> dict[str, ICS]:
    return {s.ods_code: s for s in ICS.objects.select_related("region")}


def all_regions() -> list[Region]:
    return list(Region.objects.order_by("name"))


def national_files(*, publication: NationalPublication, scope: str) -> dict[str, NationalFile]:
    """The current files of one scope ("england" or a region code) by format, without content."""
    files = NationalFile.objects.filter(publication=publication, scope=scope).defer("content")
    return {f.format: f for f in files}


def national_file(
    *, publication: NationalPublication, scope: str, file_format: str
) -> NationalFile | None:
    return NationalFile.objects.filter(
        publication=publication, scope=scope, format=file_format
    ).first()
