"""Build and store the national publication of a standard questionnaire version (ADR 15).

Runs in a background task after any wave of the version is published (or by the
`build_national_publication` command), never inside a request. The benchmark is computed by the
function each wave's own publication uses (`benchmark_waves`), over the same kind of set
(`comparable_waves` of the latest wave to close) with the same breakdown list and `k`, so a
system's figures are hidden or shown exactly as in its own benchmark.
"""

import logging
from typing import Any

import polars as pl
from django.db import transaction
from django.utils import timezone

from pulse.core.services import audit_record
from pulse.reports import selectors as wave_selectors
from pulse.reports.breakdowns import from_json
from pulse.reports.national import rollup, selectors
from pulse.reports.national.models import NationalPublication, NationalTable
from pulse.reports.national.stored import CHANGES, REGIONS, SCORES, SUMMARY, SYSTEMS
from pulse.reports.results import Results
from pulse.reports.services.publication import benchmark_waves, publication_k
from pulse.reports.storage import table_to_bytes
from pulse.surveys.models import InstrumentVersion, Wave

logger = logging.getLogger(__name__)


def _stored_results(waves: list[Wave], notes: list[str]) -> list[Results]:
    """The waves whose own publication is stored; the others are left out until it is."""
    out = []
    for wave in waves:
        results = wave_selectors.results_for_wave(wave=wave)
        if results is None:
            notes.append(f"{wave.ics.short_name}: results still being prepared, left out")
        else:
            out.append(results)
    return out


def _tables(stored: list[Results], anchor: Results, k: int) -> dict[str, pl.DataFrame]:
    waves = [r.wave for r in stored]
    report = benchmark_waves(waves, from_json(anchor.publication.breakdowns), k)
    regions = {r.wave.ics.ods_code: r.wave.ics.region.code for r in stored}
    systems = [rollup.system_row(r, regions[r.wave.ics.ods_code]) for r in stored]
    changes = [row for r in stored for row in rollup.change_rows(r)]
    return {
        SCORES: report.scores,
        SUMMARY: report.summary,
        SYSTEMS: rollup.frame(systems, rollup.SYSTEM_SCHEMA),
        CHANGES: rollup.frame(changes, rollup.CHANGE_SCHEMA),
        REGIONS: rollup.region_rollups(
            report.scores, regions, [r.code for r in selectors.all_regions()]
        ),
    }


def _store(
    version: InstrumentVersion, fields: dict[str, Any], waves: list[Wave], tables: dict[str, Any]
) -> NationalPublication:
    with transaction.atomic():
        publication, _ = NationalPublication.objects.update_or_create(
            version=version, defaults=fields
        )
        publication.waves.set(waves)
        publication.tables.all().delete()
        NationalTable.objects.bulk_create(
            NationalTable(
                publication=publication,
                name=name,
                content=table_to_bytes(table),
                row_count=table.height,
            )
            for name, table in tables.items()
        )
    return publication


def national_publication_build(
    *, version: InstrumentVersion, by: Any = None
) -> NationalPublication | None:
    """Compute and store the national publication of `version` (replacing any earlier build).

    None, and any earlier build removed, when no wave of the version is published with at least
    k responses and its results stored."""
    k = publication_k()
    anchor_wave = selectors.anchor_wave(version=version, min_responses=k)
    if anchor_wave is None:
        NationalPublication.objects.filter(version=version).delete()
        return None
    notes: list[str] = []
    candidates = wave_selectors.comparable_waves(wave=anchor_wave, min_responses=k)
    stored = _stored_results(candidates, notes)
    anchor = stored[0]
    fields = {
        "anchor_wave": anchor_wave,
        "k": k,
        "breakdowns": anchor.publication.breakdowns,
        "closes_from": min(r.wave.closes_on for r in stored),
        "closes_to": anchor_wave.closes_on,
        "notes": notes,
        "computed_at": timezone.now(),
    }
    publication = _store(version, fields, [r.wave for r in stored], _tables(stored, anchor, k))
    audit_record(
        actor=by,
        action="national_publication_built",
        target=publication,
        details={"version": version.pk, "waves": len(stored)},
    )
    logger.info("Built the national publication of %s from %d waves", version, len(stored))
    return publication


def national_publications_build_all(*, by: Any = None) -> list[NationalPublication]:
    """Rebuild the national publication of every standard version with published waves."""
    built = []
    for version in selectors.standard_versions_published():
        publication = national_publication_build(version=version, by=by)
        if publication is not None:
            built.append(publication)
    return built
