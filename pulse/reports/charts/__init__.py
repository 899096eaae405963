"""Server-rendered SVG charts (ADR 9): Vega-Lite specs from altair, rendered by vl-convert.

Each chart is shown as a figure with a caption, a written summary and its data as a table
(`Chart`); hidden values are never plotted.
"""

from pulse.reports.charts.render import Chart, chart

__all__ = ["Chart", "chart"]
