"""Actions in every status, made through the service as an ICS admin would."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from pulse.actions.models import Action, ActionStatus
from pulse.actions.services import ActionDetails, action_create
from pulse.assessments.models import Indicator
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import ics as ics_by_code
from pulse.organisations.tests.factories import member


def add_action(
    *,
    title: str = "Give every place leadership group a social care seat",
    principle: str = "P1",
    status: str = ActionStatus.IN_PROGRESS,
    due_on: date | None = None,
    indicator: Indicator | None = None,
    owner_name: str = "Place leadership forum",
    ods_code: str = "QYG",
    by: Any = None,
) -> Action:
    return action_create(
        ics=ics_by_code(ods_code),
        details=ActionDetails(
            principle=principle,
            title=title,
            due_on=due_on or timezone.localdate() + timedelta(days=60),
            status=status,
            indicator=indicator,
            owner_name=owner_name,
        ),
        by=by or member(Role.ICS_ADMIN, ods_code),
    )
