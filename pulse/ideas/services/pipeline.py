"""The design group moves ideas through the pipeline, always with feedback."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pulse.accounts.models import User
from pulse.core.services import audit_record
from pulse.ideas.models import Idea, NotificationKind, Stage, StageChange
from pulse.ideas.services.notifications import Message, notify

FEEDBACK_MAX = 2000


def _check(idea: Idea, to_stage: Stage | None, feedback: str) -> dict[str, str]:
    errors = {}
    if to_stage is None or to_stage.ics_id != idea.ics_id:
        errors["stage"] = "Select the stage to move the idea to"
    elif to_stage.pk == idea.stage_id:
        errors["stage"] = f"The idea is already at {to_stage.name}. Select a different stage"
    if not feedback:
        errors["feedback"] = "Enter feedback for the author and supporters"
    elif len(feedback) > FEEDBACK_MAX:
        errors["feedback"] = f"Feedback must be {FEEDBACK_MAX} characters or fewer"
    return errors


@transaction.atomic
def idea_move(*, idea: Idea, to_stage: Stage | None, feedback: str, by: Any) -> StageChange:
    """Move an idea to another stage of its ICS's pipeline; tell its author and supporters."""
    locked = Idea.objects.select_for_update().select_related("stage", "ics").get(pk=idea.pk)
    feedback = feedback.strip()
    errors = _check(locked, to_stage, feedback)
    if errors:
        raise ValidationError(errors)
    assert to_stage is not None
    change = StageChange.objects.create(
        idea=locked,
        from_stage_name=locked.stage.name,
        to_stage=to_stage,
        to_stage_name=to_stage.name,
        feedback=feedback,
        moved_by=by if getattr(by, "pk", None) else None,
    )
    locked.stage = to_stage
    locked.review_started_at = locked.review_started_at or timezone.now()
    locked.save(update_fields=["stage", "review_started_at", "updated_at"])
    audit_record(
        actor=by,
        action="idea_moved",
        target=locked,
        ics_code=locked.ics.ods_code,
        details={"from": change.from_stage_name, "to": change.to_stage_name},
    )
    _tell(locked, change)
    return change


def _tell(idea: Idea, change: StageChange) -> None:
    detail = f"Feedback from the design group:\n\n{change.feedback}"
    notify(
        users=[idea.author],
        ics=idea.ics,
        idea=idea,
        message=Message(
            kind=NotificationKind.STAGE_CHANGE_MINE,
            text=f"Your idea {idea.title} moved to {change.to_stage_name}",
            subject=f"Your idea has moved to {change.to_stage_name}",
            detail=detail,
        ),
    )
    supporters = User.objects.filter(pk__in=idea.supports.values("user_id"))
    if idea.author_id is not None:
        supporters = supporters.exclude(pk=idea.author_id)
    notify(
        users=supporters,
        ics=idea.ics,
        idea=idea,
        message=Message(
            kind=NotificationKind.STAGE_CHANGE_SUPPORTED,
            text=f"An idea you support, {idea.title}, moved to {change.to_stage_name}",
            subject=f"An idea you support has moved to {change.to_stage_name}",
            detail=detail,
        ),
    )
