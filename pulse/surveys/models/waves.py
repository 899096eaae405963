"""Waves (one run of one instrument version in one ICS), responses and the drafts kept for
save and resume.

Anonymity (DESIGN.md section 6) is built into the schema: a Response has a random UUID, a date
but no time, and no link to an invitation, a user, a session, a draft or an address.
"""

import uuid
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q

from pulse.organisations.models import ICS, IcsOwnedQuerySet
from pulse.surveys.definition import Definition
from pulse.surveys.models.instruments import InstrumentVersion


class WaveStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    PUBLISHED = "published", "Published"


class Wave(models.Model):
    """One run of one instrument version in one ICS: draft -> open -> closed -> published."""

    ics = models.ForeignKey(ICS, on_delete=models.PROTECT, related_name="waves")
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="waves")
    title = models.CharField(max_length=120)
    status = models.CharField(max_length=10, choices=WaveStatus.choices, default=WaveStatus.DRAFT)
    opens_on = models.DateField()
    closes_on = models.DateField()
    # Questions the ICS adds after the standard ones, in the definition format.
    local_questions = models.JSONField(default=list, blank=True)
    # The places offered to respondents, frozen when the wave opens: [{"code", "label"}].
    places = models.JSONField(default=list, blank=True)
    open_link_enabled = models.BooleanField(default=False)
    open_link_slug = models.SlugField(max_length=40, unique=True)
    access_code_hash = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = IcsOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="wave_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @cached_property
    def definition(self) -> Definition:
        """The version's definition with the ICS's local questions as a final section."""
        from pulse.surveys.local_questions import with_local_questions

        return with_local_questions(self.version.definition, self.local_questions)


class ResponseSource(models.TextChoices):
    WEB = "web", "Answered online"
    IMPORT = "import", "Imported from another survey tool"


class ResponseQuerySet(models.QuerySet["Response"]):
    def for_ics(self, ics: ICS) -> "ResponseQuerySet":
        return self.filter(wave__ics=ics)


class Response(models.Model):
    """One submitted, anonymous response. Never linked to who gave it (DESIGN.md section 6)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="responses")
    submitted_on = models.DateField()
    answers = models.JSONField()
    source = models.CharField(
        max_length=10, choices=ResponseSource.choices, default=ResponseSource.WEB
    )

    objects = ResponseQuerySet.as_manager()

    class Meta:
        # Never order by anything that could reveal submission order.
        ordering = ["id"]
        indexes = [models.Index(fields=["wave"], name="response_wave_idx")]

    def __str__(self) -> str:
        return f"Response to {self.wave}"


class ResponseDraft(models.Model):
    """Answers saved part-way through, kept apart from responses and deleted on submission.

    The browser's session holds the draft's id; the respondent can also resume elsewhere with a
    personal link whose token is stored only as a hash.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="drafts")
    answers = models.JSONField(default=dict)
    resume_token_hash = models.CharField(max_length=64, unique=True)
    updated_on = models.DateField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Draft for {self.wave}"
