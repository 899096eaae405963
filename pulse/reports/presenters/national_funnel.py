"""Funnel plots of the national and regional pages: every system's score for one scale against
its number of responses, with England's value and control limits, and the data as a table.
Systems the viewer may not name are plotted and listed as "Another system", ordered by their
figures alone."""

from typing import Any

import polars as pl

from pulse.reports.charts import Chart, chart
from pulse.reports.national.stored import SUMMARY, NationalResults
from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.benchmark import FLAGS
from pulse.reports.presenters.benchmark import _limits as limit_lines
from pulse.reports.presenters.labels import construct_short

ELSEWHERE = "Elsewhere in England"
HEAD = [
    {"text": "System"},
    {"text": "Region"},
    {"text": "Responses", "format": "numeric"},
    {"text": "Score", "format": "numeric"},
    {"text": "Compared with England"},
]


def _who(point: dict[str, Any], highlight: tuple[str, str] | None) -> str:
    if highlight is None:
        return "System"
    code, name = highlight
    return name if point["region_code"] == code else ELSEWHERE


def _table_rows(points: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [
        [
            {"text": p["name"] or "Another system"},
            {"text": p.get("region_name") or ""},
            fmt.cell(fmt.count(p["n"])),
            fmt.cell(fmt.score(p["mean"])),
            {"text": FLAGS.get(p["flag"] or "", "")},
        ]
        for p in points
    ]


def _summary(
    points: list[dict[str, Any]], england: float, highlight: tuple[str, str] | None
) -> str:
    above = sum(1 for p in points if (p["flag"] or "").startswith("above"))
    below = sum(1 for p in points if (p["flag"] or "").startswith("below"))
    text = (
        f"England's score is {fmt.score_text(england)}, from {len(points)} systems. "
        f"{above} {'is' if above == 1 else 'are'} higher than England beyond the 95% limits and "
        f"{below} {'is' if below == 1 else 'are'} lower."
    )
    if highlight is not None:
        mine = [p for p in points if p["region_code"] == highlight[0]]
        text += f" {len(mine)} of the systems are in {highlight[1]}, shown as diamonds."
    return text


def national_funnel(
    results: NationalResults,
    points: list[dict[str, Any]],
    key: str,
    highlight: tuple[str, str] | None,
) -> Chart:
    """`points` from `national.table.funnel_points` (with `region_name` added for named ones);
    `highlight` is (region code, region name) whose systems are drawn as diamonds."""
    summary = results.table(SUMMARY).filter(pl.col("key") == key).to_dicts()[0]
    title = construct_short(key)
    who = [highlight[1], ELSEWHERE] if highlight else ["System"]
    plotted = [
        {"n": p["n"], "mean": round(p["mean"], 3), "who": _who(p, highlight), "label": ""}
        for p in points
    ]
    return chart(
        f"chart-national-funnel-{key}",
        caption=f"Funnel plot of the {title[0].lower()}{title[1:]} score of every system "
        "compared, against its number of responses",
        summary=_summary(points, summary["england_mean"], highlight),
        kind="funnel" if points else None,
        arguments={
            "points": plotted,
            "limits": limit_lines(summary, [p["n"] for p in points]) if points else [],
            "england": round(float(summary["england_mean"]), 3),
            "y_title": f"{title}, score out of 10",
            "who": who,
        },
        head=HEAD,
        rows=_table_rows(points),
        notes=[
            "The lines show the range within which a system's score would fall by chance "
            "alone, 95 and 99.8 times in 100, given its number of responses. Systems that have "
            "not agreed to be named, and that your role does not cover, are shown as "
            "“Another system”."
        ],
    )
