"""Helpers shared by the survey admin views."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pulse.organisations.models import ICS
from pulse.organisations.presenters import ics_navigation

T = TypeVar("T")


def posted(request: HttpRequest) -> Any:
    """The submitted data on a POST (even if empty, so the form shows what is missing)."""
    return request.POST if request.method == "POST" else None


def page(request: HttpRequest, ics: ICS, template: str, **context: object) -> HttpResponse:
    """Render an admin page inside the ICS, with "Surveys" as the current section."""
    context.update(
        ics=ics, navigation_items=ics_navigation(ics, request.user, "surveys:list_waves")
    )
    return render(request, f"surveys/admin/{template}.jinja", context)


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
