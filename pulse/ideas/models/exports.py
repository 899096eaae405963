"""A challenge's ideas as a CSV or Excel file for the design group, prepared in the background."""

from django.db import models

from pulse.core.files import PreparedFile
from pulse.ideas.models.challenges import Challenge
from pulse.organisations.models import ICS


class IdeasFileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel"


class IdeasFileQuerySet(models.QuerySet["IdeasFile"]):
    def for_ics(self, ics: ICS) -> "IdeasFileQuerySet":
        return self.filter(challenge__ics=ics)


class IdeasFile(PreparedFile):
    """The current file of one format for one challenge (one per challenge and format)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=4, choices=IdeasFileFormat.choices)

    objects = IdeasFileQuerySet.as_manager()

    class Meta:
        ordering = ["format"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "format"], name="ideas_file_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} of the ideas for {self.challenge}"
