"""Funnel-plot control limits for comparing ICSs of different sizes.

Funnel plots follow Spiegelhalter, D. J. (2005) "Funnel plots for comparing institutional
performance", *Statistics in Medicine* 24(8):1185-1202: a target ``theta`` (the England
value), and limits around it as a function of each unit's size ``n`` at two levels, 95%
(about 2 standard errors) and 99.8% (about 3), with ``z = z_{1 - (1 - level)/2}``.

Means (normal approximation, ``sigma`` the respondent-level standard deviation in England)::

    theta +/- z * sigma / sqrt(n)

Proportions use the method of the Public Health England / OHID Fingertips technical guidance
(implemented in the ``PHEindicatormethods`` R package): the limit is the observed proportion
whose Wilson score interval just reaches the target. With ``A = theta (1 + z^2/n) - z^2/2n``,
the limits are the roots of::

    (1 + z^2/n) p^2 - (2A + z^2/n) p + (A^2 - z^4 / 4n^2) = 0

clipped to [0, 1] (lower root: lower limit; upper root: upper limit).

Examples
--------
>>> low, high = funnel_limits_proportion(0.80642448, [20], level=0.95)
>>> round(float(low[0]) * 100, 4), round(float(high[0]) * 100, 4)
(63.3267, 97.9582)
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import stats

__all__ = ["FUNNEL_LEVELS", "funnel_flag", "funnel_limits_mean", "funnel_limits_proportion"]

FUNNEL_LEVELS = (0.95, 0.998)
Array = npt.NDArray[np.float64]


def _z(level: float) -> float:
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    return float(stats.norm.ppf(1.0 - (1.0 - level) / 2.0))


def _sizes(n: npt.ArrayLike) -> Array:
    sizes = np.asarray(n, dtype=np.float64)
    if (sizes <= 0).any() or np.isnan(sizes).any():
        raise ValueError("funnel limits need every n >= 1")
    return sizes


def funnel_limits_mean(
    target: float, sd: float, n: npt.ArrayLike, *, level: float = 0.95
) -> tuple[Array, Array]:
    """Lower and upper control limits for a mean at sizes ``n``: ``theta +/- z sigma/sqrt(n)``.

    Examples
    --------
    >>> low, high = funnel_limits_mean(6.0, 2.0, [16, 100], level=0.998)
    >>> [round(float(x), 3) for x in low]
    [4.455, 5.382]
    """
    if not np.isfinite(target) or not np.isfinite(sd) or sd < 0:
        raise ValueError("target and sd must be finite, sd >= 0")
    half = _z(level) * sd / np.sqrt(_sizes(n))
    return target - half, target + half


def funnel_limits_proportion(
    target: float, n: npt.ArrayLike, *, level: float = 0.95
) -> tuple[Array, Array]:
    """Lower and upper control limits (0..1) for a proportion at sizes ``n``."""
    if not 0.0 <= target <= 1.0:
        raise ValueError(f"target proportion must be between 0 and 1, got {target}")
    z2n = _z(level) ** 2 / _sizes(n)
    a = target * (1.0 + z2n) - z2n / 2.0
    qa = 1.0 + z2n
    qb = 2.0 * a + z2n
    qc = a * a - (z2n / 2.0) ** 2
    root = np.sqrt(np.maximum(qb * qb - 4.0 * qa * qc, 0.0))
    low = (qb - root) / (2.0 * qa)
    high = (qb + root) / (2.0 * qa)
    return np.clip(low, 0.0, 1.0), np.clip(high, 0.0, 1.0)


def funnel_flag(
    value: Array, low95: Array, high95: Array, low998: Array, high998: Array
) -> list[str | None]:
    """Where each value lies: ``above_99.8``, ``above_95``, ``within``, ``below_95``,
    ``below_99.8`` (``None`` where the value is missing)."""
    out: list[str | None] = []
    for v, l1, h1, l2, h2 in zip(value, low95, high95, low998, high998, strict=True):
        if v is None or not np.isfinite(v):
            out.append(None)
        elif v > h2:
            out.append("above_99.8")
        elif v > h1:
            out.append("above_95")
        elif v < l2:
            out.append("below_99.8")
        elif v < l1:
            out.append("below_95")
        else:
            out.append("within")
    return out
