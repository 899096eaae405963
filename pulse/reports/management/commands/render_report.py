"""Render a published wave's report to a file, exactly as a viewer would download it."""

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pulse.reports import selectors
from pulse.reports.models import ReportFormat
from pulse.reports.services.publication import publication_ensure
from pulse.reports.services.report_files import render_content
from pulse.surveys.models import WaveStatus


def _writable(path: Path) -> None:
    if path.is_dir():
        raise CommandError(f"{path} is a directory: give a file name")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise CommandError(f"Cannot write to {path}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(f"Cannot write to {path}: permission denied")


class Command(BaseCommand):
    help = (
        "Render a published wave's PDF board report, Excel data pack or CSV tables (zip) from "
        "its stored results, exactly as a viewer downloads it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--wave", type=int, required=True, help="the wave's ID")
        parser.add_argument("--format", choices=ReportFormat.values, required=True)
        parser.add_argument("--output", required=True, help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        wave = selectors.wave_by_id(wave_id=options["wave"])
        if wave is None:
            raise CommandError(f"There is no wave with the ID {options['wave']}")
        if wave.status != WaveStatus.PUBLISHED:
            raise CommandError(
                f"Wave {wave.pk} ({wave.title}) is {wave.get_status_display().lower()}: only a "
                "published wave has reports"
            )
        path = Path(options["output"])
        _writable(path)
        publication_ensure(wave=wave)
        results = selectors.results_for_wave(wave=wave)
        assert results is not None
        content = render_content(results, options["format"])
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write to {path}: {error.strerror}") from error
        label = ReportFormat(options["format"]).label
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote the {label} of {wave.title} to {path} ({len(content):,} bytes)"
            )
        )
