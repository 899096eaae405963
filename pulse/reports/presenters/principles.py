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


def _row(row: dict[str, Any], k: int) -> list[dict[str, Any]]:
    if not shown(row):
        return [{"text": _item_label(row)}, fmt.hidden_cell(row["reason"], k, colspan=5)]
    return [
        {"text": _item_label(row)},
        *score_cells(row, k),
        fmt.cell(fmt.percent(row["pct_dont_know"])),
    ]


def statements_chart(results: Results, construct: str) -> Chart:
    """The principle's own statements; its statements about each level of the system are
    counted in its score but shown with involvement by layer."""
    k, items = results.k, _items(results, construct)
    name = construct_name(construct)
    plain = [row for row in items if row["layer"] is None]
    bars, scored = [], []
    for row in plain:
        if shown(row):
            label = item_short(row["question_key"], row["item_label"])
            bars.append(bar_row(label, row))
            scored.append((label, float(row["mean"])))
    grid = sorted({row["question_key"] for row in items if row["layer"]})
    notes = []
    if grid:
        notes.append(
            f"The score of {name.split(':')[0].lower()} also counts {len(grid)} statements "
            "about involvement at each level of the system: see involvement by layer."
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
        rows=[_row(row, k) for row in plain],
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
