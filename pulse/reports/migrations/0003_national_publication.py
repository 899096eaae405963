# The national publication of each standard questionnaire version and analysts' files of it (ADR 15).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_publication_invited"),
        ("surveys", "0003_distribution_and_imports"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="NationalPublication",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("k", models.PositiveSmallIntegerField(help_text="The minimum group size used")),
                (
                    "breakdowns",
                    models.JSONField(help_text="The breakdown list each system is crossed with"),
                ),
                (
                    "closes_from",
                    models.DateField(help_text="The earliest closing date of a wave compared"),
                ),
                (
                    "closes_to",
                    models.DateField(help_text="The latest closing date of a wave compared"),
                ),
                ("notes", models.JSONField(blank=True, default=list)),
                ("computed_at", models.DateTimeField()),
                (
                    "anchor_wave",
                    models.ForeignKey(
                        blank=True,
                        help_text="The latest wave to close: the others closed in the year up to it",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="surveys.wave",
                    ),
                ),
                (
                    "version",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="national_publication",
                        to="surveys.instrumentversion",
                    ),
                ),
                ("waves", models.ManyToManyField(blank=True, related_name="+", to="surveys.wave")),
            ],
            options={
                "ordering": ["-closes_to", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="NationalFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "scope",
                    models.CharField(help_text='"england" or a region\'s ODS code', max_length=8),
                ),
                (
                    "format",
                    models.CharField(
                        choices=[
                            ("xlsx", "Excel workbook"),
                            ("csv", "CSV tables (zip file)"),
                            ("sav", "SPSS data file"),
                        ],
                        max_length=4,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Being prepared"),
                            ("ready", "Ready"),
                            ("failed", "Failed"),
                        ],
                        default="queued",
                        max_length=10,
                    ),
                ),
                ("content", models.BinaryField(blank=True, default=b"")),
                ("size", models.PositiveIntegerField(default=0)),
                ("created_at", models.DateTimeField()),
                ("completed_at", models.DateTimeField(blank=True, null=True)),
                ("publication_computed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="files",
                        to="reports.nationalpublication",
                    ),
                ),
            ],
            options={
                "ordering": ["format"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("publication", "scope", "format"), name="national_file_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="NationalTable",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=40)),
                ("content", models.BinaryField()),
                ("row_count", models.PositiveIntegerField()),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tables",
                        to="reports.nationalpublication",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("publication", "name"), name="national_table_unique"
                    )
                ],
            },
        ),
    ]
