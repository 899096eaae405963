"""Each principle (and culture): its score and the scores of its statements."""

from typing import Any

import polars as pl

from pulse.reports.charts import Chart, chart
from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.common import (
    ALL,
    SCORE_HEAD,
    bar_row,
    constructs,
    highest_and_lowest,
    score_cells,
    shown,
)
from pulse.reports.presenters.labels import (
    PRINCIPLES,
    construct_name,
    item_short,
    layer_name,
)
from pulse.reports.presenters.overview import index_text
from pulse.reports.results import Results


def _items(results: Results, construct: str) -> list[dict[str, Any]]:
    items = results.table("item_scores").filter(pl.col("group_id") == ALL)
    column = "principle" if construct in PRINCIPLES else "construct"
    return items.filter(pl.col(column) == construct).to_dicts()


def _item_label(row: dict[str, Any]) -> str:
    text = str(row["item_label"])
    return f"{text} ({layer_name(row['layer']).lower()})" if row["layer"] else text


def _summary(name: str, scored: list[tuple[str, float]], k: int) -> str:
    extremes = highest_and_lowest(scored)
    if extremes is None:
        return f"Too few statements of {name.lower()} can be shown to compare them."
    (high, high_value), (low, low_value) = extremes
    return (
        f"The highest-scoring statement is “{high}” ({fmt.score_text(high_value)}) and the "
        f"lowest “{low}” ({fmt.score_text(low_value)})."
    )


def statements_chart(results: Results, construct: str) -> Chart:
    k, items = results.k, _items(results, construct)
    name = construct_name(construct)
    bars, scored, table_rows = [], [], []
    for row in items:
        table_rows.append(
            [
                {"text": _item_label(row)},
                *score_cells(row, k),
                fmt.cell(fmt.percent(row["pct_dont_know"]) if shown(row) else "–"),
            ]
        )
        if shown(row) and row["layer"] is None:
            label = item_short(row["question_key"], row["item_label"])
            bars.append(bar_row(label, row))
            scored.append((label, float(row["mean"])))
    notes = []
    if any(r["layer"] for r in items):
        notes.append(
            "Statements about involvement at each level are in the table only; the chart for "
            "them is on the involvement by layer page."
        )
    return chart(
        f"chart-{construct}",
        caption=f"Scores for each statement of {name[0].lower()}{name[1:]}, out of 10",
        summary=_summary(name, scored, k),
        kind="ci_bars" if bars else None,
        arguments={"rows": bars},
        head=[
            {"text": "Statement"},
            *SCORE_HEAD,
            {"text": "Don't know or not applicable", "format": "numeric"},
        ],
        rows=table_rows,
        notes=notes,
    )


def principle_sections(results: Results) -> list[dict[str, Any]]:
    """One section per principle, then culture and any other scale of the instrument."""
    data = constructs(results)
    keys = [p for p in PRINCIPLES if p in data] + [
        key for key, row in data.items() if row["kind"] == "construct" and key not in PRINCIPLES
    ]
    return [
        {
            "key": key,
            "heading": construct_name(key, data[key]["construct_label"]),
            "score": index_text(data[key], results.k),
            "chart": statements_chart(results, key),
        }
        for key in keys
    ]
