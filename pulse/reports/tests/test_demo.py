"""The demo publishes the demo ICS's baseline and re-run, and nine other systems' waves, with
their results built, so change, the England benchmark and the England page show on first run."""

import polars as pl
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from pulse.accounts.models import User
from pulse.nonprod.national_demo import SYSTEMS, TITLE
from pulse.nonprod.surveys_demo import BASELINE, RERUN
from pulse.reports.models import WavePublication
from pulse.reports.national.models import NationalPublication
from pulse.reports.results import CHANGE_PREVIOUS
from pulse.reports.selectors import results_for_wave
from pulse.surveys.models import Wave, WaveStatus

pytestmark = pytest.mark.django_db


def test_the_demo_shows_change_and_a_benchmark_on_first_run_and_loads_again_unchanged() -> None:
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    baseline = Wave.objects.get(ics__ods_code="QYG", title=BASELINE.title)
    rerun = Wave.objects.get(ics__ods_code="QYG", title=RERUN.title)
    assert baseline.status == rerun.status == WaveStatus.PUBLISHED
    assert rerun.publication.previous_wave == baseline
    assert rerun.publication.benchmark_icss >= 5

    results = results_for_wave(wave=rerun)
    assert results is not None and results.has("benchmark_summary")
    whole = results.table(CHANGE_PREVIOUS).filter(pl.col("group_id") == "all")
    assert "improved" in set(whole["verdict"])

    others = Wave.objects.filter(title=TITLE, status=WaveStatus.PUBLISHED).exclude(
        ics__ods_code="QYG"
    )
    assert others.count() == len(SYSTEMS) >= 8
    for wave in others:
        assert 120 <= wave.responses.count() <= 350
        assert WavePublication.objects.filter(wave=wave).exists()

    # The England page compares every published system by name for the demo's national analyst.
    national = NationalPublication.objects.get(version=rerun.version)
    assert national.waves.count() == len(SYSTEMS) + 1
    client = Client()
    client.force_login(User.objects.get(email="national-analyst@demo.example.org"))
    england = client.get(reverse("national:show_england"))
    assert england.status_code == 200
    assert f"{len(SYSTEMS) + 1} systems with published results" in england.content.decode()

    built = dict(WavePublication.objects.values_list("wave_id", "computed_at"))
    waves = Wave.objects.count()
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Wave.objects.count() == waves
    assert dict(WavePublication.objects.values_list("wave_id", "computed_at")) == built
