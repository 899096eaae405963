"""The PDF board report: WeasyPrint renders the same partials and charts as the dashboard.

Tagged PDF/UA-1 with the document's title and language; A4 with page numbers; fonts come from
the server (Liberation Sans, DejaVu Sans) and no URL is ever fetched.
"""

import logging
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from pulse.reports.presenters import (
    actions,
    benchmark,
    change,
    comments,
    layers,
    methodology,
    overview,
    principles,
    reliability,
    summary,
)
from pulse.reports.presenters.common import overall_n
from pulse.reports.presenters.formatting import count
from pulse.reports.results import Results

STYLES = Path(__file__).with_name("report.css")
# WeasyPrint reports each page it lays out at INFO: keep the worker's log readable.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


#: Only data: URIs (the charts themselves) are read: the report fetches nothing.
FETCHER = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)


def _benchmark(results: Results) -> dict[str, Any]:
    report = benchmark.benchmark_report(results, sees_names=False)
    if report is None:
        return {"benchmark_unavailable": benchmark.unavailable_text(results), "report": None}
    keys = [key for key, _ in benchmark.funnel_choices(report)]
    key = benchmark.DEFAULT_STATISTIC if benchmark.DEFAULT_STATISTIC in keys else None
    return {
        "report": report,
        "systems": results.publication.benchmark_icss,
        "band_head": benchmark.BAND_HEAD,
        "band_rows": benchmark.band_rows(results, report),
        "funnel_chart": benchmark.funnel_chart(results, report, key, {}) if key else None,
    }


def report_context(results: Results) -> dict[str, Any]:
    wave, n = results.wave, overall_n(results)
    context = _benchmark(results)
    context.update(
        title=f"{wave.ics.short_name}: {wave.title}, board report",
        wave=wave,
        ics=wave.ics,
        k=results.k,
        prepared_on=timezone.localdate(),
        summary=summary.executive_summary(results, context.pop("report")),
        headline_rows=overview.headline_rows(results),
        principles_chart=overview.principles_chart(results),
        layer_chart=layers.layer_chart(results),
        heatmap_chart=layers.heatmap_chart(results),
        sections=principles.principle_sections(results),
        principle_actions=actions.principle_actions(results),
        comparisons=change.comparisons(results),
        questions=comments.comment_questions(results),
        scoring=methodology.scoring_paragraphs(),
        disclosure=methodology.disclosure_paragraphs(results.k),
        response_count=f"{count(n)} leaders answered." if n is not None else "",
        response_rate=overview.response_rate_text(results),
        reliability_head=reliability.HEAD,
        reliability_rows=reliability.reliability_rows(results),
        reliability_notes=reliability.reliability_notes(results),
        group_rows=methodology.group_size_rows(results),
    )
    return context


def render_pdf(results: Results) -> bytes:
    return html_to_pdf(render_to_string("reports/pdf/board_report.jinja", report_context(results)))


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 of a report's HTML with the report stylesheet (A4, page numbers);
    other apps' reports use it too, so every PDF looks and behaves the same."""
    document = HTML(string=html, base_url=None, url_fetcher=FETCHER)
    pdf = document.write_pdf(
        stylesheets=[CSS(string=STYLES.read_text())], pdf_variant="pdf/ua-1", uncompressed_pdf=False
    )
    assert pdf is not None
    return bytes(pdf)
