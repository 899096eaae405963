"""Load the CCPL culture self-assessment framework v1 from pulse/assessments/frameworks/."""

from pathlib import Path

from django.db import migrations

FILE = Path(__file__).resolve().parent.parent / "frameworks" / "ccpl-culture" / "v1.yaml"


def load(apps, schema_editor):
    from pulse.assessments.framework import load_framework_file
    from pulse.assessments.services.frameworks import framework_store

    framework_store(
        load_framework_file(FILE),
        framework_model=apps.get_model("assessments", "Framework"),
        version_model=apps.get_model("assessments", "FrameworkVersion"),
        principle_model=apps.get_model("assessments", "Principle"),
        indicator_model=apps.get_model("assessments", "Indicator"),
        gateway_model=apps.get_model("assessments", "GatewayQuestion"),
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
