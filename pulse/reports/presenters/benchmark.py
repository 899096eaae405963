"""Benchmark against England: quartile bands and funnel plots (only with 5 or more systems)."""

from typing import Any

import numpy as np
import polars as pl

from pulse.analysis import BenchmarkReport, funnel_limits_mean
from pulse.reports.charts import Chart, chart
from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.change import CONSTRUCT_ORDER
from pulse.reports.presenters.labels import construct_name, construct_short
from pulse.reports.results import BENCHMARK_SCORES, BENCHMARK_SUMMARY, Results

QUARTERS = {
    1: "Lowest quarter of systems",
    2: "Second quarter (below the middle)",
    3: "Third quarter (above the middle)",
    4: "Highest quarter of systems",
}
FLAGS = {
    "within": "Within the range expected by chance",
    "above_95": "Higher than England (outside the 95% limits)",
    "above_99.8": "Much higher than England (outside the 99.8% limits)",
    "below_95": "Lower than England (outside the 95% limits)",
    "below_99.8": "Much lower than England (outside the 99.8% limits)",
}
DEFAULT_STATISTIC = "involvement_index"
_EMPTY = pl.DataFrame(
    schema={
        "item": pl.String,
        "answer": pl.String,
        "pct": pl.Float64,
        "ics_code": pl.String,
        "may_be_named": pl.Boolean,
    }
)


def benchmark_report(
    results: Results, *, sees_names: bool, named: frozenset[str] = frozenset()
) -> BenchmarkReport | None:
    """The stored benchmark as this viewer may see it: other systems keep their codes only when
    `sees_names` or when they are in `named` (the systems that agreed to be named and those an
    analyst's scope covers: `pulse.reports.national.scope.nameable_codes`), as they are now,
    whatever was recorded when the benchmark was built."""
    scores, summary = results.optional(BENCHMARK_SCORES), results.optional(BENCHMARK_SUMMARY)
    if scores is None or summary is None:
        return None
    scores = scores.with_columns(pl.col("ics_code").is_in(list(named)).alias("may_be_named"))
    report = BenchmarkReport(k=results.k, scores=scores, summary=summary, distributions=_EMPTY)
    return report.for_viewer(viewer_ics=results.wave.ics.ods_code, sees_names=sees_names)


def others_named(results: Results, report: BenchmarkReport) -> bool:
    """Whether the viewer sees any other system's name (else the page says none is named)."""
    codes = report.scores.get_column("ics_code").drop_nulls().unique().to_list()
    return any(code != results.wave.ics.ods_code for code in codes)


def unavailable_text(results: Results) -> str:
    count = results.publication.benchmark_icss
    systems = "system has" if count == 1 else "systems have"
    return (
        "A comparison with England needs published results of the same survey from at least 5 "
        f"systems in the year up to this survey's closing date. So far {count} {systems} them, "
        "including yours."
    )


def _constructs(report: BenchmarkReport) -> list[dict[str, Any]]:
    summary = {r["key"]: r for r in report.summary.filter(pl.col("kind") == "construct").to_dicts()}
    return [summary[k] for k in CONSTRUCT_ORDER if k in summary] + [
        row for key, row in summary.items() if key not in CONSTRUCT_ORDER
    ]


def _own(report: BenchmarkReport, ods_code: str, key: str) -> dict[str, Any] | None:
    rows = report.scores.filter(pl.col("key") == key, pl.col("ics_code") == ods_code).to_dicts()
    return rows[0] if rows else None


def band_rows(results: Results, report: BenchmarkReport) -> list[list[dict[str, Any]]]:
    rows = []
    for summary in _constructs(report):
        own = _own(report, results.wave.ics.ods_code, summary["key"])
        name = [{"text": construct_name(summary["key"])}]
        if summary["suppressed"] or own is None or own["suppressed"]:
            reason = summary["reason"] if summary["suppressed"] else (own or {}).get("reason")
            rows.append([*name, fmt.hidden_cell(reason, results.k, colspan=5)])
            continue
        rows.append(
            [
                *name,
                fmt.cell(fmt.score(own["mean"])),
                fmt.cell(fmt.score(summary["england_mean"])),
                fmt.cell(fmt.interval_text(summary["q1"], summary["q3"])),
                {"text": QUARTERS.get(own["quartile_band"], "")},
                {"text": FLAGS.get(own["funnel_flag"], "")},
            ]
        )
    return rows


BAND_HEAD = [
    {"text": "Score"},
    {"text": "Your system", "format": "numeric"},
    {"text": "England", "format": "numeric"},
    {"text": "Middle half of systems", "format": "numeric"},
    {"text": "Your system is in the"},
    {"text": "Compared with England"},
]


def funnel_choices(report: BenchmarkReport) -> list[tuple[str, str]]:
    return [
        (r["key"], construct_short(r["key"])) for r in _constructs(report) if not r["suppressed"]
    ]


def _limits(summary: dict[str, Any], sizes: list[float]) -> list[dict[str, Any]]:
    grid = np.linspace(max(10.0, min(sizes) * 0.7), max(sizes) * 1.3, 40)
    lines = []
    for level, name in ((0.95, "95% limits"), (0.998, "99.8% limits")):
        low, high = funnel_limits_mean(
            summary["england_mean"], summary["england_sd"], grid, level=level
        )
        for side, values in (("lower", low), ("upper", high)):
            lines += [
                {
                    "n": round(float(n), 1),
                    "value": round(float(v), 3),
                    "limit": name,
                    "series": f"{name} {side}",
                }
                for n, v in zip(grid, values, strict=True)
            ]
    return lines


def _points(
    results: Results, rows: list[dict[str, Any]], names: dict[str, str]
) -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    """Chart points and table rows; other systems are named only when `names` has them."""
    own_code = results.wave.ics.ods_code
    points, table_rows = [], []
    for row in rows:
        own = row["ics_code"] == own_code
        label = "Your system" if own else (names.get(row["ics_code"] or "", "") or "Another system")
        points.append(
            {
                "n": int(row["n"]),
                "mean": round(float(row["mean"]), 3),
                "who": "Your system" if own else "Another system",
                "label": results.wave.ics.short_name if own else "",
            }
        )
        table_rows.append(
            [
                {"text": label},
                fmt.cell(fmt.count(row["n"])),
                fmt.cell(fmt.score(row["mean"])),
                {"text": FLAGS.get(row["funnel_flag"], "")},
            ]
        )
    return points, table_rows


FUNNEL_HEAD = [
    {"text": "System"},
    {"text": "Responses", "format": "numeric"},
    {"text": "Score", "format": "numeric"},
    {"text": "Compared with England"},
]


def funnel_chart(
    results: Results, report: BenchmarkReport, key: str, names: dict[str, str]
) -> Chart:
    summary = report.summary.filter(pl.col("key") == key).to_dicts()[0]
    rows = report.scores.filter(pl.col("key") == key, ~pl.col("suppressed")).sort("n").to_dicts()
    points, table_rows = _points(results, rows, names)
    own_row = _own(report, results.wave.ics.ods_code, key)
    title = construct_short(key)
    return chart(
        "chart-funnel",
        caption=f"Funnel plot of the {title[0].lower()}{title[1:]} score of every system with "
        "comparable results, against its number of responses",
        summary=_funnel_summary(results, summary, own_row, len(points)),
        kind="funnel" if points else None,
        arguments={
            "points": points,
            "limits": _limits(summary, [p["n"] for p in points]) if points else [],
            "england": round(float(summary["england_mean"]), 3),
            "y_title": f"{title}, score out of 10",
        },
        head=FUNNEL_HEAD,
        rows=table_rows,
        notes=[
            "The lines show the range within which a system's score would fall by chance alone, "
            "95 and 99.8 times in 100, given its number of responses."
        ],
    )


def _funnel_summary(
    results: Results, summary: dict[str, Any], own: dict[str, Any] | None, count: int
) -> str:
    england = fmt.score_text(summary["england_mean"])
    if own is None or own["suppressed"]:
        return f"England's score is {england}, from {count} systems. Your system's score is hidden."
    return (
        f"Your system's score is {fmt.score_text(own['mean'])} from {fmt.count(own['n'])} responses; "
        f"England's is {england}, from {count} systems. "
        f"{FLAGS.get(own['funnel_flag'], '')}."
    )
