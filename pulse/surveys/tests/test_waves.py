"""The wave services: create, change, local questions, open, close, publish, scheduled closing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from pulse.core.models import AuditEntry
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import PlaceFactory, ics, member
from pulse.surveys.models import ResponseDraft, Wave, WaveStatus
from pulse.surveys.services.responses import response_create
from pulse.surveys.services.waves import (
    wave_close,
    wave_create,
    wave_local_question_add,
    wave_local_question_remove,
    wave_open,
    wave_publish,
    wave_update,
    waves_close_due,
)
from pulse.surveys.tasks import close_due_waves
from pulse.surveys.tests.factories import SMALL_VALID, open_wave, pulse_check, small_version

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def draft(**fields: object) -> Wave:
    defaults: dict[str, object] = {
        "ics": ics(),
        "version": pulse_check(),
        "title": "Pulse check 2026",
        "opens_on": TODAY(),
        "closes_on": TODAY() + timedelta(days=21),
        "by": member(Role.ICS_ADMIN),
    }
    return wave_create(**{**defaults, **fields})  # type: ignore[arg-type]


def settings_of(wave: Wave, **changes: object) -> dict[str, object]:
    current = {
        "title": wave.title,
        "opens_on": wave.opens_on,
        "closes_on": wave.closes_on,
        "open_link_enabled": wave.open_link_enabled,
        "access_code": None,
    }
    return {**current, **changes}


AGREE = {"key": "local_know_lead", "type": "agreement", "text": "I know my CCPL lead."}


def messages(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return error.value.messages


# --- create and change -----------------------------------------------------------------


def test_a_new_wave_is_a_draft_with_a_random_link_and_an_audit_entry() -> None:
    wave = draft(open_link_enabled=True, access_code="  sesame-42 ")
    assert wave.status == WaveStatus.DRAFT
    assert len(wave.open_link_slug) >= 20
    assert wave.access_code_hash and "sesame" not in wave.access_code_hash
    assert AuditEntry.objects.filter(action="wave_created", target_id=str(wave.pk)).exists()


def test_a_wave_cannot_run_another_systems_questionnaire() -> None:
    london_version = small_version(ics=ics("QMJ"))
    with pytest.raises(ValidationError) as error:
        draft(version=london_version)
    assert messages(error) == ["Select a survey your system can use"]


def test_the_closing_date_cannot_come_before_the_opening_date() -> None:
    with pytest.raises(ValidationError) as error:
        draft(opens_on=TODAY(), closes_on=TODAY() - timedelta(days=1))
    assert "The closing date must be the same as or after the opening date" in messages(error)


def test_a_draft_can_change_every_setting_including_its_questionnaire() -> None:
    wave = draft()
    own = small_version(ics=ics())
    wave = wave_update(
        wave=wave, by=None, version=own, **settings_of(wave, title="Renamed", access_code="abcdef")
    )
    wave.refresh_from_db()
    assert (wave.title, wave.version_id) == ("Renamed", own.pk)
    assert wave.access_code_hash
    wave_update(wave=wave, by=None, **settings_of(wave, access_code=""))
    wave.refresh_from_db()
    assert wave.access_code_hash == ""


def test_changing_questionnaire_keeps_local_questions_only_if_they_still_fit() -> None:
    wave = draft(version=small_version(ics=ics()))
    wave_local_question_add(wave=wave, question={**AGREE, "key": "p3_protected_time"}, by=None)
    with pytest.raises(ValidationError) as error:
        wave_update(wave=wave, by=None, version=pulse_check(), **settings_of(wave))
    assert "Your own questions do not fit that survey" in messages(error)[0]


def test_an_open_wave_can_only_change_its_closing_date() -> None:
    wave = open_wave()
    later = wave.closes_on + timedelta(days=7)
    wave_update(wave=wave, by=None, **settings_of(wave, closes_on=later))
    wave.refresh_from_db()
    assert wave.closes_on == later
    for change in ({"title": "New title"}, {"open_link_enabled": False}, {"access_code": "abcdef"}):
        with pytest.raises(ValidationError) as error:
            wave_update(wave=wave, by=None, **settings_of(wave, **change))
        assert messages(error) == ["The survey is open: you can only change its closing date"]
    with pytest.raises(ValidationError) as error:
        wave_update(wave=wave, by=None, **settings_of(wave, closes_on=TODAY() - timedelta(days=1)))
    assert messages(error) == ["The closing date must be today or later"]


def test_an_open_waves_questionnaire_can_no_longer_change() -> None:
    wave = open_wave()
    with pytest.raises(ValidationError):
        wave_update(wave=wave, by=None, version=small_version(ics=ics()), **settings_of(wave))
    wave.refresh_from_db()
    assert wave.version == pulse_check()


def test_a_closed_wave_cannot_change() -> None:
    wave = open_wave(status=WaveStatus.CLOSED)
    with pytest.raises(ValidationError) as error:
        wave_update(wave=wave, by=None, **settings_of(wave, closes_on=TODAY()))
    assert messages(error) == ["You cannot change a survey that is closed"]


# --- local questions ----------------------------------------------------------------------


def test_a_local_question_is_asked_after_the_standard_ones() -> None:
    wave = wave_local_question_add(wave=draft(), question=AGREE, by=None)
    assert wave.definition.sections[-1].title == "Questions from your integrated care system"
    assert wave.definition.questions()[-1].key == "local_know_lead"
    assert AuditEntry.objects.filter(action="wave_local_question_added").exists()


def test_a_local_question_cannot_reuse_a_standard_key() -> None:
    wave = draft()
    with pytest.raises(ValidationError) as error:
        wave_local_question_add(wave=wave, question={**AGREE, "key": "p3_protected_time"}, by=None)
    assert any("p3_protected_time" in m for m in messages(error))
    wave.refresh_from_db()
    assert wave.local_questions == []


def test_a_local_question_of_another_type_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        wave_local_question_add(wave=draft(), question={**AGREE, "type": "layer_grid"}, by=None)
    assert messages(error) == ["Select the type of question"]


def test_an_opened_waves_local_questions_can_no_longer_change() -> None:
    wave = wave_local_question_add(wave=draft(), question=AGREE, by=None)
    PlaceFactory(name="Wirral")
    wave = wave_open(wave=wave, by=None)
    with pytest.raises(ValidationError) as error:
        wave_local_question_add(wave=wave, question={**AGREE, "key": "local_other"}, by=None)
    assert messages(error) == ["You cannot add questions to a survey that is open"]
    with pytest.raises(ValidationError) as error:
        wave_local_question_remove(wave=wave, key="local_know_lead", by=None)
    assert messages(error) == ["You cannot remove questions from a survey that is open"]
    wave.refresh_from_db()
    assert [q["key"] for q in wave.local_questions] == ["local_know_lead"]


def test_a_question_another_depends_on_cannot_be_removed_first() -> None:
    choice = {
        "key": "local_team",
        "type": "single_choice",
        "text": "Your team?",
        "options": [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}],
    }
    follow_up = {
        "key": "local_why",
        "type": "free_text",
        "text": "Why?",
        "show_if": {"question": "local_team", "equals": "a"},
    }
    wave = wave_local_question_add(wave=draft(), question=choice, by=None)
    wave = wave_local_question_add(wave=wave, question=follow_up, by=None)
    with pytest.raises(ValidationError) as error:
        wave_local_question_remove(wave=wave, key="local_team", by=None)
    assert messages(error) == ["Another question depends on this one. Remove that question first."]
    wave = wave_local_question_remove(wave=wave, key="local_why", by=None)
    wave = wave_local_question_remove(wave=wave, key="local_team", by=None)
    assert wave.local_questions == []


# --- the lifecycle ------------------------------------------------------------------------


def test_opening_fixes_the_active_places_and_is_audited() -> None:
    PlaceFactory(name="Wirral", code="wirral")
    PlaceFactory(name="Halton", code="halton", active=False)
    PlaceFactory(name="Camden", code="camden", ics=ics("QMJ"))
    wave = wave_open(wave=draft(), by=None)
    assert wave.status == WaveStatus.OPEN and wave.opened_at is not None
    assert wave.places == [{"code": "wirral", "label": "Wirral"}]
    assert AuditEntry.objects.filter(action="wave_opened", ics_code="QYG").exists()


def test_a_survey_asking_for_a_place_cannot_open_without_places() -> None:
    wave = draft()
    with pytest.raises(ValidationError) as error:
        wave_open(wave=wave, by=None)
    assert messages(error) == [
        "The survey asks for the respondent's place: add your system's places first"
    ]
    wave.refresh_from_db()
    assert wave.status == WaveStatus.DRAFT


def test_a_draft_whose_closing_date_has_passed_cannot_open() -> None:
    PlaceFactory()
    wave = draft(opens_on=TODAY() - timedelta(days=9), closes_on=TODAY() - timedelta(days=2))
    with pytest.raises(ValidationError) as error:
        wave_open(wave=wave, by=None)
    assert messages(error) == ["The closing date has passed. Choose a later closing date."]


def test_closing_deletes_unfinished_drafts_but_keeps_responses() -> None:
    wave = open_wave(version=small_version())
    ResponseDraft.objects.create(wave=wave, resume_token_hash="x" * 64, updated_on=TODAY())
    response_create(wave=wave, answers=SMALL_VALID)
    wave = wave_close(wave=wave, by=None)
    assert wave.status == WaveStatus.CLOSED and wave.closed_at is not None
    assert not ResponseDraft.objects.filter(wave=wave).exists()
    assert wave.responses.count() == 1
    assert AuditEntry.objects.filter(action="wave_closed", target_id=str(wave.pk)).exists()


@pytest.mark.parametrize(
    ("status", "step", "message"),
    [
        (WaveStatus.OPEN, wave_open, "You cannot open a survey that is open"),
        (WaveStatus.CLOSED, wave_open, "You cannot open a survey that is closed"),
        (WaveStatus.DRAFT, wave_close, "You cannot close a survey that is still a draft"),
        (WaveStatus.CLOSED, wave_close, "You cannot close a survey that is closed"),
        (WaveStatus.DRAFT, wave_publish, "You cannot publish a survey that is still a draft"),
        (WaveStatus.OPEN, wave_publish, "You cannot publish a survey that is open"),
        (WaveStatus.PUBLISHED, wave_publish, "You cannot publish a survey that is published"),
    ],
)
def test_steps_out_of_order_are_refused_in_plain_english(
    status: str, step: object, message: str
) -> None:
    wave = open_wave(status=status)
    with pytest.raises(ValidationError) as error:
        step(wave=wave, by=None)  # type: ignore[operator]
    assert messages(error) == [message]
    wave.refresh_from_db()
    assert wave.status == status


def test_publishing_a_closed_wave_records_when() -> None:
    wave = wave_publish(wave=open_wave(status=WaveStatus.CLOSED), by=None)
    assert wave.status == WaveStatus.PUBLISHED and wave.published_at is not None
    assert AuditEntry.objects.filter(action="wave_published").exists()


# --- scheduled closing --------------------------------------------------------------------


def _due_and_not_due() -> dict[str, Wave]:
    yesterday, today = TODAY() - timedelta(days=1), TODAY()
    waves = {
        "due": open_wave(closes_on=yesterday),
        "closes_today": open_wave(closes_on=today),
        "draft_past": open_wave(status=WaveStatus.DRAFT, closes_on=yesterday),
        "closed": open_wave(status=WaveStatus.CLOSED, closes_on=yesterday),
    }
    for wave in waves.values():
        ResponseDraft.objects.create(
            wave=wave, resume_token_hash=f"{wave.pk:064d}", updated_on=today
        )
    return waves


def test_only_open_waves_past_their_closing_date_are_closed() -> None:
    waves = _due_and_not_due()
    closed = waves_close_due()
    assert [w.pk for w in closed] == [waves["due"].pk]
    statuses = {name: Wave.objects.get(pk=w.pk).status for name, w in waves.items()}
    assert statuses == {
        "due": WaveStatus.CLOSED,
        "closes_today": WaveStatus.OPEN,
        "draft_past": WaveStatus.DRAFT,
        "closed": WaveStatus.CLOSED,
    }
    assert not ResponseDraft.objects.filter(wave=waves["due"]).exists()
    assert ResponseDraft.objects.filter(wave=waves["closes_today"]).exists()
    assert AuditEntry.objects.filter(action="wave_closed", actor_label="system").count() == 1
    assert waves_close_due() == []


def test_the_scheduled_task_closes_due_waves() -> None:
    waves = _due_and_not_due()
    result = close_due_waves.enqueue()
    assert result.return_value == 1
    assert Wave.objects.get(pk=waves["due"].pk).status == WaveStatus.CLOSED


def test_the_close_due_waves_command_says_what_it_closed() -> None:
    waves = _due_and_not_due()
    out = StringIO()
    call_command("close_due_waves", stdout=out)
    text = out.getvalue()
    assert "Closed Pulse check 2026 (Cheshire and Merseyside)" in text
    assert "1 survey(s) closed." in text
    assert Wave.objects.get(pk=waves["due"].pk).status == WaveStatus.CLOSED
    again = StringIO()
    call_command("close_due_waves", stdout=again)
    assert again.getvalue().strip() == "No surveys were due to close."
