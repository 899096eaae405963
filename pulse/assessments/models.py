"""The culture self-assessment: framework versions, rounds, the panel's independent ratings,
the agreed (consensus) levels and the report files made from a completed round.

Independence (ADR 13): ratings are written only by their panel member and read by others only
through `pulse.assessments.selectors`, which refuses until the rating stage is closed and the
reader has submitted their own.
"""

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q

from pulse.assessments.framework import Framework as FrameworkDefinition
from pulse.assessments.framework import parse_framework
from pulse.core.files import FileStatus as FileStatus  # re-exported: the statuses of its files
from pulse.core.files import PreparedFile
from pulse.organisations.models import ICS, IcsOwnedQuerySet


class Level(models.IntegerChoices):
    """The four levels of maturity, stored as 1 to 4 so that they can be averaged."""

    EMERGING = 1, "Emerging"
    DEVELOPING = 2, "Developing"
    MATURING = 3, "Maturing"
    THRIVING = 4, "Thriving"


LEVEL_BY_CODE = {level.label.lower(): level for level in Level}
#: Levels the panel can only agree with evidence.
LEVELS_NEEDING_EVIDENCE = frozenset({Level.MATURING, Level.THRIVING})


class GatewayAnswer(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class Confidence(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Framework(models.Model):
    key = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.title


class FrameworkVersion(models.Model):
    """One immutable version, loaded from YAML by a migration; the rows below mirror it."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    definition_data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["framework__key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "version"], name="framework_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.framework.title} (version {self.version})"

    @cached_property
    def definition(self) -> FrameworkDefinition:
        return parse_framework(self.definition_data)


class Principle(models.Model):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="principles"
    )
    code = models.CharField(max_length=2)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField()
    pulse_questions = models.JSONField(default=list)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="principle_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class Indicator(models.Model):
    """What good looks like, with a descriptor for each level (`descriptors`, by level code)."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="indicators"
    )
    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="indicators")
    key = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField()
    number = models.CharField(max_length=6, help_text="P1.1, P1.2 ...")
    title = models.CharField(max_length=200)
    what_good_looks_like = models.TextField()
    evidence_examples = models.TextField()
    descriptors = models.JSONField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="indicator_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def descriptor(self, level: int) -> str:
        return str(self.descriptors[Level(level).label.lower()])


class GatewayQuestion(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="gateway")
    key = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    question = models.TextField()
    evidence_hint = models.TextField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="gateway_key_unique")
        ]

    def __str__(self) -> str:
        return self.title


class RoundStatus(models.TextChoices):
    RATING = "rating", "Rating"
    CONSENSUS = "consensus", "Agreeing levels"
    COMPLETED = "completed", "Completed"


class Round(models.Model):
    """One self-assessment in one ICS: rating -> consensus -> completed."""

    ics = models.ForeignKey(ICS, on_delete=models.PROTECT, related_name="assessment_rounds")
    version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=120)
    status = models.CharField(
        max_length=10, choices=RoundStatus.choices, default=RoundStatus.RATING
    )
    rating_deadline = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rating_closed_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    objects = IcsOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ics"],
                condition=~Q(status="completed"),
                name="one_unfinished_round_per_ics",
            ),
            models.CheckConstraint(
                condition=Q(status="completed", completed_on__isnull=False)
                | (~Q(status="completed") & Q(completed_on__isnull=True)),
                name="round_completed_on_when_completed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def rating_stage_closed(self) -> bool:
        return self.status != RoundStatus.RATING


class PanelQuerySet(models.QuerySet["PanelMember"]):
    def for_ics(self, ics: ICS) -> "PanelQuerySet":
        return self.filter(round__ics=ics)


class PanelMember(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_panels"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = PanelQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="panel_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.round}"

    @property
    def has_submitted(self) -> bool:
        return self.submitted_at is not None


class EvidenceFields(models.Model):
    evidence = models.TextField(blank=True)
    evidence_link = models.URLField(max_length=500, blank=True)

    class Meta:
        abstract = True

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence.strip() or self.evidence_link.strip())


class IndicatorRating(EvidenceFields):
    """One panel member's own rating of one indicator. Never shown to anyone else before the
    rating stage closes (see the module docstring)."""

    panel_member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="ratings")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    confidence = models.CharField(max_length=6, choices=Confidence.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel_member", "indicator"], name="rating_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=4), name="rating_level"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} rated by {self.panel_member}"


class GatewayRating(EvidenceFields):
    panel_member = models.ForeignKey(
        PanelMember, on_delete=models.CASCADE, related_name="gateway_ratings"
    )
    question = models.ForeignKey(GatewayQuestion, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=6, choices=GatewayAnswer.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["panel_member", "question"], name="gateway_rating_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question} answered by {self.panel_member}"


class AgreedFields(EvidenceFields):
    agreed_at = models.DateTimeField(auto_now=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class IndicatorConsensus(AgreedFields):
    """The level the panel agreed for an indicator, why, and the evidence behind it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="consensus")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    rationale = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator"], name="consensus_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=4), name="consensus_level"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} agreed in {self.round}"


class GatewayConsensus(AgreedFields):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="gateway_consensus")
    question = models.ForeignKey(GatewayQuestion, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=6, choices=GatewayAnswer.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "question"], name="gateway_consensus_unique")
        ]

    def __str__(self) -> str:
        return f"{self.question} agreed in {self.round}"


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF report"
    XLSX = "xlsx", "Excel data pack"


class RoundFileQuerySet(models.QuerySet["RoundFile"]):
    def for_ics(self, ics: ICS) -> "RoundFileQuerySet":
        return self.filter(round__ics=ics)


class RoundFile(PreparedFile):
    """The current PDF or Excel file of a completed round, rendered in the background."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=4, choices=FileFormat.choices)

    objects = RoundFileQuerySet.as_manager()

    class Meta:
        ordering = ["format"]
        constraints = [
            models.UniqueConstraint(fields=["round", "format"], name="round_file_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} for {self.round}"
