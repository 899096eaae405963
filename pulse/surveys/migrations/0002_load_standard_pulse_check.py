"""Load the standard CCPL Pulse Check v1 from pulse/surveys/instruments/."""

from pathlib import Path

from django.db import migrations

FILE = Path(__file__).resolve().parent.parent / "instruments" / "ccpl-pulse-check" / "v1.yaml"


def load(apps, schema_editor):
    from pulse.surveys.definition import load_definition_file
    from pulse.surveys.services.instruments import store_definition

    store_definition(
        load_definition_file(FILE),
        instrument_model=apps.get_model("surveys", "Instrument"),
        version_model=apps.get_model("surveys", "InstrumentVersion"),
        section_model=apps.get_model("surveys", "Section"),
        question_model=apps.get_model("surveys", "Question"),
    )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
