"""In-app notifications and each person's choice of which they get."""

from django.conf import settings
from django.db import models

from pulse.ideas.models.challenges import Challenge
from pulse.ideas.models.ideas import Idea
from pulse.organisations.models import ICS


class NotificationKind(models.TextChoices):
    STAGE_CHANGE_MINE = "stage_change_mine", "One of my ideas moves to another stage"
    STAGE_CHANGE_SUPPORTED = "stage_change_supported", "An idea I support moves to another stage"
    COMMENT_ON_MINE = "comment_on_mine", "Someone comments on one of my ideas"
    CHALLENGE_CLOSING = "challenge_closing", "A challenge is closing soon"
    POST_HIDDEN = "post_hidden", "A moderator hides something I posted"


#: The kinds a person may turn off (a moderator hiding their post is always shown).
CHOOSABLE_KINDS = [
    NotificationKind.STAGE_CHANGE_MINE,
    NotificationKind.STAGE_CHANGE_SUPPORTED,
    NotificationKind.COMMENT_ON_MINE,
    NotificationKind.CHALLENGE_CLOSING,
]


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_ics(self, ics: ICS) -> "NotificationQuerySet":
        return self.filter(ics=ics)


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_notifications"
    )
    ics = models.ForeignKey(ICS, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    text = models.CharField(max_length=400)
    idea = models.ForeignKey(
        Idea, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    challenge = models.ForeignKey(
        Challenge, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "ics", "read_at"])]

    def __str__(self) -> str:
        return self.text


class NotificationPreference(models.Model):
    """Which notifications a person wants. Without a row, they get every kind, by email too."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_preferences"
    )
    kinds = models.JSONField(default=list, help_text="The choosable kinds they want")
    by_email = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return "Notification settings"

    def wants(self, kind: str) -> bool:
        return kind not in CHOOSABLE_KINDS or kind in self.kinds
