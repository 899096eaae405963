from typing import Any

from django.core.management.base import BaseCommand

from pulse.core.formatting import nhs_date
from pulse.surveys.services.waves import waves_close_due


class Command(BaseCommand):
    help = (
        "Close every open survey whose closing date has passed, deleting its unfinished drafts. "
        "Safe to run any number of times (for example hourly from cron); the task queue also "
        "runs it at the end of each closing date."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        closed = waves_close_due()
        if not closed:
            self.stdout.write("No surveys were due to close.")
            return
        for wave in closed:
            self.stdout.write(
                f"Closed {wave.title} ({wave.ics.short_name}), closing date "
                f"{nhs_date(wave.closes_on)}"
            )
        self.stdout.write(f"{len(closed)} survey(s) closed.")
