"""Confidence intervals: t-based for means, Wilson for proportions.

Formulas
--------
Mean (Student t, ``n >= 2``)::

    mean +/- t_{1 - a/2, n - 1} * s / sqrt(n)

Proportion (Wilson score, ``p = x / n``, ``z = z_{1 - a/2}``)::

    (p + z^2 / 2n +/- z * sqrt(p (1 - p) / n + z^2 / 4n^2)) / (1 + z^2 / n)

The array functions take sufficient statistics (n, sum, sum of squares) so every group of a
wave is computed at once; with survey weights ``n`` is the Kish effective sample size.

Examples
--------
>>> round(wilson_interval(8, 10).ci_low, 4)
0.4902
>>> est = mean_interval([5.0, 7.5, 10.0])
>>> round(est.mean, 2), round(est.ci_low, 2)
(7.5, 1.29)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import stats

__all__ = [
    "MeanEstimate",
    "ProportionEstimate",
    "mean_interval",
    "t_interval_arrays",
    "wilson_arrays",
    "wilson_interval",
]

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class MeanEstimate:
    """A mean with its t-based confidence interval."""

    n: int
    mean: float
    sd: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class ProportionEstimate:
    """A proportion (0..1) with its Wilson confidence interval."""

    n: int
    successes: int
    proportion: float
    ci_low: float
    ci_high: float


def _check_confidence(confidence: float) -> None:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")


def mean_interval(values: Sequence[float], confidence: float = 0.95) -> MeanEstimate:
    """Mean and t interval of ``values``; ``ValueError`` for fewer than 2 values or NaN.

    ``mean +/- t_{(1 + confidence)/2, n - 1} * s / sqrt(n)``

    Examples
    --------
    >>> est = mean_interval([2.5, 5.0, 7.5, 10.0])
    >>> round(est.mean, 2), round(est.ci_low, 2), round(est.ci_high, 2)
    (6.25, 1.11, 11.39)
    """
    _check_confidence(confidence)
    x = np.asarray(values, dtype=np.float64)
    if x.size < 2:
        raise ValueError("a confidence interval needs at least 2 values")
    if np.isnan(x).any():
        raise ValueError("values contain NaN")
    low, high = t_interval_arrays(
        np.array([x.size], dtype=np.float64),
        np.array([x.sum()]),
        np.array([(x * x).sum()]),
        confidence,
    )
    sd = float(x.std(ddof=1))
    return MeanEstimate(int(x.size), float(x.mean()), sd, float(low[0]), float(high[0]))


def t_interval_arrays(
    n: Array, total: Array, total_sq: Array, confidence: float = 0.95
) -> tuple[Array, Array]:
    """Vectorised t intervals from ``n``, ``sum(x)`` and ``sum(x^2)`` (NaN where ``n < 2``)."""
    _check_confidence(confidence)
    n = np.asarray(n, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = total / n
        var = np.maximum(total_sq - n * mean * mean, 0.0) / (n - 1.0)
        se = np.sqrt(var / n)
        df = np.where(n >= 2, n - 1.0, np.nan)
        t = stats.t.ppf(0.5 + confidence / 2.0, df)
        low = np.where(n >= 2, mean - t * se, np.nan)
        high = np.where(n >= 2, mean + t * se, np.nan)
    return low, high


def wilson_arrays(successes: Array, n: Array, confidence: float = 0.95) -> tuple[Array, Array]:
    """Vectorised Wilson score intervals (NaN where ``n == 0``)."""
    _check_confidence(confidence)
    z = float(stats.norm.ppf(0.5 + confidence / 2.0))
    n = np.asarray(n, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = successes / n
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2.0 * n)) / denom
        half = z * np.sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / denom
        low = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
        high = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    return low, high


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> ProportionEstimate:
    """Proportion ``successes / n`` with its Wilson interval; ``ValueError`` if impossible.

    ``(p + z^2/2n +/- z sqrt(p(1 - p)/n + z^2/4n^2)) / (1 + z^2/n)``

    Examples
    --------
    >>> est = wilson_interval(7, 20)
    >>> round(est.proportion, 2), round(est.ci_low, 3), round(est.ci_high, 3)
    (0.35, 0.181, 0.567)
    """
    if n <= 0:
        raise ValueError("a proportion needs n >= 1")
    if not 0 <= successes <= n:
        raise ValueError(f"successes must be between 0 and n ({n}), got {successes}")
    low, high = wilson_arrays(np.array([float(successes)]), np.array([float(n)]), confidence)
    return ProportionEstimate(n, successes, successes / n, float(low[0]), float(high[0]))
