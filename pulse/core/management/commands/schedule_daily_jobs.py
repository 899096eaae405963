from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from pulse.core.services import daily_jobs_schedule


class Command(BaseCommand):
    help = (
        "Schedule the daily jobs (purge expired data, close due surveys) if not already scheduled."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            scheduled = daily_jobs_schedule()
        self.stdout.write(
            "Daily jobs scheduled for 2am."
            if scheduled
            else "Daily jobs were already scheduled (or the task backend cannot defer tasks)."
        )
