"""Challenges (the questions an ICS asks its staff) and the ICS's pipeline stages."""

from datetime import date

from django.conf import settings
from django.db import models

from pulse.ideas.principles import split_codes
from pulse.organisations.models import ICS, IcsOwnedQuerySet


class Challenge(models.Model):
    """A question put to the ICS's staff, open for ideas between two dates (inclusive)."""

    ics = models.ForeignKey(ICS, on_delete=models.CASCADE, related_name="challenges")
    title = models.CharField(max_length=120)
    question = models.CharField(max_length=300)
    description = models.TextField(max_length=4000)
    principles = models.CharField(max_length=20, blank=True, help_text="Codes, like P1,P3")
    finding = models.CharField(
        max_length=300, blank=True, help_text="The pulse check finding it responds to, if any"
    )
    opens_on = models.DateField()
    closes_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closing_notice_sent_on = models.DateField(null=True, blank=True)

    objects = IcsOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="challenge_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def principle_codes(self) -> list[str]:
        return split_codes(self.principles)

    def is_open_on(self, day: date) -> bool:
        return self.opens_on <= day <= self.closes_on

    def has_opened_by(self, day: date) -> bool:
        return self.opens_on <= day


class StageKind(models.TextChoices):
    """What a stage means, whatever the ICS calls it."""

    ACTIVE = "active", "Ideas at this stage are still being considered"
    IMPLEMENTED = "implemented", "Ideas at this stage have been put into practice"
    CLOSED = "closed", "Ideas at this stage will not be taken forward"


class Stage(models.Model):
    """A step of the ICS's pipeline. New ideas start at the first stage in order."""

    ics = models.ForeignKey(ICS, on_delete=models.CASCADE, related_name="idea_stages")
    name = models.CharField(max_length=60)
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=StageKind.choices, default=StageKind.ACTIVE)

    objects = IcsOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["ics", "name"], name="stage_name_unique_in_ics"),
        ]

    def __str__(self) -> str:
        return self.name
