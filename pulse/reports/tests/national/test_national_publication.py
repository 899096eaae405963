"""The national publication: built by the same benchmark as each wave's own, from each system's
latest comparable published survey, in the background when a wave is published and on demand;
small surveys are left out; no stored figure describes fewer than 10 people."""

from io import StringIO

import polars as pl
import pytest
from django.core.management import call_command
from polars.testing import assert_frame_equal

from pulse.reports.national.build import national_publication_build
from pulse.reports.national.models import NationalPublication
from pulse.reports.national.rollup import region_rollups
from pulse.reports.national.selectors import national_results
from pulse.reports.national.stored import CHANGES, REGIONS, SCORES, SUMMARY, SYSTEMS
from pulse.reports.results import BENCHMARK_SCORES
from pulse.reports.selectors import results_for_wave
from pulse.reports.services.publication import publication_build
from pulse.reports.tests.builders import run_wave
from pulse.reports.tests.national_builders import NationalData
from pulse.surveys.models import WaveStatus
from pulse.surveys.services.waves import wave_publish

pytestmark = pytest.mark.django_db


def _scores(national: NationalData) -> pl.DataFrame:
    results = national_results(publication_id=national.publication.pk)
    assert results is not None
    return results.table(SCORES)


def test_it_compares_each_systems_latest_survey_and_leaves_out_small_ones(
    national: NationalData,
) -> None:
    compared = {w.pk for w in national.publication.waves.all()}
    assert compared == {national.rerun.pk, *(w.pk for w in national.others.values())}
    assert national.small.pk not in compared  # 8 responses: fewer than k
    assert national.baseline.pk not in compared  # the same system's earlier survey
    assert national.publication.closes_to == national.rerun.closes_on


def test_each_systems_figures_are_those_of_its_own_benchmark(national: NationalData) -> None:
    """The same function, waves, breakdowns and k: identical figures and hidden cells."""
    own = results_for_wave(wave=national.rerun)
    assert own is not None
    columns = ["kind", "key", "ics_code", "n", "mean", "pct_positive", "suppressed", "reason"]
    expected = own.table(BENCHMARK_SCORES).select(columns).sort("key", "ics_code")
    assert_frame_equal(_scores(national).select(columns).sort("key", "ics_code"), expected)


def test_no_stored_figure_describes_fewer_than_ten_people(national: NationalData) -> None:
    results = national_results(publication_id=national.publication.pk)
    assert results is not None
    for name, column in (
        (SCORES, "n"),
        (SUMMARY, "england_n"),
        (SYSTEMS, "responses"),
        (REGIONS, "n"),
    ):
        values = results.table(name).get_column(column).drop_nulls().to_list()
        assert values and min(values) >= 10, name
    hidden = results.table(SCORES).filter(pl.col("suppressed"))
    assert hidden.select(pl.col("n", "mean", "pct_positive").is_null().all()).row(0) == (
        True,
        True,
        True,
    )


def test_regions_pool_the_published_figures_of_their_systems(national: NationalData) -> None:
    scores = _scores(national).filter(pl.col("key") == "involvement_index", ~pl.col("suppressed"))
    north_west = scores.filter(pl.col("ics_code").is_in(["QYG", "QOP", "QE1"]))
    expected = (north_west["n"] * north_west["mean"]).sum() / north_west["n"].sum()
    results = national_results(publication_id=national.publication.pk)
    assert results is not None
    row = (
        results.table(REGIONS)
        .filter(pl.col("region_code") == "Y62", pl.col("key") == "involvement_index")
        .row(0, named=True)
    )
    assert row["n_icss"] == 3 and row["n"] == north_west["n"].sum()
    assert row["mean"] == pytest.approx(expected)
    london = results.table(REGIONS).filter(pl.col("region_code") == "Y56").to_dicts()
    assert london and all(r["suppressed"] and r["reason"] == "no_published_systems" for r in london)


def test_a_region_hides_a_scale_its_systems_hide() -> None:
    scores = pl.DataFrame(
        {
            "kind": ["construct"] * 3,
            "key": ["P1"] * 3,
            "ics_code": ["A", "B", "C"],
            "n": [100, None, 50],
            "mean": [5.0, None, 8.0],
            "pct_positive": [10.0, None, 40.0],
            "suppressed": [False, True, False],
        }
    )
    out = region_rollups(scores, {"A": "R1", "B": "R1", "C": "R2"}, ["R1", "R2", "R3"])
    r1 = out.filter(pl.col("region_code") == "R1").row(0, named=True)
    assert (r1["n_icss"], r1["n"], r1["mean"]) == (1, 100, 5.0)  # B's hidden figure is left out
    assert out.filter(pl.col("region_code") == "R3").row(0, named=True)["suppressed"]


def test_it_keeps_each_systems_change_since_its_previous_survey(national: NationalData) -> None:
    results = national_results(publication_id=national.publication.pk)
    assert results is not None
    changes = results.table(CHANGES)
    assert set(changes["ics_code"]) == {"QYG"}
    assert "improved" in changes["verdict"].to_list()
    assert set(changes["earlier_title"]) == {"National baseline"}


def test_publishing_a_wave_rebuilds_it_in_the_background(
    django_capture_on_commit_callbacks: object,
) -> None:
    waves = [
        run_wave(title="Pulse", improvement=0.1 * i, responses=25, closed_days_ago=5 + i, seed=f"nb-{code}", ods_code=code, status=WaveStatus.CLOSED)
        for i, code in enumerate(["QOP", "QE1"])
    ]  # fmt: skip
    for wave in waves:
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            wave_publish(wave=wave, by=None)
    publication = NationalPublication.objects.get(version=waves[0].version)
    assert set(publication.waves.all()) == set(waves)
    results = national_results(publication_id=publication.pk)
    assert results is not None
    assert results.table(SUMMARY)["reason"].to_list()[0] == "fewer_than_5_icss"


def test_the_command_builds_it_on_demand() -> None:
    wave = run_wave(title="Pulse", improvement=0, responses=25, closed_days_ago=3, seed="cmd")
    publication_build(wave=wave)
    out = StringIO()
    call_command("build_national_publication", stdout=out)
    assert "Built 1 national publication" in out.getvalue()
    publication = NationalPublication.objects.get(version=wave.version)
    assert list(publication.waves.all()) == [wave]
    out = StringIO()
    call_command("build_national_publication", "--version-id", str(wave.version_id), stdout=out)
    assert "from 1 surveys" in out.getvalue()


def test_nothing_is_built_without_a_published_survey_big_enough() -> None:
    wave = run_wave(title="Tiny", improvement=0, responses=6, closed_days_ago=3, seed="tiny")
    assert national_publication_build(version=wave.version) is None
    assert not NationalPublication.objects.exists()
