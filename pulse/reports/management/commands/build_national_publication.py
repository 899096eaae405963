"""Rebuild the national publication (the England benchmark the regional and national views,
their files and the API read) of one standard questionnaire version, or of every one."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pulse.reports.national.build import (
    national_publication_build,
    national_publications_build_all,
)
from pulse.reports.national.selectors import version_by_id


class Command(BaseCommand):
    help = (
        "Rebuild the national publication of a standard questionnaire version from each "
        "system's latest comparable published survey (every version if none is given)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--version-id", type=int, help="the questionnaire version's ID")

    def handle(self, *args: Any, **options: Any) -> None:
        version_id = options.get("version_id")
        if version_id is None:
            built = national_publications_build_all()
            self.stdout.write(f"Built {len(built)} national publication(s).")
            return
        version = version_by_id(version_id=version_id)
        if version is None or not version.instrument.is_standard:
            raise CommandError(
                f"There is no standard questionnaire version with the ID {version_id}"
            )
        publication = national_publication_build(version=version)
        if publication is None:
            self.stdout.write(f"No published survey of {version} to compare yet: nothing built.")
            return
        self.stdout.write(
            f"Built the national publication of {version} from {publication.waves.count()} surveys."
        )
