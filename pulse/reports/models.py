"""One stored publication per published wave, and the report files made from it.

A wave's results are computed once, by `pulse.analysis.publish_wave` with one breakdown list and
one `k` (ADR 5, ADR 11), and stored here table by table. Every page, PDF, spreadsheet and CSV
reads these tables; nothing recomputes a number another way.
"""

from django.db import models

from pulse.core.files import FileStatus, PreparedFile
from pulse.organisations.models import ICS
from pulse.surveys.models import Wave


class PublicationQuerySet(models.QuerySet["WavePublication"]):
    def for_ics(self, ics: ICS) -> "PublicationQuerySet":
        return self.filter(wave__ics=ics)


class WavePublication(models.Model):
    """The disclosure-controlled results of one published wave."""

    wave = models.OneToOneField(Wave, on_delete=models.CASCADE, related_name="publication")
    k = models.PositiveSmallIntegerField(help_text="The minimum group size used")
    breakdowns = models.JSONField(
        help_text='The breakdown list: dimension keys, or pairs such as ["role_level", "layer"]'
    )
    previous_wave = models.ForeignKey(
        Wave, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    baseline_wave = models.ForeignKey(
        Wave, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Leaders on the participant list when the wave closed (the response rate's "
        "denominator); empty when the wave had no list",
    )
    benchmark_icss = models.PositiveSmallIntegerField(
        default=0, help_text="Systems with a comparable published wave, this one included"
    )
    notes = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField()

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-computed_at"]

    def __str__(self) -> str:
        return f"Results of {self.wave}"


class PublicationTable(models.Model):
    """One table of a publication, as Parquet bytes. No table has a row per respondent."""

    publication = models.ForeignKey(
        WavePublication, on_delete=models.CASCADE, related_name="tables"
    )
    name = models.CharField(max_length=40)
    content = models.BinaryField()
    row_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "name"], name="publication_table_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF board report"
    XLSX = "xlsx", "Excel data pack"
    CSV = "csv", "CSV tables (zip file)"


ReportStatus = FileStatus  # the statuses of every prepared file


class ReportFileQuerySet(models.QuerySet["ReportFile"]):
    def for_ics(self, ics: ICS) -> "ReportFileQuerySet":
        return self.filter(wave__ics=ics)


class ReportFile(PreparedFile):
    """The current file of one format for one wave (one per wave and format)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="report_files")
    format = models.CharField(max_length=4, choices=ReportFormat.choices)
    #: The publication the file was made from; a newer publication makes the file stale.
    publication_computed_at = models.DateTimeField(null=True, blank=True)

    objects = ReportFileQuerySet.as_manager()

    class Meta:
        ordering = ["format"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "format"], name="report_file_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} for {self.wave}"


# The national publication's models live in their own module; importing them here registers
# them with the reports app.
from pulse.reports.national.models import (  # noqa: E402
    NationalFile,
    NationalPublication,
    NationalTable,
)

__all__ = [
    "NationalFile",
    "NationalPublication",
    "NationalTable",
    "PublicationTable",
    "ReportFile",
    "ReportFormat",
    "ReportStatus",
    "WavePublication",
]
