"""Funnel-plot limits against the worked example in PHEindicatormethods' own tests."""

from __future__ import annotations

import numpy as np
import pytest

from pulse.analysis.funnel import funnel_flag, funnel_limits_mean, funnel_limits_proportion

# PHEindicatormethods (UKHSA / OHID) tests/testthat/testdata_funnel_prop_outputs.csv:
# baseline 80.642448%, population -> 95% (2 s.d.) and 99.8% (3 s.d.) limits in percent.
PHE_BASELINE = 0.80642448
PHE_ROWS = [
    # n, lower95, upper95, lower99.8, upper99.8
    (1, 3.204264, 100.0, 0.0, 100.0),
    (3, 35.933491, 100.0, 10.150815, 100.0),
    (20, 63.326743, 97.958152, 53.341156, 100.0),
    (41, 68.548635, 92.73626, 61.574398, 99.710497),
    (260, 75.839936, 85.44496, 73.070432, 88.214464),
    (5348, 79.583537, 81.701359, 78.972886, 82.31201),
    (110000, 80.408963, 80.875933, 80.274317, 81.010578),
]


@pytest.mark.parametrize(("n", "lo95", "hi95", "lo998", "hi998"), PHE_ROWS)
def test_proportion_limits_match_phe_worked_example(
    n: int, lo95: float, hi95: float, lo998: float, hi998: float
) -> None:
    low, high = funnel_limits_proportion(PHE_BASELINE, [n], level=0.95)
    assert low[0] * 100 == pytest.approx(lo95, abs=1e-5)
    assert high[0] * 100 == pytest.approx(hi95, abs=1e-5)
    low, high = funnel_limits_proportion(PHE_BASELINE, [n], level=0.998)
    assert low[0] * 100 == pytest.approx(lo998, abs=1e-5)
    assert high[0] * 100 == pytest.approx(hi998, abs=1e-5)


def test_mean_limits_by_hand() -> None:
    # target 6.0, sd 2.0, n = 16: 6 +/- 1.959964 * 0.5 and 6 +/- 3.090232 * 0.5
    low, high = funnel_limits_mean(6.0, 2.0, [16])
    assert (low[0], high[0]) == pytest.approx((6 - 0.979982, 6 + 0.979982), abs=1e-6)
    low, high = funnel_limits_mean(6.0, 2.0, [16], level=0.998)
    assert (low[0], high[0]) == pytest.approx((6 - 1.545116, 6 + 1.545116), abs=1e-6)


def test_mean_limits_hold_95_percent_of_ics_means_under_the_null() -> None:
    rng = np.random.default_rng(11)
    n = 150
    means = rng.normal(6.0, 2.0, size=(4000, n)).mean(axis=1)
    low, high = funnel_limits_mean(6.0, 2.0, [n])
    inside = ((means >= low[0]) & (means <= high[0])).mean()
    assert inside == pytest.approx(0.95, abs=0.015)


def test_flags() -> None:
    flags = funnel_flag(
        np.array([5.0, 7.0, 9.0, 1.0, np.nan]),
        np.array([4.0] * 5),
        np.array([6.0] * 5),
        np.array([2.0] * 5),
        np.array([8.0] * 5),
    )
    assert flags == ["within", "above_95", "above_99.8", "below_99.8", None]


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="n >= 1"):
        funnel_limits_mean(5.0, 1.0, [0])
    with pytest.raises(ValueError, match="between 0 and 1"):
        funnel_limits_proportion(1.5, [10])
