"""Demo surveys for the demo ICS: a baseline pulse check closed about a year ago, a re-run closed
recently (each with about 250 synthetic responses), and an open wave with a working open link.

Waves are created, opened and closed through the services, so they are validated and audited like
an admin's; every response is stored through `response_create`, which validates it. The demo
then moves the dates into the past, which no service allows. Idempotent: a wave that already
exists (by title) is left alone.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from pulse.accounts.models import User
from pulse.nonprod.synthetic import WaveModel, fieldwork_dates, synthetic_answers
from pulse.organisations.models import ICS
from pulse.surveys.models import InstrumentVersion, Response, Wave
from pulse.surveys.selectors import instrument_version_by_key
from pulse.surveys.services.responses import response_create
from pulse.surveys.services.waves import (
    wave_close,
    wave_create,
    wave_local_question_add,
    wave_open,
)

SEED = 20250601
STANDARD_KEY = "ccpl-pulse-check"


@dataclass(frozen=True)
class DemoWave:
    title: str
    seed: str
    responses: int
    model: WaveModel
    #: Days from today: fieldwork opens and closes (negative: in the past).
    opens_in: int
    closes_in: int


BASELINE = DemoWave(
    "CCPL pulse check: baseline", "baseline", 243, WaveModel(improvement=0.0), -393, -365
)
RERUN = DemoWave(
    "CCPL pulse check: one year on", "rerun", 261, WaveModel(improvement=0.35), -42, -14
)
OPEN = DemoWave("CCPL pulse check: open link", "open", 40, WaveModel(improvement=0.45), 0, 21)
LOCAL_QUESTIONS = [
    {
        "key": "local_know_ccpl_lead",
        "type": "agreement",
        "text": "I know who leads clinical and care professional leadership in my place.",
        "principle": "P1",
    },
    {
        "key": "local_heard_about_survey",
        "type": "single_choice",
        "text": "How did you hear about this survey?",
        "required": False,
        "options": [
            {"code": "email_from_my_organisation", "label": "Email from my organisation"},
            {"code": "a_colleague", "label": "A colleague"},
            {"code": "a_newsletter_or_bulletin", "label": "A newsletter or bulletin"},
            {"code": "other", "label": "Other"},
        ],
    },
]


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _add_responses(wave: Wave, spec: DemoWave, opens_on: date, closes_on: date) -> None:
    """`spec.responses` synthetic responses, each validated by `response_create`, then given a
    date within the fieldwork (responses store a date only, never a time)."""
    rng = random.Random(f"{SEED}-{spec.seed}")
    responses = [
        response_create(wave=wave, answers=synthetic_answers(wave.definition, rng, wave.places, spec.model))
        for _ in range(spec.responses)
    ]  # fmt: skip
    dates = fieldwork_dates(rng, opens_on, min(closes_on, timezone.localdate()), len(responses))
    for response, submitted_on in zip(responses, dates, strict=True):
        response.submitted_on = submitted_on
    Response.objects.bulk_update(responses, ["submitted_on"], batch_size=500)


def _run_wave(ics: ICS, version: InstrumentVersion, admin: User, spec: DemoWave) -> Wave:
    today = timezone.localdate()
    opens_on = today + timedelta(days=spec.opens_in)
    closes_on = today + timedelta(days=spec.closes_in)
    wave = wave_create(
        ics=ics,
        version=version,
        title=spec.title,
        opens_on=opens_on,
        closes_on=max(closes_on, today),  # a wave whose closing date has passed cannot open
        open_link_enabled=spec is OPEN,
        by=admin,
    )
    if spec is OPEN:
        for question in LOCAL_QUESTIONS:
            wave = wave_local_question_add(wave=wave, question=question, by=admin)
    wave = wave_open(wave=wave, by=admin)
    _add_responses(wave, spec, opens_on, closes_on)
    if closes_on < today:
        Wave.objects.filter(pk=wave.pk).update(closes_on=closes_on)
        wave = wave_close(wave=wave, by=admin)
        Wave.objects.filter(pk=wave.pk).update(
            opened_at=_midnight(opens_on), closed_at=_midnight(closes_on + timedelta(days=1))
        )
    return wave


def build_surveys(ics: ICS, admin: User) -> list[Wave]:
    """The three demo waves (created only if missing), oldest first."""
    version = instrument_version_by_key(key=STANDARD_KEY)
    if version is None:
        raise RuntimeError(f"The standard instrument {STANDARD_KEY} is missing: run migrate")
    waves = []
    for spec in (BASELINE, RERUN, OPEN):
        wave = Wave.objects.for_ics(ics).filter(title=spec.title).first()
        waves.append(wave or _run_wave(ics, version, admin, spec))
    return waves


def open_link_url(ics: ICS) -> str:
    """The demo open wave's link, as the developer opens it in a browser ("" if none)."""
    wave = Wave.objects.for_ics(ics).filter(title=OPEN.title, open_link_enabled=True).first()
    if wave is None:
        return ""
    return settings.SITE_URL + reverse("respond:start", kwargs={"slug": wave.open_link_slug})
