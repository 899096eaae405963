"""The self-assessment's arithmetic against examples worked by hand."""

import pytest

from pulse.assessments.maturity import (
    level_for_mean,
    movement,
    overall_maturity,
    principle_maturity,
    spread,
)


def test_spread_counts_each_level_and_flags_a_range_of_two_levels_as_disagreement() -> None:
    # Developing, Maturing, Thriving: lowest 2, highest 4, range 4 - 2 = 2
    result = spread([2, 3, 4])
    assert result.counts == {1: 0, 2: 1, 3: 1, 4: 1}
    assert (result.n, result.lowest, result.highest, result.range) == (3, 2, 4, 2)
    assert result.disagreement


def test_neighbouring_levels_are_not_a_disagreement() -> None:
    assert spread([2, 3, 3]).range == 1
    assert not spread([2, 3, 3]).disagreement
    assert spread([1, 1, 1]).range == 0
    assert spread([1, 4]).disagreement  # Emerging and Thriving: range 3


def test_no_ratings_have_no_range_and_no_disagreement() -> None:
    result = spread([])
    assert (result.n, result.range, result.disagreement) == (0, None, False)


@pytest.mark.parametrize("bad", [0, 5, -1])
def test_a_level_outside_one_to_four_is_refused(bad: int) -> None:
    with pytest.raises(ValueError, match="a level must be 1, 2, 3 or 4"):
        spread([2, bad])


def test_principle_maturity_is_the_mean_of_agreed_levels_and_names_the_weakest() -> None:
    # (2 + 3 + 3 + 1 + 2) / 5 = 11 / 5 = 2.2; the weakest is d, at Emerging
    order = ["a", "b", "c", "d", "e"]
    result = principle_maturity({"a": 2, "b": 3, "c": 3, "d": 1, "e": 2}, order)
    assert result.mean == 2.2
    assert result.weakest == ("d",)
    assert result.weakest_level == 1
    assert result.complete


def test_every_indicator_tied_at_the_lowest_level_is_weakest_in_framework_order() -> None:
    # (1 + 3 + 1) / 3 = 1.666... rounded to 1.67
    result = principle_maturity({"c": 1, "b": 3, "a": 1}, ["a", "b", "c"])
    assert result.mean == 1.67
    assert result.weakest == ("a", "c")


def test_a_principle_part_agreed_averages_only_what_is_agreed() -> None:
    result = principle_maturity({"a": 3}, ["a", "b"])
    assert (result.mean, result.agreed, result.indicators, result.complete) == (3.0, 1, 2, False)
    assert principle_maturity({}, ["a"]).mean is None


@pytest.mark.parametrize(
    ("mean", "level"),
    [(1.0, 1), (1.49, 1), (1.5, 2), (2.2, 2), (2.5, 3), (3.49, 3), (3.5, 4), (4.0, 4)],
)
def test_a_mean_is_described_by_the_level_it_is_nearest_to(mean: float, level: int) -> None:
    assert level_for_mean(mean) == level


def test_a_mean_outside_the_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="between 1 and 4"):
        level_for_mean(0.9)


def test_overall_maturity_weights_each_principle_equally() -> None:
    # (2.2 + 3.0 + 1.8 + 2.4 + 2.6) / 5 = 12.0 / 5 = 2.4
    assert overall_maturity([2.2, 3.0, 1.8, 2.4, 2.6]) == 2.4
    assert overall_maturity([2.2, None]) is None


def test_movement_is_the_change_since_the_previous_round() -> None:
    assert movement(2.6, 2.2) == 0.4
    assert movement(2.0, 2.4) == -0.4
    assert movement(2.0, None) is None
