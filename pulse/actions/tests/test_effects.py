"""The results dashboard and board report show each principle's open actions and, once a
pulse check is published after they started, the change in the principle's score."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from pulse.actions.effects import principle_progress
from pulse.actions.models import Action, ActionStatus
from pulse.actions.tests.factories import add_action
from pulse.core.tests.html import text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member
from pulse.reports.exports.pdf import report_context
from pulse.reports.presenters.common import constructs
from pulse.reports.selectors import results_for_wave
from pulse.reports.tests.builders import published_pair, results_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def waves() -> tuple[object, object]:
    baseline, rerun = published_pair()
    started = timezone.localdate() - timedelta(days=200)  # between the two surveys
    action = add_action(title="Protect half a day a month for place leads", principle="P3")
    Action.objects.filter(pk=action.pk).update(started_on=started)
    add_action(title="Finished long ago", principle="P3", status=ActionStatus.DONE)
    return baseline, rerun


def test_the_change_since_the_actions_started_uses_both_stored_publications(waves) -> None:
    baseline, rerun = waves
    progress = principle_progress(results_for_wave(wave=rerun))["P3"]
    before = constructs(results_for_wave(wave=baseline))["P3"]["mean"]
    after = constructs(results_for_wave(wave=rerun))["P3"]["mean"]
    assert progress.change == pytest.approx(after - before)
    assert (
        f"from {before:.1f} out of 10 in Pulse check baseline to {after:.1f} out of 10"
        in progress.change_text
    )
    assert [a.title for a in progress.open_actions] == [
        "Protect half a day a month for place leads"
    ]
    assert principle_progress(results_for_wave(wave=rerun))["P1"].change_text == ""


def test_a_survey_that_closed_before_the_actions_started_shows_no_change(waves) -> None:
    baseline, _ = waves
    progress = principle_progress(results_for_wave(wave=baseline))["P3"]
    assert progress.change is None
    assert progress.change_text.startswith("This survey closed before the actions for P3 started")


def test_the_dashboard_and_board_report_show_open_actions_and_the_change(waves) -> None:
    _, rerun = waves
    client = Client()
    client.force_login(member(Role.ICS_VIEWER, "QYG"))
    body = text(client.get(results_url(rerun, "principles/")))
    assert "Action plan for P3" in body
    assert "Protect half a day a month for place leads: Place leadership forum" in body
    assert "Finished long ago" not in body
    assert "Since the actions started on" in body
    context = report_context(results_for_wave(wave=rerun))
    assert context["principle_actions"]["P3"]["actions"][0]["title"].startswith(
        "Protect half a day"
    )
