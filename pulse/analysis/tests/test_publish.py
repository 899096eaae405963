"""The published tables: their columns, and what a suppressed row may show."""

from __future__ import annotations

import polars as pl
import pytest

from pulse.analysis.publish import publish_wave
from pulse.analysis.tests.factories import random_frame, small_meta

META = small_meta(extras=True)
GROUP = ["group_id", "dimension_1", "value_1", "label_1", "dimension_2", "value_2", "label_2"]
NUMBERS = {
    "n",
    "n_answered",
    "n_effective",
    "mean",
    "ci_low",
    "ci_high",
    "pct_positive",
    "pct_positive_ci_low",
    "pct_positive_ci_high",
    "pct_dont_know",
    "base_n",
    "pct",
    "n_comments",
}


@pytest.fixture(scope="module")
def wave() -> object:
    return publish_wave(random_frame(9, 300, META), META, themes=True)


def test_every_table_has_group_columns_and_suppression_flags(wave: object) -> None:
    tables = wave.tables()  # type: ignore[attr-defined]
    for name in (
        "groups",
        "construct_scores",
        "item_scores",
        "layer_items",
        "distributions",
        "numbers",
        "free_text",
        "themes",
    ):
        table = tables[name]
        assert table.columns[: len(GROUP)] == GROUP, name
        assert table.columns[-2:] == ["suppressed", "reason"], name
        assert "response_id" not in table.columns


def test_suppressed_rows_show_no_number_at_all(wave: object) -> None:
    for name, table in wave.tables().items():  # type: ignore[attr-defined]
        if "suppressed" not in table.columns:
            continue
        hidden = table.filter(pl.col("suppressed"))
        assert hidden["reason"].null_count() == 0, name
        for col in NUMBERS & set(table.columns):
            assert hidden[col].null_count() == hidden.height, (name, col)
        shown = table.filter(~pl.col("suppressed"))
        assert shown["reason"].null_count() == shown.height, name


def test_tables_do_not_grow_with_the_number_of_respondents() -> None:
    small = publish_wave(random_frame(1, 150, META), META)
    large = publish_wave(random_frame(1, 600, META), META)
    for name in (
        "groups",
        "construct_scores",
        "item_scores",
        "distributions",
        "numbers",
        "free_text",
    ):
        assert small.tables()[name].height == large.tables()[name].height, name


def test_distributions_are_percentages_of_their_base(wave: object) -> None:
    dist = wave.distributions.filter(~pl.col("suppressed"))  # type: ignore[attr-defined]
    single = dist.filter(pl.col("question_type").is_in(["agreement", "single_choice"]))
    sums = single.group_by("group_id", "item").agg(pl.col("pct").sum())
    assert sums["pct"].to_numpy() == pytest.approx(100.0)
    assert "count" not in dist.columns
    multi = dist.filter(pl.col("question_type") == "multiple_choice", pl.col("answer") == "data")
    assert multi["pct"].to_list() == pytest.approx([100.0] * multi.height)  # everyone ticked data


def test_layer_items_are_the_grid_rows(wave: object) -> None:
    layer = wave.layer_items  # type: ignore[attr-defined]
    assert set(layer["layer"]) == {"system", "place", "organisation"}
    assert set(layer["question_key"]) == {"involve"}


def test_overall_results_match_a_direct_computation() -> None:
    frame = random_frame(5, 200, META)
    wave = publish_wave(frame, META, breakdowns=[])
    hours = wave.numbers.row(0, named=True)
    assert hours["mean"] == pytest.approx(frame["hours"].cast(pl.Float64).mean())
    assert hours["n"] == 200
    voice = wave.item_scores.filter(pl.col("item") == "voice").row(0, named=True)
    scored = frame.filter(pl.col("voice") >= 1)["voice"].cast(pl.Float64)
    assert voice["n"] == scored.len()
    assert voice["mean"] == pytest.approx(((scored - 1) * 2.5).mean())
    positive = (scored >= 4).cast(pl.Float64).to_numpy().mean()
    assert voice["pct_positive"] == pytest.approx(positive * 100)
    assert voice["n_answered"] == frame["voice"].drop_nulls().len()
