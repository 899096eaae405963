"""The demo's self-assessment and plan: two completed rounds a year apart with movement, and
actions in every status, some overdue; loading it twice changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pulse.actions.models import Action, ActionStatus
from pulse.assessments.models import Round, RoundStatus
from pulse.assessments.results import round_results
from pulse.nonprod.assessments_demo import build_assessments
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import ics, member

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_rounds_a_year_apart_and_a_plan_in_every_status() -> None:
    system, admin = ics("QYG"), member(Role.ICS_ADMIN, "QYG")
    build_assessments(system, admin)
    rounds = list(Round.objects.for_ics(system).order_by("completed_on"))
    assert [r.status for r in rounds] == [RoundStatus.COMPLETED] * 2
    assert rounds[1].completed_on - rounds[0].completed_on >= timedelta(days=350)
    results = round_results(round=rounds[1])
    assert results.previous == rounds[0]
    assert results.overall_movement and results.overall_movement > 0
    assert any((p.movement or 0) > 0 for p in results.principles)
    actions = list(Action.objects.for_ics(system))
    assert {a.status for a in actions} == set(ActionStatus.values)
    assert {a.principle for a in actions} == {"P1", "P2", "P3", "P4", "P5"}
    assert all(a.indicator is not None for a in actions)
    today = timezone.localdate()
    assert sum(1 for a in actions if a.is_overdue(today)) >= 2
    counts = (Round.objects.count(), Action.objects.count())
    build_assessments(system, admin)
    assert (Round.objects.count(), Action.objects.count()) == counts
