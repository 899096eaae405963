"""The ICS's pipeline stages: defaults, and an ICS admin's renaming, adding and reordering."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from pulse.core.services import audit_record
from pulse.ideas.models import Stage, StageKind
from pulse.organisations.models import ICS

DEFAULT_STAGES = [
    ("New", StageKind.ACTIVE),
    ("Under review", StageKind.ACTIVE),
    ("Shortlisted", StageKind.ACTIVE),
    ("In development", StageKind.ACTIVE),
    ("Implemented", StageKind.IMPLEMENTED),
    ("Not taken forward", StageKind.CLOSED),
]


@transaction.atomic
def stage_defaults_ensure(*, ics: ICS) -> list[Stage]:
    """The ICS's stages, creating the default pipeline the first time it is needed."""
    stages = list(Stage.objects.select_for_update().for_ics(ics))
    if stages:
        return stages
    return [
        Stage.objects.create(ics=ics, name=name, kind=kind, position=position)
        for position, (name, kind) in enumerate(DEFAULT_STAGES)
    ]


def _check_name(ics: ICS, name: str, exclude: Stage | None = None) -> None:
    clash = Stage.objects.for_ics(ics).filter(name__iexact=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists():
        raise ValidationError({"name": f"There is already a stage called {name}"})


def _renumber(ics: ICS, ordered: list[Stage]) -> None:
    for position, stage in enumerate(ordered):
        if stage.position != position:
            stage.position = position
            stage.save(update_fields=["position"])


@transaction.atomic
def stage_create(*, ics: ICS, name: str, kind: str, by: Any) -> Stage:
    name = name.strip()
    stage_defaults_ensure(ics=ics)
    _check_name(ics, name)
    last = Stage.objects.for_ics(ics).aggregate(last=Max("position"))["last"]
    stage = Stage.objects.create(ics=ics, name=name, kind=kind, position=(last or 0) + 1)
    audit_record(actor=by, action="stage_added", target=stage, ics_code=ics.ods_code)
    return stage


@transaction.atomic
def stage_update(*, stage: Stage, name: str, kind: str, by: Any) -> Stage:
    name = name.strip()
    _check_name(stage.ics, name, exclude=stage)
    old = {"name": stage.name, "kind": stage.kind}
    stage.name, stage.kind = name, kind
    stage.save(update_fields=["name", "kind"])
    audit_record(
        actor=by, action="stage_changed", target=stage, ics_code=stage.ics.ods_code, details=old
    )
    return stage


@transaction.atomic
def stage_move(*, stage: Stage, direction: str, by: Any) -> None:
    """Move a stage one place up or down the pipeline."""
    if direction not in {"up", "down"}:
        raise ValidationError("Select whether to move the stage up or down")
    ordered = list(Stage.objects.select_for_update().for_ics(stage.ics))
    index = next(i for i, s in enumerate(ordered) if s.pk == stage.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        where = "first" if direction == "up" else "last"
        raise ValidationError(f"{stage.name} is already the {where} stage")
    ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(stage.ics, ordered)
    audit_record(
        actor=by,
        action="stage_moved",
        target=stage,
        ics_code=stage.ics.ods_code,
        details={"direction": direction},
    )


@transaction.atomic
def stage_remove(*, stage: Stage, by: Any) -> None:
    """Remove a stage no idea is at. History keeps its name."""
    ics = stage.ics
    count = stage.ideas.count()
    if count:
        ideas = "1 idea is" if count == 1 else f"{count} ideas are"
        raise ValidationError(
            f"You cannot remove {stage.name} because {ideas} at this stage. Move them first."
        )
    if Stage.objects.for_ics(ics).count() <= 1:
        raise ValidationError("You cannot remove the only stage. Add another stage first.")
    audit_record(actor=by, action="stage_removed", target=stage, ics_code=ics.ods_code)
    stage.delete()
    _renumber(ics, list(Stage.objects.for_ics(ics)))
