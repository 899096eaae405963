from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pulse.organisations.reference import ReferenceDataError
from pulse.organisations.services import organisations_import


class Command(BaseCommand):
    help = (
        "Refresh NHS England regions and ICSs from two CSV files shaped like "
        "pulse/organisations/data/regions.csv and icbs.csv. All or nothing: any bad row "
        "stops the import and is reported with its line number."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--regions", required=True, type=Path, help="regions CSV")
        parser.add_argument("--icbs", required=True, type=Path, help="ICBs CSV")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            regions = options["regions"].read_bytes()
            icbs = options["icbs"].read_bytes()
        except OSError as error:
            raise CommandError(
                f"Cannot read the file: {error.strerror}: {error.filename}"
            ) from error
        try:
            counts = organisations_import(regions_csv=regions, icbs_csv=icbs)
        except ReferenceDataError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Nothing was imported: {len(error.problems)} problem(s) found."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported: {counts['created']} ICSs added, {counts['updated']} updated, "
                f"{counts['deactivated']} marked inactive."
            )
        )
