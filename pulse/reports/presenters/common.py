"""Helpers shared by the results presenters: rows of one group, score cells, table heads."""

from typing import Any

import polars as pl

from pulse.reports.presenters import formatting as fmt
from pulse.reports.results import Results

ALL = "all"
SCORE_HEAD = [
    {"text": "Score out of 10", "format": "numeric"},
    {"text": "95% confidence interval", "format": "numeric"},
    {"text": "% positive", "format": "numeric"},
    {"text": "Responses", "format": "numeric"},
]


def rows(table: pl.DataFrame) -> list[dict[str, Any]]:
    return table.to_dicts()


def group_rows(table: pl.DataFrame, group_id: str = ALL) -> list[dict[str, Any]]:
    return table.filter(pl.col("group_id") == group_id).to_dicts()


def constructs(results: Results, group_id: str = ALL) -> dict[str, dict[str, Any]]:
    """The construct rows of one group, by construct key."""
    return {r["construct"]: r for r in group_rows(results.table("construct_scores"), group_id)}


def shown(row: dict[str, Any] | None) -> bool:
    return row is not None and not row["suppressed"]


def overall_n(results: Results) -> int | None:
    """The number of responses, or None when fewer than k (then nothing is shown)."""
    rows_ = group_rows(results.table("groups"))
    return rows_[0]["n"] if rows_ and shown(rows_[0]) else None


def score_cells(row: dict[str, Any] | None, k: int, *, n_key: str = "n") -> list[dict[str, Any]]:
    """Score, interval, % positive and responses; a hidden row says why, in words."""
    if not shown(row):
        return [fmt.hidden_cell(row["reason"] if row else None, k, colspan=4)]
    assert row is not None
    return [
        fmt.cell(fmt.score(row["mean"])),
        fmt.cell(fmt.interval_text(row["ci_low"], row["ci_high"])),
        fmt.cell(fmt.percent(row["pct_positive"])),
        fmt.cell(fmt.count(row[n_key])),
    ]


def bar_row(label: str, row: dict[str, Any]) -> dict[str, Any]:
    """A published score as a chart row (label, mean, interval, printed value)."""
    return {
        "label": label,
        "mean": round(float(row["mean"]), 3),
        "low": round(float(row["ci_low"]), 3),
        "high": round(float(row["ci_high"]), 3),
        "value": fmt.score(row["mean"]),
    }


def highest_and_lowest(
    scored: list[tuple[str, float]],
) -> tuple[tuple[str, float], tuple[str, float]] | None:
    if len(scored) < 2:
        return None
    ordered = sorted(scored, key=lambda pair: pair[1])
    return ordered[-1], ordered[0]


def hidden_count_sentence(hidden: int, total: int, what: str) -> str:
    if not hidden:
        return ""
    return f"{hidden} of {total} {what} are hidden to protect anonymity."
