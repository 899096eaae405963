from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pulse.surveys.selectors import instrument_version_by_key
from pulse.surveys.xlsform import write_xlsform


class Command(BaseCommand):
    help = "Write an instrument version as an XLSForm workbook. The standard instrument's key is ccpl-pulse-check."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # Our --version (the instrument version) replaces Django's --version (its own release).
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key")
        parser.add_argument(
            "--version", dest="number", type=int, default=None, help="default: the latest"
        )
        parser.add_argument("--ics", default="", help="ODS code, for an ICS's own instrument")
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        version = instrument_version_by_key(
            key=options["key"], number=options["number"], ics_code=options["ics"]
        )
        if version is None:
            wanted = f" version {options['number']}" if options["number"] else ""
            raise CommandError(f"There is no instrument {options['key']}{wanted}")
        try:
            options["output"].write_bytes(write_xlsform(version.definition))
        except OSError as error:
            raise CommandError(
                f"Cannot write the file: {error.strerror}: {error.filename}"
            ) from error
        self.stdout.write(
            f"Wrote {version.instrument.key} version {version.version} to {options['output']}"
        )
