"""Scoring worked by hand on tiny frames."""

from __future__ import annotations

import math

import polars as pl
import pytest

from pulse.analysis.meta import InstrumentMeta, Item, layer_dimension, layer_grid_items
from pulse.analysis.publish import publish_wave
from pulse.analysis.scoring import respondent_scores

META = InstrumentMeta(
    items=(
        Item("a", "a", "A", principle="P1"),
        Item("b", "b", "B", principle="P1", reverse=True),
        Item("c", "c", "C", principle="P2", construct="culture"),
        *layer_grid_items("inv", "Involved", ("system", "place"), principle="P1"),
    ),
    dimensions=(layer_dimension(("system", "place")),),
)


def frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    cols = ["a", "b", "c", "inv__system", "inv__place"]
    return pl.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(len(rows))],
            **{c: pl.Series(c, [r.get(c) for r in rows], dtype=pl.Int8) for c in cols},
            "layer": pl.Series("layer", [r["layer"] for r in rows], dtype=pl.List(pl.String)),
        }
    )


def test_item_scores_reverse_and_dont_know() -> None:
    # a=5 -> 10; b=2 reversed -> 10 - 2.5 = 7.5; c=0 (don't know) not scored
    scores = respondent_scores(frame([{"a": 5, "b": 2, "c": 0, "layer": []}]), META)
    assert scores["P1"].to_list() == [8.75]  # (10 + 7.5) / 2
    assert scores["culture"].to_list() == [None]  # only item is don't know
    assert scores["P2"].to_list() == [None]


def test_half_rule_counts_only_layer_items_that_apply() -> None:
    rows: list[dict[str, object]] = [
        # works at system only: P1 applies to a, b, inv__system (3); 2 scored >= 1.5 -> scored
        {"a": 4, "b": None, "inv__system": 2, "layer": ["system"]},
        # works at both layers: P1 applies to 4 items; 1 scored < 2 -> no score
        {"a": 4, "layer": ["system", "place"]},
        # works at no layer: P1 applies to a and b; 1 scored = half -> scored
        {"a": 1, "layer": []},
    ]
    scores = respondent_scores(frame(rows), META)
    assert scores["P1"].to_list() == [(7.5 + 2.5) / 2, None, 0.0]


def test_involvement_index_is_the_mean_of_layer_scores() -> None:
    rows: list[dict[str, object]] = [
        {"inv__system": 5, "inv__place": 2, "layer": ["system", "place"]},  # 10 and 2.5
        {"inv__place": 3, "layer": ["system", "place"]},  # place 5; system not answered
        {"a": 3, "layer": []},
    ]
    scores = respondent_scores(frame(rows), META)
    assert scores["involvement_system"].to_list() == [10.0, None, None]
    assert scores["involvement_place"].to_list() == [2.5, 5.0, None]
    assert scores["involvement_index"].to_list() == [6.25, 5.0, None]


def test_group_mean_and_pct_positive_by_hand() -> None:
    # 12 respondents: a = 5,5,5,4,4,4,3,3,2,2,1,1 -> scores 10*3, 7.5*3, 5*2, 2.5*2, 0*2
    answers = [5, 5, 5, 4, 4, 4, 3, 3, 2, 2, 1, 1]
    data = frame([{"a": x, "b": None, "layer": []} for x in answers])
    wave = publish_wave(data, META, breakdowns=[])
    item = wave.item_scores.filter(pl.col("item") == "a").row(0, named=True)
    assert item["n"] == 12
    assert item["mean"] == pytest.approx((30 + 22.5 + 10 + 5) / 12)
    assert item["pct_positive"] == pytest.approx(50.0)
    dist = wave.distributions.filter(pl.col("item") == "a")
    pct = dict(dist.select("answer", "pct").iter_rows())
    assert pct == pytest.approx(
        {"1": 100 / 6, "2": 100 / 6, "3": 100 / 6, "4": 25.0, "5": 25.0, "0": 0.0}
    )
    assert math.isclose(sum(pct.values()), 100.0)
    assert set(dist["base_n"].to_list()) == {12}


def test_reverse_item_positive_means_disagreeing() -> None:
    data = frame([{"b": x, "layer": []} for x in [1, 1, 2, 2, 2, 4, 4, 5, 5, 3]])
    wave = publish_wave(data, META, breakdowns=[])
    row = wave.item_scores.filter(pl.col("item") == "b").row(0, named=True)
    assert row["pct_positive"] == pytest.approx(50.0)  # five people disagreed
    assert row["mean"] == pytest.approx((10 * 2 + 7.5 * 3 + 2.5 * 2 + 0 * 2 + 5) / 10)


def test_construct_pct_positive_is_share_of_people_scoring_at_least_7_5() -> None:
    rows: list[dict[str, object]] = [{"a": 4, "b": 2, "layer": []}] * 6
    rows += [{"a": 4, "b": 4, "layer": []}] * 4
    wave = publish_wave(frame(rows), META, breakdowns=[])
    p1 = wave.construct_scores.filter(pl.col("construct") == "P1").row(0, named=True)
    # six people score (7.5 + 7.5) / 2 = 7.5 (positive); four score (7.5 + 2.5) / 2 = 5
    assert p1["pct_positive"] == pytest.approx(60.0)
    assert p1["mean"] == pytest.approx((6 * 7.5 + 4 * 5) / 10)
