"""Charts: a figure with a caption, a written summary and its data table; SVG that is safe under
the CSP (no style attributes, nothing fetched) and never plots a hidden value."""

import re

import polars as pl
import pytest
from django.test import Client

from pulse.core.tests.html import soup
from pulse.reports.charts import Chart
from pulse.reports.models import PublicationTable, WavePublication
from pulse.reports.presenters import (
    benchmark,
    breakdowns,
    change,
    layers,
    overview,
    principles,
    questions,
)
from pulse.reports.results import Results
from pulse.reports.selectors import results_for_wave
from pulse.reports.storage import table_from_bytes, table_to_bytes
from pulse.reports.tests.builders import results_url
from pulse.surveys.models import Wave

pytestmark = pytest.mark.django_db


def _results(wave: Wave) -> Results:
    results = results_for_wave(wave=wave)
    assert results is not None
    return results


def _every_chart(results: Results) -> list[Chart]:
    report = benchmark.benchmark_report(results, sees_names=False)
    assert report is not None
    charts = [
        overview.principles_chart(results),
        layers.layer_chart(results),
        layers.heatmap_chart(results),
        breakdowns.breakdown_chart(results, "profession_group"),
        benchmark.funnel_chart(results, report, "involvement_index", {}),
    ]
    charts += [s["chart"] for s in principles.principle_sections(results)]
    charts += [c["chart"] for c in change.comparisons(results)]
    charts += [s["chart"] for s in questions.answer_sections(results)]
    return charts


def test_every_chart_has_a_caption_a_summary_a_table_and_a_clean_svg(rerun: Wave) -> None:
    charts = _every_chart(_results(rerun))
    assert len(charts) >= 20
    for chart in charts:
        svg = str(chart.svg)
        assert chart.caption and chart.summary.endswith("."), chart.id
        assert chart.head and chart.rows, chart.id
        assert svg.startswith("<svg"), chart.id
        assert 'style="' not in svg and "<style" not in svg, chart.id
        assert "<script" not in svg and "<image" not in svg, chart.id
        assert not re.search(r'href="(?!#)', svg), f"{chart.id} refers outside itself"
        assert not re.search(r"url\((?!#)", svg), chart.id
        assert f'aria-labelledby="{chart.id}-caption"' in svg
        assert 'role="img"' in svg and svg.count("role=") == 1, "only the root has a role"


def test_the_summaries_are_written_from_the_data(rerun: Wave) -> None:
    results = _results(rerun)
    assert overview.principles_chart(results).summary.startswith("Leaders gave principle")
    assert layers.layer_chart(results).summary.startswith("Leaders feel most involved")
    text = change.comparisons(results)[0]["chart"].summary
    assert re.search(r"\d+ of 12 scores improved significantly", text)


def test_pages_show_charts_as_figures_with_their_data(viewer_client: Client, rerun: Wave) -> None:
    page = soup(viewer_client.get(results_url(rerun, "layers/")))
    figures = page.select("figure.app-chart")
    assert len(figures) == 2
    for figure in figures:
        caption = figure.select_one("figcaption")
        svg = figure.select_one("svg")
        assert svg["aria-labelledby"] == caption["id"]
        assert (
            figure.select_one("details summary").get_text(strip=True)
            == "Show the data for this chart"
        )
        assert figure.select_one("details table caption")


def _hide_a_layer(wave: Wave, layer: str) -> None:
    """Store the re-run with one layer's involvement hidden, as the analysis marks a small group."""
    publication = WavePublication.objects.get(wave=wave)
    stored = PublicationTable.objects.get(publication=publication, name="construct_scores")
    table = table_from_bytes(stored.content)
    hide = (pl.col("group_id") == "all") & (pl.col("construct") == f"involvement_{layer}")
    numbers = [c for c, t in table.schema.items() if t.is_numeric()]
    table = table.with_columns(
        *(pl.when(hide).then(None).otherwise(pl.col(c)).alias(c) for c in numbers),
        pl.when(hide).then(True).otherwise(pl.col("suppressed")).alias("suppressed"),
        pl.when(hide).then(pl.lit("below_k")).otherwise(pl.col("reason")).alias("reason"),
    )
    stored.content = table_to_bytes(table)
    stored.save()
    WavePublication.objects.filter(pk=publication.pk).update(
        computed_at=publication.computed_at.replace(microsecond=1)
    )


def test_hidden_values_are_never_plotted_and_the_table_says_why(rerun: Wave) -> None:
    _hide_a_layer(rerun, "provider_collaborative")
    chart = layers.layer_chart(_results(rerun))
    assert "Provider collaborative" not in str(chart.svg)
    assert "Own organisation" in str(chart.svg)
    row = next(r for r in chart.rows if r[0]["text"] == "Provider collaborative")
    assert row[1]["text"] == "Fewer than 10 responses"
