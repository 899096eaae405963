"""Publish the demo's results: other systems' waves first (for the England benchmark), then the
demo ICS's baseline and re-run, so the dashboard, the PDF and the Excel pack show the change
between them on first run. Every publication is built here, not left to the task worker, and so
is the national publication the England and region pages read (ADR 15).
Idempotent: published waves stay published and existing publications are kept.
"""

from pulse.accounts.models import User
from pulse.nonprod.national_demo import build_national
from pulse.nonprod.surveys_demo import BASELINE, RERUN
from pulse.organisations.models import ICS
from pulse.reports.national.build import national_publications_build_all
from pulse.reports.services.publication import publication_ensure
from pulse.surveys.models import Wave, WaveStatus
from pulse.surveys.services.waves import wave_publish


def publish_demo_results(ics: ICS, admin: User) -> list[Wave]:
    """The demo ICS's published waves, oldest first, each with its publication built."""
    others = build_national()
    waves = []
    for spec in (BASELINE, RERUN):
        wave = Wave.objects.for_ics(ics).filter(title=spec.title).first()
        if wave is None:
            continue
        if wave.status == WaveStatus.CLOSED:
            wave = wave_publish(wave=wave, by=admin)
        waves.append(wave)
    for wave in [*others, *waves]:
        publication_ensure(wave=wave)
    national_publications_build_all()
    return waves
