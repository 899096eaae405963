"""Writes for the action plan: add and change actions, record progress, and the plan's PDF.
Every change is made by an ICS admin and audited.

An action can put an idea from the ideas space into practice (`ActionDetails.idea`): the idea
must belong to the same ICS and be no other action's. The audit records the idea's id, never
who wrote it (an idea posted as "A colleague" must not be traced back through the plan)."""

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pulse.actions import selectors
from pulse.actions.models import (
    Action,
    ActionStatus,
    PlanFile,
    Principle,
    ProgressNote,
)
from pulse.assessments.models import Indicator
from pulse.core.services import audit_record
from pulse.ideas.models import Idea
from pulse.organisations.models import ICS

NOTE_MAX = 5000
IDEA_TAKEN = "This idea is already an action in the plan"


@dataclass(frozen=True)
class ActionDetails:
    principle: str
    title: str
    due_on: date
    status: str = ActionStatus.NOT_STARTED
    indicator: Indicator | None = None
    question_key: str = ""
    description: str = ""
    owner: Any = None
    owner_name: str = ""
    idea: Idea | None = None


def _audit(action: Action, name: str, by: Any, **details: Any) -> None:
    audit_record(
        actor=by, action=name, target=action, ics_code=action.ics.ods_code, details=details
    )


def _check_links(details: ActionDetails) -> None:
    if details.principle not in Principle.values:
        raise ValidationError({"principle": "Select a principle"})
    indicator = details.indicator
    if indicator is not None and indicator.principle.code != details.principle:
        raise ValidationError({"indicator": "Select an indicator of the principle you chose"})
    if details.question_key:
        questions = {q.key: q for q in selectors.pulse_questions()}
        question = questions.get(details.question_key)
        if question is None:
            raise ValidationError({"question_key": "Select a question from the pulse check"})
        if question.principle and question.principle != details.principle:
            raise ValidationError(
                {"question_key": "Select a question about the principle you chose"}
            )


def _check_idea(ics: ICS, idea: Idea | None, action: Action | None) -> None:
    """The idea is the ICS's, and a newly linked one is shown and no other action's. The idea's
    row is locked so two admins cannot turn it into two actions at once."""
    if idea is None or (action is not None and action.idea_id == idea.pk):
        return
    locked = Idea.objects.select_for_update().filter(pk=idea.pk, ics=ics).first()
    if locked is None:
        raise ValidationError({"idea": "Select an idea from your system"})
    if locked.is_hidden:
        raise ValidationError(
            {"idea": "This idea is hidden. Show it again to turn it into an action"}
        )
    others = Action.objects.filter(idea=locked)
    if action is not None:
        others = others.exclude(pk=action.pk)
    if others.exists():
        raise ValidationError({"idea": IDEA_TAKEN})


def _check(ics: ICS, details: ActionDetails, action: Action | None = None) -> None:
    _check_links(details)
    _check_idea(ics, details.idea, action)
    if not details.title.strip():
        raise ValidationError({"title": "Enter what the action is"})
    if details.owner is not None and details.owner.pk not in {
        p.pk for p in selectors.owners_for_ics(ics=ics)
    }:
        raise ValidationError({"owner": "Select someone with a role in your system"})
    if details.owner is None and not details.owner_name.strip():
        raise ValidationError({"owner_name": "Select the owner or enter their name"})
    if details.status not in ActionStatus.values:
        raise ValidationError({"status": "Select the status"})


def _apply(action: Action, details: ActionDetails) -> None:
    action.principle = details.principle
    action.indicator = details.indicator
    action.question_key = details.question_key
    action.title = details.title.strip()[:200]
    action.description = details.description.strip()
    action.owner = details.owner
    action.owner_name = "" if details.owner is not None else details.owner_name.strip()[:150]
    action.due_on = details.due_on
    action.status = details.status
    action.idea = details.idea
    if action.status != ActionStatus.NOT_STARTED and action.started_on is None:
        action.started_on = timezone.localdate()


def _summary(details: ActionDetails) -> dict[str, Any]:
    """What the audit keeps: ids and keys for what is linked, never the idea's author."""
    data = {f.name: getattr(details, f.name) for f in fields(details) if f.name != "description"}
    data["indicator"] = details.indicator.key if details.indicator else ""
    data["owner"] = details.owner.email if details.owner else ""
    data["due_on"] = details.due_on.isoformat()
    data["idea"] = details.idea.pk if details.idea else None
    return data


@transaction.atomic
def action_create(*, ics: ICS, details: ActionDetails, by: Any) -> Action:
    _check(ics, details)
    action = Action(ics=ics, created_by=by if getattr(by, "pk", None) else None)
    _apply(action, details)
    action.save()
    _audit(action, "action_added", by, **_summary(details))
    return action


@transaction.atomic
def action_update(*, action: Action, details: ActionDetails, by: Any) -> Action:
    action = Action.objects.select_for_update().select_related("ics").get(pk=action.pk)
    _check(action.ics, details, action)
    before = action.status
    _apply(action, details)
    action.save()
    _audit(action, "action_changed", by, status_before=before, **_summary(details))
    return action


@transaction.atomic
def progress_note_add(
    *, action: Action, text: str, by: Any, written_on: date | None = None
) -> ProgressNote:
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter the progress made"})
    if len(text) > NOTE_MAX:
        raise ValidationError({"text": f"Progress must be {NOTE_MAX} characters or fewer"})
    note = ProgressNote.objects.create(
        action=action,
        text=text,
        written_on=written_on or timezone.localdate(),
        created_by=by if getattr(by, "pk", None) else None,
    )
    Action.objects.filter(pk=action.pk).update(updated_at=timezone.now())
    _audit(action, "action_progress_noted", by, written_on=note.written_on.isoformat())
    return note


@transaction.atomic
def plan_file_request(*, ics: ICS, by: Any) -> PlanFile:
    """Ask for the plan's PDF to be made again; the background task renders it."""
    from pulse.actions.tasks import render_plan_file

    plan_file, _ = PlanFile.objects.select_for_update().get_or_create(
        ics=ics, defaults={"created_at": timezone.now()}
    )
    plan_file.queue(by=by)
    audit_record(actor=by, action="plan_pdf_requested", target=plan_file, ics_code=ics.ods_code)
    file_id = plan_file.pk
    transaction.on_commit(lambda: render_plan_file.enqueue(plan_file_id=file_id))
    return plan_file


def plan_file_render(*, plan_file_id: int) -> PlanFile | None:
    """Render a queued plan PDF (a failure is recorded, then raised for the task log)."""
    from pulse.actions.exports import render_plan_pdf

    plan_file = selectors.plan_file_by_id(file_id=plan_file_id)
    if plan_file is None:
        return None
    plan_file.store(lambda: render_plan_pdf(plan_file.ics))
    return plan_file


def plan_file_download_record(*, plan_file: PlanFile, by: Any) -> None:
    audit_record(
        actor=by, action="plan_pdf_downloaded", target=plan_file, ics_code=plan_file.ics.ods_code
    )
