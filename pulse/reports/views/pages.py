"""The dashboard of one published wave, split into linked pages."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm
from pulse.reports import selectors
from pulse.reports.breakdowns import breakdown_code
from pulse.reports.forms import BreakdownForm, StatisticForm
from pulse.reports.national.scope import nameable_codes
from pulse.reports.presenters import (
    actions,
    benchmark,
    breakdowns,
    change,
    comments,
    layers,
    overview,
    principles,
    questions,
    reliability,
    summary,
    waves,
)
from pulse.reports.presenters.formatting import PROTECTION_EXPLAINED
from pulse.reports.results import Results
from pulse.reports.views.common import ics_page, results_page


@require_GET
@ics_view(Perm.VIEW_RESULTS)
def list_results(request: HttpRequest, ics: ICS) -> HttpResponse:
    rows = waves.wave_rows(ics, list(selectors.published_waves_for_ics(ics=ics)))
    consent = waves.benchmark_consent(request.user, ics)
    return ics_page(request, ics, "list_results", rows=rows, consent=consent)


@results_page("reports:show_results", "show_results")
def show_results(request: HttpRequest, results: Results) -> dict[str, Any]:
    report = benchmark.benchmark_report(results, sees_names=False)
    return {
        "headline_rows": overview.headline_rows(results),
        "summary": summary.executive_summary(results, report),
        "principles_chart": overview.principles_chart(results),
        "protection": PROTECTION_EXPLAINED.format(k=results.k),
    }


@results_page("reports:show_layers", "show_layers")
def show_layers(request: HttpRequest, results: Results) -> dict[str, Any]:
    return {
        "layer_chart": layers.layer_chart(results),
        "heatmap_chart": layers.heatmap_chart(results),
    }


@results_page("reports:show_principles", "show_principles")
def show_principles(request: HttpRequest, results: Results) -> dict[str, Any]:
    return {
        "sections": principles.principle_sections(results),
        "principle_actions": actions.principle_actions(results),
    }


@results_page("reports:show_change", "show_change")
def show_change(request: HttpRequest, results: Results) -> dict[str, Any]:
    return {"comparisons": change.comparisons(results)}


@results_page("reports:show_breakdowns", "show_breakdowns")
def show_breakdowns(request: HttpRequest, results: Results) -> dict[str, Any]:
    choices = breakdowns.breakdown_choices(results)
    default = choices[0][0] if choices else ""
    form = BreakdownForm(request.GET, choices=choices, initial=default)
    code = form.choice(default)
    chosen = next((b for b in results.breakdowns if breakdown_code(b) == code), None)
    return {
        "form": form,
        "chart": breakdowns.breakdown_chart(results, chosen) if chosen else None,
        "protection": PROTECTION_EXPLAINED.format(k=results.k),
        "status": 400 if form.is_bound and not form.is_valid() else 200,
    }


@results_page("reports:show_questions", "show_questions")
def show_questions(request: HttpRequest, results: Results) -> dict[str, Any]:
    return {
        "sections": questions.answer_sections(results),
        "choices": questions.choice_tables(results),
    }


@results_page("reports:show_benchmark", "show_benchmark")
def show_benchmark(request: HttpRequest, results: Results) -> dict[str, Any]:
    named = nameable_codes(request.user, selectors.systems(), viewer=results.wave.ics)
    report = benchmark.benchmark_report(results, sees_names=False, named=named)
    if report is None:
        return {"unavailable": benchmark.unavailable_text(results)}
    choices = benchmark.funnel_choices(report)
    default = (
        benchmark.DEFAULT_STATISTIC
        if any(c[0] == benchmark.DEFAULT_STATISTIC for c in choices)
        else (choices[0][0] if choices else "")
    )
    form = StatisticForm(request.GET, choices=choices, initial=default)
    key = form.choice(default)
    names = selectors.ics_names()
    return {
        "band_head": benchmark.BAND_HEAD,
        "band_rows": benchmark.band_rows(results, report),
        "systems": results.publication.benchmark_icss,
        "form": form,
        "chart": benchmark.funnel_chart(results, report, key, names) if key else None,
        "others_named": benchmark.others_named(results, report),
        "status": 400 if form.is_bound and not form.is_valid() else 200,
    }


@results_page("reports:show_reliability", "show_reliability")
def show_reliability(request: HttpRequest, results: Results) -> dict[str, Any]:
    return {
        "head": reliability.HEAD,
        "rows": reliability.reliability_rows(results),
        "notes": reliability.reliability_notes(results),
    }


@results_page("reports:show_comments", "show_comments")
def show_comments(request: HttpRequest, results: Results) -> dict[str, Any]:
    return {"questions": comments.comment_questions(results)}
