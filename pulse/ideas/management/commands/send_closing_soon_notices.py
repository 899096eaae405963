"""Tell staff about challenges closing within 3 days. Run daily from cron; safe to repeat."""

from typing import Any

from django.core.management.base import BaseCommand

from pulse.ideas.services.notifications import challenges_closing_notify


class Command(BaseCommand):
    help = "Send the 'challenge closing soon' notifications that are due (safe to run again)"

    def handle(self, *args: Any, **options: Any) -> None:
        count = challenges_closing_notify()
        self.stdout.write(f"Sent {count} 'closing soon' notification(s)")
