from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pulse.core.retention import all_purges, purge_expired, retention_days


class Command(BaseCommand):
    help = (
        "Delete personal and temporary data past its retention period (see "
        "docs/security-and-privacy.md). Run daily; --dry-run only counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would go, delete nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options["dry_run"]
        counts = purge_expired(dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        for purge in all_purges():
            self.stdout.write(
                f"{counts[purge.key]:>7} {verb}: {purge.description} (kept {retention_days(purge.key)} days)"
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was deleted.")
