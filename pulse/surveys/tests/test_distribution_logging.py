"""No invitation token ever reaches a log line: not during a whole invited journey (emails,
following the link, answering, a second attempt, stopping emails, a wrong link), neither in
what the code logs nor in what the configured handlers write, request lines included."""

import io
import logging
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from pulse.core.logging import StripQueryStringFilter
from pulse.surveys.services.distribution import distribution_reminders_update
from pulse.surveys.services.invitations import emails_send
from pulse.surveys.tests.distribution_helpers import follow, invited_wave, links, path_of, token_of
from pulse.surveys.tests.respond_helpers import answer_everything, url

pytestmark = pytest.mark.django_db

LOGGERS = ("", "django", "django.request", "django.server", "django_tasks", "pulse")


@pytest.fixture
def written() -> Iterator[io.StringIO]:
    """Everything the configured console handlers write, at every level."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        + logging.getLogger("django.request").handlers
        + logging.getLogger("django.server").handlers
        if any(isinstance(f, StripQueryStringFilter) for f in h.filters)
    ]
    assert handlers, "the configured console handler strips query strings"
    stream = io.StringIO()
    old_streams = [h.setStream(stream) for h in handlers]
    levels = {name: logging.getLogger(name).level for name in LOGGERS}
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        for handler, old in zip(handlers, old_streams, strict=True):
            handler.setStream(old)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every record logged, before any filter (the non-propagating loggers too)."""
    extra = [logging.getLogger(name) for name in ("django.request", "django.server")]
    for logger in extra:
        logger.addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)
    try:
        yield caplog
    finally:
        for logger in extra:
            logger.removeHandler(caplog.handler)


def journey() -> list[str]:
    """An invited person's whole journey; returns every token emailed."""
    wave = invited_wave(2)
    reminder_day = timezone.localdate() + timedelta(days=2)
    distribution_reminders_update(wave=wave, dates=[reminder_day], by=None)
    emails_send(wave_id=wave.pk, kind="reminder_1", today=reminder_day)
    browser = Client()
    first = links()["leader1@example.nhs.uk"]
    follow(browser, first[0])
    answer_everything(browser, wave)
    browser.post(url("submit", wave), follow=True)
    for link in first:
        Client().get(path_of(link), follow=True)  # "already answered"
    stop = Client()
    stop.get(path_of(links("unsubscribe")["leader2@example.nhs.uk"][0]), follow=True)
    stop.post("/s/invitation/stop-emails/")
    Client().get("/s/invitation/?token=" + token_of(first[0])[::-1])  # a wrong link: 404
    Client().get("/s/invitation/unsubscribe/?token=" + token_of(first[0])[::-1])
    return [token_of(link) for found in links().values() for link in found] + [
        token_of(link) for found in links("unsubscribe").values() for link in found
    ]


def test_no_token_is_logged_or_written_during_an_invited_journey(
    written: io.StringIO, records: Any
) -> None:
    tokens = journey()
    assert len(set(tokens)) >= 3
    assert any(r.name == "django.request" for r in records.records)  # the 404 was logged
    assert "Sent 2 invitation emails" in records.text
    for token in tokens:
        assert token not in records.text
        assert token not in written.getvalue()
        assert token[::-1] not in records.text + written.getvalue()
    assert "example.nhs.uk" not in records.text + written.getvalue()


def test_request_lines_of_emailed_links_are_written_without_the_token(
    written: io.StringIO,
) -> None:
    invited_wave(1)
    link = links()["leader1@example.nhs.uk"][0]
    server = logging.getLogger("django.server")
    server.info('"%s" %s %s', f"GET {path_of(link)} HTTP/1.1", "302", "0")
    server.info(f'"GET {path_of(link)} HTTP/1.1" 302 0')
    out = written.getvalue()
    assert '"GET /s/invitation/ HTTP/1.1" 302 0' in out
    assert token_of(link) not in out
