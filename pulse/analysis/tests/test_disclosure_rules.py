"""Each disclosure rule on a small hand-made wave, with the reason a presenter will show."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import pytest

from pulse.analysis.meta import Dimension, InstrumentMeta, Item, Option, layer_dimension
from pulse.analysis.publish import publish_wave

META = InstrumentMeta(
    items=(Item("voice", "voice", "My voice is heard", principle="P1"),),
    dimensions=(
        Dimension(
            "sector",
            "Sector",
            (
                Option("acute", "Acute"),
                Option("community", "Community"),
                Option("primary", "Primary"),
            ),
        ),
        Dimension(
            "profession_group", "Profession", (Option("nursing", "N"), Option("medical", "M"))
        ),
        layer_dimension(("system", "organisation")),
    ),
)


def frame(
    sectors: Sequence[str | None],
    professions: Sequence[str | None] | None = None,
    layers: Sequence[list[str]] | None = None,
) -> pl.DataFrame:
    n = len(sectors)
    return pl.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(n)],
            "voice": [4] * n,
            "sector": list(sectors),
            "profession_group": list(professions or [None] * n),
            "layer": list(layers or [["organisation"]] * n),
        },
        schema_overrides={
            "voice": pl.Int8,
            "layer": pl.List(pl.String),
            "sector": pl.String,
            "profession_group": pl.String,
        },
    )


def reasons(wave_groups: pl.DataFrame) -> dict[str, str | None]:
    return dict(wave_groups.select("group_id", "reason").iter_rows())


def test_group_below_k_is_hidden_with_no_number() -> None:
    wave = publish_wave(
        frame(["acute"] * 30 + ["primary"] * 9 + ["community"] * 11), META, breakdowns=["sector"]
    )
    groups = wave.groups
    row = groups.filter(pl.col("group_id") == "sector=primary").row(0, named=True)
    assert row["suppressed"] is True
    assert row["reason"] == "below_k"
    assert row["n"] is None


def test_group_is_hidden_when_the_rest_of_its_parent_is_below_k() -> None:
    wave = publish_wave(frame(["acute"] * 25 + ["primary"] * 5), META, breakdowns=["sector"])
    assert reasons(wave.groups)["sector=acute"] == "parent_remainder"
    assert reasons(wave.groups)["all"] is None


def test_one_hidden_group_hides_the_next_smallest_too() -> None:
    # acute 20, community 15, primary 5: primary alone could be derived as all - acute - community
    wave = publish_wave(
        frame(["acute"] * 20 + ["community"] * 15 + ["primary"] * 5), META, breakdowns=["sector"]
    )
    got = reasons(wave.groups)
    assert got["sector=primary"] == "below_k"
    assert got["sector=community"] == "complementary"
    assert got["sector=acute"] is None


def test_unstated_answers_count_as_a_hidden_group() -> None:
    # 3 people did not give a sector: all - acute - community would describe them
    wave = publish_wave(
        frame(["acute"] * 20 + ["community"] * 15 + [None] * 3), META, breakdowns=["sector"]
    )
    got = reasons(wave.groups)
    assert got["sector=community"] == "complementary"
    assert got["sector=acute"] is None


def test_two_groups_differing_by_fewer_than_k_people_are_not_both_shown() -> None:
    # 20 nurses all work at system level; system level = the 20 nurses + 2 doctors
    professions = ["nursing"] * 20 + ["medical"] * 40
    layers = [["system", "organisation"]] * 22 + [["organisation"]] * 38
    wave = publish_wave(
        frame(["acute"] * 60, professions, layers), META, breakdowns=["profession_group", "layer"]
    )
    got = reasons(wave.groups)
    assert got["profession_group=nursing"] == "differencing"
    assert got["layer=system"] is None
    # and nursing cannot come back as all - medical:
    assert got["profession_group=medical"] == "complementary"


def test_overlapping_groups_are_both_shown_when_neither_contains_the_other() -> None:
    # 30 nurses, 3 of them not at system level; system level = 27 nurses + 20 doctors.
    # Nursing minus system level is 3 people, but their totals cannot be had by subtraction:
    # nursing's totals minus system's also take away the 20 doctors, who are never published
    # apart. So both groups are shown (ADR 10).
    professions = ["nursing"] * 30 + ["medical"] * 30
    layers = (
        [["system"]] * 27 + [["organisation"]] * 3 + [["system"]] * 20 + [["organisation"]] * 10
    )
    wave = publish_wave(
        frame(["acute"] * 60, professions, layers), META, breakdowns=["profession_group", "layer"]
    )
    got = reasons(wave.groups)
    assert got["profession_group=nursing"] is None
    assert got["layer=system"] is None


def test_item_cell_needs_k_scored_answers() -> None:
    data = frame(["acute"] * 30).with_columns(
        pl.Series("voice", [0] * 25 + [4] * 5, dtype=pl.Int8)  # 25 don't know
    )
    wave = publish_wave(data, META, breakdowns=[])
    row = wave.item_scores.row(0, named=True)
    assert row["reason"] == "item_n_below_k"
    assert row["mean"] is None
    assert wave.groups.row(0, named=True)["n"] == 30


@pytest.mark.parametrize("k", [0, 5, 9, True, 10.0])
def test_k_below_10_or_not_an_integer_is_refused(k: object) -> None:
    with pytest.raises(ValueError, match="k must"):
        publish_wave(frame(["acute"] * 30), META, breakdowns=[], k=k)  # type: ignore[arg-type]


def test_higher_k_hides_more() -> None:
    data = frame(["acute"] * 30 + ["community"] * 12 + ["primary"] * 14)
    at_10 = reasons(publish_wave(data, META, breakdowns=["sector"]).groups)
    at_13 = reasons(publish_wave(data, META, breakdowns=["sector"], k=13).groups)
    assert at_10["sector=community"] is None
    assert at_13["sector=community"] == "below_k"


def test_three_dimensions_crossed_are_refused() -> None:
    with pytest.raises(ValueError, match="never more"):
        publish_wave(
            frame(["acute"] * 30), META, breakdowns=[("sector", "profession_group", "layer")]
        )


def test_unknown_breakdown_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown dimension 'role'"):
        publish_wave(frame(["acute"] * 30), META, breakdowns=["role"])
