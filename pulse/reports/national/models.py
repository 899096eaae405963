"""The national publication of each standard questionnaire version, and analysts' files of it.

One publication per instrument version (ADR 15): the England benchmark of every system's latest
comparable published wave, built by the same function as each wave's own benchmark (ADR 11) and
stored table by table. Regional and national pages, their files and the API read only these
tables. Imported by `pulse.reports.models`, so the models belong to the reports app.
"""

from django.db import models

from pulse.core.files import FileStatus, PreparedFile
from pulse.surveys.models import InstrumentVersion, Wave

__all__ = ["FileStatus", "NationalFile", "NationalFormat", "NationalPublication", "NationalTable"]

#: Where an analyst's file is scoped: all of England, or one region (by its ODS code).
ENGLAND = "england"


class NationalPublication(models.Model):
    """The disclosure-controlled benchmark of the latest comparable wave of every system."""

    version = models.OneToOneField(
        InstrumentVersion, on_delete=models.CASCADE, related_name="national_publication"
    )
    anchor_wave = models.ForeignKey(
        Wave,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The latest wave to close: the others closed in the year up to it",
    )
    waves = models.ManyToManyField(Wave, related_name="+", blank=True)
    k = models.PositiveSmallIntegerField(help_text="The minimum group size used")
    breakdowns = models.JSONField(help_text="The breakdown list each system is crossed with")
    closes_from = models.DateField(help_text="The earliest closing date of a wave compared")
    closes_to = models.DateField(help_text="The latest closing date of a wave compared")
    notes = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["-closes_to", "-pk"]

    def __str__(self) -> str:
        return f"England benchmark of {self.version}"


class NationalTable(models.Model):
    """One table of a national publication, as Parquet bytes. No row describes a person."""

    publication = models.ForeignKey(
        NationalPublication, on_delete=models.CASCADE, related_name="tables"
    )
    name = models.CharField(max_length=40)
    content = models.BinaryField()
    row_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "name"], name="national_table_unique")
        ]

    def __str__(self) -> str:
        return self.name


class NationalFormat(models.TextChoices):
    XLSX = "xlsx", "Excel workbook"
    CSV = "csv", "CSV tables (zip file)"
    SAV = "sav", "SPSS data file"


class NationalFile(PreparedFile):
    """The current file of one format of the national table, for England or one region, made in
    the background like every other file (ADR 18)."""

    publication = models.ForeignKey(
        NationalPublication, on_delete=models.CASCADE, related_name="files"
    )
    scope = models.CharField(max_length=8, help_text='"england" or a region\'s ODS code')
    format = models.CharField(max_length=4, choices=NationalFormat.choices)
    #: The build the file was made from; a newer build makes the file stale.
    publication_computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["format"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "scope", "format"], name="national_file_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} of {self.publication} ({self.scope})"
