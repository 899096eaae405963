"""Involvement by layer: a summary chart and a statement-by-layer heatmap."""

from typing import Any

import polars as pl

from pulse.analysis.meta import LAYERS
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
from pulse.reports.presenters.labels import LAYER_PHRASES, item_short, layer_name
from pulse.reports.results import Results


def layer_summary(scored: list[tuple[str, float]], k: int) -> str:
    extremes = highest_and_lowest(scored)
    if not scored:
        return f"Involvement cannot be shown at any level: each has fewer than {k} responses."
    if extremes is None:
        layer, value = scored[0]
        return f"Leaders who work {LAYER_PHRASES[layer]} gave {fmt.score_text(value)}."
    (high, high_value), (low, low_value) = extremes
    return (
        f"Leaders feel most involved {LAYER_PHRASES.get(high, high)} "
        f"({fmt.score_text(high_value)}) and least involved {LAYER_PHRASES.get(low, low)} "
        f"({fmt.score_text(low_value)})."
    )


def layer_chart(results: Results, chart_id: str = "chart-layers") -> Chart:
    data, k = constructs(results), results.k
    table_rows, bars, scored = [], [], []
    for layer in LAYERS:
        row = data.get(f"involvement_{layer}")
        if row is None:
            continue
        table_rows.append([{"text": layer_name(layer)}, *score_cells(row, k)])
        if shown(row):
            bars.append(bar_row(layer_name(layer), row))
            scored.append((layer, float(row["mean"])))
    return chart(
        chart_id,
        caption="How involved leaders feel at each level of the system, out of 10, with 95% "
        "confidence intervals",
        summary=layer_summary(scored, k),
        kind="ci_bars" if bars else None,
        arguments={"rows": bars},
        head=[{"text": "Level of the system"}, *SCORE_HEAD],
        rows=table_rows,
        notes=["Each level's score comes only from the leaders who work at that level."],
    )


def _heat_summary(cells: list[dict[str, Any]]) -> str:
    if len(cells) < 2:
        return "Too few statements can be shown to compare levels."
    ordered = sorted(cells, key=lambda c: c["mean"])
    low, high = ordered[0], ordered[-1]

    def name(c: dict[str, Any]) -> str:
        return f"“{c['row'].lower()}” {LAYER_PHRASES.get(c['layer'], c['layer'])}"

    return (
        f"The highest score is for {name(high)} ({high['value']} out of 10) and the lowest for "
        f"{name(low)} ({low['value']} out of 10)."
    )


def heatmap_chart(results: Results, chart_id: str = "chart-heatmap") -> Chart:
    items = results.layer_items.filter(pl.col("group_id") == ALL).to_dicts()
    layers = [layer for layer in LAYERS if any(r["layer"] == layer for r in items)]
    statements = list(dict.fromkeys(r["question_key"] for r in items))
    texts = {r["question_key"]: r["item_label"] for r in items}
    by_cell = {(r["question_key"], r["layer"]): r for r in items}
    cells, table_rows = [], []
    for key in statements:
        row_cells: list[dict[str, Any]] = [{"text": texts[key]}]
        for layer in layers:
            row = by_cell.get((key, layer))
            if shown(row):
                assert row is not None
                value = fmt.score(row["mean"])
                cells.append(
                    {
                        "row": item_short(key, texts[key]),
                        "column": layer_name(layer),
                        "layer": layer,
                        "mean": round(float(row["mean"]), 3),
                        "value": value,
                    }
                )
                row_cells.append(fmt.cell(value))
            else:
                row_cells.append(fmt.hidden_cell(row["reason"] if row else None, results.k))
        table_rows.append(row_cells)
    return chart(
        chart_id,
        caption="Scores out of 10 for each involvement statement at each level of the system",
        summary=_heat_summary(cells),
        kind="heatmap" if cells else None,
        arguments={
            "rows": [{k: v for k, v in c.items() if k != "layer"} for c in cells],
            "row_order": [item_short(k, texts[k]) for k in statements],
            "column_order": [layer_name(layer) for layer in layers],
        },
        head=[
            {"text": "Statement"},
            *({"text": layer_name(layer), "format": "numeric"} for layer in layers),
        ],
        rows=table_rows,
    )
