"""Reads for the action plan, always scoped to one ICS."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from pulse.actions.models import Action, ActionStatus, PlanFile, Principle, ProgressNote
from pulse.assessments import selectors as assessments
from pulse.assessments.models import Indicator
from pulse.ideas.models import Idea
from pulse.organisations.models import ICS
from pulse.surveys.selectors import instrument_version_by_key

PULSE_CHECK = "ccpl-pulse-check"
SCORED_TYPES = ("agreement", "layer_grid")
#: Actions whose work has begun: their earliest start marks when a principle's actions started.
STARTED = (ActionStatus.IN_PROGRESS, ActionStatus.DONE)
#: The largest id a URL may name (a 32-bit integer), so a huge number is "not found", not an error.
MAX_ID = 2**31 - 1


def actions_for_ics(*, ics: ICS) -> QuerySet[Action]:
    return (
        Action.objects.for_ics(ics)
        .select_related("indicator__principle", "owner", "ics", "idea")
        .prefetch_related(
            Prefetch("notes", queryset=ProgressNote.objects.order_by("-written_on", "-pk"))
        )
    )


def action_for_ics(*, ics: ICS, action_id: int) -> Action:
    return get_object_or_404(actions_for_ics(ics=ics), pk=action_id)


def idea_for_plan(*, ics: ICS, idea_id: str) -> Idea:
    """The idea of the ICS that `idea_id` (as typed in a URL) names, with its action if it has
    one; anything else, another ICS's idea or a malformed id included, is not found."""
    if not re.fullmatch(r"[0-9]{1,10}", idea_id) or not 0 < int(idea_id) <= MAX_ID:
        raise Http404("No such idea")
    ideas = Idea.objects.for_ics(ics).select_related("action")
    return get_object_or_404(ideas, pk=int(idea_id))


def open_actions_by_principle(*, ics: ICS) -> dict[str, list[Action]]:
    """Actions not yet done or dropped, by principle code (every code present)."""
    out: dict[str, list[Action]] = {code: [] for code in Principle.values}
    for action in actions_for_ics(ics=ics).open().order_by("due_on", "pk"):
        out[action.principle].append(action)
    return out


def action_starts(*, ics: ICS) -> dict[str, date]:
    """When each principle's actions started: the earliest start of its actions in progress or
    done. Principles with no started action are left out."""
    starts: dict[str, date] = {}
    rows = Action.objects.for_ics(ics).filter(status__in=STARTED, started_on__isnull=False)
    for code, started in rows.values_list("principle", "started_on"):
        if code not in starts or started < starts[code]:
            starts[code] = started
    return starts


def indicators_for_plan() -> list[Indicator]:
    """Indicators an action can link to: those of the latest framework version."""
    version = assessments.latest_framework_version()
    return [
        i for p in assessments.principles_for_version(version=version) for i in p.indicators.all()
    ]


@dataclass(frozen=True)
class QuestionChoice:
    key: str
    text: str
    principle: str


def pulse_questions() -> list[QuestionChoice]:
    """The scored questions of the latest standard pulse check, for linking an action."""
    version = instrument_version_by_key(key=PULSE_CHECK)
    if version is None:
        return []
    questions = version.questions.filter(type__in=SCORED_TYPES).order_by("position")
    return [QuestionChoice(q.key, q.text, q.principle) for q in questions]


def owners_for_ics(*, ics: ICS) -> list[Any]:
    """People who can own an action: everyone with a role in the ICS."""
    return assessments.people_for_ics(ics=ics)


def plan_file_for_ics(*, ics: ICS) -> PlanFile | None:
    return PlanFile.objects.for_ics(ics).defer("content").first()


def plan_file_content(*, ics: ICS) -> PlanFile | None:
    return PlanFile.objects.for_ics(ics).first()


def plan_file_by_id(*, file_id: int) -> PlanFile | None:
    return PlanFile.objects.select_related("ics").filter(pk=file_id).first()


def plan_changed_at(*, ics: ICS) -> Any:
    """When the plan last changed (an action or a note), for telling whether a PDF is current."""
    latest = (
        Action.objects.for_ics(ics)
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )
    note = (
        ProgressNote.objects.filter(action__ics=ics)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return max((t for t in (latest, note) if t is not None), default=None)
