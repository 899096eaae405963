"""Published waves of six systems and their national publication, for the national views, the
files and the API tests.

`national_data()` builds, once per test process and with the real services, a baseline and a
re-run in QYG (Cheshire and Merseyside, North West), one wave in each of five other systems
(two more in the North West) and one survey too small to compare (8 responses, left out), then
the national publication. Later tests get the stored tables copied onto fresh waves (with the
wave IDs in the national tables rewritten), which takes milliseconds.
"""

from dataclasses import dataclass
from typing import Any

import polars as pl
from django.utils import timezone

from pulse.reports.national.build import national_publication_build
from pulse.reports.national.models import NationalPublication, NationalTable
from pulse.reports.national.stored import SYSTEMS
from pulse.reports.services.publication import publication_build
from pulse.reports.storage import table_from_bytes, table_to_bytes
from pulse.reports.tests.builders import (
    LOCAL_QUESTIONS,
    _empty_wave,
    _restore,
    _store,
    _Stored,
    run_wave,
)
from pulse.surveys.models import Wave

#: (ODS code, responses, improvement, closed days ago): QOP and QE1 are in the North West too.
OTHERS = [
    ("QOP", 60, 0.6, 30),
    ("QE1", 45, -0.4, 34),
    ("QWO", 55, 0.2, 40),
    ("QF7", 40, -0.6, 45),
    ("QHL", 50, 0.0, 50),
]
SMALL = ("QUY", 8, 0.0, 20)
BASELINE = ("QYG", "National baseline", 0.0, 130, 365)
RERUN = ("QYG", "National re-run", 1.2, 140, 10)


@dataclass
class NationalData:
    rerun: Wave
    baseline: Wave
    others: dict[str, Wave]
    small: Wave
    publication: NationalPublication


@dataclass
class _Cached:
    waves: dict[str, tuple[str, str, int, _Stored]]
    national_fields: dict[str, Any]
    national_tables: dict[str, bytes]


_CACHE: dict[str, _Cached] = {}


def _wave(code: str, title: str, improvement: float, responses: int, days: int, **kw: Any) -> Wave:
    return run_wave(title=title, improvement=improvement, responses=responses, closed_days_ago=days, seed=f"nat-{code}-{title}", ods_code=code, **kw)  # fmt: skip


def _build() -> NationalData:
    others = {c: _wave(c, "Pulse check 2026", imp, n, d) for c, n, imp, d in OTHERS}
    small = _wave(SMALL[0], "Small pulse check", SMALL[2], SMALL[1], SMALL[3])
    baseline = _wave(BASELINE[0], BASELINE[1], BASELINE[2], BASELINE[3], BASELINE[4])
    rerun = _wave(RERUN[0], RERUN[1], RERUN[2], RERUN[3], RERUN[4], local_questions=LOCAL_QUESTIONS)
    waves = {**others, "small": small, "baseline": baseline, "rerun": rerun}
    for wave in [*others.values(), small, baseline, rerun]:
        publication_build(wave=wave)
    publication = national_publication_build(version=rerun.version)
    assert publication is not None
    _CACHE["national"] = _Cached(
        waves={
            key: (
                w.ics.ods_code,
                w.title,
                (timezone.localdate() - w.closes_on).days,
                _store(w.publication),
            )
            for key, w in waves.items()
        },
        national_fields={
            f: getattr(publication, f)
            for f in ("k", "breakdowns", "closes_from", "closes_to", "notes")
        },
        national_tables={t.name: bytes(t.content) for t in publication.tables.all()},
    )
    return NationalData(rerun, baseline, others, small, publication)


def _restore_national(cached: _Cached) -> NationalData:
    waves: dict[str, Wave] = {}
    for key, (code, title, days, stored) in cached.waves.items():
        extra = {"local_questions": LOCAL_QUESTIONS} if key == "rerun" else {}
        waves[key] = _empty_wave(title, days, ods_code=code, **extra)
        links = (
            {"previous_wave": waves["baseline"], "baseline_wave": waves["baseline"]}
            if key == "rerun"
            else {}
        )
        _restore(waves[key], stored, **links)
    compared = [w for key, w in waves.items() if key not in ("small", "baseline")]
    rerun = waves["rerun"]
    publication = NationalPublication.objects.create(
        version=rerun.version,
        anchor_wave=rerun,
        computed_at=timezone.now(),
        **cached.national_fields,
    )
    publication.waves.set(compared)
    ids = {w.ics.ods_code: w.pk for w in compared}
    for name, content in cached.national_tables.items():
        if name == SYSTEMS:
            table = table_from_bytes(content)
            table = table.with_columns(
                pl.col("ics_code").replace_strict(ids).cast(pl.Int64).alias("wave_id")
            )
            content = table_to_bytes(table)
        NationalTable.objects.create(
            publication=publication, name=name, content=content, row_count=0
        )
    others = {code: waves[code] for code, *_ in OTHERS}
    return NationalData(rerun, waves["baseline"], others, waves["small"], publication)


def national_data() -> NationalData:
    """Six systems' published waves and their national publication (see the module's notes)."""
    cached = _CACHE.get("national")
    return _build() if cached is None else _restore_national(cached)
