"""Cronbach's alpha and its Feldt interval against a published worked example."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from pulse.analysis.reliability import cronbach_alpha

# 15 respondents x 10 items: the "cronbach_alpha" example data set of the pingouin package
# (Vallat 2018, J. Open Source Software 3(31):1026), whose documentation gives
# alpha = 0.591719 with 95% CI [0.195, 0.84], "tested against the R package psych".
# Rows are respondents 0..14, columns Q1..Q10.
WORKED = np.array(
    [
        [3, 2, 4, 1, 4, 5, 1, 4, 3, 2],
        [5, 4, 6, 3, 5, 1, 2, 5, 5, 5],
        [7, 3, 5, 5, 6, 4, 3, 3, 6, 5],
        [2, 4, 3, 3, 2, 2, 2, 6, 6, 3],
        [6, 5, 6, 5, 4, 4, 4, 6, 7, 5],
        [1, 2, 3, 4, 2, 5, 2, 3, 5, 2],
        [4, 3, 5, 3, 5, 2, 1, 2, 4, 3],
        [2, 4, 4, 3, 7, 2, 2, 4, 6, 5],
        [6, 5, 5, 5, 1, 6, 5, 2, 3, 2],
        [5, 4, 6, 4, 3, 5, 3, 1, 7, 2],
        [4, 3, 5, 2, 5, 3, 2, 3, 4, 1],
        [4, 2, 3, 2, 5, 3, 4, 2, 3, 4],
        [5, 5, 6, 2, 3, 3, 2, 4, 4, 5],
        [6, 5, 5, 4, 2, 2, 1, 4, 6, 5],
        [4, 3, 5, 5, 3, 1, 3, 2, 3, 4],
    ],
    dtype=float,
)


def test_alpha_and_feldt_interval_match_the_worked_example() -> None:
    r = cronbach_alpha(WORKED)
    assert r.alpha == pytest.approx(0.591719, abs=5e-7)
    assert r.ci_low == pytest.approx(0.195, abs=5e-4)
    assert r.ci_high == pytest.approx(0.84, abs=5e-4)
    assert r.below_threshold is True
    assert r.n == 15 and r.n_items == 10


def test_feldt_interval_formula_from_published_summary_values() -> None:
    # Feldt, Woodruff & Salih (1987): L = 1 - (1 - a) F_{.975}(n-1, (n-1)(k-1)), U with F_{.025}
    data = np.random.default_rng(7).integers(1, 6, size=(89, 7)).astype(float)
    data += np.random.default_rng(8).normal(0, 1, size=(89, 1)) * 2
    r = cronbach_alpha(data)
    assert r.alpha is not None
    f_hi = stats.f.ppf(0.975, 88, 88 * 6)
    f_lo = stats.f.ppf(0.025, 88, 88 * 6)
    assert r.ci_low == pytest.approx(1 - (1 - r.alpha) * f_hi)
    assert r.ci_high == pytest.approx(1 - (1 - r.alpha) * f_lo)


def test_item_rest_correlations_match_direct_computation() -> None:
    r = cronbach_alpha(WORKED)
    for i, value in enumerate(r.item_rest):
        rest = WORKED.sum(axis=1) - WORKED[:, i]
        assert value == pytest.approx(np.corrcoef(WORKED[:, i], rest)[0, 1])


def test_results_say_why_when_alpha_cannot_be_computed() -> None:
    assert cronbach_alpha(np.ones((20, 3))).reason == "no_variance"
    assert cronbach_alpha(WORKED[:, :1]).reason == "too_few_items"
    assert cronbach_alpha(WORKED[:1]).reason == "too_few_respondents"
    assert cronbach_alpha(WORKED, min_n=20).reason == "too_few_respondents"
    one_constant = WORKED.copy()
    one_constant[:, 0] = 3
    assert cronbach_alpha(one_constant).item_rest[0] is None
    with pytest.raises(ValueError, match="NaN"):
        cronbach_alpha(np.array([[1.0, np.nan], [2.0, 3.0]]))
