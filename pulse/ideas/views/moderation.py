"""Moderation: the queue of reported posts, and hiding, restoring or keeping a post."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods

from pulse.ideas import selectors
from pulse.ideas.forms.ideas import HideForm
from pulse.ideas.presenters.moderation import post_summary, queue_items
from pulse.ideas.services import moderation as services
from pulse.ideas.views._common import error_items, page, posted, save
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm


@require_GET
@ics_view(Perm.MODERATE_IDEAS)
def list_reports(request: HttpRequest, ics: ICS) -> HttpResponse:
    reported = queue_items(ics, *selectors.reported_posts(ics=ics))
    hidden = queue_items(ics, *selectors.hidden_posts(ics=ics))
    return page(request, ics, "list_reports", reported=reported, hidden=hidden)


def _to_queue(ics: ICS) -> HttpResponse:
    return redirect("ideas:list_reports", ics_code=ics.url_code)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MODERATE_IDEAS)
def hide_post(request: HttpRequest, ics: ICS, kind: str, post_id: int) -> HttpResponse:
    post = selectors.post_for_ics(ics=ics, kind=kind, post_id=post_id)
    form = HideForm(data=posted(request))
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        save(form, lambda: services.post_hide(post=post, reason=reason, by=request.user))
        if not form.errors:
            messages.success(request, f"The {kind} is hidden. Its author can see your reason")
            return _to_queue(ics)
    return page(request, ics, "hide_post", form=form, post=post_summary(ics, post), kind=kind)


def _confirm(request: HttpRequest, ics: ICS, kind: str, post_id: int, action: str) -> HttpResponse:
    post = selectors.post_for_ics(ics=ics, kind=kind, post_id=post_id)
    service = services.post_restore if action == "restore_post" else services.reports_dismiss
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        try:
            service(post=post, by=request.user)
        except ValidationError as error:
            errors = error_items(error, "#confirm")
        else:
            done = "shown again" if action == "restore_post" else "kept and its reports closed"
            messages.success(request, f"The {kind} is {done}")
            return _to_queue(ics)
    summary = post_summary(ics, post)
    return page(request, ics, action, post=summary, kind=kind, refused=errors)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MODERATE_IDEAS)
def restore_post(request: HttpRequest, ics: ICS, kind: str, post_id: int) -> HttpResponse:
    return _confirm(request, ics, kind, post_id, "restore_post")


@require_http_methods(["GET", "POST"])
@ics_view(Perm.MODERATE_IDEAS)
def dismiss_reports(request: HttpRequest, ics: ICS, kind: str, post_id: int) -> HttpResponse:
    return _confirm(request, ics, kind, post_id, "dismiss_reports")
