"""The ICS's CCPL plan as a PDF, made with the reports app's PDF machinery from the same
context as the plan page."""

from django.template.loader import render_to_string

from pulse.actions.plan import plan_context
from pulse.organisations.models import ICS
from pulse.reports.exports.pdf import html_to_pdf


def render_plan_pdf(ics: ICS) -> bytes:
    context = plan_context(ics, linked=False)
    html = render_to_string("actions/pdf/plan.jinja", {**context, "ics": ics, "manage": False})
    return html_to_pdf(html)
