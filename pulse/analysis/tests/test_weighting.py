"""Post-stratification to the participant-list profile."""

from __future__ import annotations

import polars as pl
import pytest

from pulse.analysis.meta import Dimension, InstrumentMeta, Item, Option
from pulse.analysis.publish import publish_wave
from pulse.analysis.weighting import post_stratification_weights

META = InstrumentMeta(
    items=(Item("voice", "voice", "Voice", principle="P1"),),
    dimensions=(
        Dimension(
            "profession_group",
            "Profession",
            (Option("nursing", "N"), Option("medical", "M"), Option("ahp", "A")),
        ),
    ),
)


def frame() -> pl.DataFrame:
    # 30 nurses all answer 5 (score 10); 10 doctors all answer 1 (score 0)
    return pl.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(40)],
            "voice": pl.Series([5] * 30 + [1] * 10, dtype=pl.Int8),
            "profession_group": ["nursing"] * 30 + ["medical"] * 10,
        }
    )


def test_weighted_mean_matches_the_participant_profile() -> None:
    # the participant list is half nurses, half doctors: weighted mean = (10 + 0) / 2
    weights = post_stratification_weights(frame(), META, {"nursing": 100, "medical": 100})
    wave = publish_wave(frame(), META, breakdowns=[], weights=weights)
    row = wave.construct_scores.row(0, named=True)
    assert row["mean"] == pytest.approx(5.0)
    assert row["n"] == 40  # unweighted n always reported
    assert row["n_effective"] == pytest.approx(40**2 / (30 * (20 / 30) ** 2 + 10 * 2.0**2))
    assert row["pct_positive"] == pytest.approx(50.0)
    unweighted = publish_wave(frame(), META, breakdowns=[]).construct_scores.row(0, named=True)
    assert unweighted["mean"] == pytest.approx(7.5)
    assert wave.weighted is True


def test_missing_categories_are_spread_and_noted() -> None:
    weights = post_stratification_weights(frame(), META, {"nursing": 50, "medical": 25, "ahp": 25})
    assert any("ahp" in note for note in weights.notes)
    assert weights.target_shares == pytest.approx({"nursing": 2 / 3, "medical": 1 / 3})


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ({"nursing": 1, "dentist": 1}, "unknown categories"),
        ({"nursing": 1}, "participant list has none"),
        ({"nursing": -1, "medical": 3}, "count >= 0"),
        ({"nursing": 0, "medical": 0}, "participant list has none|empty"),
    ],
)
def test_bad_targets_are_refused(target: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        post_stratification_weights(frame(), META, target)


def test_weighted_distribution_and_item_share_by_hand() -> None:
    # weights: nurses 40 * 0.5 / 30 = 2/3, doctors 40 * 0.5 / 10 = 2
    weights = post_stratification_weights(frame(), META, {"nursing": 1, "medical": 1})
    wave = publish_wave(frame(), META, breakdowns=[], weights=weights)
    pct = dict(wave.distributions.select("answer", "pct").iter_rows())
    assert pct["5"] == pytest.approx(50.0)
    assert pct["1"] == pytest.approx(50.0)
    assert wave.distributions["base_n"].unique().to_list() == [40]
    assert wave.item_scores.row(0, named=True)["pct_positive"] == pytest.approx(50.0)
