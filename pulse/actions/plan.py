"""The plan as the page and the PDF show it: every principle with its actions, and where the
latest completed self-assessment put the principle."""

from typing import Any

from django.utils import timezone

from pulse.actions import presenters, selectors
from pulse.assessments.presenters.common import mean_text
from pulse.assessments.results import round_results
from pulse.assessments.selectors import latest_completed_round
from pulse.organisations.models import ICS


def latest_maturity(ics: ICS) -> dict[str, str]:
    """Each principle's maturity in the latest completed round, in words."""
    round = latest_completed_round(ics=ics)
    if round is None:
        return {}
    results = round_results(round=round)
    return {
        p.code: f"The panel rated it {mean_text(p.mean)} in {round.title}."
        for p in results.principles
        if p.mean is not None
    }


def plan_context(ics: ICS, *, linked: bool) -> dict[str, Any]:
    actions = list(selectors.actions_for_ics(ics=ics))
    return {
        "title": f"{ics.short_name}: clinical and care professional leadership plan",
        "prepared_on": timezone.localdate(),
        "summary_rows": presenters.plan_summary(actions),
        "sections": presenters.plan_sections(actions, latest_maturity(ics), linked=linked),
        "head": presenters.ACTION_HEAD,
        "count": len(actions),
    }
