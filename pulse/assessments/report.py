"""Everything a completed round's results show, built once for the page, the PDF and the Excel
data pack: headline figures, the gateway, the charts, each principle's maturity with its open
actions, and the perception gap against the latest published pulse check."""

from typing import Any

from django.utils import timezone

from pulse.assessments import selectors
from pulse.assessments.gap import leader_scores, perception_gaps
from pulse.assessments.models import Round
from pulse.assessments.presenters import charts, gap
from pulse.assessments.presenters import results as presenters
from pulse.assessments.results import RoundResults, round_results


def _open_actions(round: Round) -> dict[str, list[dict[str, str]]]:
    from pulse.actions.presenters import status_text
    from pulse.actions.selectors import open_actions_by_principle
    from pulse.core.formatting import nhs_date

    return {
        code: [
            {
                "title": a.title,
                "owner": a.owner_label,
                "due": nhs_date(a.due_on),
                "status": status_text(a),
            }
            for a in actions
        ]
        for code, actions in open_actions_by_principle(ics=round.ics).items()
    }


def _sections(
    results: RoundResults, actions: dict[str, list[dict[str, str]]]
) -> list[dict[str, Any]]:
    has_previous = results.previous is not None
    return [
        {
            "code": p.code,
            "heading": f"{p.code}: {p.principle.title}",
            "summary_rows": presenters.principle_summary_rows(p, results),
            "chart": charts.principle_chart(p, results),
            "head": presenters.INDICATOR_HEAD,
            "rows": presenters.indicator_rows(p, has_previous),
            "actions": actions.get(p.code, []),
        }
        for p in results.principles
    ]


def results_context(round: Round) -> dict[str, Any]:
    results = round_results(round=round)
    panel = selectors.panel_for_round(round=round)
    leaders = leader_scores(ics=round.ics)
    gaps = perception_gaps(results, leaders)
    return {
        "results": results,
        "title": f"{round.ics.short_name}: {round.title}, culture self-assessment results",
        "prepared_on": timezone.localdate(),
        "headline_rows": presenters.headline_rows(
            results, sum(1 for s in panel if s.has_submitted)
        ),
        "gateway_head": presenters.GATEWAY_HEAD,
        "gateway_rows": presenters.gateway_rows(results),
        "overall_chart": charts.overall_chart(results),
        "sections": _sections(results, _open_actions(round)),
        "gaps": gaps,
        "gap_head": gap.HEAD,
        "gap_rows": gap.gap_rows(gaps),
        "gap_source": gap.source_text(leaders),
        "leaders": leaders,
    }
