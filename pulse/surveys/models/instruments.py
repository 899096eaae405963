"""Instruments: versioned questionnaires, with their sections and questions stored alongside
the validated definition for querying."""

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q

from pulse.organisations.models import ICS
from pulse.surveys.definition import Definition
from pulse.surveys.definition.parse import parse_stored_definition


class Instrument(models.Model):
    """A questionnaire. Standard instruments (ics is null) are the same for every ICS."""

    key = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    ics = models.ForeignKey(
        ICS, null=True, blank=True, on_delete=models.PROTECT, related_name="instruments"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(ics__isnull=True), name="standard_instrument_key_unique"
            ),
            models.UniqueConstraint(fields=["ics", "key"], name="ics_instrument_key_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_standard(self) -> bool:
        return self.ics_id is None


class InstrumentVersion(models.Model):
    """One immutable version of an instrument. `definition` is the validated definition
    (docs/instrument-format.md); sections and questions are stored alongside it for querying."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    definition_data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["instrument__title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "version"], name="instrument_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument.title} (version {self.version})"

    @cached_property
    def definition(self) -> Definition:
        return parse_stored_definition(self.definition_data)


class Section(models.Model):
    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.CASCADE, related_name="sections"
    )
    key = models.CharField(max_length=60)
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="section_key_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(max_length=60)
    position = models.PositiveIntegerField()
    type = models.CharField(max_length=20)
    text = models.TextField()
    hint = models.TextField(blank=True)
    required = models.BooleanField(default=True)
    options = models.JSONField(default=list, blank=True)
    show_if = models.JSONField(null=True, blank=True)
    construct = models.CharField(max_length=60, blank=True)
    principle = models.CharField(max_length=2, blank=True)
    layer = models.CharField(max_length=30, blank=True)
    reverse = models.BooleanField(default=False)
    dimension = models.CharField(max_length=60, blank=True)
    equality = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="question_key_unique")
        ]

    def __str__(self) -> str:
        return self.key
