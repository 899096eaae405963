from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pulse.nonprod.demo import DEMO_PASSWORD, build_demo, demo_ics
from pulse.nonprod.surveys_demo import open_link_url


class Command(BaseCommand):
    help = "Build or refresh the demo (idempotent). Refuses to run with production settings."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PULSE_ENVIRONMENT == "production":
            raise CommandError("The demo data must never be loaded with production settings.")
        users = build_demo()
        ics = demo_ics()
        self.stdout.write(self.style.SUCCESS(f"Demo ready for {ics.name}."))
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for user in users:
            self.stdout.write(f"  {user.description:<32} {user.email}")
        self.stdout.write("")
        self.stdout.write(f"Open survey (answer it as a respondent): {open_link_url(ics)}")
