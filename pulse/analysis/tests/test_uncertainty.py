"""Intervals against independent reference implementations (SciPy, statsmodels)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from pulse.analysis.uncertainty import (
    mean_interval,
    t_interval_arrays,
    wilson_arrays,
    wilson_interval,
)


@pytest.mark.parametrize(("x", "n"), [(0, 10), (3, 10), (8, 10), (10, 10), (57, 212), (1, 1)])
def test_wilson_matches_statsmodels(x: int, n: int) -> None:
    low, high = proportion_confint(x, n, alpha=0.05, method="wilson")
    est = wilson_interval(x, n)
    assert est.ci_low == pytest.approx(low, abs=1e-12)
    assert est.ci_high == pytest.approx(high, abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.sampled_from([0.0, 2.5, 5.0, 7.5, 10.0]), min_size=2, max_size=60),
    st.sampled_from([0.9, 0.95, 0.99]),
)
def test_t_interval_matches_scipy(values: list[float], confidence: float) -> None:
    x = np.array(values)
    est = mean_interval(values, confidence)
    if x.std() == 0:
        assert est.ci_low == est.ci_high == x[0]
        return
    low, high = stats.t.interval(confidence, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
    assert est.ci_low == pytest.approx(low, rel=1e-9, abs=1e-9)
    assert est.ci_high == pytest.approx(high, rel=1e-9, abs=1e-9)


def test_vectorised_forms_agree_with_scalar_forms() -> None:
    low, high = wilson_arrays(np.array([3.0, 0.0]), np.array([10.0, 0.0]))
    assert low[0] == pytest.approx(wilson_interval(3, 10).ci_low)
    assert np.isnan(low[1]) and np.isnan(high[1])
    tl, th = t_interval_arrays(np.array([1.0]), np.array([5.0]), np.array([25.0]))
    assert np.isnan(tl[0]) and np.isnan(th[0])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: mean_interval([1.0]), "at least 2"),
        (lambda: mean_interval([1.0, float("nan")]), "NaN"),
        (lambda: wilson_interval(3, 0), "n >= 1"),
        (lambda: wilson_interval(11, 10), "between 0 and n"),
        (lambda: wilson_interval(1, 10, confidence=1.5), "confidence"),
    ],
)
def test_impossible_input_is_refused(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]
