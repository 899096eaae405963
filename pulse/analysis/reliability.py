"""Scale reliability: Cronbach's alpha with a Feldt interval, and item-rest correlations.

Formulas
--------
For ``n`` complete respondents and ``k`` items with sample variances ``s_i^2`` and total-score
variance ``s_X^2`` (``ddof = 1``)::

    alpha = k / (k - 1) * (1 - sum(s_i^2) / s_X^2)

Feldt, Woodruff & Salih (1987), with ``F_q`` the ``q`` quantile of ``F(n - 1, (n - 1)(k - 1))``
and confidence ``1 - c``::

    lower = 1 - (1 - alpha) * F_{1 - c/2}        upper = 1 - (1 - alpha) * F_{c/2}

Item-rest correlation: Pearson correlation of an item with the sum of the other items.
Constructs with ``alpha < 0.7`` are flagged.

Which items: respondents with a scored answer to every item (listwise deletion). For a
construct that mixes plain and layer-grid items (a principle), each layer-grid question counts
as one item, the respondent's mean over the layers they answered, so people at any layers
can be complete. ``involvement_<layer>`` uses that layer's grid items, for people at that
layer. The involvement index has no items of its own and is not assessed.

Examples
--------
>>> import numpy as np
>>> r = cronbach_alpha(np.array([[1.0, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 5]]))
>>> round(r.alpha, 3), r.below_threshold
(0.982, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy import stats

from pulse.analysis.meta import Construct, InstrumentMeta
from pulse.analysis.scoring import item_column

__all__ = [
    "ALPHA_THRESHOLD",
    "ReliabilityResult",
    "construct_items",
    "cronbach_alpha",
    "reliability_tables",
]

ALPHA_THRESHOLD = 0.7


@dataclass(frozen=True)
class ReliabilityResult:
    """Alpha, its interval and item-rest correlations, or ``reason`` why none can be given.

    ``reason`` is ``None``, ``"too_few_items"``, ``"too_few_respondents"`` or
    ``"no_variance"`` (every respondent gave the same total, e.g. constant answers).
    """

    n: int
    n_items: int
    alpha: float | None
    ci_low: float | None
    ci_high: float | None
    below_threshold: bool | None
    item_rest: tuple[float | None, ...]
    reason: str | None = None


def _empty(n: int, k: int, reason: str) -> ReliabilityResult:
    return ReliabilityResult(n, k, None, None, None, None, (None,) * k, reason)


def _item_rest(cov: npt.NDArray[np.float64]) -> tuple[float | None, ...]:
    """corr(x_i, T - x_i) from the covariance matrix, with T the total score."""
    var = np.diag(cov)
    cov_total = cov.sum(axis=1)
    var_rest = cov.sum() - 2.0 * cov_total + var
    out: list[float | None] = []
    for i in range(cov.shape[0]):
        if var[i] <= 0 or var_rest[i] <= 1e-12:
            out.append(None)
        else:
            out.append(float((cov_total[i] - var[i]) / np.sqrt(var[i] * var_rest[i])))
    return tuple(out)


def cronbach_alpha(
    matrix: npt.ArrayLike, *, confidence: float = 0.95, min_n: int = 2
) -> ReliabilityResult:
    """Cronbach's alpha of a complete ``respondents x items`` matrix.

    Raises ``ValueError`` for NaN or a non-2-D matrix; too few items or respondents and
    zero total variance give a result whose ``reason`` says why.
    """
    x = np.asarray(matrix, dtype=np.float64)
    if x.ndim != 2:
        raise ValueError("expected a respondents x items matrix")
    if np.isnan(x).any():
        raise ValueError("the matrix contains NaN: pass complete cases only")
    n, k = x.shape
    if k < 2:
        return _empty(n, k, "too_few_items")
    if n < max(min_n, 2):
        return _empty(n, k, "too_few_respondents")
    cov = np.atleast_2d(np.cov(x, rowvar=False))
    total_var = float(cov.sum())
    if total_var <= 1e-12:
        return _empty(n, k, "no_variance")
    alpha = k / (k - 1) * (1.0 - float(np.trace(cov)) / total_var)
    df1, df2 = n - 1, (n - 1) * (k - 1)
    c = 1.0 - confidence
    low = 1.0 - (1.0 - alpha) * stats.f.ppf(1.0 - c / 2.0, df1, df2)
    high = 1.0 - (1.0 - alpha) * stats.f.ppf(c / 2.0, df1, df2)
    return ReliabilityResult(
        n, k, float(alpha), float(low), float(high), bool(alpha < ALPHA_THRESHOLD), _item_rest(cov)
    )


def construct_items(construct: Construct, meta: InstrumentMeta) -> list[tuple[str, pl.Expr]]:
    """(label, expression) of each reliability item of ``construct`` (see module notes)."""
    plain: list[tuple[str, pl.Expr]] = []
    grids: dict[str, list[str]] = {}
    for key in construct.item_keys:
        item = meta.item(key)
        if item.layer is None or construct.kind == "layer_involvement":
            plain.append((key, pl.col(item_column(key))))
        else:
            grids.setdefault(item.question_key, []).append(key)
    for question, keys in grids.items():
        plain.append((question, pl.mean_horizontal([pl.col(item_column(k)) for k in keys])))
    return plain


def reliability_tables(
    scored: pl.DataFrame, meta: InstrumentMeta, *, min_n: int, skip: Sequence[str] = ()
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(reliability, item_rest) tables for every construct of a scored frame."""
    rows: list[dict[str, object]] = []
    rest_rows: list[dict[str, object]] = []
    for construct in meta.constructs:
        if construct.kind == "index" or construct.key in skip:
            continue
        items = construct_items(construct, meta)
        labels = [label for label, _ in items]
        data = scored.select([e.alias(label) for label, e in items]).drop_nulls()
        result = cronbach_alpha(data.to_numpy() if labels else np.empty((0, 0)), min_n=min_n)
        rows.append(
            {
                "construct": construct.key,
                "n": result.n,
                "n_items": result.n_items,
                "alpha": result.alpha,
                "ci_low": result.ci_low,
                "ci_high": result.ci_high,
                "below_0_7": result.below_threshold,
                "reason": result.reason,
            }
        )
        shown = result.reason is None
        for label, r in zip(labels, result.item_rest, strict=True):
            rest_rows.append(
                {"construct": construct.key, "item": label, "item_rest_r": r if shown else None}
            )
    schema = {
        "construct": pl.String,
        "n": pl.Int64,
        "n_items": pl.Int64,
        "alpha": pl.Float64,
        "ci_low": pl.Float64,
        "ci_high": pl.Float64,
        "below_0_7": pl.Boolean,
        "reason": pl.String,
    }
    rest_schema = {"construct": pl.String, "item": pl.String, "item_rest_r": pl.Float64}
    return pl.DataFrame(rows, schema=schema), pl.DataFrame(rest_rows, schema=rest_schema)
