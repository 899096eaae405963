"""The action plan, mounted at /ics/<ics_code>/action-plan/: the plan page (printable as the
ICS's CCPL plan), an action with its progress notes, adding and changing actions (an idea is
turned into an action by adding one with `?idea=<id>`, kept when the form is posted), and the
plan's PDF."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pulse.actions import presenters, selectors, services
from pulse.actions.forms import ActionForm, ProgressNoteForm
from pulse.actions.models import Action, PlanFileStatus
from pulse.actions.plan import plan_context
from pulse.ideas.models import Idea
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm, has_perm
from pulse.organisations.presenters import ics_navigation

SECTION = "actions:list_actions"


def _page(
    request: HttpRequest, ics: ICS, template: str, *, status: int = 200, **context: Any
) -> HttpResponse:
    context.update(ics=ics, navigation_items=ics_navigation(ics, request.user, SECTION))
    return render(request, f"actions/{template}.jinja", context, status=status)


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _saved(form: Form, action: Any) -> Any:
    try:
        return action()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return None
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None


def _action_form(
    request: HttpRequest, ics: ICS, initial: dict[str, Any], idea: Idea | None = None
) -> ActionForm:
    return ActionForm(
        data=_posted(request),
        initial=initial,
        indicators=selectors.indicators_for_plan(),
        questions=selectors.pulse_questions(),
        owners=selectors.owners_for_ics(ics=ics),
        idea=idea,
    )


def _idea_asked_for(request: HttpRequest, ics: ICS) -> Idea | None:
    """The idea named by `?idea=` (on the form's page and when it is posted), or None."""
    idea_id = request.GET.get("idea")
    return None if idea_id is None else selectors.idea_for_plan(ics=ics, idea_id=idea_id)


@require_GET
@ics_view(Perm.VIEW_ACTIONS)
def list_actions(request: HttpRequest, ics: ICS) -> HttpResponse:
    context = plan_context(ics, linked=True)
    manage = has_perm(request.user, Perm.MANAGE_ACTIONS, ics=ics)
    return _page(request, ics, "list_actions", manage=manage, **context)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_ACTIONS)
def add_action(request: HttpRequest, ics: ICS) -> HttpResponse:
    idea = _idea_asked_for(request, ics)
    existing = getattr(idea, "action", None)
    if existing is not None and request.method == "GET":
        messages.error(request, services.IDEA_TAKEN)
        return redirect(presenters.action_url(existing))
    initial = presenters.initial_from_idea(idea, request.GET.get("principle", ""))
    form = _action_form(request, ics, initial, idea)
    if request.method == "POST" and form.is_valid():
        details = form.details()
        action = _saved(
            form, lambda: services.action_create(ics=ics, details=details, by=request.user)
        )
        if action is not None:
            messages.success(request, f"Action added: {action.title}")
            return redirect(presenters.action_url(action))
    return _page(
        request, ics, "add_action", form=form, idea=idea, status=400 if form.errors else 200
    )


@require_GET
@ics_view(Perm.VIEW_ACTIONS)
def show_action(request: HttpRequest, ics: ICS, action_id: int) -> HttpResponse:
    action = selectors.action_for_ics(ics=ics, action_id=action_id)
    return _show(request, ics, action, ProgressNoteForm())


def _show(
    request: HttpRequest, ics: ICS, action: Action, form: Form, status: int = 200
) -> HttpResponse:
    return _page(
        request,
        ics,
        "show_action",
        action=action,
        rows=presenters.action_summary_rows(action, selectors.pulse_questions()),
        idea_source=presenters.idea_source(
            action, can_view_ideas=has_perm(request.user, Perm.VIEW_IDEAS, ics=ics)
        ),
        notes=presenters.note_items(action),
        form=form,
        manage=has_perm(request.user, Perm.MANAGE_ACTIONS, ics=ics),
        status=status,
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MANAGE_ACTIONS)
def edit_action(request: HttpRequest, ics: ICS, action_id: int) -> HttpResponse:
    action = selectors.action_for_ics(ics=ics, action_id=action_id)
    initial = {
        "title": action.title,
        "description": action.description,
        "principle": action.principle,
        "indicator": str(action.indicator_id or ""),
        "question_key": action.question_key,
        "owner": str(action.owner_id or ""),
        "owner_name": action.owner_name,
        "due_on": action.due_on,
        "status": action.status,
    }
    form = _action_form(request, ics, initial, action.idea)
    if request.method == "POST" and form.is_valid():
        details = form.details()
        if _saved(
            form, lambda: services.action_update(action=action, details=details, by=request.user)
        ):
            messages.success(request, "Action changed")
            return redirect(presenters.action_url(action))
    return _page(
        request, ics, "edit_action", action=action, form=form, status=400 if form.errors else 200
    )


@require_http_methods(["POST"])
@ics_view(Perm.MANAGE_ACTIONS)
def add_note(request: HttpRequest, ics: ICS, action_id: int) -> HttpResponse:
    action = selectors.action_for_ics(ics=ics, action_id=action_id)
    form = ProgressNoteForm(data=request.POST)
    if form.is_valid():
        text = form.cleaned_data["text"]
        if _saved(
            form, lambda: services.progress_note_add(action=action, text=text, by=request.user)
        ):
            messages.success(request, "Progress noted")
            return redirect(presenters.action_url(action))
    return _show(request, ics, action, form, status=400)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.VIEW_ACTIONS)
def list_downloads(request: HttpRequest, ics: ICS) -> HttpResponse:
    if request.method == "POST":
        services.plan_file_request(ics=ics, by=request.user)
        return redirect("actions:list_downloads", ics_code=ics.url_code)
    plan_file = selectors.plan_file_for_ics(ics=ics)
    return _page(
        request,
        ics,
        "list_downloads",
        plan_file=plan_file,
        state=presenters.file_state(plan_file, selectors.plan_changed_at(ics=ics)),
    )


@require_GET
@ics_view(Perm.VIEW_ACTIONS)
def download_plan(request: HttpRequest, ics: ICS) -> HttpResponse:
    plan_file = selectors.plan_file_content(ics=ics)
    if plan_file is None or plan_file.status != PlanFileStatus.READY:
        return redirect("actions:list_downloads", ics_code=ics.url_code)
    services.plan_file_download_record(plan_file=plan_file, by=request.user)
    response = HttpResponse(bytes(plan_file.content), content_type="application/pdf")
    name = f"ccpl-plan-{ics.ods_code.lower()}-{plan_file.completed_at:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
