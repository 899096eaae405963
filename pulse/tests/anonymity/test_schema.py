"""The schema cannot join a response to the person who gave it (DESIGN.md section 6, ADR 7).

Proved from the models themselves, for every model the project installs, and from the rows a
real invited journey leaves behind: no foreign key, one-to-one or many-to-many path leads from
a response or a draft to invitations, participants, users, sessions, API tokens or the audit
log; no response-side column is named for, or holds, an identifier of any of them; and nothing
stored dates a response more finely than its day or reveals the order of submission.
"""

import json
import uuid
from collections import deque

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.test import Client

from pulse.core.models import AuditEntry
from pulse.surveys.models import (
    InvitationToken,
    Participant,
    Response,
    ResponseDraft,
    Wave,
)
from pulse.surveys.services.responses import token_hash
from pulse.surveys.tests.distribution_helpers import follow, invited_wave, links, token_of
from pulse.surveys.tests.factories import open_wave
from pulse.surveys.tests.respond_helpers import answer_everything, url

#: The tables that hold answers: submitted responses and work in progress.
RESPONSE_SIDE: tuple[type[models.Model], ...] = (Response, ResponseDraft)
#: Words that would name a link to a person, a browser or a moment in a column's name.
IDENTIFYING_WORDS = (
    "invit",
    "participant",
    "user",
    "session",
    "email",
    "address",
    "ip",
    "ua",
    "agent",
    "token",
    "author",
    "by",
    "time",
    "at",
)
#: The one column allowed to contain a word above: the draft's own resume-link hash (ADR 7),
#: which identifies the draft to whoever holds the link, never a person or an invitation.
ALLOWED_COLUMNS = {(ResponseDraft, "resume_token_hash")}


def relations(model: type[models.Model]) -> list[tuple[str, type[models.Model]]]:
    """Every table one join away: forward and reverse foreign keys, one-to-ones and M2Ms."""
    found = []
    for field in model._meta.get_fields(include_hidden=True):
        if field.is_relation and field.related_model is not None:
            related = field.related_model
            if isinstance(related, str):  # pragma: no cover - every model is loaded
                related = apps.get_model(related)
            found.append((field.name, related))
    return found


def reachable_without_the_wave(start: type[models.Model]) -> dict[type[models.Model], str]:
    """Models reachable from `start` by any chain of joins that does not pass through a wave.

    The wave is shared by everyone who answered it (a many-to-one grouping of hundreds of
    people), so joining through it reaches the whole wave's participant list, never one person.
    Every other path is followed, in both directions.
    """
    seen: dict[type[models.Model], str] = {start: start.__name__}
    queue = deque([start])
    while queue:
        model = queue.popleft()
        for name, related in relations(model):
            if related is Wave or related in seen:
                continue
            seen[related] = f"{seen[model]}.{name}"
            queue.append(related)
    return seen


def test_every_installed_model_is_inspected_and_the_forbidden_tables_exist() -> None:
    every = set(apps.get_models(include_auto_created=True))
    for model in (Participant, InvitationToken, AuditEntry, Session, get_user_model()):
        assert model in every
    assert set(RESPONSE_SIDE) <= every


@pytest.mark.parametrize("start", RESPONSE_SIDE, ids=lambda m: m.__name__)
def test_no_join_leads_from_answers_to_a_person_a_session_or_the_audit_log(
    start: type[models.Model],
) -> None:
    forbidden = {
        m
        for m in apps.get_models(include_auto_created=True)
        if m not in RESPONSE_SIDE and m is not Wave
    }
    reached = reachable_without_the_wave(start)
    leaks = {m.__name__: path for m, path in reached.items() if m in forbidden}
    assert leaks == {}, f"{start.__name__} can be joined to {leaks}"
    # Its only link is the wave, and the wave's own links to people are shared by everyone.
    assert [name for name, _ in relations(start)] == ["wave"]


def test_no_model_points_at_a_response_or_a_draft() -> None:
    pointing = [
        f"{m.__name__}.{f.name}"
        for m in apps.get_models(include_auto_created=True)
        for f in m._meta.get_fields(include_hidden=True)
        if f.is_relation
        and not f.auto_created
        and f.related_model in RESPONSE_SIDE
        and m not in RESPONSE_SIDE
    ]
    assert pointing == []


@pytest.mark.parametrize("model", RESPONSE_SIDE, ids=lambda m: m.__name__)
def test_no_response_side_column_is_named_for_a_person_a_session_or_a_time(
    model: type[models.Model],
) -> None:
    named = []
    for field in model._meta.concrete_fields:
        words = field.column.lower().split("_")
        if (model, field.name) not in ALLOWED_COLUMNS and set(words) & set(IDENTIFYING_WORDS):
            named.append(field.column)
    assert named == []


@pytest.mark.parametrize("model", RESPONSE_SIDE, ids=lambda m: m.__name__)
def test_response_side_tables_store_days_never_times(model: type[models.Model]) -> None:
    temporal = {
        f.name: f.get_internal_type()
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField | models.TimeField | models.DurationField)
    }
    assert temporal and set(temporal.values()) == {"DateField"}, temporal


def _row_texts(model: type[models.Model]) -> list[str]:
    """Every stored value of every row, as the database returns it (raw SQL, no ORM)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - a model's own table name
        return [json.dumps([str(v) for v in row]) for row in cursor.fetchall()]


@pytest.mark.django_db
def test_an_invited_journey_leaves_no_identifier_in_any_answer_row() -> None:
    wave = invited_wave(2)
    email = "leader1@example.nhs.uk"
    link = links()[email][0]
    token = token_of(link)
    participant = Participant.objects.get(wave=wave, email=email)
    browser = Client()
    follow(browser, link)
    draft = answer_everything(browser, wave)
    secrets = {
        "token": token,
        "token hash": token_hash(token),
        "email": email,
        "session key": browser.session.session_key or "",
    }
    secrets |= {
        f"session {n}": s for n, s in enumerate(Session.objects.values_list("pk", flat=True))
    }
    # While answering, the draft holds no identifier either (only its own resume hash).
    draft_texts = _row_texts(ResponseDraft)
    assert len(draft_texts) == 1
    for name, secret in secrets.items():
        assert secret and secret not in draft_texts[0], name

    reply = browser.post(url("submit", wave))
    assert reply.status_code == 302
    assert not ResponseDraft.objects.filter(pk=draft.pk).exists()
    response = Response.objects.get(wave=wave)
    # The participant's answer is recorded only as "used" (no time), never as a response id.
    assert hasattr(Participant.objects.get(pk=participant.pk), "use")
    texts = _row_texts(Response)
    assert len(texts) == 1
    for name, secret in secrets.items():
        assert secret not in texts[0], name
    # Every answer key is a question of the survey: nothing else rides along in the answers.
    assert set(response.answers) <= set(wave.definition.answer_keys())
    assert response.submitted_on == draft.updated_on
    assert uuid.UUID(str(response.pk)).version == 4


@pytest.mark.django_db
def test_stored_submission_dates_have_no_time_and_ids_do_not_follow_submission_order() -> None:
    wave = open_wave()
    submitted = []
    for _ in range(25):
        browser = Client()
        answer_everything(browser, wave)
        assert browser.post(url("submit", wave)).status_code == 302
        known = set(submitted)
        (new,) = [r for r in Response.objects.values_list("pk", flat=True) if r not in known]
        submitted.append(new)
    table = connection.ops.quote_name(Response._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT submitted_on FROM {table}")  # noqa: S608
        stored = [row[0] for row in cursor.fetchall()]
    # SQLite keeps "YYYY-MM-DD" text, PostgreSQL a date: never a time of day.
    assert len(stored) == 25
    assert all(len(str(value)) == 10 and ":" not in str(value) for value in stored), stored[:3]
    listed = list(Response.objects.filter(wave=wave).values_list("pk", flat=True))
    assert Response._meta.ordering == ["id"]
    assert listed == sorted(submitted)  # by the random id ...
    assert listed not in (submitted, submitted[::-1])  # ... so not by submission (p = 2/25!)
    assert all(uuid.UUID(str(pk)).version == 4 for pk in submitted)
