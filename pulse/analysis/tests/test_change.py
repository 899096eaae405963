"""Change between waves against SciPy and statsmodels, and the report end to end."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import TTestIndPower
from statsmodels.stats.proportion import proportions_ztest

from pulse.analysis.change import (
    benjamini_hochberg,
    mdc_mean,
    mdc_proportion,
    two_proportion_z_test,
    welch_test,
)
from pulse.analysis.change_report import compare_waves
from pulse.analysis.meta import Dimension, InstrumentMeta, Item, Option

SCORES = st.sampled_from([0.0, 2.5, 5.0, 7.5, 10.0])


@settings(max_examples=60, deadline=None)
@given(st.lists(SCORES, min_size=3, max_size=40), st.lists(SCORES, min_size=3, max_size=40))
def test_welch_matches_scipy(before: list[float], after: list[float]) -> None:
    if np.var(before) + np.var(after) == 0:
        with pytest.raises(ValueError, match="no variance"):
            welch_test(before, after)
        return
    ours = welch_test(before, after)
    ref = stats.ttest_ind(after, before, equal_var=False)
    assert ours.t == pytest.approx(ref.statistic, rel=1e-9, abs=1e-12)
    assert ours.p_value == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-12)
    assert ours.df == pytest.approx(ref.df, rel=1e-9)
    ci = ref.confidence_interval(0.95)
    assert ours.ci_low == pytest.approx(ci.low, rel=1e-9, abs=1e-12)
    assert ours.ci_high == pytest.approx(ci.high, rel=1e-9, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.floats(0, 1), st.just(float("nan"))), min_size=1, max_size=30))
def test_benjamini_hochberg_matches_statsmodels(p: list[float]) -> None:
    ours = benjamini_hochberg(p)
    arr = np.array(p)
    ok = ~np.isnan(arr)
    assert np.isnan(ours[~ok]).all()
    if ok.any():
        ref = multipletests(arr[ok], method="fdr_bh")[1]
        assert ours[ok] == pytest.approx(ref, abs=1e-12)


@pytest.mark.parametrize(
    ("x1", "n1", "x2", "n2"), [(30, 100, 45, 100), (5, 12, 11, 14), (120, 300, 80, 310)]
)
def test_two_proportion_z_matches_statsmodels(x1: int, n1: int, x2: int, n2: int) -> None:
    z, p = proportions_ztest([x2, x1], [n2, n1])
    ours = two_proportion_z_test(x1, n1, x2, n2)
    assert ours.z == pytest.approx(z, rel=1e-12)
    assert ours.p_value == pytest.approx(p, rel=1e-12)
    assert ours.difference == pytest.approx(x2 / n2 - x1 / n1)


@pytest.mark.parametrize(("n1", "n2"), [(20, 20), (50, 80), (200, 150)])
def test_minimum_detectable_change_is_close_to_exact_power_calculation(n1: int, n2: int) -> None:
    effect = TTestIndPower().solve_power(nobs1=n1, ratio=n2 / n1, alpha=0.05, power=0.8)
    ours = mdc_mean(np.array([float(n1)]), np.array([float(n2)]), np.array([1.0]))[0]
    assert ours == pytest.approx(effect, rel=0.01)
    # proportions: (z_.975 + z_.8) * sqrt(p(1-p)(1/n1 + 1/n2)) at p = 0.5
    by_hand = (1.959964 + 0.841621) * np.sqrt(0.25 * (1 / n1 + 1 / n2))
    prop = mdc_proportion(np.array([float(n1)]), np.array([float(n2)]), np.array([0.5]))[0]
    assert prop == pytest.approx(by_hand, rel=1e-5)


META = InstrumentMeta(
    items=(
        Item("voice", "voice", "Voice", principle="P1"),
        Item("data", "data", "Data", principle="P3"),
    ),
    dimensions=(Dimension("sector", "Sector", (Option("acute", "A"), Option("primary", "P"))),),
)


def wave(prefix: str, voice: list[int], data: list[int], sectors: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "response_id": [f"{prefix}{i}" for i in range(len(voice))],
            "voice": pl.Series(voice, dtype=pl.Int8),
            "data": pl.Series(data, dtype=pl.Int8),
            "sector": sectors,
        }
    )


def test_report_says_improved_declined_or_no_change() -> None:
    before = wave("b", [2, 3] * 30, [4, 5] * 30, ["acute"] * 40 + ["primary"] * 20)
    after = wave("a", [4, 5] * 30, [2, 3] * 30, ["acute"] * 40 + ["primary"] * 20)
    report = compare_waves(before, META, after, META, breakdowns=["sector"])
    overall = report.table.filter(pl.col("group_id") == "all")
    verdicts = dict(overall.select("key", "verdict").iter_rows())
    assert verdicts == {"P1": "improved", "P3": "declined", "voice": "improved", "data": "declined"}
    same = compare_waves(
        before, META, before.with_columns(pl.col("response_id") + "x"), META, breakdowns=[]
    )
    assert set(same.table["verdict"]) == {"no significant change"}


def test_adjusted_p_values_cover_every_comparison_in_the_report() -> None:
    rng = np.random.default_rng(3)
    before = wave(
        "b",
        rng.integers(1, 6, 60).tolist(),
        rng.integers(1, 6, 60).tolist(),
        ["acute"] * 40 + ["primary"] * 20,
    )
    after = wave(
        "a",
        rng.integers(1, 6, 60).tolist(),
        rng.integers(1, 6, 60).tolist(),
        ["acute"] * 40 + ["primary"] * 20,
    )
    table = compare_waves(before, META, after, META, breakdowns=["sector"]).table.filter(
        ~pl.col("suppressed")
    )
    raw = np.concatenate([table["p_value"].to_numpy(), table["p_value_pct"].to_numpy()])
    ref = multipletests(raw, method="fdr_bh")[1]
    ours = np.concatenate([table["p_adjusted"].to_numpy(), table["p_adjusted_pct"].to_numpy()])
    assert ours == pytest.approx(ref)


def test_change_is_hidden_when_either_wave_hides_the_cell() -> None:
    before = wave("b", [2, 3] * 30, [4, 5] * 30, ["acute"] * 55 + ["primary"] * 5)
    after = wave("a", [4, 5] * 30, [2, 3] * 30, ["acute"] * 40 + ["primary"] * 20)
    table = compare_waves(before, META, after, META, breakdowns=["sector"]).table
    primary = table.filter(pl.col("group_id") == "sector=primary", pl.col("key") == "P1").row(
        0, named=True
    )
    assert primary["suppressed"] is True
    assert primary["reason"] == "before_below_k"
    assert primary["change"] is None and primary["n_after"] is None


def test_only_keys_in_both_versions_are_compared() -> None:
    v2 = InstrumentMeta(
        items=(META.items[0], Item("new", "new", "New", principle="P3")), dimensions=META.dimensions
    )
    before = wave("b", [2, 3] * 15, [4, 5] * 15, ["acute"] * 30)
    after = pl.DataFrame(
        {
            "response_id": [f"a{i}" for i in range(30)],
            "voice": pl.Series([4, 5] * 15, dtype=pl.Int8),
            "new": pl.Series([1] * 30, dtype=pl.Int8),
            "sector": ["acute"] * 30,
        }
    )
    report = compare_waves(before, META, after, v2, breakdowns=[])
    assert report.compared_items == ("voice",)
    assert set(report.table["key"]) == {"P1", "voice"}
    with pytest.raises(ValueError, match="no question keys in common"):
        compare_waves(
            before,
            META,
            after.drop("voice"),
            InstrumentMeta(items=(v2.items[1],), dimensions=META.dimensions),
            breakdowns=[],
        )
