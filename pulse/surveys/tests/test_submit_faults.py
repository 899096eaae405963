"""Submitting survives a crash at any point: nothing half-written, nothing lost, nothing twice.

The small, deterministic version of `python -m bench.faults` (bench/README.md, "Faults"). A
crash is simulated as the database connection failing at one statement of the submission's
transaction (before or after the response is inserted, at the draft's deletion, at the
session's write) or at its commit. The respondent then sees an error, not the confirmation;
the response does not exist, the draft keeps every answer, and pressing "Submit" again stores
exactly one response. Two presses of "Submit" for one draft, one after the other or at the same
moment (PostgreSQL), also store one response and both land on the confirmation.

These tests commit for real (`transaction=True`), so a crash at commit is a real rollback.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client

from pulse.core.tests.html import text
from pulse.surveys.models import Response, ResponseDraft, Wave
from pulse.surveys.tests.factories import open_wave, small_version
from pulse.surveys.tests.respond_helpers import answer_everything, url

REAL_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)
CONFIRMATION = "Your answers have been submitted"


class Crash(OperationalError):
    """The connection to the database is lost mid-transaction (the process or server died)."""


@contextmanager
def crash_at(statement: str, *, after: bool = False) -> Iterator[list[str]]:
    """Fail the first statement starting with `statement` (before it runs, or just after it
    ran, inside the still-open transaction). Yields the statements that ran before the crash."""
    ran: list[str] = []

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any) -> Any:
        hit = sql.lstrip().startswith(statement) and not any(s.startswith("CRASH") for s in ran)
        if hit and not after:
            ran.append(f"CRASH before {statement}")
            raise Crash("server closed the connection unexpectedly")
        result = execute(sql, params, many, ctx)
        ran.append(sql)
        if hit:
            ran.append(f"CRASH after {statement}")
            raise Crash("server closed the connection unexpectedly")
        return result

    with connection.execute_wrapper(wrapper):
        yield ran


@contextmanager
def crash_at_commit(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail the first commit (the submission's: reading the session and the wave commits
    nothing): Django rolls the transaction back, as the server would."""
    commits: list[str] = []
    database = connections["default"]
    real_commit = database.commit

    def commit() -> None:
        if not commits:
            commits.append("CRASH at commit")
            raise Crash("server closed the connection unexpectedly")
        real_commit()

    with monkeypatch.context() as patch:
        patch.setattr(database, "commit", commit)
        yield commits


def ready_to_submit() -> tuple[Wave, Client, ResponseDraft]:
    wave = open_wave(small_version())
    browser = Client(raise_request_exception=False)
    draft = answer_everything(browser, wave, layers=["place"])
    assert draft.answers, "the draft holds the answers to submit"
    return wave, browser, draft


def press_submit(browser: Client, wave: Wave) -> Any:
    return browser.post(url("submit", wave))


def acknowledged(reply: Any, wave: Wave) -> bool:
    return reply.status_code == 302 and reply["Location"] == url("done", wave)


def assert_nothing_half_written(wave: Wave, draft: ResponseDraft) -> None:
    assert not Response.objects.filter(wave=wave).exists()
    kept = ResponseDraft.objects.get(pk=draft.pk)
    assert kept.answers == draft.answers


def assert_retry_stores_exactly_one(browser: Client, wave: Wave, draft: ResponseDraft) -> None:
    reply = press_submit(browser, wave)
    assert acknowledged(reply, wave)
    assert CONFIRMATION in text(browser.get(reply["Location"]))
    stored = Response.objects.filter(wave=wave)
    assert stored.count() == 1
    assert stored.get().answers["layers"] == draft.answers["layers"]
    assert not ResponseDraft.objects.filter(pk=draft.pk).exists()
    again = press_submit(browser, wave)  # a second press after success changes nothing
    assert acknowledged(again, wave)
    assert Response.objects.filter(wave=wave).count() == 1


@REAL_DB
@pytest.mark.parametrize(
    ("statement", "after"),
    [
        ('INSERT INTO "surveys_response"', False),
        ('INSERT INTO "surveys_response"', True),
        ('DELETE FROM "surveys_responsedraft"', False),
        ('UPDATE "django_session"', False),
    ],
    ids=["before-response-insert", "after-response-insert", "at-draft-delete", "at-session-write"],
)
def test_a_crash_inside_the_submission_leaves_the_draft_whole_and_a_retry_stores_one_response(
    statement: str, after: bool
) -> None:
    wave, browser, draft = ready_to_submit()
    with crash_at(statement, after=after) as ran:
        reply = press_submit(browser, wave)
    assert any(s.startswith("CRASH") for s in ran), f"the submission never reached {statement}"
    # A server error; a failed session write is Django's "session interrupted" (400).
    assert reply.status_code == (400 if "django_session" in statement else 500)
    assert not acknowledged(reply, wave)
    assert_nothing_half_written(wave, draft)
    assert_retry_stores_exactly_one(browser, wave, draft)


@REAL_DB
def test_a_crash_at_commit_stores_nothing_and_a_retry_stores_one_response(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wave, browser, draft = ready_to_submit()
    with crash_at_commit(monkeypatch) as commits:
        reply = press_submit(browser, wave)
    assert commits == ["CRASH at commit"]
    assert reply.status_code == 500
    assert_nothing_half_written(wave, draft)
    assert_retry_stores_exactly_one(browser, wave, draft)


@REAL_DB
def test_pressing_submit_twice_stores_one_response_and_both_presses_confirm() -> None:
    wave, browser, draft = ready_to_submit()
    first = press_submit(browser, wave)
    second = press_submit(browser, wave)
    assert acknowledged(first, wave)
    assert acknowledged(second, wave)
    assert Response.objects.filter(wave=wave).count() == 1
    assert not ResponseDraft.objects.filter(pk=draft.pk).exists()


@pytest.mark.postgres
@REAL_DB
def test_the_same_draft_submitted_from_two_tabs_at_once_stores_one_response() -> None:
    wave, browser, draft = ready_to_submit()
    tabs = 8
    barrier = threading.Barrier(tabs)
    replies: list[Any] = []

    def submit() -> None:
        tab = Client(raise_request_exception=False)
        tab.cookies.load({name: c.value for name, c in browser.cookies.items()})  # one session
        try:
            barrier.wait()
            replies.append(press_submit(tab, wave))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert connection.vendor == "postgresql"
    assert len(replies) == tabs
    assert all(acknowledged(reply, wave) for reply in replies)
    assert Response.objects.filter(wave=wave).count() == 1
    assert not ResponseDraft.objects.filter(pk=draft.pk).exists()
