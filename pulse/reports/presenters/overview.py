"""The overview page: headline figures and the five principles."""

from typing import Any

from pulse.core.formatting import nhs_date
from pulse.reports.charts import Chart, chart
from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.common import (
    SCORE_HEAD,
    bar_row,
    constructs,
    highest_and_lowest,
    overall_n,
    score_cells,
    shown,
)
from pulse.reports.presenters.labels import (
    PRINCIPLES,
    construct_name,
    construct_short,
)
from pulse.reports.results import Results

INDEX = "involvement_index"


def response_rate_text(results: Results) -> str:
    """Responses as a share of the leaders invited, when the wave had a participant list."""
    invited, n = results.publication.invited, overall_n(results)
    if invited and n is not None:
        rate = min(100, round(100 * n / invited))
        return f"{rate}% ({fmt.count(n)} responses from {fmt.count(invited)} leaders invited)"
    if invited:
        return f"Not shown: fewer than {results.k} responses."
    if results.wave.open_link_enabled:
        return (
            "Not available. This survey was answered through an open link, so the number of "
            "leaders invited is not known."
        )
    return "Not available. The number of leaders invited was not recorded for this survey."


def index_text(row: dict[str, Any] | None, k: int) -> str:
    if not shown(row):
        return fmt.hidden_text(row["reason"] if row else None, k)
    assert row is not None
    return (
        f"{fmt.score_text(row['mean'])} (95% confidence interval "
        f"{fmt.interval_text(row['ci_low'], row['ci_high'])}), "
        f"{fmt.percent(row['pct_positive'])} positive"
    )


def headline_rows(results: Results) -> list[dict[str, Any]]:
    """The summary list at the top of the results."""
    wave, k = results.wave, results.k
    n = overall_n(results)
    rows = [
        ("Survey", f"{wave.title} ({wave.version})"),
        ("Fieldwork", f"{nhs_date(wave.opens_on)} to {nhs_date(wave.closes_on)}"),
        ("Responses", fmt.count(n) if n is not None else fmt.hidden_text("below_k", k)),
        ("Response rate", response_rate_text(results)),
        ("Overall involvement index", index_text(constructs(results).get(INDEX), k)),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def principle_phrase(key: str) -> str:
    name = construct_name(key)
    number, _, words = name.partition(": ")
    return f"{number.lower()} ({words[0].lower()}{words[1:]})" if words else name


def principles_summary(scored: list[tuple[str, float]], k: int) -> str:
    extremes = highest_and_lowest(scored)
    if not scored:
        return f"No principle can be shown: each describes fewer than {k} responses."
    if extremes is None:
        key, value = scored[0]
        return f"Leaders gave {principle_phrase(key)} a score of {fmt.score_text(value)}."
    (high, high_value), (low, low_value) = extremes
    return (
        f"Leaders gave {principle_phrase(high)} the highest score, {fmt.score_text(high_value)}, "
        f"and {principle_phrase(low)} the lowest, {fmt.score_text(low_value)}."
    )


def principles_chart(results: Results, chart_id: str = "chart-principles") -> Chart:
    data, k = constructs(results), results.k
    table_rows, bars, scored = [], [], []
    for key in PRINCIPLES:
        row = data.get(key)
        if row is None:
            continue
        table_rows.append([{"text": construct_name(key)}, *score_cells(row, k)])
        if shown(row):
            bars.append(bar_row(construct_short(key), row))
            scored.append((key, float(row["mean"])))
    return chart(
        chart_id,
        caption="Scores for the five principles, out of 10, with 95% confidence intervals",
        summary=principles_summary(scored, k),
        kind="ci_bars" if bars else None,
        arguments={"rows": bars},
        head=[{"text": "Principle"}, *SCORE_HEAD],
        rows=table_rows,
    )
