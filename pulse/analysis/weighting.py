"""Optional post-stratification weights to the participant-list profile.

Respondents are weighted so that, among respondents who gave their profession group (or
another single-valued dimension), each group's share of the total weight equals its share of
the participant list:

    weight(r) = n_known * share_c / n_c     for a respondent r in category c

where ``n_known`` is the number of respondents with a known category, ``share_c`` the
category's share of the participant list and ``n_c`` its number of respondents. Respondents
who did not give the category keep weight 1. Weighted estimates are means and proportions
with these weights; their intervals use the Kish effective sample size
``n_eff = (sum w)^2 / sum w^2``. The unweighted ``n`` is always reported beside them, and
disclosure control always counts people, never weights.

Examples
--------
>>> import polars as pl
>>> from pulse.analysis.meta import Dimension, InstrumentMeta, Item, Option
>>> meta = InstrumentMeta(
...     items=(Item("q", "q", "Q"),),
...     dimensions=(Dimension("profession_group", "Profession",
...                           (Option("nursing", "Nursing"), Option("medical", "Medical"))),),
... )
>>> frame = pl.DataFrame({"response_id": ["a", "b", "c"], "q": [4, 5, 2],
...                       "profession_group": ["nursing", "nursing", "medical"]})
>>> w = post_stratification_weights(frame, meta, {"nursing": 50, "medical": 50})
>>> w.table["weight"].to_list()
[0.75, 0.75, 1.5]
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from pulse.analysis.frame import validate_frame
from pulse.analysis.meta import InstrumentMeta

__all__ = ["Weights", "post_stratification_weights"]


@dataclass(frozen=True)
class Weights:
    """Respondent weights (``table``: ``response_id``, ``weight``) and how they were made."""

    dimension: str
    table: pl.DataFrame
    target_shares: Mapping[str, float]
    sample_counts: Mapping[str, int]
    notes: tuple[str, ...] = ()


def _shares(target: Mapping[str, float], codes: tuple[str, ...]) -> dict[str, float]:
    unknown = sorted(set(target) - set(codes))
    if unknown:
        raise ValueError(f"weighting target has unknown categories {unknown}")
    for code, value in target.items():
        if not isinstance(value, int | float) or math.isnan(value) or value < 0:
            raise ValueError(f"weighting target for {code!r} must be a count >= 0, got {value!r}")
    total = float(sum(target.values()))
    if total <= 0:
        raise ValueError("weighting target is empty")
    return {c: float(v) / total for c, v in target.items()}


def post_stratification_weights(
    frame: pl.DataFrame,
    meta: InstrumentMeta,
    target: Mapping[str, float],
    *,
    dimension: str = "profession_group",
) -> Weights:
    """Weights matching the respondents' ``dimension`` profile to ``target`` counts or shares.

    Raises
    ------
    ValueError
        Unknown or multi-valued dimension, unknown categories, negative or NaN targets, or
        respondents in a category the participant list does not have.
    """
    dim = meta.dimension(dimension)
    if dim is None or dim.multi_valued:
        raise ValueError(f"cannot weight by {dimension!r}: not a single-valued dimension")
    valid = validate_frame(frame, meta)
    shares = _shares(target, dim.codes)
    counts = dict(valid.group_by(dimension).len().drop_nulls(dimension).iter_rows())
    orphan = sorted(c for c in counts if shares.get(c, 0.0) == 0.0)
    if orphan:
        raise ValueError(f"respondents in {orphan} but the participant list has none there")
    notes: list[str] = []
    missing = sorted(c for c, s in shares.items() if s > 0 and c not in counts)
    if missing:
        notes.append(f"no respondents in {missing}: their share is spread over the others")
        kept = {c: s for c, s in shares.items() if c in counts}
        total = sum(kept.values())
        shares = {c: s / total for c, s in kept.items()}
    n_known = sum(counts.values())
    factors = {c: n_known * shares[c] / counts[c] for c in counts}
    weight = (
        pl.col(dimension)
        .replace_strict(factors, default=1.0, return_dtype=pl.Float64)
        .fill_null(1.0)
        .alias("weight")
    )
    table = valid.select("response_id", weight)
    return Weights(dimension, table, shares, {c: int(n) for c, n in counts.items()}, tuple(notes))
