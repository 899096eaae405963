"""The anonymous respondent journey (to be built out)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pulse.surveys.selectors import wave_by_open_link


@require_GET
def start(request: HttpRequest, slug: str) -> HttpResponse:
    wave = wave_by_open_link(slug=slug)
    return render(request, "surveys/respond/start.jinja", {"wave": wave})
