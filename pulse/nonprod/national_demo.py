"""Published pulse checks for nine other ICSs, so England benchmarks and funnel plots have data.

Each ICS gets a few real places, one wave of the standard pulse check that closed between one
and six months ago with 120 to 350 synthetic responses (the model in `synthetic.py`, shifted up
or down so systems differ), published with its results built. Waves go through the services like
an admin's, then their dates are moved into the past, which no service allows. Idempotent: an
ICS that already has the wave is left alone.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.text import slugify

from pulse.nonprod.synthetic import WaveModel, fieldwork_dates, synthetic_answers
from pulse.organisations.models import ICS, Place
from pulse.surveys.models import InstrumentVersion, Response, Wave, WaveStatus
from pulse.surveys.selectors import instrument_version_by_key
from pulse.surveys.services.responses import response_create
from pulse.surveys.services.waves import wave_close, wave_create, wave_open, wave_publish

TITLE = "CCPL pulse check 2026"
STANDARD_KEY = "ccpl-pulse-check"
SEED = 20260301


@dataclass(frozen=True)
class NationalIcs:
    ods_code: str
    places: tuple[str, ...]
    responses: int
    #: Points on the 0-10 scale added to every answer's level: how this system differs.
    shift: float
    closed_days_ago: int


SYSTEMS = [
    NationalIcs("QOP", ("Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport", "Tameside", "Trafford", "Wigan"), 342, 0.55, 40),
    NationalIcs("QE1", ("Blackburn with Darwen", "Blackpool", "Lancashire", "South Cumbria"), 214, -0.2, 75),
    NationalIcs("QWO", ("Bradford District and Craven", "Calderdale", "Kirklees", "Leeds", "Wakefield"), 297, 0.3, 55),
    NationalIcs("QF7", ("Barnsley", "Doncaster", "Rotherham", "Sheffield"), 188, -0.45, 120),
    NationalIcs("QHL", ("Birmingham", "Solihull"), 163, 0.1, 95),
    NationalIcs("QUY", ("Bristol", "North Somerset", "South Gloucestershire"), 131, 0.7, 150),
    NationalIcs("QKS", ("Dartford, Gravesham and Swanley", "Medway and Swale", "East Kent", "West Kent"), 256, -0.05, 60),
    NationalIcs("QRV", ("Brent", "Ealing", "Hammersmith and Fulham", "Harrow", "Hillingdon", "Hounslow", "Kensington and Chelsea", "Westminster"), 305, -0.6, 180),
    NationalIcs("QJK", ("Eastern Devon", "Northern Devon", "Southern Devon", "Western Devon"), 122, 0.25, 30),
]  # fmt: skip


def _places(ics: ICS, names: tuple[str, ...]) -> None:
    for name in names:
        Place.objects.update_or_create(
            ics=ics, code=slugify(name), defaults={"name": name, "active": True}
        )


def _responses(wave: Wave, spec: NationalIcs, opens_on: date, closes_on: date) -> None:
    rng = random.Random(f"{SEED}-{spec.ods_code}")
    model = WaveModel(improvement=spec.shift)
    responses = [
        response_create(wave=wave, answers=synthetic_answers(wave.definition, rng, wave.places, model))
        for _ in range(spec.responses)
    ]  # fmt: skip
    for response, day in zip(
        responses, fieldwork_dates(rng, opens_on, closes_on, len(responses)), strict=True
    ):
        response.submitted_on = day
    Response.objects.bulk_update(responses, ["submitted_on"], batch_size=500)


def _run_wave(ics: ICS, version: InstrumentVersion, spec: NationalIcs) -> Wave:
    today = timezone.localdate()
    closes_on = today - timedelta(days=spec.closed_days_ago)
    opens_on = closes_on - timedelta(days=28)
    wave = wave_create(
        ics=ics, version=version, title=TITLE, opens_on=opens_on, closes_on=today, by=None
    )
    wave = wave_open(wave=wave, by=None)
    _responses(wave, spec, opens_on, closes_on)
    Wave.objects.filter(pk=wave.pk).update(closes_on=closes_on)
    wave = wave_close(wave=wave, by=None)
    return wave_publish(wave=wave, by=None)


def build_national() -> list[Wave]:
    """Every other system's published wave (created only if missing)."""
    version = instrument_version_by_key(key=STANDARD_KEY)
    if version is None:
        raise RuntimeError(f"The standard instrument {STANDARD_KEY} is missing: run migrate")
    waves = []
    for spec in SYSTEMS:
        ics = ICS.objects.get(ods_code=spec.ods_code)
        wave = Wave.objects.for_ics(ics).filter(title=TITLE).first()
        if wave is None:
            _places(ics, spec.places)
            wave = _run_wave(ics, version, spec)
        elif wave.status == WaveStatus.CLOSED:
            wave = wave_publish(wave=wave, by=None)
        waves.append(wave)
    return waves
