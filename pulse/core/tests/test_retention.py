from datetime import timedelta

import pytest
from axes.models import AccessLog
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from pulse.core.models import AuditEntry
from pulse.core.retention import all_purges, purge_expired
from pulse.core.services import audit_record
from pulse.surveys.models import ResponseDraft, WaveStatus
from pulse.surveys.services.responses import draft_start
from pulse.surveys.tests.factories import open_wave, small_version

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def aged(model, days: int, field: str = "created_at", **filters) -> None:  # type: ignore[no-untyped-def]
    model.objects.filter(**filters).update(**{field: timezone.now() - days * DAY})


def test_every_kind_of_expiring_data_has_a_rule_and_a_period() -> None:
    keys = {p.key for p in all_purges()}
    assert keys >= {
        "audit_entries",
        "sessions",
        "task_results",
        "sign_in_records",
        "sign_in_logs",
        "drafts",
        "participants",
        "result_uploads",
        "sign_in_links",
        "notifications",
        "report_files",
        "ideas_files",
    }


def test_old_audit_entries_go_and_recent_ones_stay() -> None:
    old = audit_record(actor=None, action="old_thing")
    audit_record(actor=None, action="recent_thing")
    aged(AuditEntry, 6 * 365 + 1, pk=old.pk)
    counts = purge_expired()
    assert counts["audit_entries"] == 1
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["recent_thing"]


def test_untouched_drafts_and_drafts_of_closed_waves_go() -> None:
    wave = open_wave(small_version())
    stale, _ = draft_start(wave=wave)
    fresh, _ = draft_start(wave=wave)
    ResponseDraft.objects.filter(pk=stale.pk).update(updated_on=timezone.localdate() - 91 * DAY)
    closed = open_wave(small_version(), open_link_slug="closed-link")
    draft_start(wave=closed)  # left behind when the wave closes
    closed.status = WaveStatus.CLOSED
    closed.save()
    assert purge_expired()["drafts"] == 2
    assert list(ResponseDraft.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_sign_in_logs_with_addresses_are_not_kept_for_ever() -> None:
    AccessLog.objects.create(username="a@example.nhs.uk", ip_address="192.0.2.1", user_agent="x")
    AccessLog.objects.update(attempt_time=timezone.now() - 91 * DAY)
    assert purge_expired()["sign_in_logs"] == 1
    assert not AccessLog.objects.exists()


@override_settings(
    PULSE_RETENTION_DAYS={
        **__import__("django.conf").conf.settings.PULSE_RETENTION_DAYS,
        "audit_entries": 3000,
    }
)
def test_periods_come_from_settings() -> None:
    old = audit_record(actor=None, action="old_thing")
    aged(AuditEntry, 6 * 365 + 1, pk=old.pk)
    assert purge_expired()["audit_entries"] == 0


def test_a_dry_run_counts_but_deletes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    old = audit_record(actor=None, action="old_thing")
    aged(AuditEntry, 6 * 365 + 1, pk=old.pk)
    call_command("purge_expired_data", "--dry-run")
    out = capsys.readouterr().out
    assert "1 would be deleted: Audit log entries (kept 2190 days)" in out
    assert "Dry run: nothing was deleted." in out
    assert AuditEntry.objects.filter(pk=old.pk).exists()
    call_command("purge_expired_data")
    assert not AuditEntry.objects.filter(pk=old.pk).exists()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_daily_jobs_are_scheduled_once(django_capture_on_commit_callbacks: object) -> None:
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        call_command("schedule_daily_jobs")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        call_command("schedule_daily_jobs")
    waiting = DBTaskResult.objects.filter(task_path="pulse.core.tasks.daily_jobs")
    assert waiting.count() == 1
    assert timezone.localtime(waiting.get().run_after).hour == 2


def test_the_daily_task_purges_and_closes_due_surveys() -> None:
    from pulse.core.tasks import daily_jobs

    due = open_wave(
        small_version(),
        closes_on=timezone.localdate() - DAY,
        opens_on=timezone.localdate() - 10 * DAY,
    )
    counts = daily_jobs.call()
    due.refresh_from_db()
    assert due.status == WaveStatus.CLOSED
    assert counts["waves_closed"] == 1
    assert "audit_entries" in counts
