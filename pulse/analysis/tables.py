"""Published tables, built from a :class:`~pulse.analysis.engine.WaveComputation`.

Every table has one row per group and statistic (never per respondent), the group columns
``group_id, dimension_1, value_1, label_1, dimension_2, value_2, label_2`` (nulls for the
overall group and single breakdowns), the statistic columns, and ``suppressed`` (bool) with
``reason`` (null when published). In a suppressed row every number, ``n`` included, is null.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import polars as pl

from pulse.analysis.engine import WaveComputation
from pulse.analysis.features import Family
from pulse.analysis.groups import group_id
from pulse.analysis.meta import AGREEMENT_LABELS
from pulse.analysis.uncertainty import t_interval_arrays, wilson_arrays

__all__ = [
    "choice_rows",
    "construct_table",
    "distribution_table",
    "free_text_table",
    "group_columns",
    "groups_table",
    "item_table",
    "number_table",
]

Vector = npt.NDArray[np.float64]
GROUP_COLUMNS = (
    "group_id",
    "dimension_1",
    "value_1",
    "label_1",
    "dimension_2",
    "value_2",
    "label_2",
)


def group_columns(comp: WaveComputation) -> pl.DataFrame:
    """The group columns, one row per group of the plan."""
    dims = {d.key: d for d in comp.plan.dimensions}
    rows: dict[str, list[str | None]] = {c: [] for c in GROUP_COLUMNS}
    for group in comp.plan.groups:
        rows["group_id"].append(group_id(group.key))
        for pos in (1, 2):
            if len(group.key) >= pos:
                dim_key, value = group.key[pos - 1]
                rows[f"dimension_{pos}"].append(dim_key)
                rows[f"value_{pos}"].append(value)
                rows[f"label_{pos}"].append(dims[dim_key].label_for(value))
            else:
                for c in ("dimension", "value", "label"):
                    rows[f"{c}_{pos}"].append(None)
    return pl.DataFrame(rows, schema=dict.fromkeys(GROUP_COLUMNS, pl.String))


def _finish(frame: pl.DataFrame, stat_columns: list[str]) -> pl.DataFrame:
    """Blank every number of a suppressed row and add ``suppressed``."""
    published = pl.col("reason").is_null()
    exprs = []
    for col in stat_columns:
        value = pl.col(col)
        if frame.schema[col].is_float():
            value = value.fill_nan(None)
        exprs.append(pl.when(published).then(value).otherwise(None).alias(col))
    out = frame.with_columns(exprs).with_columns((~published).alias("suppressed"))
    ordered = [c for c in out.columns if c not in ("suppressed", "reason")]
    return out.select(*ordered, "suppressed", "reason")


def _reasons(comp: WaveComputation, key: str | None) -> pl.Series:
    values = comp.group_reasons if key is None else comp.family_reasons[key]
    return pl.Series("reason", list(values), dtype=pl.String)


def _mean_estimates(comp: WaveComputation, p: str, positive: bool) -> dict[str, Vector]:
    s = comp.stats
    n = s[f"{p}|n"]
    with np.errstate(divide="ignore", invalid="ignore"):
        if comp.weighted:
            wn, w2 = s[f"{p}|wn"], s[f"{p}|w2"]
            mean = s[f"{p}|wsum"] / wn
            n_eff = wn * wn / w2
            var = np.maximum(s[f"{p}|wss"] / wn - mean * mean, 0.0) * n_eff / (n_eff - 1.0)
            low, high = t_interval_arrays(
                n_eff, mean * n_eff, var * (n_eff - 1.0) + n_eff * mean**2
            )
            share = s[f"{p}|wpos"] / wn if positive else None
            base = n_eff
        else:
            mean = s[f"{p}|sum"] / n
            low, high = t_interval_arrays(n, s[f"{p}|sum"], s[f"{p}|ss"])
            share = s[f"{p}|pos"] / n if positive else None
            base = n
    out = {"n": n, "mean": mean, "ci_low": low, "ci_high": high}
    if comp.weighted:
        out["n_effective"] = base
    if share is not None:
        plow, phigh = wilson_arrays(share * base, base)
        out |= {
            "pct_positive": share * 100.0,
            "pct_positive_ci_low": plow * 100.0,
            "pct_positive_ci_high": phigh * 100.0,
        }
    return out


def _family_frame(
    comp: WaveComputation,
    base: pl.DataFrame,
    fam: Family,
    labels: Mapping[str, object],
    values: Mapping[str, Vector],
) -> pl.DataFrame:
    cols: list[pl.Series] = [
        pl.Series(name, [value] * base.height) for name, value in labels.items()
    ]
    cols += [pl.Series(name, np.asarray(v, dtype=np.float64)) for name, v in values.items()]
    cols.append(_reasons(comp, fam.key))
    return base.hstack(cols)


def _empty(columns: Mapping[str, pl.DataType]) -> pl.DataFrame:
    schema: dict[str, pl.DataType] = {c: pl.String() for c in GROUP_COLUMNS}
    schema |= dict(columns)
    schema |= {"suppressed": pl.Boolean(), "reason": pl.String()}
    return pl.DataFrame(schema=schema)


def _concat(
    frames: list[pl.DataFrame], stats: list[str], empty: Mapping[str, pl.DataType]
) -> pl.DataFrame:
    if not frames:
        return _empty(empty)
    out = pl.concat(frames, how="vertical_relaxed")
    casts = [
        pl.col(c).round(0).cast(pl.Int64)
        for c in out.columns
        if c in ("n", "n_answered", "base_n", "n_comments")
    ]
    return _finish(out.with_columns(casts), [c for c in stats if c in out.columns])


_F = pl.Float64()
_ESTIMATES: dict[str, pl.DataType] = {
    "n": pl.Int64(),
    "mean": _F,
    "ci_low": _F,
    "ci_high": _F,
    "pct_positive": _F,
    "pct_positive_ci_low": _F,
    "pct_positive_ci_high": _F,
}
_CONSTRUCT_EMPTY: dict[str, pl.DataType] = {
    "construct": pl.String(),
    "construct_label": pl.String(),
    "kind": pl.String(),
    **_ESTIMATES,
}
_ITEM_EMPTY: dict[str, pl.DataType] = {
    "item": pl.String(),
    "question_key": pl.String(),
    "item_label": pl.String(),
    "layer": pl.String(),
    "principle": pl.String(),
    "construct": pl.String(),
    "reverse": pl.Boolean(),
    **_ESTIMATES,
    "n_answered": pl.Int64(),
    "pct_dont_know": _F,
}
_DIST_EMPTY: dict[str, pl.DataType] = {
    "question_key": pl.String(),
    "item": pl.String(),
    "layer": pl.String(),
    "question_type": pl.String(),
    "answer": pl.String(),
    "answer_label": pl.String(),
    "base_n": pl.Int64(),
    "pct": _F,
}
_NUMBER_EMPTY: dict[str, pl.DataType] = {
    "question_key": pl.String(),
    "n": pl.Int64(),
    "mean": _F,
    "ci_low": _F,
    "ci_high": _F,
}

_MEAN_STATS = [
    "n",
    "n_answered",
    "n_effective",
    "mean",
    "ci_low",
    "ci_high",
    "pct_positive",
    "pct_positive_ci_low",
    "pct_positive_ci_high",
    "pct_dont_know",
]


def groups_table(comp: WaveComputation) -> pl.DataFrame:
    """One row per group: its size ``n`` (null when hidden)."""
    base = group_columns(comp)
    frame = base.with_columns(
        pl.Series("n", comp.stats["|members"]).round(0).cast(pl.Int64), _reasons(comp, None)
    )
    return _finish(frame, ["n"])


def construct_table(comp: WaveComputation) -> pl.DataFrame:
    """Construct scores by group: ``construct, construct_label, kind, n, mean, ci_low,
    ci_high, pct_positive, pct_positive_ci_low, pct_positive_ci_high`` (+ ``n_effective``)."""
    base = group_columns(comp)
    constructs = {c.key: c for c in comp.meta.constructs}
    frames = []
    for fam in comp.families:
        if fam.kind != "construct":
            continue
        c = constructs[fam.subject]
        labels = {"construct": c.key, "construct_label": c.label, "kind": c.kind}
        frames.append(_family_frame(comp, base, fam, labels, _mean_estimates(comp, fam.key, True)))
    return _concat(frames, _MEAN_STATS, _CONSTRUCT_EMPTY)


def item_table(comp: WaveComputation) -> pl.DataFrame:
    """Item scores by group, with ``n`` (scored answers), ``n_answered`` (incl. don't know),
    ``pct_dont_know`` and the item's ``question_key``, ``layer``, ``principle``, ``construct``."""
    base = group_columns(comp)
    frames = []
    for fam in comp.families:
        if fam.kind != "item":
            continue
        item = comp.meta.item(fam.subject)
        labels = {
            "item": item.key,
            "question_key": item.question_key,
            "item_label": item.label,
            "layer": item.layer,
            "principle": item.principle,
            "construct": item.construct,
            "reverse": item.reverse,
        }
        values = _mean_estimates(comp, fam.key, True)
        answered = comp.stats[f"{fam.key}|answered"]
        with np.errstate(divide="ignore", invalid="ignore"):
            if comp.weighted:
                dk = comp.stats[f"{fam.key}|wc:0"] / comp.stats[f"{fam.key}|wanswered"]
            else:
                dk = comp.stats[f"{fam.key}|c:0"] / answered
        values |= {"n_answered": answered, "pct_dont_know": dk * 100.0}
        frames.append(_family_frame(comp, base, fam, labels, values))
    return _concat(frames, _MEAN_STATS, _ITEM_EMPTY)


def _distribution_rows(
    comp: WaveComputation,
    base: pl.DataFrame,
    fam: Family,
    labels: dict[str, object],
    answers: list[tuple[str, str]],
) -> list[pl.DataFrame]:
    answered = comp.stats[f"{fam.key}|answered"]
    frames = []
    for code, answer_label in answers:
        with np.errstate(divide="ignore", invalid="ignore"):
            if comp.weighted:
                share = comp.stats[f"{fam.key}|wc:{code}"] / comp.stats[f"{fam.key}|wanswered"]
            else:
                share = comp.stats[f"{fam.key}|c:{code}"] / answered
        row_labels = labels | {"answer": code, "answer_label": answer_label}
        values = {"base_n": answered, "pct": share * 100.0}
        frames.append(_family_frame(comp, base, fam, row_labels, values))
    return frames


def choice_rows(comp: WaveComputation, base: pl.DataFrame) -> list[pl.DataFrame]:
    """Distribution rows of the choice questions (share of those who answered)."""
    frames: list[pl.DataFrame] = []
    for fam in comp.families:
        if fam.kind != "choice":
            continue
        q = next(c for c in comp.meta.choices if c.key == fam.subject)
        labels: dict[str, object] = {
            "question_key": q.key,
            "item": q.key,
            "layer": None,
            "question_type": "multiple_choice" if q.multiple else "single_choice",
        }
        answers = [(o.code, o.label) for o in q.options]
        frames += _distribution_rows(comp, base, fam, labels, answers)
    return frames


def distribution_table(comp: WaveComputation) -> pl.DataFrame:
    """Answer distributions: ``question_key, item, layer, question_type, answer,
    answer_label, base_n, pct`` (percent of ``base_n``, never raw counts)."""
    base = group_columns(comp)
    frames: list[pl.DataFrame] = []
    answers = [(str(c), AGREEMENT_LABELS[c]) for c in (1, 2, 3, 4, 5, 0)]
    for fam in comp.families:
        if fam.kind != "item":
            continue
        item = comp.meta.item(fam.subject)
        labels: dict[str, object] = {
            "question_key": item.question_key,
            "item": item.key,
            "layer": item.layer,
            "question_type": "agreement",
        }
        frames += _distribution_rows(comp, base, fam, labels, answers)
    frames += choice_rows(comp, base)
    return _concat(frames, ["base_n", "pct"], _DIST_EMPTY)


def number_table(comp: WaveComputation) -> pl.DataFrame:
    """Number questions by group: ``question_key, n, mean, ci_low, ci_high``."""
    base = group_columns(comp)
    frames = []
    for fam in comp.families:
        if fam.kind == "number":
            values = _mean_estimates(comp, fam.key, False)
            frames.append(_family_frame(comp, base, fam, {"question_key": fam.subject}, values))
    return _concat(frames, _MEAN_STATS, _NUMBER_EMPTY)


def free_text_table(comp: WaveComputation) -> pl.DataFrame:
    """Free-text questions by group: ``question_key, n_comments`` (shown only if >= 20)."""
    base = group_columns(comp)
    frames = []
    for fam in comp.families:
        if fam.kind == "free_text":
            values = {"n_comments": comp.stats[f"{fam.key}|n"]}
            frames.append(_family_frame(comp, base, fam, {"question_key": fam.subject}, values))
    return _concat(frames, ["n_comments"], {"question_key": pl.String(), "n_comments": pl.Int64()})
