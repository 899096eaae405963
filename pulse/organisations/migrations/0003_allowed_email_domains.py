# The email domains whose holders may sign in to an ICS's ideas space by an emailed link.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_load_reference_data"),
    ]

    operations = [
        migrations.CreateModel(
            name="AllowedEmailDomain",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("domain", models.CharField(max_length=253)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "ics",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="allowed_email_domains",
                        to="organisations.ics",
                    ),
                ),
            ],
            options={"ordering": ["domain"]},
        ),
        migrations.AddConstraint(
            model_name="allowedemaildomain",
            constraint=models.UniqueConstraint(
                fields=("ics", "domain"), name="email_domain_unique_in_ics"
            ),
        ),
    ]
