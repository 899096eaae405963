"""Chart specs, declared with altair. Each builder takes plain rows (hidden values already left
out by the presenters) and returns a Vega-Lite dict; specs are only built when the rendered SVG
is not cached."""

from collections.abc import Sequence
from typing import Any

import altair as alt

from pulse.reports.charts import theme

Rows = Sequence[dict[str, Any]]
SCORE_AXIS = alt.Scale(domain=[0, 10], nice=False)


def _finish(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = chart.to_dict()
    spec["config"] = theme.config()
    return spec


def _row_height(count: int, per_row: int = 34) -> int:
    return max(60, per_row * count)


def ci_bars(rows: Rows, *, x_title: str = "Score out of 10") -> dict[str, Any]:
    """Horizontal bars with 95% confidence intervals, the value printed beside each bar.
    Rows: label, mean, low, high, value (text)."""
    order = [r["label"] for r in rows]
    base = alt.Chart(alt.Data(values=list(rows))).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=300))
    )
    bars = base.mark_bar(color=theme.BLUE, height=18).encode(
        x=alt.X("mean:Q", scale=SCORE_AXIS, title=x_title)
    )
    interval = base.mark_rule(color=theme.TEXT, strokeWidth=2).encode(x="low:Q", x2="high:Q")
    caps = base.mark_tick(color=theme.TEXT, thickness=2, size=12, orient="vertical")
    values = base.mark_text(align="left", dx=6, fontWeight="bold").encode(
        x="high:Q", text="value:N"
    )
    layered = alt.layer(
        bars, interval, caps.encode(x="low:Q"), caps.encode(x="high:Q"), values
    ).properties(width=theme.WIDTH - 200, height=_row_height(len(rows)))
    return _finish(layered)


def heatmap(rows: Rows, *, row_order: list[str], column_order: list[str]) -> dict[str, Any]:
    """Statement (rows) by layer (columns), each cell coloured by its score and labelled with it
    (dark text keeps its contrast on every shade). Rows: row, column, mean, value (text)."""
    low = min([5.0, *(float(r["mean"]) for r in rows)])
    high = max([6.0, *(float(r["mean"]) for r in rows)])
    domain = [float(int(low)), float(int(high) + 1)]
    base = alt.Chart(alt.Data(values=list(rows))).encode(
        y=alt.Y("row:N", sort=row_order, title=None),
        x=alt.X(
            "column:N",
            sort=column_order,
            title=None,
            axis=alt.Axis(orient="top", labelAngle=0, labelLimit=140, labelFontSize=12),
        ),
    )
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        color=alt.Color(
            "mean:Q",
            scale=alt.Scale(domain=domain, range=["#f0f4f5", theme.LIGHT_BLUE]),
            legend=alt.Legend(title="Score out of 10", orient="bottom", gradientLength=200),
        )
    )
    labels = base.mark_text(fontWeight="bold", color=theme.TEXT).encode(text="value:N")
    chart = alt.layer(cells, labels).properties(
        width=140 * len(column_order), height=_row_height(len(row_order), 36)
    )
    return _finish(chart)


def _change_panels(rows: Rows, order: list[str], height: int) -> tuple[Any, Any]:
    """The change with its interval around zero, and the verdict in words."""
    reach = max([1.0, *(abs(r["low"]) for r in rows), *(abs(r["high"]) for r in rows)])
    reach = float(int(reach * 2) + 1) / 2
    change_axis = alt.Scale(domain=[-reach, reach], nice=False)
    base = alt.Chart(alt.Data(values=list(rows))).encode(y=alt.Y("label:N", sort=order, axis=None))
    zero = (
        alt.Chart(alt.Data(values=[{"zero": 0}]))
        .mark_rule(color=theme.SECONDARY_TEXT)
        .encode(x="zero:Q")
    )
    interval = base.mark_rule(color=theme.TEXT, strokeWidth=2).encode(
        x=alt.X("low:Q", scale=change_axis, title="Change, 95% CI"), x2="high:Q"
    )
    estimate = base.mark_point(filled=True, shape="diamond", size=80, color=theme.DARK_BLUE).encode(
        x="change:Q"
    )
    words = base.mark_text(align="left", fontWeight="bold").encode(text="verdict:N")
    return (
        alt.layer(zero, interval, estimate).properties(width=120, height=height),
        words.properties(width=150, height=height),
    )


def change_dots(rows: Rows, *, earlier: str, later: str) -> dict[str, Any]:
    """Each score in both surveys, the change with its 95% confidence interval, and the verdict
    in words. Rows: label, before, after, change, low, high, verdict."""
    order = [r["label"] for r in rows]
    height = _row_height(len(order), 40)
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=200))
    waves = [earlier, later]
    points = [
        {"label": r["label"], "wave": wave, "mean": r[key]}
        for r in rows
        for wave, key in ((earlier, "before"), (later, "after"))
    ]
    link = (
        alt.Chart(alt.Data(values=list(rows)))
        .mark_rule(color=theme.PALE_GREY, strokeWidth=3)
        .encode(y=y, x=alt.X("before:Q", scale=SCORE_AXIS, title="Score out of 10"), x2="after:Q")
    )
    dots = (
        alt.Chart(alt.Data(values=points))
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            y=y,
            x="mean:Q",
            shape=alt.Shape(
                "wave:N", sort=waves, scale=alt.Scale(domain=waves, range=["circle", "square"])
            ),
            color=alt.Color(
                "wave:N",
                sort=waves,
                scale=alt.Scale(domain=waves, range=[theme.GREY, theme.BLUE]),
                legend=alt.Legend(title=None),
            ),
        )
    )
    change, words = _change_panels(rows, order, height)
    return _finish(
        alt.hconcat(
            alt.layer(link, dots).properties(width=230, height=height),
            change,
            words,
            spacing=14,
        )
    )


def diverging(rows: Rows, *, order: list[str], answers: list[tuple[str, str]]) -> dict[str, Any]:
    """Diverging stacked bars: disagreement to the left of zero, agreement to the right,
    neutral answers split across it. Rows: label, answer, answer_label, start, end, pct, text."""
    domain = [label for _, label in answers]
    colours = [theme.AGREEMENT_COLOURS.get(code, theme.GREY) for code, _ in answers]
    base = alt.Chart(alt.Data(values=list(rows))).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    )
    bars = base.mark_bar(height=20).encode(
        x=alt.X(
            "start:Q",
            scale=alt.Scale(domain=[-100, 100]),
            title="Percentage of people who answered (don't know not shown)",
            axis=alt.Axis(values=[-100, -50, 0, 50, 100], labelExpr="abs(datum.value) + '%'"),
        ),
        x2="end:Q",
        color=alt.Color(
            "answer_label:N",
            sort=domain,
            scale=alt.Scale(domain=domain, range=colours),
            legend=alt.Legend(title=None, columns=3, symbolType="square"),
        ),
    )
    labels = base.mark_text(fontSize=11).encode(
        x=alt.X("middle:Q"),
        text="text:N",
        color=alt.Color("text_colour:N", scale=None),
    )
    chart = alt.layer(bars, labels).properties(
        width=theme.WIDTH - 80, height=_row_height(len(order), 32)
    )
    return _finish(chart)


def funnel(
    points: Rows,
    limits: Rows,
    *,
    england: float,
    y_title: str,
    who: Sequence[str] = ("Your system", "Another system"),
) -> dict[str, Any]:
    """Funnel plot: every system's score against its number of responses, with England's value
    and control limits at 95% and 99.8%. Points: n, mean, who (one of `who`: the first is
    highlighted and labelled). Limits: n, value, limit ("95% limits" or "99.8% limits"), side."""
    n_scale = alt.Scale(zero=False, nice=True)
    y_scale = alt.Scale(zero=False, nice=True)
    lines = (
        alt.Chart(alt.Data(values=list(limits)))
        .mark_line(color=theme.SECONDARY_TEXT, strokeWidth=1.5)
        .encode(
            x=alt.X("n:Q", scale=n_scale, title="Number of responses"),
            y=alt.Y("value:Q", scale=y_scale, title=y_title),
            detail="series:N",
            strokeDash=alt.StrokeDash(
                "limit:N",
                scale=alt.Scale(domain=["95% limits", "99.8% limits"], range=[[6, 4], [2, 2]]),
                legend=alt.Legend(title=None),
            ),
        )
    )
    centre = (
        alt.Chart(alt.Data(values=[{"england": england}]))
        .mark_rule(color=theme.TEXT, strokeWidth=1.5)
        .encode(y="england:Q")
    )
    who = list(who)
    dots = (
        alt.Chart(alt.Data(values=list(points)))
        .mark_point(filled=True, size=110, opacity=1)
        .encode(
            x="n:Q",
            y="mean:Q",
            shape=alt.Shape(
                "who:N",
                scale=alt.Scale(domain=who, range=["diamond", "circle"][: len(who)]),
                title=None,
            ),
            color=alt.Color(
                "who:N",
                scale=alt.Scale(domain=who, range=[theme.BLUE, theme.GREY][: len(who)]),
                title=None,
            ),
        )
    )
    label = (
        alt.Chart(alt.Data(values=[p for p in points if p["who"] == who[0]]))
        .mark_text(align="left", dx=10, fontWeight="bold")
        .encode(x="n:Q", y="mean:Q", text="label:N")
    )
    chart = alt.layer(lines, centre, dots, label).properties(width=theme.WIDTH - 80, height=300)
    return _finish(chart)


def level_dots(rows: Rows, *, levels: list[str], earlier: str = "", later: str) -> dict[str, Any]:
    """Values on a scale of named levels (1 to len(levels), such as Emerging to Thriving), each
    drawn as a square with its value printed beside it; with `earlier`, the earlier value as a
    circle joined to it by a line. Rows: label, after, before (or None), value (text)."""
    order = [r["label"] for r in rows]
    scale = alt.Scale(domain=[0.8, len(levels) + 0.2], nice=False)
    names = "[" + ", ".join(f"'{name}'" for name in ["", *levels]) + "]"
    axis = alt.Axis(
        values=list(range(1, len(levels) + 1)), labelExpr=f"{names}[datum.value]", grid=True
    )
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    waves = [w for w in (earlier, later) if w]
    points = [
        {"label": r["label"], "round": name, "level": r[key]}
        for r in rows
        for name, key in ((earlier, "before"), (later, "after"))
        if name and r.get(key) is not None
    ]
    dots = (
        alt.Chart(alt.Data(values=points))
        .mark_point(filled=True, size=110, opacity=1)
        .encode(
            y=y,
            x=alt.X("level:Q", scale=scale, axis=axis, title=None),
            shape=alt.Shape(
                "round:N",
                sort=waves,
                scale=alt.Scale(domain=waves, range=["circle", "square"][-len(waves) :]),
            ),
            color=alt.Color(
                "round:N",
                sort=waves,
                scale=alt.Scale(domain=waves, range=[theme.GREY, theme.BLUE][-len(waves) :]),
                legend=alt.Legend(title=None),
            ),
        )
    )
    layers = [dots]
    joined = [r for r in rows if r.get("before") is not None]
    if earlier and joined:
        link = (
            alt.Chart(alt.Data(values=joined))
            .mark_rule(color=theme.PALE_GREY, strokeWidth=3)
            .encode(y=y, x="before:Q", x2="after:Q")
        )
        layers.insert(0, link)
    values = (
        alt.Chart(alt.Data(values=list(rows)))
        .mark_text(align="left", dx=10, fontWeight="bold")
        .encode(y=y, x="after:Q", text="value:N")
    )
    chart = alt.layer(*layers, values).properties(
        width=theme.WIDTH - 200, height=_row_height(len(rows), 38)
    )
    return _finish(chart)


def counts_over_time(rows: Rows, *, y_title: str) -> dict[str, Any]:
    """Vertical bars of a count per period (day or week), the value printed above each bar.
    Rows: label, value (already rounded; hidden periods left out), text."""
    order = [r["label"] for r in rows]
    base = alt.Chart(alt.Data(values=list(rows))).encode(
        x=alt.X("label:N", sort=order, title=None, axis=alt.Axis(labelAngle=0, labelLimit=90)),
        y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=True, nice=True)),
    )
    bars = base.mark_bar(color=theme.BLUE, width={"band": 0.7})
    values = base.mark_text(baseline="bottom", dy=-4, fontWeight="bold").encode(text="text:N")
    width = max(200, min(theme.WIDTH, 70 * len(order)))
    return _finish(alt.layer(bars, values).properties(width=width, height=220))


SPECS = {
    "counts_over_time": counts_over_time,
    "ci_bars": ci_bars,
    "heatmap": heatmap,
    "change_dots": change_dots,
    "diverging": diverging,
    "funnel": funnel,
    "level_dots": level_dots,
}
