"""Reads for the ideas space. Everything is reached through the ICS (`for_ics`)."""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pulse.ideas.models import (
    Challenge,
    Comment,
    Idea,
    IdeasFile,
    Notification,
    Report,
    Stage,
    StageChange,
    StageKind,
    Support,
)
from pulse.organisations.models import ICS, AllowedEmailDomain

IDEAS_PER_PAGE = 20
SORTS = {
    "newest": ("-created_at", "-id"),
    "supported": ("-support_count", "-created_at", "-id"),
    "stage": ("stage__position", "-created_at", "-id"),
}


def challenges_for_ics(*, ics: ICS, include_upcoming: bool) -> QuerySet[Challenge]:
    """The ICS's challenges with their number of ideas; staff see only those already open."""
    challenges = Challenge.objects.for_ics(ics).annotate(
        idea_count=Count("ideas", filter=Q(ideas__hidden_at__isnull=True))
    )
    if not include_upcoming:
        challenges = challenges.filter(opens_on__lte=timezone.localdate())
    return challenges


def challenge_for_ics(*, ics: ICS, challenge_id: int, include_upcoming: bool) -> Challenge:
    return get_object_or_404(
        challenges_for_ics(ics=ics, include_upcoming=include_upcoming), pk=challenge_id
    )


def stages_for_ics(*, ics: ICS) -> QuerySet[Stage]:
    return Stage.objects.for_ics(ics).annotate(idea_count=Count("ideas"))


def stage_for_ics(*, ics: ICS, stage_id: int) -> Stage:
    return get_object_or_404(stages_for_ics(ics=ics), pk=stage_id)


@dataclass(frozen=True)
class IdeaQuery:
    """What a person asked for on a challenge's list of ideas (already validated)."""

    search: str = ""
    sort: str = "newest"
    principle: str = ""
    stage: Stage | None = None
    page: int = 1


def ideas_for_challenge(*, challenge: Challenge, query: IdeaQuery) -> Page:
    """One page of a challenge's ideas that are not hidden, searched, filtered and sorted."""
    ideas = (
        Idea.objects.for_ics(challenge.ics)
        .filter(challenge=challenge)
        .shown()
        .with_counts()
        .select_related("stage", "author")
    )
    if query.search:
        ideas = ideas.filter(
            Q(title__icontains=query.search) | Q(description__icontains=query.search)
        )
    if query.principle:
        ideas = ideas.with_principle(query.principle)
    if query.stage is not None:
        ideas = ideas.filter(stage=query.stage)
    ideas = ideas.order_by(*SORTS.get(query.sort, SORTS["newest"]))
    return Paginator(ideas, IDEAS_PER_PAGE).get_page(query.page)


def idea_for_ics(*, ics: ICS, idea_id: int, viewer: Any, can_moderate: bool) -> Idea:
    """An idea of the ICS. A hidden idea is found only by its author and moderators."""
    ideas = (
        Idea.objects.for_ics(ics)
        .with_counts()
        .select_related("stage", "challenge", "author", "action")
    )
    if not can_moderate:
        ideas = ideas.filter(Q(hidden_at__isnull=True) | Q(author_id=viewer.pk))
    return get_object_or_404(ideas, pk=idea_id)


def comment_for_idea(*, idea: Idea, comment_id: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("author"), idea=idea, pk=comment_id)


def comments_for_idea(*, idea: Idea) -> list[Comment]:
    """Top-level comments, oldest first, each with its replies."""
    replies = Comment.objects.select_related("author").order_by("created_at", "id")
    return list(
        idea.comments.filter(parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )


def stage_changes_for_idea(*, idea: Idea) -> QuerySet[StageChange]:
    return idea.stage_changes.all()


def supports(*, idea: Idea, user: Any) -> bool:
    return Support.objects.filter(idea=idea, user=user).exists()


def has_reported(*, user: Any, idea: Idea | None = None, comment: Comment | None = None) -> bool:
    return Report.objects.filter(reporter=user, idea=idea, comment=comment).exists()


def ideas_by_author(*, ics: ICS, user: Any) -> QuerySet[Idea]:
    return (
        Idea.objects.for_ics(ics)
        .filter(author=user)
        .with_counts()
        .select_related("stage", "challenge", "author")
    )


def reported_posts(*, ics: ICS) -> tuple[list[Idea], list[Comment]]:
    """Ideas and comments with reports waiting for a moderator, oldest report first."""
    waiting = Report.objects.filter(outcome=Report.Outcome.OPEN)
    open_reports = Prefetch("reports", queryset=waiting, to_attr="open_reports")
    ideas = (
        Idea.objects.for_ics(ics)
        .filter(Exists(waiting.filter(idea=OuterRef("pk"))))
        .select_related("author", "challenge", "stage")
        .prefetch_related(open_reports)
        .order_by("created_at")
    )
    comments = (
        Comment.objects.for_ics(ics)
        .filter(Exists(waiting.filter(comment=OuterRef("pk"))))
        .select_related("author", "idea")
        .prefetch_related(open_reports)
        .order_by("created_at")
    )
    return list(ideas), list(comments)


def open_report_count(*, ics: ICS) -> int:
    return Report.objects.for_ics(ics).filter(outcome=Report.Outcome.OPEN).count()


def hidden_posts(*, ics: ICS) -> tuple[list[Idea], list[Comment]]:
    ideas = Idea.objects.for_ics(ics).filter(hidden_at__isnull=False).select_related("author")
    comments = (
        Comment.objects.for_ics(ics)
        .filter(hidden_at__isnull=False)
        .select_related("author", "idea")
    )
    return list(ideas.order_by("-hidden_at")), list(comments.order_by("-hidden_at"))


def post_for_ics(*, ics: ICS, kind: str, post_id: int) -> Idea | Comment:
    """An idea or comment of the ICS with its open reports (hidden ones included)."""
    waiting = Report.objects.filter(outcome=Report.Outcome.OPEN)
    open_reports = Prefetch("reports", queryset=waiting, to_attr="open_reports")
    if kind == "idea":
        ideas = Idea.objects.for_ics(ics).select_related("author", "challenge")
        return get_object_or_404(ideas.prefetch_related(open_reports), pk=post_id)
    if kind == "comment":
        comments = Comment.objects.for_ics(ics).select_related("author", "idea")
        return get_object_or_404(comments.prefetch_related(open_reports), pk=post_id)
    raise Http404("No such kind of post")


def outcomes_for_ics(*, ics: ICS) -> list[Idea]:
    """Implemented ideas that are not hidden, with the feedback given when they got there and
    the action of the plan each became, if any."""
    arrivals = StageChange.objects.filter(to_stage__kind=StageKind.IMPLEMENTED).order_by(
        "-created_at", "-id"
    )
    return list(
        Idea.objects.for_ics(ics)
        .shown()
        .filter(stage__kind=StageKind.IMPLEMENTED)
        .with_counts()
        .select_related("stage", "challenge", "author", "action")
        .prefetch_related(Prefetch("stage_changes", queryset=arrivals, to_attr="arrivals"))
        .order_by("-updated_at", "-id")
    )


def ideas_for_export(*, challenge: Challenge) -> list[Idea]:
    """Every idea of the challenge, hidden ones included, with the latest feedback."""
    latest_first = StageChange.objects.order_by("-created_at", "-id")
    return list(
        Idea.objects.for_ics(challenge.ics)
        .filter(challenge=challenge)
        .with_counts()
        .select_related("stage", "author")
        .prefetch_related(Prefetch("stage_changes", queryset=latest_first, to_attr="latest"))
        .order_by("created_at", "id")
    )


def ideas_files(*, challenge: Challenge) -> dict[str, IdeasFile]:
    """The challenge's prepared files by format, without their content."""
    files = IdeasFile.objects.for_ics(challenge.ics).filter(challenge=challenge).defer("content")
    return {ideas_file.format: ideas_file for ideas_file in files}


def ideas_file(*, challenge: Challenge, file_format: str) -> IdeasFile | None:
    return (
        IdeasFile.objects.for_ics(challenge.ics)
        .filter(challenge=challenge, format=file_format)
        .first()
    )


def ideas_file_by_id(*, file_id: int) -> IdeasFile | None:
    return IdeasFile.objects.select_related("challenge__ics").filter(pk=file_id).first()


def ideas_changed_at(*, challenge: Challenge) -> Any:
    """When the challenge's ideas, supports, comments or stages last changed (None if never)."""
    latest = [
        Idea.objects.filter(challenge=challenge).aggregate(at=Max("updated_at"))["at"],
        Support.objects.filter(idea__challenge=challenge).aggregate(at=Max("created_at"))["at"],
        Comment.objects.filter(idea__challenge=challenge).aggregate(at=Max("created_at"))["at"],
        StageChange.objects.filter(idea__challenge=challenge).aggregate(at=Max("created_at"))["at"],
    ]
    return max((at for at in latest if at is not None), default=None)


def notifications_for(*, user: Any, ics: ICS, page: int) -> Page:
    notes = Notification.objects.for_ics(ics).filter(user=user).select_related("idea", "challenge")
    return Paginator(notes, IDEAS_PER_PAGE).get_page(page)


def unread_notification_count(*, user: Any, ics: ICS) -> int:
    return Notification.objects.for_ics(ics).filter(user=user, read_at__isnull=True).count()


def allowed_domains_for_ics(*, ics: ICS) -> QuerySet[AllowedEmailDomain]:
    return AllowedEmailDomain.objects.for_ics(ics)


def allowed_domain_for_ics(*, ics: ICS, domain_id: int) -> AllowedEmailDomain:
    return get_object_or_404(AllowedEmailDomain.objects.for_ics(ics), pk=domain_id)


def sign_in_systems() -> QuerySet[ICS]:
    """Active ICSs that allow at least one email domain to sign in by link."""
    return (
        ICS.objects.filter(active=True, allowed_email_domains__isnull=False)
        .distinct()
        .order_by("name")
    )
