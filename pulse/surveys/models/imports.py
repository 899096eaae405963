"""Importing results exported from another survey tool into a closed wave.

An upload is read once: columns of personal details (names, email and IP addresses, the other
tool's respondent ids) are dropped and timestamps are reduced to dates before anything is
stored, so `ResultsUpload` never holds them. It is deleted once its rows are imported.
A `ResultsMapping` (which column answers which question, which label means which option) is
saved per ICS so the next export from the same tool can reuse it.
"""

from django.conf import settings
from django.db import models

from pulse.organisations.models import ICS, IcsOwnedQuerySet
from pulse.surveys.models.waves import Wave


class ResultsMapping(models.Model):
    """A reusable mapping, matched to an upload by its column headings.

    `columns`: heading -> answer key. `values`: answer key -> {answer label -> option code}.
    `date_column`: the heading of the column that dates each response ("" for none).
    """

    ics = models.ForeignKey(ICS, on_delete=models.CASCADE, related_name="results_mappings")
    name = models.CharField(max_length=100)
    columns = models.JSONField(default=dict)
    values = models.JSONField(default=dict)
    date_column = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = IcsOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["ics", "name"], name="results_mapping_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ResultsUpload(models.Model):
    """A file being imported, as read (personal columns already dropped), with the mapping
    being built for it.

    `columns`: [{"index", "heading", "kind"}], kind "answer" or "date" (personal columns are
    listed in `dropped` by heading only). `rows`: [{"line", "values"}], date columns holding an
    ISO date or "" (never a time).
    """

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="results_uploads")
    filename = models.CharField(max_length=200)
    columns = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    dropped = models.JSONField(default=list)
    notes = models.JSONField(default=list)
    column_map = models.JSONField(default=dict)  # str(column index) -> answer key
    value_map = models.JSONField(default=dict)  # answer key -> {label: code}
    date_column = models.IntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} for {self.wave}"
