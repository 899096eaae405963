# Whether an ICS is named in other systems' benchmarks (by default it is counted, unnamed).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_membership_roles_in_stable_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="ics",
            name="benchmark_named",
            field=models.BooleanField(
                default=False,
                help_text="Whether other systems' admins and viewers see this system's name in benchmarks; if not, it is counted in England's figures without its name. National and regional analysts always see it.",
                verbose_name="named in other systems' benchmarks",
            ),
        ),
    ]
