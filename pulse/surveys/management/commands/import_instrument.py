from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pulse.organisations.selectors import ics_by_ods_code
from pulse.surveys.definition import DefinitionError
from pulse.surveys.services.instruments import instrument_version_create
from pulse.surveys.xlsform import read_xlsform


class Command(BaseCommand):
    help = (
        "Import an instrument from an XLSForm workbook (.xlsx). Prints its key and version. On "
        "error, prints one line per offending row and column and imports nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--ics", default="", help="ODS code of the ICS that owns it (default: standard)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ics = None
        if options["ics"]:
            ics = ics_by_ods_code(ods_code=options["ics"])
            if ics is None:
                raise CommandError(f"There is no ICS with ODS code {options['ics']}")
        try:
            data = options["file"].read_bytes()
        except OSError as error:
            raise CommandError(
                f"Cannot read the file: {error.strerror}: {error.filename}"
            ) from error
        try:
            definition = read_xlsform(data)
            version, created = instrument_version_create(definition=definition, ics=ics)
        except DefinitionError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Nothing was imported: {len(error.problems)} problem(s) found."
            ) from error
        state = "imported" if created else "already present, unchanged"
        self.stdout.write(f"{version.instrument.key} version {version.version} ({state})")
