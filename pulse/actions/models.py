"""The ICS's CCPL action plan: actions linked to a principle (and optionally an indicator of the
self-assessment, a pulse check question or an idea from the ideas space), with an owner, a due
date, a status and dated progress notes.

An idea becomes at most one action (`Action.idea`, one to one). The action keeps its own title
and description, so it reads the same if the idea is later removed; nothing here reads the
idea's author.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from pulse.assessments.models import Indicator
from pulse.core.files import FileStatus, PreparedFile
from pulse.organisations.models import ICS, IcsOwnedQuerySet


class Principle(models.TextChoices):
    """The five CCPL principles, by the codes the pulse check and the framework share."""

    P1 = "P1", "P1: Involved in decisions at every level"
    P2 = "P2", "P2: Shared learning, collaboration and innovation"
    P3 = "P3", "P3: Time, support and infrastructure"
    P4 = "P4", "P4: Development for leaders at every level"
    P5 = "P5", "P5: Fair recruitment and a diverse pipeline"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


#: Statuses of actions still to finish: only these can be overdue.
OPEN_STATUSES = frozenset({ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS})


class ActionQuerySet(IcsOwnedQuerySet):
    def open(self) -> "ActionQuerySet":
        return self.filter(status__in=OPEN_STATUSES)


class Action(models.Model):
    ics = models.ForeignKey(ICS, on_delete=models.PROTECT, related_name="actions")
    principle = models.CharField(max_length=2, choices=Principle.choices)
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    question_key = models.CharField(
        max_length=60, blank=True, help_text="A question of the standard pulse check"
    )
    idea = models.OneToOneField(
        "ideas.Idea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action",
        help_text="The idea from staff this action puts into practice",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_actions",
        help_text="A person with a role in the ICS",
    )
    owner_name = models.CharField(
        max_length=150, blank=True, help_text="Or the owner's name, for someone without an account"
    )
    due_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    #: The day work began: set when the action first moves past "not started".
    started_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["principle", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(principle__in=["P1", "P2", "P3", "P4", "P5"]),
                name="action_principle_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_label(self) -> str:
        if self.owner_id is not None and self.owner is not None:
            return self.owner.full_name or self.owner.email
        return self.owner_name or "No owner"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: object = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on < today  # type: ignore[operator]


class ProgressNote(models.Model):
    """A dated note of progress on an action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField()
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return f"Note on {self.action} ({self.written_on})"


PlanFileStatus = FileStatus  # the statuses of every prepared file


class PlanFile(PreparedFile):
    """The latest PDF of the ICS's plan, rendered in the background when someone asks."""

    ics = models.OneToOneField(ICS, on_delete=models.CASCADE, related_name="plan_file")

    objects = IcsOwnedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"CCPL plan PDF for {self.ics}"
