"""Helpers for the personal invitation tests: participant files, a draft wave with places,
inviting people, and reading the emailed links."""

import csv
import io
import re
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone
from openpyxl import Workbook

from pulse.organisations.models import Place
from pulse.organisations.tests.factories import ics
from pulse.surveys.models import Wave
from pulse.surveys.services.distribution import participants_add
from pulse.surveys.services.waves import wave_create, wave_open
from pulse.surveys.tests.factories import PLACES, pulse_check

LINK = re.compile(r"https?://\S+/s/invitation/\?token=[A-Za-z0-9_-]+")
UNSUBSCRIBE = re.compile(r"https?://\S+/s/invitation/unsubscribe/\?token=[A-Za-z0-9_-]+")


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def places() -> None:
    system = ics()
    for name in PLACES:
        Place.objects.get_or_create(ics=system, code=name.lower(), defaults={"name": name})


def draft_wave(version: Any = None, **fields: Any) -> Wave:
    """A draft pulse check in Cheshire and Merseyside (three places), opening today."""
    places()
    today = timezone.localdate()
    data: dict[str, Any] = {
        "ics": ics(),
        "version": version or pulse_check(),
        "title": "Pulse check 2027",
        "opens_on": today,
        "closes_on": today + timedelta(days=21),
        "open_link_enabled": False,
        "by": None,
    }
    return wave_create(**{**data, **fields})


def people(count: int, **fields: str) -> list[dict[str, str]]:
    return [{"email": f"leader{n}@example.nhs.uk", **fields} for n in range(1, count + 1)]


def committed() -> Any:
    """Run what waits for the transaction to commit (tasks, emails) when the block ends: tests
    run inside a transaction that never commits."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def invited_wave(count: int = 3, **fields: Any) -> Wave:
    """An open wave whose `count` participants have been emailed their links."""
    wave = draft_wave(**fields)
    participants_add(wave=wave, people=people(count), by=None)
    with committed():
        wave = wave_open(wave=wave, by=None)
    return wave


def links(kind: str = "invitation") -> dict[str, list[str]]:
    """Address -> the personal links emailed to it, oldest first."""
    pattern = LINK if kind == "invitation" else UNSUBSCRIBE
    found: dict[str, list[str]] = {}
    for message in mail.outbox:
        for link in pattern.findall(message.body):
            found.setdefault(message.to[0], []).append(link)
    return found


def token_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


def path_of(link: str) -> str:
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"


def follow(client: Client, link: str) -> Any:
    """Open an emailed link in `client` (a browser) and return the reply."""
    return client.get(path_of(link))
