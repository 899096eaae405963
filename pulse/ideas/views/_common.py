"""Helpers shared by the ideas views."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pulse.ideas.presenters.ideas import Viewer
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm, has_perm
from pulse.organisations.presenters import ics_navigation

T = TypeVar("T")


def posted(request: HttpRequest) -> Any:
    """The submitted data on a POST (even if empty, so the form shows what is missing)."""
    return request.POST if request.method == "POST" else None


def viewer(request: HttpRequest, ics: ICS) -> Viewer:
    user = request.user
    return Viewer(
        user=user,
        can_post=has_perm(user, Perm.POST_IDEAS, ics=ics),
        can_moderate=has_perm(user, Perm.MODERATE_IDEAS, ics=ics),
        can_view_actions=has_perm(user, Perm.VIEW_ACTIONS, ics=ics),
        can_manage_actions=has_perm(user, Perm.MANAGE_ACTIONS, ics=ics),
    )


def page(
    request: HttpRequest, ics: ICS, template: str, *, status: int = 200, **context: object
) -> HttpResponse:
    """Render an ideas page inside the ICS, with "Ideas" as the current section."""
    user = request.user
    context.update(
        ics=ics,
        navigation_items=ics_navigation(ics, user, "ideas:list_challenges"),
        can_post=has_perm(user, Perm.POST_IDEAS, ics=ics),
        can_moderate=has_perm(user, Perm.MODERATE_IDEAS, ics=ics),
        can_manage=has_perm(user, Perm.MANAGE_CHALLENGES, ics=ics),
        can_manage_domains=has_perm(user, Perm.MANAGE_EMAIL_DOMAINS, ics=ics),
    )
    return render(request, f"ideas/{template}.jinja", context, status=status)


def save(form: forms.Form, action: Callable[[], T]) -> T | None:
    """Run a service and return what it returns; on a ValidationError, put its messages on the
    form (on the field it names, if the form has it) and return None."""
    try:
        return action()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return None
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None


def error_items(error: ValidationError, anchor: str) -> list[dict[str, str]]:
    """Error summary items for a service's refusal that is not about a form field."""
    return [{"text": message, "href": anchor} for message in error.messages]
