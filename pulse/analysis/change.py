"""Change between two waves: Welch's t-test, two-proportion z-test, Benjamini-Hochberg, MDC.

Only item keys present in both waves are compared; a construct is compared only when it is
made of the same common items in both instrument versions (it is re-scored from those items,
so a construct that gained an item is compared like for like). Both waves are published
with the same breakdowns and ``k``; a change is shown only where both cells are published.

Formulas
--------
Welch (respondent-level scores, ``s^2`` sample variances)::

    d = m2 - m1,  se = sqrt(s1^2/n1 + s2^2/n2),  t = d / se
    df = se^4 / ((s1^2/n1)^2/(n1 - 1) + (s2^2/n2)^2/(n2 - 1)),  p = 2 P(T_df > |t|)
    95% CI of d: d +/- t_{0.975, df} se

Two proportions (pooled ``p = (x1 + x2)/(n1 + n2)``)::

    z = (p2 - p1) / sqrt(p (1 - p) (1/n1 + 1/n2)),  p-value = 2 P(Z > |z|)

The report itself is built by :func:`pulse.analysis.change_report.compare_waves`.

Benjamini-Hochberg over *all* p-values of one report (means and % positive together).
Verdict: ``improved`` / ``declined`` when the adjusted p-value is below ``alpha`` (higher is
better on every 0..10 score), else ``no significant change``.

Minimum detectable change (80% power, two-sided 5%), ``df = n1 + n2 - 2``::

    means:        (t_{0.975, df} + t_{0.80, df}) * s_pooled * sqrt(1/n1 + 1/n2)
    proportions:  (z_{0.975} + z_{0.80}) * sqrt(p (1 - p) (1/n1 + 1/n2))

Examples
--------
>>> r = welch_test([5.0, 7.5, 7.5, 10.0], [2.5, 5.0, 5.0, 7.5])
>>> round(r.difference, 2), round(r.p_value, 3)
(-2.5, 0.134)
>>> [round(float(p), 3) for p in benjamini_hochberg([0.01, 0.04, 0.03])]
[0.03, 0.04, 0.04]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy import stats

__all__ = [
    "ChangeReport",
    "ProportionTest",
    "WelchResult",
    "benjamini_hochberg",
    "mdc_mean",
    "mdc_proportion",
    "two_proportion_z_test",
    "verdicts",
    "welch_arrays",
    "welch_test",
]

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class WelchResult:
    """Welch's t-test of ``after - before``."""

    difference: float
    t: float
    df: float
    p_value: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class ProportionTest:
    """Two-proportion z-test of ``p_after - p_before``."""

    difference: float
    z: float
    p_value: float


def welch_arrays(
    n1: Array, m1: Array, v1: Array, n2: Array, m2: Array, v2: Array, confidence: float = 0.95
) -> dict[str, Array]:
    """Vectorised Welch test from sizes, means and sample variances (NaN where undefined)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        a, b = v1 / n1, v2 / n2
        se = np.sqrt(a + b)
        diff = m2 - m1
        t = diff / se
        df = (a + b) ** 2 / (a * a / (n1 - 1.0) + b * b / (n2 - 1.0))
        p = np.asarray(2.0 * stats.t.sf(np.abs(t), df), dtype=np.float64)
        q = stats.t.ppf(0.5 + confidence / 2.0, df)
    return {
        "difference": diff,
        "t": t,
        "df": df,
        "p_value": p,
        "ci_low": diff - q * se,
        "ci_high": diff + q * se,
    }


def welch_test(before: Sequence[float], after: Sequence[float]) -> WelchResult:
    """Welch's t-test of ``after - before``; ``ValueError`` for fewer than 2 values, NaN or
    no variance (formulas in the module notes).

    Examples
    --------
    >>> r = welch_test([5.0, 5.0, 7.5, 2.5], [7.5, 10.0, 7.5, 5.0])
    >>> round(r.difference, 2), round(r.t, 3)
    (2.5, 1.732)
    """
    x1 = np.asarray(before, dtype=np.float64)
    x2 = np.asarray(after, dtype=np.float64)
    if x1.size < 2 or x2.size < 2:
        raise ValueError("Welch's test needs at least 2 values in each wave")
    if np.isnan(x1).any() or np.isnan(x2).any():
        raise ValueError("values contain NaN")
    if x1.var(ddof=1) + x2.var(ddof=1) == 0:
        raise ValueError("no variance in either wave: the test is undefined")

    def one(value: float) -> Array:
        return np.array([float(value)])

    r = welch_arrays(
        one(x1.size),
        one(x1.mean()),
        one(x1.var(ddof=1)),
        one(x2.size),
        one(x2.mean()),
        one(x2.var(ddof=1)),
    )
    return WelchResult(
        *(float(r[k][0]) for k in ("difference", "t", "df", "p_value", "ci_low", "ci_high"))
    )


def proportion_arrays(x1: Array, n1: Array, x2: Array, n2: Array) -> dict[str, Array]:
    """Vectorised pooled two-proportion z-test."""
    with np.errstate(divide="ignore", invalid="ignore"):
        p1, p2 = x1 / n1, x2 / n2
        pooled = (x1 + x2) / (n1 + n2)
        z = (p2 - p1) / np.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
        p = 2.0 * stats.norm.sf(np.abs(z))
    return {"difference": p2 - p1, "z": z, "p_value": p, "pooled": pooled}


def two_proportion_z_test(x1: int, n1: int, x2: int, n2: int) -> ProportionTest:
    """Pooled two-proportion z-test of ``x2/n2 - x1/n1``; ``ValueError`` for impossible
    counts or no variation.

    Examples
    --------
    >>> r = two_proportion_z_test(30, 100, 45, 100)
    >>> round(r.difference, 2), round(r.z, 3), round(r.p_value, 4)
    (0.15, 2.191, 0.0285)
    """
    if n1 < 1 or n2 < 1 or not (0 <= x1 <= n1 and 0 <= x2 <= n2):
        raise ValueError("counts must satisfy 0 <= x <= n and n >= 1")
    if x1 + x2 in (0, n1 + n2):
        raise ValueError("every answer is the same in both waves: the test is undefined")
    r = proportion_arrays(
        np.array([float(x1)]), np.array([float(n1)]), np.array([float(x2)]), np.array([float(n2)])
    )
    return ProportionTest(float(r["difference"][0]), float(r["z"][0]), float(r["p_value"][0]))


def benjamini_hochberg(p_values: Iterable[float]) -> Array:
    """Benjamini-Hochberg adjusted p-values; NaN entries stay NaN and are not counted."""
    p = np.asarray(list(p_values), dtype=np.float64)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    if ok.size == 0:
        return out
    if ((p[ok] < 0) | (p[ok] > 1)).any():
        raise ValueError("p-values must be between 0 and 1")
    order = ok[np.argsort(p[ok], kind="stable")]
    m = ok.size
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    out[order] = np.minimum(adjusted, 1.0)
    return out


def mdc_mean(
    n1: Array, n2: Array, sd_pooled: Array, *, alpha: float = 0.05, power: float = 0.8
) -> Array:
    """Minimum detectable difference in means (t approximation)."""
    df = n1 + n2 - 2.0
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = stats.t.ppf(1.0 - alpha / 2.0, df) + stats.t.ppf(power, df)
        return np.asarray(factor * sd_pooled * np.sqrt(1.0 / n1 + 1.0 / n2), dtype=np.float64)


def mdc_proportion(
    n1: Array, n2: Array, pooled: Array, *, alpha: float = 0.05, power: float = 0.8
) -> Array:
    """Minimum detectable difference in proportions (normal approximation)."""
    factor = stats.norm.ppf(1.0 - alpha / 2.0) + stats.norm.ppf(power)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(
            factor * np.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)), dtype=np.float64
        )


def verdicts(difference: Array, adjusted: Array, alpha: float) -> list[str | None]:
    """``improved`` / ``declined`` / ``no significant change`` (``None`` where untested)."""
    out: list[str | None] = []
    for d, p in zip(difference, adjusted, strict=True):
        if not np.isfinite(p):
            out.append("no significant change" if d == 0 else None)
        elif p < alpha and d > 0:
            out.append("improved")
        elif p < alpha and d < 0:
            out.append("declined")
        else:
            out.append("no significant change")
    return out


@dataclass(frozen=True)
class ChangeReport:
    """Change between two waves: ``table`` (see ``docs/analysis.md``) and notes."""

    table: pl.DataFrame
    compared_items: tuple[str, ...]
    compared_constructs: tuple[str, ...]
    notes: tuple[str, ...] = ()
