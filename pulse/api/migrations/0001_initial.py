# Personal API tokens, stored only as SHA-256 hashes.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="What the token is for, in the owner's words", max_length=100
                    ),
                ),
                (
                    "token_hash",
                    models.CharField(help_text="SHA-256 of the token", max_length=64, unique=True),
                ),
                ("created_on", models.DateField()),
                (
                    "expires_on",
                    models.DateField(
                        blank=True, help_text="Last day it works; empty: never", null=True
                    ),
                ),
                ("revoked", models.BooleanField(default=False)),
                ("last_used_on", models.DateField(blank=True, null=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="api_tokens",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "API token",
                "ordering": ["-created_on", "-pk"],
            },
        ),
    ]
