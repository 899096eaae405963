"""The pipeline: moderators move ideas with feedback; ICS admins rename, add and reorder stages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pulse.ideas import selectors
from pulse.ideas.forms.admin import StageForm
from pulse.ideas.forms.ideas import MoveForm
from pulse.ideas.presenters.admin import stage_items
from pulse.ideas.presenters.ideas import history_items
from pulse.ideas.services import pipeline, stages
from pulse.ideas.views._common import error_items, page, posted, save
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MODERATE_IDEAS)
def move_idea(request: HttpRequest, ics: ICS, idea_id: int) -> HttpResponse:
    idea = selectors.idea_for_ics(ics=ics, idea_id=idea_id, viewer=request.user, can_moderate=True)
    choices = selectors.stages_for_ics(ics=ics).exclude(pk=idea.stage_id)
    form = MoveForm(data=posted(request), stages=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change = save(
            form,
            lambda: pipeline.idea_move(
                idea=idea, to_stage=data["stage"], feedback=data["feedback"], by=request.user
            ),
        )
        if change is not None:
            messages.success(request, f"{idea.title} moved to {change.to_stage_name}")
            return redirect("ideas:show_idea", ics_code=ics.url_code, idea_id=idea.pk)
    history = history_items(list(selectors.stage_changes_for_idea(idea=idea)))
    return page(request, ics, "move_idea", form=form, idea=idea, history=history)


def _to_stages(ics: ICS) -> HttpResponse:
    return redirect("ideas:list_stages", ics_code=ics.url_code)


@require_GET
@ics_view(Perm.MANAGE_CHALLENGES)
def list_stages(request: HttpRequest, ics: ICS) -> HttpResponse:
    # The first visit creates the default pipeline, so there is always something to change.
    stages.stage_defaults_ensure(ics=ics)
    items = stage_items(ics, list(selectors.stages_for_ics(ics=ics)))
    return page(request, ics, "list_stages", stages=items)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_CHALLENGES)
def add_stage(request: HttpRequest, ics: ICS) -> HttpResponse:
    form = StageForm(data=posted(request), initial={"kind": "active"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        stage = save(form, lambda: stages.stage_create(ics=ics, by=request.user, **data))
        if stage is not None:
            messages.success(request, f"{stage.name} added")
            return _to_stages(ics)
    return page(request, ics, "add_stage", form=form)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_CHALLENGES)
def edit_stage(request: HttpRequest, ics: ICS, stage_id: int) -> HttpResponse:
    stage = selectors.stage_for_ics(ics=ics, stage_id=stage_id)
    form = StageForm(data=posted(request), initial={"name": stage.name, "kind": stage.kind})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if save(form, lambda: stages.stage_update(stage=stage, by=request.user, **data)):
            messages.success(request, f"Stage saved as {data['name'].strip()}")
            return _to_stages(ics)
    return page(request, ics, "edit_stage", form=form, stage=stage)


@require_POST
@ics_view(Perm.MANAGE_CHALLENGES)
def move_stage(request: HttpRequest, ics: ICS, stage_id: int) -> HttpResponse:
    stage = selectors.stage_for_ics(ics=ics, stage_id=stage_id)
    direction = str(request.POST.get("direction", ""))
    try:
        stages.stage_move(stage=stage, direction=direction, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"{stage.name} moved {direction}")
    return _to_stages(ics)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_CHALLENGES)
def remove_stage(request: HttpRequest, ics: ICS, stage_id: int) -> HttpResponse:
    stage = selectors.stage_for_ics(ics=ics, stage_id=stage_id)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        try:
            stages.stage_remove(stage=stage, by=request.user)
        except ValidationError as error:
            errors = error_items(error, "#confirm")
        else:
            messages.success(request, f"{stage.name} removed")
            return _to_stages(ics)
    return page(request, ics, "remove_stage", stage=stage, refused=errors)
