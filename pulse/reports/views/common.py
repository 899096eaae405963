"""The frame every results page shares: a published wave's stored results, or a page that
says they are being prepared."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm
from pulse.organisations.presenters import ics_navigation
from pulse.reports import selectors
from pulse.reports.presenters.navigation import TITLES, contents, pager
from pulse.reports.results import Results
from pulse.surveys.models import Wave

Build = Callable[[HttpRequest, Results], dict[str, Any] | HttpResponse]


def ics_page(request: HttpRequest, ics: ICS, template: str, **context: Any) -> HttpResponse:
    status = context.pop("status", 200)
    context.update(
        ics=ics, navigation_items=ics_navigation(ics, request.user, "reports:list_results")
    )
    return render(request, f"reports/{template}.jinja", context, status=status)


def _preparing(request: HttpRequest, ics: ICS, wave: Wave) -> HttpResponse:
    return ics_page(request, ics, "show_preparing", wave=wave)


def results_page(
    name: str, template: str, methods: tuple[str, ...] = ("GET",)
) -> Callable[[Build], Callable[..., HttpResponse]]:
    """A page of one published wave's results: 404 for any wave that is not published."""

    def decorator(build: Build) -> Callable[..., HttpResponse]:
        @require_http_methods(list(methods))
        @ics_view(Perm.VIEW_RESULTS)
        @wraps(build)
        def view(request: HttpRequest, ics: ICS, wave_id: int) -> HttpResponse:
            wave = selectors.published_wave_for_ics(ics=ics, wave_id=wave_id)
            results = selectors.results_for_wave(wave=wave)
            if results is None:
                return _preparing(request, ics, wave)
            context = build(request, results)
            if isinstance(context, HttpResponse):
                return context
            return ics_page(
                request,
                ics,
                template,
                wave=wave,
                results=results,
                k=results.k,
                heading=TITLES[name],
                current=name,
                contents=contents(ics, wave, name),
                pager=pager(ics, wave, name),
                **context,
            )

        return view

    return decorator
