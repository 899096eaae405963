"""Ideas: post, read, edit (the author, until review starts), support, comment and reply."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pulse.ideas import selectors
from pulse.ideas.authorship import UNNAMED, is_author
from pulse.ideas.forms._fields import POST_AS_COLLEAGUE, POST_AS_NAMED
from pulse.ideas.forms.ideas import CommentForm, IdeaForm, ReplyForm
from pulse.ideas.models import Idea
from pulse.ideas.presenters.ideas import IdeaPagePresenter
from pulse.ideas.presenters.people import my_idea_rows
from pulse.ideas.services import ideas as services
from pulse.ideas.views._common import error_items, page, posted, save, viewer
from pulse.organisations.access import ics_view
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm, has_perm


def _name(request: HttpRequest) -> str:
    return request.user.full_name or UNNAMED  # type: ignore[union-attr]


def _comment_initial(request: HttpRequest, idea: Idea) -> dict[str, str]:
    """The author of an idea posted as "A colleague" replies as "A colleague" unless they
    choose otherwise, so they do not give themselves away by mistake."""
    if idea.anonymous and is_author(idea, request.user):
        return {"post_as": POST_AS_COLLEAGUE}
    return {}


def _idea(request: HttpRequest, ics: ICS, idea_id: int) -> Idea:
    who = viewer(request, ics)
    return selectors.idea_for_ics(
        ics=ics, idea_id=idea_id, viewer=request.user, can_moderate=who.can_moderate
    )


def _to_idea(ics: ICS, idea: Idea, anchor: str = "") -> HttpResponse:
    response = redirect("ideas:show_idea", ics_code=ics.url_code, idea_id=idea.pk)
    response["Location"] += anchor
    return response


@require_http_methods(["GET", "POST"])
@ics_view(Perm.POST_IDEAS)
def add_idea(request: HttpRequest, ics: ICS, challenge_id: int) -> HttpResponse:
    challenge = selectors.challenge_for_ics(
        ics=ics,
        challenge_id=challenge_id,
        include_upcoming=has_perm(request.user, Perm.MANAGE_CHALLENGES, ics=ics),
    )
    is_open = challenge.is_open_on(timezone.localdate())
    form = IdeaForm(data=posted(request), author_name=_name(request))
    if is_open and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        idea = save(
            form,
            lambda: services.idea_create(
                challenge=challenge,
                author=request.user,
                title=data["title"],
                description=data["description"],
                principles=data["principles"],
                anonymous=form.anonymous,
            ),
        )
        if idea is not None:
            messages.success(request, "Your idea has been posted")
            return _to_idea(ics, idea)
    return page(request, ics, "add_idea", form=form, challenge=challenge, is_open=is_open)


@require_GET
@ics_view(Perm.VIEW_IDEAS)
def show_idea(request: HttpRequest, ics: ICS, idea_id: int) -> HttpResponse:
    return _idea_page(request, ics, _idea(request, ics, idea_id))


def _idea_page(
    request: HttpRequest, ics: ICS, idea: Idea, comment_form: CommentForm | None = None
) -> HttpResponse:
    presenter = IdeaPagePresenter(
        ics=ics,
        idea=idea,
        viewer=viewer(request, ics),
        comments=selectors.comments_for_idea(idea=idea),
        changes=list(selectors.stage_changes_for_idea(idea=idea)),
        supported=selectors.supports(idea=idea, user=request.user),
        reported=selectors.has_reported(user=request.user, idea=idea),
    )
    form = comment_form or CommentForm(
        author_name=_name(request), initial=_comment_initial(request, idea)
    )
    return page(request, ics, "show_idea", idea=presenter, form=form)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.POST_IDEAS)
def edit_idea(request: HttpRequest, ics: ICS, idea_id: int) -> HttpResponse:
    idea = _idea(request, ics, idea_id)
    if not is_author(idea, request.user):
        raise PermissionDenied
    initial = {
        "title": idea.title,
        "description": idea.description,
        "principles": idea.principle_codes,
        "post_as": POST_AS_COLLEAGUE if idea.anonymous else POST_AS_NAMED,
    }
    form = IdeaForm(data=posted(request), initial=initial, author_name=_name(request))
    locked = idea.review_started_at is not None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = save(
            form,
            lambda: services.idea_update(
                idea=idea,
                by=request.user,
                title=data["title"],
                description=data["description"],
                principles=data["principles"],
                anonymous=form.anonymous,
            ),
        )
        if done is not None:
            messages.success(request, "Your idea has been saved")
            return _to_idea(ics, idea)
    return page(request, ics, "edit_idea", form=form, idea=idea, locked=locked)


def _support_action(request: HttpRequest, ics: ICS, idea_id: int, withdraw: bool) -> HttpResponse:
    idea = _idea(request, ics, idea_id)
    service = services.idea_support_withdraw if withdraw else services.idea_support
    try:
        service(idea=idea, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, "You no longer support this idea" if withdraw else "You support this idea"
        )
    return _to_idea(ics, idea, "#support")


@require_POST
@ics_view(Perm.POST_IDEAS)
def support_idea(request: HttpRequest, ics: ICS, idea_id: int) -> HttpResponse:
    return _support_action(request, ics, idea_id, withdraw=False)


@require_POST
@ics_view(Perm.POST_IDEAS)
def withdraw_support(request: HttpRequest, ics: ICS, idea_id: int) -> HttpResponse:
    return _support_action(request, ics, idea_id, withdraw=True)


@require_POST
@ics_view(Perm.POST_IDEAS)
def add_comment(request: HttpRequest, ics: ICS, idea_id: int) -> HttpResponse:
    idea = _idea(request, ics, idea_id)
    form = CommentForm(data=request.POST, author_name=_name(request))
    if form.is_valid():
        body, anonymous = form.cleaned_data["body"], form.anonymous
        comment = save(
            form,
            lambda: services.comment_create(
                idea=idea, author=request.user, body=body, anonymous=anonymous
            ),
        )
        if comment is not None:
            messages.success(request, "Your comment has been posted")
            return _to_idea(ics, idea, f"#comment-{comment.pk}")
    return _idea_page(request, ics, idea, comment_form=form)


@require_http_methods(["GET", "POST"])
@ics_view(Perm.POST_IDEAS)
def reply_comment(request: HttpRequest, ics: ICS, idea_id: int, comment_id: int) -> HttpResponse:
    idea = _idea(request, ics, idea_id)
    parent = selectors.comment_for_idea(idea=idea, comment_id=comment_id)
    form = ReplyForm(
        data=posted(request), author_name=_name(request), initial=_comment_initial(request, idea)
    )
    errors: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        body, anonymous = form.cleaned_data["body"], form.anonymous
        try:
            reply = services.comment_create(
                idea=idea, author=request.user, body=body, anonymous=anonymous, parent=parent
            )
        except ValidationError as error:
            errors = error_items(error, "#id_body")
        else:
            messages.success(request, "Your reply has been posted")
            return _to_idea(ics, idea, f"#comment-{reply.pk}")
    presenter = IdeaPagePresenter(
        ics=ics,
        idea=idea,
        viewer=viewer(request, ics),
        comments=[parent],
        changes=[],
        supported=False,
        reported=False,
    )
    return page(
        request,
        ics,
        "reply_comment",
        form=form,
        idea=presenter,
        comment=presenter.comment_items[0],
        refused=errors,
        status=400 if errors else 200,
    )


@require_GET
@ics_view(Perm.POST_IDEAS)
def list_my_ideas(request: HttpRequest, ics: ICS) -> HttpResponse:
    ideas = list(selectors.ideas_by_author(ics=ics, user=request.user))
    return page(request, ics, "list_my_ideas", rows=my_idea_rows(ics, ideas))
