"""Load the 7 NHS England regions and 42 ICSs from the project's reference data."""

from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    from pulse.organisations.reference import apply_reference, parse_reference

    regions, icbs = parse_reference(
        (DATA / "regions.csv").read_bytes(), (DATA / "icbs.csv").read_bytes()
    )
    apply_reference(
        regions,
        icbs,
        region_model=apps.get_model("organisations", "Region"),
        ics_model=apps.get_model("organisations", "ICS"),
    )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
