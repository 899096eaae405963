"""Benchmarks between ICSs: England value, quartiles, quartile bands and funnel limits.

Input: a national frame with an ``ics_code`` column and one comparable wave per ICS (same
instrument keys). The frame is published with the breakdown ``ics_code`` (so disclosure
control is exactly that of a national publication by ICS); then, for each construct and item:

* only when at least ``min_icss`` (5) ICSs have a published result is anything shown;
* England mean / % positive: over every respondent in the frame (the overall group);
* quartiles (linear interpolation, as ``numpy.percentile``) of the published ICS values;
  ``quartile_band`` 1 (lowest quarter, value <= Q1) .. 4 (value > Q3);
* funnel limits at each ICS's ``n`` (95% and 99.8%, :mod:`pulse.analysis.funnel`) around the
  England value, and a flag saying where the ICS lies.

``may_be_named`` records consent; :meth:`BenchmarkReport.for_viewer` hides the codes of other
ICSs that did not consent (national and regional analysts see every name).

Examples
--------
>>> import polars as pl
>>> from pulse.analysis.meta import InstrumentMeta, Item
>>> meta = InstrumentMeta(items=(Item("q1", "q1", "Q1", principle="P1"),))
>>> rows = [(f"r{i}", f"ICS{i % 6}", 1 + (i * 7) % 5) for i in range(300)]
>>> frame = pl.DataFrame(rows, schema=["response_id", "ics_code", "q1"], orient="row")
>>> report = benchmark_icss(frame, meta, consented={"ICS1"})
>>> report.summary.filter(pl.col("key") == "P1")["n_icss"].to_list()
[6]
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
import polars as pl

from pulse.analysis.engine import MIN_K, WaveComputation, compute_wave
from pulse.analysis.funnel import funnel_flag, funnel_limits_mean, funnel_limits_proportion
from pulse.analysis.groups import BreakdownSpec
from pulse.analysis.meta import ICS_DIMENSION, InstrumentMeta
from pulse.analysis.tables import distribution_table

__all__ = ["MIN_ICSS", "BenchmarkReport", "benchmark_icss"]

MIN_ICSS = 5
Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class BenchmarkReport:
    """Benchmark tables: ``scores`` (statistic x ICS), ``summary`` (statistic) and
    ``distributions`` (item x answer x ICS). See ``docs/analysis.md`` for the columns."""

    k: int
    scores: pl.DataFrame
    summary: pl.DataFrame
    distributions: pl.DataFrame

    def for_viewer(
        self, *, viewer_ics: str | None = None, sees_names: bool = False
    ) -> BenchmarkReport:
        """Copy for one viewer: other ICSs that did not consent lose their code.

        Rows are re-sorted by value so their order does not give the codes away. The size
        ``n`` of an unnamed ICS is still shown (funnel plots need it); presenters should
        not add anything else that could tell unnamed ICSs apart.
        """
        if sees_names:
            return self
        named = pl.col("may_be_named") | (pl.col("ics_code") == pl.lit(viewer_ics))
        mask = pl.when(named.fill_null(False)).then(pl.col("ics_code")).otherwise(None)
        scores = self.scores.with_columns(mask.alias("ics_code")).sort(
            "key", "mean", nulls_last=True
        )
        # re-sorted by value so that row order does not reveal the hidden codes
        dist = self.distributions.with_columns(mask.alias("ics_code")).sort(
            "item", "answer", "pct", nulls_last=True
        )
        return replace(self, scores=scores, distributions=dist)


def _ics_rows(comp: WaveComputation) -> tuple[npt.NDArray[np.int64], list[str]]:
    idx = [
        i
        for i, g in enumerate(comp.plan.groups)
        if len(g.key) == 1 and g.key[0][0] == ICS_DIMENSION
    ]
    return np.array(idx, dtype=np.int64), [comp.plan.groups[i].key[0][1] for i in idx]


def _quartile_band(values: Array, q: Array) -> list[int | None]:
    out: list[int | None] = []
    for v in values:
        out.append(None if not np.isfinite(v) else 1 + int(np.searchsorted(q, v, side="left")))
    return out


def _funnel_columns(
    prefix: str, values: Array, n: Array, target: float, sd: float | None
) -> dict[str, object]:
    """Limits at both levels around ``target`` (a proportion when ``sd`` is None) and flags."""
    cols: dict[str, object] = {}
    bounds: list[Array] = []
    for level, name in ((0.95, "95"), (0.998, "99_8")):
        if sd is None:
            low, high = funnel_limits_proportion(target, n, level=level)
            low, high = low * 100.0, high * 100.0
        else:
            low, high = funnel_limits_mean(target, sd, n, level=level)
        cols[f"{prefix}lower_{name}"], cols[f"{prefix}upper_{name}"] = low, high
        bounds += [low, high]
    cols[f"{prefix}flag"] = funnel_flag(values, *bounds)
    return cols


def _summary(
    kind: str, subject: str, published: npt.NDArray[np.bool_], england: dict[str, float], q: Array
) -> dict[str, object]:
    enough = bool(england)
    return {
        "kind": kind,
        "key": subject,
        "n_icss": int(published.sum()),
        "england_n": int(england["n"]) if enough else None,
        "england_mean": england.get("mean"),
        "england_sd": england.get("sd"),
        "england_pct_positive": england["pct"] * 100 if enough else None,
        "q1": float(q[0]) if enough else None,
        "median": float(q[1]) if enough else None,
        "q3": float(q[2]) if enough else None,
        "reason": None if enough else "fewer_than_5_icss",
    }


def _one_statistic(
    comp: WaveComputation,
    fam: str,
    kind: str,
    subject: str,
    consented: Collection[str],
    min_icss: int,
) -> tuple[pl.DataFrame, dict[str, object]]:
    s = comp.stats
    idx, codes = _ics_rows(comp)
    n = s[f"{fam}|n"]
    with np.errstate(divide="ignore", invalid="ignore"):
        mean, pct = s[f"{fam}|sum"] / n, s[f"{fam}|pos"] / n
        var0 = (s[f"{fam}|ss"][0] - n[0] * mean[0] ** 2) / (n[0] - 1.0)
    reasons = [comp.family_reasons[fam][i] for i in idx]
    published = np.array([r is None for r in reasons], dtype=bool)
    england: dict[str, float] = {}
    if int(published.sum()) >= min_icss and comp.family_reasons[fam][0] is None:
        england = {
            "n": float(n[0]),
            "mean": float(mean[0]),
            "sd": float(np.sqrt(max(var0, 0.0))),
            "pct": float(np.clip(pct[0], 0, 1)),
        }
    else:
        reasons = [r if r is not None else "fewer_than_5_icss" for r in reasons]
        published[:] = False
    vals = np.where(published, mean[idx], np.nan)
    pvals = np.where(published, pct[idx], np.nan) * 100.0
    q = np.percentile(vals[published], [25, 50, 75]) if england else np.full(3, np.nan)
    n_i = np.maximum(n[idx], 1.0)
    sd = england.get("sd", 0.0)
    columns: dict[str, object] = {
        "kind": [kind] * len(idx),
        "key": [subject] * len(idx),
        "ics_code": codes,
        "may_be_named": [c in consented for c in codes],
        "n": np.where(published, n[idx], np.nan),
        "mean": vals,
        "pct_positive": pvals,
        "quartile_band": _quartile_band(vals, q),
        "england_mean": [england.get("mean")] * len(idx),
        **_funnel_columns("funnel_", vals, n_i, england.get("mean", 0.0), sd),
        **_funnel_columns("pct_funnel_", pvals, n_i, england.get("pct", 0.0), None),
        "reason": pl.Series(reasons, dtype=pl.String),
    }
    return pl.DataFrame(columns, strict=False), _summary(kind, subject, published, england, q)


_BLANK = [
    "n",
    "mean",
    "pct_positive",
    "quartile_band",
    "funnel_lower_95",
    "funnel_upper_95",
    "funnel_lower_99_8",
    "funnel_upper_99_8",
    "funnel_flag",
    "pct_funnel_lower_95",
    "pct_funnel_upper_95",
    "pct_funnel_lower_99_8",
    "pct_funnel_upper_99_8",
    "pct_funnel_flag",
]


def _finish(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    published = pl.col("reason").is_null()
    exprs = []
    for c in columns:
        value = pl.col(c).fill_nan(None) if frame.schema[c].is_float() else pl.col(c)
        exprs.append(pl.when(published).then(value).otherwise(None).alias(c))
    out = frame.with_columns(exprs).with_columns((~published).alias("suppressed"))
    if "n" in out.columns:
        out = out.with_columns(pl.col("n").cast(pl.Int64))
    ordered = [c for c in out.columns if c not in ("suppressed", "reason")]
    return out.select(*ordered, "suppressed", "reason")


def _distributions(
    comp: WaveComputation, consented: Collection[str], min_icss: int, enough: set[str]
) -> pl.DataFrame:
    dist = distribution_table(comp)
    if dist.is_empty():
        return dist
    england = dist.filter(pl.col("group_id") == "all").select(
        "item", "answer", pl.col("pct").alias("england_pct")
    )
    ics = dist.filter(
        pl.col("dimension_1") == ICS_DIMENSION, pl.col("dimension_2").is_null()
    ).select(
        "question_key",
        "item",
        "layer",
        "answer",
        "answer_label",
        pl.col("value_1").alias("ics_code"),
        "base_n",
        "pct",
        "reason",
    )
    out = ics.join(england, on=["item", "answer"], how="left").with_columns(
        pl.col("ics_code").is_in(list(consented)).alias("may_be_named"),
        pl.when(pl.col("reason").is_null() & ~pl.col("item").is_in(list(enough)))
        .then(pl.lit("fewer_than_5_icss"))
        .otherwise(pl.col("reason"))
        .alias("reason"),
    )
    return _add_pct_funnel(out)


def _add_pct_funnel(out: pl.DataFrame) -> pl.DataFrame:
    target = (out.get_column("england_pct").fill_null(0.0).to_numpy() / 100.0).clip(0, 1)
    n = np.maximum(out.get_column("base_n").fill_null(1).to_numpy().astype(np.float64), 1.0)
    cols = {}
    for lvl, name in ((0.95, "95"), (0.998, "99_8")):
        low, high = _prop_limits_vector(target, n, lvl)
        cols[f"funnel_lower_{name}"], cols[f"funnel_upper_{name}"] = low * 100, high * 100
    pct = out.get_column("pct").fill_null(np.nan).to_numpy()
    flag = funnel_flag(
        pct,
        cols["funnel_lower_95"],
        cols["funnel_upper_95"],
        cols["funnel_lower_99_8"],
        cols["funnel_upper_99_8"],
    )
    out = out.with_columns(
        *(pl.Series(k, v) for k, v in cols.items()), pl.Series("funnel_flag", flag, dtype=pl.String)
    )
    return _finish(out, ["base_n", "pct", *cols, "funnel_flag"])


def _prop_limits_vector(target: Array, n: Array, level: float) -> tuple[Array, Array]:
    """Proportion funnel limits where the target differs per row."""
    low, high = np.empty_like(n), np.empty_like(n)
    for t in np.unique(target):
        rows = target == t
        low[rows], high[rows] = funnel_limits_proportion(float(t), n[rows], level=level)
    return low, high


def benchmark_icss(
    frame: pl.DataFrame,
    meta: InstrumentMeta,
    *,
    k: int = MIN_K,
    consented: Collection[str] = (),
    min_icss: int = MIN_ICSS,
    include: Iterable[str] = ("constructs", "items"),
    breakdowns: Iterable[BreakdownSpec] = (ICS_DIMENSION,),
) -> BenchmarkReport:
    """Benchmark every construct and item across the ICSs of a national frame.

    ``breakdowns`` must include ``"ics_code"``. Pass the national publication's own list
    (for example ``[("ics_code", "profession_group")]``) so that every ICS value is hidden
    or shown exactly as in that publication: two publications of the same people with
    different breakdowns could otherwise be combined.
    """
    if ICS_DIMENSION not in frame.columns:
        raise ValueError("benchmarks need an 'ics_code' column")
    if min_icss < MIN_ICSS:
        raise ValueError(f"min_icss must be at least {MIN_ICSS}")
    chosen = list(breakdowns)
    if not any(ICS_DIMENSION in ((b,) if isinstance(b, str) else tuple(b)) for b in chosen):
        raise ValueError("benchmark breakdowns must include 'ics_code'")
    comp = compute_wave(frame, meta, breakdowns=chosen, k=k, include=include)
    frames, summaries = [], []
    for fam in comp.families:
        if fam.kind in ("construct", "item"):
            f, s = _one_statistic(comp, fam.key, fam.kind, fam.subject, consented, min_icss)
            frames.append(f)
            summaries.append(s)
    if not frames:
        raise ValueError("nothing to benchmark: include constructs or items")
    scores = _finish(pl.concat(frames, how="vertical_relaxed"), _BLANK)
    summary = pl.DataFrame(summaries).with_columns(
        pl.col("reason").is_not_null().alias("suppressed")
    )
    summary = summary.select(
        *[c for c in summary.columns if c not in ("suppressed", "reason")], "suppressed", "reason"
    )
    enough = {str(s["key"]) for s in summaries if s["kind"] == "item" and s["reason"] is None}
    return BenchmarkReport(
        k=comp.k,
        scores=scores,
        summary=summary,
        distributions=_distributions(comp, consented, min_icss, enough),
    )
