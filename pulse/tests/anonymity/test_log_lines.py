"""No secret of a respondent reaches any log record during whole journeys (DESIGN.md section 6).

Extends `pulse/surveys/tests/test_distribution_logging.py` (invitation tokens in the console
output) to every secret a respondent has and every part of a record: the raw invitation token
and its stored hash, the resume link's token and its hash, the access code, the participant's
address and every session key the browser held, searched for in each record's message, its
arguments, any extra attributes and any exception text, captured at DEBUG from every logger
before any filter runs. Each request is also written as gunicorn's access log would write it,
with the format and filter of `gunicorn.conf.py`.
"""

import contextlib
import logging
import runpy
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils.module_loading import import_string
from gunicorn.config import Config
from gunicorn.glogging import Logger as GunicornLogger

from pulse.surveys.models import Response, ResponseDraft
from pulse.surveys.services.responses import token_hash
from pulse.surveys.tests.distribution_helpers import invited_wave, links, path_of, token_of
from pulse.surveys.tests.factories import open_wave
from pulse.surveys.tests.respond_helpers import (
    answer_everything,
    post_section,
    section_data,
    url,
)

pytestmark = pytest.mark.django_db

STANDARD = set(vars(logging.LogRecord("x", logging.INFO, "x", 0, "x", None, None))) | {
    "message",
    "asctime",
}
GUNICORN = runpy.run_path(str(Path(settings.BASE_DIR, "gunicorn.conf.py")))


class RecordingClient(Client):
    """A browser that keeps every request it made and the status of the reply, and every
    session key it was given."""

    def __init__(self, journal: "Journal") -> None:
        super().__init__()
        self.journal = journal

    def request(self, **request: Any) -> Any:
        reply = super().request(**request)
        self.journal.requests.append((dict(request), reply.status_code))
        key = self.cookies.get(settings.SESSION_COOKIE_NAME)
        if key is not None and key.value:
            self.journal.secrets[f"session key {len(self.journal.secrets)}"] = key.value
        return reply


class Journal:
    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, Any], int]] = []
        self.secrets: dict[str, str] = {}

    def browser(self) -> RecordingClient:
        return RecordingClient(self)

    def remember_sessions(self) -> None:
        for key in Session.objects.values_list("session_key", flat=True):
            self.secrets[f"stored session {key[:4]}"] = key


@pytest.fixture
def records() -> Iterator[list[logging.LogRecord]]:
    """Every record of every logger at DEBUG, as logged (before the console filter)."""
    captured: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            captured.append(record)

    handler = Keep(logging.DEBUG)
    manager = logging.Logger.manager
    loggers = [logging.getLogger()] + [
        lg for lg in manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]
    levels = {lg: lg.level for lg in loggers}
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        if logger is logging.getLogger() or not logger.propagate:
            logger.addHandler(handler)
    try:
        yield captured
    finally:
        for logger, level in levels.items():
            logger.setLevel(level)
            logger.removeHandler(handler)


def record_text(record: logging.LogRecord) -> str:
    """Everything a record carries that a handler or formatter could write."""
    parts = [str(record.msg), repr(record.args)]
    with contextlib.suppress(TypeError, ValueError):  # a malformed record is still searched
        parts.append(record.getMessage())
    parts += [f"{k}={v!r}" for k, v in vars(record).items() if k not in STANDARD]
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    parts += [str(record.exc_text or ""), str(record.stack_info or "")]
    return "\n".join(parts)


def gunicorn_access_lines(requests: list[tuple[dict[str, Any], int]]) -> list[str]:
    """Each request as gunicorn would log it: its atoms, the configured format, the filter and
    the formatter of `gunicorn.conf.py`."""
    config = Config()
    config.set("access_log_format", GUNICORN["access_log_format"])
    atoms_of = GunicornLogger(config).atoms
    logconfig = GUNICORN["logconfig_dict"]
    access = logconfig["loggers"]["gunicorn.access"]["handlers"][0]
    filters = [
        import_string(logconfig["filters"][name]["()"])()
        for name in logconfig["handlers"][access]["filters"]
    ]
    formatter = logging.Formatter(logconfig["formatters"]["plain"]["format"])
    lines = []
    for request, status in requests:
        environ = {
            "REMOTE_ADDR": "192.0.2.10",
            "REQUEST_METHOD": request.get("REQUEST_METHOD", "GET"),
            "PATH_INFO": request.get("PATH_INFO", "/"),
            "QUERY_STRING": request.get("QUERY_STRING", ""),
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        query = environ["QUERY_STRING"]
        environ["RAW_URI"] = environ["PATH_INFO"] + (f"?{query}" if query else "")
        reply = type("Reply", (), {"status": f"{status} OK", "sent": 10, "headers": []})()
        atoms = atoms_of(reply, {}, environ, timedelta(milliseconds=12))
        record = logging.LogRecord(
            "gunicorn.access", logging.INFO, __file__, 0, config.access_log_format, (atoms,), None
        )
        assert all(f.filter(record) for f in filters)
        lines.append(formatter.format(record))
    return lines


def invited_journey(journal: Journal) -> None:
    """Emailed link -> every section -> check -> submit -> done, and the link again."""
    wave = invited_wave(2)
    link = links()["leader1@example.nhs.uk"][0]
    token = token_of(link)
    journal.secrets |= {
        "invitation token": token,
        "invitation token hash": token_hash(token),
        "address": "leader1@example.nhs.uk",
    }
    browser = journal.browser()
    assert browser.get(path_of(link)).status_code == 302
    answer_everything(browser, wave)
    assert browser.get(url("check", wave)).status_code == 200
    journal.remember_sessions()
    done = browser.post(url("submit", wave), follow=True)
    assert done.status_code == 200 and Response.objects.filter(wave=wave).count() == 1
    journal.remember_sessions()
    assert journal.browser().get(path_of(link), follow=True).status_code < 500  # used already
    journal.browser().get(f"{url('start', wave)}invalid/")  # a 404 that is logged


def open_link_journey(journal: Journal) -> None:
    """Access code -> first section saved -> resume link in another browser -> submit, and the
    used resume link again."""
    code = "LEAD-2026"
    wave = open_wave(access_code_hash=make_password(code), open_link_slug="open-journey")
    journal.secrets["access code"] = code
    first = journal.browser()
    assert first.post(url("start", wave), {"access_code": code}).status_code == 302
    draft = ResponseDraft.objects.get()
    reply = post_section(first, wave, 1, section_data(wave, 1, {}, ["place"]), action="save")
    assert reply.status_code == 302
    saved = first.get(url("saved", wave)).content.decode()
    resume = saved.split('id="resume-link"', 1)[1].split("</", 1)[0]
    resume_path = "/s/" + resume.split("/s/", 1)[1].strip()
    resume_token = resume_path.rstrip("/").rsplit("/", 1)[1]
    journal.secrets |= {"resume token": resume_token, "resume hash": token_hash(resume_token)}
    draft.refresh_from_db()
    assert draft.resume_token_hash == token_hash(resume_token)
    journal.remember_sessions()
    second = journal.browser()
    assert second.get(resume_path).status_code == 302
    answer_everything(second, wave)
    journal.remember_sessions()
    assert second.post(url("submit", wave)).status_code == 302
    assert second.get(url("done", wave)).status_code == 200
    assert journal.browser().get(resume_path).status_code == 404  # the link worked once


def test_no_secret_of_a_respondent_is_in_any_log_record_or_access_line(
    records: list[logging.LogRecord],
) -> None:
    journal = Journal()
    invited_journey(journal)
    open_link_journey(journal)

    assert Response.objects.count() == 2
    texts = [record_text(r) for r in records]
    # The journeys were logged: a missing page reached django.request, the emails were sent.
    assert any(r.name == "django.request" for r in records)
    assert any("invitation email" in t for t in texts)
    lines = gunicorn_access_lines(journal.requests)
    assert len(lines) == len(journal.requests) > 20
    assert any("/s/invitation/ HTTP/1.1" in line for line in lines)
    assert any("/resume/[redacted]/ HTTP/1.1" in line for line in lines)
    assert {"invitation token", "resume token", "access code"} <= set(journal.secrets)
    assert sum(name.startswith(("session key", "stored session")) for name in journal.secrets) >= 3
    for name, secret in journal.secrets.items():
        assert len(secret) >= 8, name
        leaked = [t for t in texts if secret in t]
        assert leaked == [], f"the {name} is in a log record: {leaked[:1]}"
        assert not [line for line in lines if secret in line], f"the {name} is in an access line"
