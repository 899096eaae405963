"""Build the change report between two waves (statistics in :mod:`pulse.analysis.change`).

Examples
--------
>>> import polars as pl
>>> from pulse.analysis.meta import InstrumentMeta, Item
>>> meta = InstrumentMeta(items=(Item("q1", "q1", "Q1", principle="P1"),))
>>> before = pl.DataFrame({"response_id": [f"b{i}" for i in range(40)], "q1": [2, 3] * 20})
>>> after = pl.DataFrame({"response_id": [f"a{i}" for i in range(40)], "q1": [4, 5] * 20})
>>> report = compare_waves(before, meta, after, meta, breakdowns=[])
>>> report.table.filter(pl.col("key") == "P1")["verdict"].to_list()
['improved']
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
import polars as pl

from pulse.analysis.change import (
    ChangeReport,
    benjamini_hochberg,
    mdc_mean,
    mdc_proportion,
    proportion_arrays,
    verdicts,
    welch_arrays,
)
from pulse.analysis.engine import MIN_K, WaveComputation, compute_wave
from pulse.analysis.groups import BreakdownSpec, default_breakdowns, group_id
from pulse.analysis.meta import InstrumentMeta
from pulse.analysis.tables import group_columns

__all__ = ["compare_waves"]

Array = npt.NDArray[np.float64]
_KINDS = frozenset({"constructs", "items"})


def _restrict(frame: pl.DataFrame, meta: InstrumentMeta, keep: set[str]) -> pl.DataFrame:
    drop = [i.key for i in meta.items if i.key not in keep and i.key in frame.columns]
    return frame.drop(drop)


def _common_meta(
    before: InstrumentMeta, after: InstrumentMeta
) -> tuple[InstrumentMeta, InstrumentMeta, set[str]]:
    common = {i.key for i in before.items} & {i.key for i in after.items}
    if not common:
        raise ValueError("the two waves have no question keys in common")
    return before.restricted_to(common), after.restricted_to(common), common


def _comparable_families(mb: InstrumentMeta, ma: InstrumentMeta) -> list[tuple[str, str, str]]:
    """(family key, kind, subject) for constructs built alike in both, and common items."""
    cb = {c.key: (c.item_keys, c.components) for c in mb.constructs}
    out: list[tuple[str, str, str]] = []
    for c in ma.constructs:
        if (
            c.key in cb
            and set(cb[c.key][0]) == set(c.item_keys)
            and set(cb[c.key][1]) == set(c.components)
        ):
            out.append((f"construct:{c.key}", "construct", c.key))
    out += [(f"item:{i.key}", "item", i.key) for i in ma.items]
    return out


def _side(comp: WaveComputation, fam: str, idx: npt.NDArray[np.int64]) -> dict[str, Array]:
    s = comp.stats
    n = s[f"{fam}|n"][idx]
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = s[f"{fam}|sum"][idx] / n
        var = np.maximum(s[f"{fam}|ss"][idx] - n * mean * mean, 0.0) / (n - 1.0)
    return {"n": n, "mean": mean, "var": var, "pos": s[f"{fam}|pos"][idx]}


def _reason(rb: str | None, ra: str | None) -> str | None:
    if rb is not None:
        return f"before_{rb}"
    if ra is not None:
        return f"after_{ra}"
    return None


def _family_rows(
    cb: WaveComputation,
    ca: WaveComputation,
    fam: tuple[str, str, str],
    pairs: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]],
    base: pl.DataFrame,
) -> pl.DataFrame:
    key, kind, subject = fam
    ib, ia = pairs
    b, a = _side(cb, key, ib), _side(ca, key, ia)
    welch = welch_arrays(b["n"], b["mean"], b["var"], a["n"], a["mean"], a["var"])
    prop = proportion_arrays(b["pos"], b["n"], a["pos"], a["n"])
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled_sd = np.sqrt(
            ((b["n"] - 1) * b["var"] + (a["n"] - 1) * a["var"]) / (b["n"] + a["n"] - 2)
        )
    reasons = [
        _reason(cb.family_reasons[key][i], ca.family_reasons[key][j])
        for i, j in zip(ib, ia, strict=True)
    ]
    with np.errstate(divide="ignore", invalid="ignore"):
        pct_b, pct_a = b["pos"] / b["n"] * 100.0, a["pos"] / a["n"] * 100.0
    rows: pl.DataFrame = base[ia.tolist()]
    return rows.with_columns(
        pl.lit(kind).alias("kind"),
        pl.lit(subject).alias("key"),
        pl.Series("n_before", b["n"]),
        pl.Series("n_after", a["n"]),
        pl.Series("mean_before", b["mean"]),
        pl.Series("mean_after", a["mean"]),
        pl.Series("change", welch["difference"]),
        pl.Series("change_ci_low", welch["ci_low"]),
        pl.Series("change_ci_high", welch["ci_high"]),
        pl.Series("t", welch["t"]),
        pl.Series("df", welch["df"]),
        pl.Series("p_value", welch["p_value"]),
        pl.Series("mdc", mdc_mean(b["n"], a["n"], pooled_sd)),
        pl.Series("pct_positive_before", pct_b),
        pl.Series("pct_positive_after", pct_a),
        pl.Series("pct_change", prop["difference"] * 100.0),
        pl.Series("z", prop["z"]),
        pl.Series("p_value_pct", prop["p_value"]),
        pl.Series("mdc_pct", mdc_proportion(b["n"], a["n"], prop["pooled"]) * 100.0),
        pl.Series("reason", reasons, dtype=pl.String),
    )


_NUMBERS = [
    "n_before",
    "n_after",
    "mean_before",
    "mean_after",
    "change",
    "change_ci_low",
    "change_ci_high",
    "t",
    "df",
    "p_value",
    "mdc",
    "pct_positive_before",
    "pct_positive_after",
    "pct_change",
    "z",
    "p_value_pct",
    "mdc_pct",
]


def _adjust(table: pl.DataFrame, alpha: float) -> pl.DataFrame:
    published = table.get_column("reason").is_null().to_numpy()
    p = np.where(published, table.get_column("p_value").fill_null(np.nan).to_numpy(), np.nan)
    q = np.where(published, table.get_column("p_value_pct").fill_null(np.nan).to_numpy(), np.nan)
    adjusted = benjamini_hochberg(np.concatenate([p, q]))
    pa, qa = adjusted[: len(p)], adjusted[len(p) :]
    change = table.get_column("change").fill_null(np.nan).to_numpy()
    pct_change = table.get_column("pct_change").fill_null(np.nan).to_numpy()
    v = verdicts(change, pa, alpha)
    vp = verdicts(pct_change, qa, alpha)
    return table.with_columns(
        pl.Series("p_adjusted", pa),
        pl.Series(
            "verdict",
            [x if ok else None for x, ok in zip(v, published, strict=True)],
            dtype=pl.String,
        ),
        pl.Series("p_adjusted_pct", qa),
        pl.Series(
            "verdict_pct_positive",
            [x if ok else None for x, ok in zip(vp, published, strict=True)],
            dtype=pl.String,
        ),
    )


def _finish(table: pl.DataFrame) -> pl.DataFrame:
    published = pl.col("reason").is_null()
    blank = [
        pl.when(published).then(pl.col(c).fill_nan(None)).otherwise(None).alias(c)
        for c in [*_NUMBERS, "p_adjusted", "p_adjusted_pct"]
    ]
    out = table.with_columns(blank).with_columns(
        pl.col("n_before").cast(pl.Int64),
        pl.col("n_after").cast(pl.Int64),
        (~published).alias("suppressed"),
    )
    ordered = [c for c in out.columns if c not in ("suppressed", "reason")]
    return out.select(*ordered, "suppressed", "reason")


def _matched_groups(
    cb: WaveComputation, ca: WaveComputation
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Indices (before, after) of the groups present in both plans, matched by group id."""
    ids_b = {group_id(g.key): i for i, g in enumerate(cb.plan.groups)}
    matched = [
        (ids_b[group_id(g.key)], j)
        for j, g in enumerate(ca.plan.groups)
        if group_id(g.key) in ids_b
    ]
    return (
        np.array([m[0] for m in matched], dtype=np.int64),
        np.array([m[1] for m in matched], dtype=np.int64),
    )


def compare_waves(
    before: pl.DataFrame,
    before_meta: InstrumentMeta,
    after: pl.DataFrame,
    after_meta: InstrumentMeta,
    *,
    breakdowns: Iterable[BreakdownSpec] | None = None,
    k: int = MIN_K,
    alpha: float = 0.05,
) -> ChangeReport:
    """Compare every common construct and item, in every group published in both waves.

    Pass the breakdown list the waves were published with, so that a group hidden in either
    wave's own publication is hidden here too.

    Returns a :class:`~pulse.analysis.change.ChangeReport` whose ``table`` has the group
    columns, ``kind``, ``key``, both waves' ``n``, means and % positive, ``change`` with its
    CI, ``t``, ``df``, ``p_value``, ``p_adjusted``, ``mdc``, ``verdict``, the same for % positive
    (``pct_change``, ``z``, ``p_value_pct``, ``p_adjusted_pct``, ``mdc_pct``,
    ``verdict_pct_positive``), and ``suppressed`` / ``reason`` (``before_<reason>`` or
    ``after_<reason>`` when either wave's cell is hidden).
    """
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    mb, ma, common = _common_meta(before_meta, after_meta)
    shared_dims = {d.key for d in mb.dimensions} & {d.key for d in ma.dimensions}
    if breakdowns is None:
        chosen: tuple[BreakdownSpec, ...] = tuple(
            b for b in default_breakdowns(ma) if set(b) <= shared_dims
        )
    else:
        chosen = tuple(breakdowns)
    cb = compute_wave(
        _restrict(before, before_meta, common), mb, breakdowns=chosen, k=k, include=_KINDS
    )
    ca = compute_wave(
        _restrict(after, after_meta, common), ma, breakdowns=chosen, k=k, include=_KINDS
    )
    pairs = _matched_groups(cb, ca)
    families = _comparable_families(mb, ma)
    base = group_columns(ca)
    table = pl.concat(
        [_family_rows(cb, ca, fam, pairs, base) for fam in families], how="vertical_relaxed"
    )
    table = _finish(_adjust(table, alpha))
    notes = []
    skipped = sorted(
        {c.key for c in ma.constructs} - {f[2] for f in families if f[1] == "construct"}
    )
    if skipped:
        notes.append(f"constructs not comparable (different items in the two versions): {skipped}")
    return ChangeReport(
        table=table,
        compared_items=tuple(sorted(common)),
        compared_constructs=tuple(f[2] for f in families if f[1] == "construct"),
        notes=tuple(notes),
    )
