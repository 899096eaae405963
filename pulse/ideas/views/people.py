"""A person's own pages: notifications and their settings, their ideas; and "You said, we did"."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pulse.core.presenters import page_number
from pulse.ideas import selectors
from pulse.ideas.forms.ideas import NotificationSettingsForm
from pulse.ideas.presenters.people import NotificationsPresenter, outcome_items
from pulse.ideas.services import notifications as services
from pulse.ideas.views._common import page, posted
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm, has_perm


@require_GET
@ics_view(Perm.VIEW_IDEAS)
def list_notifications(request: HttpRequest, ics: ICS) -> HttpResponse:
    notes = selectors.notifications_for(
        user=request.user, ics=ics, page=page_number(request.GET.get("page"))
    )
    presenter = NotificationsPresenter(ics=ics, page=notes, query=request.GET)
    return page(request, ics, "list_notifications", notifications=presenter)


@require_POST
@ics_view(Perm.VIEW_IDEAS)
def mark_notifications_read(request: HttpRequest, ics: ICS) -> HttpResponse:
    services.notifications_mark_read(user=request.user, ics=ics)
    messages.success(request, "All notifications marked as read")
    return redirect("ideas:list_notifications", ics_code=ics.url_code)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.VIEW_IDEAS)
def edit_notification_settings(request: HttpRequest, ics: ICS) -> HttpResponse:
    current = services.preference_for(request.user)
    initial = {"kinds": list(current.kinds), "by_email": "yes" if current.by_email else "no"}
    form = NotificationSettingsForm(data=posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_update(
            user=request.user,
            kinds=form.cleaned_data["kinds"],
            by_email=form.cleaned_data["by_email"] == "yes",
        )
        messages.success(request, "Your notification settings have been saved")
        return redirect("ideas:list_notifications", ics_code=ics.url_code)
    return page(request, ics, "edit_notification_settings", form=form)


@require_GET
@ics_view(Perm.VIEW_IDEAS)
def show_outcomes(request: HttpRequest, ics: ICS) -> HttpResponse:
    items = outcome_items(
        ics,
        selectors.outcomes_for_ics(ics=ics),
        can_view_actions=has_perm(request.user, Perm.VIEW_ACTIONS, ics=ics),
    )
    return page(request, ics, "show_outcomes", outcomes=items)
