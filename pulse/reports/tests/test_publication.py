"""One publication per published wave: built once, the same tables as `publish_wave`, never a
row per respondent, no numbers in hidden cells, and change reports that say what changed."""

import polars as pl
import pytest
from django.test import override_settings
from polars.testing import assert_frame_equal

from pulse.analysis import publish_wave
from pulse.reports.breakdowns import breakdowns_for
from pulse.reports.models import WavePublication
from pulse.reports.results import CHANGE_PREVIOUS
from pulse.reports.selectors import results_for_wave
from pulse.reports.services.publication import (
    publication_build,
    publication_ensure,
    publication_k,
    wave_data,
)
from pulse.reports.tests.builders import published_pair, run_wave
from pulse.surveys.models import Wave, WaveStatus
from pulse.surveys.models.distribution import Distribution
from pulse.surveys.services.waves import wave_publish

pytestmark = pytest.mark.django_db


def _whole_system(wave: Wave, kind: str = "construct") -> dict[str, str]:
    results = results_for_wave(wave=wave)
    assert results is not None
    table = results.table(CHANGE_PREVIOUS).filter(
        pl.col("group_id") == "all", pl.col("kind") == kind
    )
    return dict(zip(table["key"], table["verdict"], strict=True))


def test_publishing_a_wave_builds_its_publication_once(django_capture_on_commit_callbacks) -> None:
    wave = run_wave(title="Pulse", improvement=0, responses=30, closed_days_ago=5, seed="once", status=WaveStatus.CLOSED)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        wave_publish(wave=wave, by=None)
    publication = WavePublication.objects.get(wave=wave)
    assert publication.tables.filter(name="construct_scores").exists()
    # Published results never change: asking again keeps the stored publication.
    assert publication_ensure(wave=wave).computed_at == publication.computed_at


@pytest.fixture
def built() -> Wave:
    """A wave built for real (not copied), with its responses."""
    wave = run_wave(title="Built", improvement=0.2, responses=80, closed_days_ago=5, seed="built")
    publication_build(wave=wave)
    return wave


def test_stored_tables_are_exactly_what_publish_wave_returns(built: Wave) -> None:
    baseline = built
    data = wave_data(baseline)
    expected = publish_wave(
        data.frame, data.meta, breakdowns=breakdowns_for(data.meta), k=10, themes=True
    )
    results = results_for_wave(wave=baseline)
    assert results is not None
    for name, table in expected.tables().items():
        stored = results.layer_items if name == "layer_items" else results.table(name)
        assert_frame_equal(stored, table)


def test_the_breakdown_list_is_every_dimension_alone_and_two_pairs_with_layer() -> None:
    _, rerun = published_pair()
    assert rerun.publication.breakdowns == [
        "profession_group", "sector", "role_level", "place", "layer",
        "age_band", "sex", "ethnic_group", "disability",
        ["role_level", "layer"], ["sector", "layer"],
    ]  # fmt: skip


def test_no_stored_table_has_a_row_per_respondent(built: Wave) -> None:
    baseline = built
    ids = {str(i) for i in baseline.responses.values_list("id", flat=True)}
    results = results_for_wave(wave=baseline)
    assert results is not None and ids
    for stored in baseline.publication.tables.all():
        table = results.table(stored.name)
        assert "response_id" not in table.columns, stored.name
        assert table.height != len(ids) or "group_id" in table.columns, stored.name
        for column in table.select(pl.col(pl.String)).columns:
            assert not ids & set(table[column].drop_nulls()), f"{stored.name}.{column}"


def test_hidden_cells_have_no_numbers() -> None:
    _, rerun = published_pair()
    results = results_for_wave(wave=rerun)
    assert results is not None
    checked = 0
    for stored in rerun.publication.tables.all():
        table = results.table(stored.name)
        if "suppressed" not in table.columns:
            continue
        hidden = table.filter(pl.col("suppressed"))
        # n_icss counts systems, not people: it says why a benchmark is hidden.
        numeric = [c for c, t in hidden.schema.items() if t.is_numeric() and c != "n_icss"]
        for column in numeric:
            assert hidden[column].null_count() == hidden.height, f"{stored.name}.{column}"
        assert hidden["reason"].null_count() == 0, stored.name
        checked += hidden.height
    assert checked > 0, "the test data should have hidden cells"


def test_a_clear_improvement_is_marked_improved() -> None:
    _, rerun = published_pair()
    verdicts = _whole_system(rerun)
    assert verdicts["involvement_index"] == "improved"
    assert {verdicts[p] for p in ("P1", "P2", "P3", "P4", "P5")} == {"improved"}


def test_two_waves_of_the_same_leaders_show_no_significant_change() -> None:
    run_wave(title="First", improvement=0, responses=120, closed_days_ago=400, seed="same-1")
    second = run_wave(title="Second", improvement=0, responses=120, closed_days_ago=20, seed="same-2")  # fmt: skip
    publication_build(wave=second)
    assert set(_whole_system(second).values()) == {"no significant change"}


def test_a_clear_decline_is_marked_declined() -> None:
    run_wave(title="First", improvement=0.8, responses=120, closed_days_ago=400, seed="down-1")
    second = run_wave(title="Second", improvement=-0.8, responses=120, closed_days_ago=20, seed="down-2")  # fmt: skip
    publication_build(wave=second)
    assert _whole_system(second)["involvement_index"] == "declined"


def test_the_previous_wave_and_the_baseline_are_the_last_and_first_earlier_waves() -> None:
    first = run_wave(title="2024", improvement=0, responses=30, closed_days_ago=700, seed="a")
    second = run_wave(title="2025", improvement=0, responses=30, closed_days_ago=360, seed="b")
    third = run_wave(title="2026", improvement=0, responses=30, closed_days_ago=5, seed="c")
    publication = publication_build(wave=third)
    assert (publication.previous_wave, publication.baseline_wave) == (second, first)
    assert set(publication.tables.values_list("name", flat=True)) >= {
        "change_previous",
        "change_baseline",
    }


def test_the_benchmark_needs_five_systems_with_comparable_published_waves() -> None:
    _, rerun = published_pair()
    assert rerun.publication.benchmark_icss == 5
    assert rerun.publication.tables.filter(name="benchmark_summary").exists()
    alone = run_wave(title="Alone", improvement=0, responses=30, closed_days_ago=900, seed="x")
    publication = publication_build(wave=alone)
    assert publication.benchmark_icss == 1
    assert not publication.tables.filter(name__startswith="benchmark").exists()


@pytest.mark.parametrize(("configured", "used"), [(5, 10), (10, 10), (15, 15)])
def test_k_is_the_configured_minimum_group_size_but_never_below_ten(
    configured: int, used: int
) -> None:
    with override_settings(PULSE_MIN_GROUP_SIZE=configured):
        assert publication_k() == used


def test_a_published_wave_without_responses_shows_nothing_and_does_not_fail() -> None:
    wave = run_wave(title="Empty", improvement=0, responses=0, closed_days_ago=5, seed="empty")
    publication = publication_build(wave=wave)
    results = results_for_wave(wave=wave)
    assert results is not None
    assert results.table("construct_scores")["suppressed"].all()
    assert publication.notes


def test_only_a_published_wave_is_built() -> None:
    wave = run_wave(title="Closed", improvement=0, responses=0, closed_days_ago=5, seed="closed", status=WaveStatus.CLOSED)  # fmt: skip
    with pytest.raises(ValueError, match="not published"):
        publication_build(wave=wave)


def test_the_number_of_leaders_invited_is_kept_as_the_rate_denominator() -> None:
    wave = run_wave(title="Invited", improvement=0, responses=20, closed_days_ago=5, seed="inv")
    Distribution.objects.create(
        wave=wave,
        invitation_subject="Pulse check",
        invitation_body="Please answer",
        reminder_subject="Reminder",
        reminder_body="Please answer",
        tallies={"invited": 80, "responded": 15},
    )
    assert publication_build(wave=wave).invited == 80
    other = run_wave(title="Open link", improvement=0, responses=20, closed_days_ago=5, seed="open")
    assert publication_build(wave=other).invited is None
