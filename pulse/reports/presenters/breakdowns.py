"""Results by group, for one breakdown of the publication's fixed list at a time."""

import re
from typing import Any

import polars as pl

from pulse.reports.breakdowns import Breakdown, breakdown_code
from pulse.reports.charts import Chart, chart
from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.common import bar_row, hidden_count_sentence, highest_and_lowest
from pulse.reports.presenters.labels import PRINCIPLES, construct_short, dimension_name
from pulse.reports.results import Results

COLUMNS = [*PRINCIPLES, "involvement_index"]
INDEX = "involvement_index"
_EXAMPLE = re.compile(r"\s*\((for example|including)[^)]*\)")


def breakdown_label(breakdown: Breakdown) -> str:
    if isinstance(breakdown, str):
        return dimension_name(breakdown)
    first, second = breakdown
    return f"{dimension_name(first)} by {dimension_name(second)[0].lower()}{dimension_name(second)[1:]}"


def breakdown_choices(results: Results) -> list[tuple[str, str]]:
    """(code, label) of every breakdown the publication has, in its order."""
    return [(breakdown_code(b), breakdown_label(b)) for b in results.breakdowns]


def short_option(label: str | None) -> str:
    """An option label without its examples: "Allied health professional"."""
    return _EXAMPLE.sub("", label or "").strip()


def _group_label(row: dict[str, Any]) -> str:
    first = short_option(row["label_1"])
    return f"{first}, {short_option(row['label_2'])}" if row["dimension_2"] else first


def _matches(breakdown: Breakdown) -> pl.Expr:
    dims = [breakdown] if isinstance(breakdown, str) else list(breakdown)
    if len(dims) == 1:
        return (pl.col("dimension_1") == dims[0]) & pl.col("dimension_2").is_null()
    return pl.col("dimension_1").is_in(dims) & pl.col("dimension_2").is_in(dims)


def _summary(label: str, scored: list[tuple[str, float]], hidden: int, total: int, k: int) -> str:
    extremes = highest_and_lowest(scored)
    hidden_text = hidden_count_sentence(hidden, total, "groups")
    if extremes is None:
        return f"Too few groups can be shown to compare them. {hidden_text}".strip()
    (high, high_value), (low, low_value) = extremes
    return (
        f"By {label[0].lower()}{label[1:]}, the overall involvement index is highest for "
        f"{high} ({fmt.score_text(high_value)}) and lowest for {low} "
        f"({fmt.score_text(low_value)}). {hidden_text}"
    ).strip()


def _row_cells(group: dict[str, Any], scores: dict[str, dict[str, Any]], k: int) -> list[Any]:
    if group["suppressed"]:
        return [fmt.hidden_cell(group["reason"], k, colspan=len(COLUMNS) + 1)]
    cells: list[dict[str, Any]] = [fmt.cell(fmt.count(group["n"]))]
    for key in COLUMNS:
        row = scores.get(key)
        if row is None or row["suppressed"]:
            cells.append(fmt.hidden_cell(row["reason"] if row else None, k))
        else:
            cells.append(fmt.cell(fmt.score(row["mean"])))
    return cells


def breakdown_chart(results: Results, breakdown: Breakdown) -> Chart:
    k, label = results.k, breakdown_label(breakdown)
    groups = results.table("groups").filter(_matches(breakdown)).to_dicts()
    scores = results.table("construct_scores").filter(_matches(breakdown))
    by_group: dict[str, dict[str, dict[str, Any]]] = {}
    for row in scores.iter_rows(named=True):
        by_group.setdefault(row["group_id"], {})[row["construct"]] = row
    bars, scored, table_rows = [], [], []
    for group in groups:
        name = _group_label(group)
        own = by_group.get(group["group_id"], {})
        table_rows.append([{"text": name}, *_row_cells(group, own, k)])
        index = own.get(INDEX)
        if index is not None and not index["suppressed"]:
            bars.append(bar_row(name, index))
            scored.append((name, float(index["mean"])))
    hidden = sum(1 for g in groups if g["suppressed"])
    return chart(
        "chart-breakdown",
        caption=f"Overall involvement index by {label[0].lower()}{label[1:]}, out of 10, with "
        "95% confidence intervals",
        summary=_summary(label, scored, hidden, len(groups), k),
        kind="ci_bars" if bars else None,
        arguments={"rows": bars},
        head=[
            {"text": "Group"},
            {"text": "Responses", "format": "numeric"},
            *({"text": construct_short(c), "format": "numeric"} for c in COLUMNS),
        ],
        rows=table_rows,
    )
