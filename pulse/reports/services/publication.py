"""Build and store a published wave's results: the one publication of ADR 11.

Everything here runs in a background task (`pulse.reports.tasks`) or a command, never inside a
request: it reads every response of the wave, extracts free-text themes and builds the change
reports and the England benchmark.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pulse.analysis import (
    BenchmarkReport,
    ChangeReport,
    InstrumentMeta,
    benchmark_icss,
    compare_waves,
    publish_wave,
)
from pulse.reports import selectors
from pulse.reports.breakdowns import Breakdown, breakdowns_for, singles_of, to_json
from pulse.reports.change_families import adjust_by_family, label_families
from pulse.reports.models import PublicationTable, WavePublication
from pulse.reports.results import (
    BENCHMARK_SCORES,
    BENCHMARK_SUMMARY,
    CHANGE_BASELINE,
    CHANGE_PREVIOUS,
)
from pulse.reports.storage import table_to_bytes
from pulse.surveys.definition import Definition
from pulse.surveys.frames import instrument_meta, responses_frame
from pulse.surveys.models import Wave, WaveStatus

MIN_K = 10
MIN_ICSS = 5


def publication_k() -> int:
    """The configured minimum group size, never below 10 (DESIGN.md section 6)."""
    return max(MIN_K, int(settings.PULSE_MIN_GROUP_SIZE))


@dataclass(frozen=True)
class WaveData:
    frame: pl.DataFrame
    meta: InstrumentMeta


def wave_data(wave: Wave, definition: Definition | None = None, places: Any = None) -> WaveData:
    """The analysis input of one wave (by default with the ICS's own questions)."""
    definition = definition or wave.definition
    places = wave.places if places is None else places
    frame = responses_frame(definition, selectors.wave_answers(wave=wave))
    return WaveData(frame=frame, meta=instrument_meta(definition, places))


def _shared(breakdowns: Sequence[Breakdown], *metas: InstrumentMeta) -> list[Breakdown]:
    present = set.intersection(*({d.key for d in m.dimensions} for m in metas))
    return [b for b in breakdowns if ({b} if isinstance(b, str) else set(b)) <= present]


def _change(
    before: Wave, after: WaveData, breakdowns: Sequence[Breakdown], k: int, notes: list[str]
) -> pl.DataFrame | None:
    """The change report: the whole system's rows and the groups' rows, with the false
    discovery rate controlled within each family of comparisons (`change_families`).

    The groups' run uses the waves' own breakdown list, so a group hidden in either
    publication is hidden here too; the whole system is the same cell in both runs."""
    data = wave_data(before)
    shared = _shared(breakdowns, data.meta, after.meta)
    try:
        whole: ChangeReport = compare_waves(
            data.frame, data.meta, after.frame, after.meta, breakdowns=[], k=k
        )
        groups = compare_waves(
            data.frame, data.meta, after.frame, after.meta, breakdowns=shared, k=k
        )
    except ValueError as error:
        notes.append(f"No comparison with {before.title}: {error}")
        return None
    notes.extend(whole.notes)
    return adjust_by_family(label_families(whole.table, groups.table))


def _national(waves: Sequence[Wave]) -> WaveData:
    """The comparable waves' standard questions as one frame with an `ics_code` column."""
    definition = waves[0].version.definition
    places: dict[str, dict[str, str]] = {}
    frames = []
    for wave in waves:
        for place in wave.places:
            places.setdefault(place["code"], place)
        answers = selectors.wave_answers(wave=wave)
        frames.append(responses_frame(definition, answers, ics_code=wave.ics.ods_code))
    meta = instrument_meta(definition, list(places.values()))
    return WaveData(frame=pl.concat(frames, how="vertical"), meta=meta)


def _benchmark(
    wave: Wave, breakdowns: Sequence[Breakdown], k: int
) -> tuple[BenchmarkReport | None, int]:
    """England benchmark of every scale, when at least 5 ICSs have comparable published waves.

    The national frame is published by ICS crossed with each single dimension of the wave's own
    list (a pair cannot be crossed with the ICS: that would be three dimensions), so each
    system's figures are hidden or shown by the rules of its own publication. Scales only:
    statements crossed this way cost ten times as long (about 11 s for ten systems)."""
    waves = selectors.comparable_waves(wave=wave, min_responses=k)
    if len(waves) < MIN_ICSS:
        return None, len(waves)
    return benchmark_waves(waves, breakdowns, k), len(waves)


def benchmark_waves(
    waves: Sequence[Wave], breakdowns: Sequence[Breakdown], k: int
) -> BenchmarkReport:
    """The benchmark of comparable waves (the first wave's instrument version): the national
    frame published by ICS crossed with each single dimension of `breakdowns`. The national
    publication (`pulse.reports.national`) calls it too, so both hide the same cells."""
    data = _national(waves)
    singles = singles_of(_shared(breakdowns, data.meta))
    crossed: list[Any] = [("ics_code", d) for d in singles] or ["ics_code"]
    return benchmark_icss(data.frame, data.meta, k=k, breakdowns=crossed, include=("constructs",))


def _store(wave: Wave, fields: dict[str, Any], tables: dict[str, pl.DataFrame]) -> WavePublication:
    with transaction.atomic():
        publication, _ = WavePublication.objects.update_or_create(wave=wave, defaults=fields)
        publication.tables.all().delete()
        PublicationTable.objects.bulk_create(
            PublicationTable(
                publication=publication,
                name=name,
                content=table_to_bytes(table),
                row_count=table.height,
            )
            for name, table in tables.items()
        )
    return publication


def publication_build(*, wave: Wave) -> WavePublication:
    """Compute every result of a published wave and store it (replacing any earlier build)."""
    if wave.status != WaveStatus.PUBLISHED:
        raise ValueError(f"{wave} is not published")
    k = publication_k()
    data = wave_data(wave)
    breakdowns = breakdowns_for(data.meta)
    published = publish_wave(data.frame, data.meta, breakdowns=breakdowns, k=k, themes=True)
    tables = {n: t for n, t in published.tables().items() if n != "layer_items"}
    notes = list(published.notes)
    earlier = selectors.earlier_published_waves(wave=wave)
    previous, baseline = (earlier[-1], earlier[0]) if earlier else (None, None)
    for name, before in ((CHANGE_PREVIOUS, previous), (CHANGE_BASELINE, baseline)):
        if before is not None and not (name == CHANGE_BASELINE and before == previous):
            change = _change(before, data, breakdowns, k, notes)
            if change is not None:
                tables[name] = change
    benchmark, n_icss = _benchmark(wave, breakdowns, k)
    if benchmark is not None:
        tables[BENCHMARK_SCORES] = benchmark.scores
        tables[BENCHMARK_SUMMARY] = benchmark.summary
    fields = {
        "k": k,
        "breakdowns": to_json(breakdowns),
        "previous_wave": previous,
        "baseline_wave": baseline,
        "benchmark_icss": n_icss,
        "invited": selectors.wave_invited(wave=wave),
        "notes": notes,
        "computed_at": timezone.now(),
    }
    return _store(wave, fields, tables)


def publication_ensure(*, wave: Wave) -> WavePublication:
    """The wave's publication, built now if it does not exist yet."""
    existing = selectors.publication_for_wave(wave=wave)
    return existing if existing is not None else publication_build(wave=wave)
