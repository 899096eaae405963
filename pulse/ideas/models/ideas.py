"""Ideas, their supports, comments, reports of inappropriate posts and stage history.

An idea or comment posted as "A colleague" keeps its author (so they can edit it and be told
what happens to it), but nothing outside `pulse.ideas.authorship` may read the author for
display: every page, export and notification goes through `displayed_author`.

An ICS admin can turn an idea into an action of the plan: the link is a nullable one-to-one
from the action to the idea (`Action.idea`, reached from here as `idea.action`, `on_delete=
SET_NULL`), owned by the actions app, so an idea's page and "You said, we did" show its action
and nothing in these models had to change.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q

from pulse.ideas.models.challenges import Challenge, Stage
from pulse.ideas.principles import split_codes
from pulse.organisations.models import ICS


class IdeaQuerySet(models.QuerySet["Idea"]):
    def for_ics(self, ics: ICS) -> "IdeaQuerySet":
        return self.filter(ics=ics)

    def shown(self) -> "IdeaQuerySet":
        return self.filter(hidden_at__isnull=True)

    def with_principle(self, code: str) -> "IdeaQuerySet":
        return self.filter(principles__contains=code)

    def with_counts(self) -> "IdeaQuerySet":
        return self.annotate(
            support_count=Count("supports", distinct=True),
            comment_count=Count(
                "comments", filter=Q(comments__hidden_at__isnull=True), distinct=True
            ),
        )


class Idea(models.Model):
    ics = models.ForeignKey(ICS, on_delete=models.CASCADE, related_name="ideas")
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="ideas")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="ideas"
    )
    anonymous = models.BooleanField(default=False, help_text='Shown as "A colleague"')
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=4000)
    principles = models.CharField(max_length=20, blank=True)
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="ideas")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    review_started_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when a moderator first moves it: editing stops"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=500, blank=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["challenge", "created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def principle_codes(self) -> list[str]:
        return split_codes(self.principles)

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Support(models.Model):
    """One person's support for an idea: at most one each."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="one_support_per_person"),
        ]

    def __str__(self) -> str:
        return f"Support for {self.idea.title}"


class CommentQuerySet(models.QuerySet["Comment"]):
    def for_ics(self, ics: ICS) -> "CommentQuerySet":
        return self.filter(idea__ics=ics)


class Comment(models.Model):
    """A comment on an idea, or a reply to a top-level comment (replies go one level deep)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    anonymous = models.BooleanField(default=False)
    body = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=500, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment on {self.idea.title}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ReportQuerySet(models.QuerySet["Report"]):
    def for_ics(self, ics: ICS) -> "ReportQuerySet":
        return self.filter(Q(idea__ics=ics) | Q(comment__idea__ics=ics))


class Report(models.Model):
    """Someone's report that an idea or a comment is inappropriate, until a moderator acts."""

    class Outcome(models.TextChoices):
        OPEN = "open", "Waiting for a moderator"
        HIDDEN = "hidden", "Post hidden"
        DISMISSED = "dismissed", "Post kept"

    idea = models.ForeignKey(
        Idea, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=500)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(idea__isnull=False, comment__isnull=True)
                | Q(idea__isnull=True, comment__isnull=False),
                name="report_is_of_one_post",
            ),
            models.UniqueConstraint(
                fields=["reporter", "idea"],
                condition=Q(idea__isnull=False),
                name="one_report_per_person_per_idea",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(comment__isnull=False),
                name="one_report_per_person_per_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"Report of {'an idea' if self.idea_id else 'a comment'}"


class StageChange(models.Model):
    """A move of an idea between stages, with the feedback the author and supporters see.

    Stage names are copied so the history reads the same after a stage is renamed or removed.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage_name = models.CharField(max_length=60)
    to_stage = models.ForeignKey(
        Stage, null=True, on_delete=models.SET_NULL, related_name="arrivals"
    )
    to_stage_name = models.CharField(max_length=60)
    feedback = models.TextField(max_length=2000)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage_name} to {self.to_stage_name}"
