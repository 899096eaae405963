"""Change since the previous survey and since the baseline, with the verdict in words."""

from typing import Any

import polars as pl

from pulse.core.formatting import nhs_date
from pulse.reports.charts import Chart, chart
from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.common import ALL, group_rows
from pulse.reports.presenters.labels import (
    LAYER_NAMES,
    PRINCIPLES,
    construct_name,
    construct_short,
    item_short,
    layer_name,
)
from pulse.reports.results import CHANGE_BASELINE, CHANGE_PREVIOUS, Results
from pulse.surveys.models import Wave

CONSTRUCT_ORDER = [
    *PRINCIPLES,
    "culture",
    "involvement_index",
    *(f"involvement_{layer}" for layer in LAYER_NAMES),
]
HEAD = [
    {"text": "Earlier survey", "format": "numeric"},
    {"text": "This survey", "format": "numeric"},
    {"text": "Change (95% confidence interval)", "format": "numeric"},
    {"text": "Result"},
]


def _cells(row: dict[str, Any], k: int) -> list[dict[str, Any]]:
    if row["suppressed"]:
        return [fmt.hidden_cell(row["reason"], k, colspan=4)]
    interval = fmt.interval_text(row["change_ci_low"], row["change_ci_high"])
    return [
        fmt.cell(fmt.score(row["mean_before"])),
        fmt.cell(fmt.score(row["mean_after"])),
        fmt.cell(f"{fmt.signed(row['change'])} ({interval})"),
        {"html": fmt.verdict_tag(row["verdict"])},
    ]


def _ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rank = {key: i for i, key in enumerate(CONSTRUCT_ORDER)}
    return sorted(rows, key=lambda r: rank.get(r["key"], len(rank)))


def _names(keys: list[str]) -> str:
    names = [
        construct_short(k).lower() if k not in PRINCIPLES else f"principle {k[1]}" for k in keys
    ]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def change_summary(rows: list[dict[str, Any]], earlier: Wave) -> str:
    shown = [r for r in rows if not r["suppressed"]]
    if not shown:
        return "No score can be compared: the groups are too small in one of the surveys."
    by = {v: [r["key"] for r in shown if r["verdict"] == v] for v in ("improved", "declined")}
    parts = [f"Since {earlier.title} ({nhs_date(earlier.closes_on)}),"]
    for verdict in ("improved", "declined"):
        keys = by[verdict]
        parts.append(
            f"{len(keys)} of {len(shown)} scores {verdict} significantly ({_names(keys)});"
            if keys
            else f"no score {verdict} significantly;"
        )
    unchanged = len(shown) - len(by["improved"]) - len(by["declined"])
    parts.append(f"{unchanged} did not change significantly.")
    return " ".join(parts)


def change_chart(results: Results, table: pl.DataFrame, earlier: Wave, chart_id: str) -> Chart:
    rows = _ordered(group_rows(table.filter(pl.col("kind") == "construct"), ALL))
    bars = [
        {
            "label": construct_short(r["key"]),
            "before": round(float(r["mean_before"]), 3),
            "after": round(float(r["mean_after"]), 3),
            "change": round(float(r["change"]), 3),
            "low": round(float(r["change_ci_low"]), 3),
            "high": round(float(r["change_ci_high"]), 3),
            "verdict": fmt.verdict_words(r["verdict"]),
        }
        for r in rows
        if not r["suppressed"]
    ]
    return chart(
        chart_id,
        caption=f"Scores in {earlier.title} and in this survey, and the change with its 95% "
        "confidence interval",
        summary=change_summary(rows, earlier),
        kind="change_dots" if bars else None,
        arguments={"rows": bars, "earlier": earlier.title, "later": results.wave.title},
        head=[{"text": "Score"}, *HEAD],
        rows=[[{"text": construct_name(r["key"])}, *_cells(r, results.k)] for r in rows],
        notes=[
            "A change is significant when it is unlikely to be chance, after allowing for the "
            "number of comparisons made (false discovery rate of 5%)."
        ],
    )


def _item_rows(results: Results, table: pl.DataFrame) -> list[list[dict[str, Any]]]:
    items = group_rows(table.filter(pl.col("kind") == "item"), ALL)
    labels = {
        r["item"]: (r["question_key"], r["item_label"], r["layer"])
        for r in group_rows(results.table("item_scores"), ALL)
    }
    out = []
    for row in items:
        key, text, layer = labels.get(row["key"], (row["key"], row["key"], None))
        name = item_short(key, text) + (f" ({layer_name(layer).lower()})" if layer else "")
        out.append([{"text": name}, *_cells(row, results.k)])
    return out


def comparisons(results: Results) -> list[dict[str, Any]]:
    """The comparisons the publication holds: with the previous survey and the baseline."""
    pub = results.publication
    found = []
    for name, earlier, heading in (
        (CHANGE_PREVIOUS, pub.previous_wave, "Change since the previous survey"),
        (CHANGE_BASELINE, pub.baseline_wave, "Change since the baseline"),
    ):
        table = results.optional(name)
        if table is None or earlier is None:
            continue
        if name == CHANGE_PREVIOUS and pub.baseline_wave_id == pub.previous_wave_id:
            heading = "Change since the baseline"
        found.append(
            {
                "id": name.replace("_", "-"),
                "heading": heading,
                "earlier": earlier,
                "chart": change_chart(results, table, earlier, f"chart-{name}"),
                "item_head": [{"text": "Statement"}, *HEAD],
                "item_rows": _item_rows(results, table),
            }
        )
    return found
