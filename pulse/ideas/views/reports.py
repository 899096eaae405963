"""Reporting an idea or a comment as inappropriate (staff), once each."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from pulse.ideas import selectors
from pulse.ideas.forms.ideas import ReportForm
from pulse.ideas.models import Comment, Idea
from pulse.ideas.presenters.moderation import post_summary
from pulse.ideas.services import ideas as services
from pulse.ideas.views._common import page, posted, save, viewer
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm


def _report(
    request: HttpRequest, ics: ICS, idea: Idea, comment: Comment | None = None
) -> HttpResponse:
    form = ReportForm(data=posted(request))
    post = comment if comment is not None else idea
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        save(
            form,
            lambda: services.report_create(
                reporter=request.user,
                reason=reason,
                idea=None if comment is not None else idea,
                comment=comment,
            ),
        )
        if not form.errors:
            messages.success(request, "Thank you. A moderator will look at your report")
            return redirect("ideas:show_idea", ics_code=ics.url_code, idea_id=idea.pk)
    noun = "comment" if comment is not None else "idea"
    summary = post_summary(ics, post)
    return page(request, ics, f"report_{noun}", form=form, post=summary, idea=idea)


def _idea(request: HttpRequest, ics: ICS, idea_id: int) -> Idea:
    return selectors.idea_for_ics(
        ics=ics,
        idea_id=idea_id,
        viewer=request.user,
        can_moderate=viewer(request, ics).can_moderate,
    )


@require_http_methods(["GET", "POST"])
@ics_view(Perm.POST_IDEAS)
def report_idea(request: HttpRequest, ics: ICS, idea_id: int) -> HttpResponse:
    return _report(request, ics, _idea(request, ics, idea_id))


@require_http_methods(["GET", "POST"])
@ics_view(Perm.POST_IDEAS)
def report_comment(request: HttpRequest, ics: ICS, idea_id: int, comment_id: int) -> HttpResponse:
    idea = _idea(request, ics, idea_id)
    comment = selectors.comment_for_idea(idea=idea, comment_id=comment_id)
    return _report(request, ics, idea, comment)
