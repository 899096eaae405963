import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from pulse.surveys.answers import InvalidAnswers
from pulse.surveys.models import Response, ResponseDraft, WaveStatus
from pulse.surveys.services.responses import (
    NotAcceptingResponses,
    acceptance,
    draft_save,
    draft_start,
    draft_submit,
    response_create,
)
from pulse.surveys.tests.factories import SMALL_VALID, open_wave, small_version

pytestmark = pytest.mark.django_db


def test_a_submitted_draft_becomes_one_anonymous_response_dated_today() -> None:
    wave = open_wave(small_version())
    draft, _ = draft_start(wave=wave)
    draft_save(draft=draft, answers=SMALL_VALID, replacing=set())
    response = draft_submit(draft_id=draft.pk)
    assert isinstance(response.pk, uuid.UUID)
    assert response.submitted_on == timezone.localdate()
    assert response.answers["years"] == 12
    assert not ResponseDraft.objects.exists()


def test_submitting_the_same_draft_twice_stores_one_response() -> None:
    wave = open_wave(small_version())
    draft, _ = draft_start(wave=wave)
    draft_save(draft=draft, answers=SMALL_VALID, replacing=set())
    assert draft_submit(draft_id=draft.pk) is not None
    assert draft_submit(draft_id=draft.pk) is None
    assert Response.objects.count() == 1


def test_invalid_answers_store_nothing_and_keep_the_draft() -> None:
    wave = open_wave(small_version())
    with pytest.raises(InvalidAnswers):
        response_create(wave=wave, answers={**SMALL_VALID, "valued": 7})
    draft, _ = draft_start(wave=wave)
    draft_save(draft=draft, answers={"layers": ["place"]}, replacing=set())
    with pytest.raises(InvalidAnswers):
        draft_submit(draft_id=draft.pk)
    assert not Response.objects.exists()
    assert ResponseDraft.objects.filter(pk=draft.pk).exists()


def test_a_wave_takes_answers_only_between_its_dates_while_open() -> None:
    today = timezone.localdate()
    wave = open_wave(small_version(), opens_on=today + timedelta(days=1))
    assert acceptance(wave) == "not_open_yet"
    with pytest.raises(NotAcceptingResponses):
        draft_start(wave=wave)
    wave.opens_on, wave.closes_on = today - timedelta(days=10), today - timedelta(days=1)
    assert acceptance(wave) == "closed"
    wave.closes_on, wave.status = today, WaveStatus.CLOSED
    assert acceptance(wave) == "closed"


def test_a_response_row_holds_no_link_to_people_sessions_or_times() -> None:
    fields = {f.name: f.get_internal_type() for f in Response._meta.get_fields()}
    assert fields == {
        "id": "UUIDField",
        "wave": "ForeignKey",
        "submitted_on": "DateField",
        "answers": "JSONField",
        "source": "CharField",
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_of_one_draft_store_exactly_one_response() -> None:
    wave = open_wave(small_version())
    draft, _ = draft_start(wave=wave)
    draft_save(draft=draft, answers=SMALL_VALID, replacing=set())
    results: list[object] = []
    barrier = threading.Barrier(20)

    def submit() -> None:
        try:
            barrier.wait()
            results.append(draft_submit(draft_id=draft.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert connection.vendor == "postgresql"
    assert Response.objects.filter(wave=wave).count() == 1
    assert sum(r is not None for r in results) == 1
    assert len(results) == 20
