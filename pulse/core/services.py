"""Writes owned by the core app: the audit log and outgoing email."""

from typing import Any

from django.db import models, transaction

from pulse.core.models import AuditEntry
from pulse.core.tasks import send_email


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    target_type: str = "",
    target_label: str = "",
    ics_code: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record an admin action. `actor` is a user or None for the system itself."""
    if target is not None:
        target_type = target_type or target._meta.label
        target_label = target_label or str(target)[:300]
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "email", "") or "system",
        action=action,
        target_type=target_type,
        target_id=str(target.pk) if target is not None else "",
        target_label=target_label,
        ics_code=ics_code,
        details=details or {},
    )


def email_send_later(*, to: list[str], subject: str, body: str) -> None:
    """Queue an email for the background worker once the current transaction commits."""

    def enqueue() -> None:
        send_email.enqueue(to=to, subject=subject, body=body)

    transaction.on_commit(enqueue)


def task_schedule(task: Any, *, run_after: Any, **kwargs: Any) -> bool:
    """Queue `task` to run after `run_after` (an aware datetime) once this transaction commits.

    Returns False, scheduling nothing, when the configured backend cannot defer tasks (the
    immediate backend used in tests); callers must never rely on the schedule alone.
    """
    from django_tasks import default_task_backend

    if not default_task_backend.supports_defer:
        return False
    transaction.on_commit(lambda: task.using(run_after=run_after).enqueue(**kwargs))
    return True


def daily_jobs_schedule() -> bool:
    """Queue the daily jobs task for the next 2am unless one is already waiting."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from pulse.core.tasks import daily_jobs

    waiting = DBTaskResult.objects.filter(task_path=daily_jobs.module_path, status="READY")
    if waiting.exists():
        return False
    tomorrow = timezone.localdate() + timedelta(days=1)
    run_after = timezone.make_aware(datetime.combine(tomorrow, time(2, 0)))
    return task_schedule(daily_jobs, run_after=run_after)
