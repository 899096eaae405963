"""Helpers shared by the self-assessment views."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pulse.assessments.models import Round
from pulse.organisations.models import ICS
from pulse.organisations.presenters import ics_navigation

T = TypeVar("T")
SECTION = "assessments:list_rounds"


def posted(request: HttpRequest) -> Any:
    """The submitted data on a POST (even if empty, so the form shows what is missing)."""
    return request.POST if request.method == "POST" else None


def page(
    request: HttpRequest, ics: ICS, template: str, *, status: int = 200, **context: Any
) -> HttpResponse:
    """Render a page inside the ICS with "Self-assessment" as the current section."""
    context.update(ics=ics, navigation_items=ics_navigation(ics, request.user, SECTION))
    return render(request, f"assessments/{template}.jinja", context, status=status)


def to_round(ics: ICS, round: Round, name: str = "assessments:show_round") -> HttpResponse:
    return redirect(name, ics_code=ics.url_code, round_id=round.pk)


def save(form: forms.Form, action: Callable[[], T]) -> T | None:
    """Run a service; on a ValidationError put its messages on the form (on the field it names
    when the form has it) and return None."""
    try:
        return action()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return None
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None
