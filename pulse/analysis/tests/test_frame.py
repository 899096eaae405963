"""Bad input gets a ValueError that names the problem."""

from __future__ import annotations

import polars as pl
import pytest

from pulse.analysis.frame import validate_frame
from pulse.analysis.meta import (
    Dimension,
    InstrumentMeta,
    Item,
    Option,
    layer_dimension,
    layer_grid_items,
)
from pulse.analysis.publish import publish_wave

META = InstrumentMeta(
    items=(Item("q1", "q1", "Q1", principle="P1"), *layer_grid_items("g", "G", ("system",))),
    dimensions=(
        Dimension("sector", "Sector", (Option("acute", "Acute"), Option("primary", "Primary"))),
        layer_dimension(("system",)),
    ),
)


def good(**changes: object) -> pl.DataFrame:
    data: dict[str, object] = {
        "response_id": ["a", "b"],
        "q1": pl.Series([4, 0], dtype=pl.Int8),
        "g__system": pl.Series([3, None], dtype=pl.Int8),
        "sector": ["acute", None],
        "layer": pl.Series([["system"], []], dtype=pl.List(pl.String)),
    }
    data.update(changes)
    return pl.DataFrame(data)


def test_a_good_frame_passes_and_answers_become_int8() -> None:
    out = validate_frame(good(q1=[4, 0]), META)
    assert out["q1"].dtype == pl.Int8


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"q1": [4, 7]}, "'q1' has codes outside 0..5: \\[7\\]"),
        ({"q1": [4, -1]}, "outside 0..5"),
        ({"q1": [4.0, float("nan")]}, "'q1' .* must be integers, got Float64 and contains NaN"),
        ({"q1": ["4", "5"]}, "'q1' .* must be integers"),
        (
            {"sector": ["acute", "tertiary"]},
            "'sector' has codes not among its options: \\['tertiary'\\]",
        ),
        ({"layer": pl.Series([["system"], ["moon"]])}, "'layer' has codes not among its options"),
        ({"response_id": ["a", "a"]}, "duplicate"),
        ({"response_id": ["a", None]}, "nulls"),
        ({"g__system": pl.Series([3, 4], dtype=pl.Int8)}, "do not work at layer 'system'"),
        ({"wave_id": ["w1", "w2"]}, "several waves"),
    ],
)
def test_bad_values_are_named(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_frame(good(**changes), META)


def test_unknown_question_key_is_named() -> None:
    with pytest.raises(ValueError, match=r"unknown question key.*'q9'"):
        validate_frame(good(q9=[1, 2]), META)


def test_missing_column_is_named() -> None:
    with pytest.raises(ValueError, match=r"lacks column.*'q1'"):
        validate_frame(good().drop("q1"), META)


def test_not_a_dataframe() -> None:
    with pytest.raises(ValueError, match="polars DataFrame"):
        validate_frame({"response_id": ["a"]}, META)  # type: ignore[arg-type]


def test_metadata_problems_are_named() -> None:
    with pytest.raises(ValueError, match="unknown principle 'P9'"):
        Item("q", "q", "Q", principle="P9")
    with pytest.raises(ValueError, match="used twice"):
        InstrumentMeta(items=(Item("q", "q", "Q"), Item("q", "q", "Q")))
    with pytest.raises(ValueError, match="need a multi-valued 'layer' dimension"):
        InstrumentMeta(items=layer_grid_items("g", "G", ("system",)))
    with pytest.raises(ValueError, match="must be 'g__place'"):
        Item("g__system", "g", "G", layer="place")
    with pytest.raises(ValueError, match="option code 'a&b' is not allowed"):
        Dimension("sector", "Sector", (Option("a&b", "A and B"),))


def test_empty_frame_gives_a_result_that_says_why() -> None:
    empty = good().clear()
    wave = publish_wave(empty, META, breakdowns=["sector"])
    assert wave.groups["suppressed"].all()
    assert set(wave.groups["reason"]) == {"below_k"}
    assert any("nothing can be shown" in n for n in wave.notes)
    assert wave.construct_scores["mean"].null_count() == wave.construct_scores.height


def test_single_respondent_is_never_shown() -> None:
    wave = publish_wave(good().head(1), META, breakdowns=["sector"])
    assert wave.construct_scores["suppressed"].all()
    assert wave.reliability["alpha"].null_count() == wave.reliability.height


def test_all_missing_column_gives_hidden_cells_not_zeros() -> None:
    rows = 30
    frame = pl.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(rows)],
            "q1": pl.Series([None] * rows, dtype=pl.Int8),
            "g__system": pl.Series([4] * rows, dtype=pl.Int8),
            "sector": ["acute"] * rows,
            "layer": pl.Series([["system"]] * rows, dtype=pl.List(pl.String)),
        }
    )
    wave = publish_wave(frame, META, breakdowns=[])
    q1 = wave.item_scores.filter(pl.col("item") == "q1").row(0, named=True)
    assert q1["reason"] == "item_n_below_k"
    assert q1["mean"] is None and q1["n"] is None
    dist = wave.distributions.filter(pl.col("item") == "q1")
    assert dist["pct"].null_count() == dist.height


def test_constant_answers_give_an_exact_mean_and_reliability_says_why() -> None:
    rows = 20
    frame = pl.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(rows)],
            "q1": pl.Series([4] * rows, dtype=pl.Int8),
            "g__system": pl.Series([4] * rows, dtype=pl.Int8),
            "sector": ["acute"] * rows,
            "layer": pl.Series([["system"]] * rows, dtype=pl.List(pl.String)),
        }
    )
    meta = InstrumentMeta(
        items=(*META.items[:1], Item("q2", "q2", "Q2", principle="P1"), *META.items[1:]),
        dimensions=META.dimensions,
    )
    wave = publish_wave(frame.with_columns(pl.col("q1").alias("q2")), meta, breakdowns=[])
    p1 = wave.construct_scores.filter(pl.col("construct") == "P1").row(0, named=True)
    assert (p1["mean"], p1["ci_low"], p1["ci_high"]) == (7.5, 7.5, 7.5)
    rel = wave.reliability.filter(pl.col("construct") == "P1").row(0, named=True)
    assert rel["reason"] == "no_variance"
    assert rel["alpha"] is None
