from typing import Any

from django.core.management.base import BaseCommand

from pulse.surveys.services.invitations import emails_send_due


class Command(BaseCommand):
    help = (
        "Send every due invitation and reminder of every open survey, and retry emails that "
        "failed for a reason that may pass. Safe to run any number of times (for example hourly "
        "from cron); the task queue also runs it when a survey opens and on each reminder date."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = emails_send_due()
        self.stdout.write(f"{sent} email(s) sent.")
