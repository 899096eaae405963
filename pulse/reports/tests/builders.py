"""Published waves with realistic synthetic responses, for the results tests.

Building a publication reads every response, extracts themes and computes change reports and
the England benchmark: a few seconds. `published_pair()` builds the demo-like pair (a baseline
and a clearly better re-run in QYG, with four other systems for the benchmark) once per test
process with the real services, then copies the stored tables onto fresh waves for each later
test. Tests about the build itself call `run_wave` and `publication_build` directly.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from pulse.nonprod.synthetic import WaveModel, synthetic_answers
from pulse.organisations.models import Place
from pulse.organisations.tests.factories import ics as ics_by_code
from pulse.reports.models import PublicationTable, WavePublication
from pulse.reports.services.publication import publication_build
from pulse.surveys.models import Wave, WaveStatus
from pulse.surveys.services.responses import response_create
from pulse.surveys.tests.factories import open_wave

PLACES = ["Liverpool", "Wirral", "Halton", "Sefton"]
#: A local question whose answer label and text would run as spreadsheet formulas.
FORMULA_LABEL = '=HYPERLINK("http://example.org","Click")'
FORMULA_TEXT = "=1+1 is how I heard about this survey"
LOCAL_QUESTIONS = [
    {
        "key": "local_heard",
        "type": "single_choice",
        "text": FORMULA_TEXT,
        "options": [
            {"code": "formula", "label": FORMULA_LABEL},
            {"code": "plus", "label": "+44 telephone call"},
            {"code": "email", "label": "Email"},
        ],
    }
]


def run_wave(
    *,
    title: str,
    improvement: float,
    responses: int,
    closed_days_ago: int,
    seed: str,
    ods_code: str = "QYG",
    local_questions: list[dict[str, Any]] | None = None,
    status: str = WaveStatus.PUBLISHED,
) -> Wave:
    """A wave of the standard pulse check with synthetic responses, closed in the past."""
    system = ics_by_code(ods_code)
    for name in PLACES:
        Place.objects.get_or_create(ics=system, code=name.lower(), defaults={"name": name})
    closes_on = timezone.localdate() - timedelta(days=closed_days_ago)
    wave = open_wave(
        ods_code=ods_code,
        title=title,
        opens_on=closes_on - timedelta(days=28),
        closes_on=timezone.localdate(),
        places=[{"code": name.lower(), "label": name} for name in PLACES],
        local_questions=local_questions or [],
        open_link_slug=f"{ods_code}-{seed}",
    )
    rng = random.Random(seed)
    model = WaveModel(improvement=improvement, comment_rate=0.5)
    for _ in range(responses):
        response_create(
            wave=wave, answers=synthetic_answers(wave.definition, rng, wave.places, model)
        )
    Wave.objects.filter(pk=wave.pk).update(
        status=status, closes_on=closes_on, published_at=timezone.now()
    )
    wave.refresh_from_db()
    return wave


@dataclass
class _Stored:
    fields: dict[str, Any]
    tables: dict[str, bytes]


_CACHE: dict[str, _Stored] = {}


def _store(publication: WavePublication) -> _Stored:
    fields = {
        "k": publication.k,
        "breakdowns": publication.breakdowns,
        "benchmark_icss": publication.benchmark_icss,
        "notes": publication.notes,
    }
    tables = {t.name: bytes(t.content) for t in publication.tables.all()}
    return _Stored(fields, tables)


def _restore(wave: Wave, stored: _Stored, **links: Any) -> WavePublication:
    publication = WavePublication.objects.create(
        wave=wave, computed_at=timezone.now(), **stored.fields, **links
    )
    PublicationTable.objects.bulk_create(
        PublicationTable(publication=publication, name=n, content=c, row_count=0)
        for n, c in stored.tables.items()
    )
    return publication


def _empty_wave(title: str, closed_days_ago: int, **fields: Any) -> Wave:
    closes_on = timezone.localdate() - timedelta(days=closed_days_ago)
    wave = open_wave(
        title=title,
        opens_on=closes_on - timedelta(days=28),
        closes_on=closes_on,
        open_link_slug=f"copy-{title[-8:]}-{Wave.objects.count()}",
        places=[{"code": name.lower(), "label": name} for name in PLACES],
        **fields,
    )
    Wave.objects.filter(pk=wave.pk).update(status=WaveStatus.PUBLISHED, published_at=timezone.now())
    wave.refresh_from_db()
    return wave


BASELINE = "Pulse check baseline"
RERUN = "Pulse check one year on"


def _build_pair() -> tuple[Wave, Wave]:
    for i, code in enumerate(("QOP", "QE1", "QWO", "QF7")):
        run_wave(title="Other system", improvement=0.3 * i - 0.4, responses=40, closed_days_ago=30 + i, seed=f"other-{code}", ods_code=code)  # fmt: skip
    baseline = run_wave(title=BASELINE, improvement=0.0, responses=130, closed_days_ago=365, seed="baseline")  # fmt: skip
    rerun = run_wave(title=RERUN, improvement=1.2, responses=140, closed_days_ago=10, seed="rerun", local_questions=LOCAL_QUESTIONS)  # fmt: skip
    _CACHE[BASELINE] = _store(publication_build(wave=baseline))
    _CACHE[RERUN] = _store(publication_build(wave=rerun))
    return baseline, rerun


def published_pair() -> tuple[Wave, Wave]:
    """(baseline, re-run) of QYG, both published with their results stored."""
    if RERUN not in _CACHE:
        return _build_pair()
    baseline = _empty_wave(BASELINE, 365)
    rerun = _empty_wave(RERUN, 10, local_questions=LOCAL_QUESTIONS)
    _restore(baseline, _CACHE[BASELINE])
    _restore(rerun, _CACHE[RERUN], previous_wave=baseline, baseline_wave=baseline)
    return baseline, rerun


def results_url(wave: Wave, page: str = "") -> str:
    return f"/ics/{wave.ics.url_code}/results/{wave.pk}/{page}"
